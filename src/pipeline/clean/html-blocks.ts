/**
 * Splits an El tree into text blocks (paragraph-sized runs of inline content) in reading
 * order, skipping non-content elements and collecting photo captions/credits on the way.
 * Each block remembers the element that owns it and how much of it is link text, which is
 * what the scoring step (`html-scoring.ts`) needs.
 *
 *   extractBlocks(parseHtmlTree('<div><p>One <a href="#">two</a></p><figure><figcaption>Cap</figcaption></figure></div>'))
 *   // -> { blocks: [{ text: 'One two', linkChars: 3, ... }], credits: [{ caption: 'Cap' }] }
 */
import type { Credit } from '../../domain/article.js';
import { type El, BLOCK_TAGS, RAW_TAGS, classWords, collapse, textOf, walk } from './html-dom.js';

export interface Block {
  text: string;
  owner: El;
  linkChars: number;
  /** Link characters before the first unlinked text (a linked headline opening a teaser). */
  leadLinkChars: number;
  /** Tag of the owning block element (p, li, h2, td, div...). */
  tag: string;
  /** Ancestors whose class/id names boilerplate (share, related, comments...), outermost first. */
  negatives: readonly El[];
}

/** Never content, never descended into. */
const SKIP_TAGS = new Set([
  ...RAW_TAGS, 'head', 'svg', 'canvas', 'object', 'embed', 'video', 'audio', 'picture', 'img', 'source', 'button', 'select',
  'input', 'option', 'nav', 'meta', 'link', 'map', 'dialog', 'menu', 'form-control', 'label',
]);

const SKIP_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar', 'tablist']);

/** Class/id words that name page furniture rather than article text. */
export const NEGATIVE_WORDS = new Set([
  'share', 'sharing', 'social', 'sociallinks', 'related', 'newsletter', 'subscribe', 'subscription', 'comment', 'comments',
  'promo', 'promotion', 'advert', 'advertisement', 'ad', 'ads', 'adv', 'advertising', 'sponsor', 'sponsored', 'cookie',
  'cookies', 'consent', 'gdpr', 'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'footer', 'sidebar',
  'widget', 'widgets', 'recommended', 'recommendations', 'recirc', 'popular', 'trending', 'tags', 'tag', 'toolbar',
  'print', 'modal', 'popup', 'overlay', 'banner', 'signup', 'outbrain', 'taboola', 'rss', 'pagination', 'pager',
  'skip', 'hidden', 'disqus', 'masthead', 'byline', 'dateline', 'timestamp', 'author', 'caption', 'credit', 'credits',
  'more', 'topics', 'keywords', 'follow', 'login', 'paywall', 'teaser', 'teasers', 'rail', 'meta', 'bio', 'sr',
  'offscreen', 'tooltip', 'jump', 'pullquote', 'blocker', 'donate', 'cta',
]);

/** Furniture names that stay furniture even when the sub-tree holds a lot of text (comment threads). */
export const STRONG_NEGATIVE_WORDS = new Set([
  'comment', 'comments', 'disqus', 'footer', 'sidebar', 'related', 'share', 'sharing', 'social', 'newsletter', 'cookie',
  'cookies', 'consent', 'gdpr', 'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'outbrain', 'taboola',
  'recommended', 'recommendations', 'popular', 'trending', 'promo', 'advert', 'advertisement', 'ads', 'sponsored',
]);

/** Words that mark a container of the article itself; they veto a negative word (content-with-sidebar). */
const POSITIVE_WORDS = new Set(['article', 'content', 'body', 'entry', 'main', 'post', 'story', 'text', 'blog', 'hentry', 'prose']);

/** A post quoted in the article ("social-media-embed", "embedded-tweet") is text, not share buttons. */
const EMBED_WORDS = new Set(['embed', 'embedded', 'tweet']);

/** Reader comment threads: furniture even under a loosely positive name. */
export const THREAD_WORDS = new Set(['comment', 'comments', 'disqus']);

/** A comment thread whose posts are marked up as "post-text" is still a comment thread. */
function isThreadName(words: string[]): boolean {
  return hasWord(words, THREAD_WORDS) && !hasWord(words, STRONG_POSITIVE_WORDS);
}

/** Positive words that outweigh even a strong furniture word ("main-sidebar" aside). */
const STRONG_POSITIVE_WORDS = new Set(['article', 'content', 'body', 'main']);

