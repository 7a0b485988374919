/**
 * Tokenizer and sentence splitter for the NER taggers (English, Russian, Kazakh).
 *
 * Tokens carry JavaScript string offsets, so `text.slice(t.start, t.end) === t.text` always.
 * Words are Unicode letter/mark/digit runs (Latin, Cyrillic incl. Kazakh letters, anything
 * else), joined by inner hyphens or apostrophes ("Ust-Kamenogorsk", "Нью-Йорка", "O'Brien").
 * A possessive ’s / 's is split off ("Nazarbayev’s" -> "Nazarbayev", "’s") so a name span
 * never includes it; every other punctuation mark is its own token. Dotted abbreviations
 * ("U.S.", "т.е."), a few short forms ("Inc.", "St.", "Dr.", "ул.") and initials ("J.", "В.",
 * "Дж." — also when glued to the surname: "Б.Обама" -> "Б.", "Обама") keep their dots.
 *
 *   tokenize("Nazarbayev’s U.S. visit.")
 *   // [Nazarbayev 0-10] [’s 10-12] [U.S. 13-17] [visit 18-23] [. 23-24]
 *
 * Linear time: one sticky regular expression pass, no backtracking across tokens.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// Order matters: abbreviation, known short forms, initial, number, word, any other code point.
const TOKEN_RE =
  /(?:\p{L}\.){2,}|(?:Inc|Corp|Ltd|Co|Jr|Sr|St|Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Mt|Ft|Bros|Dept|Univ|ул|им|просп|пер|обл|проф|акад|св)\.(?![\p{L}\p{N}])|\p{Lu}\.(?=\s|$|\p{Lu})|\p{Lu}\p{Ll}\.(?=\p{Lu})|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}_]+(?:[-‐‑'’][\p{L}\p{M}\p{N}_]+)*|[^\s]/suy;
const POSSESSIVE_RE = /^(.+?)(['’][sS])$/su;
/** One character of TOKEN_RE's word branch, [\p{L}\p{M}\p{N}_] (sticky: a surrogate pair as one). */
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}_]/uy;

/** Basic Latin and Russian letters (ё, Ё included). */
function isSimpleLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x410 && c <= 0x44f) || c === 0x451 || c === 0x401;
}

/** End of the run of word characters starting at `k` (k itself when there is none). */
function wordRunEnd(text: string, k: number): number {
  const n = text.length;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (isSimpleLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f) {
      k++;
      continue;
    }
    if (c < 128) break;
    WORD_CHAR_RE.lastIndex = k;
    if (!WORD_CHAR_RE.test(text)) break;
    k = WORD_CHAR_RE.lastIndex;
  }
  return k;
}

/**
 * The end of TOKEN_RE's match at `i` when it is sure to be the word branch, else -1 (then TOKEN_RE
 * decides). A token starting with a letter takes one of the branches before the word branch only
 * with a dot right after its first run of word characters ("U.S.", "Inc.", "J.", "Дж."), and the
 * number branch needs a digit first; otherwise the word branch matches: runs of word characters
 * joined by single hyphens or apostrophes. Most tokens are words, and this costs no regular
 * expression for letters of the Latin and Russian alphabets.
 */
function wordTokenEnd(text: string, i: number): number {
  if (!isSimpleLetter(text.charCodeAt(i))) return -1;
  let end = wordRunEnd(text, i + 1);
  if (text.charCodeAt(end) === 0x2e) return -1;
  for (;;) {
    const j = text.charCodeAt(end);
    // [-‐‑'’] and then at least one word character
    if (j !== 0x2d && j !== 0x2010 && j !== 0x2011 && j !== 0x27 && j !== 0x2019) return end;
    const next = wordRunEnd(text, end + 1);
    if (next === end + 1) return end;
    end = next;
  }
}
const SPACE_RE = /\s+/uy;

const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * The end of TOKEN_RE's match at `i` when it is sure to be the number branch over ASCII digits,
 * else -1 (then TOKEN_RE decides). The branches before it all open with a letter, so a token
 * opening with a digit is the number branch's, \p{N}+(?:[.,:]\p{N}+)*: digits, then groups of
 * one separator and digits, as long as they go. Any other code point where the branch could
 * still go on (\p{N} has digits outside ASCII) leaves the token to TOKEN_RE.
 */
