/**
 * Faster scanning with "whole-word" regular expressions. JavaScript's `\b` does not know
 * Cyrillic, so the rule sets open their patterns with the lookbehind `(?<![\p{L}\p{N}])`. A
 * pattern that starts with a lookbehind defeats V8's first-character prefilter: the lookbehind
 * (a Unicode property class) is evaluated at every position of the text, which costs about ten
 * times the scan of the same pattern without it.
 *
 * `boundaryScanner(re)` returns a function giving exactly the matches `re.exec` gives (same
 * index, text and groups, in the same order): it runs a copy of `re` without the leading
 * lookbehind and tests the lookbehind itself only where that copy matches. A match of `re`
 * at position p is a match of the copy at p where the lookbehind holds, and the copy
 * matches at p exactly as `re` does (the lookbehind is zero-width and captures nothing), so
 * taking the copy's matches in order and skipping those at positions failing the lookbehind
 * yields `re`'s matches. Recognised shapes (anything else is scanned with `re` itself):
 *   B rest                   ->  rest
 *   (?:B head\s+)? B rest    ->  (?:head\s+)? rest   (after \s+ the lookbehind always holds)
 *   (?<![C]) rest            ->  rest                 (any one-class lookbehind; rest without top-level |)
 * where B is the lookbehind.
 *
 *   const next = boundaryScanner(/(?<![\p{L}\p{N}])(?:вчера|сегодня)(?![\p{L}\p{N}])/giu);
 *   for (let m = next(text, 0); m; m = next(text, m.index + m[0].length)) …
 */

const B = '(?<![\\p{L}\\p{N}])';

/** The next match of a global `re` at or after `from`, as `re.lastIndex = from; re.exec(text)` finds it. */
export type Scanner = (text: string, from: number) => RegExpExecArray | null;

/**
 * Walks a regular expression's source from `from` to `to`, skipping escapes and character
 * classes: `at(i, c, depth)` sees every other character with the group depth before it; the
 * walk stops at the first `i` for which `at` returns true (returned), else gives -1.
 */
export function walkGroups(src: string, from: number, to: number, at: (i: number, c: string, depth: number) => boolean | void): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < to; i++) {
    const c = src[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (at(i, c, depth)) return i;
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return -1;
}

/** Index of the `)` closing the group that opens at `open` (a `(`), or -1. */
export function closingParen(src: string, open: number): number {
  return walkGroups(src, open, src.length, (_i, c, depth) => c === ')' && depth === 1);
}

/** The source without its leading lookbehind(s), or null when the shape is not one of the two recognised. */
export function withoutLeadingBoundary(src: string): string | null {
  if (src.startsWith(B)) return src.slice(B.length);
  if (!src.startsWith(`(?:${B}`)) return null;
  const close = closingParen(src, 0);
  if (close < 0 || src[close + 1] !== '?' || src[close + 2] === '?' || !src.startsWith(B, close + 2)) return null;
  const head = src.slice(3 + B.length, close);
  if (!head.endsWith('\\s+')) return null;
  return `(?:${head})?${src.slice(close + 2 + B.length)}`;
}

/**
 * Any other single leading negative lookbehind of one character class, `(?<![…])rest`, split
 * into the lookbehind and the rest; null when the source has another shape or `rest` has a
 * top-level `|` (the lookbehind would then bind only its first alternative).
 */
export function leadingLookbehind(src: string): { edge: string; rest: string } | null {
  if (!src.startsWith('(?<![')) return null;
  const close = closingParen(src, 0);
  if (close < 0 || src[close - 1] !== ']') return null;
  // The group must be exactly one class: its closing bracket is the one before the paren.
  let classEnd = -1;
  for (let i = 5; i < close; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') {
      classEnd = i;
      break;
    }
  }
  if (classEnd !== close - 1) return null;
  const rest = src.slice(close + 1);
  if (walkGroups(rest, 0, rest.length, (_i, c, depth) => c === '|' && depth === 0) >= 0) return null;
  return { edge: src.slice(0, close + 1), rest };
}

function plainScanner(re: RegExp): Scanner {
  return (text, from) => {
    re.lastIndex = from;
    return re.exec(text);
  };
}

/** See the file comment. `re` must have the `g` flag; the scanner owns `re` and its copies' lastIndex. */
export function boundaryScanner(re: RegExp): Scanner {
  if (!re.global) throw new TypeError('boundaryScanner: the pattern needs the g flag');
  let src = withoutLeadingBoundary(re.source);
  let edgeSource = B;
  if (src === null) {
    const other = leadingLookbehind(re.source);
    if (other === null) return plainScanner(re);
    src = other.rest;
    edgeSource = other.edge;
  }
  // A copy opening with a run of any letters ("(?:\p{L}+|\d+) years in prison") starts a match at
  // nearly every position and fails only at the end of the word, so a word of n letters costs
  // n² steps; the lookbehind rejects the positions inside words at once: keep it there.
  if (/^(?:\(\?:)*\\p\{L\}[+*]/.test(src)) return plainScanner(re);
  const fast = new RegExp(src, re.flags);
  const edge = new RegExp(edgeSource, `${re.flags.replace(/[gy]/g, '')}y`);
  const unicode = re.unicode || re.flags.includes('v');
  return (text, from) => {
    let at = from;
    for (;;) {
      fast.lastIndex = at;
      const m = fast.exec(text);
      if (m === null) return null;
      edge.lastIndex = m.index;
      if (edge.test(text)) return m;
      // As `re` would: retry from the next code point.
      at = m.index + 1;
      if (unicode && at < text.length) {
        const hi = text.charCodeAt(m.index);
        const lo = text.charCodeAt(at);
        if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) at++;
      }
    }
  };
}

const scanners = new WeakMap<RegExp, Scanner>();

/**
 * The scanner of a shared, global pattern (made once per pattern, on a copy: `re` itself is
 * left alone). Matches come back in `re.exec` order: loop with
 * `next(text, m[0].length === 0 ? m.index + 1 : m.index + m[0].length)`.
 */
export function scannerFor(re: RegExp): Scanner {
  let s = scanners.get(re);
  if (s === undefined) {
    s = boundaryScanner(new RegExp(re.source, re.flags));
    scanners.set(re, s);
  }
  return s;
}
