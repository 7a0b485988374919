/**
 * One iterative pass over the element tree collecting everything the metadata reader needs:
 * <meta> values, JSON-LD blocks, html lang, the document <title>, h1 texts, the first
 * machine-readable date, the first visible byline and the first dek. Element text is only
 * read for the few candidates, and never more than a bounded amount of it, so a page of
 * 10,000 nested elements costs one walk.
 *
 *   scanPage(parseHtmlTree('<html lang="kk"><title>T</title><div class="byline">Автор: Ә. Б</div>'))
 *   // -> { lang: 'kk', docTitle: 'T', domByline: 'Ә. Б', meta: Map {}, ... }
 */
import { type El, type Node, BLOCK_TAGS, RAW_TAGS, classWords, collapse, rawText } from './html-dom.js';
import { acceptByline, looksLikeBylineText } from './html-metadata-byline.js';
import { toIsoDay } from './html-metadata-date.js';

export interface PageFacts {
  /** Normalised key ('og:title', 'dc:creator', 'author'...) -> content; `property` wins over `name`. */
  meta: Map<string, string>;
  jsonLd: string[];
  lang: string | null;
  docTitle: string | null;
  h1s: string[];
  /** ISO day of the first <time datetime> / itemprop=datePublished, preferring article parts of the page. */
  visibleDate: string | null;
  domByline: string | null;
  /** Last-resort byline: a short "By Jane Doe" / "Автор: …" element without any class hint. */
  prefixByline: string | null;
  subtitle: string | null;
}

const UNLIKELY =
  /comment|disqus|footer|sidebar|related|recommend|sponsor|social|shoutbox|menu|breadcrumb|banner|popup|newsletter|pagination|pager|advert|remark|replies|rss|supplement|community|recirc|outbrain|taboola/i;
const MAYBE = /article|body|content|main|column|story|entry/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
const BYLINE_WORDS = new Set(['byl', 'writer', 'writers', 'creator', 'creators', 'contributor', 'contributors', 'writtenby', 'reporter', 'reporters']);
const SUBTITLE_WORDS = new Set(['dek', 'subtitle', 'standfirst', 'subheadline', 'subhead', 'deck', 'lede', 'summary', 'excerpt', 'intro', 'lead']);
const SUBTITLE_TAGS = new Set(['p', 'h2', 'h3', 'div', 'span', 'header']);
const PREFIX_TAGS = new Set(['p', 'div', 'span', 'li', 'address', 'strong', 'em', 'b', 'small', 'td']);
const PREFIX_START = /^\s*(?:written |posted |reported )?(?:by|авторы?|мақала авторы|текст|par|por)\b|^\s*(?:авторы?|текст)(?![\p{L}])/iu;

// Context flags of an element, inherited from its ancestors.
const UNLIKELY_F = 1;
const HIDDEN_F = 2;
const SVG_F = 4;
const NAV_F = 8;

function ownFlags(el: El): number {
  let f = 0;
  const a = el.attrs;
  if (el.tag === 'svg') f |= SVG_F;
  if (el.tag === 'nav') f |= NAV_F | UNLIKELY_F;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') f |= HIDDEN_F;
  if (a.style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(a.style)) f |= HIDDEN_F;
  if (a.role && UNLIKELY_ROLES.has(a.role.toLowerCase())) f |= UNLIKELY_F;
  if ((a.class || a.id) && el.tag !== 'a' && el.tag !== 'body') {
    const cid = `${a.class ?? ''} ${a.id ?? ''}`;
    if (UNLIKELY.test(cid) && !MAYBE.test(cid)) f |= UNLIKELY_F;
  }
  return f;
}

/**
 * Flags of an element and all its ancestors. Asked only for the few candidates, so it is
 * computed on demand and memoised: the whole page costs at most one visit per element.
 */
function contextFlags(el: El, memo: Map<El, number>): number {
  const chain: El[] = [];
  let cur: El | null = el;
  let inherited = 0;
  while (cur) {
    const known = memo.get(cur);
    if (known !== undefined) {
      inherited = known;
      break;
    }
    chain.push(cur);
    cur = cur.parent;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    inherited |= ownFlags(chain[i]!);
    memo.set(chain[i]!, inherited);
  }
  return inherited;
}

