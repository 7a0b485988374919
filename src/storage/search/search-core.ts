/**
 * What both back-ends share: validating and analysing documents, the facet dictionary, the
 * vocabulary of document frequencies, planning a query, counting facets and building hits.
 * A back-end supplies only its index writes and its two ways of reading matches (see
 * sqlite-search.ts for the design of those two ways).
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import {
  parseSearchDocuments,
  parseSearchQuery,
  type FacetCount,
  type SearchDocument,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchQueryInput,
  type SearchResult,
} from '../../domain/search.js';
import { analyzeText, parseQueryText, valueKey, type ParsedQuery } from './analyze.js';
import { and, or, planText, positiveWords, postings, rowsBound, term, type Match } from './query-plan.js';
import type { SearchDb, SearchIndex, SearchTables, SearchTuning } from './search-index.js';
import { buildSnippet } from './snippet.js';

/** A document ready to write: its terms per field and its facet tokens. */
export interface AnalysedDoc {
  doc: SearchDocument;
  title: { s: string[]; p: string[] };
  body: { s: string[]; p: string[] };
  /** Facet tokens with the collection's first: `_c1 _ksource _t3 _y2016 _m201605`. */
  filterTokens: string[];
  /** ` _ksource _t3 … ` (no collection), as stored in search_docs.facets. */
  facets: string;
}

/** Matches as a back-end reads them. */
export interface Matches {
  /** Rowids: every match (scored path) or the newest first, up to the limit asked. */
  rowids: number[];
  /** Scores aligned with rowids (scored path only). */
  scores?: number[];
  /** The facet strings of these rowids, concatenated (empty when not asked for). */
  facets: string;
  /** Newest-first path: whether there are matches beyond those returned. */
  more: boolean;
}

/** Everything a back-end needs to read matches. */
export interface ReadPlan {
  collectionId: string;
  /** Text and filters as one match tree (filters are index tokens). */
  full: Match;
  /** Text only. */
  text: Match;
  /** Filters other than the collection and dates, as groups of tokens (any of a group). */
  filterGroups: string[][];
  from: string | null;
  to: string | null;
}

const CHUNK = 400;
const FACET_TOP = 20;
const DATE_YEARS_MAX = 30;
const DATE_MONTHS_MAX = 36;

export abstract class BaseSearchIndex implements SearchIndex {
  constructor(
    protected readonly db: SearchDb,
    protected readonly tuning: SearchTuning,
  ) {}

  /** Writes the documents' rows (search_docs and the text index); returns id -> rowid. */
  protected abstract insertDocs(trx: SearchDb, docs: AnalysedDoc[]): Promise<Map<string, number>>;
  /** Removes rowids from the text index (search_docs rows are deleted by the caller after). */
  protected abstract deleteFromIndex(trx: SearchDb, rowids: number[]): Promise<void>;
  /** Every match, scored, with facets. Called only when rowsBound/postings are within the tuning. */
  protected abstract readScored(plan: ReadPlan): Promise<Matches>;
  /** Matches newest first: `limit` of them after skipping `offset`, with their facets if asked. */
  protected abstract readRecent(plan: ReadPlan, limit: number, offset: number, withFacets: boolean): Promise<Matches>;
  abstract optimize(): Promise<void>;

  // -------------------------------------------------------------------------------------------
  // Writes

  async index(input: SearchDocument[]): Promise<void> {
    const byId = new Map<string, SearchDocument>();
    for (const d of parseSearchDocuments(input)) byId.set(d.id, d);
    if (byId.size === 0) return;
    const docs = [...byId.values()];
    await this.inTransaction(async (trx) => {
      await this.removeIds(trx, docs.map((d) => d.id));
      const valueIds = await this.resolveValues(trx, docs);
      const analysed = docs.map((d) => analyseDoc(d, valueIds));
      const rowids = await this.insertDocs(trx, analysed);
      const texts = analysed.map((a) => ({ rowid: rowids.get(a.doc.id)!, title: a.doc.title, body: a.doc.text }));
      for (let i = 0; i < texts.length; i += CHUNK) await trx.insertInto('search_texts').values(texts.slice(i, i + CHUNK)).execute();
      await this.addToVocabulary(trx, analysed.map((a) => distinctTerms(a.title, a.body)), +1);
    });
  }

  async remove(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    await this.inTransaction((trx) => this.removeIds(trx, unique));
  }

