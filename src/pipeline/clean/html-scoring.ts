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
const TEXT_ITEMS = new Set(['td', 'th', 'li']);

function linkDensity(b: Block): number {
  return b.text.length ? b.linkChars / b.text.length : 0;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;
/** Extra weight of a CJK character (so it counts three times). */
const CJK_WEIGHT = 2;
const effCache = new WeakMap<Block, number>();
/**
 * Length in Latin-text terms: a Chinese, Japanese or Korean character carries about as much
 * as a short word, so it counts three times (a 40-character Chinese paragraph is prose).
 */
function effLength(b: Block): number {
  let n = effCache.get(b);
  if (n === undefined) {
    const t = b.text;
    let cjk = 0;
    if (/[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]/u.test(t)) cjk = t.match(CJK)?.length ?? 0;
    n = t.length + CJK_WEIGHT * cjk;
    effCache.set(b, n);
  }
  return n;
}

/** Prose: long enough, mostly not links, reads like a sentence. */
function isProse(b: Block): boolean {
  const len = effLength(b);
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
  const verdict = new Map<El, boolean>();
  const real = (n: El): boolean => {
    let v = verdict.get(n);
    if (v === undefined) {
      v = (negProse.get(n) ?? 0) <= 0.4 * proseTotal || classWords(n).some((w) => STRONG_NEGATIVE_WORDS.has(w)) || embeddedInProse(n, blocks);
      verdict.set(n, v);
    }
    return v;
  };
  return blocks.map((b) => (b.negatives.length && !b.negatives.every(real) ? { ...b, negatives: b.negatives.filter(real) } : b));
}

/** Prose beside a widget, in its own parent, that makes it an embed in the article (a gallery). */
const EMBED_CONTEXT = 500;

/** A furniture-named element set inside article prose (its parent holds real prose outside it). */
function embeddedInProse(n: El, blocks: Block[]): boolean {
  const parent = n.parent;
  if (!parent) return false;
  let outside = 0;
  let before = 0;
  let after = 0;
  let seen = false;
  for (const b of blocks) {
    if (!seen && within(b.owner, n)) seen = true;
    if (!isProse(b) || b.negatives.length > (b.negatives.includes(n) ? 1 : 0)) continue;
    if (within(b.owner, n) || !within(b.owner, parent)) continue;
    outside += b.text.length;
    if (seen) after++;
    else before++;
  }
  // In the flow of the text: prose before it and after it ("read more" holding the rest of
  // the story comes last).
  return before > 0 && after > 0 && outside >= EMBED_CONTEXT;
}

function blockValue(b: Block): number {
  const len = b.text.length;
  const ld = linkDensity(b);
  if (b.negatives.length) return -0.5 * len;
  if (isProse(b)) return effLength(b) * (1 - ld);
  if (HEADING.test(b.tag) && ld < 0.5) return 0;
  // Table cells are short by nature; let the surrounding prose decide.
  if ((b.tag === 'td' || b.tag === 'th') && ld < 0.5) return 0;
  // Capped: one long link-stuffed paragraph (hover-card names) must not sink its container.
  return -Math.min(PENALTY_CAP, SHORT_W * (len - b.linkChars) + LINK_W * b.linkChars);
}


/** Most a furniture sub-tree as a whole can subtract from the sub-trees around it. */
const NEG_CAP = 1000;

/** The element whose subtree has the highest total block value. */
export function chooseContainer(blocks: Block[], root: El): El {
  const score = new Map<El, number>();
  const order: El[] = [];
  // Seed each block's owner, then roll up to ancestors once per element (O(elements)).
  // Furniture sub-trees (a gallery, a comment thread) weigh on their container as a whole,
  // at most NEG_CAP: one widget embedded in an article must not sink the article.
  const negTotal = new Map<El, number>();
  for (const b of blocks) {
    const v = blockValue(b);
    if (b.negatives.length) {
      const n = b.negatives[0]!;
      negTotal.set(n, (negTotal.get(n) ?? 0) + v);
      continue;
    }
    if (!score.has(b.owner)) order.push(b.owner);
    score.set(b.owner, (score.get(b.owner) ?? 0) + v);
  }
  for (const [n, v] of negTotal) {
    if (!score.has(n)) order.push(n);
    score.set(n, (score.get(n) ?? 0) + Math.max(v, -NEG_CAP));
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
  const kept: Block[] = [];
  for (const b of local) {
    if (b.negatives.length) continue;
    if (others.size && inAny(b.owner, others, scope)) continue;
    if (b.tag === 'h1' && (!ctx.title || isHeadline(b.text, ctx.title))) continue;
    const ld = linkDensity(b);
    if ((ld > LONG_LD || (ld > 0.5 && b.text.length < 200)) && !keptByGroup(b)) continue;
    const n = norm(b.text);
    if (!n) continue;
    if (n === title || (byline && (n === byline || n === `by ${byline}`))) continue;
    if (b.text.length < 80 && DATE_LIKE.test(b.text)) continue;
    if (ctx.isBoilerplate(b.text)) continue;
    kept.push(b);
  }
  // Trim short non-sentence blocks (bylines, datelines, "Advertisement", "Share") from the edges;
  // table cells, list items of text and one-sentence paragraphs are text, while a list of links
  // closing the container is a "More stories" list.
  const weak = (b: Block): boolean =>
    !isProse(b) && !isCitedAddress(b) && !(HEADING.test(b.tag) && b.text.length > HEAD_MIN) && !(TEXT_ITEMS.has(b.tag) && (b.tag !== 'li' || linkDensity(b) <= 0.5)) && !isSentence(b);
  let start = 0;
  let end = kept.length;
  while (start < end && weak(kept[start]!)) start++;
  while (end > start && (weak(kept[end - 1]!) || HEADING.test(kept[end - 1]!.tag))) end--;
  return kept.slice(start, end);
}

function listOf(el: El): El | null {
  for (let p: El | null = el, i = 0; p && i < 3; p = p.parent, i++) if (p.tag === 'ul' || p.tag === 'ol') return p;
  return null;
}

/** Link density up to which a paragraph in the article ("Related: <a>…</a>") is text. */
const P_LD = 0.95;
/**
 * Inside the article container, a linked heading, an item of a list (points, sources, a
 * contents list) or a paragraph that is not wholly a link is text: menus and link rows are
 * left out before this, as furniture-named, navigation or listing sub-trees, or at the edges.
 * A table's cells are its data, whose linked cells are names (a film, a person, a place).
 */
function keptByGroup(b: Block): boolean {
  if (HEADING.test(b.tag) || isCitedAddress(b)) return true;
  if (b.tag === 'p' && linkDensity(b) <= P_LD) return true;
  // The item itself or a wrapper inside it (<td><div><a>…</a></div></td>).
  for (let p: El | null = b.owner, i = 0; p && i < 3; p = p.parent, i++) {
    if (p.tag === 'td' || p.tag === 'th') return true;
    if (p.tag === 'li') return listOf(p) !== null;
  }
  return false;
}

/** A bare web address, as written out in a list of sources ("https://example.org/report.pdf"). */
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s]+$/i;
/**
 * A block that is one written-out web address: the article citing a source (a teaser or a
 * menu links a headline or a label, never its own address).
 */
function isCitedAddress(b: Block): boolean {
  return b.text.length >= 12 && BARE_URL.test(b.text);
}

/** Longest heading that may still be a label at the edges ("Share", "Advertisement"). */
const HEAD_MIN = 15;
/** A paragraph of one short finished sentence ("He denied it."): text, unlike a byline or a label. */
function isSentence(b: Block): boolean {
  return b.tag === 'p' && linkDensity(b) < 0.5 && /[.!?…]["”’»)]?$/u.test(b.text) && b.text.split(' ').length >= 3;
}

const words = (s: string): string[] => norm(s).split(' ').filter(Boolean);

/**
 * An h1 that repeats the page title (in whole or most of its words, as "Headline | Site" or
 * a shortened headline) is the headline; another h1 is a section heading of the text.
 */
function isHeadline(text: string, title: string): boolean {
  const h = words(text);
  const t = new Set(words(title));
  if (!h.length || !t.size) return true;
  const shared = h.filter((w) => t.has(w)).length;
  return shared / h.length >= 0.75 || shared / t.size >= 0.75;
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

/** A card's class without its numbered parts ("story-block pos-2 id1227272060915" -> "story-block"). */
function cardClass(el: El): string {
  const c = el.attrs.class;
  if (!c) return '';
  return c.split(/\s+/).filter((w) => w && !/\d/.test(w)).join(' ');
}

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
      const headline = bs.slice(0, 2).some((b) => b.text.length >= 20 && linkDensity(b) >= 0.6);
      const summary = bs.some((b) => b.text.length >= 50 && linkDensity(b) < 0.2);
      if (!headline || !summary) continue;
    }
    const key = `${card.parent.depth}:${card.tag}.${cardClass(card)}`;
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
