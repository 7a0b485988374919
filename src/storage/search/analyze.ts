/**
 * Text analysis for search, shared by both back-ends and by queries: the same function turns a
 * document's words into index terms and a query's words into the terms looked up, so the two can
 * never drift apart. Changing anything here changes the terms: re-index afterwards.
 *
 * Every word (a run of Unicode letters, marks and digits; `'s` and apostrophes dropped, hyphens
 * split) gives two ASCII terms at the same position:
 *
 *   S, the stem: English Porter stem for Latin-script words, Russian Snowball stem for Cyrillic
 *      ones (Kazakh words go through it too: harmless, and consistent at index and query time),
 *      then transliterated to Latin. `arrested` -> `arrest`, `задержали` -> `zaderzha`.
 *   P, the phonetic key of the whole word: transliterated (Kazakh letters included) and folded
 *      so that common romanisations meet: kh->h, zh/dzh/dj->j, q->k, x->ks, w->v, y between
 *      vowels dropped, other y->i, doubled letters single; a word-initial Cyrillic Е reads Ye.
 *      `Назарбаев`, `Nazarbayev`, `Nazarbaev` -> `nazarbaev`; `Бокаев`, `Boqaev`, `Bokayev` ->
 *      `bokaev`; `Жаңаөзен`, `Zhanaozen`, `Janaozen` -> `janaozen`.
 *
 * A query word matches a document word when S equals S, P equals P, or — for words of 4+ key
 * letters — P starts with the query's P (Kazakh and Russian endings: `Nazarbaev` finds
 * `Назарбаевтың`, `Назарбаева`; `Жаңаөзен` finds `Жаңаөзенде`). A Cyrillic query word whose root
 * (its stem stemmed again) has 5+ letters also matches by the root's phonetic key
 * (`Назарбаева` -> `nazarba*`, `задержание` -> `zaderja*` finds `задержали`). Latin words do not,
 * so `police` does not find `policy`. Phrases ("…") match S-to-S or P-to-P on adjacent words, without prefixes.
 */
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import { transliterate } from 'transliteration';
import { AppError } from '../../domain/errors.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../../domain/search.js';

/** Longest key kept; longer words are cut (they are junk or URLs in practice). */
const MAX_KEY = 48;
/** Minimum P length for prefix matching of a query word. */
export const PREFIX_MIN = 4;
/** Minimum stem-key length for stem-prefix matching of a Cyrillic query word. */
export const STEM_PREFIX_MIN = 5;

const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const CYRILLIC_RE = /[\u0400-\u04ff]/;
const ASCII_WORD_RE = /^[a-z0-9]+$/;
const ASCII_LETTERS_RE = /^[a-z]+$/;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  // Ukrainian, Belarusian, Kyrgyz, Tajik, Uzbek letters met in the region
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'u', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u', ҡ: 'q',
};

/** Latin letters that Unicode decomposition does not reduce to a-z the way names are romanised. */
const LATIN_SPECIAL: Record<string, string> = {
  ı: 'i', ş: 'sh', ç: 'ch', ğ: 'g', ñ: 'n', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', þ: 'th',
};

export interface WordKeys {
  /** Stem term. */
  s: string;
  /** Phonetic term of the whole word. */
  p: string;
  /** Whether the word was written in Cyrillic. */
  cyrillic: boolean;
  /**
   * Cyrillic words only: the phonetic key of the stem stemmed once more, the word's root as far
   * as the Snowball rules go (задержание -> задержан -> задержа), which a query matches by prefix.
   */
  root?: string;
}

export interface Token {
  start: number;
  end: number;
  keys: WordKeys;
}

const cache = new Map<string, WordKeys | null>();
const CACHE_MAX = 300_000;

/** The index keys of one word as written (any case), or null when it has none. */
export function keysOf(word: string): WordKeys | null {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const keys = computeKeys(word);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, keys);
  return keys;
}

function computeKeys(word: string): WordKeys | null {
  let lower = word.toLowerCase().replace(/['’ʼ]s$/u, '').replace(/['’ʼ]/gu, '');
  if (lower.length === 0) return null;
  if (CYRILLIC_RE.test(lower)) {
    lower = lower.normalize('NFC').replace(/ё/g, 'е');
    const stem = stemRussian(lower);
    const s = clip(toAscii(transliterateCyrillic(stem)));
    const root = clip(phonetic(toAscii(transliterateCyrillic(stemRussian(stem)))));
    // A word-initial Е is romanised Ye (Yerlan, Yevgeny), as English-language reports do.
    const initial = lower.startsWith('е') ? 'y' : '';
    const p = clip(phonetic(initial + toAscii(transliterateCyrillic(lower))));
    if (!s || !p) return null;
    return { s, p, cyrillic: true, root };
  }
  const latin = toAscii(lower);
  if (!latin) return null;
  const s = clip(ASCII_LETTERS_RE.test(latin) ? stemEnglish(latin) : latin);
  const p = clip(phonetic(latin));
  if (!s || !p) return null;
  return { s, p, cyrillic: false };
}