  private async removeIds(trx: SearchDb, ids: string[]): Promise<void> {
    const rows: { rowid: number; title: string; body: string }[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      rows.push(
        ...(await trx
          .selectFrom('search_docs as d')
          .innerJoin('search_texts as t', 't.rowid', 'd.rowid')
          .select(['d.rowid as rowid', 't.title as title', 't.body as body'])
          .where('d.id', 'in', ids.slice(i, i + CHUNK))
          .execute()),
      );
    }
    if (rows.length === 0) return;
    const rowids = rows.map((r) => Number(r.rowid));
    // The terms are recomputed from the stored text: analysis is deterministic.
    await this.addToVocabulary(trx, rows.map((r) => distinctTerms(analyzeText(r.title), analyzeText(r.body))), -1);
    for (let i = 0; i < rowids.length; i += CHUNK) {
      const part = rowids.slice(i, i + CHUNK);
      await this.deleteFromIndex(trx, part);
      await trx.deleteFrom('search_texts').where('rowid', 'in', part).execute();
      await trx.deleteFrom('search_docs').where('rowid', 'in', part).execute();
    }
  }

  private async addToVocabulary(trx: SearchDb, termSets: Set<string>[], sign: 1 | -1): Promise<void> {
    const delta = new Map<string, number>();
    for (const set of termSets) for (const t of set) delta.set(t, (delta.get(t) ?? 0) + sign);
    const rows = [...delta].map(([t, df]) => ({ term: t, df }));
    for (let i = 0; i < rows.length; i += 2 * CHUNK) {
      await trx
        .insertInto('search_vocab')
        .values(rows.slice(i, i + 2 * CHUNK))
        .onConflict((oc) => oc.column('term').doUpdateSet({ df: sql`search_vocab.df + excluded.df` }))
        .execute();
    }
    if (sign < 0) {
      const terms = rows.map((r) => r.term);
      for (let i = 0; i < terms.length; i += 2 * CHUNK) {
        await trx.deleteFrom('search_vocab').where('term', 'in', terms.slice(i, i + 2 * CHUNK)).where('df', '<=', 0).execute();
      }
    }
  }

