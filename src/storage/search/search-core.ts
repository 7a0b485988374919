/**
 * What both back-ends share: validating and analysing documents, the facet dictionary, the
 * vocabulary of document frequencies, planning a query, counting facets and building hits.
 * A back-end supplies only its index writes and its two ways of reading matches (see
 * sqlite-search.ts for the design of those two ways).
 */
import { sql, type Transaction } from 'kysely';
import {
  parseSearchDocuments,
  parseSearchQuery,
  type SearchDocument,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchQueryInput,
  type SearchResult,
} from '../../domain/search.js';
import { analyzeText, valueKey, type AnalysedText } from './analyze.js';
import { parseQueryText, type ParsedQuery } from './query-language.js';
import { analyseDoc, queryDateTokens, typeKey, valueRef, yearsOf, type AnalysedDoc, type ValueIds } from './doc-tokens.js';
import { facetResult, tallyFacets, topValues } from './facet-count.js';
import { and, or, planText, positiveWords, postings, rowsBound, term, type Match } from './query-plan.js';
import type { SearchDb, SearchIndex, SearchTables, SearchTuning } from './search-index.js';
import { buildSnippet, wordMatcher } from './snippet.js';

export type { AnalysedDoc } from './doc-tokens.js';
export { dateCondition } from './doc-tokens.js';

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

export abstract class BaseSearchIndex implements SearchIndex {
  constructor(
    protected readonly db: SearchDb,
    protected readonly tuning: SearchTuning,
  ) {}

  /** Writes the documents' rows (search_docs and the text index); returns id -> rowid. */
  protected abstract insertDocs(trx: SearchDb, docs: AnalysedDoc[]): Promise<Map<string, number>>;
  /**
   * Adds `{ term: delta }` (JSON, in term order) to search_vocab's document frequencies and,
   * when `prune`, deletes the terms of the object left at zero.
   */
  protected abstract upsertVocabulary(trx: SearchDb, json: string, prune: boolean): Promise<void>;
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
      await this.addToVocabulary(trx, analysed.map((a) => [a.title, a.body]), +1);
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
    await this.addToVocabulary(trx, rows.map((r) => [analyzeText(r.title), analyzeText(r.body)]), -1);
    for (let i = 0; i < rowids.length; i += CHUNK) {
      const part = rowids.slice(i, i + CHUNK);
      await this.deleteFromIndex(trx, part);
      await trx.deleteFrom('search_texts').where('rowid', 'in', part).execute();
      await trx.deleteFrom('search_docs').where('rowid', 'in', part).execute();
    }
  }

  private async addToVocabulary(trx: SearchDb, docs: AnalysedText[][], sign: 1 | -1): Promise<void> {
    // Each document counts once per term: `seen` remembers the last document a term was met in.
    const delta = new Map<string, number>();
    const seen = new Map<string, number>();
    docs.forEach((fields, doc) => {
      for (const f of fields) {
        for (const list of [f.s, f.p]) {
          for (const t of list) {
            if (seen.get(t) === doc) continue;
            seen.set(t, doc);
            delta.set(t, (delta.get(t) ?? 0) + sign);
          }
        }
      }
    });
    if (delta.size === 0) return;
    // In term order, so that concurrent writers lock rows in one order (no deadlocks on
    // PostgreSQL) and the B-tree is written in order; one JSON parameter rather than
    // thousands of bound values.
    // Terms are [a-z0-9] (analyze.ts): no escaping needed.
    const json = `{${[...delta].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([t, n]) => `"${t}":${n}`).join(',')}}`;
    await this.upsertVocabulary(trx, json, sign < 0);
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
    const rows = [...wanted.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);
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
    const sole = await this.soleCollection(q.collectionId);
    const result = await this.run(q, parsed, sole);
    // Without the collection token the reads relied on no other collection existing: if one
    // appeared meanwhile (values are never deleted, so none did if none exists now), read again.
    if (sole && !(await this.soleCollection(q.collectionId))) return this.run(q, parsed, false);
    return result;
  }

  private async run(q: SearchQuery, parsed: ParsedQuery, sole: boolean): Promise<SearchResult> {
    const plan = await this.plan(q, parsed, sole);
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

  /**
   * Whether every indexed document belongs to this collection: no other collection has facet
   * values (a collection's value is written with its first document and never deleted). Then
   * the collection's token, which every document carries, is left out of the engine's match:
   * intersecting with it costs a seek per candidate and filters nothing. Two index probes.
   */
  private async soleCollection(collectionId: string): Promise<boolean> {
    const { rows } = await sql<{ other: unknown }>`select (exists (select 1 from search_values where collection_id < ${collectionId})
      or exists (select 1 from search_values where collection_id > ${collectionId})) as other`.execute(this.db);
    // true/false on PostgreSQL, 1/0 on SQLite.
    return rows.length === 1 && !rows[0]!.other;
  }

  /**
   * The match trees and filters of a query, or null when it cannot match anything. `sole`: the
   * collection holds every document (soleCollection), so its token is left out of `full`.
   */
  private async plan(q: SearchQuery, parsed: ParsedQuery, sole: boolean): Promise<ReadPlan | null> {
    const collection = await this.valueId(q.collectionId, 'collection', '');
    if (collection === null) return null;
    const text = await planText(this.db, parsed, this.tuning.maxExpansions, this.tuning.recentExpansions);
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
    const filters: Match[] = [...(sole ? [] : [term(`_c${collection}`)]), ...groups.map((g) => or(g.map((t) => term(t))))];
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
    return queryDateTokens(lo, hi, async () => {
      const rows = await this.db
        .selectFrom('search_values')
        .select('key')
        .where('collection_id', '=', collectionId)
        .where('facet', '=', 'year')
        .where('key', '>=', lo.slice(0, 4))
        .where('key', '<=', hi.slice(0, 4))
        .execute();
      return rows.map((r) => r.key);
    });
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
    const match = wordMatcher(words);
    return page.flatMap((p) => {
      const r = byRowid.get(p.rowid);
      if (!r) return [];
      return [
        {
          id: r.id,
          kind: r.kind as SearchKind,
          title: r.title,
          snippet: buildSnippet(r.body, words, match),
          dateFrom: r.dateFrom,
          dateTo: r.dateTo,
          score: p.score === null ? null : Math.round(p.score * 1e4) / 1e4,
        },
      ];
    });
  }

  private async countFacets(collectionId: string, facets: string): Promise<SearchResult['facets']> {
    const tally = tallyFacets(facets);
    const ids = [...topValues(tally.t), ...topValues(tally.l), ...topValues(tally.p)].map(([id]) => Number(id));
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
    return facetResult(tally, labels);
  }
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

