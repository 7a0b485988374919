/**
 * Corroboration: a syndicated copy of a report (the same text under another site's layout) is a
 * further source of the event but not a further independent one; and resolution never merges
 * two different people who share a surname.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildRecordServices, type RecordServices } from '../src/services/registry.js';
import { openTestStore, type TestStore } from './support/storage.js';
import { makeTempDir, repoRoot } from './support/tmp.js';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'incident');

describe('corroboration and resolution safety', () => {
  let store: TestStore;
  let records: RecordServices;
  const ids: Record<string, string> = {};

  before(async () => {
    store = await openTestStore();
    records = buildRecordServices(store.handle);
    // A syndicated copy: the same article body inside another site's page.
    const original = fs.readFileSync(path.join(FIXTURES, 'en-news.html'), 'utf8');
    const body = original.slice(original.indexOf('<article'), original.indexOf('</article>') + '</article>'.length);
    assert.ok(body.length > 1000, 'the fixture has an <article>');
    const copy = path.join(makeTempDir(), 'syndicated.html');
    fs.writeFileSync(copy, `<!doctype html><html><head><title>Republished | Central Asia Wire</title></head><body><nav><a href="/">Central Asia Wire</a> <a href="/world">World</a></nav>${body}<footer>Republished with permission. © Central Asia Wire</footer></body></html>`);
    for (const [name, file] of [['en', path.join(FIXTURES, 'en-news.html')], ['ru', path.join(FIXTURES, 'ru-news.html')], ['copy', copy]] as const) {
      const out = await store.capture.capture(file, store.settings, { store: true });
      assert.ok(out.ok && out.id);
      ids[name] = out.id;
    }
    const runs = await records.jobs.runPending();
    assert.ok(runs.every((r) => r.ok));
  });
  after(async () => store?.handle.close());

  test('the copy is recorded as a near duplicate, joins the event, and does not count as independent', async () => {
    const copy = await store.sources.findById(ids.copy as never);
    assert.equal(copy?.duplicateOf, ids.en);
    const [event] = await records.events.list({ type: 'detention' });
    const detail = await records.events.show(event!.id);
    assert.deepEqual(new Set(detail.sources.map((s) => s.id)), new Set([ids.en, ids.ru, ids.copy]));
    assert.equal(detail.independentSources, 2);
    const group = (id: string) => detail.sources.find((s) => s.id === id)!.group;
    assert.equal(group(ids.copy!), group(ids.en!));
    assert.notEqual(group(ids.ru!), group(ids.en!));
  });

  test('the activist and his wife, who share a surname, stay two people', async () => {
    const [husband] = await records.entities.list({ name: 'Yerlan Koshanov', type: 'PERSON' });
    const [wife] = await records.entities.list({ name: 'Gulnar Koshanova', type: 'PERSON' });
    assert.ok(husband && wife);
    assert.notEqual(husband.id, wife.id);
    const h = await records.entities.show(husband.id);
    assert.ok(!Object.values(h.aliases).flat().some((a) => /Gulnar|Гульнар/.test(a)));
  });
});
