/**
 * Sparse hashed features for the NER perceptron. Each token gets a fixed set of feature
 * templates (word, lowercase, shape, prefixes/suffixes 1–4, case flags, neighbouring words ±2,
 * sentence start, gazetteer hits); each (template, value) pair is hashed straight into a
 * bucket index in [0, 2^bits) without building feature strings, so extraction allocates
 * almost nothing and the model needs no feature dictionary.
 *
 *   extractFeatures(["Astana", "is", "cold"], 20, gaz) // Int32Array(3 * FEATURES_PER_TOKEN)
 *
 * Changing templates or hashing invalidates trained models: bump FEATURE_VERSION.
 */
export const FEATURE_VERSION = 3;
export const FEATURES_PER_TOKEN = 40;

/** Word lists marking exact gazetteer entries; values are a small type code (1..7). */
export interface Gazetteer {
  /** lowercase single token or space-joined multi-token name -> type code bitmask */
  entries: Map<string, number>;
  /** longest entry in tokens */
  maxLen: number;
  /** normalised first words of multi-word entries, to skip most tokens quickly */
  firstWords: Set<string>;
  /** how a token is turned into a key (lowercase, case endings stripped) */
  normalise: (word: string) => string;
}

function fnv(s: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/*
 * The feature hashes, in int32 throughout: a uint32 of 2^31 or more is not a small integer to
 * V8, so each such value returned (when not inlined) or stored would be a heap number to
 * allocate; an int32 is not. (The weights were trained with the uint32 forms, `… >>> 0`: the
 * same bits, since every operand goes through ToInt32/ToUint32 in Math.imul, ^, << and >>>.)
 */

/** A feature template's seed for `mixSeeded`. */
export function templateSeed(template: number): number {
  return Math.imul(template, 0x9e3779b1);
}

/** The hash of a value `h` under a template's seed (`templateSeed`), masked. */
export function mixSeeded(h: number, seed: number, mask: number): number {
  let x = Math.imul(h ^ seed, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x & mask;
}

/** The hash of a value `h` under feature template `template`, masked to the model's bits. */
export function mixMasked(template: number, h: number, mask: number): number {
  return mixSeeded(h, templateSeed(template), mask);
}

/** Two values combined into one hash input. */
export function pair32(a: number, b: number): number {
  return Math.imul(a, 0x2c1b3c6d) ^ (b + 0x7f4a7c15 + (a << 6) + (a >>> 2));
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/** Shape: X for upper, x for lower, d for digit, other chars as is; runs collapsed after 2. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of w) {
    let c: string;
    if (UPPER.test(ch)) c = 'X';
    else if (LOWER.test(ch)) c = 'x';
    else if (DIGIT.test(ch)) c = 'd';
    else if (LETTER.test(ch)) c = 'l';
    else c = ch;
    if (c === last) {
      run++;
      if (run >= 2) continue;
    } else {
      run = 0;
      last = c;
    }
    out += c;
  }
  return out;
}

function shortShape(shape: string): string {
  let out = '';
  for (const c of shape) if (out[out.length - 1] !== c) out += c;
  return out;
}

/** What the feature templates need of one word; the same for every occurrence (see `infoOf`). */
export interface TokenInfo {
  word: number;
  lower: number;
  shape: number;
  sshape: number;
  pre: [number, number, number, number];
  suf: [number, number, number, number];
  stem: number;
  flags: number;
  len: number;
}

const BOUNDARY_L = fnv('<S>', 1);
const BOUNDARY_R = fnv('</S>', 1);

export function infoOf(w: string): TokenInfo {
  const lower = w.toLowerCase();
  const shape = wordShape(w);
  const chars = Array.from(lower);
  const pre: [number, number, number, number] = [0, 0, 0, 0];
  const suf: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 1; k <= 4; k++) {
    pre[k - 1] = k <= chars.length ? fnv(chars.slice(0, k).join(''), 3) : 0;
    suf[k - 1] = k <= chars.length ? fnv(chars.slice(-k).join(''), 4) : 0;
  }
  const first = chars.length > 0 ? w[0] ?? '' : '';
  // UPPER, not a literal: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation.
  const isTitle = UPPER.test(first) && !UPPER.test(w.slice(1)) ? 1 : 0;
  const isUpper = LETTER.test(w) && !LOWER.test(w) ? 1 : 0;
  const hasDigit = DIGIT.test(w) ? 1 : 0;
  const hasHyphen = /[-‐‑]/u.test(w) ? 1 : 0;
  const initCap = UPPER.test(first) ? 1 : 0;
  const isPunct = !LETTER.test(w) && !DIGIT.test(w) ? 1 : 0;
  const flags = isTitle | (isUpper << 1) | (hasDigit << 2) | (hasHyphen << 3) | (initCap << 4) | (isPunct << 5);
  return {
    word: fnv(w, 1),
    lower: fnv(lower, 2),
    shape: fnv(shape, 5),
    sshape: fnv(shortShape(shape), 6),
    pre,
    suf,
    stem: fnv(chars.slice(0, 5).join(''), 7),
    flags,
    len: Math.min(chars.length, 12),
  };
}

const infoCache = new Map<string, TokenInfo>();

function cachedInfo(w: string): TokenInfo {
  let info = infoCache.get(w);
  if (info === undefined) {
    info = infoOf(w);
    if (infoCache.size > 200_000) infoCache.clear();
    infoCache.set(w, info);
  }
  return info;
}

/** A word as the gazetteer sees it: its key, whether multi-word entries start with it, its own code (-1: none). */
export interface GazWord {
  norm: string;
  first: boolean;
  code: number;
}

export function gazWordOf(gaz: Gazetteer, word: string): GazWord {
  const norm = gaz.normalise(word);
  return { norm, first: gaz.firstWords.has(norm), code: gaz.entries.get(norm) ?? -1 };
}

/** Marks gazetteer matches: code for the first token of a match, code << 8 inside, bit 16 multi-word. */
function markGazetteer(words: readonly GazWord[], gaz: Gazetteer, out: Int32Array): void {
  const n = words.length;
  for (let i = 0; i < n; i++) {
    const maxLen = words[i]!.first ? Math.min(gaz.maxLen, n - i) : 1;
    for (let len = maxLen; len >= 1; len--) {
      let code: number | undefined;
      if (len === 1) {
        const c = words[i]!.code;
        code = c === -1 ? undefined : c;
      } else {
        let key = words[i]!.norm;
        for (let k = 1; k < len; k++) key += ` ${words[i + k]!.norm}`;
        code = gaz.entries.get(key);
      }
      if (code === undefined) continue;
      // Case is left to the model: the flags x gazetteer feature learns "turkey" vs "Turkey".
      for (let k = 0; k < len; k++) out[i + k]! |= (k === 0 ? code : code << 8) | (len === 1 ? 0 : 1 << 16);
      i += len - 1;
      break;
    }
  }
}

/**
 * Features for each token of one sentence, FEATURES_PER_TOKEN bucket indices per token
 * (row-major), each in [0, 2^bits).
 */
export function extractFeatures(words: readonly string[], bits: number, gaz?: Gazetteer): Int32Array {
  const n = words.length;
  const infos: TokenInfo[] = new Array(n);
  for (let i = 0; i < n; i++) infos[i] = cachedInfo(words[i]!);
  return featuresOf(infos, bits, gaz, gaz === undefined ? undefined : words.map((w) => gazWordOf(gaz, w)));
}

/**
 * `extractFeatures` from the words' `infoOf` (and, with a gazetteer, their `gazWordOf`), for a
 * caller that keeps these per word already.
 */
export function featuresOf(infos: readonly TokenInfo[], bits: number, gaz?: Gazetteer, gazWords?: readonly GazWord[]): Int32Array {
  const n = infos.length;
  const groups = infos.map((t) => wordGroupFeatures(t, bits));
  const { before, after } = boundaryGroupFeatures(bits);
  const mixed = mixedFeaturesOf(infos, bits, gaz, gazWords);
  const out = new Int32Array(n * FEATURES_PER_TOKEN);
  for (let i = 0; i < n; i++) {
    const o = i * FEATURES_PER_TOKEN;
    let k = 0;
    for (let g = 0; g < WORD_GROUPS.length; g++) {
      const j = i + GROUP_OFFSET[g]!;
      const ids = j < 0 ? before : j >= n ? after : groups[j]!;
      for (const col of WORD_GROUPS[g]!) out[o + col] = ids[k++]!;
    }
    for (let c = 0; c < MIXED_FEATURES_PER_TOKEN; c++) out[o + MIXED_COLUMNS[c]!] = mixed[i * MIXED_FEATURES_PER_TOKEN + c]!;
  }
  return out;
}

/*
 * The columns, split the way the tagger's decoder uses them (perceptron.ts `decodeGrouped`): the
 * 25 that depend on one word only (`wordGroupFeatures`, computed once per distinct word) and the
 * 15 that mix several words or the position (`mixedFeaturesOf`, per token). Column k is hashed
 * with template k + 1 (see FEATURE_VERSION before changing anything); `featuresOf` puts the two
 * parts back in column order.
 */

/**
 * Feature columns whose value depends on one word only, grouped by where that word stands
 * relative to the token (GROUP_OFFSET): the token itself (bias, word, lower case, shape,
 * prefixes, suffixes, flags, length, stem), the word before it (its lower case, suffix, stem),
 * two before (lower case, short shape), the word after it, two after.
 */
export const WORD_GROUPS: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 25],
  [13, 21, 37],
  [14, 31],
  [15, 22, 36],
  [16, 32],
];
export const GROUP_OFFSET: readonly number[] = [0, -1, -2, 1, 2];
/** The columns that mix several words or the position, in ascending order: `mixedFeaturesOf`'s. */
export const MIXED_COLUMNS: readonly number[] = [17, 18, 19, 20, 23, 26, 27, 28, 29, 30, 33, 34, 35, 38, 39];

