/**
 * The search benchmark's queries, per class, drawn deterministically from the corpus model
 * (see bench/search.ts for the classes).
 */
import type { SearchQueryInput } from '../src/domain/search.js';
import { romanise, Rng, type CorpusModel } from './search-corpus.js';

export type ClassName = 'rare' | 'common' | 'phrase' | 'twoTerms' | 'dated';

export interface BenchQuery {
  chronicle: Omit<SearchQueryInput, 'collectionId'>;
  /** FTS5 expression for the baseline table (raw words, unicode61). */
  match: string;
  type?: string;
  from?: string;
  to?: string;
}

const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
const pad = (n: number) => String(n).padStart(2, '0');

export function buildQueries(model: CorpusModel, seed: number): Record<ClassName, BenchQuery[]> {
  const rng = new Rng(seed ^ 0xbeef);
  const enWords = model.en.byFrequency().filter((w) => /^\p{Ll}/u.test(w));
  const ruWords = model.ru.byFrequency().filter((w) => /^\p{Ll}/u.test(w));
  const byLang = [enWords, ruWords];

  // Rare: surnames that ended up in 2–60 documents, written as in Russian texts or romanised.
  const rareIds: number[] = [];
  model.surnameDocs.forEach((n, i) => {
    if (n >= 2 && n <= 60) rareIds.push(i);
  });
  const rare: BenchQuery[] = Array.from({ length: Math.min(100, rareIds.length) }, () => {
    const s = model.surnames[rng.pick(rareIds)]!;
    const written = rng.chance(0.5) ? s : romanise(s, rng.int(4));
    return { chronicle: { text: written }, match: quote(written) };
  });

  // Very common: the top words of each language, and the top words of 6+ letters.
  const common: BenchQuery[] = [];
  for (const list of byLang) {
    for (const w of list.slice(0, 8)) common.push({ chronicle: { text: w }, match: quote(w) });
    for (const w of list.filter((x) => x.length >= 6).slice(0, 4)) common.push({ chronicle: { text: w }, match: quote(w) });
  }

  // Phrases: frequent two-word sequences of 4+ letter words, half from the head, half from ranks 200–2000.
  const phrase: BenchQuery[] = [];
  for (const chain of [model.en, model.ru]) {
    const bigrams = [...chain.bigrams]
      .filter(([b]) => b.split(' ').every((w) => w.length >= 4 && /^\p{Ll}/u.test(w)))
      .sort((a, b) => b[1] - a[1])
      .map(([b]) => b);
    for (const b of [...bigrams.slice(0, 15), ...sample(rng, bigrams.slice(200, 2000), 15)]) phrase.push({ chronicle: { text: `"${b}"` }, match: `"${b}"` });
  }

  // Two terms: a frequent content word and a mid-frequency one; half with a type filter.
  const twoTerms: BenchQuery[] = Array.from({ length: 60 }, () => {
    const list = rng.pick(byLang);
    const content = list.filter((w) => w.length >= 5);
    const a = rng.pick(content.slice(0, 300));
    const b = rng.pick(content.slice(300, 3000));
    const type = rng.chance(0.5) ? rng.pick(model.types.slice(0, 8)) : undefined;
    return { chronicle: { text: `${a} ${b}`, ...(type ? { types: [type] } : {}) }, match: `${quote(a)} ${quote(b)}`, type };
  });

  // Dated: a frequent content word in a one-year or three-month range.
  const dated: BenchQuery[] = Array.from({ length: 60 }, () => {
    const list = rng.pick(byLang);
    const w = rng.pick(list.filter((x) => x.length >= 5).slice(0, 200));
    const year = 2000 + rng.int(25);
    const month = 1 + rng.int(10);
    const [from, to] = rng.chance(0.5)
      ? [`${year}-01-01`, `${year}-12-31`]
      : [`${year}-${pad(month)}-01`, new Date(Date.UTC(year, month + 2, 0)).toISOString().slice(0, 10)];
    return { chronicle: { text: w, from, to }, match: quote(w), from, to };
  });

  return { rare, common, phrase, twoTerms, dated };
}

function sample<T>(rng: Rng, list: T[], n: number): T[] {
  return Array.from({ length: Math.min(n, list.length) }, () => rng.pick(list));
}

