/**
 * Snippets: the passage of a document's text where the query's words are densest, HTML-escaped,
 * each matching word wrapped in `<mark>…</mark>`, `…` where the passage was cut.
 *
 *   buildSnippet('Police detained Max Bokayev in Atyrau on 17 May.', words('Бокаев'))
 *   -> 'Police detained Max <mark>Bokayev</mark> in Atyrau on 17 May.'
 *
 * Matching uses the same keys and rules as the index (analyze.ts `wordMatches`), so what is
 * marked is what matched.
 */
import { firstKeyLetters, keysAtHashed, sameChars, scanHashedWords, type WordKeys } from './analyze.js';
import { wordMatches, type QueryWord } from './query-language.js';

/** Words in a snippet. */
const WINDOW = 28;
/** Only this much of a long text is scanned for the best passage. */
const SCAN_CHARS = 200_000;
const MAX_CHARS = 320;
/** Words read past the first match looking for a better passage. */
const SCAN_AFTER_FIRST = 300;

/** First characters WordMatcher classifies: ASCII, Latin-1 and the Cyrillic block. */
const FIRST_CODES = 0x500;
const LOOK = 1;
const SKIP = 2;

/** Whether c may be a combining mark (the general ranges, and the Cyrillic ones). */
function isCombining(c: number): boolean {
  return c >= 0x300 && !(c >= 0x400 && c <= 0x4ff && !(c >= 0x483 && c <= 0x489));
}

/** `WordMatcher.at` for a word without index keys: not a word to snippets either (forEachWord skips it). */
const NO_KEYS = -2;
/** Slots of a matcher's own table at first, and at most (powers of two); it takes words until half full. */
const LOCAL_BITS = 13;
const LOCAL_MAX_BITS = 16;
/** A slot's stored result is `text index * RESULT_SPAN + result + 2` (results are -2 … words - 1). */
const RESULT_SPAN = 256;
const MAX_TEXTS = 2 ** 31 / RESULT_SPAN;

/**
 * Which query word (index) a document word matches, or -1: one per answer, shared by the
 * snippets of its documents. Each distinct word is looked up (analyze.ts keys, then the query
 * words) once; the matcher remembers the answer in a small table of its own, keyed by the word's
 * hash and checked against the characters where the word was first met. The global word table
 * is large and its lookups miss the CPU caches; this one stays in them.
 */
export class WordMatcher {
  /** Distinct (S, P) keys among the query words: the most a window can hold. */
  readonly distinct: number;
  private bits: number;
  private mask: number;
  /** Four ints per slot: hash, start, length (0: empty slot), text index and result (RESULT_SPAN). */
  private table: Int32Array;
  private size = 0;
  /** Whether new words are still remembered (false once the table is at its largest and half full). */
  private remembering: boolean;
  private readonly texts: string[] = [];
  private lastText: string | undefined;

  /**
   * By a word's first character (code units below FIRST_CODES): SKIP when no query word can
   * match a word beginning with it (analyze.ts `firstKeyLetters`), LOOK when one may, 0 not
   * worked out yet. Most words of a text are skipped without a lookup.
   */
  private readonly first = new Uint8Array(FIRST_CODES);
  /** First letters of the query words' S keys, and of their P keys and prefixes. */
  private readonly sFirst: string;
  private readonly pFirst: string;

  constructor(readonly words: QueryWord[], bits = LOCAL_BITS) {
    this.distinct = distinctKeys(words);
    this.sFirst = words.map((w) => w.keys.s[0] ?? '').join('');
    this.pFirst = words.map((w) => (w.keys.p[0] ?? '') + w.prefixes.map((pre) => pre[0] ?? '').join('')).join('');
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.table = new Int32Array(4 << bits);
    this.remembering = words.length + 2 <= RESULT_SPAN;
  }

  /** The query word index text[start, end) matches, -1, or NO_KEYS; h is its `wordHash`. */
  at(text: string, start: number, end: number, h: number): number {
    const c = text.charCodeAt(start);
    if (c < FIRST_CODES) {
      let f = this.first[c]!;
      if (f === 0) f = this.first[c] = this.firstClass(c);
      // A combining mark after the first character could change it (NFC): look such words up.
      if (f === SKIP && (end - start === 1 || !isCombining(text.charCodeAt(start + 1)))) return -1;
    }
    const t = this.table;
    const mask = this.mask;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const o = slot << 2;
      const l = t[o + 2]!;
      if (l === 0) return this.miss(text, start, end, h, slot);
      if (t[o] === h && l === len) {
        const r = t[o + 3]!;
        const ti = (r / RESULT_SPAN) | 0;
        if (sameChars(this.texts[ti]!, t[o + 1]!, text, start, len)) return r - ti * RESULT_SPAN - 2;
      }
    }
  }

  private firstClass(c: number): number {
    const k = firstKeyLetters(c);
    if (k === null) return LOOK;
    for (const x of k.s) if (this.sFirst.includes(x)) return LOOK;
    for (const x of k.p) if (this.pFirst.includes(x)) return LOOK;
    return SKIP;
  }

  /** Looks a word up in the global table and the query words; remembers it in `slot` (empty). */
  private miss(text: string, start: number, end: number, h: number, slot: number): number {
    const keys = keysAtHashed(text, start, end, h);
    const r = keys === null ? NO_KEYS : matchingWord(keys, this.words);
    if (!this.remembering) return r;
    if (text !== this.lastText) {
      if (this.texts.length >= MAX_TEXTS) {
        this.remembering = false;
        return r;
      }
      this.texts.push(text);
      this.lastText = text;
    }
    const o = slot << 2;
    const t = this.table;
    t[o] = h;
    t[o + 1] = start;
    t[o + 2] = end - start;
    t[o + 3] = (this.texts.length - 1) * RESULT_SPAN + r + 2;
    if (++this.size * 2 > this.mask + 1) this.grow();
    return r;
  }

  private grow(): void {
    if (this.bits >= LOCAL_MAX_BITS) {
      this.remembering = false;
      return;
    }
    const from = this.table;
    this.bits++;
    this.mask = (1 << this.bits) - 1;
    const t = (this.table = new Int32Array(4 << this.bits));
    for (let o = 0; o < from.length; o += 4) {
      if (from[o + 2] === 0) continue;
      let slot = from[o]! & this.mask;
      while (t[(slot << 2) + 2] !== 0) slot = (slot + 1) & this.mask;
      t.set(from.subarray(o, o + 4), slot << 2);
    }
  }
}

