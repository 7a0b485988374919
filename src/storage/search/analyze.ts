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
 * Each pair of adjacent words also gives a bigram token: the first four letters of each word's
 * P key, `года после` -> `goda_posl`. It narrows phrase queries to the documents where such a
 * pair occurs, so a phrase of common words costs what the phrase's own frequency costs, not what
 * its words' co-occurrence costs. P-to-P phrase matches (any spelling or script) always share
 * the token; S-to-S (stemmed) ones do when the words agree in their first four letters, so a
 * phrase finds other inflections of its longer words (`land protest` ~ `land protests`) but not
 * of short ones (`года после` does not find `году после`).
 *
 * A query word matches a document word when S equals S, P equals P, or — for words of 4+ key
 * letters — P starts with the query's P (Kazakh and Russian endings: `Nazarbaev` finds
 * `Назарбаевтың`, `Назарбаева`; `Жаңаөзен` finds `Жаңаөзенде`). A Cyrillic query word whose root
 * (its stem stemmed again) has 6+ letters also matches by the root's phonetic key
 * (`Назарбаева` -> `nazarba*`, `задержание` -> `zaderja*` finds `задержали`). Latin words do not,
 * so `police` does not find `policy`. Phrases ("…") match S-to-S or P-to-P on adjacent words, without prefixes.
 */
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemRussian } from '@orama/stemmers/russian';
import { transliterate } from 'transliteration';

/** Longest key kept; longer words are cut (they are junk or URLs in practice). */
const MAX_KEY = 48;
/** Minimum P length for prefix matching of a query word. */
export const PREFIX_MIN = 4;
/** Minimum root-key length for root-prefix matching of a Cyrillic query word. */
export const STEM_PREFIX_MIN = 6;
/** Letters of each word's P key in a bigram token. */
const GRAM_PART = 4;

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
  /** The word's part of a bigram token: the first four letters of its P key. */
  g: string;
}

export interface Token {
  start: number;
  end: number;
  keys: WordKeys;
}

/**
 * Keys of words met recently, in two generations: when the young table is half full it becomes
 * the old one, and words still in use move back to the young one on their next lookup. Frequent
 * words stay cached; memory stays below 2 × GENERATION entries. The tables are looked up by the
 * word's characters where it stands in the text (`keysAt`), so a word already seen costs no new
 * string: scanning a document for a snippet, or indexing it, allocates only for new words.
 */
class WordTable {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly words: (string | undefined)[];
  private readonly keys: (WordKeys | null)[];
  size = 0;

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    this.hashes = new Int32Array(1 << bits);
    this.words = new Array<string | undefined>(1 << bits).fill(undefined);
    this.keys = new Array<WordKeys | null>(1 << bits).fill(null);
  }

  /** The keys kept for text[start, end) with hash h; undefined when the word is not here. */
  find(text: string, start: number, end: number, h: number): WordKeys | null | undefined {
    const len = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const w = this.words[slot];
      if (w === undefined) return undefined;
      if (this.hashes[slot] === h && w.length === len && sameChars(w, 0, text, start, len)) return this.keys[slot];
    }
  }

  add(word: string, h: number, keys: WordKeys | null): void {
    let slot = h & this.mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.words[slot] = word;
    this.hashes[slot] = h;
    this.keys[slot] = keys;
    this.size++;
  }
}

/** Whether a[aStart, aStart + len) and b[bStart, bStart + len) hold the same code units. */
export function sameChars(a: string, aStart: number, b: string, bStart: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false;
  return true;
}

/** Slots per table (a power of two); a table takes words until half full. */
const TABLE_BITS = 19;
const GENERATION = 1 << (TABLE_BITS - 1);
let young = new WordTable(TABLE_BITS);
let old = new WordTable(TABLE_BITS);

/** The index keys of one word as written (any case), or null when it has none. */
export function keysOf(word: string): WordKeys | null {
  return keysAt(word, 0, word.length);
}

/** FNV-1a over UTF-16 code units: the word tables' hash (`wordHash`, `scanHashedWords`). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `keysAtHashed` expects for text[start, end). */
export function wordHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** keysOf(text.slice(start, end)), without making that string when the word was seen recently. */
export function keysAt(text: string, start: number, end: number): WordKeys | null {
  return keysAtHashed(text, start, end, wordHash(text, start, end));
}

