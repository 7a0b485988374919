/**
 * Averaged structured perceptron (Collins 2002) over BIO tags with a first-order Viterbi
 * decoder. Emission scores come from hashed sparse features (features.ts); transitions are
 * a (tags+1) x tags matrix whose extra row is the sentence start. Illegal BIO moves
 * (O -> I-X, B-X -> I-Y) are excluded in decoding, so every output is a well-formed span set.
 *
 *   const m = trainPerceptron(sentences, { bits: 20, epochs: 10 });
 *   decode(m, extractFeatures(words, m.bits)) // Uint8Array of tag ids
 */
import { FEATURES_PER_TOKEN, GROUP_OFFSET, MIXED_COLUMNS, WORD_GROUPS } from './features.js';

export const TAGS = ['O', 'B-PERSON', 'I-PERSON', 'B-ORGANIZATION', 'I-ORGANIZATION', 'B-LOCATION', 'I-LOCATION'] as const;
export const NUM_TAGS = TAGS.length;
export type EntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';
export const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORGANIZATION', 'LOCATION'];

export interface PerceptronModel {
  bits: number;
  /** bucket * NUM_TAGS + tag */
  weights: Float32Array;
  /** (prev + 1) * NUM_TAGS + tag, prev = -1 for sentence start */
  transitions: Float32Array;
}

/** Whether tag `cur` may follow tag `prev` (prev = -1 at sentence start). */
export function allowed(prev: number, cur: number): boolean {
  if (cur === 0 || cur % 2 === 1) return true;
  return prev === cur - 1 || prev === cur;
}

const ALLOWED: boolean[] = [];
for (let p = -1; p < NUM_TAGS; p++) for (let c = 0; c < NUM_TAGS; c++) ALLOWED.push(allowed(p, c));

/**
 * The shipped form of a model: only the kept feature buckets, in an open-addressing table
 * (linear probing, load <= 0.5). Each 20-byte slot holds the bucket id (int32, -1 = empty)
 * and its NUM_TAGS quantised weights (int16), so a lookup usually touches one cache line;
 * scores are the int16 sums times one scale. Memory is a few MB whatever the training hash size.
 * Two stages of one tagger may share one table of 32-byte slots instead (`buildShared`).
 */
export interface CompactModel {
  bits: number;
  /** slot * slotInts: the bucket id */
  keys: Int32Array;
  /** the same buffer as int16: slot * slotInts * 2 + rowAt + tag = weight */
  weights16: Int16Array;
  /** one bit per hash bucket (2^bits): set when the bucket is in the model */
  present: Uint32Array;
  scale: number;
  transitions: Float32Array;
  /** ints per slot: SLOT_INTS, or SHARED_SLOT_INTS in a table shared by two stages */
  slotInts: number;
  /** where the model's weights start in a slot, in int16s after the slot's start (2, or 2 + NUM_TAGS for a shared table's second model) */
  rowAt: number;
}

/** A slot of a model's own table: the bucket id, then NUM_TAGS int16 weights. */
const SLOT_INTS = 5;
/** A slot of a shared table (`buildShared`): the bucket id, the first model's weights, then the second's. */
const SHARED_SLOT_INTS = 8;

export function isCompact(m: PerceptronModel | CompactModel): m is CompactModel {
  return (m as CompactModel).keys !== undefined;
}

function emitDense(model: PerceptronModel, feats: Int32Array, fpt: number, i: number, emit: Float64Array): void {
  const T = NUM_TAGS;
  const w = model.weights;
  emit.fill(0);
  const base = i * fpt;
  for (let k = 0; k < fpt; k++) {
    const off = feats[base + k]! * T;
    for (let t = 0; t < T; t++) emit[t]! += w[off + t]!;
  }
}

function emitCompact(model: CompactModel, feats: Int32Array, fpt: number, i: number, emit: Float64Array): void {
  const T = NUM_TAGS;
  const vals = model.weights16;
  emit.fill(0);
  const base = i * fpt;
  for (let k = 0; k < fpt; k++) {
    const off = rowOf(model, feats[base + k]!);
    if (off < 0) continue;
    for (let t = 0; t < T; t++) emit[t]! += vals[off + t]!;
  }
  for (let t = 0; t < T; t++) emit[t]! *= model.scale;
}

/** Builds the probing table from kept bucket ids and their quantised rows (int8 or int16). */
export function buildCompact(
  bits: number,
  rows: Int32Array,
  values: Int8Array | Int16Array,
  scale: number,
  transitions: Float32Array,
): CompactModel {
  const T = NUM_TAGS;
  let size = 1;
  while (size < rows.length * 2) size <<= 1;
  const buffer = new ArrayBuffer(size * SLOT_INTS * 4);
  const keys = new Int32Array(buffer);
  const weights16 = new Int16Array(buffer);
  for (let s = 0; s < size; s++) keys[s * SLOT_INTS] = -1;
  const mask = size - 1;
  const present = new Uint32Array(Math.max(1, (1 << bits) >>> 5));
  for (let r = 0; r < rows.length; r++) {
    const f = rows[r]!;
    present[f >>> 5]! |= 1 << (f & 31);
    let slot = (Math.imul(f, 0x9e3779b1) >>> 7) & mask;
    while (keys[slot * SLOT_INTS] !== -1) slot = (slot + 1) & mask;
    keys[slot * SLOT_INTS] = f;
    for (let t = 0; t < T; t++) weights16[slot * SLOT_INTS * 2 + 2 + t] = values[r * T + t]!;
  }
  return { bits, keys, weights16, present, scale, transitions, slotInts: SLOT_INTS, rowAt: 2 };
}