/** Collapsed text of an element, or null once it is certain to exceed `max` characters. */
export function boundedText(el: El, max: number): string | null {
  let out = '';
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      if (out.length > max * 2 + 200) {
        out = out.replace(/[\s\u00a0]+/g, ' ');
        if (out.trimStart().length > max + 1) return null;
      }
      continue;
    }
    if (n !== el && RAW_TAGS.has(n.tag)) continue;
    if (n.tag === 'br' || BLOCK_TAGS.has(n.tag)) out += ' ';
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  const t = collapse(out);
  return t.length > max ? null : t;
}

/** Class words naming a part of an author box that is not the name ("author-bio", "byline__date"). */
const NOT_NAME_WORDS = new Set([
  'title', 'bio', 'about', 'desc', 'description', 'photo', 'image', 'img', 'pic', 'avatar', 'thumb', 'date', 'time',
  'follow', 'social', 'twitter', 'email', 'more', 'note', 'label', 'prefix', 'role', 'job', 'position', 'icon',
]);

/** A class/id word naming a byline: "byline", "author", "authorName", "post-author", "writer"... */
function isBylineWord(w: string): boolean {
  return BYLINE_WORDS.has(w) || (w.startsWith('author') && !w.startsWith('authori')) || w.startsWith('byline');
}

// `classWords` is cached on the element and the body extraction reads it for every element
// anyway, so deciding on words costs the cleaner nothing extra.
function isBylineSignal(el: El): boolean {
  const a = el.attrs;
  if (a.rel && /(?:^|\s)author(?:\s|$)/i.test(a.rel)) return true;
  if (a.itemprop && /author/i.test(a.itemprop)) return true;
  const words = classWords(el);
  return words.some(isBylineWord) && !words.some((w) => NOT_NAME_WORDS.has(w));
}

function isSubtitleSignal(el: El): boolean {
  return classWords(el).some((w) => SUBTITLE_WORDS.has(w));
}

function isNameSignal(el: El): boolean {
  if (/(?:^|\s)name(?:\s|$)/i.test(el.attrs.itemprop ?? '')) return true;
  const words = classWords(el);
  if (words.includes('fn')) return true;
  return (words.includes('name') && !words.some((w) => NOT_NAME_WORDS.has(w))) || isBylineSignal(el);
}

/**
 * The names marked up inside a byline block (itemprop=name, hCard "fn", .author-name,
 * rel=author...): "By <a rel=author>A</a> and <a rel=author>B</a> | 5 March" -> "A, B".
 */
function markedNames(el: El): string | null {
  const names: string[] = [];
  const stack: El[] = [];
  const pushKids = (n: El): void => {
    for (let i = n.children.length - 1; i >= 0; i--) {
      const k = n.children[i]!;
      if (typeof k !== 'string') stack.push(k);
    }
  };
  pushKids(el);
  let budget = 300;
  while (stack.length && budget-- > 0) {
    const n = stack.pop()!;
    if (isNameSignal(n)) {
      const name = acceptByline(boundedText(n, 100));
      if (name) {
        if (!names.includes(name)) names.push(name);
        continue;
      }
    }
    pushKids(n);
  }
  return names.length ? names.join(', ') : null;
}

function readByline(el: El): string | null {
  const text = boundedText(el, 100);
  if (!text || text.length >= 100) return null;
  return markedNames(el) ?? acceptByline(text);
}

const INLINE_WRAPPERS = new Set(['b', 'strong', 'em', 'span', 'i']);
/** First letters of the PREFIX_START words, to skip the regex for almost every text. */
const PREFIX_INITIALS = new Set('bBpPwWrRаАтТмМ');



/**
 * The element's leading text, looking through a few inline wrappers ("<p><b>By</b> Jane</p>"),
 * when it can start a "By …"/"Автор: …" line; null otherwise (almost always, and cheaply).
 */
