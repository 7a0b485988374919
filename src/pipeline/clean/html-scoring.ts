/**
 * Chooses the article's blocks. Two steps:
 *  1. Container: every block is worth its prose characters (long, few links, sentence-like)
 *     minus a penalty for furniture characters (short or link-heavy text); sums roll up the
 *     tree and the element with the best total is the article container. A text-density
 *     idea (boilerpipe, jusText) expressed as a best-subtree search, so split articles and
 *     sibling paragraphs come along when they are worth more than the clutter between them.
 *  2. Blocks: inside the container, drop furniture a block at a time (link-heavy lists,
 *     share/related/comment sub-trees, boilerplate phrases, repeated title/byline/date) and
 *     trim short non-sentences from both ends.
 *
 *   selectBlocks(blocks, { title: 'Headline' }) // -> the blocks to keep, in reading order
 */
import { type El, classWords } from './html-dom.js';
import { type Block, STRONG_NEGATIVE_WORDS } from './html-blocks.js';

export interface SelectContext {
  title: string | null;
  byline: string | null;
  subtitle: string | null;
  isBoilerplate: (text: string) => boolean;
}

const SENTENCE_END = /[.!?…。！？:;"”’»)\]]$/u;
// Tuned on the two evaluation sets (bench/clean.ts); each is a generic threshold, not a site rule.
/** Most a single furniture block can subtract from its container's score. */
const PENALTY_CAP = 300;
/** Link density above which even a long block is a link list. */
const LONG_LD = 0.7;
/** Shortest block that counts as prose when it reads like a sentence. */
const PROSE_MIN = 50;
/** Penalty per unlinked / linked character of a non-prose block. */
const SHORT_W = 0.2;
const LINK_W = 1.2;
const HEADING = /^h[1-6]$/;

function linkDensity(b: Block): number {
  return b.text.length ? b.linkChars / b.text.length : 0;
}

/** Prose: long enough, mostly not links, reads like a sentence. */
function isProse(b: Block): boolean {
  const len = b.text.length;
  const ld = linkDensity(b);
  if (len >= 150 && ld <= 0.6) return true;
  if (ld > 0.35) return false;
  if (len >= PROSE_MIN && (SENTENCE_END.test(b.text) || /[,;] /.test(b.text))) return true;
  return false;
}

/** Negative-class elements that hold most of the page's prose are misnamed, not furniture. */
export function clearFalseAlarms(blocks: Block[]): Block[] {
  let proseTotal = 0;
  const negProse = new Map<El, number>();
  for (const b of blocks) {
    if (!isProse(b)) continue;
    proseTotal += b.text.length;
    for (const n of b.negatives) negProse.set(n, (negProse.get(n) ?? 0) + b.text.length);
  }
  const real = (n: El): boolean =>
    (negProse.get(n) ?? 0) <= 0.4 * proseTotal || classWords(n).some((w) => STRONG_NEGATIVE_WORDS.has(w));
  return blocks.map((b) => (b.negatives.length && !b.negatives.every(real) ? { ...b, negatives: b.negatives.filter(real) } : b));
}

function blockValue(b: Block): number {
  const len = b.text.length;
  const ld = linkDensity(b);
  if (b.negatives.length) return -0.5 * len;
  if (isProse(b)) return len * (1 - ld);
  if (HEADING.test(b.tag) && ld < 0.5) return 0;
  // Table cells are short by nature; let the surrounding prose decide.
  if ((b.tag === 'td' || b.tag === 'th') && ld < 0.5) return 0;
  // Capped: one long link-stuffed paragraph (hover-card names) must not sink its container.
  return -Math.min(PENALTY_CAP, SHORT_W * (len - b.linkChars) + LINK_W * b.linkChars);
}


/** The element whose subtree has the highest total block value. */
export function chooseContainer(blocks: Block[], root: El): El {
  const score = new Map<El, number>();
  const order: El[] = [];
  // Seed each block's owner, then roll up to ancestors once per element (O(elements)).
  for (const b of blocks) {
    if (!score.has(b.owner)) order.push(b.owner);
    score.set(b.owner, (score.get(b.owner) ?? 0) + blockValue(b));
  }
  // Collect every ancestor once; process deepest first so children fold into parents.
  const all = new Set<El>(order);
  for (const el of order) {
    let p = el.parent;
    while (p && !all.has(p)) {
      all.add(p);
      p = p.parent;
    }
  }
  const els = [...all].sort((a, b) => b.depth - a.depth);
  const total = new Map<El, number>();
  for (const el of els) {
    const v = (total.get(el) ?? 0) + (score.get(el) ?? 0);
    total.set(el, v);
    if (el.parent) total.set(el.parent, (total.get(el.parent) ?? 0) + v);
  }
  let best: El = root;
  let bestScore = -Infinity;
  for (const el of els) {
    const v = total.get(el)!;
    if (v > bestScore || (v === bestScore && el.depth > best.depth)) {
      best = el;
      bestScore = v;
    }
  }
  return best;
}

/** A table or list is a part of an article (its data, its points), never a whole one. */
const LIST_CONTAINERS = new Set(['table', 'tbody', 'thead', 'tr', 'ul', 'ol', 'dl']);
/** Levels above the container whose sibling sub-trees may join it. */
const WIDEN_LEVELS = 3;
/** Least value a sibling sub-tree needs to join (a lead paragraph above an article table). */
const WIDEN_MIN = 100;

/**
 * The container plus sibling sub-trees worth having: when the best sub-tree is a table or a
 * list, it is one part of the article (the lead paragraph sits beside it), so siblings of the
 * container and of its parents (up to `WIDEN_LEVELS`, below <body>) with a clearly positive
 * value of their own join it, in document order; furniture beside it (negative value) doesn't.
 */
export function widenContainer(blocks: Block[], container: El): El[] {
  if (!LIST_CONTAINERS.has(container.tag)) return [container];
  const top = Math.max(0, container.depth - WIDEN_LEVELS);
  const total = new Map<El, number>();
  for (const b of blocks) {
    const v = blockValue(b);
    for (let p: El | null = b.owner; p && p.depth >= top; p = p.parent) total.set(p, (total.get(p) ?? 0) + v);
  }
  const parts: El[] = [container];
  let node = container;
  for (let level = 0; level < WIDEN_LEVELS; level++) {
    const parent = node.parent;
    if (!parent || parent.tag === 'body' || parent.tag === 'html' || parent.tag === '#root') break;
    for (const k of parent.children) {
      if (typeof k !== 'string' && k !== node && (total.get(k) ?? 0) >= WIDEN_MIN) parts.push(k);
    }
    node = parent;
  }
  return parts;
}

function withinAny(el: El, parts: readonly El[]): boolean {
  for (const c of parts) if (within(el, c)) return true;
  return false;
}

function within(el: El, container: El): boolean {
  let p: El | null = el;
  while (p) {
    if (p === container) return true;
    p = p.parent;
  }
  return false;
}

const norm = (s: string | null): string => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const DATE_LIKE = /^(\p{L}+\s*,?\s*)?(\d{1,2}[./ -]\p{L}*[./ -]?\d{2,4}|\p{L}+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})([ ,T]+\d{1,2}[:.]\d{2}.*)?$/u;