/** keysAt when the caller already has the word's hash (`scanHashedWords` computes it while scanning). */
export function keysAtHashed(text: string, start: number, end: number, h: number): WordKeys | null {
  let keys = young.find(text, start, end, h);
  if (keys !== undefined) return keys;
  const word = text.slice(start, end);
  keys = old.find(text, start, end, h);
  if (keys === undefined) keys = computeKeys(word);
  if (young.size >= GENERATION) {
    old = young;
    young = new WordTable(TABLE_BITS);
  }
  young.add(word, h, keys);
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
    return { s, p, cyrillic: true, root, g: gramPart(p) };
  }
  const latin = toAscii(lower);
  if (!latin) return null;
  const s = clip(ASCII_LETTERS_RE.test(latin) ? stemEnglish(latin) : latin);
  const p = clip(phonetic(latin));
  if (!s || !p) return null;
  return { s, p, cyrillic: false, g: gramPart(p) };
}

/**
 * What the keys of a word can begin with, from its first character alone: `{ s, p }` hold every
 * letter its S key and its P key may start with, whatever follows (the folds of `phonetic` that
 * change a first letter: tch -> ch, dj/dzh/zh -> j, kh -> h, ph -> f, ck/q/x -> k, w -> v,
 * y -> i; a Cyrillic Е reads Ye). null when the character is not an ASCII letter or digit or a
 * Cyrillic letter Chronicle transliterates. For a word whose first character gives an answer
 * and whose second is not a combining mark (which NFC could merge into the first), the keys
 * are never null. Snippets use it to skip the words no query word can match
 * (snippet.ts `WordMatcher`); test/search-analyze.test.ts checks it against computeKeys.
 */
export function firstKeyLetters(code: number): { s: string; p: string } | null {
  const ch = String.fromCharCode(code).toLowerCase();
  if (ch.length !== 1) return null;
  const c = ch.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return { s: ch, p: PHONETIC_FIRST[ch] ?? ch };
  const latin = CYRILLIC[ch];
  if (latin === undefined || latin.length === 0) return null;
  const first = latin[0]!;
  return { s: first, p: ch === 'е' || ch === 'ё' ? 'i' : (PHONETIC_FIRST[first] ?? first) };
}

/** What `phonetic` can turn a word's first letter into, for the letters it can change. */
const PHONETIC_FIRST: Record<string, string> = { t: 'tck', d: 'dj', z: 'zj', k: 'kh', p: 'pf', c: 'ck', q: 'k', x: 'k', w: 'v', y: 'i' };

function gramPart(p: string): string {
  return p.slice(0, GRAM_PART);
}

/** The bigram token of two adjacent words: `года после` -> `god_pos`. */
export function gramOf(a: WordKeys, b: WordKeys): string {
  return `${a.g}_${b.g}`;
}

function clip(s: string): string {
  return s.length > MAX_KEY ? s.slice(0, MAX_KEY) : s;
}

/** CYRILLIC by UTF-16 code unit (every letter it maps is one unit): no property lookup per letter. */
const CYRILLIC_BY_CODE: (string | undefined)[] = [];
for (const [ch, latin] of Object.entries(CYRILLIC)) CYRILLIC_BY_CODE[ch.charCodeAt(0)] = latin;

function transliterateCyrillic(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += CYRILLIC_BY_CODE[c] ?? s[i];
  }
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
 * [a-z0-9] only. The folds apply in this order, each to the result of the one before:
 *
 *   shch|sch -> sh, tch -> ch, dzh|dj|zh -> j, kh -> h, gh -> g, ph -> f, ck|q -> k, x -> ks,
 *   w -> v, y between vowels dropped, y -> i, runs of one letter -> the letter.
 *
 * Each fold is tried only when what it looks for is in the word (most words hold none of it):
 * the same key as running every replace, at a fraction of the cost (a new word's keys are
 * computed while a document is indexed or a snippet is built). test/search-analyze.test.ts
 * checks it against the plain chain of replaces.
 */
