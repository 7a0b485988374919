/**
 * Exact-span evaluation: a predicted entity counts only if its start, end and type all
 * equal a gold span's. Reports precision/recall/F1 per type and micro-averaged.
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
): EvalResult {
  const counts = new Map<EntityType, { tp: number; fp: number; fn: number }>(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const d of docs) {
    const gold = new Set(d.spans.map((s) => `${s.start}:${s.end}:${s.type}`));
    const seen = new Set<string>();
    for (const p of tag(d.text)) {
      const key = `${p.start}:${p.end}:${p.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(p.type)!;
      if (gold.has(key)) c.tp++;
      else c.fp++;
    }
    for (const s of d.spans) if (!seen.has(`${s.start}:${s.end}:${s.type}`)) counts.get(s.type)!.fn++;
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
