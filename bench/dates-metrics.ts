/**
 * TimeML (TempEval-3 TBAQ) reading and scoring for the date extractor: the document's TEXT with
 * tags removed, the creation time, and gold TIMEX3 spans as offsets into that text.
 */
import type { DateMention } from '../src/pipeline/extract/dates/types.js';

export interface GoldTimex { start: number; end: number; type: string; value: string; text: string }
export interface TimemlDoc { id: string; dct: string; text: string; gold: GoldTimex[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e]!);

export function parseTimeml(id: string, xml: string): TimemlDoc {
  const dctTag = /<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>/.exec(xml)?.[0] ?? '';
  const dct = /value="(\d{4}-\d{2}-\d{2})/.exec(dctTag)?.[1] ?? '';
  const body = /<TEXT>([\s\S]*)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const gold: GoldTimex[] = [];
  let open: { start: number; type: string; value: string } | null = null;
  const re = /<[^>]+>|[^<]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const tok = m[0];
    if (tok.startsWith('<TIMEX3')) {
      open = { start: text.length, type: /type="(\w+)"/.exec(tok)?.[1] ?? '', value: /value="([^"]*)"/.exec(tok)?.[1] ?? '' };
    } else if (tok.startsWith('</TIMEX3') && open) {
      gold.push({ ...open, end: text.length, text: text.slice(open.start, text.length) });
      open = null;
    } else if (!tok.startsWith('<')) {
      text += decode(tok);
    }
  }
  return { id, dct, text, gold };
}

export interface Prf { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface DateScore {
  strict: Prf;
  lenient: Prf;
  /** Gold DATEs matched (lenient) whose value equals the predicted timex exactly. */
  valueAccuracy: number;
  matched: number;
  valueCorrect: number;
  /** Exact-value F1 over all gold DATEs and all predictions (TempEval-3 style "value F1"). */
  valueF1: number;
  ignored: number;
}

const prf = (tp: number, fp: number, fn: number): Prf => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/**
 * Scores predictions against gold TIMEX3 type DATE. A prediction that overlaps a gold TIMEX3 of
 * another type (DURATION "the past two years", TIME, SET) is neither right nor wrong for DATE
 * detection: Chronicle normalises those to intervals on purpose. It is counted as `ignored`.
 */
export function scoreDates(docs: { gold: GoldTimex[]; predicted: DateMention[] }[]): DateScore {
  let sTp = 0, sFp = 0, sFn = 0, lTp = 0, lFp = 0, lFn = 0, matched = 0, correct = 0, ignored = 0, nPred = 0, nGold = 0;
  for (const { gold, predicted } of docs) {
    const dates = gold.filter((g) => g.type === 'DATE');
    const others = gold.filter((g) => g.type !== 'DATE');
    const preds = predicted.filter((p) => {
      const skip = !dates.some((g) => overlaps(g, p)) && others.some((g) => overlaps(g, p));
      if (skip) ignored++;
      return !skip;
    });
    nPred += preds.length;
    nGold += dates.length;
    const usedStrict = new Set<number>();
    const usedLenient = new Set<number>();
    for (const g of dates) {
      const si = preds.findIndex((p, i) => !usedStrict.has(i) && p.start === g.start && p.end === g.end);
      if (si >= 0) usedStrict.add(si);
      else sFn++;
      const li = preds.findIndex((p, i) => !usedLenient.has(i) && overlaps(p, g));
      if (li >= 0) {
        usedLenient.add(li);
        matched++;
        if (preds[li]!.timex === g.value) correct++;
      } else lFn++;
    }
    sTp += usedStrict.size;
    sFp += preds.length - usedStrict.size;
    lTp += usedLenient.size;
    lFp += preds.length - usedLenient.size;
  }
  const vp = nPred ? correct / nPred : 0;
  const vr = nGold ? correct / nGold : 0;
  return {
    strict: prf(sTp, sFp, sFn), lenient: prf(lTp, lFp, lFn),
    valueAccuracy: matched ? correct / matched : 0, matched, valueCorrect: correct,
    valueF1: vp + vr ? (2 * vp * vr) / (vp + vr) : 0, ignored,
  };
}
