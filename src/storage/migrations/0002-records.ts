import type { Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * Case records (ESF: events, acts, involvements, entities, claims), their version history,
 * the review queue (suggestions), stored extractions and the background job table.
 */
export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const autoId = dialect === 'postgres' ? 'bigserial' : 'integer';
  const serial = (c: any) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_subject_idx').on('jobs').column('subject_id').execute();

  await db.schema
    .createTable('extractions')
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('extractor', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('extraction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text', (c) => c.references('entities.id'))
    .addColumn('external_ids', 'text', (c) => c.notNull())
    .addColumn('withdrawn_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entities_collection_idx').on('entities').columns(['collection_id', 'type', 'status']).execute();
  await db.schema.createIndex('entities_merged_into_idx').on('entities').column('merged_into').execute();

  await db.schema
    .createTable('entity_aliases')
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('script', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_aliases_pk', ['entity_id', 'alias'])
    .execute();

  // Blocking keys (transliterated name skeletons) to find resolution candidates cheaply.
  await db.schema
    .createTable('entity_keys')
    .addColumn('collection_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addPrimaryKeyConstraint('entity_keys_pk', ['collection_id', 'key', 'entity_id'])
    .execute();

  await db.schema
    .createTable('mentions')
    .addColumn('id', autoId as 'integer', serial)
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('span_start', 'integer', (c) => c.notNull())
    .addColumn('span_end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentions_entity_idx').on('mentions').column('entity_id').execute();
  await db.schema.createIndex('mentions_source_idx').on('mentions').column('source_id').execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('date_from', 'text')
    .addColumn('date_to', 'text')
    .addColumn('date_precision', 'text')
    .addColumn('place_id', 'text', (c) => c.references('entities.id'))
    .addColumn('place_precision', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('withdrawn_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_collection_date_idx').on('events').columns(['collection_id', 'date_from']).execute();
  await db.schema.createIndex('events_status_idx').on('events').columns(['collection_id', 'status']).execute();

  await db.schema
    .createTable('event_sources')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_sources_pk', ['event_id', 'source_id'])
    .execute();
  await db.schema.createIndex('event_sources_source_idx').on('event_sources').column('source_id').execute();

  await db.schema
    .createTable('acts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('act_type', 'text', (c) => c.notNull())
    .addColumn('esf_term', 'text')
    .addColumn('victim_id', 'text', (c) => c.references('entities.id'))
    .addColumn('victim_label', 'text')
    .addColumn('count_value', 'integer')
    .addColumn('count_approximate', 'integer', (c) => c.notNull())
    .addColumn('negated', 'integer', (c) => c.notNull())
    .addColumn('hedged', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acts_event_idx').on('acts').column('event_id').execute();
  await db.schema.createIndex('acts_victim_idx').on('acts').column('victim_id').execute();

  await db.schema
    .createTable('involvements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('act_id', 'text', (c) => c.notNull().references('acts.id'))
    .addColumn('perpetrator_id', 'text', (c) => c.references('entities.id'))
    .addColumn('perpetrator_label', 'text')
    .addColumn('degree', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('involvements_act_idx').on('involvements').column('act_id').execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .addColumn('quote', 'text')
    .addColumn('coder_kind', 'text', (c) => c.notNull())
    .addColumn('coder', 'text', (c) => c.notNull())
    .addColumn('coder_version', 'text')
    .addColumn('reliability', 'text', (c) => c.notNull())
    .addColumn('connection', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claims_record_idx').on('claims').columns(['record_kind', 'record_id']).execute();
  await db.schema.createIndex('claims_source_idx').on('claims').column('source_id').execute();

  await db.schema
    .createTable('record_versions')
    .addColumn('id', autoId as 'integer', serial)
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('record_versions_record_idx').on('record_versions').columns(['record_kind', 'record_id']).execute();

  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('other_entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('score', 'real')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_comment', 'text')
    .execute();
  await db.schema.createIndex('suggestions_status_idx').on('suggestions').columns(['collection_id', 'status', 'kind']).execute();
  await db.schema.createIndex('suggestions_event_idx').on('suggestions').column('event_id').execute();
  await db.schema.createIndex('suggestions_entity_idx').on('suggestions').column('entity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'suggestions',
    'record_versions',
    'claims',
    'involvements',
    'acts',
    'event_sources',
    'events',
    'mentions',
    'entity_keys',
    'entity_aliases',
    'entities',
    'extractions',
    'jobs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
