/**
 * One storage suite, several implementations: SQLite and PostgreSQL both run exactly
 * these cases (see storage-sqlite.test.ts and storage-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bandsOf, fingerprintText } from '../src/domain/fingerprint.js';
import { createSourceId, DEFAULT_COLLECTION, type SourceId } from '../src/domain/ids.js';
import type { Source } from '../src/domain/source.js';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/storage/database.js';
import { UNTRACKED, userTables } from '../src/storage/migrations/0007-change-counter.js';
import { AuditRepository } from '../src/storage/audit.repository.js';
import { SourceRepository } from '../src/storage/source.repository.js';
import { UnitOfWork } from '../src/storage/unit-of-work.js';

export interface StorageTarget {
  databaseUrl: string | null;
  dataDir: string;
  cleanup(): Promise<void>;
}

function makeSource(sha: string, overrides: Partial<Source> = {}): Source {
  return {
    id: createSourceId(),
    collectionId: DEFAULT_COLLECTION,
    sha256: sha,
    byteSize: 1234,
    mediaType: 'text/html',
    duplicateOf: null,
    provenance: {
      origin: 'url',
      input: 'https://example.org/a',
      requestedUrl: 'https://example.org/a',
      finalUrl: 'https://example.org/b',
      redirects: [{ url: 'https://example.org/a', status: 301 }],
      httpStatus: 200,
      httpHeaders: { 'content-type': 'text/html; charset=utf-8' },
      remoteAddress: '93.184.216.34',
      fileName: null,
      capturedAt: '2026-11-29T10:00:00.000Z',
      capturedBy: 'tester',
      tool: 'chronicle',
      toolVersion: '0.1.0',
    },
    ...overrides,
  };
}

const ARTICLE = {
  title: 'Протест в Атырау',
  subtitle: null,
  byline: null,
  publishedAt: { from: '2016-04-01', to: '2016-05-31', estimated: true },
  language: 'ru',
  text: 'Полиция задержала десятки протестующих.',
  paragraphs: [{ start: 0, end: 40 }],
  credits: [],
  truncated: false,
};

const sha = (c: string) => c.repeat(64);

export function defineStorageSuite(name: string, makeTarget: () => Promise<StorageTarget>): void {
  describe(`storage: ${name}`, () => {
    let target: StorageTarget;
    let handle: DatabaseHandle;
    let sources: SourceRepository;
    let audit: AuditRepository;
    let uow: UnitOfWork;

    before(async () => {
      target = await makeTarget();
      handle = await openDatabase(target);
      sources = new SourceRepository(handle.db);
      audit = new AuditRepository(handle.db);
      uow = new UnitOfWork(handle.db);
    });
    after(async () => {
      await handle?.close();
      await target?.cleanup();
    });

    test('migrations are idempotent: opening twice keeps the schema and data', async () => {
      const s = makeSource(sha('0'));
      await sources.insert({ source: s, article: { sourceId: s.id, cleaner: 'c', cleanerVersion: '1', article: null, error: 'no text' }, fingerprint: null, bands: [] });
      const again = await openDatabase(target);
      try {
        assert.equal((await new SourceRepository(again.db).findById(s.id))?.sha256, sha('0'));
      } finally {
        await again.close();
      }
    });

    test('the change token moves with every record written, here or by another connection, and not with reads, writes that change nothing, or when a credential was last used', async () => {
      const s = makeSource(sha('9'));
      const t0 = await handle.changeToken();
      await sources.insert({ source: s, article: { sourceId: s.id, cleaner: 'c', cleanerVersion: '1', article: null, error: 'no text' }, fingerprint: null, bands: [] });
      const t1 = await handle.changeToken();
      assert.notEqual(t1, t0, 'a write through this connection');
      const other = await openDatabase(target);
      try {
        await other.db.updateTable('sources').set({ file_name: 'renamed.html' }).where('id', '=', s.id).execute();
      } finally {
        await other.close();
      }
      const t2 = await handle.changeToken();
      assert.notEqual(t2, t1, 'a write through another connection');
      await sources.findById(s.id);
      await handle.db.updateTable('sources').set({ file_name: 'x' }).where('id', '=', 'src_nothing_like_it').execute();
      assert.equal(await handle.changeToken(), t2, 'a read, and an update of no row (a job poll finding nothing), leave it');

      const at = '2026-01-01T00:00:00.000Z';
      await handle.db.insertInto('users').values({ id: 'usr_token', username: 'token-test', display_name: 'T', password_hash: 'x', is_admin: 0, created_at: at }).execute();
      await handle.db.insertInto('sessions').values({ id: 'ses_token', user_id: 'usr_token', created_at: at, last_seen_at: at, expires_at: at }).execute();
      await handle.db.insertInto('api_tokens').values({ id: 'tok_token', user_id: 'usr_token', name: 'n', token_hash: 'h-token', created_at: at, last_used_at: null, expires_at: null }).execute();
      const t3 = await handle.changeToken();
      assert.notEqual(t3, t2, 'a new user, session and token');
      await handle.db.updateTable('sessions').set({ last_seen_at: '2026-01-01T00:01:00.000Z' }).where('id', '=', 'ses_token').execute();
      await handle.db.updateTable('api_tokens').set({ last_used_at: '2026-01-01T00:01:00.000Z' }).where('id', '=', 'tok_token').execute();
      assert.equal(await handle.changeToken(), t3, 'when a session or a token was last used is bookkeeping');
      await handle.db.updateTable('api_tokens').set({ expires_at: at }).where('id', '=', 'tok_token').execute();
      const t4 = await handle.changeToken();
      assert.notEqual(t4, t3, 'a token given an expiry');
      await handle.db.deleteFrom('sessions').where('id', '=', 'ses_token').execute();
      assert.notEqual(await handle.changeToken(), t4, 'a session ended');
    });

    test('every table is counted by the change counter, or listed as not counted', async () => {
      const tables = await userTables(handle.db, handle.dialect);
      assert.ok(tables.includes('events') && tables.includes('sessions'), tables.join(', '));
      const { rows } =
        handle.dialect === 'postgres'
          ? await sql<{ t: string; op: string }>`select event_object_table as t, lower(event_manipulation) as op from information_schema.triggers
              where trigger_schema = current_schema() and action_statement like '%chronicle_count_change%'`.execute(handle.db)
          : await sql<{ t: string; op: string }>`select tbl_name as t, substr(name, length(tbl_name) + 8) as op from sqlite_master
              where type = 'trigger' and sql like '%change_counter%'`.execute(handle.db);
      const counted = new Set(rows.map((r) => `${r.t} ${r.op}`));
      for (const table of tables) {
        if (UNTRACKED.has(table)) continue;
        for (const op of ['insert', 'update', 'delete']) assert.ok(counted.has(`${table} ${op}`), `${table}: no change-counter trigger for ${op} (call trackChanges in the migration that made it)`);
      }
    });

    test('a source round-trips with its provenance and article', async () => {
      const s = makeSource(sha('1'));
      await sources.insert({ source: s, article: { sourceId: s.id, cleaner: 'chronicle-clean', cleanerVersion: '1.0.0', article: ARTICLE, error: null }, fingerprint: null, bands: [] });
      assert.deepEqual(await sources.findById(s.id), s);
      assert.deepEqual(await sources.findBySha256(DEFAULT_COLLECTION, sha('1')), s);
      const a = await sources.findArticle(s.id);
      assert.deepEqual(a?.article, ARTICLE);
      assert.equal(a?.cleaner, 'chronicle-clean');
      assert.equal(await sources.findById('src_missing' as SourceId), null);
    });

    test('the same bytes cannot be stored twice in one collection', async () => {
      const s1 = makeSource(sha('2'));
      const s2 = makeSource(sha('2'));
      await sources.insert({ source: s1, article: { sourceId: s1.id, cleaner: 'c', cleanerVersion: '1', article: null, error: 'x' }, fingerprint: null, bands: [] });
      await assert.rejects(sources.insert({ source: s2, article: { sourceId: s2.id, cleaner: 'c', cleanerVersion: '1', article: null, error: 'x' }, fingerprint: null, bands: [] }));
      assert.equal(await sources.findById(s2.id), null);
    });

    test('a failed unit of work leaves nothing behind', async () => {
      const s = makeSource(sha('3'));
      const before = await sources.count();
      await assert.rejects(
        uow.run(async (tx) => {
          await tx.sources.insert({ source: s, article: { sourceId: s.id, cleaner: 'c', cleanerVersion: '1', article: null, error: 'x' }, fingerprint: null, bands: [] });
          await tx.audit.append({ actor: 't', action: 'source.capture', subjectId: s.id, details: {} });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await sources.count(), before);
      assert.equal(await sources.findById(s.id), null);
      assert.ok(!(await audit.list()).some((e) => e.subjectId === s.id));
    });

    test('near-duplicate candidates are found by shared bands', async () => {
      const text = 'Police detained dozens of protesters in Atyrau on 24 April after a rally against the land code. '.repeat(3) +
        'Human rights defenders said at least thirty people were held for several hours and later fined by a court.';
      const fp = fingerprintText(text)!;
      assert.ok(fp);
      const s = makeSource(sha('4'));
      await sources.insert({ source: s, article: { sourceId: s.id, cleaner: 'c', cleanerVersion: '1', article: ARTICLE, error: null }, fingerprint: fp, bands: bandsOf(fp) });
      const found = await sources.findByBands(DEFAULT_COLLECTION, bandsOf(fp));
      assert.deepEqual(found.map((f) => f.id), [s.id]);
      assert.deepEqual(Array.from(found[0]!.fingerprint.signature), Array.from(fp.signature));
      assert.deepEqual(await sources.findByBands(DEFAULT_COLLECTION, []), []);
      assert.deepEqual(await sources.findByBands(DEFAULT_COLLECTION, ['0:nothing']), []);
    });

    test('pages list every source once, in id order', async () => {
      const all: SourceId[] = [];
      let afterId: SourceId | null = null;
      for (;;) {
        const page = await sources.listPage(afterId, 2);
        if (page.length === 0) break;
        all.push(...page.map((p) => p.id));
        afterId = page[page.length - 1]!.id;
      }
      assert.equal(all.length, await sources.count());
      assert.deepEqual(all, [...all].sort());
      assert.equal(new Set(all).size, all.length);
    });

    test('the audit log appends and lists newest first', async () => {
      await audit.append({ actor: 'a', action: 'first', subjectId: null, details: { n: 1 } });
      await audit.append({ actor: 'a', action: 'second', subjectId: 'x', details: { n: 2 } });
      const [latest, previous] = await audit.list(2);
      assert.equal(latest?.action, 'second');
      assert.deepEqual(latest?.details, { n: 2 });
      assert.equal(previous?.action, 'first');
    });
  });
}