  /** Ids of the documents' facet values (collection, type, place, person, year), created as needed. */
  private async resolveValues(trx: SearchDb, docs: SearchDocument[]): Promise<ValueIds> {
    const wanted = new Map<string, { collection_id: string; facet: string; key: string; label: string }>();
    const want = (collection: string, facet: string, label: string, key: string) => {
      const k = valueRef(collection, facet, key);
      if (!wanted.has(k)) wanted.set(k, { collection_id: collection, facet, key, label });
    };
    for (const d of docs) {
      want(d.collectionId, 'collection', d.collectionId, '');
      for (const t of d.types) want(d.collectionId, 'type', t.trim(), typeKey(t));
      for (const p of d.places) want(d.collectionId, 'place', p.trim(), valueKey(p));
      for (const p of d.persons) want(d.collectionId, 'person', p.trim(), valueKey(p));
      for (const y of yearsOf(d.dateFrom, d.dateTo) ?? []) want(d.collectionId, 'year', String(y), String(y));
    }
    const rows = [...wanted.values()];
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('search_values')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['collection_id', 'facet', 'key']).doNothing())
        .execute();
    }
    const ids: ValueIds = new Map();
    const byCollection = groupBy(rows, (r) => r.collection_id);
    for (const [collection, list] of byCollection) {
      const keys = [...new Set(list.map((r) => r.key))];
      for (let i = 0; i < keys.length; i += CHUNK) {
        const found = await trx
          .selectFrom('search_values')
          .select(['id', 'facet', 'key'])
          .where('collection_id', '=', collection)
          .where('key', 'in', keys.slice(i, i + CHUNK))
          .execute();
        for (const f of found) ids.set(valueRef(collection, f.facet, f.key), Number(f.id));
      }
    }
    return ids;
  }

  private async inTransaction<T>(fn: (trx: SearchDb) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db);
    return this.db.transaction().execute((trx: Transaction<SearchTables>) => fn(trx));
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  async search(input: SearchQueryInput): Promise<SearchResult> {
    const q = parseSearchQuery(input);
    const parsed = parseQueryText(q.text);
    const plan = await this.plan(q, parsed);
    if (!plan) return emptyResult();

    const scored = rowsBound(plan.text) <= this.tuning.rankRows && postings(plan.text) <= this.tuning.rankPostings;
    let m: Matches;
    let page: { rowid: number; score: number | null }[];
    if (scored) {
      m = await this.readScored(plan);
      const scores = m.scores!;
      // Best first; ties newest first, so the order is total and pages are stable.
      const order = m.rowids.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || m.rowids[b]! - m.rowids[a]!);
      page = order.slice(q.offset, q.offset + q.limit).map((i) => ({ rowid: m.rowids[i]!, score: scores[i]! }));
    } else {
      m = await this.readRecent(plan, this.tuning.window, 0, true);
      const within = q.offset + q.limit <= m.rowids.length || !m.more;
      const ids = within ? m.rowids.slice(q.offset, q.offset + q.limit) : (await this.readRecent(plan, q.limit, q.offset, false)).rowids;
      page = ids.map((rowid) => ({ rowid, score: null }));
    }
    return {
      total: { value: m.rowids.length, exact: scored || !m.more },
      order: scored ? 'relevance' : 'recency',
      hits: await this.hits(page, parsed),
      facets: await this.countFacets(q.collectionId, m.facets),
    };
  }

  /** The match trees and filters of a query, or null when it cannot match anything. */
  private async plan(q: SearchQuery, parsed: ParsedQuery): Promise<ReadPlan | null> {
    const collection = await this.valueId(q.collectionId, 'collection', '');
    if (collection === null) return null;
    const text = await planText(this.db, parsed, this.tuning.maxExpansions);
    if (text.t === 'none') return null;

    const groups: string[][] = [];
    if (q.kinds) groups.push([...new Set(q.kinds)].map((k) => `_k${k}`));
    if (q.types) {
      const ids = await Promise.all(q.types.map((t) => this.valueId(q.collectionId, 'type', typeKey(t))));
      const present = ids.filter((i): i is number => i !== null);
      if (present.length === 0) return null;
      groups.push(present.map((i) => `_t${i}`));
    }
    for (const [facet, value, prefix] of [['place', q.place, '_l'], ['person', q.person, '_p']] as const) {
      if (value === undefined) continue;
      const id = await this.valueId(q.collectionId, facet, valueKey(value));
      if (id === null) return null;
      groups.push([`${prefix}${id}`]);
    }
    const dateTokens = await this.dateTokens(q.collectionId, q.from ?? null, q.to ?? null);
    const filters: Match[] = [term(`_c${collection}`), ...groups.map((g) => or(g.map((t) => term(t))))];
    if (dateTokens) filters.push(or(dateTokens.map((t) => term(t))));
    return { collectionId: q.collectionId, text, full: and([text, ...filters]), filterGroups: groups, from: q.from ?? null, to: q.to ?? null };
  }

  /**
   * Index tokens that every document overlapping [from, to] carries one of, to narrow the
   * engine's scan before the exact date test (null: no narrowing).
   */
  private async dateTokens(collectionId: string, from: string | null, to: string | null): Promise<string[] | null> {
    if (from === null && to === null) return null;
    const lo = from ?? '0000-01-01';
    const hi = to ?? '9999-12-31';
    const months = monthsBetween(lo, hi);
    if (months !== null && months.length <= DATE_MONTHS_MAX) return [...months.map((m) => `_m${m}`), '_mw'];
    const years = await this.db
      .selectFrom('search_values')
      .select('key')
      .where('collection_id', '=', collectionId)
      .where('facet', '=', 'year')
      .where('key', '>=', lo.slice(0, 4))
      .where('key', '<=', hi.slice(0, 4))
      .execute();
    if (years.length > DATE_YEARS_MAX) return null;
    return [...years.map((y) => `_y${y.key}`), '_yw'];
  }

  private async valueId(collectionId: string, facet: string, key: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('search_values')
      .select('id')
      .where('collection_id', '=', collectionId)
      .where('facet', '=', facet)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  private async hits(page: { rowid: number; score: number | null }[], parsed: ParsedQuery): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const rows = await this.db
      .selectFrom('search_docs as d')
      .innerJoin('search_texts as t', 't.rowid', 'd.rowid')
      .select(['d.rowid as rowid', 'd.id as id', 'd.kind as kind', 'd.date_from as dateFrom', 'd.date_to as dateTo', 't.title as title', 't.body as body'])
      .where('d.rowid', 'in', page.map((p) => p.rowid))
      .execute();
    const byRowid = new Map(rows.map((r) => [Number(r.rowid), r]));
    const words = positiveWords(parsed);
    return page.flatMap((p) => {
      const r = byRowid.get(p.rowid);
      if (!r) return [];
      return [
        {
          id: r.id,
          kind: r.kind as SearchKind,
          title: r.title,
          snippet: buildSnippet(r.body, words),
          dateFrom: r.dateFrom,
          dateTo: r.dateTo,
          score: p.score === null ? null : Math.round(p.score * 1e4) / 1e4,
        },
      ];
    });
  }

  private async countFacets(collectionId: string, facets: string): Promise<SearchResult['facets']> {
    const counts = tallyFacets(facets);
    const top = (m: Map<number | string, number>) =>
      [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, FACET_TOP);
    const types = top(counts.t);
    const places = top(counts.l);
    const persons = top(counts.p);
    const ids = [...types, ...places, ...persons].map(([id]) => Number(id));
    const labels = new Map<number, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      // By primary key alone (a collection_id condition would make SQLite scan the collection's
      // values); the ids came from this collection's documents, checked here all the same.
      const found = await this.db
        .selectFrom('search_values')
        .select(['id', 'label', 'collection_id'])
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const f of found) if (f.collection_id === collectionId) labels.set(Number(f.id), f.label);
    }
    const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    const labelled = (list: [number | string, number][]): FacetCount[] =>
      list
        .flatMap(([id, count]) => {
          const value = labels.get(Number(id));
          return value === undefined ? [] : [{ value, count }];
        })
        .sort(byCount);
    const plain = (list: [number | string, number][]): FacetCount[] => list.map(([value, count]) => ({ value: String(value), count })).sort(byCount);
    return { kind: plain(top(counts.k)), type: labelled(types), place: labelled(places), person: labelled(persons), year: plain(top(counts.y)) };
  }
}

