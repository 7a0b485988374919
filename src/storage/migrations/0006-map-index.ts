import { type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * The map counts every event a filter selects by place and type list
 * (EventRepository.countByPlace). events_place_count_idx holds what that reads, in the order
 * it groups by, so the count streams through the index with no sort and no row lookups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('events_place_count_idx')
    .on('events')
    .columns(['collection_id', 'place_id', 'types', 'status', 'date_from', 'date_to'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_place_count_idx').execute();
}