/** Per shared table (by its `keys`): the union of its two models' presence sets. */
const sharedUnions = new WeakMap<Int32Array, Uint32Array>();

/** One stage as a model file stores it (model-io.ts): kept bucket ids and their quantised rows. */
export interface StageRows {
  rows: Int32Array;
  values: Int8Array | Int16Array;
  scale: number;
  transitions: Float32Array;
}

/**
 * `buildCompact` for the two stages of a tagger (same `bits`) at once, over one table: each
 * kept bucket id once, with both models' weights in its 32-byte slot (zeros for the model that
 * does not keep it; its presence set still says so). Every lookup of either model finds the
 * weights its own table would hold, so the scores are the same; the table is smaller than the
 * two (one id per slot, slots that never straddle a cache line), and a feature both stages read
 * is found once for both (`decodeGrouped`'s carry). Returns the two models.
 */
export function buildShared(bits: number, a: StageRows, b: StageRows): [CompactModel, CompactModel] {
  const T = NUM_TAGS;
  const words = Math.max(1, (1 << bits) >>> 5);
  const presentA = new Uint32Array(words);
  const presentB = new Uint32Array(words);
  for (const f of a.rows) presentA[f >>> 5]! |= 1 << (f & 31);
  for (const f of b.rows) presentB[f >>> 5]! |= 1 << (f & 31);
  const union = new Uint32Array(words);
  let count = 0;
  for (let w = 0; w < words; w++) {
    let v = (presentA[w]! | presentB[w]!) >>> 0;
    union[w] = v;
    for (; v !== 0; v &= v - 1) count++;
  }
  let size = 1;
  while (size < count * 2) size <<= 1;
  const buffer = new ArrayBuffer(size * SHARED_SLOT_INTS * 4);
  const keys = new Int32Array(buffer);
  const weights16 = new Int16Array(buffer);
  for (let s = 0; s < size; s++) keys[s * SHARED_SLOT_INTS] = -1;
  const mask = size - 1;
  for (const [stage, at] of [[a, 2], [b, 2 + T]] as const) {
    const { rows, values } = stage;
    for (let r = 0; r < rows.length; r++) {
      const f = rows[r]!;
      let slot = (Math.imul(f, 0x9e3779b1) >>> 7) & mask;
      for (let key = keys[slot * SHARED_SLOT_INTS]!; key !== -1 && key !== f; key = keys[slot * SHARED_SLOT_INTS]!) slot = (slot + 1) & mask;
      keys[slot * SHARED_SLOT_INTS] = f;
      const to = slot * SHARED_SLOT_INTS * 2 + at;
      for (let t = 0; t < T; t++) weights16[to + t] = values[r * T + t]!;
    }
  }
  sharedUnions.set(keys, union);
  const model = (stage: StageRows, present: Uint32Array, rowAt: number): CompactModel => (
    { bits, keys, weights16, present, scale: stage.scale, transitions: stage.transitions, slotInts: SHARED_SLOT_INTS, rowAt });
  return [model(a, presentA, 2), model(b, presentB, 2 + T)];
}

/** Whether `first` and `second` are `buildShared`'s pair, in that order. */
export function sharesTable(first: CompactModel, second: CompactModel): boolean {
  return first.keys === second.keys && first.rowAt === 2 && second.rowAt === 2 + NUM_TAGS && sharedUnions.has(first.keys);
}

/**
 * Where feature `f`'s quantised row starts in `weights16`, or -1 when the model does not keep it.
 * Most features of rare words are not in the model: a 2^bits-bit set (512 KB at 22 bits,
 * cache-resident) answers that without touching the large table.
 */