export function wordMatcher(words: QueryWord[]): WordMatcher {
  return new WordMatcher(words);
}

function matchingWord(keys: WordKeys, words: QueryWord[]): number {
  for (let i = 0; i < words.length; i++) if (wordMatches(keys, words[i]!)) return i;
  return -1;
}

function distinctKeys(words: QueryWord[]): number {
  return new Set(words.map((w) => `${w.keys.s} ${w.keys.p}`)).size;
}

/**
 * Per word scanned: offsets and the query word matched (or -1). Reused by every call (grown as
 * needed) since snippets are built one at a time.
 */
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);
let hits = new Int32Array(1024);

function growWords(): void {
  const grown = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  starts = grown(starts);
  ends = grown(ends);
  hits = grown(hits);
}

export function buildSnippet(text: string, words: QueryWord[], match: WordMatcher = wordMatcher(words)): string {
  // Words are read only as far as needed: once a window holds every query word, and the window
  // is complete, no later window can be better (ties go to the earliest).
  const distinctWanted = match.words === words ? match.distinct : distinctKeys(words);
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  /** Per query word, its matches in the window; `distinct` of them are non-zero. */
  const counts = new Int32Array(match.words.length);
  let distinct = 0;
  let count = 0;
  let firstHit = -1;
  let n = 0;
  // What forEachWord(text, …, SCAN_CHARS) reads.
  const src = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  scanHashedWords(src, (start, end, wordHash) => {
    const h = match.at(src, start, end, wordHash);
    if (h === NO_KEYS) return;
    const i = n++;
    if (i === starts.length) growWords();
    starts[i] = start;
    ends[i] = end;
    hits[i] = h;
    if (h >= 0) {
      const c = counts[h]!;
      counts[h] = c + 1;
      if (c === 0) distinct++;
      count++;
    }
    const out = i - WINDOW;
    if (out >= 0) {
      const o = hits[out]!;
      if (o >= 0) {
        const c = counts[o]! - 1;
        counts[o] = c;
        if (c === 0) distinct--;
        count--;
      }
    }
    if (distinct > bestDistinct || (distinct === bestDistinct && count > bestCount)) {
      bestDistinct = distinct;
      bestCount = count;
      best = Math.max(0, i - WINDOW + 1);
    }
    // Stop once every query word is in a window, or — good enough — a few hundred words after
    // the first match.
    if (firstHit < 0 && h >= 0) firstHit = i;
    return !((bestDistinct >= distinctWanted && i >= best + 2 * WINDOW) || (firstHit >= 0 && i >= firstHit + SCAN_AFTER_FIRST));
  });
  if (n === 0) return escapeHtml(text.slice(0, MAX_CHARS).trim());
  if (bestDistinct <= 0) best = 0;
  // Start a few words before the first match, or at the very beginning when the matches are
  // near it anyway.
  let firstInBest = -1;
  for (let i = best; i < n; i++) {
    if (hits[i]! >= 0) {
      firstInBest = i;
      break;
    }
  }
  let lastHit = -1;
  for (let i = best; i < Math.min(n, best + WINDOW); i++) if (hits[i]! >= 0) lastHit = i;
  if (lastHit >= 0 && lastHit < WINDOW - 4) best = 0;
  else if (firstInBest >= 0) best = Math.max(best, firstInBest - 4);
  const last = Math.min(n - 1, best + WINDOW - 1);

  const from = best === 0 ? 0 : starts[best]!;
  let out = best === 0 ? '' : '…';
  let pos = from;
  let cut = false;
  for (let i = best; i <= last; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    if (end - from > MAX_CHARS && i > best) {
      cut = true;
      break;
    }
    out += escapeHtml(text.slice(pos, start));
    const word = escapeHtml(text.slice(start, end));
    out += hits[i]! >= 0 ? `<mark>${word}</mark>` : word;
    pos = end;
  }
  const rest = text.slice(pos);
  if (!cut && rest.length < 40 && !/[\p{L}\p{N}]/u.test(rest)) out += escapeHtml(rest);
  else out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
