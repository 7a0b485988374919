/**
 * Named-entity tagger for English, Russian and Kazakh: PERSON, ORGANIZATION, LOCATION
 * (LOCATION includes countries, regions and cities). Tokenizes, splits sentences, runs the
 * language's averaged-perceptron model (trained by scripts/train-ner.ts, weights in
 * models/ner-<lang>.bin.gz, loaded lazily once) and returns spans as JavaScript string
 * offsets into `text`. Possessives and surrounding punctuation are never part of a span.
 *
 *   tagEntities('Nursultan Nazarbayev’s visit to Astana.', 'en')
 *   // [{ text: 'Nursultan Nazarbayev', type: 'PERSON', start: 0, end: 20 },
 *   //  { text: 'Astana', type: 'LOCATION', start: 31, end: 37 }]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { boundaryGroupFeatures, featuresOf, gazWordOf, infoOf, MIXED_FEATURES_PER_TOKEN, MIXED_HOT_COLUMNS, mixedFeaturesOf, wordGroupFeatures, type Gazetteer, type GazWord, type TokenInfo } from './features.js';
import { DOC_FEATURES_PER_TOKEN, docFeatureColumns, DocKeys, docWordOf, stackDocFeatures, STACKED_FEATURES_PER_TOKEN, type DocWord } from './doc-features.js';
import { ENGLISH_DEMONYMS, gazetteerFromEntries } from './gazetteer.js';
import { decodeModel } from './model-io.js';
import { decodeGrouped, decodeWords, fillGroupSums, GROUP_SUMS_INTS, GroupSumsPool, isCompact, NUM_TAGS, sharesTable, TAGS, type CompactModel, type EntityType, type PerceptronModel } from './perceptron.js';
import { applyKnownOrganizations } from './known-orgs.js';
import { applyRussianRules, joinGluedSentences } from './ru-rules.js';
import { splitSentences, tokenize, type Token } from './tokenize.js';

export type NerLanguage = 'en' | 'ru' | 'kk';

export interface EntitySpan {
  text: string;
  type: EntityType;
  start: number;
  end: number;
}

export interface LoadedTagger {
  model: PerceptronModel | CompactModel;
  /** spans whose whole text is one of these are dropped (nationality words) */
  dropNames?: ReadonlySet<string>;
  /** optional second stage over document-level stacked features (doc-features.ts) */
  stage2?: PerceptronModel | CompactModel;
  gazetteer?: Gazetteer;
  /**
   * the committed model's language (`loadTagger`): ru gets the span rules of ru-rules.ts, and
   * every language the known organisations of known-orgs.ts
   */
  language?: NerLanguage;
}

