/** The capture use case end to end on PostgreSQL: the same behaviour as on SQLite. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IntegrityService } from '../src/services/integrity.service.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { openTestStore, type TestStore } from './support/storage.js';
import { SEED_PATH } from './support/tmp.js';

const SEED = SEED_PATH;
let pg: TestPostgres;
let store: TestStore;

before(async () => {
  pg = await startPostgres();
  store = await openTestStore({}, pg.url);
});
after(async () => {
  await store?.handle.close();
  await pg?.stop();
});

test('capture on PostgreSQL: stored once, found again, verified', async () => {
  const first = await store.capture.capture(SEED, store.settings, { store: true });
  assert.ok(first.ok, !first.ok ? first.error : '');
  assert.equal(first.stored, true);
  const again = await store.capture.capture(SEED, store.settings, { store: true });
  assert.ok(again.ok);
  assert.equal(again.duplicateKind, 'exact');
  assert.equal(again.id, first.id);
  assert.equal(await store.sources.count(), 1);
  assert.equal((await store.sources.findArticle(first.id!))?.article?.title, 'Kazakhstan’s Human Rights Crackdown');
  const report = await new IntegrityService(store.sources, store.blobs).verify();
  assert.deepEqual(report, { checked: 1, ok: 1, problems: [] });
});
