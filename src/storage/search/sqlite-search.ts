/**
 * Search on SQLite FTS5.
 *
 * Layout. `search_fts` is a contentless FTS5 table of pre-analysed terms (analyze.ts): per
 * document the title's S and P terms (`ts`, `tp`), the body's (`bs`, `bp`) — one of each per
 * word, so positions line up and phrases work in either column —, `g`, a bigram token per pair
 * of adjacent words (`goda_posl`), and `f`, the facet tokens
 * (`_c<collection> _ksource _t<type> _l<place> _p<person> _y2016 _m201605`). Its rowid is
 * `search_docs.rowid`, which grows with every write: "newest first" is rowid descending, an
 * order FTS5 walks a doclist in and can stop early. `search_vocab` keeps every S and P term's
 * document frequency, maintained in the same transaction as the index.
 *
 * The problem. At a million documents the commonest words occur in half of them. A ranked
 * query (`MATCH … ORDER BY rank`) scores every match — and bm25 first counts each phrase's
 * documents with a pass over its whole doclist — so it takes over a second however few hits
 * are shown. Counting every match exactly for a total and facets costs the same, and so does
 * a phrase of common words, whose positions FTS5 checks in every document holding both.
 *
 * The design. Before running a query the planner (query-plan.ts) resolves its words against
 * `search_vocab`, which gives, for free, an upper bound on the matches (rowsBound) and the
 * postings bm25 would read (postings). Then one of two paths:
 *
 *  1. Scored, when rowsBound <= tuning.rankRows and postings <= tuning.rankPostings: rare and
 *     mid-frequency words, names, phrases with a rare word. FTS5 runs the text alone — filters
 *     stay out of MATCH, so bm25 never counts the collection's or a year's huge doclist — and
 *     the matches' search_docs rows are tested for collection, filters and dates. Every match
 *     is scored: hits in relevance order, exact total and facets. Cost is bounded by the tuning.
 *
 *  2. Newest first, otherwise. Text and filters go into MATCH together (`… AND "_c1" AND
 *     ("_y2016" OR "_yw")`; the collection's token only when other collections exist, for when
 *     one collection holds every document it filters nothing and costs a seek per candidate), so
 *     FTS5 intersects the doclists itself, skipping through them with its doclist indexes, and
 *     `ORDER BY rowid DESC LIMIT window+1` stops after `window` matches.
 *     Nothing is scored: hits are the newest matches; total and facets count those `window`
 *     matches and say `{ value: window, exact: false }` ("at least") when there are more. Cost is
 *     bounded by the window, not by how common the words are.
 *
 * Phrases carry their bigram tokens (`"года после"` -> `goda_posl AND "god posl"`), so FTS5
 * checks positions only in documents where the pair occurs, not in every one holding both
 * words. Either way every hit is a true match of the query with every filter applied: dates are
 * narrowed by month/year tokens in MATCH and tested exactly on search_docs.
 *
 * Reading thousands of matches row by row into JavaScript costs more than finding them, so
 * document rows are aggregated in SQLite: one statement returns the matching rowids and their
 * facet strings concatenated (`group_concat`), reading the rows as one range scan over a bitmap
 * of the wanted rowids when they are dense, by key when sparse. Facets are counted from that
 * one string (search-core.ts); snippets are built in JavaScript for the page of hits only.
 */
import os from 'node:os';
import { sql, type RawBuilder } from 'kysely';
import type { Match } from './query-plan.js';
import { BaseSearchIndex, dateCondition, type AnalysedDoc, type Matches, type ReadPlan } from './search-core.js';
import type { SearchDb } from './search-index.js';

const INSERT_CHUNK = 200;
/** Rows read per step when dates are tested on document rows. */
const RECENT_CHUNK = 2_000;
/** Read document rows by range when at least 1 in DENSE_FACTOR rows of the range is wanted. */
const DENSE_FACTOR = 8;

/** `3,1,2` -> [3, 2, 1]: comma-separated rowids, newest first. */
function parseIds(s: string | null): number[] {
  const out: number[] = [];
  if (!s) return out;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2c) {
      out.push(v);
      v = 0;
    } else v = v * 10 + (c - 0x30);
  }
  out.push(v);
  return out.sort((a, b) => b - a);
}

/** bm25 column weights: ts, tp, bs, bp, g, f. A title match counts double; bigram and facet tokens not at all. */
const BM25 = sql`bm25(search_fts, 2.0, 2.0, 1.0, 1.0, 0.0, 0.0)`;

