/**
 * Page metadata for the HTML cleaner: title, byline, publication date, language, dek.
 * Sources in order of trust: JSON-LD (schema.org Article), <meta> (Open Graph, Dublin Core,
 * Parse.ly, Sailthru...), then visible markup (h1, rel=author, .byline, <time datetime>).
 *
 *   readMetadata(parseHtmlTree('<html lang="ru"><meta property="article:published_time"
 *     content="2024-03-01T09:00:00+05:00"><h1>Заголовок</h1>'))
 *   // -> { title: 'Заголовок', publishedAt: { value: '2024-03-01', estimated: false }, languageHint: 'ru', ... }
 */
import type { PublishedAt } from '../../domain/article.js';
import { type El, classWords, collapse, findAll, rawText, textOf, walk } from './html-dom.js';

export interface PageMetadata {
  title: string | null;
  subtitle: string | null;
  byline: string | null;
  publishedAt: PublishedAt | null;
  languageHint: string | null;
  siteName: string | null;
}

type Json = unknown;

/** Walks parsed JSON-LD iteratively, returning every object node. */
function jsonObjects(value: Json): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const stack: Json[] = [value];
  let budget = 5000;
  while (stack.length && budget-- > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, Json>;
      out.push(o);
      if (o['@graph']) stack.push(o['@graph']);
      if (o.mainEntity) stack.push(o.mainEntity);
    }
  }
  return out;
}

const ARTICLE_TYPE = /article|posting|report|newsarticle|blog|story/i;

function typeOf(o: Record<string, Json>): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

function namesOf(v: Json): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(namesOf);
  if (v && typeof v === 'object') {
    const n = (v as Record<string, Json>).name;
    if (typeof n === 'string') return [n];
  }
  return [];
}

interface JsonLdFacts { headline?: string; date?: string; authors: string[]; description?: string }

function readJsonLd(root: El): JsonLdFacts {
  const facts: JsonLdFacts = { authors: [] };
  for (const s of findAll(root, 'script')) {
    if (!/ld\+json/i.test(s.attrs.type ?? '')) continue;
    let parsed: Json;
    try {
      parsed = JSON.parse(rawText(s).trim().replace(/^<!\[CDATA\[|\]\]>$/g, ''));
    } catch {
      continue;
    }
    for (const o of jsonObjects(parsed)) {
      if (!ARTICLE_TYPE.test(typeOf(o))) continue;
      if (!facts.headline && typeof o.headline === 'string') facts.headline = o.headline;
      if (!facts.date && typeof o.datePublished === 'string') facts.date = o.datePublished;
      if (!facts.description && typeof o.description === 'string') facts.description = o.description;
      if (!facts.authors.length) facts.authors = namesOf(o.author).map(collapse).filter((n) => n && !/^https?:/.test(n));
    }
  }
  return facts;
}

function readMetaTags(root: El): Map<string, string> {
  const meta = new Map<string, string>();
  for (const m of findAll(root, 'meta')) {
    const key = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').toLowerCase().trim();
    const content = m.attrs.content;
    if (!key || content === undefined) continue;
    for (const k of key.split(/\s+/)) if (!meta.has(k)) meta.set(k, collapse(content));
  }
  return meta;
}

function firstMeta(meta: Map<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k);
    if (v) return v;
  }
  return null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** 'YYYY-MM-DD' from a date string as published (keeps the publisher's own calendar day). */
export function toIsoDay(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  m = /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})/.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) return day(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  m = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(s);
  if (m && MONTHS[m[1]!.toLowerCase()]) return day(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return day(+m[3]!, +m[2]!, +m[1]!);
  return null;
}

function day(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DATE_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'article.published', 'published_time',
  'publish-date', 'publishdate', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.date',
  'dc.date', 'dcterms.created', 'date', 'citation_publication_date', 'article:published', 'og:published_time',
  'originalpublicationdate', 'article_date_original', 'cxenseparse:recs:publishtime', 'datecreated',
];

const AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'citation_author'];

function readDate(root: El, meta: Map<string, string>, ld: JsonLdFacts): PublishedAt | null {
  let iso = toIsoDay(ld.date) ?? toIsoDay(firstMeta(meta, DATE_META));
  if (!iso) {
    for (const t of findAll(root, 'time')) {
      iso = toIsoDay(t.attrs.datetime) ?? (t.attrs.pubdate !== undefined ? toIsoDay(textOf(t)) : null);
      if (iso) break;
    }
  }
  return iso ? { value: iso, estimated: false } : null;
}

const BYLINE_WORDS = new Set(['byline', 'author', 'authors', 'writer', 'byl', 'creator', 'contributor']);