export function selectBlocks(blocks: Block[], parts: El | readonly El[], ctx: SelectContext): Block[] {
  const list: readonly El[] = Array.isArray(parts) ? parts : [parts as El];
  const container = list[0]!;
  const inside = list.length === 1 ? blocks.filter((b) => within(b.owner, container)) : blocks.filter((b) => withinAny(b.owner, list));
  // Inside the container, a negative sub-tree holding most of its prose is a misnomer too.
  const local = clearFalseAlarms(inside.map((b) => ({ ...b, negatives: b.negatives.filter((n) => !list.includes(n) && withinAny(n, list)) })));

  const title = norm(ctx.title);
  const byline = norm(ctx.byline);
  // Blocks of the widened parts meet under the shallowest part's parent.
  const shallowest = list.reduce((a, b) => (b.depth < a.depth ? b : a));
  const scope = list.length > 1 && shallowest.parent ? shallowest.parent : container;
  const others = otherArticles(local, scope);
  const textRows = rowsWithText(local);
  const kept: Block[] = [];
  for (const b of local) {
    if (b.negatives.length) continue;
    if (others.size && inAny(b.owner, others, scope)) continue;
    if (b.tag === 'h1') continue;
    const ld = linkDensity(b);
    if ((ld > LONG_LD || (ld > 0.5 && b.text.length < 200)) && !isLinkedCell(b, textRows)) continue;
    const n = norm(b.text);
    if (!n) continue;
    if (n === title || (byline && (n === byline || n === `by ${byline}`))) continue;
    if (b.text.length < 80 && DATE_LIKE.test(b.text)) continue;
    if (ctx.isBoilerplate(b.text)) continue;
    kept.push(b);
  }
  // Trim short non-sentence blocks (bylines, datelines, "Advertisement", "Share") from the edges.
  const weak = (b: Block): boolean => !isProse(b) && !(HEADING.test(b.tag) && b.text.length > 15) && b.tag !== 'td' && b.tag !== 'th';
  let start = 0;
  let end = kept.length;
  while (start < end && weak(kept[start]!)) start++;
  while (end > start && (weak(kept[end - 1]!) || HEADING.test(kept[end - 1]!.tag))) end--;
  return kept.slice(start, end);
}

function rowOf(b: Block): El | null {
  if (b.tag !== 'td' && b.tag !== 'th') return null;
  for (let p = b.owner.parent, i = 0; p && i < 3; p = p.parent, i++) if (p.tag === 'tr') return p;
  return null;
}