/** How many ids `wordGroupFeatures` gives: the columns of WORD_GROUPS, in that order. */
export const WORD_GROUP_FEATURES = 25;
/** How many ids per token `mixedFeaturesOf` gives (MIXED_COLUMNS). */
export const MIXED_FEATURES_PER_TOKEN = 15;
/**
 * Which of `mixedFeaturesOf`'s columns take few distinct values (bit k: its k-th id): the shape
 * pairs (17, 18), flags (23, 33), sentence start (26, 27) and gazetteer codes (28–30), as opposed
 * to the word pairs (19, 20, 34, 35, 38, 39), which take tens of thousands.
 */
export const MIXED_HOT_COLUMNS = 0b111_1111_0011;

/**
 * Feature ids of the columns that depend on word `t` alone, by the word's place relative to the
 * token: the token itself (columns 0–12, 24, 25), the word before (13, 21, 37), two before (14, 31),
 * the word after (15, 22, 36), two after (16, 32).
 */
export function wordGroupFeatures(t: TokenInfo, bits: number): Int32Array {
  const mask = (1 << bits) - 1;
  const o = new Int32Array(WORD_GROUP_FEATURES);
  o[0] = mixMasked(1, 1, mask);
  o[1] = mixMasked(2, t.word, mask);
  o[2] = mixMasked(3, t.lower, mask);
  o[3] = mixMasked(4, t.shape, mask);
  o[4] = mixMasked(5, t.pre[0], mask);
  o[5] = mixMasked(6, t.pre[1], mask);
  o[6] = mixMasked(7, t.pre[2], mask);
  o[7] = mixMasked(8, t.pre[3], mask);
  o[8] = mixMasked(9, t.suf[0], mask);
  o[9] = mixMasked(10, t.suf[1], mask);
  o[10] = mixMasked(11, t.suf[2], mask);
  o[11] = mixMasked(12, t.suf[3], mask);
  o[12] = mixMasked(13, t.flags + 1, mask);
  o[13] = mixMasked(25, t.len + 1, mask);
  o[14] = mixMasked(26, t.stem, mask);
  // as the word before the token (columns 13, 21, 37)
  o[15] = mixMasked(14, t.lower, mask);
  o[16] = mixMasked(22, t.suf[2], mask);
  o[17] = mixMasked(38, t.stem, mask);
  // two before (14, 31)
  o[18] = mixMasked(15, t.lower, mask);
  o[19] = mixMasked(32, t.sshape, mask);
  // the word after (15, 22, 36)
  o[20] = mixMasked(16, t.lower, mask);
  o[21] = mixMasked(23, t.suf[2], mask);
  o[22] = mixMasked(37, t.stem, mask);
  // two after (16, 32)
  o[23] = mixMasked(17, t.lower, mask);
  o[24] = mixMasked(33, t.sshape, mask);
  return o;
}

