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
import { extractFeatures, type Gazetteer } from './features.js';
import { stackDocFeatures, STACKED_FEATURES_PER_TOKEN } from './doc-features.js';
import { ENGLISH_DEMONYMS, gazetteerFromEntries } from './gazetteer.js';
import { decodeModel } from './model-io.js';
import { decodeWords, TAGS, type CompactModel, type EntityType, type PerceptronModel } from './perceptron.js';
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

/** Tags `text` with an in-memory model (used by training and evaluation). */
export function tagEntitiesWith(tagger: LoadedTagger, text: string): EntitySpan[] {
  const out: EntitySpan[] = [];
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const inputs = sentences.map((sent) => {
    const words = sent.map((t) => t.text);
    return { words, feats: extractFeatures(words, tagger.model.bits, tagger.gazetteer) };
  });
  let allTags = inputs.map((s) => decodeWords(tagger.model, s.feats, s.words));
  const stage2 = tagger.stage2;
  if (stage2 !== undefined) {
    const stacked = stackDocFeatures(inputs, allTags, stage2.bits);
    allTags = stacked.map((f, si) => decodeWords(stage2, f, inputs[si]!.words, STACKED_FEATURES_PER_TOKEN));
  }
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
