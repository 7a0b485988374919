/**
 * The article title. A title the publisher declares for the article (JSON-LD headline/name,
 * Dublin Core, Open Graph, Twitter, Parse.ly) is taken as written, less a side that names the
 * site exactly (og:site_name and the like); the document
 * <title>, which usually carries the site name, is trimmed at a separator (" | ", " - ",
 * " — ", " / ", " » ", " :: ", " · "), keeping the side an <h1> confirms, else the side left
 * after dropping a trailing (or, failing that, leading) site name.
 *
 *   chooseTitle({ docTitle: 'Activist detained in Almaty | Example News', h1s: [], meta: new Map(),
 *     ld: { headline: null, name: null, ... }, siteName: null })
 *   // -> 'Activist detained in Almaty'
 */
import type { JsonLdFacts } from './html-metadata-jsonld.js';

export interface TitleSources {
  ld: JsonLdFacts;
  meta: ReadonlyMap<string, string>;
  docTitle: string | null;
  h1s: readonly string[];
  siteName: string | null;
}

/** Declared-title meta keys, most specific first (keys as normalised by the page scan). */
const META_TITLE_KEYS = ['dc:title', 'dcterm:title', 'dcterms:title', 'og:title', 'title', 'twitter:title', 'parsely-title', 'sailthru:title', 'headline'];

const SEPARATOR = / (?:[|\-–—\\/>»·•]|::) /g;

function tokens(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of `a`'s characters (in whole words) that also occur as words of `b`: how much of `a` `b` covers. */
function overlap(a: string, b: string): number {
  const tb = new Set(tokens(b));
  let hit = 0;
  let all = 0;
  for (const t of tokens(a)) {
    all += t.length;
    if (tb.has(t)) hit += t.length;
  }
  return all ? hit / all : 0;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** Comparable form of a heading: case-folded, without trailing anchors/pilcrows/punctuation. */
function comparable(s: string): string {
  return s.toLowerCase().replace(/[\s¶#§:|\-–—.]+$/u, '').replace(/\s+/g, ' ').trim();
}

/** JSON-LD: `headline` is the article's; some publishers put a description there and the title in `name`. */
function jsonLdTitle(src: TitleSources): string | null {
  const { headline, name } = src.ld;
  if (headline && name && headline !== name) {
    const reference = src.docTitle || src.h1s[0] || '';
    return overlap(reference, name) > overlap(reference, headline) ? name : headline;
  }
  return headline ?? name;
}

function usable(t: string | null | undefined, siteName: string | null): t is string {
  if (!t || !/\p{L}|\p{N}/u.test(t) || t.length > 500) return false;
  return !siteName || t.toLowerCase() !== siteName.toLowerCase();
}

/** The document <title> without the site name, when the cut is safe. */
export function titleFromDocument(full: string, h1s: readonly string[]): string {
  const heads = new Set(h1s.map(comparable));
  if (heads.has(comparable(full))) return full;
  const seps = [...full.matchAll(SEPARATOR)];
  if (seps.length) {
    // An <h1> equal to one side settles it: the longest matching leading part, else trailing part.
    for (let i = seps.length - 1; i >= 0; i--) {
      const head = full.slice(0, seps[i]!.index);
      if (heads.has(comparable(head))) return head;
    }
    for (const sep of seps) {
      const tail = full.slice(sep.index! + sep[0].length);
      if (heads.has(comparable(tail))) return tail;
    }
    const last = seps[seps.length - 1]!;
    const first = seps[0]!;
    let cut = full.slice(0, last.index);
    if (wordCount(cut) < 3) cut = full.slice(first.index! + first[0].length);
    // A short remainder may be half a headline rather than a headline without its site name.
    return wordCount(cut) <= 2 ? full : cut.trim();
  }
  // An odd-sized <title> ("Home", or a paragraph) yields to the page's only <h1>, if that looks like a headline.
  if ((full.length < 15 || full.length > 150) && h1s.length === 1 && wordCount(h1s[0]!) > 4) return h1s[0]!;
  return full;
}

/**
 * A declared title without the site name the publisher appended or prepended to it
 * ("Activist detained - Los Angeles Times" with og:site_name "Los Angeles Times"): a record
 * cites the headline, and the publisher is provenance, not part of it. Only a side that
 * names the site exactly is dropped.
 */
export function withoutSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const site = comparable(siteName).replace(/^@/, '');
  const seps = [...title.matchAll(SEPARATOR)];
  if (!site || seps.length === 0) return title;
  const last = seps[seps.length - 1]!;
  const first = seps[0]!;
  const tail = title.slice(last.index! + last[0].length);
  if (comparable(tail) === site) return title.slice(0, last.index).trim();
  const head = title.slice(0, first.index);
  if (comparable(head) === site) return title.slice(first.index! + first[0].length).trim();
  return title;
}

export function chooseTitle(src: TitleSources): string | null {
  const declared = [jsonLdTitle(src), ...META_TITLE_KEYS.map((k) => src.meta.get(k))];
  for (const t of declared) if (usable(t, src.siteName)) return withoutSiteName(t, src.siteName);
  if (src.docTitle && /\p{L}|\p{N}/u.test(src.docTitle)) return titleFromDocument(src.docTitle, src.h1s);
  return src.h1s[0] ?? null;
}
