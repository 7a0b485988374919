import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/** Sources, their derived articles, near-duplicate fingerprints and the audit log. */
export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const autoId = dialect === 'postgres' ? 'bigserial' : 'integer';

  await db.schema
    .createTable('collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('requested_url', 'text')
    .addColumn('final_url', 'text')
    .addColumn('redirects', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('http_headers', 'text')
    .addColumn('remote_address', 'text')
    .addColumn('file_name', 'text')
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('captured_by', 'text', (c) => c.notNull())
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('tool_version', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text', (c) => c.references('sources.id'))
    .addUniqueConstraint('sources_collection_sha256_unique', ['collection_id', 'sha256'])
    .execute();
  await db.schema.createIndex('sources_sha256_idx').on('sources').column('sha256').execute();

  await db.schema
    .createTable('articles')
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('cleaner', 'text', (c) => c.notNull())
    .addColumn('cleaner_version', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('language', 'text')
    .addColumn('article', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('source_fingerprints')
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('source_bands')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addPrimaryKeyConstraint('source_bands_pk', ['band', 'source_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', autoId as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();

  await sql`insert into collections (id, name, created_at) values ('default', 'Default', ${new Date().toISOString()})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'source_bands', 'source_fingerprints', 'articles', 'sources', 'collections']) {
    await db.schema.dropTable(t).execute();
  }
}
