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
import { DOC_FEATURES_PER_TOKEN, docFeatureColumns, docWordOf, stackDocFeatures, STACKED_FEATURES_PER_TOKEN, type DocWord } from './doc-features.js';
import { ENGLISH_DEMONYMS, gazetteerFromEntries } from './gazetteer.js';
import { decodeModel } from './model-io.js';
import { decodeGrouped, decodeWords, fillWordSums, isCompact, newWordSums, TAGS, wordSumsDone, type CompactModel, type EntityType, type PerceptronModel, type WordSums } from './perceptron.js';
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
 * of `decodeWords`.
 */
interface WordEntry {
  info: TokenInfo;
  gaz: GazWord | undefined;
  doc: DocWord;
  sums1: WordSums;
  sums2: WordSums;
}

/** Word entries of one tagger configuration (model, second stage, gazetteer), by word. */
interface WordEntries {
  stage2: LoadedTagger['stage2'];
  gazetteer: Gazetteer | undefined;
  byWord: Map<string, WordEntry>;
  /** the sentence boundary's group sums per model (`decodeGrouped`), made on first use */
  edges?: { before1: WordSums; after1: WordSums; before2: WordSums; after2: WordSums };
}

const MAX_WORD_ENTRIES = 200_000;
const wordEntries = new WeakMap<PerceptronModel | CompactModel, WordEntries>();

function entriesFor(tagger: LoadedTagger): WordEntries {
  let e = wordEntries.get(tagger.model);
  if (e === undefined || e.stage2 !== tagger.stage2 || e.gazetteer !== tagger.gazetteer) {
    e = { stage2: tagger.stage2, gazetteer: tagger.gazetteer, byWord: new Map() };
    wordEntries.set(tagger.model, e);
  }
  return e;
}

function entryOf(entries: WordEntries, word: string): WordEntry {
  let e = entries.byWord.get(word);
  if (e === undefined) {
    const gaz = entries.gazetteer;
    e = { info: infoOf(word), gaz: gaz === undefined ? undefined : gazWordOf(gaz, word), doc: docWordOf(word), sums1: newWordSums(), sums2: newWordSums() };
    if (entries.byWord.size >= MAX_WORD_ENTRIES) entries.byWord.clear();
    entries.byWord.set(word, e);
  }
  return e;
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
  const es = sentences.map((sent) => sent.map((t) => entryOf(entries, t.text)));
  if (!isCompact(model) || (stage2 !== undefined && !isCompact(stage2))) {
    const inputs = sentences.map((sent, si) => {
      const words = sent.map((t) => t.text);
      const feats = featuresOf(es[si]!.map((e) => e.info), model.bits, gaz, gaz === undefined ? undefined : es[si]!.map((e) => e.gaz!));
      return { words, feats, es: es[si]! };
    });
    const tags = inputs.map((s) => decodeWords(model, s.feats, s.words, undefined, s.es.map((e) => e.sums1)));
    if (stage2 === undefined) return tags;
    const stacked = stackDocFeatures(inputs, tags, stage2.bits, inputs.map((s) => s.es.map((e) => e.doc)));
    return stacked.map((f, si) => decodeWords(stage2, f, inputs[si]!.words, STACKED_FEATURES_PER_TOKEN, inputs[si]!.es.map((e) => e.sums2)));
  }
  const bits = model.bits;
  const two = stage2 as CompactModel | undefined;
  if (entries.edges === undefined) {
    const b = boundaryGroupFeatures(bits);
    const edges = { before1: newWordSums(), after1: newWordSums(), before2: newWordSums(), after2: newWordSums() };
    fillWordSums(model, b.before, edges.before1);
    fillWordSums(model, b.after, edges.after1);
    if (two !== undefined) {
      fillWordSums(two, b.before, edges.before2);
      fillWordSums(two, b.after, edges.after2);
    }
    entries.edges = edges;
  }
  const edges = entries.edges;
  // Group sums of words not seen before (all five groups at once; stage 2 reads the same ids).
  for (const list of es) {
    for (const e of list) {
      if (wordSumsDone(e.sums1) && (two === undefined || wordSumsDone(e.sums2))) continue;
      const ids = wordGroupFeatures(e.info, bits);
      fillWordSums(model, ids, e.sums1);
      if (two !== undefined) fillWordSums(two, ids, e.sums2);
    }
  }
  const mixed = es.map((list) => mixedFeaturesOf(list.map((e) => e.info), bits, gaz, gaz === undefined ? undefined : list.map((e) => e.gaz!)));
  const sums1 = es.map((list) => list.map((e) => e.sums1));
  const tags = mixed.map((cols, si) => decodeGrouped(model, sums1[si]!, edges.before1, edges.after1, cols, MIXED_FEATURES_PER_TOKEN, undefined, 0, MIXED_HOT_COLUMNS));
  if (two === undefined) return tags;
  const doc = docFeatureColumns(es.map((list) => list.map((e) => e.doc)), tags, two.bits);
  return mixed.map((cols, si) => decodeGrouped(two, es[si]!.map((e) => e.sums2), edges.before2, edges.after2, cols, MIXED_FEATURES_PER_TOKEN,
    doc[si]!, DOC_FEATURES_PER_TOKEN, MIXED_HOT_COLUMNS));
}

/** Tags `text` with an in-memory model (used by training and evaluation). */
export function tagEntitiesWith(tagger: LoadedTagger, text: string): EntitySpan[] {
  const out: EntitySpan[] = [];
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const allTags = tagSentences(tagger, entriesFor(tagger), sentences);
  sentences.forEach((sent, si) => {
    const tags = allTags[si]!;
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
    const { model, stages, header } = decodeModel(readFileSync(modelPath(lang)));
    const entries = header.meta['gazetteer'] as Array<[string, number]> | undefined;
    t = { model };
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
