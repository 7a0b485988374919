/**
 * The query language (domain/search.ts describes it to users), parsed into clauses of analysed
 * words — the same analysis as the index (analyze.ts).
 *
 *   parseQueryText('Bokaev "land protests" -police court OR суд')
 *   -> clauses: [Bokaev], ["land protests"], -[police], [court | суд]
 */
import { AppError } from '../../domain/errors.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../../domain/search.js';
import { keysOf, phonetic, PREFIX_MIN, STEM_PREFIX_MIN, wordsOf, type WordKeys } from './analyze.js';

/** One word of a query: its keys and the prefixes it may match by. */
export interface QueryWord {
  text: string;
  keys: WordKeys;
  /** P-term prefixes this word also matches (empty inside phrases and quotes). */
  prefixes: string[];
}

export type QueryItem = { kind: 'word'; word: QueryWord } | { kind: 'phrase'; words: QueryWord[] };

/** A clause: its items OR-ed. Clauses are AND-ed; a negated clause must not match. */
export interface QueryClause {
  negated: boolean;
  items: QueryItem[];
}

export interface ParsedQuery {
  clauses: QueryClause[];
}

interface RawItem {
  negated: boolean;
  quoted: boolean;
  star: boolean;
  text: string;
}

/**
 * Parses query text into clauses. Throws INVALID_INPUT for an empty or over-long query, one
 * without any word to look for, or one whose every clause is negated.
 */
export function parseQueryText(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new AppError('INVALID_INPUT', `search query is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
  }
  if (text.trim().length === 0) throw new AppError('INVALID_INPUT', 'search query is empty');

  const groups: RawItem[][] = [];
  let pendingOr = false;
  for (const raw of scan(text)) {
    if (!raw.quoted && !raw.negated && (raw.text === 'OR' || raw.text === '|')) {
      pendingOr = groups.length > 0;
      continue;
    }
    if (!raw.quoted && !raw.negated && (raw.text === 'AND' || raw.text === '&&')) continue;
    if (pendingOr) groups.at(-1)!.push(raw);
    else groups.push([raw]);
    pendingOr = false;
  }

  const clauses: QueryClause[] = [];
  let words = 0;
  for (const group of groups) {
    const items: QueryItem[] = [];
    const negated = group[0]!.negated;
    for (const raw of group) {
      if (raw.negated !== negated || (negated && group.length > 1)) {
        throw new AppError('INVALID_INPUT', 'search query combines an excluded (-) term with OR; write the exclusion on its own');
      }
      const item = toItem(raw);
      if (!item) continue;
      words += item.kind === 'word' ? 1 : item.words.length;
      items.push(item);
    }
    if (items.length) clauses.push({ negated, items });
  }
  if (words > MAX_QUERY_WORDS) throw new AppError('INVALID_INPUT', `search query has ${words} words; the limit is ${MAX_QUERY_WORDS}`);
  if (clauses.length === 0) {
    throw new AppError('INVALID_INPUT', 'search query has no word to search for (only operators, quotes or punctuation)');
  }
  if (clauses.every((c) => c.negated)) {
    throw new AppError('INVALID_INPUT', 'search query only excludes (-) terms; add a word to search for');
  }
  return { clauses };
}

/** Splits query text into raw items: "quoted" runs, -negations, trailing * and bare chunks. */
function* scan(text: string): Generator<RawItem> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    let negated = false;
    if ((text[i] === '-' || text[i] === '!') && i + 1 < n && !/\s/.test(text[i + 1]!)) {
      negated = true;
      i++;
    }
    if (text[i] === '"' || text[i] === '«' || text[i] === '“') {
      const close = text[i] === '"' ? '"' : text[i] === '«' ? '»' : '”';
      const end = text.indexOf(close, i + 1);
      const stop = end === -1 ? n : end;
      yield { negated, quoted: true, star: false, text: text.slice(i + 1, stop) };
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(text[j]!) && text[j] !== '"') j++;
    const chunk = text.slice(i, j);
    i = j;
    const star = chunk.endsWith('*');
    yield { negated, quoted: false, star, text: star ? chunk.replace(/\*+$/, '') : chunk };
  }
}

function toItem(raw: RawItem): QueryItem | null {
  const words: QueryWord[] = [];
  for (const text of wordsOf(raw.text)) {
    const keys = keysOf(text);
    if (keys) words.push({ text, keys, prefixes: [] });
  }
  if (words.length === 0) return null;
  if (words.length > 1) return { kind: 'phrase', words };
  const word = words[0]!;
  if (raw.star && word.keys.p.length >= 3) word.prefixes = [word.keys.p];
  else if (!raw.quoted && !raw.star) word.prefixes = prefixesOf(word.keys);
  return { kind: 'word', word };
}

/** The P-term prefixes a bare query word also matches (see the module comment). */
export function prefixesOf(keys: WordKeys): string[] {
  const out: string[] = [];
  if (keys.p.length >= PREFIX_MIN) out.push(keys.p);
  if (keys.root && keys.root.length >= STEM_PREFIX_MIN && !out.some((p) => keys.root!.startsWith(p))) out.push(keys.root);
  // One prefix that starts another covers it.
  return out.filter((p, i) => !out.some((q, j) => j !== i && p.startsWith(q) && q !== p));
}

/** Whether a document word with these keys matches a query word (used for snippets). */
export function wordMatches(doc: WordKeys, q: QueryWord): boolean {
  if (doc.s === q.keys.s || doc.p === q.keys.p) return true;
  for (const pre of q.prefixes) if (doc.p.startsWith(pre)) return true;
  return false;
}