/** Strips a leading "By"/"От"/"Автор:" and trailing role clutter from a visible byline. */
export function tidyByline(s: string): string {
  return collapse(s)
    .replace(/^(by|от|автор|авторы|written by|posted by)\s*:?\s+/i, '')
    .replace(/\s*[|•·]\s*$/, '')
    .trim();
}

function readDomByline(root: El): string | null {
  let found: string | null = null;
  walk(root, (el) => {
    if (found) return false;
    if (el.tag === 'script' || el.tag === 'style') return false;
    const rel = (el.attrs.rel ?? '').toLowerCase();
    const prop = (el.attrs.itemprop ?? '').toLowerCase();
    const isByline = rel === 'author' || prop === 'author' || classWords(el).some((w) => BYLINE_WORDS.has(w));
    if (!isByline) return;
    const text = textOf(el);
    if (text.length > 0 && text.length < 100 && /\p{L}/u.test(text)) {
      found = text;
      return false;
    }
  });
  return found;
}

const SUBTITLE_WORDS = new Set(['dek', 'subtitle', 'standfirst', 'subheadline', 'subhead', 'deck', 'lede', 'summary', 'excerpt', 'intro', 'lead']);

function readSubtitle(root: El): string | null {
  let found: string | null = null;
  walk(root, (el) => {
    if (found) return false;
    if (el.tag === 'script' || el.tag === 'style' || el.tag === 'nav') return false;
    const words = classWords(el);
    if (!words.some((w) => SUBTITLE_WORDS.has(w))) return;
    if (!/^(p|h2|h3|div|span|header)$/.test(el.tag)) return;
    const text = textOf(el);
    if (text.length >= 20 && text.length <= 400) {
      found = text;
      return false;
    }
  });
  return found;
}

/** Removes a " | Site name" style suffix or prefix when it is the site name or the h1 agrees. */
function tidyTitle(title: string, h1: string | null, siteName: string | null): string {
  const t = collapse(title);
  if (h1 && t.toLowerCase() === h1.toLowerCase()) return h1;
  const parts = t.split(/\s+[|–—\-:»«/·•]\s+/);
  if (parts.length > 1) {
    if (h1) {
      const match = parts.find((p) => p.toLowerCase() === h1.toLowerCase());
      if (match) return match;
    }
    if (siteName) {
      const kept = parts.filter((p) => p.toLowerCase() !== siteName.toLowerCase());
      if (kept.length && kept.length < parts.length) return kept.join(' - ');
    }
    // Keep the longest side when one side is short (a site name): "Story title | CNN".
    const first = parts[0]!;
    const rest = parts.slice(1).join(' ');
    if (first.split(' ').length >= 4 && rest.split(' ').length <= 3) return parts.slice(0, -1).join(' - ');
  }
  return t;
}

export function readMetadata(root: El): PageMetadata {
  const meta = readMetaTags(root);
  const ld = readJsonLd(root);
  const htmlEl = findAll(root, 'html')[0];
  const lang = (htmlEl?.attrs.lang ?? htmlEl?.attrs['xml:lang'] ?? meta.get('content-language') ?? meta.get('og:locale') ?? '').trim();
  const siteName = firstMeta(meta, ['og:site_name', 'application-name', 'twitter:site']);
  const h1s = findAll(root, 'h1').map(textOf).filter((t) => t.length > 0 && t.length < 300);
  const docTitle = findAll(root, 'title').map((t) => collapse(rawText(t)))[0] ?? null;
  const declared = ld.headline ?? firstMeta(meta, ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'parsely-title', 'headline']) ?? docTitle;
  let title: string | null = null;
  if (declared) {
    const h1 = h1s.find((h) => collapse(declared).toLowerCase().includes(h.toLowerCase())) ?? null;
    title = tidyTitle(declared, h1, siteName);
  } else if (h1s.length) title = h1s[0]!;

  let byline: string | null = ld.authors.length ? [...new Set(ld.authors)].join(', ') : null;
  if (!byline) {
    const m = firstMeta(meta, AUTHOR_META);
    if (m && !/^https?:\/\//.test(m) && /\p{L}/u.test(m)) byline = tidyByline(m);
  }
  if (!byline) {
    const d = readDomByline(root);
    if (d) byline = tidyByline(d) || null;
  }

  return {
    title: title || null,
    subtitle: readSubtitle(root),
    byline,
    publishedAt: readDate(root, meta, ld),
    languageHint: lang ? lang.replace('_', '-').split(/[\s,]/)[0]! : null,
    siteName,
  };
}