function rowOf(model: CompactModel, f: number): number {
  if ((model.present[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
  const keys = model.keys;
  const stride = model.slotInts;
  const mask = keys.length / stride - 1;
  for (let slot = (Math.imul(f, 0x9e3779b1) >>> 7) & mask; ; slot = (slot + 1) & mask) {
    const key = keys[slot * stride]!;
    if (key === f) return slot * stride * 2 + model.rowAt;
    if (key === -1) return -1;
  }
}

/**
 * `rowOf` for `kept` features at once (`pending`, all in the model's presence set), in two passes
 * (first slots, then the probes) rather than one lookup after the other: the loads of one pass do
 * not wait for each other, so the cache misses on the large table overlap. Leaves each row's start
 * (or -1) in `rows`; `firstKeys` is scratch of the same length.
 */
function rowsOf(model: CompactModel, pending: Int32Array, kept: number, rows: Int32Array, firstKeys: Int32Array): void {
  const keys = model.keys;
  const stride = model.slotInts;
  const rowAt = model.rowAt;
  const mask = keys.length / stride - 1;
  for (let c = 0; c < kept; c++) {
    const slot = (Math.imul(pending[c]!, 0x9e3779b1) >>> 7) & mask;
    rows[c] = slot;
    firstKeys[c] = keys[slot * stride]!;
  }
  for (let c = 0; c < kept; c++) {
    const f = pending[c]!;
    let slot = rows[c]!;
    let key = firstKeys[c]!;
    while (key !== f && key !== -1) {
      slot = (slot + 1) & mask;
      key = keys[slot * stride]!;
    }
    rows[c] = key === -1 ? -1 : slot * stride * 2 + rowAt;
  }
}

/** Adds the quantised weights of feature `f` (if kept) to `acc` at `at`. */
function addCompact(model: CompactModel, f: number, acc: Int32Array, at: number): void {
  const off = rowOf(model, f);
  if (off < 0) return;
  const vals = model.weights16;
  for (let t = 0; t < NUM_TAGS; t++) acc[at + t]! += vals[off + t]!;
}

/** Per word: the summed quantised weights of each of its word groups, filled on first use. */
export interface WordSums { sums: Int32Array; done: number }

/** An empty `WordSums`, for a caller keeping them per word and model (see `decodeWords`). */
export function newWordSums(): WordSums {
  const size = WORD_GROUPS.length * NUM_TAGS;
  if (sumsPoolUsed + size > sumsPool.length) {
    sumsPool = new Int32Array(SUMS_POOL_INTS);
    sumsPoolUsed = 0;
  }
  const sums = sumsPool.subarray(sumsPoolUsed, sumsPoolUsed + size);
  sumsPoolUsed += size;
  return { sums, done: 0 };
}

/**
 * The sums are carved from shared blocks rather than allocated one small array each: the words
 * of a text, met together, get neighbouring memory, and the decoder's reads of them touch fewer
 * cache lines. A block is dropped (garbage) once no word's sums refer to it.
 */
const SUMS_POOL_INTS = 1 << 16;
let sumsPool = new Int32Array(SUMS_POOL_INTS);
let sumsPoolUsed = 0;

/** Per model: word -> its group sums. */
const wordSums = new WeakMap<CompactModel, Map<string, WordSums>>();
/**
 * `decode` for a compact model, given the sentence's words as well: the weights of the
 * features that depend on one word only are summed once per distinct word (and position
 * relative to the token) and reused. Scores are integer sums times the model's scale, so the
 * result is exactly `decode(model, feats, fpt)`. `feats` must come from
 * `extractFeatures(words, model.bits, …)` (stage 2: with stacked columns after them).
 */
export function decodeWords(
  model: PerceptronModel | CompactModel, feats: Int32Array, words: readonly string[], fpt = FEATURES_PER_TOKEN,
  /** each word's `WordSums` for this model (one object per distinct word), when the caller keeps them */
  sumsOfWords?: readonly WordSums[],
): Uint8Array {
  if (!isCompact(model) || fpt < FEATURES_PER_TOKEN || words.length * fpt !== feats.length) return decode(model, feats, fpt);
  const T = NUM_TAGS;
  const n = words.length;
  let recs: readonly WordSums[];
  if (sumsOfWords !== undefined) {
    recs = sumsOfWords;
  } else {
    let cache = wordSums.get(model);
    if (cache === undefined) {
      cache = new Map();
      wordSums.set(model, cache);
    }
    const found: WordSums[] = new Array(n);
    for (let i = 0; i < n; i++) {
      let rec = cache.get(words[i]!);
      if (rec === undefined) {
        rec = newWordSums();
        if (cache.size >= 200_000) cache.clear();
        cache.set(words[i]!, rec);
      }
      found[i] = rec;
    }
    recs = found;
  }
  const emissions = new Float64Array(n * T);
  const acc = new Int32Array(T);
  const scale = model.scale;
  const extra = extraColumns(fpt);
  const pending = new Int32Array(extra.length);
  const rows = new Int32Array(extra.length);
  const firstKeys = new Int32Array(extra.length);
  const present = model.present;
  const vals = model.weights16;
  for (let i = 0; i < n; i++) {
    const base = i * fpt;
    acc.fill(0);
    for (let g = 0; g < WORD_GROUPS.length; g++) {
      const cols = WORD_GROUPS[g]!;
      const j = i + GROUP_OFFSET[g]!;
      if (j < 0 || j >= n) {
        for (const k of cols) addCompact(model, feats[base + k]!, acc, 0);
        continue;
      }
      const rec = recs[j]!;
      const at = g * T;
      if ((rec.done & (1 << g)) === 0) {
        for (const k of cols) addCompact(model, feats[base + k]!, rec.sums, at);
        rec.done |= 1 << g;
      }
      const sums = rec.sums;
      for (let t = 0; t < T; t++) acc[t]! += sums[at + t]!;
    }
    // The remaining columns: the kept ids, then their rows all at once (`rowsOf`).
    let kept = 0;
    for (let c = 0; c < extra.length; c++) {
      const f = feats[base + extra[c]!]!;
      pending[kept] = f;
      kept += (present[f >>> 5]! >>> (f & 31)) & 1;
    }
    rowsOf(model, pending, kept, rows, firstKeys);
    for (let c = 0; c < kept; c++) {
      const off = rows[c]!;
      if (off < 0) continue;
      for (let t = 0; t < T; t++) acc[t]! += vals[off + t]!;
    }
    for (let t = 0; t < T; t++) emissions[i * T + t] = acc[t]! * scale;
  }
  return viterbi(model.transitions, emissions, n);
}

/** Ints of one word's group sums for one model: WORD_GROUPS.length groups of NUM_TAGS. */
export const GROUP_SUMS_INTS = WORD_GROUPS.length * NUM_TAGS;

/**
 * Group sums of many words (and of the sentence boundary) in one growable array, a word's at
 * the offset `alloc` gave it: the tagger keeps one record per distinct word and reads it for
 * every token near an occurrence of the word. An offset into one array, rather than a small
 * typed array per word and model, spares `decodeGrouped` two dependent loads per read (the
 * record object and the view object before the numbers), which for words not met lately are
 * cache misses. Offsets stay valid when the array grows (`data` is then a new, larger copy:
 * read it again after allocating).
 */
export class GroupSumsPool {
  data = new Int32Array(1 << 16);
  used = 0;
  /** A zeroed record of `ints` ints; its offset. */
  alloc(ints: number): number {
    if (this.used + ints > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, this.used + ints));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const at = this.used;
    this.used += ints;
    return at;
  }
}

/**
 * Sums a word's groups for `model` from its `wordGroupFeatures` ids (features.ts, laid out as
 * WORD_GROUPS flattened) into `data` at `at` (GROUP_SUMS_INTS ints, zero before): the sums
 * `decodeWords` makes group by group on first use.
 */
export function fillGroupSums(model: CompactModel, ids: Int32Array, data: Int32Array, at: number): void {
  let k = 0;
  for (let g = 0; g < WORD_GROUPS.length; g++) {
    for (let c = 0; c < WORD_GROUPS[g]!.length; c++) addCompact(model, ids[k++]!, data, at + g * NUM_TAGS);
  }
}

/** Added to a pending id's owner in `decodeGrouped` when its row is carried to the second stage (above any token offset). */
const CARRIED = 1 << 30;

/** GROUP_OFFSET + 2: where group g's word stands in `decodeGrouped`'s padded offsets, relative to token i. */
const PADDED_GROUP_OFFSET = Int32Array.from(GROUP_OFFSET, (o) => o + 2);

/**
 * Rows of the features with few distinct values (shape pairs, flags, sentence start, gazetteer
 * codes, the document columns): a few thousand ids that every sentence uses again. They are
 * copied from the table into a small direct-mapped memo (8,192 ids, 160 KB) on first use, which
 * stays in the fast caches while the 10 MB table does not; an id whose memo slot holds another
 * id is looked up in the table as before. The weights are the table's, so the sums are equal.
 */
const HOT_BITS = 13;
const HOT_STRIDE = 8;
interface HotMemo { keys: Int32Array; vals: Int16Array }
const hotMemos = new WeakMap<CompactModel, HotMemo>();

function hotMemoOf(model: CompactModel): HotMemo {
  let memo = hotMemos.get(model);
  if (memo === undefined) {
    memo = { keys: new Int32Array(1 << HOT_BITS).fill(-1), vals: new Int16Array((1 << HOT_BITS) * HOT_STRIDE) };
    hotMemos.set(model, memo);
  }
  return memo;
}

/** Copies the weights of feature `f` (zeros when the model does not keep it) to `out` at `at`. */
function copyRow(model: CompactModel, f: number, out: Int16Array, at: number): void {
  const off = rowOf(model, f);
  if (off >= 0) out.set(model.weights16.subarray(off, off + NUM_TAGS), at);
}

/**
 * The hot memo of a shared table's pair (`buildShared`, used by the first model's decode with a
 * carry): each id's two rows, the first model's at +0 and the second's at +PAIR_SECOND, zeros
 * for a model that does not keep it.
 */
const PAIR_STRIDE = 16;
const PAIR_SECOND = 8;
const pairMemos = new WeakMap<Int32Array, HotMemo>();

function pairMemoOf(first: CompactModel): HotMemo {
  let memo = pairMemos.get(first.keys);
  if (memo === undefined) {
    memo = { keys: new Int32Array(1 << HOT_BITS).fill(-1), vals: new Int16Array((1 << HOT_BITS) * PAIR_STRIDE) };
    pairMemos.set(first.keys, memo);
  }
  return memo;
}

/** Copies both rows of feature `f` from the shared table of `first` (see `pairMemoOf`) to `out` at `at`. */
function copyPairRow(first: CompactModel, f: number, out: Int16Array, at: number): void {
  const union = sharedUnions.get(first.keys)!;
  if (((union[f >>> 5]! >>> (f & 31)) & 1) === 0) return;
  const keys = first.keys;
  const stride = first.slotInts;
  const mask = keys.length / stride - 1;
  let slot = (Math.imul(f, 0x9e3779b1) >>> 7) & mask;
  while (keys[slot * stride] !== f) slot = (slot + 1) & mask;
  const off = slot * stride * 2 + first.rowAt;
  const w = first.weights16;
  out.set(w.subarray(off, off + NUM_TAGS), at);
  out.set(w.subarray(off + NUM_TAGS, off + 2 * NUM_TAGS), at + PAIR_SECOND);
}

/**
 * `decodeWords` without the per-token rows of the one-word columns: each token's word groups
 * come from the words' filled group sums (`fillGroupSums`) in `sums`: token i's word has its
 * record at `at[i + 2] + shift` (the offsets padded with two records for the sentence boundary
 * on each side, filled from `boundaryGroupFeatures`), so the word j places from the token is at
 * `at[i + 2 + j]`. Only the other columns are looked up: `cols` (`perToken` ids per token,
 * features.ts `mixedFeaturesOf`) and, for a second stage, `cols2` (`perToken2` per token,
 * doc-features.ts `docFeatureColumns`). The same integer sums times the same scale, so the
 * same tags as `decodeWords` over the full rows.
 *
 * With `carry`, for two stages over one table (`buildShared`) reading the same `cols`: the
 * first's decode (`carry.first` true, no `cols2`) also sums the second model's weights of all of
 * `cols` into `carry.sums` (NUM_TAGS ints per token, written over), found in the same table
 * slots (memo slots for the hot columns: `pairMemoOf`) as its own; the second's decode starts
 * each token's sums from `carry.sums` and looks up only `cols2`. Each column is still counted
 * once per model, so the sums are unchanged.
 */
export function decodeGrouped(
  model: CompactModel, sums: Int32Array, at: Int32Array, shift: number,
  cols: Int32Array, perToken: number, cols2?: Int32Array, perToken2 = 0,
  /** bit c set: column c of `cols` has few distinct values (see HOT_BITS); all of `cols2` have */
  hotColumns = 0,
  carry?: { first: boolean; sums: Int32Array },
): Uint8Array {
  const T = NUM_TAGS;
  const n = at.length - 4;
  const carryOut = carry !== undefined && carry.first ? carry.sums : undefined;
  const carryIn = carry !== undefined && !carry.first ? carry.sums : undefined;
  if (carryOut !== undefined && (cols2 !== undefined || !sharedUnions.has(model.keys))) {
    throw new Error('decodeGrouped: a carry out needs a shared table\'s first model and no cols2');
  }
  // The first stage's carried ids: in either model's presence set, their rows added to both sums.
  const union = carryOut === undefined ? undefined : sharedUnions.get(model.keys)!;
  // With a carry out, the hot memo holds both models' rows (`pairMemoOf`).
  const memo = carryOut === undefined ? hotMemoOf(model) : pairMemoOf(model);
  const memoStride = carryOut === undefined ? HOT_STRIDE : PAIR_STRIDE;
  const memoKeys = memo.keys;
  const memoVals = memo.vals;
  const width = perToken + perToken2;
  const s = groupedScratch(n * width, n * T);
  const pending = s.pending;
  const owner = s.owner;
  const acc = s.acc;
  const present = model.present;
  const vals = model.weights16;
  // The ids to look up in the large table are gathered for the whole sentence and looked up
  // together after the loop (`rowsOf`): more independent cache misses in flight at once than
  // a token's few. Their rows are then added to the token's sums kept in `acc` (a carried id's
  // owner is its token's offset plus CARRIED).
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const e = i * T;
    // One accumulator per tag (NUM_TAGS = 7) in locals rather than an array: integer sums,
    // exact in doubles, so the scores are the ones `decodeWords` computes.
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0;
    // the second model's, with a carry out
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0;
    if (carryIn !== undefined) {
      a0 = carryIn[e]!; a1 = carryIn[e + 1]!; a2 = carryIn[e + 2]!; a3 = carryIn[e + 3]!;
      a4 = carryIn[e + 4]!; a5 = carryIn[e + 5]!; a6 = carryIn[e + 6]!;
    }
    for (let g = 0; g < WORD_GROUPS.length; g++) {
      const o = at[i + PADDED_GROUP_OFFSET[g]!]! + shift + g * T;
      a0 += sums[o]!; a1 += sums[o + 1]!; a2 += sums[o + 2]!; a3 += sums[o + 3]!;
      a4 += sums[o + 4]!; a5 += sums[o + 5]!; a6 += sums[o + 6]!;
    }
    for (let c = 0, base = i * perToken; c < width; c++) {
      const second = c >= perToken;
      // counted by the first stage's decode (carryIn's sums)
      if (carryIn !== undefined && !second) continue;
      const hot = second || ((hotColumns >>> c) & 1) === 1;
      const f = second ? cols2![i * perToken2 + c - perToken]! : cols[base + c]!;
      if (hot) {
        const h = Math.imul(f, 0x9e3779b1) >>> (32 - HOT_BITS);
        let key = memoKeys[h]!;
        if (key === -1) {
          memoKeys[h] = key = f;
          if (carryOut === undefined) copyRow(model, f, memoVals, h * HOT_STRIDE);
          else copyPairRow(model, f, memoVals, h * PAIR_STRIDE);
        }
        if (key === f) {
          const m = h * memoStride;
          a0 += memoVals[m]!; a1 += memoVals[m + 1]!; a2 += memoVals[m + 2]!; a3 += memoVals[m + 3]!;
          a4 += memoVals[m + 4]!; a5 += memoVals[m + 5]!; a6 += memoVals[m + 6]!;
          if (carryOut !== undefined) {
            const m2 = m + PAIR_SECOND;
            c0 += memoVals[m2]!; c1 += memoVals[m2 + 1]!; c2 += memoVals[m2 + 2]!; c3 += memoVals[m2 + 3]!;
            c4 += memoVals[m2 + 4]!; c5 += memoVals[m2 + 5]!; c6 += memoVals[m2 + 6]!;
          }
          continue;
        }
      }
      pending[kept] = f;
      owner[kept] = carryOut !== undefined ? e + CARRIED : e;
      kept++;
    }
    acc[e] = a0; acc[e + 1] = a1; acc[e + 2] = a2; acc[e + 3] = a3;
    acc[e + 4] = a4; acc[e + 5] = a5; acc[e + 6] = a6;
    if (carryOut !== undefined) {
      carryOut[e] = c0; carryOut[e + 1] = c1; carryOut[e + 2] = c2; carryOut[e + 3] = c3;
      carryOut[e + 4] = c4; carryOut[e + 5] = c5; carryOut[e + 6] = c6;
    }
  }
  // Only the ids in the model's presence set (a carried one: in either model's) go on to the
  // table (a loop of independent loads).
  let found = 0;
  for (let c = 0; c < kept; c++) {
    const f = pending[c]!;
    const o = owner[c]!;
    pending[found] = f;
    owner[found] = o;
    found += ((o >= CARRIED ? union! : present)[f >>> 5]! >>> (f & 31)) & 1;
  }
  kept = found;
  const rows = s.rows;
  rowsOf(model, pending, kept, rows, s.firstKeys);
  for (let c = 0; c < kept; c++) {
    const off = rows[c]!;
    if (off < 0) continue;
    let e = owner[c]!;
    if (e >= CARRIED) {
      // The second model's weights follow the first's in the slot (`buildShared`).
      e -= CARRIED;
      const o2 = off + T;
      const out = carryOut!;
      out[e]! += vals[o2]!; out[e + 1]! += vals[o2 + 1]!; out[e + 2]! += vals[o2 + 2]!; out[e + 3]! += vals[o2 + 3]!;
      out[e + 4]! += vals[o2 + 4]!; out[e + 5]! += vals[o2 + 5]!; out[e + 6]! += vals[o2 + 6]!;
    }
    acc[e]! += vals[off]!; acc[e + 1]! += vals[off + 1]!; acc[e + 2]! += vals[off + 2]!; acc[e + 3]! += vals[off + 3]!;
    acc[e + 4]! += vals[off + 4]!; acc[e + 5]! += vals[off + 5]!; acc[e + 6]! += vals[off + 6]!;
  }
  const scale = model.scale;
  const emissions = s.emissions;
  for (let k = 0; k < n * T; k++) emissions[k] = acc[k]! * scale;
  return viterbi(model.transitions, emissions, n);
}

/**
 * Work arrays of `decodeGrouped`, reused from sentence to sentence (grown when one needs more):
 * the pending ids, the offset in `acc` of the token each belongs to, `rowsOf`'s two arrays, and
 * the per-token integer sums (at most ~50 int16 weights each: far inside int32).
 */
interface GroupedScratch {
  pending: Int32Array; owner: Int32Array; rows: Int32Array; firstKeys: Int32Array; acc: Int32Array;
  /** the scores handed to `viterbi` (read before the next sentence) */
  emissions: Float64Array;
}
let groupedWork: GroupedScratch = {
  pending: new Int32Array(0), owner: new Int32Array(0), rows: new Int32Array(0), firstKeys: new Int32Array(0),
  acc: new Int32Array(0), emissions: new Float64Array(0),
};

function groupedScratch(ids: number, sums: number): GroupedScratch {
  const w = groupedWork;
  if (w.pending.length < ids || w.acc.length < sums) {
    const m = Math.max(ids, w.pending.length) * 2;
    const k = Math.max(sums, w.acc.length) * 2;
    groupedWork = {
      pending: new Int32Array(m), owner: new Int32Array(m), rows: new Int32Array(m), firstKeys: new Int32Array(m),
      acc: new Int32Array(k), emissions: new Float64Array(k),
    };
  }
  return groupedWork;
}

/** The columns `decodeWords` looks up one by one, for `fpt` features per token. */
const extraColumnsCache = new Map<number, Int32Array>();
function extraColumns(fpt: number): Int32Array {
  let cols = extraColumnsCache.get(fpt);
  if (cols === undefined) {
    const list = [...MIXED_COLUMNS];
    for (let k = FEATURES_PER_TOKEN; k < fpt; k++) list.push(k);
    cols = Int32Array.from(list);
    extraColumnsCache.set(fpt, cols);
  }
  return cols;
}

/**
 * Transitions as Viterbi reads them: disallowed moves at -Infinity. A candidate score of
 * -Infinity never beats the running best (which starts at -Infinity), exactly as a skipped
 * move, so the loop needs no `allowed` test per pair.
 */
const maskedTransitions = new WeakMap<Float32Array, Float64Array>();
function masked(tr: Float32Array): Float64Array {
  let m = maskedTransitions.get(tr);
  if (m === undefined) {
    m = new Float64Array(tr.length);
    for (let k = 0; k < tr.length; k++) m[k] = ALLOWED[k]! ? tr[k]! : -Infinity;
    maskedTransitions.set(tr, m);
  }
  return m;
}

/** Viterbi's back-pointer array, reused from sentence to sentence (grown when short). */
let viterbiBack = new Int8Array(0);

/**
 * First-order Viterbi over the 7 BIO tags (0 O, 1/2 B-/I-PERSON, 3/4 B-/I-ORGANIZATION, 5/6
 * B-/I-LOCATION), written out for them: the previous token's scores in locals (p0..p6), every
 * move as one line. Each "best move into c" is the first of the highest, as a loop over
 * p = 0..6 with `>` from -Infinity finds it. An I-X tag is entered only from B-X or I-X: every
 * other move is -Infinity in `masked`, and a -Infinity candidate never wins, so those two are
 * the only ones tried (the B-X score is finite: B-X may follow any tag).
 */
function viterbi(transitions: Float32Array, emissions: Float64Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const T: 7 = NUM_TAGS; // written out for TAGS as they are: a type error here if their number changes
  const tr = masked(transitions);
  if (viterbiBack.length < n * T) viterbiBack = new Int8Array(n * T * 2);
  const back = viterbiBack;
  // tr[(p + 1) * T + c]: the move p -> c (row 0 is the sentence start).
  let p0 = tr[0]! + emissions[0]!, p1 = tr[1]! + emissions[1]!, p2 = tr[2]! + emissions[2]!, p3 = tr[3]! + emissions[3]!;
  let p4 = tr[4]! + emissions[4]!, p5 = tr[5]! + emissions[5]!, p6 = tr[6]! + emissions[6]!;
  for (let i = 1; i < n; i++) {
    const e = i * T;
    let best: number, arg: number, s: number;
    // into O, B-PERSON, B-ORGANIZATION, B-LOCATION: from any tag
    best = -Infinity; arg = 0;
    s = p0 + tr[T]!; if (s > best) { best = s; arg = 0; }
    s = p1 + tr[2 * T]!; if (s > best) { best = s; arg = 1; }
    s = p2 + tr[3 * T]!; if (s > best) { best = s; arg = 2; }
    s = p3 + tr[4 * T]!; if (s > best) { best = s; arg = 3; }
    s = p4 + tr[5 * T]!; if (s > best) { best = s; arg = 4; }
    s = p5 + tr[6 * T]!; if (s > best) { best = s; arg = 5; }
    s = p6 + tr[7 * T]!; if (s > best) { best = s; arg = 6; }
    back[e] = arg;
    const q0 = best + emissions[e]!;
    best = -Infinity; arg = 0;
    s = p0 + tr[T + 1]!; if (s > best) { best = s; arg = 0; }
    s = p1 + tr[2 * T + 1]!; if (s > best) { best = s; arg = 1; }
    s = p2 + tr[3 * T + 1]!; if (s > best) { best = s; arg = 2; }
    s = p3 + tr[4 * T + 1]!; if (s > best) { best = s; arg = 3; }
    s = p4 + tr[5 * T + 1]!; if (s > best) { best = s; arg = 4; }
    s = p5 + tr[6 * T + 1]!; if (s > best) { best = s; arg = 5; }
    s = p6 + tr[7 * T + 1]!; if (s > best) { best = s; arg = 6; }
    back[e + 1] = arg;
    const q1 = best + emissions[e + 1]!;
    best = -Infinity; arg = 0;
    s = p0 + tr[T + 3]!; if (s > best) { best = s; arg = 0; }
    s = p1 + tr[2 * T + 3]!; if (s > best) { best = s; arg = 1; }
    s = p2 + tr[3 * T + 3]!; if (s > best) { best = s; arg = 2; }
    s = p3 + tr[4 * T + 3]!; if (s > best) { best = s; arg = 3; }
    s = p4 + tr[5 * T + 3]!; if (s > best) { best = s; arg = 4; }
    s = p5 + tr[6 * T + 3]!; if (s > best) { best = s; arg = 5; }
    s = p6 + tr[7 * T + 3]!; if (s > best) { best = s; arg = 6; }
    back[e + 3] = arg;
    const q3 = best + emissions[e + 3]!;
    best = -Infinity; arg = 0;
    s = p0 + tr[T + 5]!; if (s > best) { best = s; arg = 0; }
    s = p1 + tr[2 * T + 5]!; if (s > best) { best = s; arg = 1; }
    s = p2 + tr[3 * T + 5]!; if (s > best) { best = s; arg = 2; }
    s = p3 + tr[4 * T + 5]!; if (s > best) { best = s; arg = 3; }
    s = p4 + tr[5 * T + 5]!; if (s > best) { best = s; arg = 4; }
    s = p5 + tr[6 * T + 5]!; if (s > best) { best = s; arg = 5; }
    s = p6 + tr[7 * T + 5]!; if (s > best) { best = s; arg = 6; }
    back[e + 5] = arg;
    const q5 = best + emissions[e + 5]!;
    // into I-X (c = 2, 4, 6): from B-X (c - 1) or I-X
    best = -Infinity; arg = 0;
    s = p1 + tr[2 * T + 2]!; if (s > best) { best = s; arg = 1; }
    s = p2 + tr[3 * T + 2]!; if (s > best) { best = s; arg = 2; }
    back[e + 2] = arg;
    const q2 = best + emissions[e + 2]!;
    best = -Infinity; arg = 0;
    s = p3 + tr[4 * T + 4]!; if (s > best) { best = s; arg = 3; }
    s = p4 + tr[5 * T + 4]!; if (s > best) { best = s; arg = 4; }
    back[e + 4] = arg;
    const q4 = best + emissions[e + 4]!;
    best = -Infinity; arg = 0;
    s = p5 + tr[6 * T + 6]!; if (s > best) { best = s; arg = 5; }
    s = p6 + tr[7 * T + 6]!; if (s > best) { best = s; arg = 6; }
    back[e + 6] = arg;
    const q6 = best + emissions[e + 6]!;
    p0 = q0; p1 = q1; p2 = q2; p3 = q3; p4 = q4; p5 = q5; p6 = q6;
  }
  const last = [p0, p1, p2, p3, p4, p5, p6];
  let bestLast = 0;
  for (let c = 1; c < T; c++) if (last[c]! > last[bestLast]!) bestLast = c;
  out[n - 1] = bestLast;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]!]!;
  return out;
}