function clip(s: string): string {
  return s.length > MAX_KEY ? s.slice(0, MAX_KEY) : s;
}

function transliterateCyrillic(s: string): string {
  let out = '';
  for (const ch of s) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** Lower-case text of any script to [a-z0-9]: diacritics dropped, other scripts romanised. */
function toAscii(s: string): string {
  if (ASCII_WORD_RE.test(s)) return s;
  let out = '';
  for (const ch of s.normalize('NFD')) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) out += ch;
    else if (c >= 0x300 && c <= 0x36f) continue; // combining marks
    else if (LATIN_SPECIAL[ch] !== undefined) out += LATIN_SPECIAL[ch];
    else if (CYRILLIC[ch] !== undefined) out += CYRILLIC[ch];
    else if (/[\p{L}\p{N}]/u.test(ch)) out += transliterate(ch).toLowerCase().replace(/[^a-z0-9]/g, '');
  }
  return out;
}

/**
 * A lossy key that lets romanisations of one name meet (see the module comment). Applied to
 * [a-z0-9] only.
 */
export function phonetic(s: string): string {
  const k = s
    .replace(/shch|sch/g, 'sh')
    .replace(/tch/g, 'ch')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/([aeiou])y(?=[aeiou])/g, '$1')
    .replace(/y/g, 'i');
  return k.replace(/([a-z])\1+/g, '$1');
}

/** The words of a text with their offsets and keys, in order. */
export function tokenize(text: string, maxChars = Infinity): Token[] {
  const out: Token[] = [];
  forEachToken(text, (t) => {
    out.push(t);
  }, maxChars);
  return out;
}

/** Calls `fn` for each word of the text's first `maxChars` characters; `fn` returning false stops. */
export function forEachToken(text: string, fn: (t: Token) => boolean | void, maxChars = Infinity): void {
  const src = text.length > maxChars ? text.slice(0, maxChars) : text;
  scanWords(src, (start, end) => {
    const keys = keysOf(src.slice(start, end));
    return keys ? fn({ start, end, keys }) : undefined;
  });
}

/** The S and P terms of a text, one pair per word, in order. */
export function analyzeText(text: string): { s: string[]; p: string[] } {
  const s: string[] = [];
  const p: string[] = [];
  scanWords(text, (start, end) => {
    const keys = keysOf(text.slice(start, end));
    if (keys) {
      s.push(keys.s);
      p.push(keys.p);
    }
  });
  return { s, p };
}

/** The key of a facet value (a place or person name, a type): its words' P keys. */
export function valueKey(value: string): string {
  const words = wordsOf(value).flatMap((w) => {
    const keys = keysOf(w);
    return keys ? [keys.p] : [];
  });
  return words.length ? words.join(' ') : value.trim().toLowerCase();
}

function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => {
    out.push(text.slice(start, end));
  });
  return out;
}

/** Width of a word character at i (1, or 2 for a surrogate pair), or 0. Fast paths for Latin and Cyrillic. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;
  if (c >= 0x400 && c <= 0x4ff) return c >= 0x482 && c <= 0x489 && c !== 0x483 ? 0 : 1;
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? 0 : 1;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return WORD_CHAR_RE.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return WORD_CHAR_RE.test(text[i]!) ? 1 : 0;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc;
}

/**
 * Calls `word(start, end)` for every run of letters, marks and digits, until it returns false;
 * an apostrophe between two such characters stays inside the word (O'Brien, Nazarbayev's).
 */
function scanWords(text: string, word: (start: number, end: number) => boolean | void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    i += w;
    for (;;) {
      while (i < n && (w = wordCharAt(text, i)) > 0) i += w;
      if (i + 1 < n && isApostrophe(text.charCodeAt(i)) && wordCharAt(text, i + 1) > 0) i++;
      else break;
    }
    if (word(start, i) === false) return;
  }
}

// ---------------------------------------------------------------------------------------------
// The query language

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