function prefixLead(el: El): string | null {
  let cur: El = el;
  for (let depth = 0; depth < 4; depth++) {
    let next: El | null = null;
    for (const k of cur.children) {
      if (typeof k === 'string') {
        // A byline line is short; longer text is a paragraph, left unread (and unflattened).
        if (k.length > 300) return null;
        let i = 0;
        while (i < k.length && (k.charCodeAt(i) <= 32 || k.charCodeAt(i) === 160)) i++;
        if (i === k.length) continue;
        return PREFIX_INITIALS.has(k.charAt(i)) && PREFIX_START.test(k) ? k : null;
      }
      next = INLINE_WRAPPERS.has(k.tag) ? k : null;
      break;
    }
    if (!next) return null;
    cur = next;
  }
  return null;
}

function recordMeta(meta: Map<string, string>, fromProperty: Set<string>, el: El): void {
  const a = el.attrs;
  if (a.content === undefined) return;
  const content = collapse(a.content);
  if (!content) return;
  const keyed: [string | undefined, boolean][] = [[a.property, true], [a.name, false], [a.itemprop, false], [a['http-equiv'], false]];
  for (const [attr, isProperty] of keyed) {
    if (!attr) continue;
    for (const raw of attr.toLowerCase().trim().split(/\s+/)) {
      const key = raw.replace(/\./g, ':');
      if (!key) continue;
      if (!meta.has(key) || (isProperty && !fromProperty.has(key))) {
        meta.set(key, content);
        if (isProperty) fromProperty.add(key);
      }
    }
  }
}

export function scanPage(root: El): PageFacts {
  const facts: PageFacts = {
    meta: new Map(), jsonLd: [], lang: null, docTitle: null, h1s: [], visibleDate: null,
    domByline: null, prefixByline: null, subtitle: null,
  };
  const fromProperty = new Set<string>();
  const memo = new Map<El, number>();
  let furnitureDate: string | null = null;
  const els: El[] = [root];
  while (els.length) {
    const el = els.pop()!;
    const tag = el.tag;
    const a = el.attrs;
    if (tag === 'script') {
      if (a.type !== undefined && /ld\+json/i.test(a.type)) facts.jsonLd.push(rawText(el));
      continue;
    }
    if (tag === 'meta') recordMeta(facts.meta, fromProperty, el);
    else if (tag === 'title') {
      if (facts.docTitle === null && !(contextFlags(el, memo) & SVG_F)) facts.docTitle = collapse(rawText(el));
      continue;
    } else if (RAW_TAGS.has(tag)) continue;
    else if (tag === 'html') facts.lang ??= (a.lang ?? a['xml:lang'] ?? '').trim() || null;
    else if (tag === 'h1' && facts.h1s.length < 20) {
      const t = boundedText(el, 300);
      if (t) facts.h1s.push(t);
    }
    if (facts.visibleDate === null && (tag === 'time' || (a.itemprop !== undefined && /datepublished/i.test(a.itemprop)))) {
      const iso = toIsoDay(a.datetime ?? a.content) ?? (a.pubdate !== undefined ? toIsoDay(boundedText(el, 100)) : null);
      if (iso) {
        if (!(contextFlags(el, memo) & UNLIKELY_F)) facts.visibleDate = iso;
        else furnitureDate ??= iso;
      }
    }
    if (facts.domByline === null && (a.class !== undefined || a.id !== undefined || a.rel !== undefined || a.itemprop !== undefined) &&
      isBylineSignal(el) && !(contextFlags(el, memo) & (UNLIKELY_F | HIDDEN_F))) {
      facts.domByline = readByline(el);
    }
    if (facts.prefixByline === null && PREFIX_TAGS.has(tag)) {
      if (prefixLead(el) !== null && !(contextFlags(el, memo) & (UNLIKELY_F | HIDDEN_F))) {
        const t = boundedText(el, 80);
        if (t && looksLikeBylineText(t)) facts.prefixByline = acceptByline(t);
      }
    }
    if (facts.subtitle === null && SUBTITLE_TAGS.has(tag) && (a.class !== undefined || a.id !== undefined) && isSubtitleSignal(el) &&
      !(contextFlags(el, memo) & NAV_F)) {
      const t = boundedText(el, 400);
      if (t && t.length >= 20) facts.subtitle = t;
    }
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (typeof k !== 'string') els.push(k);
    }
  }
  facts.visibleDate ??= furnitureDate;
  return facts;
}
