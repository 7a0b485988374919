import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * Full-text search (storage/search/): documents and their facet tokens, their texts (for
 * snippets), the facet dictionary, the vocabulary of document frequencies, and the text index
 * itself — an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL.
 */
export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('search_docs')
    .addColumn('rowid', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('date_from', 'text')
    .addColumn('date_to', 'text')
    .addColumn('facets', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_texts')
    .addColumn('rowid', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_values')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_values_unique', ['collection_id', 'facet', 'key'])
    .execute();

  if (pg) {
    // Byte order, so that prefix ranges (term >= 'abc' and term < 'abc~') work in any locale.
    await sql`create table search_vocab (term text collate "C" primary key, df integer not null)`.execute(db);
    await sql`alter table search_docs add column tsv tsvector not null`.execute(db);
    await sql`create index search_docs_tsv_idx on search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create table search_vocab (term text primary key, df integer not null) without rowid`.execute(db);
    // Columns: title S and P terms, body S and P terms, bigram tokens, facet tokens.
    // Contentless: the text is in search_texts; contentless_delete lets a document be removed by
    // rowid alone.
    await sql`create virtual table search_fts using fts5(ts, tp, bs, bp, g, f, content='', contentless_delete=1, tokenize="ascii tokenchars '_'")`.execute(db);
    // Flush the in-memory index every 16 MB rather than 1 MB: fewer, larger segments on bulk loads.
    await sql`insert into search_fts(search_fts, rank) values ('hashsize', 16777216)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_fts`.execute(db);
  for (const t of ['search_vocab', 'search_values', 'search_texts', 'search_docs']) await db.schema.dropTable(t).execute();
}