export function phonetic(s: string): string {
  let k = s;
  if (k.includes('h')) {
    if (k.includes('ch')) k = k.replace(/shch|sch/g, 'sh');
    if (k.includes('tch')) k = k.replace(/tch/g, 'ch');
  }
  if (k.includes('zh') || k.includes('dj')) k = k.replace(/dzh|dj|zh/g, 'j');
  if (k.includes('h')) {
    if (k.includes('kh')) k = k.replace(/kh/g, 'h');
    if (k.includes('gh')) k = k.replace(/gh/g, 'g');
    if (k.includes('ph')) k = k.replace(/ph/g, 'f');
  }
  if (k.includes('ck') || k.includes('q')) k = k.replace(/ck|q/g, 'k');
  if (k.includes('x')) k = k.replace(/x/g, 'ks');
  if (k.includes('w')) k = k.replace(/w/g, 'v');
  if (k.includes('y')) k = k.replace(/([aeiou])y(?=[aeiou])/g, '$1').replace(/y/g, 'i');
  return hasLetterRun(k) ? k.replace(/([a-z])\1+/g, '$1') : k;
}

/** Whether s holds the same letter a-z twice in a row. */
function hasLetterRun(s: string): boolean {
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === prev && c >= 0x61 && c <= 0x7a) return true;
    prev = c;
  }
  return false;
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
  forEachWord(text, (start, end, keys) => fn({ start, end, keys }), maxChars);
}

/** forEachToken without an object per word: `fn(start, end, keys)`. */
export function forEachWord(text: string, fn: (start: number, end: number, keys: WordKeys) => boolean | void, maxChars = Infinity): void {
  const src = text.length > maxChars ? text.slice(0, maxChars) : text;
  scanHashedWords(src, (start, end, h) => {
    const keys = keysAtHashed(src, start, end, h);
    return keys ? fn(start, end, keys) : undefined;
  });
}

export interface AnalysedText {
  /** S terms, one per word. */
  s: string[];
  /** P terms, one per word. */
  p: string[];
  /** Bigram tokens, one per pair of adjacent words. */
  g: string[];
}

/** The S and P terms of a text, one pair per word, in order, and its bigram tokens. */
export function analyzeText(text: string): AnalysedText {
  const s: string[] = [];
  const p: string[] = [];
  const g: string[] = [];
  let prev: WordKeys | null = null;
  scanHashedWords(text, (start, end, h) => {
    const keys = keysAtHashed(text, start, end, h);
    if (keys) {
      s.push(keys.s);
      p.push(keys.p);
      if (prev) g.push(gramOf(prev, keys));
      prev = keys;
    }
  });
  return { s, p, g };
}

/** The key of a facet value (a place or person name, a type): its words' P keys. */
export function valueKey(value: string): string {
  const words = wordsOf(value).flatMap((w) => {
    const keys = keysOf(w);
    return keys ? [keys.p] : [];
  });
  return words.length ? words.join(' ') : value.trim().toLowerCase();
}

/** The words of a text as written. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  scanHashedWords(text, (start, end) => {
    out.push(text.slice(start, end));
  });
  return out;
}

/** Width of a word character at i (1, or 2 for a surrogate pair), or 0. Fast paths for Latin and Cyrillic. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isAsciiWordChar(c) ? 1 : 0;
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
 * Calls `word(start, end, h)` for every run of letters, marks and digits, until it returns
 * false; an apostrophe between two such characters stays inside the word (O'Brien,
 * Nazarbayev's). `h` is the word's `wordHash`, computed in the same pass over the characters,
 * so looking the word up (keysAtHashed, a snippet's own table) reads no character twice.
 */
export function scanHashedWords(text: string, word: (start: number, end: number, h: number) => boolean | void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let w = c < 0x80 ? (isAsciiWordChar(c) ? 1 : 0) : wordCharAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    for (;;) {
      // The word's characters; w is the width of the one at i (known to be a word character).
      do {
        h = Math.imul(h ^ c, FNV_PRIME);
        if (w === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
        i += w;
        if (i >= n) break;
        c = text.charCodeAt(i);
        w = c < 0x80 ? (isAsciiWordChar(c) ? 1 : 0) : wordCharAt(text, i);
      } while (w > 0);
      if (i + 1 < n && isApostrophe(c) && (w = wordCharAt(text, i + 1)) > 0) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
        c = text.charCodeAt(i);
      } else break;
    }
    if (word(start, i, h) === false) return;
  }
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}
