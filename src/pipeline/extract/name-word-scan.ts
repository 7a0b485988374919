/**
 * The capitalised name words of a text, the matches of
 *
 *   NAME_WORD = /(?<![\p{L}\p{N}.@/_])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?=(?:['’ʼ]s)?(?![\p{L}\p{N}]))/gu
 *
 * ("Кошанов", "Касым-Жомарт", "Smith" in "Smith’s"), found by reading character codes instead
 * of running the expression: the person-mention scan asks for every name word of the text, and
 * a regular-expression call (with its match object and lookbehind test) per word cost far more
 * than the words' letters.
 *
 * Exactly the expression's matches, by its backtracking: after the capital, the lower-case run
 * is taken whole (a shorter one is followed by a lower-case letter, which the lookahead
 * refuses); then the hyphenated second part if it is there and the lookahead holds after it,
 * else the first word alone if the lookahead holds after that ("Иванов-" then "-" is not a
 * letter). The lookahead holds where no letter or digit follows, or a possessive does and no
 * letter or digit after it (ʼ, U+02BC, is itself a letter). Positions advance by code points,
 * as with the u flag.
 *
 *   nextNameWord('в Астане Кошанов-Петров сказал', 0) // { index: 2, text: 'Астане' }
 */

export interface NameWord {
  index: number;
  text: string;
}

const UPPER = 1;
const LOWER = 2;
/** [\p{L}\p{N}] */
const WORD = 4;
/** [\p{L}\p{N}.@/_]: what may not stand before a name word */
const BEHIND = 8;

const UPPER_RE = /^\p{Lu}$/u;
const LOWER_RE = /^\p{Ll}$/u;
const WORD_RE = /^[\p{L}\p{N}]$/u;
const BEHIND_RE = /^[\p{L}\p{N}.@/_]$/u;

function classify(c: number): number {
  const ch = String.fromCodePoint(c);
  return (UPPER_RE.test(ch) ? UPPER : 0) | (LOWER_RE.test(ch) ? LOWER : 0)
    | (WORD_RE.test(ch) ? WORD : 0) | (BEHIND_RE.test(ch) ? BEHIND : 0);
}

/**
 * Classes of the BMP code points, filled on first sight (a pure function of the code point,
 * 64 KB at most); 0x80 marks "known". Basic Latin and Russian letters are told by their codes.
 */
const bmpClasses = new Uint8Array(0x10000);

function classOf(c: number): number {
  if (c < 0x80) {
    if ((c >= 0x41 && c <= 0x5a)) return UPPER | WORD | BEHIND;
    if ((c >= 0x61 && c <= 0x7a)) return LOWER | WORD | BEHIND;
    if (c >= 0x30 && c <= 0x39) return WORD | BEHIND;
    return c === 0x2e || c === 0x40 || c === 0x2f || c === 0x5f ? BEHIND : 0;
  }
  if ((c >= 0x410 && c <= 0x42f) || c === 0x401) return UPPER | WORD | BEHIND;
  if ((c >= 0x430 && c <= 0x44f) || c === 0x451) return LOWER | WORD | BEHIND;
  if (c > 0xffff) return classify(c);
  let k = bmpClasses[c]!;
  if (k === 0) {
    k = classify(c) | 0x80;
    bmpClasses[c] = k;
  }
  return k & 0x7f;
}

/** The code point at `i` (a whole surrogate pair, or a lone surrogate as itself), -1 past the end. */
function codePointAt(text: string, i: number): number {
  return i < text.length ? text.codePointAt(i)! : -1;
}

/** Class of the code point at `i`; 0 past the end. */
function classAt(text: string, i: number): number {
  const c = codePointAt(text, i);
  return c < 0 ? 0 : classOf(c);
}

/** Class of the code point that ends just before `i` (a surrogate pair read whole); 0 at the start. */
function classBefore(text: string, i: number): number {
  if (i <= 0) return 0;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return classOf(((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
  }
  return classOf(lo);
}

/** The lookahead `(?=(?:['’ʼ]s)?(?![\p{L}\p{N}]))` at `i`. */
function nameEndsAt(text: string, i: number): boolean {
  if ((classAt(text, i) & WORD) === 0) return true;
  const q = text.charCodeAt(i);
  return (q === 0x27 || q === 0x2019 || q === 0x2bc) && text.charCodeAt(i + 1) === 0x73 && (classAt(text, i + 2) & WORD) === 0;
}

/** End of the run of lower-case letters from `i`. */
function lowerRunEnd(text: string, i: number): number {
  for (;;) {
    const c = codePointAt(text, i);
    if (c < 0 || (classOf(c) & LOWER) === 0) return i;
    i += c > 0xffff ? 2 : 1;
  }
}

/** End of a name word whose capital ends at `i`, or -1 when none starts there. */
function wordEnd(text: string, i: number): number {
  const end = lowerRunEnd(text, i);
  if (end === i) return -1;
  if (text.charCodeAt(end) === 0x2d) {
    const c = codePointAt(text, end + 1);
    if (c >= 0 && (classOf(c) & UPPER) !== 0) {
      const from = end + 1 + (c > 0xffff ? 2 : 1);
      const end2 = lowerRunEnd(text, from);
      if (end2 > from && nameEndsAt(text, end2)) return end2;
    }
  }
  return nameEndsAt(text, end) ? end : -1;
}

/** The first name word at or after `from` (a code point boundary), as `NAME_WORD.exec` with lastIndex = from gives it. */
export function nextNameWord(text: string, from: number): NameWord | null {
  for (let p = from; p < text.length;) {
    const c = text.codePointAt(p)!;
    const next = p + (c > 0xffff ? 2 : 1);
    if ((classOf(c) & UPPER) !== 0 && (classBefore(text, p) & BEHIND) === 0) {
      const end = wordEnd(text, next);
      if (end >= 0) return { index: p, text: text.slice(p, end) };
    }
    p = next;
  }
  return null;
}
