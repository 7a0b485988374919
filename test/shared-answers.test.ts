import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { buildApp } from '../src/api/app.js';
import { SharedAnswers, sharedAnswersFile, type SharedAnswer } from '../src/api/shared-answers.js';
import { BlobStore } from '../src/storage/blob-store.js';
import { openDatabase } from '../src/storage/database.js';
import { openTestApi, setupAdmin, userWithRole } from './support/api.js';
import { makeTempDir } from './support/tmp.js';

const answer = (text: string, gzip = false): SharedAnswer => ({ contentType: 'application/json; charset=utf-8', gzip, bytes: Buffer.from(text) });

function openShared(file: string, maxBytes = 1 << 20): SharedAnswers {
  const opened = SharedAnswers.open(file, maxBytes);
  if (!('shared' in opened)) throw new Error(opened.error);
  return opened.shared;
}

describe('shared answers (the workers’ second-level response cache)', () => {
  test('an answer kept by one connection is found by another, only under its token; a new server starts empty', () => {
    const file = sharedAnswersFile(makeTempDir('chronicle-shared-'));
    assert.match(String((SharedAnswers.open(file, 1000) as { error: string }).error), /unable to open|does not exist|SQLITE_CANTOPEN/i, 'only a store the server made is opened');
    SharedAnswers.reset(file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'answers hold names: readable by the owner only');
    const a = openShared(file);
    const b = openShared(file);
    a.put('u1\n/api/v1/events', '7', answer('[1]'));
    assert.deepEqual(b.get('u1\n/api/v1/events', '7'), answer('[1]'));
    assert.equal(b.get('u1\n/api/v1/events', '8'), null, 'computed under another token: not served');
    assert.equal(b.get('u2\n/api/v1/events', '7'), null, 'kept per key (user and URL)');
    b.put('u1\n/api/v1/events', '8', answer('[1,2]', true));
    assert.deepEqual(a.get('u1\n/api/v1/events', '8'), answer('[1,2]', true), 'replaced, gzip flag kept');
    assert.equal(a.get('u1\n/api/v1/events', '7'), null);
    assert.deepEqual(b.stats(), { hits: 1, skipped: 0 });
    a.close();
    b.close();

    SharedAnswers.reset(file);
    const c = openShared(file);
    assert.equal(c.get('u1\n/api/v1/events', '8'), null, 'reset empties the store');
    c.close();
    SharedAnswers.remove(file);
    assert.ok(!fs.existsSync(file) && !fs.existsSync(`${file}-wal`) && !fs.existsSync(`${file}-shm`));
  });

  test('a starting server removes the stores of servers no longer running, not those of running ones', () => {
    const dir = makeTempDir('chronicle-shared-');
    const mine = sharedAnswersFile(dir);
    // A process number no process has (above Linux's largest), as a server killed long ago left.
    const gone = sharedAnswersFile(dir, 4_194_400);
    SharedAnswers.reset(mine);
    SharedAnswers.reset(gone);
    fs.writeFileSync(`${gone}-wal`, '');
    fs.writeFileSync(path.join(dir, 'shared-answers-notes.txt'), 'not a store');
    SharedAnswers.removeStale(dir);
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(mine), 'shared-answers-notes.txt'].sort());
  });

  test('keeps at most maxBytes, the oldest answers dropped first', () => {
    const file = sharedAnswersFile(makeTempDir('chronicle-shared-'));
    SharedAnswers.reset(file);
    const store = openShared(file, 20_000);
    const big = 'x'.repeat(1000);
    for (let i = 0; i < 100; i++) store.put(`k${i}`, 't', answer(`${i}:${big}`));
    const raw = new SqliteDatabase(file, { readonly: true });
    const { n, bytes } = raw.prepare('select count(*) as n, sum(length(bytes)) as bytes from answers').get() as { n: number; bytes: number };
    const kept = (raw.prepare('select bytes from kept').get() as { bytes: number }).bytes;
    raw.close();
    assert.ok(bytes <= 20_000 && n >= 10, `${n} answers, ${bytes} bytes kept`);
    assert.ok(kept <= 20_000 && kept >= bytes, `the running total (${kept}) counts what is kept`);
    assert.ok(store.get('k99', 't'), 'the newest is kept');
    assert.equal(store.get('k0', 't'), null, 'the oldest went');
    store.close();
  });

  test('never waits for the other process: a locked store skips the write, and reads go on', () => {
    const file = sharedAnswersFile(makeTempDir('chronicle-shared-'));
    SharedAnswers.reset(file);
    const store = openShared(file);
    store.put('k', 't', answer('{"a":1}'));
    const other = new SqliteDatabase(file);
    other.exec('begin immediate');
    try {
      const t0 = performance.now();
      store.put('k2', 't', answer('{"b":2}'));
      assert.ok(performance.now() - t0 < 1000);
      assert.equal(store.stats().skipped, 1);
      assert.deepEqual(store.get('k', 't'), answer('{"a":1}'), 'a reader is not blocked by a writer');
    } finally {
      other.exec('rollback');
      other.close();
    }
    assert.equal(store.get('k2', 't'), null, 'the skipped answer was not kept');
    store.put('k2', 't', answer('{"b":2}'));
    assert.ok(store.get('k2', 't'));
    store.close();
  });

  test('two servers over one database answer each other’s repeated reads, per user, until anything is written', async () => {
    const api = await openTestApi();
    const file = sharedAnswersFile(api.config.dataDir);
    SharedAnswers.reset(file);
    const sharedA = openShared(file);
    const sharedB = openShared(file);
    // A second app over its own connection to the same data, as serve's second worker.
    const databaseB = await openDatabase({ databaseUrl: api.config.databaseUrl, dataDir: api.config.dataDir });
    const appB = await buildApp({
      config: api.config,
      database: databaseB,
      blobs: new BlobStore(path.join(api.config.dataDir, 'blobs')),
      tool: { name: 'chronicle', version: '0.0.0-test' },
      now: () => api.clock.now,
      sharedAnswers: sharedB,
    });
    // The test app has no shared store: a second app on its connection does, as serve's first worker.
    const appA = await buildApp({
      config: api.config,
      database: api.database,
      blobs: new BlobStore(path.join(api.config.dataDir, 'blobs')),
      tool: { name: 'chronicle', version: '0.0.0-test' },
      now: () => api.clock.now,
      sharedAnswers: sharedA,
    });
    try {
      const admin = await setupAdmin(api);
      const viewer = (await userWithRole(api, 'viewer1', [{ role: 'viewer' }])).browser;
      const get = (app: typeof appA, who: { cookie: string }, url: string) => app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
      const url = '/api/v1/sources?limit=50';

      const first = await get(appA, admin, url);
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-chronicle-cache'], 'miss');
      const there = await get(appB, admin, url);
      assert.equal(there.headers['x-chronicle-cache'], 'hit', 'computed by the other server, found in the shared store');
      assert.equal(there.body, first.body);
      assert.equal(appB.responseCache.stats().sharedHits, 1);
      assert.equal((await get(appB, admin, url)).headers['x-chronicle-cache'], 'hit');
      assert.equal(appB.responseCache.stats().sharedHits, 1, 'then kept in its own memory too');
      assert.equal((await get(appB, viewer, url)).headers['x-chronicle-cache'], 'miss', 'answers are kept per user');

      // A write anywhere: neither server serves what was kept before it.
      const pasted = await api.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        payload: { text: 'Police detained three protesters in Atyrau on 24 April.' },
      });
      assert.equal(pasted.statusCode, 201, pasted.body);
      const afterA = await get(appA, admin, url);
      assert.equal(afterA.headers['x-chronicle-cache'], 'miss');
      const afterB = await get(appB, admin, url);
      assert.equal(afterB.headers['x-chronicle-cache'], 'hit', 'the answer computed after the write is shared');
      assert.equal(afterB.body, afterA.body);
      assert.notEqual(afterB.body, first.body, 'the new answer, not the one kept before the write');
    } finally {
      await appA.close();
      await appB.close();
      await databaseB.close();
      sharedA.close();
      sharedB.close();
      await api.close();
    }
  });
});