/**
 * Counts facet tokens (` _ksource _t3 _l12 _p40 _y2016 _m201605 `, many documents' strings
 * concatenated) without splitting strings: numbers are read in place; months and
 * open-interval markers are skipped.
 */
function tallyFacets(f: string): Record<'k' | 't' | 'l' | 'p' | 'y', Map<number | string, number>> {
  const out = { k: new Map<number | string, number>(), t: new Map(), l: new Map(), p: new Map(), y: new Map() };
  {
    const n = f.length;
    let i = 0;
    while (i < n) {
      if (f.charCodeAt(i) !== 0x5f /* _ */) {
        i++;
        continue;
      }
      const kind = f[i + 1];
      let j = i + 2;
      if (kind === 'k') {
        while (j < n && f.charCodeAt(j) !== 0x20) j++;
        const k = f.slice(i + 2, j);
        out.k.set(k, (out.k.get(k) ?? 0) + 1);
      } else if (kind === 't' || kind === 'l' || kind === 'p' || kind === 'y') {
        let v = 0;
        let digits = 0;
        for (let c = f.charCodeAt(j); c >= 0x30 && c <= 0x39; c = f.charCodeAt(++j)) {
          v = v * 10 + (c - 0x30);
          digits++;
        }
        if (digits > 0) {
          const m = out[kind] as Map<number | string, number>;
          m.set(v, (m.get(v) ?? 0) + 1);
        }
      }
      while (j < n && f.charCodeAt(j) !== 0x20) j++;
      i = j;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents to index terms and tokens

type ValueIds = Map<string, number>;

function valueRef(collection: string, facet: string, key: string): string {
  return `${collection}\u0000${facet}\u0000${key}`;
}

function typeKey(t: string): string {
  return t.trim().toLowerCase();
}

export function analyseDoc(doc: SearchDocument, ids: ValueIds): AnalysedDoc {
  const id = (facet: string, key: string) => ids.get(valueRef(doc.collectionId, facet, key));
  const tokens = new Set<string>([`_k${doc.kind}`]);
  for (const t of doc.types) tokens.add(`_t${id('type', typeKey(t))}`);
  for (const p of doc.places) tokens.add(`_l${id('place', valueKey(p))}`);
  for (const p of doc.persons) tokens.add(`_p${id('person', valueKey(p))}`);
  for (const t of dateTokensOf(doc.dateFrom, doc.dateTo)) tokens.add(t);
  const list = [...tokens];
  return {
    doc,
    title: analyzeText(doc.title),
    body: analyzeText(doc.text),
    filterTokens: [`_c${id('collection', '')}`, ...list],
    facets: ` ${list.join(' ')} `,
  };
}

function distinctTerms(title: { s: string[]; p: string[] }, body: { s: string[]; p: string[] }): Set<string> {
  const set = new Set<string>();
  for (const part of [title.s, title.p, body.s, body.p]) for (const t of part) set.add(t);
  return set;
}

/** Years an interval covers, or null when it is open or longer than DATE_YEARS_MAX years. */
function yearsOf(from: string | null, to: string | null): number[] | null {
  if (from === null || to === null) return null;
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4));
  if (b - a + 1 > DATE_YEARS_MAX) return null;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** `YYYYMM` of every month from..to, or null when there are more than DATE_MONTHS_MAX. */
function monthsBetween(from: string, to: string): string[] | null {
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
function dateTokensOf(from: string | null, to: string | null): string[] {
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

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

function emptyResult(): SearchResult {
  return { total: { value: 0, exact: true }, order: 'relevance', hits: [], facets: { kind: [], type: [], place: [], person: [], year: [] } };
}