/**
 * `wordGroupFeatures` of the sentence boundary: where the neighbour a column reads is outside
 * the sentence, it reads BOUNDARY_L (before) or BOUNDARY_R (after) for its lower case, suffix,
 * stem and shape alike, so these are the neighbour groups' ids there.
 */
export function boundaryGroupFeatures(bits: number): { before: Int32Array; after: Int32Array } {
  const edge = (h: number): TokenInfo => ({ word: h, lower: h, shape: h, sshape: h, pre: [h, h, h, h], suf: [h, h, h, h], stem: h, flags: 0, len: 0 });
  return { before: wordGroupFeatures(edge(BOUNDARY_L), bits), after: wordGroupFeatures(edge(BOUNDARY_R), bits) };
}

/**
 * `mixedFeaturesOf` puts a token's 15 hash inputs in `mixedInputs`, then mixes them in one loop,
 * id k with template MIXED_COLUMNS[k] + 1 (18, 19, 20, 21, 24, 27, …, 40): each template's
 * seed is taken once (MIXED_SEEDS), and one short loop replaces 15
 * copies of `mixMasked`, which made the function too large for V8 to inline its small helpers.
 */
const MIXED_SEEDS = Int32Array.from(MIXED_COLUMNS, (col) => templateSeed(col + 1));
const mixedInputs = new Int32Array(MIXED_FEATURES_PER_TOKEN);