const OPENERS = '«“"(\'[‘„';
const CLOSERS = '»”")\']’“';
const WORDLIKE = /[\p{L}\p{N}]/u;
const POSSESSIVE = /^['’][sS]?$/u;

/** Drops possessives and stray punctuation at the edges of a span, keeping balanced quotes. */
function trimSpan(tokens: readonly Token[], a: number, b: number): [number, number] | null {
  while (b > a) {
    const t = tokens[b - 1]!.text;
    if (WORDLIKE.test(t) && !POSSESSIVE.test(t)) break;
    const ci = CLOSERS.indexOf(t);
    if (ci >= 0 && t.length === 1 && tokens.slice(a, b - 1).some((x) => x.text.length === 1 && OPENERS.includes(x.text))) break;
    b--;
  }
  while (a < b) {
    const t = tokens[a]!.text;
    if (WORDLIKE.test(t)) break;
    if (t.length === 1 && OPENERS.includes(t) && tokens.slice(a + 1, b).some((x) => x.text.length === 1 && CLOSERS.includes(x.text))) break;
    a++;
  }
  return b > a ? [a, b] : null;
}

/**
 * Everything the tagger computes from a word alone, kept per distinct word so that each token
 * costs one lookup: feature inputs (features.ts, doc-features.ts) and the per-model group sums
 * of `decodeGrouped`. One object that is the word's TokenInfo, GazWord and DocWord at once (the
 * per-token passes take entries for all three), so a token's inputs are read from one object
 * rather than through three more, which for words not met lately are three more cache misses.
 */
interface WordEntry extends TokenInfo, GazWord, DocWord {
  /**
   * The offset of the word's group sums in its `WordEntries.sums`: the first model's
   * GROUP_SUMS_INTS ints, then the second stage's; -1 until filled (compact models only).
   */
  sumsAt: number;
}

/** Word entries of one tagger configuration (model, second stage, gazetteer), by word. */
interface WordEntries {
  stage2: LoadedTagger['stage2'];
  gazetteer: Gazetteer | undefined;
  byWord: Map<string, WordEntry>;
  /** where the entries' DocWord keys come from (one DocKeys for all, as `docFeatureColumns` needs) */
  docKeys: DocKeys;
  /** the words' group sums (`WordEntry.sumsAt`) and the sentence boundary's */
  sums: GroupSumsPool;
  /** offsets in `sums` of the boundary's group sums (laid out as a word's), made on first use */
  edges?: { before: number; after: number };
}

const MAX_WORD_ENTRIES = 200_000;
const wordEntries = new WeakMap<PerceptronModel | CompactModel, WordEntries>();

function entriesFor(tagger: LoadedTagger): WordEntries {
  let e = wordEntries.get(tagger.model);
  if (e === undefined || e.stage2 !== tagger.stage2 || e.gazetteer !== tagger.gazetteer) {
    e = { stage2: tagger.stage2, gazetteer: tagger.gazetteer, byWord: new Map(), docKeys: new DocKeys(), sums: new GroupSumsPool() };
    wordEntries.set(tagger.model, e);
  }
  return e;
}

/** The GazWord fields of an entry when the tagger has no gazetteer (never read then). */
const NO_GAZ_WORD: GazWord = { norm: '', first: false, code: -1 };

function entryOf(entries: WordEntries, word: string): WordEntry {
  let e = entries.byWord.get(word);
  if (e === undefined) {
    const gaz = entries.gazetteer;
    const t = infoOf(word);
    const g = gaz === undefined ? NO_GAZ_WORD : gazWordOf(gaz, word);
    const d = docWordOf(word, entries.docKeys);
    e = {
      word: t.word, lower: t.lower, shape: t.shape, sshape: t.sshape, pre: t.pre, suf: t.suf, stem: t.stem, flags: t.flags, len: t.len,
      norm: g.norm, first: g.first, code: g.code,
      wordKey: d.wordKey, stemKey: d.stemKey, upperStart: d.upperStart,
      sumsAt: -1,
    };
    entries.byWord.set(word, e);
  }
  return e;
}

/**
 * Starts the entries afresh when they have grown large, before a text (`tagSentences`), never
 * within one: its words' sums offsets must all point into the same `sums`, and their DocWord
 * keys come from the same `docKeys`. Entries hold only what is computed from a word, so
 * dropping them changes no tag.
 */
function boundEntries(entries: WordEntries): void {
  if (entries.byWord.size < MAX_WORD_ENTRIES) return;
  entries.byWord.clear();
  entries.docKeys = new DocKeys();
  entries.sums = new GroupSumsPool();
  entries.edges = undefined;
}

/**
 * Tags for each sentence, by `decodeGrouped` when the models are compact (the shipped ones):
 * the one-word columns' weights come summed per distinct word, so a token costs only the
 * lookups of its 15 mixed columns (stage 2: plus 8 document columns) and no 40- or 48-column
 * rows are built; else by `decodeWords` over the full rows (in-memory training models).
 */
function tagSentences(tagger: LoadedTagger, entries: WordEntries, sentences: readonly Token[][]): Uint8Array[] {
  const gaz = tagger.gazetteer;
  const model = tagger.model;
  const stage2 = tagger.stage2;
  boundEntries(entries);
  const es = sentences.map((sent) => sent.map((t) => entryOf(entries, t.text)));
  if (!isCompact(model) || (stage2 !== undefined && !isCompact(stage2))) {
    const inputs = sentences.map((sent, si) => {
      const words = sent.map((t) => t.text);
      const feats = featuresOf(es[si]!, model.bits, gaz, gaz === undefined ? undefined : es[si]!);
      return { words, feats, es: es[si]! };
    });
    const tags = inputs.map((s) => decodeWords(model, s.feats, s.words));
    if (stage2 === undefined) return tags;
    const stacked = stackDocFeatures(inputs, tags, stage2.bits, inputs.map((s) => s.es));
    return stacked.map((f, si) => decodeWords(stage2, f, inputs[si]!.words, STACKED_FEATURES_PER_TOKEN));
  }
  const bits = model.bits;
  const two = stage2 as CompactModel | undefined;
  // A record per word: the first model's group sums, then (with a second stage) the second's.
  const record = two === undefined ? GROUP_SUMS_INTS : 2 * GROUP_SUMS_INTS;
  const pool = entries.sums;
  const fill = (ids: Int32Array, at: number): void => {
    fillGroupSums(model, ids, pool.data, at);
    if (two !== undefined) fillGroupSums(two, ids, pool.data, at + GROUP_SUMS_INTS);
  };
  if (entries.edges === undefined) {
    const b = boundaryGroupFeatures(bits);
    const edges = { before: pool.alloc(record), after: pool.alloc(record) };
    fill(b.before, edges.before);
    fill(b.after, edges.after);
    entries.edges = edges;
  }
  const edges = entries.edges;
  // Group sums of words not seen before (all five groups at once; stage 2 reads the same ids).
  for (const list of es) {
    for (const e of list) {
      if (e.sumsAt >= 0) continue;
      e.sumsAt = pool.alloc(record);
      fill(wordGroupFeatures(e, bits), e.sumsAt);
    }
  }
  // The per-sentence arrays below are views of `tagWork`'s (one text at a time: they are read
  // only within this call), not arrays of their own: an allocation each would cost more than
  // most sentences' decoding.
  let tokens = 0;
  for (const list of es) tokens += list.length;
  const work = tagWork(tokens, es.length);
  // Per sentence, each token's record offset, padded with the boundary's two on each side.
  let from = 0;
  const at = es.map((list) => {
    const n = list.length;
    const out = work.at.subarray(from, from + n + 4);
    from += n + 4;
    out[0] = edges.before;
    out[1] = edges.before;
    for (let i = 0; i < n; i++) out[i + 2] = list[i]!.sumsAt;
    out[n + 2] = edges.after;
    out[n + 3] = edges.after;
    return out;
  });
  const sums = pool.data;
  from = 0;
  const mixed = es.map((list) => {
    const cols = work.mixed.subarray(from, from + list.length * MIXED_FEATURES_PER_TOKEN);
    from += cols.length;
    return mixedFeaturesOf(list, bits, gaz, gaz === undefined ? undefined : list, cols);
  });
  // Both stages read the same mixed columns: over a shared table (`loadTagger`), the first
  // stage's lookups of them bring the second's weights too (`decodeGrouped`'s carry), and the
  // second stage looks up only its document columns.
  let carried: Int32Array[] | undefined;
  if (two !== undefined && sharesTable(model, two)) {
    from = 0;
    carried = es.map((list) => {
      const out = work.carry.subarray(from, from + list.length * NUM_TAGS);
      from += out.length;
      return out;
    });
  }
  const tags = mixed.map((cols, si) => decodeGrouped(model, sums, at[si]!, 0, cols, MIXED_FEATURES_PER_TOKEN, undefined, 0, MIXED_HOT_COLUMNS,
    carried === undefined ? undefined : { first: true, sums: carried[si]! }));
  if (two === undefined) return tags;
  const doc = docFeatureColumns(es, tags, two.bits);
  return mixed.map((cols, si) => decodeGrouped(two, sums, at[si]!, GROUP_SUMS_INTS, cols, MIXED_FEATURES_PER_TOKEN,
    doc[si]!, DOC_FEATURES_PER_TOKEN, MIXED_HOT_COLUMNS, carried === undefined ? undefined : { first: false, sums: carried[si]! }));
}

/** `tagSentences`' work arrays, reused from text to text (grown when short). */
let tagWorkArrays = { at: new Int32Array(0), mixed: new Int32Array(0), carry: new Int32Array(0) };

function tagWork(tokens: number, sentences: number): typeof tagWorkArrays {
  const w = tagWorkArrays;
  if (w.at.length < tokens + 4 * sentences || w.mixed.length < tokens * MIXED_FEATURES_PER_TOKEN) {
    const t = 2 * tokens;
    tagWorkArrays = {
      at: new Int32Array(t + 8 * sentences), mixed: new Int32Array(t * MIXED_FEATURES_PER_TOKEN), carry: new Int32Array(t * NUM_TAGS),
    };
  }
  return tagWorkArrays;
}

/** Tags `text` with an in-memory model (used by training and evaluation). */
export function tagEntitiesWith(tagger: LoadedTagger, text: string): EntitySpan[] {
  const out: EntitySpan[] = [];
  const tokens = tokenize(text);
  let sentences = splitSentences(text, tokens);
  // ru: a dot inside a name ("Mail.Ru") or after "г.", "ул.", "им." ends no sentence (ru-rules.ts)
  if (tagger.language === 'ru') sentences = joinGluedSentences(sentences);
  const allTags = tagSentences(tagger, entriesFor(tagger), sentences);
  sentences.forEach((sent, si) => {
    const tags = allTags[si]!;
    if (tagger.language === 'ru') applyRussianRules(sent, tags);
    if (tagger.language !== undefined) applyKnownOrganizations(tagger.language, sent, tags);
    let i = 0;
    while (i < sent.length) {
      const tag = TAGS[tags[i]!]!;
      if (tag === 'O') {
        i++;
        continue;
      }
      const type = tag.slice(2) as EntityType;
      let j = i + 1;
      while (j < sent.length && TAGS[tags[j]!] === `I-${type}`) j++;
      const span = trimSpan(sent, i, j);
      if (span !== null) {
        const start = sent[span[0]]!.start;
        const end = sent[span[1] - 1]!.end;
        const name = text.slice(start, end);
        if (tagger.dropNames?.has(name) !== true) out.push({ text: name, type, start, end });
      }
      i = j;
    }
  });
  return out;
}

const loaded = new Map<NerLanguage, LoadedTagger>();

export function modelPath(lang: NerLanguage): string {
  return fileURLToPath(new URL(`./models/ner-${lang}.bin.gz`, import.meta.url));
}

/** Loads (once) the committed model for `lang`. */
export function loadTagger(lang: NerLanguage): LoadedTagger {
  let t = loaded.get(lang);
  if (t === undefined) {
    // Two stages over one table (model-io.ts `decodeModel`'s shared): `tagSentences` carries.
    const { model, stages, header } = decodeModel(readFileSync(modelPath(lang)), { shared: true });
    const entries = header.meta['gazetteer'] as Array<[string, number]> | undefined;
    t = { model, language: lang };
    if (stages[1] !== undefined) t.stage2 = stages[1];
    if (entries !== undefined) t.gazetteer = gazetteerFromEntries(lang, entries);
    if (lang === 'en') t.dropNames = ENGLISH_DEMONYMS;
    loaded.set(lang, t);
  }
  return t;
}

export function tagEntities(text: string, lang: NerLanguage): EntitySpan[] {
  if (text.length === 0) return [];
  return tagEntitiesWith(loadTagger(lang), text);
}
