import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * Indexes for the workbench at scale (bench/api.ts: 100,000 sources, 50 concurrent users):
 * every list reads its page in index order and stops, and no request walks an entity tree.
 *
 * Entity trees. Every source naming a person or place adds an entity row merged into the root
 * (so that a merge can be undone exactly): at 100,000 sources the commonest city has over
 * 20,000 rows. Walking such a tree on every "events in Almaty" was most of a request, so the
 * trees are indexed, kept by EntityRepository on every write:
 *   entities.root_id              the root each row stands for now (itself for a root)
 *   entity_tree_aliases           each tree's distinct aliases      (root_id, alias)
 *   entity_tree_keys              each tree's distinct blocking keys (collection_id, key, root_id)
 *
 * Lists:
 *   events_list_idx               events in list order (date descending, undated last, id), with
 *                                 the filtered columns, so filters and the trends counts read
 *                                 the index alone (replaces events (collection_id, date_from))
 *   events (place_id), involvements (perpetrator_id)   the place and person filters
 *   sources (collection_id, id)   the inbox, newest first by cursor
 *   suggestions (collection_id, status[, kind], created_at, id)   the review queue, oldest first
 *                                 (replaces suggestions (collection_id, status, kind))
 */
export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';

  await db.schema.alterTable('entities').addColumn('root_id', 'text').execute();
  await sql`update entities set root_id = id where merged_into is null`.execute(db);
  // Down the merge chains one level per pass (chains are a few levels deep; the cap stops a cycle).
  for (let depth = 0; depth < 100; depth++) {
    const r = await sql`
      update entities set root_id = (select p.root_id from entities p where p.id = entities.merged_into)
      where root_id is null and merged_into in (select id from entities where root_id is not null)`.execute(db);
    if (Number(r.numAffectedRows ?? 0) === 0) break;
  }
  await db.schema.createIndex('entities_root_idx').on('entities').columns(['root_id', 'id']).execute();

  await db.schema
    .createTable('entity_tree_aliases')
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_tree_aliases_pk', ['root_id', 'alias'])
    .execute();
  await sql`insert into entity_tree_aliases (root_id, alias)
    select distinct e.root_id, a.alias from entity_aliases a join entities e on e.id = a.entity_id where e.root_id is not null`.execute(db);

  await db.schema
    .createTable('entity_tree_keys')
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_tree_keys_pk', ['collection_id', 'key', 'root_id'])
    .execute();
  await sql`insert into entity_tree_keys (collection_id, key, root_id)
    select distinct k.collection_id, k.key, e.root_id from entity_keys k join entities e on e.id = k.entity_id where e.root_id is not null`.execute(db);

  // SQLite cannot say NULLS LAST in an index, but reads an ascending one backwards for
  // `date_from desc nulls last, id desc` (its NULLs sort first, so come last going backwards).
  if (pg) {
    await sql`create index events_list_idx on events (collection_id, date_from desc nulls last, id desc) include (status, date_to, place_id, types)`.execute(db);
  } else {
    await sql`create index events_list_idx on events (collection_id, date_from, id, status, date_to, place_id, types)`.execute(db);
  }
  await db.schema.dropIndex('events_collection_date_idx').execute();
  await db.schema.createIndex('events_place_idx').on('events').column('place_id').execute();
  await db.schema.createIndex('involvements_perpetrator_idx').on('involvements').column('perpetrator_id').execute();
  await db.schema.createIndex('sources_collection_id_idx').on('sources').columns(['collection_id', 'id']).execute();
  await db.schema.createIndex('suggestions_queue_idx').on('suggestions').columns(['collection_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('suggestions_queue_kind_idx').on('suggestions').columns(['collection_id', 'status', 'kind', 'created_at', 'id']).execute();
  await db.schema.dropIndex('suggestions_status_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('suggestions_status_idx').on('suggestions').columns(['collection_id', 'status', 'kind']).execute();
  await db.schema.createIndex('events_collection_date_idx').on('events').columns(['collection_id', 'date_from']).execute();
  for (const name of ['suggestions_queue_kind_idx', 'suggestions_queue_idx', 'sources_collection_id_idx', 'involvements_perpetrator_idx', 'events_place_idx', 'events_list_idx', 'entities_root_idx']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.dropTable('entity_tree_keys').execute();
  await db.schema.dropTable('entity_tree_aliases').execute();
  await db.schema.alterTable('entities').dropColumn('root_id').execute();
}
