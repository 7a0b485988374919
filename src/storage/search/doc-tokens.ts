/**
 * A document's index tokens besides its words: facet tokens (`_ksource`, `_t<id>`, `_l<id>`,
 * `_p<id>`, the collection's `_c<id>`) and date tokens (`_y2016`, `_m201605`, `_yw`/`_mw` for
 * open or long intervals), and the date tests both back-ends apply.
 *
 *   dateTokensOf('2016-04-24', '2016-05-02') -> ['_y2016', '_m201604', '_m201605']
 */
import { sql, type RawBuilder } from 'kysely';
import type { SearchDocument } from '../../domain/search.js';
import { analyzeText, valueKey, type AnalysedText } from './analyze.js';

/** A document ready to write: its terms per field and its facet tokens. */
export interface AnalysedDoc {
  doc: SearchDocument;
  title: AnalysedText;
  body: AnalysedText;
  /** Facet tokens with the collection's first: `_c1 _ksource _t3 _y2016 _m201605`. */
  filterTokens: string[];
  /** ` _ksource _t3 _y2016 ` (no collection, no months), as stored in search_docs.facets. */
  facets: string;
}

/** Intervals longer than this many years get `_yw` rather than a token per year. */
export const DATE_YEARS_MAX = 30;
/** Intervals longer than this many months get `_mw` rather than a token per month. */
const DATE_MONTHS_MAX = 36;
/** Query ranges up to this many months are narrowed by month tokens, longer ones by years. */
const QUERY_MONTHS_MAX = 6;

/** Facet value ids by valueRef. */
export type ValueIds = Map<string, number>;

export function valueRef(collection: string, facet: string, key: string): string {
  return `${collection}\u0000${facet}\u0000${key}`;
}

export function typeKey(t: string): string {
  return t.trim().toLowerCase();
}

export function analyseDoc(doc: SearchDocument, ids: ValueIds): AnalysedDoc {
  const id = (facet: string, key: string) => ids.get(valueRef(doc.collectionId, facet, key));
  const tokens = new Set<string>([`_k${doc.kind}`]);
  for (const t of doc.types) tokens.add(`_t${id('type', typeKey(t))}`);
  for (const p of doc.places) tokens.add(`_l${id('place', valueKey(p))}`);
  for (const p of doc.persons) tokens.add(`_p${id('person', valueKey(p))}`);
  const dates = dateTokensOf(doc.dateFrom, doc.dateTo);
  // Month tokens narrow date filters in the index but are no facet: kept out of `facets`.
  for (const t of dates) if (!t.startsWith('_m')) tokens.add(t);
  const list = [...tokens];
  return {
    doc,
    title: analyzeText(doc.title),
    body: analyzeText(doc.text),
    filterTokens: [`_c${id('collection', '')}`, ...list, ...dates.filter((t) => t.startsWith('_m'))],
    facets: ` ${list.join(' ')} `,
  };
}

/** Years an interval covers, or null when it is open or longer than DATE_YEARS_MAX years. */
export function yearsOf(from: string | null, to: string | null): number[] | null {
  if (from === null || to === null) return null;
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4));
  if (b - a + 1 > DATE_YEARS_MAX) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** `YYYYMM` of every month from..to, or null when there are more than DATE_MONTHS_MAX. */
export function monthsBetween(from: string, to: string): string[] | null {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  if ((endY - y) * 12 + (endM - m) + 1 > DATE_MONTHS_MAX) return null;
  const out: string[] = [];
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * A document's date tokens: `_yYYYY` per year and `_mYYYYMM` per month it covers; an open or
 * long interval gets `_yw` / `_mw` instead, which every date filter's narrowing includes.
 */
export function dateTokensOf(from: string | null, to: string | null): string[] {
  if (from === null && to === null) return [];
  const years = yearsOf(from, to);
  const months = from !== null && to !== null ? monthsBetween(from, to) : null;
  return [...(years ? years.map((y) => `_y${y}`) : ['_yw']), ...(months ? months.map((m) => `_m${m}`) : ['_mw'])];
}

/**
 * The exact date test: the document's interval overlaps [from, to]. A null bound of the
 * document is open on that side; an undated document never matches.
 */
export function dateCondition(from: string | null, to: string | null): RawBuilder<unknown> | null {
  if (from === null && to === null) return null;
  const parts = [sql`(date_from is not null or date_to is not null)`];
  if (to !== null) parts.push(sql`(date_from is null or date_from <= ${to})`);
  if (from !== null) parts.push(sql`(date_to is null or date_to >= ${from})`);
  return sql.join(parts, sql` and `);
}

/**
 * How a query's date range narrows the engine's scan: month tokens for a short range, else the
 * tokens of the years present (`years`), or null (no narrowing) when there are too many.
 * `_mw`/`_yw` are always included: open and long intervals carry those.
 */
export async function queryDateTokens(lo: string, hi: string, years: () => Promise<string[]>): Promise<string[] | null> {
  const months = monthsBetween(lo, hi);
  if (months !== null && months.length <= QUERY_MONTHS_MAX) return [...months.map((m) => `_m${m}`), '_mw'];
  const list = await years();
  return list.length > DATE_YEARS_MAX ? null : [...list.map((y) => `_y${y}`), '_yw'];
}
