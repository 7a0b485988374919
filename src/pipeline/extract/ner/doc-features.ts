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
import { FEATURES_PER_TOKEN, mixMasked, pair32 } from './features.js';

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

/**
 * A lower-case word's (or a stem's) entry in the counts of the document being read: `doc` is the
 * number of the `docFeatureColumns` call that last gave it one, `at` that entry's offset. The
 * words (stems) that are equal hold the same DocKey (`DocKeys`), so a token reaches its entry
 * through its word's DocWord, without a lookup by string per token.
 */
export interface DocKey { doc: number; at: number }

/**
 * One DocKey per lower-case word and per stem. The DocWords of one `docFeatureColumns` call must
 * all come from one DocKeys: words from two would be counted apart.
 */
export class DocKeys {
  private readonly words = new Map<string, DocKey>();
  private readonly stems = new Map<string, DocKey>();
  word(lower: string): DocKey {
    return DocKeys.keyOf(this.words, lower);
  }
  stem(stem: string): DocKey {
    return DocKeys.keyOf(this.stems, stem);
  }
  private static keyOf(keys: Map<string, DocKey>, s: string): DocKey {
    let k = keys.get(s);
    if (k === undefined) {
      k = { doc: 0, at: 0 };
      keys.set(s, k);
    }
    return k;
  }
}

/** What the document features need of one word; the same for every occurrence (see `docWordOf`). */
export interface DocWord {
  /** its lower case's key; null for a word without letters */
  wordKey: DocKey | null;
  /** its stem's key (the first 5 letters of a lower case of 4 or more); null without */
  stemKey: DocKey | null;
  upperStart: boolean;
}

export function docWordOf(w: string, keys: DocKeys): DocWord {
  const lower = LETTER.test(w) ? w.toLowerCase() : '';
  const stem = lower === '' ? null : stemOf(lower);
  return { wordKey: lower === '' ? null : keys.word(lower), stemKey: stem === null ? null : keys.stem(stem), upperStart: UPPER_START.test(w) };
}

/**
 * What the other occurrences say: 20 none, 21 always O, else type*2 (+1 when mostly O), from the
 * counts per type at `counts[at..at+3]` (this occurrence's `ownType` among them).
 */
function otherCode(counts: Int32Array, at: number, ownType: number): number {
  let sum = 0;
  let best = 0;
  let bestType = 0;
  for (let t = 0; t < 4; t++) {
    const v = counts[at + t]! - (t === ownType ? 1 : 0);
    sum += v;
    if (t > 0 && v > best) {
      best = v;
      bestType = t;
    }
  }
  if (sum <= 0) return 20;
  if (best === 0) return 21;
  const o = counts[at]! - (ownType === 0 ? 1 : 0);
  return bestType * 2 + (o > best ? 1 : 0);
}

/**
 * Per-type counts of one document's words and stems in one array: entry k at k * 5, the types
 * 0..3, then (words) 1 when the word starts with a capital after a sentence's first token.
 */
class DocCounts {
  counts = new Int32Array(5 * 256);
  size = 0;
  constructor(readonly doc: number) {}
  /** The entry of `key` (made, zeroed, on its first use in this document), as its offset in `counts`. */
  entry(key: DocKey): number {
    if (key.doc !== this.doc) {
      const at = this.size * 5;
      if (at + 5 > this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
      this.size++;
      key.doc = this.doc;
      key.at = at;
    }
    return key.at;
  }
}

/** Numbers the `docFeatureColumns` calls (DocKey.doc). */
let documents = 0;

/** `docWords`, when given, holds each sentence's `docWordOf` its words (a caller keeping them per word; all from one DocKeys). */
export function stackDocFeatures(
  sentences: ReadonlyArray<{ words: readonly string[]; feats: Int32Array }>,
  stage1: readonly Uint8Array[],
  bits: number,
  docWords?: ReadonlyArray<readonly DocWord[]>,
): Int32Array[] {
  const F = FEATURES_PER_TOKEN;
  const D = DOC_FEATURES_PER_TOKEN;
  const keys = new DocKeys();
  const doc = docFeatureColumns(docWords ?? sentences.map((s) => s.words.map((w) => docWordOf(w, keys))), stage1, bits);
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
  // Each token's entries for its word and stem (-1: none) are kept from the first pass, in
  // token order, so the second pass looks nothing up again.
  const doc = new DocCounts(++documents);
  let tokens = 0;
  for (const ws of info) tokens += ws.length;
  const ofWord = new Int32Array(tokens);
  const ofStem = new Int32Array(tokens);
  let k = 0;
  for (let si = 0; si < info.length; si++) {
    const tags = stage1[si]!;
    const ws = info[si]!;
    for (let i = 0; i < ws.length; i++, k++) {
      const d = ws[i]!;
      ofWord[k] = -1;
      ofStem[k] = -1;
      if (d.wordKey === null) continue;
      const ty = typeOf(tags[i]!);
      const w = doc.entry(d.wordKey);
      doc.counts[w + ty]!++;
      if (i > 0 && d.upperStart) doc.counts[w + 4] = 1;
      ofWord[k] = w;
      if (d.stemKey !== null) {
        const st = doc.entry(d.stemKey);
        doc.counts[st + ty]!++;
        ofStem[k] = st;
      }
    }
  }
  const counts = doc.counts;
  const D = DOC_FEATURES_PER_TOKEN;
  // One array for the document, a view of it per sentence: one allocation rather than one per sentence.
  const all = new Int32Array(tokens * D);
  k = 0;
  return info.map((ws, si) => {
    const n = ws.length;
    const tags = stage1[si]!;
    const out = all.subarray(k * D, (k + n) * D);
    for (let i = 0; i < n; i++, k++) {
      const d = ws[i]!;
      const tag = tags[i]!;
      const ty = typeOf(tag);
      const prev = i > 0 ? tags[i - 1]! : 9;
      const next = i + 1 < n ? tags[i + 1]! : 10;
      const up = d.upperStart ? 1 : 0;
      let wc = 22;
      let sc = 22;
      let cap = 0;
      const w = ofWord[k]!;
      if (w >= 0) {
        wc = otherCode(counts, w, ty);
        const st = ofStem[k]!;
        if (st >= 0) sc = otherCode(counts, st, ty);
        cap = 1 + counts[w + 4]! + (i === 0 ? 2 : 0) + up * 4;
      }
      const base = i * D;
      out[base] = mixMasked(101, tag + 1, mask);
      out[base + 1] = mixMasked(102, pair32(prev, next), mask);
      out[base + 2] = mixMasked(103, wc, mask);
      out[base + 3] = mixMasked(104, pair32(wc, up), mask);
      out[base + 4] = mixMasked(105, pair32(wc, tag), mask);
      out[base + 5] = mixMasked(106, sc, mask);
      out[base + 6] = mixMasked(107, pair32(sc, tag), mask);
      out[base + 7] = mixMasked(108, cap, mask);
    }
    return out;
  });
}
