import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { AppError } from '../domain/errors.js';
import { createMigrationProvider, type SqlDialect } from './migrations/index.js';
import type { Database } from './schema.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: SqlDialect;
  /**
   * A token that changes whenever a record is written, by this process or any other (the CLI
   * beside a running server): read it before reading data, and what was read stays valid for
   * as long as the token is the same. When a credential was last used is not a record (see
   * migration 0007, the change counter). See src/api/response-cache.ts.
   */
  changeToken(): Promise<string>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when null, SQLite at `<dataDir>/chronicle.sqlite`. */
  databaseUrl: string | null;
  dataDir: string;
  /** SQLite: how much of the file to read through a memory map (default DEFAULT_SQLITE_MMAP_BYTES; 0: none). */
  sqliteMmapBytes?: number;
}

/** better-sqlite3's SQLite maps at most 2 GB (SQLITE_MAX_MMAP_SIZE); asking more gives that. */
export const DEFAULT_SQLITE_MMAP_BYTES = 2047 * 1024 * 1024;

/**
 * Opens the one Kysely instance and brings the schema up to date.
 * SQLite runs in WAL mode with synchronous=FULL: a capture is acknowledged only after
 * its row is on disk.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (options.databaseUrl) {
    // bigint columns come back as strings by default; sizes fit in a double.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    handle = {
      db,
      dialect: 'postgres',
      // The change counter (migration 0007). Read outside any transaction (a transaction holds
      // a pooled connection of its own), so only committed changes are seen.
      changeToken: async () => String((await sql<{ n: string | number }>`select n from change_counter where id = 1`.execute(db)).rows[0]!.n),
      close: () => db.destroy(),
    };
  } else {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dataDir, 'chronicle.sqlite');
    let sqlite: SqliteDatabase.Database;
    try {
      sqlite = new SqliteDatabase(file);
    } catch (e) {
      throw new AppError('CONFIG', `cannot open database ${file}: ${(e as Error).message}`);
    }
    // The database holds names of people at risk: readable by its owner only.
    fs.chmodSync(file, 0o600);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // ANALYZE (run by `pragma optimize`) samples at most this many rows per index: quick on any size.
    sqlite.pragma('analysis_limit = 1000');
    // Reads straight from the operating system's file cache instead of copying each page into
    // SQLite's own: half the time of the server's queries at 100,000 sources. Capped by this
    // build of SQLite at 2 GB of the file; 0 turns it off.
    sqlite.pragma(`mmap_size = ${options.sqliteMmapBytes ?? DEFAULT_SQLITE_MMAP_BYTES}`);
    // The change counter (migration 0007), read on every cacheable request: prepared once, after
    // the migrations made it.
    let counter: SqliteDatabase.Statement | null = null;
    let busy = 0;
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    handle = {
      db,
      dialect: 'sqlite',
      changeToken: async () => {
        if (!sqlite.open) return 'closed';
        // Inside this connection's own write transaction the counter may still be rolled
        // back: a token read then is never the same twice, so nothing computed meanwhile is
        // kept under a number a later change will reach again.
        if (sqlite.inTransaction) return `busy:${++busy}`;
        counter ??= sqlite.prepare('select n from change_counter where id = 1').pluck();
        return String(counter.get());
      },
      close: async () => {
        // Refreshes the query planner's statistics where the data has changed much (SQLite's advice).
        if (sqlite.open) sqlite.pragma('optimize');
        await db.destroy();
      },
    };
  }
  try {
    await migrateToLatest(handle);
  } catch (e) {
    await handle.close();
    throw e;
  }
  if (handle.dialect === 'sqlite') {
    // Statistics for tables never analysed: without them SQLite cannot tell that a rare
    // person's few events are better fetched by id than found by scanning every event.
    await sql`pragma optimize = 0x10002`.execute(handle.db);
  }
  return handle;
}

/** Most distinct statements kept prepared; Kysely writes `in (?, ?, …)` lists of every length. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's SQLite driver sees it, with prepared statements reused by their
 * SQL: the driver prepares every query afresh, about 8 % of a busy server's time at 100,000 sources.
 * A statement still being iterated (a streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        // Least recently used first: move it to the end.
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const stmt = sqlite.prepare(sqlText);
      if (!cached) {
        cache.set(sqlText, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const migrator = new Migrator({ db: handle.db, provider: createMigrationProvider(handle.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError('INTERNAL', `database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
}
