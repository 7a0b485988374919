/**
 * Exact-span evaluation: a predicted entity counts only if its start, end and type all
 * equal a gold span's. Reports precision/recall/F1 per type and micro-averaged. A prediction
 * that is not a gold span but has the extent and type of one of the text's `ignored` mentions
 * (see AnnotatedText) is neither a true nor a false positive, and a gold span's `alt` extent
 * counts as the span itself (once: a second prediction of the same mention is a false positive),
 * as in that corpus's own scorer. `strict` uses neither: the gold spans' own extents only.
 */
import { ENTITY_TYPES, type EntityType } from '../perceptron.js';
import type { AnnotatedText } from './types.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalResult {
  PERSON: Prf;
  ORGANIZATION: Prf;
  LOCATION: Prf;
  micro: Prf;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), tp, fp, fn };
}

export function evaluate(
  docs: readonly AnnotatedText[],
  tag: (text: string) => ReadonlyArray<{ start: number; end: number; type: EntityType }>,
  opts: { strict?: boolean } = {},
): EvalResult {
  const counts = new Map<EntityType, { tp: number; fp: number; fn: number }>(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const d of docs) {
    // each gold mention by its extent and, where it has one, its alternative extent
    const gold = new Map<string, number>();
    d.spans.forEach((s, i) => {
      gold.set(`${s.start}:${s.end}:${s.type}`, i);
      if (s.alt !== undefined && opts.strict !== true && !gold.has(`${s.alt.start}:${s.alt.end}:${s.type}`)) gold.set(`${s.alt.start}:${s.alt.end}:${s.type}`, i);
    });
    const ignored = new Set((opts.strict === true ? [] : (d.ignored ?? [])).map((s) => `${s.start}:${s.end}:${s.type}`));
    const matched = new Set<number>();
    const seen = new Set<string>();
    for (const p of tag(d.text)) {
      const key = `${p.start}:${p.end}:${p.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(p.type)!;
      const g = gold.get(key);
      if (g !== undefined && !matched.has(g)) {
        matched.add(g);
        c.tp++;
      } else if (g === undefined && ignored.has(key)) continue;
      else c.fp++;
    }
    d.spans.forEach((s, i) => {
      if (!matched.has(i)) counts.get(s.type)!.fn++;
    });
  }
  const all = { tp: 0, fp: 0, fn: 0 };
  const per = {} as Record<EntityType, Prf>;
  for (const t of ENTITY_TYPES) {
    const c = counts.get(t)!;
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
    per[t] = prf(c.tp, c.fp, c.fn);
  }
  return { ...per, micro: prf(all.tp, all.fp, all.fn) };
}