export class SqliteSearchIndex extends BaseSearchIndex {
  protected async insertDocs(trx: SearchDb, docs: AnalysedDoc[]): Promise<Map<string, number>> {
    const rowids = new Map<string, number>();
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      const part = docs.slice(i, i + INSERT_CHUNK);
      const inserted = await trx
        .insertInto('search_docs')
        .values(
          part.map((a) => ({
            id: a.doc.id,
            collection_id: a.doc.collectionId,
            kind: a.doc.kind,
            language: a.doc.language,
            date_from: a.doc.dateFrom,
            date_to: a.doc.dateTo,
            facets: a.facets,
          })),
        )
        .returning(['rowid', 'id'])
        .execute();
      for (const r of inserted) rowids.set(r.id, Number(r.rowid));
      const rows = part.map(
        (a) =>
          sql`(${rowids.get(a.doc.id)!}, ${a.title.s.join(' ')}, ${a.title.p.join(' ')}, ${a.body.s.join(' ')}, ${a.body.p.join(' ')}, ${`${a.title.g.join(' ')} ${a.body.g.join(' ')}`}, ${a.filterTokens.join(' ')})`,
      );
      await sql`insert into search_fts (rowid, ts, tp, bs, bp, g, f) values ${sql.join(rows)}`.execute(trx);
    }
    return rowids;
  }

  protected async upsertVocabulary(trx: SearchDb, json: string, prune: boolean): Promise<void> {
    // `where true` lets SQLite parse the upsert clause after a SELECT.
    await sql`insert into search_vocab (term, df) select key, value from json_each(${json}) where true
      on conflict (term) do update set df = search_vocab.df + excluded.df`.execute(trx);
    if (prune) await sql`delete from search_vocab where term in (select key from json_each(${json})) and df <= 0`.execute(trx);
  }

  protected async deleteFromIndex(trx: SearchDb, rowids: number[]): Promise<void> {
    await sql`delete from search_fts where rowid in (${sql.join(rowids)})`.execute(trx);
  }

  protected async readScored(plan: ReadPlan): Promise<Matches> {
    // Text alone in MATCH (see the design above); collection and filters are tested on the
    // document rows. rowsBound <= rankRows bounds how many rows this reads.
    const { rows } = await sql<{ rowid: number; score: number }>`
      select rowid, -${BM25} as score from search_fts where search_fts match ${toFts5(plan.text)}
      order by rowid desc`.execute(this.db);
    const conditions = [sql`collection_id = ${plan.collectionId}`];
    for (const group of plan.filterGroups) {
      conditions.push(sql`(${sql.join(group.map((t) => sql`instr(facets, ${` ${t} `}) > 0`), sql` or `)})`);
    }
    const dates = dateCondition(plan.from, plan.to);
    if (dates) conditions.push(dates);
    const docs = await this.aggregate(
      rows.map((r) => r.rowid),
      sql.join(conditions, sql` and `),
    );
    const score = new Map(rows.map((r) => [r.rowid, r.score]));
    return { rowids: docs.rowids, scores: docs.rowids.map((r) => score.get(r)!), facets: docs.facets, more: false };
  }

  protected async readRecent(plan: ReadPlan, limit: number, offset: number, withFacets: boolean): Promise<Matches> {
    const want = offset + limit;
    const dates = dateCondition(plan.from, plan.to);
    const match = toFts5(plan.full, true);
    if (!dates) {
      // Every row FTS5 returns is a match: one read, one more than wanted to tell if there are more.
      const ids = await this.newest(match, want + 1, null);
      const rowids = ids.slice(offset, want);
      const facets = withFacets ? (await this.aggregate(rowids, null)).facets : '';
      return { rowids, facets, more: ids.length > want };
    }
    // With dates, the exact test is on document rows: read newest first in chunks until more
    // than `want` pass or the matches run out.
    const chunk = Math.max(want + 1, RECENT_CHUNK);
    const passed: number[] = [];
    let before: number | null = null;
    for (;;) {
      const ids = await this.newest(match, chunk, before);
      passed.push(...(await this.aggregate(ids, dates, false)).rowids);
      if (passed.length > want || ids.length < chunk) break;
      before = ids.at(-1)!;
    }
    const rowids = passed.slice(offset, want);
    const facets = withFacets ? (await this.aggregate(rowids, null)).facets : '';
    return { rowids, facets, more: passed.length > want };
  }

  /** Rowids of the newest `limit` matches (below `before`), newest first, as one string from SQLite. */
  private async newest(match: string, limit: number, before: number | null): Promise<number[]> {
    const { rows } = await sql<{ ids: string | null }>`
      select group_concat(rowid) as ids from (
        select rowid from search_fts where search_fts match ${match} ${before === null ? sql`` : sql`and rowid < ${before}`}
        order by rowid desc limit ${limit})`.execute(this.db);
    return parseIds(rows[0]?.ids ?? null);
  }

  /**
   * Of the given rowids (newest first), those whose search_docs row meets a condition (newest
   * first) and, if asked, their facet strings concatenated — aggregated in SQL, because handing
   * thousands of rows to JavaScript one by one costs more than finding them. A dense set (most
   * rowids of its range wanted) is read as one range scan testing a bitmap of the wanted rowids;
   * a sparse one by key.
   */
  private async aggregate(rowids: number[], condition: RawBuilder<unknown> | null, withFacets = true): Promise<{ rowids: number[]; facets: string }> {
    if (rowids.length === 0) return { rowids: [], facets: '' };
    const hi = rowids[0]!;
    const lo = rowids.at(-1)!;
    let from: RawBuilder<unknown>;
    if (hi - lo + 1 <= DENSE_FACTOR * rowids.length) {
      const bitmap = Buffer.alloc(hi - lo + 1);
      for (const r of rowids) bitmap[r - lo] = 1;
      from = sql`search_docs where rowid between ${lo} and ${hi} and substr(${bitmap}, rowid - ${lo} + 1, 1) = x'01'`;
    } else {
      // Joined from the list rather than `rowid in (select … from json_each(…))`, which first
      // builds a temporary index of the list: half the time for 2,000 scattered rows. The list's
      // one column is renamed so that a condition's column names stay unambiguous; a join counts
      // a rowid listed twice twice, so the list is made distinct.
      from = sql`(select value as listed_rowid from json_each(${JSON.stringify([...new Set(rowids)])})) join search_docs on search_docs.rowid = listed_rowid where true`;
    }
    const where = condition ? sql` and ${condition}` : sql``;
    // Unordered aggregates (ordering them would sort thousands of strings); the rowids are
    // sorted here and the order of the facets does not matter.
    const { rows } = await sql<{ ids: string | null; facets: string | null }>`
      select group_concat(search_docs.rowid) as ids, ${withFacets ? sql`group_concat(facets, '')` : sql`null`} as facets
      from ${from}${where}`.execute(this.db);
    const r = rows[0];
    return { rowids: parseIds(r?.ids ?? null), facets: r?.facets ?? '' };
  }

  async optimize(): Promise<void> {
    // FTS5's optimize writes every segment into one and then deletes the old segments' pages.
    // With the page cache a connection opens with (16 MB, better-sqlite3's default) that delete
    // reads pages back from the file again and again: superlinear in the index's size (bench:api
    // data, optimized right after loading: 5,000 sources 1.7 s, 20,000 sources 41 s; that
    // 20,000-source index, 192 MB, optimized on a copy: 49 s with a 64 MB cache, 5.6 s with
    // 256 MB). So for this one statement the cache may grow to the database's size, at
    // most a quarter of the machine's memory; SQLite allocates cache pages only as it reads
    // them, and the setting is restored afterwards.
    const pragma = async (name: string): Promise<number> => {
      const { rows } = await sql<Record<string, number>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(this.db);
      return Number(Object.values(rows[0] ?? {})[0] ?? 0);
    };
    const before = await pragma('cache_size'); // negative: KiB; positive: pages
    const pageKiB = (await pragma('page_size')) / 1024;
    const dbKiB = (await pragma('page_count')) * pageKiB;
    const kib = Math.floor(Math.min(dbKiB, os.totalmem() / 4 / 1024));
    const raise = kib > (before < 0 ? -before : before * pageKiB);
    if (raise) await sql.raw(`pragma cache_size = -${kib}`).execute(this.db);
    try {
      await sql`insert into search_fts (search_fts) values ('optimize')`.execute(this.db);
    } finally {
      if (raise) await sql.raw(`pragma cache_size = ${Math.trunc(before)}`).execute(this.db);
    }
  }
}

/**
 * An FTS5 query expression. Terms are [a-z0-9_] (analyze.ts), so quoting never needs escapes.
 * `listPrefixes` (newest-first reads): a prefix whose terms the planner listed becomes an OR of
 * them, which FTS5 reads lazily, rather than `"x"*`, which it merges in full first.
 */
export function toFts5(m: Match, listPrefixes = false): string {
  const sub = (x: Match) => toFts5(x, listPrefixes);
  switch (m.t) {
    case 'term':
      return `"${m.term}"`;
    case 'prefix':
      return listPrefixes && m.terms ? `(${m.terms.map((t) => `"${t}"`).join(' OR ')})` : `"${m.prefix}"*`;
    case 'phrase':
      return `"${m.terms.join(' ')}"`;
    case 'or':
      return `(${m.items.map(sub).join(' OR ')})`;
    case 'and':
      return `(${m.items.map(sub).join(' AND ')})`;
    case 'not':
      return `(${sub(m.pos)} NOT ${sub(m.neg)})`;
    case 'none':
      throw new Error('an empty match has no FTS5 expression');
  }
}
