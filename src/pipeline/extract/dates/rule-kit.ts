/** Small helpers the per-language rule sets share: running patterns, picking spans, numbers. */
import { scannerFor } from '../boundary-scan.js';
import { literalPrefilter, type Prefilter } from '../literal-prefilter.js';
import type { Candidate, Mod, Spec } from './types.js';

export type Groups = Record<string, string | undefined>;
/** A pattern and what a match means; returning null rejects the match. */
export interface Pattern { re: RegExp; make: (g: Groups, m: RegExpExecArray, text: string) => Spec | null }

/** Runs every pattern (each must have the `g` flag) and collects candidates. */
const prefilters = new WeakMap<readonly Pattern[], Prefilter>();

export function runPatterns(patterns: readonly Pattern[], text: string): Candidate[] {
  const out: Candidate[] = [];
  let prefilter = prefilters.get(patterns);
  if (prefilter === undefined) {
    prefilter = literalPrefilter(patterns.map((p) => p.re));
    prefilters.set(patterns, prefilter);
  }
  // Patterns none of whose literals occur in the text cannot match (literal-prefilter.ts).
  const may = prefilter(text);
  for (let i = 0; i < patterns.length; i++) {
    if (!may[i]) continue;
    const p = patterns[i]!;
    const next = scannerFor(p.re);
    for (let m = next(text, 0); m; m = next(text, m[0].length === 0 ? m.index + 1 : m.index + m[0].length)) {
      if (m[0].length === 0) continue;
      const spec = p.make(m.groups ?? {}, m, text);
      if (spec) out.push({ start: m.index, end: m.index + m[0].length, spec });
    }
  }
  return out;
}

/** Keeps the longest non-overlapping candidates (ties: the earlier pattern wins), in text order. */
export function pickLongest(cands: Candidate[]): Candidate[] {
  const order = cands.map((c, i) => ({ c, i })).sort((a, b) => (b.c.end - b.c.start) - (a.c.end - a.c.start) || a.i - b.i);
  const taken: Candidate[] = [];
  for (const { c } of order) {
    if (!taken.some((t) => c.start < t.end && t.start < c.end)) taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  a: 1, an: 1, couple: 2, 'a couple of': 2,
};
export const EN_NUMBER = '(?:\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a couple of)';

/** "two" -> 2, "twenty-one" -> 21, "12" -> 12. */
export function parseEnNumber(s: string): number | null {
  const t = s.toLowerCase().trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t in UNITS) return UNITS[t]!;
  const m = /^(\w+)[-\s](\w+)$/.exec(t);
  if (m && m[1]! in UNITS && m[2]! in UNITS) return UNITS[m[1]!]! + UNITS[m[2]!]!;
  return null;
}

const RU_UNITS: Record<string, number> = {
  один: 1, одну: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9,
  десять: 10, пятнадцать: 15, двадцать: 20, тридцать: 30, пару: 2, полтора: 1,
};
export const RU_NUMBER = '(?:\\d{1,3}|один|одну|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|пятнадцать|двадцать|тридцать|пару)';
export function parseRuNumber(s: string): number | null {
  const t = s.toLowerCase();
  return /^\d+$/.test(t) ? Number(t) : RU_UNITS[t] ?? null;
}

/** early/mid/late phrasing to a Mod. */
export function toMod(s: string | undefined): Mod | undefined {
  if (!s) return undefined;
  const t = s.toLowerCase();
  if (/early|beginning|start|начал|басы/.test(t)) return 'early';
  if (/mid|middle|середин|ортасы/.test(t)) return 'mid';
  if (/late|end|конц|конец|соңы/.test(t)) return 'late';
  return undefined;
}

/** A bare four-digit number reads as a year unless it looks like a quantity or an identifier. */
export function plausibleYear(text: string, start: number, end: number, y: number): boolean {
  if (y < 1000 || y > 2099) return false;
  const before = text.slice(Math.max(0, start - 3), start);
  const after = text.slice(end, end + 12);
  if (/[$€£#№\d][.,]?\s?$|[\d][.,]$|\d[-–]$/.test(before)) return false;
  if (/^(?:[.,]\d|\s?%|\s?percent|\s?per cent|-\d|\s?(?:[a-z]+s|people|men|women|feet|km|kg|mph|tonnes?)\b)/i.test(after)) {
    return /^\s?(?:levels?|lows?|highs?|elections?|results?|sales|earnings|profits?|figures?|games|olympics)\b/i.test(after);
  }
  return true;
}