/** Viterbi decode of one sentence given its feature rows (`fpt` features per token). */
export function decode(model: PerceptronModel | CompactModel, feats: Int32Array, fpt = FEATURES_PER_TOKEN): Uint8Array {
  const n = feats.length / fpt;
  const T = NUM_TAGS;
  const emissions = new Float64Array(n * T);
  const emit = new Float64Array(T);
  const compact = isCompact(model);
  for (let i = 0; i < n; i++) {
    if (compact) emitCompact(model, feats, fpt, i, emit);
    else emitDense(model, feats, fpt, i, emit);
    emissions.set(emit, i * T);
  }
  return viterbi(model.transitions, emissions, n);
}

export interface TrainingSentence {
  feats: Int32Array;
  tags: Uint8Array;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  seed?: number;
  /** called after each epoch with the averaged model, e.g. to print dev F1 */
  onEpoch?: (epoch: number, averaged: PerceptronModel, mistakes: number) => void;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains with the averaging trick: avg = w - acc / c, acc accumulating c * delta. */
export function trainPerceptron(data: readonly TrainingSentence[], opts: TrainOptions): PerceptronModel {
  const T = NUM_TAGS;
  const size = (1 << opts.bits) * T;
  const model: PerceptronModel = { bits: opts.bits, weights: new Float32Array(size), transitions: new Float32Array((T + 1) * T) };
  const accW = new Float64Array(size);
  const accT = new Float64Array((T + 1) * T);
  const rand = mulberry32(opts.seed ?? 1);
  const order = data.map((_, i) => i);
  let c = 1;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const idx of order) {
      const s = data[idx]!;
      const n = s.tags.length;
      const fpt = n === 0 ? FEATURES_PER_TOKEN : s.feats.length / n;
      const pred = decode(model, s.feats, fpt);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== s.tags[i]) wrong = true;
      if (wrong) {
        mistakes++;
        // The transitions change in place below: drop `masked`'s copy of them, which is keyed
        // by the array (without this, training decoded with the first, all-zero transitions).
        maskedTransitions.delete(model.transitions);
        for (let i = 0; i < n; i++) {
          const g = s.tags[i]!;
          const p = pred[i]!;
          if (g !== p) {
            const base = i * fpt;
            for (let k = 0; k < fpt; k++) {
              const off = s.feats[base + k]! * T;
              model.weights[off + g]! += 1;
              accW[off + g]! += c;
              model.weights[off + p]! -= 1;
              accW[off + p]! -= c;
            }
          }
          const gp = i === 0 ? -1 : s.tags[i - 1]!;
          const pp = i === 0 ? -1 : pred[i - 1]!;
          if (gp !== pp || g !== p) {
            const gi = (gp + 1) * T + g;
            const pi = (pp + 1) * T + p;
            model.transitions[gi]! += 1;
            accT[gi]! += c;
            model.transitions[pi]! -= 1;
            accT[pi]! -= c;
          }
        }
      }
      c++;
    }
    if (opts.onEpoch !== undefined || epoch === opts.epochs) {
      const avg = averaged(model, accW, accT, c);
      if (opts.onEpoch !== undefined) opts.onEpoch(epoch, avg, mistakes);
      if (epoch === opts.epochs) return avg;
    }
  }
  return averaged(model, accW, accT, c);
}

function averaged(m: PerceptronModel, accW: Float64Array, accT: Float64Array, c: number): PerceptronModel {
  const w = new Float32Array(m.weights.length);
  for (let i = 0; i < w.length; i++) {
    const v = m.weights[i]!;
    if (v !== 0 || accW[i] !== 0) w[i] = v - accW[i]! / c;
  }
  const t = new Float32Array(m.transitions.length);
  for (let i = 0; i < t.length; i++) t[i] = m.transitions[i]! - accT[i]! / c;
  return { bits: m.bits, weights: w, transitions: t };
}
