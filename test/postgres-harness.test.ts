import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';
import pg from 'pg';
import { startPostgres, type TestPostgres } from './support/postgres.js';

interface Db {
  note: { id: Generated<number>; body: string; created_at: Generated<Date> };
}

describe('throwaway PostgreSQL', () => {
  let server: TestPostgres;

  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  it('accepts connections with pg', async () => {
    assert.match(server.url, /^postgres:\/\/chronicle@127\.0\.0\.1:\d+\/chronicle$/);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; db: string; enc: string }>(
        "select version(), current_database() as db, pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()",
      );
      assert.match(rows[0]!.version, /^PostgreSQL \d+/);
      assert.equal(rows[0]!.db, 'chronicle');
      assert.equal(rows[0]!.enc, 'UTF8');
    } finally {
      await client.end();
    }
  });

  it('runs create/insert/select through Kysely PostgresDialect', async () => {
    const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: server.url, max: 2 }) }) });
    try {
      await db.schema
        .createTable('note')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.insertInto('note').values([{ body: 'Назарбаев' }, { body: 'Nazarbayev' }, { body: 'Қазақстан' }]).execute();
      const rows = await db.selectFrom('note').select(['id', 'body']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.body), ['Назарбаев', 'Nazarbayev', 'Қазақстан']);
      const found = await db.selectFrom('note').select('body').where('body', 'ilike', 'назар%').executeTakeFirst();
      assert.equal(found?.body, 'Назарбаев');
    } finally {
      await db.destroy();
    }
  });

  it('starts independent clusters side by side, and stop() removes everything', async () => {
    const second = await startPostgres();
    try {
      assert.notEqual(second.port, server.port);
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      await client.query('select 1');
      await client.end();
    } finally {
      await second.stop();
      await second.stop(); // idempotent
    }
    const client = new pg.Client({ connectionString: second.url, connectionTimeoutMillis: 2000 });
    await assert.rejects(client.connect());
    assert.equal(existsSync(second.dir), false);
  });
});
