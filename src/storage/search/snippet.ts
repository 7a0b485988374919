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
import { forEachWord, type WordKeys } from './analyze.js';
import { wordMatches, type QueryWord } from './query-language.js';

/** Words in a snippet. */
const WINDOW = 28;
/** Only this much of a long text is scanned for the best passage. */
const SCAN_CHARS = 200_000;
const MAX_CHARS = 320;
/** Words read past the first match looking for a better passage. */
const SCAN_AFTER_FIRST = 300;

/**
 * Which query word (index) a document word with these keys matches, or -1: asked once per
 * distinct word of the documents of one answer (the keys are shared per word, analyze.ts).
 */
export type WordMatcher = (keys: WordKeys) => number;

export function wordMatcher(words: QueryWord[]): WordMatcher {
  const seen = new Map<WordKeys, number>();
  return (keys) => {
    let h = seen.get(keys);
    if (h === undefined) {
      h = words.findIndex((w) => wordMatches(keys, w));
      seen.set(keys, h);
    }
    return h;
  };
}

export function buildSnippet(text: string, words: QueryWord[], match: WordMatcher = wordMatcher(words)): string {
  // Words are read only as far as needed: once a window holds every query word, and the window
  // is complete, no later window can be better (ties go to the earliest).
  const starts: number[] = [];
  const ends: number[] = [];
  const hit: number[] = [];
  const distinctWanted = new Set(words.map((w) => `${w.keys.s} ${w.keys.p}`)).size;
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  const counts = new Map<number, number>();
  let count = 0;
  let firstHit = -1;
  forEachWord(
    text,
    (start, end, keys) => {
      const i = starts.length;
      starts.push(start);
      ends.push(end);
      const h = match(keys);
      hit.push(h);
      if (h >= 0) {
        counts.set(h, (counts.get(h) ?? 0) + 1);
        count++;
      }
      const out = i - WINDOW;
      if (out >= 0 && hit[out]! >= 0) {
        const o = hit[out]!;
        const c = counts.get(o)! - 1;
        if (c === 0) counts.delete(o);
        else counts.set(o, c);
        count--;
      }
      const windowStart = Math.max(0, i - WINDOW + 1);
      if (counts.size > bestDistinct || (counts.size === bestDistinct && count > bestCount)) {
        bestDistinct = counts.size;
        bestCount = count;
        best = windowStart;
      }
      // Stop once every query word is in a window, or — good enough — a few hundred words after
      // the first match.
      if (firstHit < 0 && h >= 0) firstHit = i;
      return !((bestDistinct >= distinctWanted && i >= best + 2 * WINDOW) || (firstHit >= 0 && i >= firstHit + SCAN_AFTER_FIRST));
    },
    SCAN_CHARS,
  );
  if (starts.length === 0) return escapeHtml(text.slice(0, MAX_CHARS).trim());
  if (bestDistinct <= 0) best = 0;
  // Start a few words before the first match, or at the very beginning when the matches are
  // near it anyway.
  const firstInBest = hit.findIndex((h, i) => i >= best && h >= 0);
  let lastHit = -1;
  for (let i = best; i < Math.min(starts.length, best + WINDOW); i++) if (hit[i]! >= 0) lastHit = i;
  if (lastHit >= 0 && lastHit < WINDOW - 4) best = 0;
  else if (firstInBest >= 0) best = Math.max(best, firstInBest - 4);
  const last = Math.min(starts.length - 1, best + WINDOW - 1);

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
    out += hit[i]! >= 0 ? `<mark>${word}</mark>` : word;
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
