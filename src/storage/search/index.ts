import type { DatabaseHandle } from '../database.js';
import { PostgresSearchIndex } from './postgres-search.js';
import { DEFAULT_TUNING, type SearchDb, type SearchIndex, type SearchTables, type SearchTuning } from './search-index.js';
import { SqliteSearchIndex } from './sqlite-search.js';

export type { SearchIndex, SearchTuning } from './search-index.js';
export { DEFAULT_TUNING } from './search-index.js';

/** The search index of the open database: FTS5 on SQLite, tsvector + GIN on PostgreSQL. */
export function createSearchIndex(handle: DatabaseHandle, tuning: Partial<SearchTuning> = {}): SearchIndex {
  const db = handle.db.withTables<SearchTables>() as unknown as SearchDb;
  const t = { ...DEFAULT_TUNING, ...tuning };
  return handle.dialect === 'postgres' ? new PostgresSearchIndex(db, t) : new SqliteSearchIndex(db, t);
}
