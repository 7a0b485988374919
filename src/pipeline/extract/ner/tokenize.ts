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
const SPACE_RE = /\s+/uy;

/** Splits `text` into tokens with offsets. Whitespace (incl. control characters) is skipped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    SPACE_RE.lastIndex = i;
    if (SPACE_RE.test(text)) {
      i = SPACE_RE.lastIndex;
      if (i >= n) break;
    }
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(text);
    if (m === null) {
      // Unreachable with the final [^\s] branch; guard against an infinite loop anyway.
      i += 1;
      continue;
    }
    const s = m[0];
    const p = s.length > 3 ? POSSESSIVE_RE.exec(s) : null;
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
    if (FINAL_RE.test(t.text)) {
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