/** `mixedFeaturesOf`'s padded neighbour values (see there). */
interface Padded { lower: Int32Array; shape: Int32Array; flags: Int32Array; gaz: Int32Array }
const newPadded = (size: number): Padded => ({ lower: new Int32Array(size), shape: new Int32Array(size), flags: new Int32Array(size), gaz: new Int32Array(size) });
let padded = newPadded(256);

/** `mixedFeaturesOf`'s gazetteer codes, reused from sentence to sentence (grown when short). */
let gazScratch = new Int32Array(256);

/**
 * The MIXED_COLUMNS of each token, MIXED_FEATURES_PER_TOKEN per token: in `into` when given
 * (that many ints, all written; a caller's view of a larger array), else in a new array.
 */
export function mixedFeaturesOf(infos: readonly TokenInfo[], bits: number, gaz?: Gazetteer, gazWords?: readonly GazWord[], into?: Int32Array): Int32Array {
  const n = infos.length;
  const mask = (1 << bits) - 1;
  if (gazScratch.length < n) gazScratch = new Int32Array(2 * n);
  const gazCodes = gazScratch;
  gazCodes.fill(0, 0, n);
  if (gaz !== undefined) markGazetteer(gazWords!, gaz, gazCodes);
  const out = into ?? new Int32Array(n * MIXED_FEATURES_PER_TOKEN);
  const h = mixedInputs;
  // Neighbours' values padded with the sentence boundaries (index j + 2 is token j); arrays, not
  // closures (tsx would wrap each closure in a naming call per sentence). Reused from sentence to
  // sentence; the hashes held as int32 (`pair32` reads them so: the same bits).
  if (padded.lower.length < n + 4) padded = newPadded(2 * (n + 4));
  const { lower: lowerP, shape: shapeP, flags: flagsP, gaz: gazP } = padded;
  for (let j = 0; j < 2; j++) {
    lowerP[j] = BOUNDARY_L; shapeP[j] = BOUNDARY_L; flagsP[j] = 64; gazP[j] = 0;
    lowerP[n + 2 + j] = BOUNDARY_R; shapeP[n + 2 + j] = BOUNDARY_R; flagsP[n + 2 + j] = 128; gazP[n + 2 + j] = 0;
  }
  for (let j = 0; j < n; j++) {
    const t = infos[j]!;
    lowerP[j + 2] = t.lower; shapeP[j + 2] = t.sshape; flagsP[j + 2] = t.flags; gazP[j + 2] = gazCodes[j]!;
  }
  for (let i = 0; i < n; i++) {
    const t = infos[i]!;
    const o = i * MIXED_FEATURES_PER_TOKEN;
    const p = i + 2;
    const lowerPrev = lowerP[p - 1]!;
    const lowerNext = lowerP[p + 1]!;
    const flagsPrev = flagsP[p - 1]!;
    const gazHere = gazP[p]!;
    h[0] = pair32(shapeP[p - 1]!, t.sshape);
    h[1] = pair32(t.sshape, shapeP[p + 1]!);
    h[2] = pair32(lowerPrev, t.lower);
    h[3] = pair32(t.lower, lowerNext);
    h[4] = pair32(flagsPrev, flagsP[p + 1]!) ^ t.flags;
    h[5] = i === 0 ? pair32(t.lower, 99) : 1;
    h[6] = i === 0 ? t.flags + 1 : 2;
    h[7] = gazHere + 1;
    h[8] = pair32(gazP[p - 1]!, gazP[p + 1]!);
    h[9] = pair32(gazHere, t.flags);
    h[10] = pair32(t.shape, flagsPrev);
    h[11] = pair32(lowerPrev, t.sshape);
    h[12] = pair32(t.sshape, lowerNext);
    h[13] = pair32(lowerP[p - 2]!, lowerPrev);
    h[14] = pair32(lowerNext, lowerP[p + 2]!);
    // mixMasked(template k, h[k], mask) for the 15 columns, in one loop
    for (let k = 0; k < MIXED_FEATURES_PER_TOKEN; k++) out[o + k] = mixSeeded(h[k]!, MIXED_SEEDS[k]!, mask);
  }
  return out;
}
