/**
 * Second-stage ("stacked") features from a whole document: what the first-stage tagger said
 * about this token and about the other occurrences of the same word (and of the same 5-letter
 * stem, for Russian and Kazakh inflection) elsewhere in the text. They let the second stage
 * make a name consistent across a document ("Rick Santorum" ... "Santorum"; "Токаев" ...
 * "Токаева") and fix sentence-initial capitals. Stage-1 tags for training come from
 * cross-validation (scripts/train-ner.ts), so the second stage learns how far to trust them.
 *
 *   stackDocFeatures([{ words, feats }], [stage1Tags], 22) // per sentence: base + DOC_FEATURES_PER_TOKEN columns
 */
import { FEATURES_PER_TOKEN, mix, pair } from './features.js';

export const DOC_FEATURES_PER_TOKEN = 8;
export const STACKED_FEATURES_PER_TOKEN = FEATURES_PER_TOKEN + DOC_FEATURES_PER_TOKEN;

const LETTER = /\p{L}/u;
const UPPER_START = /^\p{Lu}/u;

/** 0 = O, 1 = PERSON, 2 = ORGANIZATION, 3 = LOCATION */
function typeOf(tag: number): number {
  return (tag + 1) >> 1;
}

function stemOf(lower: string): string | null {
  return lower.length >= 4 ? lower.slice(0, 5) : null;
}

/** What the document features need of one word; the same for every occurrence (see `docWordOf`). */
export interface DocWord {
  /** lower case, '' for a word without letters */
  lower: string;
  stem: string | null;
  upperStart: boolean;
}

export function docWordOf(w: string): DocWord {
  const lower = LETTER.test(w) ? w.toLowerCase() : '';
  return { lower, stem: lower === '' ? null : stemOf(lower), upperStart: UPPER_START.test(w) };
}

function tally(map: Map<string, Int32Array>, key: string, type: number): void {
  let c = map.get(key);
  if (c === undefined) {
    c = new Int32Array(4);
    map.set(key, c);
  }
  c[type]!++;
}

/** What the other occurrences say: 20 none, 21 always O, else type*2 (+1 when mostly O). */
function otherCode(c: Int32Array | undefined, ownType: number): number {
  if (c === undefined) return 20;
  let sum = 0;
  let best = 0;
  let bestType = 0;
  for (let t = 0; t < 4; t++) {
    const v = c[t]! - (t === ownType ? 1 : 0);
    sum += v;
    if (t > 0 && v > best) {
      best = v;
      bestType = t;
    }
  }
  if (sum <= 0) return 20;
  if (best === 0) return 21;
  const o = c[0]! - (ownType === 0 ? 1 : 0);
  return bestType * 2 + (o > best ? 1 : 0);
}

/** `docWords`, when given, holds each sentence's `docWordOf` its words (a caller keeping them per word). */
export function stackDocFeatures(
  sentences: ReadonlyArray<{ words: readonly string[]; feats: Int32Array }>,
  stage1: readonly Uint8Array[],
  bits: number,
  docWords?: ReadonlyArray<readonly DocWord[]>,
): Int32Array[] {
  const F = FEATURES_PER_TOKEN;
  const D = DOC_FEATURES_PER_TOKEN;
  const doc = docFeatureColumns(docWords ?? sentences.map((s) => s.words.map(docWordOf)), stage1, bits);
  return sentences.map((s, si) => {
    const n = s.words.length;
    const own = doc[si]!;
    const out = new Int32Array(n * (F + D));
    for (let i = 0; i < n; i++) {
      const from = i * F;
      const to = i * (F + D);
      for (let k = 0; k < F; k++) out[to + k] = s.feats[from + k]!;
      for (let k = 0; k < D; k++) out[to + F + k] = own[i * D + k]!;
    }
    return out;
  });
}

/** Only the document columns of `stackDocFeatures`: per sentence, DOC_FEATURES_PER_TOKEN ids per token. */
export function docFeatureColumns(info: ReadonlyArray<readonly DocWord[]>, stage1: readonly Uint8Array[], bits: number): Int32Array[] {
  const mask = (1 << bits) - 1;
  const byWord = new Map<string, Int32Array>();
  const byStem = new Map<string, Int32Array>();
  const capMid = new Set<string>();
  for (let si = 0; si < info.length; si++) {
    const tags = stage1[si]!;
    const ws = info[si]!;
    for (let i = 0; i < ws.length; i++) {
      const d = ws[i]!;
      const l = d.lower;
      if (l === '') continue;
      const ty = typeOf(tags[i]!);
      tally(byWord, l, ty);
      if (d.stem !== null) tally(byStem, d.stem, ty);
      if (i > 0 && d.upperStart) capMid.add(l);
    }
  }
  const D = DOC_FEATURES_PER_TOKEN;
  return info.map((ws, si) => {
    const n = ws.length;
    const tags = stage1[si]!;
    const out = new Int32Array(n * D);
    for (let i = 0; i < n; i++) {
      const d = ws[i]!;
      const l = d.lower;
      const tag = tags[i]!;
      const ty = typeOf(tag);
      const prev = i > 0 ? tags[i - 1]! : 9;
      const next = i + 1 < n ? tags[i + 1]! : 10;
      const up = d.upperStart ? 1 : 0;
      let wc = 22;
      let sc = 22;
      if (l !== '') {
        wc = otherCode(byWord.get(l), ty);
        if (d.stem !== null) sc = otherCode(byStem.get(d.stem), ty);
      }
      const cap = l === '' ? 0 : 1 + (capMid.has(l) ? 1 : 0) + (i === 0 ? 2 : 0) + up * 4;
      const base = i * D;
      out[base] = mix(101, tag + 1) & mask;
      out[base + 1] = mix(102, pair(prev, next)) & mask;
      out[base + 2] = mix(103, wc) & mask;
      out[base + 3] = mix(104, pair(wc, up)) & mask;
      out[base + 4] = mix(105, pair(wc, tag)) & mask;
      out[base + 5] = mix(106, sc) & mask;
      out[base + 6] = mix(107, pair(sc, tag)) & mask;
      out[base + 7] = mix(108, cap) & mask;
    }
    return out;
  });
}
