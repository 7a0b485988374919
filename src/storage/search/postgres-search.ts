/**
 * Search on PostgreSQL: one `tsvector` per document in `search_docs.tsv`, GIN-indexed, built
 * from the same pre-analysed terms as SQLite's FTS5 table (so the 'simple' nothing-more parsing
 * of a literal `::tsvector`, no dictionary): title words at positions 1.. with weight A, body
 * words after a gap (so no phrase spans the two), each word's S and P terms at the same
 * position, and the bigram and facet tokens without positions. Queries compile the planner's match tree to
 * a `::tsquery` (`&`, `|`, `!`, `<->`, `:*`).
 *
 * The two read paths are the SQLite ones (see sqlite-search.ts), chosen by the same vocabulary
 * bounds so both back-ends answer alike: scored (`ts_rank`, every match) or newest first up to
 * the window. `ts_rank` needs no corpus statistics, so filters stay in the tsquery on both paths.
 * Positions above 16383 are clamped by PostgreSQL, so phrases deep in very long texts can
 * match loosely there.
 */
import { sql, type QueryResult, type RawBuilder, type Transaction } from 'kysely';
import type { Match } from './query-plan.js';
import { BaseSearchIndex, dateCondition, type AnalysedDoc, type Matches, type ReadPlan } from './search-core.js';
import type { SearchDb, SearchTables } from './search-index.js';

const INSERT_CHUNK = 200;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_TERM = 256;

export class PostgresSearchIndex extends BaseSearchIndex {
  protected async insertDocs(trx: SearchDb, docs: AnalysedDoc[]): Promise<Map<string, number>> {
    const rowids = new Map<string, number>();
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      const part = docs.slice(i, i + INSERT_CHUNK);
      const rows = part.map(
        (a) =>
          sql`(${a.doc.id}, ${a.doc.collectionId}, ${a.doc.kind}, ${a.doc.language}, ${a.doc.dateFrom}, ${a.doc.dateTo}, ${a.facets}, ${tsvectorOf(a)}::tsvector)`,
      );
      const { rows: inserted } = await sql<{ rowid: number; id: string }>`
        insert into search_docs (id, collection_id, kind, language, date_from, date_to, facets, tsv)
        values ${sql.join(rows)} returning rowid, id`.execute(trx);
      for (const r of inserted) rowids.set(r.id, Number(r.rowid));
    }
    return rowids;
  }

  protected async upsertVocabulary(trx: SearchDb, json: string, prune: boolean): Promise<void> {
    await sql`insert into search_vocab (term, df) select key, value::integer from json_each_text(${json}::json)
      on conflict (term) do update set df = search_vocab.df + excluded.df`.execute(trx);
    if (prune) await sql`delete from search_vocab where term in (select key from json_each_text(${json}::json)) and df <= 0`.execute(trx);
  }

  protected async deleteFromIndex(): Promise<void> {
    // The tsvector lives in the search_docs row, which the caller deletes.
  }

  protected async readScored(plan: ReadPlan): Promise<Matches> {
    const dates = dateCondition(plan.from, plan.to);
    const { rows } = await this.withIndexes(
      sql<{ rowid: number; facets: string; score: number }>`
        select d.rowid as rowid, d.facets as facets, ts_rank(d.tsv, ${toTsquery(plan.text)}::tsquery) as score
        from search_docs d
        where d.tsv @@ ${toTsquery(plan.full)}::tsquery ${dates ? sql`and ${dates}` : sql``}`,
    );
    return { rowids: rows.map((r) => Number(r.rowid)), scores: rows.map((r) => Number(r.score)), facets: rows.map((r) => r.facets).join(''), more: false };
  }

  protected async readRecent(plan: ReadPlan, limit: number, offset: number, withFacets: boolean): Promise<Matches> {
    const dates = dateCondition(plan.from, plan.to);
    const { rows } = await this.withIndexes(
      sql<{ rowid: number; facets: string }>`
        select d.rowid as rowid, ${withFacets ? sql`d.facets` : sql`''`} as facets
        from search_docs d
        where d.tsv @@ ${toTsquery(plan.full)}::tsquery ${dates ? sql`and ${dates}` : sql``}
        order by d.rowid desc limit ${limit + 1} offset ${offset}`,
    );
    const kept = rows.slice(0, limit);
    return { rowids: kept.map((r) => Number(r.rowid)), facets: kept.map((r) => r.facets).join(''), more: rows.length > limit };
  }

  /**
   * Runs a read with sequential scans switched off. The planner prices a scan of search_docs by
   * its small heap rows and misses that testing a row's tsvector first fetches it from TOAST
   * storage, so on tables of a few thousand documents it would test every one where the GIN
   * index answers from its posting lists alone. (Walking the primary key backwards for the
   * newest matches stays allowed: for common words it stops after a few thousand rows.)
   */
  private async withIndexes<R>(query: RawBuilder<R>): Promise<QueryResult<R>> {
    const run = async (trx: SearchDb) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      try {
        return await query.execute(trx);
      } finally {
        if (this.db.isTransaction) await sql`set local enable_seqscan = on`.execute(trx);
      }
    };
    if (this.db.isTransaction) return run(this.db);
    return this.db.transaction().execute((trx: Transaction<SearchTables>) => run(trx));
  }

  async optimize(): Promise<void> {
    await sql`analyze search_docs`.execute(this.db);
    await sql`analyze search_vocab`.execute(this.db);
  }
}

/** The `tsvector` literal of a document. Terms are [a-z0-9_], so they need no escaping. */
export function tsvectorOf(a: AnalysedDoc): string {
  const positions = new Map<string, string[]>();
  const add = (t: string, pos: number, weight: string) => {
    let list = positions.get(t);
    if (!list) positions.set(t, (list = []));
    const entry = `${Math.min(pos, MAX_POSITION)}${weight}`;
    if (list.length < MAX_POSITIONS_PER_TERM && list.at(-1) !== entry) list.push(entry);
  };
  a.title.s.forEach((t, i) => {
    add(t, i + 1, 'A');
    add(a.title.p[i]!, i + 1, 'A');
  });
  const base = a.title.s.length + 2;
  a.body.s.forEach((t, i) => {
    add(t, base + i, '');
    add(a.body.p[i]!, base + i, '');
  });
  const parts = [...positions].map(([t, list]) => `'${t}':${list.join(',')}`);
  // Bigram and facet tokens carry no positions.
  for (const t of new Set([...a.title.g, ...a.body.g, ...a.filterTokens])) if (!positions.has(t)) parts.push(`'${t}'`);
  return parts.join(' ');
}

/** A `tsquery` literal of a match tree. */
export function toTsquery(m: Match): string {
  switch (m.t) {
    case 'term':
      return `'${m.term}'`;
    case 'prefix':
      return `'${m.prefix}':*`;
    case 'phrase':
      return `(${m.terms.map((t) => `'${t}'`).join(' <-> ')})`;
    case 'or':
      return `(${m.items.map(toTsquery).join(' | ')})`;
    case 'and':
      return `(${m.items.map(toTsquery).join(' & ')})`;
    case 'not':
      return `(${toTsquery(m.pos)} & !${toTsquery(m.neg)})`;
    case 'none':
      throw new Error('an empty match has no tsquery');
  }
}
