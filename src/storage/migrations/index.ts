import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-records.js';
import * as m0003 from './0003-search.js';
import * as m0004 from './0004-accounts.js';
import * as m0005 from './0005-api-indexes.js';
import * as m0006 from './0006-map-index.js';
import * as m0007 from './0007-change-counter.js';

export type SqlDialect = 'sqlite' | 'postgres';

interface DialectMigration {
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
  down(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}

/** The one migration set, in order. Append; never edit a shipped migration. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001-initial': m0001,
  '0002-records': m0002,
  '0003-search': m0003,
  '0004-accounts': m0004,
  '0005-api-indexes': m0005,
  '0006-map-index': m0006,
  '0007-change-counter': m0007,
};

/** Migrations for SQLite and PostgreSQL alike; the few type differences are chosen by `dialect`. */
export function createMigrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<any>) => m.up(db, dialect), down: (db: Kysely<any>) => m.down(db, dialect) }]),
      );
    },
  };
}
