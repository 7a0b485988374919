import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * The change counter: one number that every change to Chronicle's records moves, kept by the
 * database itself (a trigger on every row written), so that every process agrees on it — the
 * serve workers, the CLI beside them. It is the change token the response cache, the event
 * statistics and the credential memo key on (DatabaseHandle.changeToken).
 *
 * Not counted: sign-in bookkeeping. When a session or an API token was last used is written
 * once a minute per credential; with SQLite's data_version as the token, each of those writes
 * emptied every cache of every worker, once a minute per signed-in user. Sessions and tokens
 * count like any record when created, deleted or changed in any other column (a revocation, a
 * new expiry: the credential memo must see those). Login attempts (the throttle's) are not
 * counted at all: no answer is computed from them.
 *
 * A later migration that creates a table calls trackChanges for it; a test checks that every
 * table is counted or listed in UNTRACKED.
 */

/** Tables whose writes do not move the counter. */
export const UNTRACKED = new Set(['change_counter', 'kysely_migration', 'kysely_migration_lock', 'login_attempts']);
/** Columns whose updates alone do not move the counter: when a credential was last used. */
export const QUIET_COLUMNS: Readonly<Record<string, readonly string[]>> = { sessions: ['last_seen_at'], api_tokens: ['last_used_at'] };

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await sql`create table change_counter (id integer primary key, n bigint not null)`.execute(db);
  await sql`insert into change_counter (id, n) values (1, 0)`.execute(db);
  if (dialect === 'postgres') {
    await sql`create function chronicle_count_change() returns trigger language plpgsql as $$
      begin update change_counter set n = n + 1 where id = 1; return null; end $$`.execute(db);
  }
  for (const table of await userTables(db, dialect)) if (!UNTRACKED.has(table)) await trackChanges(db, dialect, table);
}

export async function down(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  for (const table of await userTables(db, dialect)) {
    if (UNTRACKED.has(table)) continue;
    for (const op of ['insert', 'update', 'delete']) {
      if (dialect === 'postgres') await sql.raw(`drop trigger if exists ${table}_count_${op} on ${table}`).execute(db);
      else await sql.raw(`drop trigger if exists ${table}_count_${op}`).execute(db);
    }
  }
  if (dialect === 'postgres') await sql`drop function if exists chronicle_count_change()`.execute(db);
  await sql`drop table change_counter`.execute(db);
}

/** The tables Chronicle made (not the engine's own, not the FTS index's internals). */
export async function userTables(db: Kysely<any>, dialect: SqlDialect): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : // search_fts is a virtual table (its shadow tables are written by SQLite alone), changed
        // only together with search_docs and search_texts, which are counted.
        await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite\\_%' escape '\\' and name not like 'search\\_fts%' escape '\\' order by name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Row triggers that add one to the counter for every row inserted, deleted or updated (an
 * update that matches no row counts nothing: a job poll finding no job). Updates of
 * QUIET_COLUMNS alone are not counted.
 */
export async function trackChanges(db: Kysely<any>, dialect: SqlDialect, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  const quiet = QUIET_COLUMNS[table] ?? [];
  let updateOf = '';
  if (quiet.length) {
    const columns = await columnsOf(db, dialect, table);
    updateOf = ` of ${columns.filter((c) => !quiet.includes(c)).join(', ')}`;
  }
  for (const [op, event] of [
    ['insert', 'insert'],
    ['delete', 'delete'],
    ['update', `update${updateOf}`],
  ] as const) {
    const name = `${table}_count_${op}`;
    if (dialect === 'postgres') {
      await sql.raw(`create trigger ${name} after ${event} on ${table} for each row execute function chronicle_count_change()`).execute(db);
    } else {
      await sql.raw(`create trigger ${name} after ${event} on ${table} begin update change_counter set n = n + 1 where id = 1; end`).execute(db);
    }
  }
}

async function columnsOf(db: Kysely<any>, dialect: SqlDialect, table: string): Promise<string[]> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}