function asciiNumberEnd(text: string, i: number): number {
  if (!isAsciiDigit(text.charCodeAt(i))) return -1;
  let k = i + 1;
  for (;;) {
    while (isAsciiDigit(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    if (c >= 128) return -1;
    if (c !== 0x2e && c !== 0x2c && c !== 0x3a) return k;
    const next = text.charCodeAt(k + 1);
    if (next >= 128) return -1;
    if (!isAsciiDigit(next)) return k;
    k += 2;
  }
}

/**
 * Whether the code unit is a punctuation mark or symbol that TOKEN_RE can only take as a token
 * of its own (its last branch, [^\s]): ASCII other than letters, digits, "_" and spaces, and
 * common typographic marks (« » – — ‘ ’ “ ” „ … №). Such a token costs no regular expression.
 */
function isLonePunctuation(c: number): boolean {
  if (c < 128) {
    return c > 32 && c !== 127 && !(c >= 0x30 && c <= 0x39) && !(c >= 0x41 && c <= 0x5a) && !(c >= 0x61 && c <= 0x7a) && c !== 0x5f;
  }
  return c === 0xab || c === 0xbb || c === 0x2013 || c === 0x2014 || c === 0x2018 || c === 0x2019
    || c === 0x201c || c === 0x201d || c === 0x201e || c === 0x2026 || c === 0x2116;
}

/** Splits `text` into tokens with offsets. Whitespace (incl. control characters) is skipped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Skip whitespace: ASCII by its code (most gaps are one space, and most tokens follow no
    // gap at all), anything else by SPACE_RE, which knows Unicode's spaces (none of them a
    // Russian letter: a Cyrillic token needs no test).
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || (c >= 9 && c <= 13)) i++;
      else if (c >= 128 && !isSimpleLetter(c)) {
        SPACE_RE.lastIndex = i;
        if (!SPACE_RE.test(text)) break;
        i = SPACE_RE.lastIndex;
      } else break;
    }
    if (i >= n) break;
    const wordEnd = wordTokenEnd(text, i);
    let numberEnd: number;
    let s: string;
    if (wordEnd > 0) {
      s = text.slice(i, wordEnd);
    } else if ((numberEnd = asciiNumberEnd(text, i)) > 0) {
      s = text.slice(i, numberEnd);
    } else if (isLonePunctuation(text.charCodeAt(i))) {
      s = text.charAt(i);
    } else {
      TOKEN_RE.lastIndex = i;
      const m = TOKEN_RE.exec(text);
      if (m === null) {
        // Unreachable with the final [^\s] branch; guard against an infinite loop anyway.
        i += 1;
        continue;
      }
      s = m[0];
    }
    // POSSESSIVE_RE only where the token ends in s/S (most do not).
    const last = s.charCodeAt(s.length - 1);
    const p = s.length > 3 && (last === 115 || last === 83) ? POSSESSIVE_RE.exec(s) : null;
    if (p !== null && p[1] !== undefined && p[2] !== undefined) {
      out.push({ text: p[1], start: i, end: i + p[1].length });
      out.push({ text: p[2], start: i + p[1].length, end: i + s.length });
    } else {
      out.push({ text: s, start: i, end: i + s.length });
    }
    i += s.length;
  }
  return out;
}

const FINAL_RE = /^[.!?…]$/u;
const CLOSER_RE = /^["'’”»)\]]$/u;
const UPPER_START_RE = /^[\p{Lu}\p{N}"«“(\-–—]/u;

/**
 * Groups tokens into sentences: after a sentence-final mark (plus closing quotes) when the
 * next token starts with a capital, digit or opening quote, and at every line break.
 * Caps sentences at 200 tokens so one huge unpunctuated paragraph stays linear.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (cur.length > 0) {
      const prev = cur[cur.length - 1]!;
      if (text.slice(prev.end, t.start).includes('\n') || cur.length >= 200) {
        out.push(cur);
        cur = [];
      }
    }
    cur.push(t);
    if (t.text.length === 1 && FINAL_RE.test(t.text)) {
      let j = i + 1;
      while (j < tokens.length && CLOSER_RE.test(tokens[j]!.text)) {
        cur.push(tokens[j]!);
        j++;
      }
      i = j - 1;
      const next = tokens[j];
      if (next === undefined || UPPER_START_RE.test(next.text)) {
        out.push(cur);
        cur = [];
      }
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