function isFurnitureName(words: string[]): boolean {
  if (!hasWord(words, NEGATIVE_WORDS)) return false;
  // "user-post-box" + "comment-box": a loose word like post or entry does not clear a comment thread.
  if (hasWord(words, POSITIVE_WORDS) && (!hasWord(words, THREAD_WORDS) || hasWord(words, STRONG_POSITIVE_WORDS))) return false;
  if (!hasWord(words, EMBED_WORDS)) return true;
  return words.some((w) => NEGATIVE_WORDS.has(w) && w !== 'social');
}

/** Furniture words that class names glue to others ("relatedposts", "sharedaddy", "commentlist"). */
const COMPOUND_STEMS = [
  'related', 'share', 'sharing', 'comment', 'sidebar', 'footer', 'social', 'sponsor', 'advert', 'newsletter', 'promo',
  'breadcrumb', 'recommend', 'subscribe', 'popular', 'trending', 'outbrain', 'taboola',
];
/** Longer words that only look like glued furniture words. */
const NOT_COMPOUNDS = new Set(['commentary', 'commentator', 'commentators', 'shareholder', 'shareholders', 'footerless']);

/** Class words plus the furniture words glued inside them. */
function withCompounds(words: string[]): string[] {
  let out: string[] | null = null;
  for (const w of words) {
    if (w.length < 7 || NEGATIVE_WORDS.has(w) || NOT_COMPOUNDS.has(w)) continue;
    for (const stem of COMPOUND_STEMS) {
      if (w.length > stem.length + 1 && (w.startsWith(stem) || w.endsWith(stem))) {
        (out ??= [...words]).push(stem === 'advert' ? 'advertisement' : stem === 'recommend' ? 'recommended' : stem === 'sponsor' ? 'sponsored' : stem);
        break;
      }
    }
  }
  return out ?? words;
}

/** Structural elements whose class lists describe the page, not a widget (body class="has-sidebar"). */
const STRUCTURAL = new Set(['html', 'body', 'main', 'article']);

const CAPTION_WORDS = new Set(['caption', 'credit', 'credits', 'figcaption', 'copyright', 'photographer']);

function isHidden(el: El): boolean {
  const a = el.attrs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && el.tag !== 'body' && el.tag !== 'html') return true;
  const style = a.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

function hasWord(words: string[], set: ReadonlySet<string>): boolean {
  for (const w of words) if (set.has(w)) return true;
  return false;
}

/** A header that wraps real paragraphs (bad markup) is kept; a page or article header is not. */
function isFurnitureHeader(el: El): boolean {
  return textOf(el).length < 600;
}

const BODY_OWNER_WORDS = new Set(['article', 'entry', 'post', 'story', 'news', 'blog', 'main']);
const BODY_PART_WORDS = new Set(['body', 'content', 'text', 'copy']);

/** Markup that names the article body itself (itemprop=articleBody, class="entry-content", <article>). */
export function isArticleBodyMarkup(el: El): boolean {
  if ((el.attrs.itemprop ?? '').toLowerCase() === 'articlebody') return true;
  const words = classWords(el);
  if (hasWord(words, NEGATIVE_WORDS)) return false;
  if (el.tag === 'article' || el.tag === 'main') return true;
  if (words.includes('articlebody')) return true;
  return hasWord(words, BODY_OWNER_WORDS) && hasWord(words, BODY_PART_WORDS);
}

/** Elements that contain article-body markup somewhere below them (one O(n) pass). */
export function markBodyAncestors(root: El): Set<El> {
  const marked = new Set<El>();
  walk(root, (el) => {
    if (SKIP_TAGS.has(el.tag)) return false;
    if (el !== root && isArticleBodyMarkup(el)) {
      for (let p = el.parent; p && !marked.has(p); p = p.parent) marked.add(p);
    }
  });
  return marked;
}

/** 'plain': leaving an <a> that is not a link (no href, "javascript:"), so link depth stays. */
interface Frame { el: El; exit: boolean | 'plain' }

/** An <a> that leads somewhere: anchors without href and script hooks are just text. */
function isNavigation(a: El): boolean {
  const href = a.attrs.href;
  return href !== undefined && !/^\s*javascript:/i.test(href);
}

export interface BlockScan { blocks: Block[]; credits: Credit[] }

