/**
 * Finds pull quotes: short blocks that repeat a passage of another, longer block (magazines
 * print a sentence of the body again in large type, and scrapers keep both).
 *
 * A block under `maxChars` with at least `minWords` words that reads as one or two sentences
 * (ends with . ! ? … or a closing quote; headings, list items and reference lists don't) is a
 * pull quote when its words occur in order in a block at least `1 / maxShare` times as long,
 * allowing a small share of differences (`minOverlap` of its words; a pull quote often swaps
 * "its" for the name it refers to). Deleting a real paragraph loses evidence, so a verbatim
 * copy that comes *before* the block it repeats is kept: that is how a paragraph reads whose
 * sentence the author restates later, while a pull quote follows its source or edits it.
 * Blocks of similar length (repeated list items, templated lines) are left alone.
 *
 *   findPullQuotes(['In reality, its control has been intensifying. More text follows here.',
 *                   'Kazakhstan’s control has been intensifying.'])  // Set { 1 }
 */

export interface PullQuoteOptions {
  maxChars?: number;
  minWords?: number;
  minOverlap?: number;
  /** Most the quote may be of the longer block's length. */
  maxShare?: number;
}

/** Sentence ends followed by a space or the end (abbreviations make this an over-count, which is safe). */
const SENTENCE_BREAKS = /[.!?…]["”’»)]*(?:\s|$)/gu;

function tokens(s: string): string[] {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []
  );
}

/** Length of the longest common subsequence of two word lists (short × long, O(n·m)). */
function lcsLength(short: string[], long: string[]): number {
  let prev = new Array<number>(short.length + 1).fill(0);
  let cur = new Array<number>(short.length + 1).fill(0);
  for (const w of long) {
    for (let i = 1; i <= short.length; i++) {
      cur[i] = short[i - 1] === w ? (prev[i - 1] ?? 0) + 1 : Math.max(prev[i] ?? 0, cur[i - 1] ?? 0);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[short.length] ?? 0;
}

/** Indices of the blocks that are pull quotes of another block. */
export function findPullQuotes(blocks: string[], options: PullQuoteOptions = {}): Set<number> {
  const maxChars = options.maxChars ?? 200;
  const maxShare = options.maxShare ?? 0.6;
  const minWords = options.minWords ?? 8;
  const minOverlap = options.minOverlap ?? 0.8;
  const toks = blocks.map(tokens);
  const sets = toks.map((t) => new Set(t));
  // Inverted index: a block sharing `need` of a quote's distinct words must contain at least
  // one of its (misses + 1) rarest words, so only those postings are candidates.
  const postings = new Map<string, number[]>();
  sets.forEach((set, j) => {
    for (const w of set) {
      const list = postings.get(w);
      if (list) list.push(j);
      else postings.set(w, [j]);
    }
  });
  const drop = new Set<number>();

  for (let i = 0; i < blocks.length; i++) {
    const short = toks[i] ?? [];
    const len = (blocks[i] ?? '').length;
    // Distinct words, so a list line like "1 Green, 1 Red, 1 Yellow" doesn't count as long.
    if (len >= maxChars || new Set(short.filter((w) => /\p{L}/u.test(w))).size < minWords) continue;
    if (!/[.!?…»”"’]$/u.test((blocks[i] ?? '').trim())) continue;
    if (((blocks[i] ?? '').match(SENTENCE_BREAKS)?.length ?? 0) > 2) continue;
    const distinct = [...(sets[i] ?? new Set<string>())];
    const needShared = Math.ceil(distinct.length * minOverlap);
    const rarest = distinct
      .sort((a, b) => (postings.get(a)?.length ?? 0) - (postings.get(b)?.length ?? 0))
      .slice(0, distinct.length - needShared + 1);
    const candidates = new Set<number>();
    for (const w of rarest) for (const j of postings.get(w) ?? []) candidates.add(j);
    const need = Math.ceil(short.length * minOverlap);
    const joinedShort = ' ' + short.join(' ') + ' ';
    for (const j of [...candidates].sort((a, b) => a - b)) {
      if (j === i || drop.has(j)) continue;
      const long = toks[j] ?? [];
      if (long.length < short.length + 3 || len > maxShare * (blocks[j] ?? '').length) continue;
      const set = sets[j] ?? new Set<string>();
      let shared = 0;
      for (const w of distinct) if (set.has(w)) shared++;
      if (shared < needShared) continue;
      const verbatim = (' ' + long.join(' ') + ' ').includes(joinedShort);
      if (verbatim ? j < i : lcsLength(short, long) >= need) {
        drop.add(i);
        break;
      }
    }
  }
  return drop;
}