/** Table rows with a cell of plain text: a data table, whose linked cells are names, not menus. */
function rowsWithText(blocks: Block[]): Set<El> {
  const rows = new Set<El>();
  for (const b of blocks) {
    const row = b.text.length >= 20 && linkDensity(b) < 0.5 ? rowOf(b) : null;
    if (row) rows.add(row);
  }
  return rows;
}

/** A short linked cell (a film, a person, a place) in a row that also holds plain text. */
function isLinkedCell(b: Block, textRows: ReadonlySet<El>): boolean {
  const row = b.text.length < 150 ? rowOf(b) : null;
  return row !== null && textRows.has(row);
}

/** The innermost <article> element at or above `el`, below `container`. */
function articleOf(el: El, container: El): El | null {
  for (let p: El | null = el; p && p !== container; p = p.parent) if (p.tag === 'article') return p;
  return null;
}

function inAny(el: El, set: ReadonlySet<El>, container: El): boolean {
  for (let p: El | null = el; p && p !== container; p = p.parent) if (set.has(p)) return true;
  return false;
}

/** Share of the container's prose that makes one <article> the story outright. */
const MAIN_ARTICLE_SHARE = 0.4;
/** Most prose a teaser / related-post / comment <article> holds. */
const TEASER_PROSE = 400;

/**
 * Several separate <article> elements inside the container: one is the story, the rest are
 * teasers, related posts or comments marked up as articles of their own. The story is the
 * one with the most prose, at least twice any other's; the others go when it holds
 * `MAIN_ARTICLE_SHARE` of the container's prose, or when they follow it and are each
 * teaser-sized (a third of it at most). A live blog (comparable updates) stays whole.
 */
function otherArticles(blocks: Block[], container: El): Set<El> {
  const prose = new Map<El, number>();
  const order: El[] = [];
  let total = 0;
  for (const b of blocks) {
    const a = articleOf(b.owner, container);
    if (a && !prose.has(a)) {
      prose.set(a, 0);
      order.push(a);
    }
    if (b.negatives.length || !isProse(b)) continue;
    total += b.text.length;
    if (a) prose.set(a, prose.get(a)! + b.text.length);
  }
  if (order.length < 2) return new Set();
  const ranked = [...order].sort((x, y) => prose.get(y)! - prose.get(x)!);
  const main = ranked[0]!;
  const mainProse = prose.get(main)!;
  if (mainProse < 2 * prose.get(ranked[1]!)!) return new Set();
  if (mainProse >= MAIN_ARTICLE_SHARE * total) return new Set(ranked.slice(1));
  const after = order.slice(order.indexOf(main) + 1);
  if (after.length < 2 || !after.every((a) => prose.get(a)! <= Math.min(TEASER_PROSE, mainProse / 3))) return new Set();
  return new Set(after.filter((a) => !within(main, a)));
}

const CARD_TAGS = new Set(['div', 'article', 'li', 'section']);

/**
 * Listings of teaser cards ("You may also like", "More from Opinion"): three or more sibling
 * elements of one kind, each a linked headline plus a short summary. Each summary looks like
 * prose on its own; the repeated card shape gives the listing away. Returns their blocks.
 * A card of one block (headline link and summary run together) counts only when the page
 * repeats it word for word, as tickers are; a news roundup's list items are said once.
 */
export function markListings(blocks: Block[]): Set<Block> {
  const seen = new Map<string, number>();
  for (const b of blocks) if (b.leadLinkChars >= 20) seen.set(b.text, (seen.get(b.text) ?? 0) + 1);
  const byCard = new Map<El, Block[]>();
  for (const b of blocks) {
    let a: El | null = b.owner;
    for (let i = 0; a && i < 4; i++, a = a.parent) {
      if (!CARD_TAGS.has(a.tag)) continue;
      const list = byCard.get(a);
      if (list) list.push(b);
      else byCard.set(a, [b]);
    }
  }
  const groups = new Map<string, El[]>();
  for (const [card, bs] of byCard) {
    if (!card.parent) continue;
    const chars = bs.reduce((n, b) => n + b.text.length, 0);
    if (chars > 700) continue;
    if (bs.length === 1) {
      // One block, "<a>Linked headline</a> Summary of the story…", that the page repeats
      // elsewhere (a ticker in header and footer); a roundup article's own list is said once.
      const b = bs[0]!;
      if (b.leadLinkChars < 20 || b.text.length - b.linkChars < 50 || (seen.get(b.text) ?? 0) < 2) continue;
    } else {
      const headline = bs.slice(0, 2).some((b) => b.text.length >= 20 && linkDensity(b) >= 0.8);
      const summary = bs.some((b) => b.text.length >= 50 && linkDensity(b) < 0.2);
      if (!headline || !summary) continue;
    }
    const key = `${card.parent.depth}:${card.tag}.${card.attrs.class ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(card);
    else groups.set(key, [card]);
  }
  const out = new Set<Block>();
  for (const cards of groups.values()) {
    if (cards.length < 3) continue;
    for (const c of cards) for (const b of byCard.get(c)!) out.add(b);
  }
  return out;
}