export function extractBlocks(root: El): BlockScan {
  const blocks: Block[] = [];
  const credits: Credit[] = [];
  const bodyAncestors = markBodyAncestors(root);
  let buf = '';
  let linkChars = 0;
  let linkDepth = 0;
  let leadLink = 0;
  let sawPlain = false;
  let owner: El = root;
  const ownerStack: El[] = [root];
  const NONE: readonly El[] = [];
  const negStack: (readonly El[])[] = [NONE];

  const flush = (): void => {
    const text = collapse(buf);
    if (text) {
      blocks.push({ text, owner, linkChars: Math.min(linkChars, text.length), leadLinkChars: Math.min(leadLink, text.length), tag: owner.tag, negatives: negStack[negStack.length - 1] ?? NONE });
    }
    buf = '';
    linkChars = 0;
    leadLink = 0;
    sawPlain = false;
  };

  const stack: (Frame | string)[] = [{ el: root, exit: false }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      buf += item;
      if (linkDepth > 0) {
        const n = collapse(item).length + (/^\s/.test(item) ? 1 : 0);
        linkChars += n;
        if (!sawPlain) leadLink += n;
      } else if (!sawPlain && /\S/.test(item)) sawPlain = true;
      continue;
    }
    const { el } = item;
    const isBlock = BLOCK_TAGS.has(el.tag);
    if (item.exit) {
      if (el.tag === 'a' && item.exit !== 'plain') linkDepth--;
      if (isBlock) {
        flush();
        ownerStack.pop();
        owner = ownerStack[ownerStack.length - 1] ?? root;
        negStack.pop();
      }
      continue;
    }
    if (SKIP_TAGS.has(el.tag) || isHidden(el) || SKIP_ROLES.has((el.attrs.role ?? '').toLowerCase())) {
      if (el.tag === 'br' || BLOCK_TAGS.has(el.tag)) buf += ' ';
      continue;
    }
    const words = classWords(el);
    if (el.tag === 'figcaption' || (hasWord(words, CAPTION_WORDS) && el.tag !== 'body' && el.tag !== 'article')) {
      const text = textOf(el);
      if (text.length <= 600) {
        if (text) addCredit(credits, text, words);
        buf += ' ';
        continue;
      }
    }
    if (el.tag === 'figure') {
      // Captions inside figures go to credits; the figure itself is not body text.
      collectFigureCaptions(el, credits);
      buf += ' ';
      continue;
    }
    if (el.tag === 'footer' || el.tag === 'aside' || (el.tag === 'header' && isFurnitureHeader(el))) {
      buf += ' ';
      continue;
    }
    if (el.tag === 'br') {
      buf += '\n';
      continue;
    }
    if (isBlock) {
      flush();
      ownerStack.push(el);
      owner = el;
      const parentNeg = negStack[negStack.length - 1] ?? NONE;
      negStack.push(!STRUCTURAL.has(el.tag) && isFurnitureName(withCompounds(words)) && (!bodyAncestors.has(el) || isThreadName(words)) ? [...parentNeg, el] : parentNeg);
    } else if (el.tag === 'a' && isNavigation(el)) linkDepth++;
    stack.push({ el, exit: !isBlock && el.tag === 'a' && !isNavigation(el) ? 'plain' : true });
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      stack.push(typeof k === 'string' ? k : { el: k, exit: false });
    }
  }
  flush();
  return { blocks, credits };
}

function addCredit(credits: Credit[], text: string, words: string[]): void {
  const isCredit = words.includes('credit') || words.includes('credits') || words.includes('copyright') || words.includes('photographer');
  if (credits.some((c) => c.caption === text || c.credit === text)) return;
  credits.push(isCredit ? { credit: text } : { caption: text });
}

function collectFigureCaptions(fig: El, credits: Credit[]): void {
  const stack: El[] = [fig];
  let found = false;
  while (stack.length) {
    const el = stack.pop()!;
    if (el !== fig && (el.tag === 'figcaption' || hasWord(classWords(el), CAPTION_WORDS))) {
      const text = textOf(el);
      if (text) addCredit(credits, text, classWords(el));
      found = true;
      continue;
    }
    for (const k of el.children) if (typeof k !== 'string') stack.push(k);
  }
  if (!found) {
    const text = textOf(fig);
    if (text && text.length < 600) addCredit(credits, text, []);
  }
}
