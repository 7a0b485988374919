/**
 * schema.org JSON-LD facts for the HTML cleaner: the page's main article object (the first
 * Article/Posting/Report found in `<script type="application/ld+json">` blocks, looking into
 * arrays, `@graph` and `mainEntity`), its title candidates, authors and publication date.
 * Broken JSON is normal on the web: a block that does not parse is skipped, never thrown.
 *
 *   readJsonLd(['{"@type":"NewsArticle","headline":"Court rules","author":[{"name":"A. B"}],
 *     "datePublished":"2024-03-05T09:00:00+05:00"}'])
 *   // -> { headline: 'Court rules', name: null, authors: ['A. B'], date: '2024-03-05T09:00:00+05:00', ... }
 */

export interface JsonLdFacts {
  headline: string | null;
  name: string | null;
  authors: string[];
  date: string | null;
  /** `dateCreated`: a weaker hint than `datePublished` or a page's own date meta. */
  created: string | null;
  publisher: string | null;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Types whose `headline`/`author` describe the page's article (not the site or a breadcrumb). */
const ARTICLE_TYPE = /(?:Article|Posting|^Report|^Story|APIReference)$/;
const MAX_NODES = 5000;

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isArticle(o: JsonObject): boolean {
  const t = o['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPE.test(x.replace(/^.*[/#:]/, '')));
}

function parseBlock(raw: string): Json {
  let text = raw.trim();
  // Some publishers wrap the JSON in a comment or CDATA section.
  if (text.startsWith('<!--')) text = text.slice(4);
  else if (text.startsWith('<![CDATA[')) text = text.slice(9);
  text = text.trimEnd();
  if (text.endsWith('-->')) text = text.slice(0, -3);
  else if (text.endsWith(']]>')) text = text.slice(0, -3);
  text = text.trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Raw newlines and tabs inside strings are the commonest publisher mistake.
    try {
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ').replace(/;\s*$/, ''));
    } catch {
      return null;
    }
  }
}

/** The first article-typed object in document order, without recursion. */
function findArticle(blocks: Json[]): JsonObject | null {
  let fallback: JsonObject | null = null;
  let budget = MAX_NODES;
  for (const block of blocks) {
    const stack: Json[] = [block];
    while (stack.length && budget-- > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
        continue;
      }
      if (!isObject(v)) continue;
      if (isArticle(v)) {
        if (typeof v.headline === 'string' || typeof v.name === 'string') return v;
        fallback ??= v;
      }
      if (v.mainEntity !== undefined) stack.push(v.mainEntity);
      if (v['@graph'] !== undefined) stack.push(v['@graph']);
    }
  }
  return fallback;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** JSON-LD sits in a raw-text <script>, so publishers' HTML entities arrive undecoded. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function safeChar(code: number): string | null {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function text(v: Json): string | null {
  if (typeof v !== 'string') return null;
  const t = decodeEntities(v).replace(/\s+/g, ' ').trim();
  return t || null;
}

/** Author names from a string, a Person/Organization, or an array of either. */
function authorNames(v: Json): string[] {
  const items = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of items.slice(0, 20)) {
    const name = isObject(item) ? text(Array.isArray(item.name) ? item.name[0] : item.name) : text(item);
    if (name && !/^(?:https?:|www\.)/i.test(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

export function readJsonLd(scripts: readonly string[]): JsonLdFacts {
  const facts: JsonLdFacts = { headline: null, name: null, authors: [], date: null, created: null, publisher: null };
  if (!scripts.length) return facts;
  const article = findArticle(scripts.map(parseBlock));
  if (!article) return facts;
  facts.headline = text(article.headline);
  facts.name = text(article.name);
  // Not `creator`: on publishing platforms it is often the uploading account, not the writer.
  facts.authors = authorNames(article.author);
  facts.date = text(article.datePublished);
  facts.created = text(article.dateCreated);
  facts.publisher = isObject(article.publisher) ? text(article.publisher.name) : null;
  return facts;
}
