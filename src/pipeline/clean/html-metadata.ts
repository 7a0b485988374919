/**
 * Page metadata for the HTML cleaner: title, byline, publication date, language, dek.
 * Sources in order of trust: JSON-LD (schema.org Article), <meta> (Dublin Core, Open Graph,
 * Parse.ly, Sailthru...), then visible markup (<title>, h1, rel=author, itemprop=author,
 * .byline/.author, "By …"/"Автор: …" lines, <time datetime>). The tree is walked once
 * (`html-metadata-scan.ts`); titles in `html-metadata-title.ts`, bylines in
 * `html-metadata-byline.ts`, dates in `html-metadata-date.ts`, JSON-LD in `html-metadata-jsonld.ts`.
 * General rules only: nothing here knows about particular sites.
 *
 *   readMetadata(parseHtmlTree('<html lang="ru"><meta property="article:published_time"
 *     content="2024-03-01T09:00:00+05:00"><h1>Заголовок</h1>'))
 *   // -> { title: 'Заголовок', publishedAt: { value: '2024-03-01', estimated: false }, languageHint: 'ru', ... }
 */
import type { PublishedAt } from '../../domain/article.js';
import type { El } from './html-dom.js';
import { acceptByline } from './html-metadata-byline.js';
import { toIsoDay } from './html-metadata-date.js';
import { readJsonLd } from './html-metadata-jsonld.js';
import { scanPage } from './html-metadata-scan.js';
import { chooseTitle } from './html-metadata-title.js';

export { toIsoDay } from './html-metadata-date.js';
export { tidyByline } from './html-metadata-byline.js';

export interface PageMetadata {
  title: string | null;
  subtitle: string | null;
  byline: string | null;
  publishedAt: PublishedAt | null;
  languageHint: string | null;
  siteName: string | null;
}

/** Meta keys as normalised by the scan (lower case, '.' -> ':'), most specific first. */
const DATE_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'article:published', 'published_time',
  'publish-date', 'publishdate', 'pubdate', 'parsely-pub-date', 'sailthru:date', 'dc:date:issued', 'dcterms:issued',
  'dcterms:date', 'dc:date', 'dcterms:created', 'date', 'citation_publication_date', 'og:published_time',
  'originalpublicationdate', 'article_date_original', 'cxenseparse:recs:publishtime', 'datecreated',
];

const AUTHOR_META = [
  'dc:creator', 'dcterm:creator', 'dcterms:creator', 'author', 'parsely-author', 'article:author', 'og:article:author',
  'sailthru:author', 'byl', 'citation_author',
];

function first<T>(keys: readonly string[], read: (k: string) => T | null): T | null {
  for (const k of keys) {
    const v = read(k);
    if (v !== null) return v;
  }
  return null;
}

export function readMetadata(root: El): PageMetadata {
  const facts = scanPage(root);
  const ld = readJsonLd(facts.jsonLd);
  const meta = facts.meta;
  const siteName = meta.get('og:site_name') ?? meta.get('application-name') ?? ld.publisher ?? meta.get('twitter:site') ?? null;

  const title = chooseTitle({ ld, meta, docTitle: facts.docTitle, h1s: facts.h1s, siteName });

  const ldNames = [...new Set(ld.authors.map(acceptByline).filter((n): n is string => n !== null))];
  const byline =
    (ldNames.length ? ldNames.join(', ') : null) ??
    first(AUTHOR_META, (k) => acceptByline(meta.get(k))) ??
    facts.domByline ??
    facts.prefixByline;

  const iso = toIsoDay(ld.date) ?? first(DATE_META, (k) => toIsoDay(meta.get(k))) ?? toIsoDay(ld.created) ?? facts.visibleDate;
  const publishedAt: PublishedAt | null = iso ? { value: iso, estimated: false } : null;

  const lang = (facts.lang ?? meta.get('content-language') ?? meta.get('og:locale') ?? '').trim();
  return {
    title: title || null,
    subtitle: facts.subtitle,
    byline,
    publishedAt,
    languageHint: lang ? lang.replace('_', '-').split(/[\s,]/)[0]! : null,
    siteName,
  };
}
