import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Full-text search over sources and records: what is indexed, what is asked, what comes back.
 *
 *   parseSearchQuery({ text: 'Nazarbaev "land protests"', collectionId: 'default', from: '2016-01-01' })
 *   -> { text: …, collectionId: 'default', from: '2016-01-01', limit: 20, offset: 0 }
 *
 * Query language (see storage/search/analyze.ts for how words are matched):
 *   words            all must occur (AND), in any form: stemmed (arrested ~ arrest), in either
 *                    script (Nazarbaev ~ Назарбаев) and, for longer words, as a prefix
 *                    (Жаңаөзен ~ Жаңаөзенде)
 *   "two words"      a phrase: the words next to each other, in this order
 *   a OR b           either (binds tighter than AND: `police a OR b` = police AND (a OR b))
 *   -word, -"a b"    must not occur
 *   word*            explicit prefix (at least 3 letters)
 */

export const SEARCH_KINDS = ['source', 'event', 'entity'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Longest query text accepted, in characters. */
export const MAX_QUERY_LENGTH = 1000;
/** Most words (phrase words included) one query may hold. */
export const MAX_QUERY_WORDS = 32;
export const MAX_LIMIT = 100;
/** Deepest result reachable by paging (offset + limit). */
export const MAX_OFFSET = 10_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => isValidDay(s), 'is not a calendar date');

function isValidDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * One searchable thing: a source's clean text, an event's description, an entity's names.
 * Dates are an interval; a null bound is open on that side, both null means undated (an
 * undated document never matches a date filter). `places`, `persons` and `types` are facet
 * values (names or ids); spellings of one name in either script count as one value.
 */
export const searchDocumentSchema = z
  .object({
    id: z.string().min(1).max(200),
    kind: z.enum(SEARCH_KINDS),
    collectionId: z.string().min(1).max(200),
    language: z.string().max(20).nullable(),
    title: z.string(),
    text: z.string(),
    dateFrom: isoDate.nullable(),
    dateTo: isoDate.nullable(),
    places: z.array(z.string().min(1).max(300)).max(200),
    persons: z.array(z.string().min(1).max(300)).max(500),
    types: z.array(z.string().min(1).max(200)).max(50),
  })
  .strict()
  .refine((d) => d.dateFrom === null || d.dateTo === null || d.dateFrom <= d.dateTo, {
    message: 'dateFrom is after dateTo',
    path: ['dateFrom'],
  });
export type SearchDocument = z.infer<typeof searchDocumentSchema>;

export const searchQuerySchema = z
  .object({
    text: z.string(),
    collectionId: z.string().min(1).max(200),
    kinds: z.array(z.enum(SEARCH_KINDS)).min(1).optional(),
    types: z.array(z.string().min(1).max(200)).min(1).max(20).optional(),
    /** Matches documents whose interval overlaps [from, to]; either bound may be left open. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    place: z.string().min(1).max(300).optional(),
    person: z.string().min(1).max(300).optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).default(20),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from is after to', path: ['from'] })
  .refine((q) => q.offset + q.limit <= MAX_OFFSET, { message: `offset + limit must be at most ${MAX_OFFSET}`, path: ['offset'] });
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  id: string;
  kind: SearchKind;
  title: string;
  /**
   * A passage around the best match, as HTML-escaped text with every matching word wrapped in
   * `<mark>…</mark>`; `…` marks a cut. Nothing of the document is ever unescaped, so the
   * snippet is safe to insert as HTML (and `stripSnippetMarks` gives plain text).
   */
  snippet: string;
  dateFrom: string | null;
  dateTo: string | null;
  /** Relevance (higher is better) when `order` is `relevance`; null in `recency` order. */
  score: number | null;
}

export interface SearchResult {
  /**
   * Number of matching documents. `exact: false` means at least `value`: counting stopped at
   * the search's bound, and the facets count only those `value` newest matches.
   */
  total: { value: number; exact: boolean };
  /**
   * `relevance`: every match was scored and hits are best first. `recency`: the query matches
   * too many documents to score them all in time, so hits are the newest matches first.
   */
  order: 'relevance' | 'recency';
  hits: SearchHit[];
  /** Top values per facet, most frequent first, over the matches counted in `total`. */
  facets: {
    kind: FacetCount[];
    type: FacetCount[];
    place: FacetCount[];
    person: FacetCount[];
    year: FacetCount[];
  };
}

/** Validates a search query; a bad one is an INVALID_INPUT error naming the problem. */
export function parseSearchQuery(input: unknown): SearchQuery {
  const r = searchQuerySchema.safeParse(input);
  if (!r.success) throw new AppError('INVALID_INPUT', `invalid search: ${describeIssues(r.error.issues)}`);
  return r.data;
}

/** Validates documents to index; a bad one is an INVALID_INPUT error naming the document. */
export function parseSearchDocuments(input: unknown[]): SearchDocument[] {
  return input.map((d, i) => {
    const r = searchDocumentSchema.safeParse(d);
    if (!r.success) {
      const id = typeof (d as { id?: unknown })?.id === 'string' ? ` ${(d as { id: string }).id}` : '';
      throw new AppError('INVALID_INPUT', `invalid search document #${i}${id}: ${describeIssues(r.error.issues)}`);
    }
    return r.data;
  });
}

/**
 * A date bound as people type it: `2016`, `2016-05` or `2016-05-17`. A `from` bound starts at
 * the first day of the period, a `to` bound ends on its last day.
 */
export function parseDateBound(value: string, side: 'from' | 'to'): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) throw new AppError('INVALID_INPUT', `invalid --${side} date "${value.slice(0, 40)}": use YYYY, YYYY-MM or YYYY-MM-DD`);
  const [, y, mo, d] = m;
  let day: string;
  if (d) day = `${y}-${mo}-${d}`;
  else if (mo) day = side === 'from' ? `${y}-${mo}-01` : lastDayOfMonth(Number(y), Number(mo));
  else day = side === 'from' ? `${y}-01-01` : `${y}-12-31`;
  if (!isValidDay(day)) throw new AppError('INVALID_INPUT', `invalid --${side} date "${value}": not a calendar date`);
  return day;
}

function lastDayOfMonth(y: number, m: number): string {
  if (m < 1 || m > 12) return `${y}-${String(m).padStart(2, '0')}-01`; // rejected by the caller
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Plain text of a snippet: marks removed, entities decoded. */
export function stripSnippetMarks(snippet: string): string {
  return snippet
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      if (i.code === 'unrecognized_keys') {
        const keys = (i as { keys: string[] }).keys;
        return `unknown ${keys.length > 1 ? 'filters' : 'filter'} ${keys.map((k) => `"${k}"`).join(', ')}`;
      }
      const where = i.path.length ? i.path.join('.') : 'value';
      return `${where} ${i.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}
