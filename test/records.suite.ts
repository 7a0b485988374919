/**
 * Case records on one storage: capture → background extraction → suggestions → review →
 * records, claims and history. One suite, run on SQLite and PostgreSQL
 * (records-sqlite.test.ts, records-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isAppError } from '../src/domain/errors.js';
import { createEventId, createJobId, DEFAULT_COLLECTION, type CollectionId, type EntityId, type EventId, type SourceId } from '../src/domain/ids.js';
import { nameKeys } from '../src/domain/names/index.js';
import type { RecordServices } from '../src/services/registry.js';
import { buildRecordServices } from '../src/services/registry.js';
import { EventStatsService } from '../src/services/event-stats.service.js';
import { PROCESS_SOURCE_JOB } from '../src/services/capture.service.js';
import { EventRepository } from '../src/storage/event.repository.js';
import { openTestStore, type TestStore } from './support/storage.js';
import { repoRoot } from './support/tmp.js';

export interface RecordsTarget {
  databaseUrl: string | null;
  cleanup(): Promise<void>;
}

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'incident');
const FILES = ['en-news.html', 'ru-news.html', 'ru-ngo-statement.txt'].map((f) => path.join(FIXTURES, f));

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isAppError(e), `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

export function defineRecordsSuite(name: string, start: () => Promise<RecordsTarget>): void {
  describe(`case records (${name})`, () => {
    let target: RecordsTarget;
    let store: TestStore;
    let records: RecordServices;
    const sourceIds: string[] = [];
    let detentionId = '';

    before(async () => {
      target = await start();
      store = await openTestStore({}, target.databaseUrl);
      records = buildRecordServices(store.handle);
      for (const file of FILES) {
        const out = await store.capture.capture(file, store.settings, { store: true });
        assert.ok(out.ok && out.id, `capture of ${file} failed`);
        sourceIds.push(out.id);
      }
    });
    after(async () => {
      await store?.handle.close();
      await target?.cleanup();
    });

    test('every capture queued one extraction job; jobs run works them all off', async () => {
      assert.deepEqual((await records.jobs.counts()).pending, 3);
      const runs = await records.jobs.runPending();
      assert.equal(runs.length, 3);
      for (const r of runs) assert.ok(r.ok, `job failed: ${r.error}`);
      assert.deepEqual(await records.jobs.counts(), { pending: 0, running: 0, done: 3, failed: 0 });
      assert.equal((await records.jobs.runPending()).length, 0, 'nothing left to do');
    });

    test('three reports of one detention become one proposed event with three sources', async () => {
      const events = await records.events.list({ type: 'detention' });
      const custody = (await records.events.list({})).filter((e) => e.types.some((t) => ['detention', 'arrest'].includes(t)));
      assert.equal(custody.length, 1, `custody events: ${custody.map((e) => `${e.title} ${e.dateFrom}`).join(' | ')}`);
      const event = custody[0]!;
      detentionId = event.id;
      assert.ok(events.some((e) => e.id === event.id) || event.types.includes('arrest'));
      assert.equal(event.status, 'proposed');
      assert.equal(event.sourceCount, 3);
      assert.ok(event.independentSources >= 2 && event.independentSources <= 3, `independent: ${event.independentSources}`);
      assert.equal(event.dateFrom, '2024-03-12');
      assert.equal(event.place?.name, 'Atyrau');
    });

    test('the activist is one entity with aliases in both scripts', async () => {
      const event = await records.events.show(detentionId);
      const detail = await records.events.show(event.id);
      const victims = new Set(detail.acts.map((a) => a.victim?.id).filter(Boolean));
      assert.equal(victims.size, 1, `victims: ${detail.acts.map((a) => a.victim?.name ?? a.victimLabel).join(', ')}`);
      const person = await records.entities.show([...victims][0]!);
      assert.equal(person.type, 'PERSON');
      assert.ok(person.aliases.latin.some((a) => /Koshanov/.test(a)), `latin: ${person.aliases.latin}`);
      assert.ok(person.aliases.cyrillic.some((a) => /Кошанов|Қошанов/.test(a)), `cyrillic: ${person.aliases.cyrillic}`);
      assert.equal(new Set(person.mentions.map((m) => m.sourceId)).size, 3, 'mentioned in all three sources');
      // Any spelling finds the same person.
      for (const spelling of ['Koshanov', 'Кошанов', 'Qoshanov']) {
        const found = await records.entities.list({ name: spelling, type: 'PERSON' });
        assert.equal(found[0]?.id, person.id, `${spelling}: best match first`);
      }
      const viaFilter = await records.events.list({ person: 'Кошанов' });
      assert.ok(viaFilter.some((e) => e.id === event.id));
      // A person's few events are fetched by id; many, by reading events in list order. Both
      // ways select the same events, in the same order, for lists, the map and the trends.
      const byId = new EventRepository(store.handle.db);
      const byScan = new EventRepository(store.handle.db, { personEventsById: 0 });
      for (const f of [{ entityRoots: [person.id] }, { entityRoots: [person.id], type: 'detention' }, { entityRoots: [person.id], status: 'rejected' as const }]) {
        const listed = await byId.list(DEFAULT_COLLECTION, { ...f, limit: 50, offset: 0 });
        assert.deepEqual(listed, await byScan.list(DEFAULT_COLLECTION, { ...f, limit: 50, offset: 0 }));
        assert.deepEqual(await byId.countByPlace(DEFAULT_COLLECTION, f), await byScan.countByPlace(DEFAULT_COLLECTION, f));
        assert.deepEqual(await byId.monthlyCounts(DEFAULT_COLLECTION, f), await byScan.monthlyCounts(DEFAULT_COLLECTION, f));
      }
      assert.ok((await byId.list(DEFAULT_COLLECTION, { entityRoots: [person.id], limit: 50, offset: 0 })).some((e) => e.id === event.id));
    });

    test('values the sources disagree on stay side by side: 10 days of arrest against 15', async () => {
      const detail = await records.events.show(detentionId);
      const term = detail.conflicts.find((c) => c.field === 'term');
      assert.ok(term, `conflicts: ${detail.conflicts.map((c) => c.field).join(', ')}`);
      const byValue = new Map(term.values.map((v) => [(v.value as { value: number }).value, v.sources]));
      assert.deepEqual([...byValue.keys()].sort((a, b) => a - b), [10, 15]);
      assert.deepEqual(byValue.get(15), [sourceIds[1]], 'only the Russian news item says 15 days');
      assert.ok(byValue.get(10)!.includes(sourceIds[0]!) && byValue.get(10)!.includes(sourceIds[2]!));
    });

    test('search finds sources and the event in either script, with facets', async () => {
      const latin = await records.search.search({ text: 'Koshanov' });
      const ids = latin.hits.map((h) => h.id);
      for (const id of sourceIds) assert.ok(ids.includes(id), `Koshanov finds source ${id}`);
      assert.ok(ids.includes(detentionId), 'and the event');
      const cyr = await records.search.search({ text: 'Кошанов', kinds: ['event'] });
      assert.deepEqual(cyr.hits.map((h) => h.kind), cyr.hits.map(() => 'event'));
      assert.ok(cyr.hits.some((h) => h.id === detentionId));
      const dated = await records.search.search({ text: 'Koshanov', from: '2024-03-12', to: '2024-03-12', kinds: ['event'] });
      assert.ok(dated.hits.some((h) => h.id === detentionId));
      const before = await records.search.search({ text: 'Koshanov', to: '2023-12-31', kinds: ['event'] });
      assert.ok(!before.hits.some((h) => h.id === detentionId), 'date filter excludes it');
      assert.ok(latin.facets.kind.some((f) => f.value === 'source' && f.count === 3));
      await rejectsWith(records.search.search({ text: '"" OR -' }), 'INVALID_INPUT', /./);
      await rejectsWith(records.search.search({ text: 'x'.repeat(10_000) }), 'INVALID_INPUT', /1000|long/);
    });

    test('accepting the suggestion confirms the event; show lists every claim with its span', async () => {
      const pending = await records.review.list({ kind: 'event' });
      const event = await records.events.show(detentionId);
      const suggestion = pending.find((s) => s.eventId === event!.id);
      assert.ok(suggestion, 'a pending event suggestion for the event');
      const out = await records.review.accept(suggestion.id, 'reviewer', 'three sources agree');
      assert.equal(out.suggestion.status, 'accepted');
      const detail = await records.events.show(event.id);
      assert.equal(detail.status, 'confirmed');
      assert.ok(detail.claims.length >= 6);
      // The event's claims, then its acts', then their involvements': each kind by creation, then id.
      const order = ['event', 'act', 'involvement'];
      const kinds = detail.claims.map((c) => c.recordKind);
      assert.ok(new Set(kinds).size >= 2, `claims of the event and of its acts: ${[...new Set(kinds)]}`);
      const sorted = [...detail.claims].sort((a, b) => order.indexOf(a.recordKind) - order.indexOf(b.recordKind) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      assert.deepEqual(detail.claims.map((c) => c.id), sorted.map((c) => c.id), 'claims in kind order, each kind by creation');
      for (const c of detail.claims) {
        assert.ok(c.sourceId && c.start !== null && c.end !== null, `claim ${c.field} has a source span`);
        const article = await store.sources.findArticle(c.sourceId as never);
        assert.equal(article!.article!.text.slice(c.start!, c.end!), c.quote, `claim ${c.field} quote = span`);
      }
      assert.equal(new Set(detail.claims.map((c) => c.sourceId)).size, 3, 'claims from all three sources');
      const victim = detail.acts.find((a) => a.victim)!.victim!;
      assert.equal((await records.entities.show(victim.id)).status, 'confirmed', 'the victim was confirmed with the event');
    });

    test('accepting an entity suggestion confirms the entity', async () => {
      const [s] = await records.review.list({ kind: 'entity' });
      assert.ok(s && s.entityId);
      const out = await records.review.accept(s.id, 'reviewer');
      assert.equal(out.suggestion.status, 'accepted');
      assert.equal((await records.entities.show(s.entityId)).status, 'confirmed');
      await rejectsWith(records.review.accept(s.id, 'reviewer'), 'CONFLICT', /already accepted/);
    });

    test('history shows who changed what, from what to what, and why', async () => {
      const event = await records.events.show(detentionId);
      const history = await records.events.historyOf(event.id);
      assert.ok(history.length >= 4, 'created, two further sources, accepted');
      const accepted = history.find((v) => v.changes.some((c) => c.field === 'status' && c.to === 'confirmed'));
      assert.ok(accepted);
      assert.equal(accepted.actor, 'reviewer');
      assert.equal(accepted.comment, 'three sources agree');
      assert.deepEqual(accepted.changes.find((c) => c.field === 'status'), { field: 'status', from: 'proposed', to: 'confirmed' });
      assert.ok(history.filter((v) => v.changes.some((c) => c.field === 'sources')).length === 2);
    });

    test('accepting a suggestion twice is refused and changes nothing', async () => {
      const accepted = await records.review.list({ kind: 'event', status: 'accepted' });
      const s = accepted[0]!;
      const before = await records.events.show(s.eventId!);
      await rejectsWith(records.review.accept(s.id, 'someone'), 'CONFLICT', /already accepted by reviewer/);
      const afterwards = await records.events.show(s.eventId!);
      assert.equal(afterwards.version, before.version);
      await rejectsWith(records.review.accept('sug_missing', 'x'), 'NOT_FOUND', /not found/);
    });

    test('an edit adds a person\'s claim and keeps the machine\'s; disagreeing values stay side by side', async () => {
      const s = (await records.review.list({ kind: 'event', status: 'accepted' }))[0]!;
      const before = await records.events.show(s.eventId!);
      const machineClaims = before.claims.length;
      const text = (await store.sources.findArticle(sourceIds[1] as never))!.article!.text;
      const at = text.indexOf('12 марта');
      assert.ok(at >= 0);
      await records.review.edit(
        s.id,
        { set: { dateFrom: '2024-03-11', dateTo: '2024-03-12', datePrecision: 'approximate' }, evidence: { sourceId: sourceIds[1], start: at, end: at + 8 }, comment: 'night of 11 to 12 March' },
        'editor',
      );
      const afterwards = await records.events.show(s.eventId!);
      assert.equal(afterwards.dateFrom, '2024-03-11');
      assert.equal(afterwards.claims.length, machineClaims + 3, 'one new claim per edited field, none removed');
      assert.ok(afterwards.claims.filter((c) => c.coder.kind === 'extractor').length === before.claims.filter((c) => c.coder.kind === 'extractor').length);
      const edited = afterwards.claims.find((c) => c.field === 'dateFrom')!;
      assert.equal(edited.coder.name, 'editor');
      assert.equal(edited.quote, '12 марта');
      await rejectsWith(records.review.edit(s.id, { set: { colour: 'red' } }, 'editor'), 'INVALID_INPUT', /colour|unrecognized/i);
      await rejectsWith(records.review.edit(s.id, { set: { dateFrom: '2024-03-20', dateTo: '2024-03-01' } }, 'editor'), 'INVALID_INPUT', /after/);
      assert.equal((await records.events.show(s.eventId!)).version, afterwards.version, 'refused edits wrote nothing');
    });

    test('merge into itself is refused; merge and split round-trip', async () => {
      const people = await records.entities.list({ type: 'PERSON', limit: 500 });
      const a = people[0]!;
      await rejectsWith(records.entities.merge(a.id, a.id, 'x'), 'INVALID_INPUT', /into itself/);
      const b = people.find((p) => p.id !== a.id)!;
      // The tree index (root of every row, each tree's aliases and keys) agrees with walking the trees.
      const repo = records.repositories.entities;
      const assertTreeIndex = async (rootId: EntityId) => {
        const ids = await repo.treeIds(rootId);
        const roots = await repo.findRoots(ids);
        for (const id of ids) assert.equal(roots.get(id)?.id, rootId, `root of ${id}`);
        const walked = [...new Set((await repo.aliasesOf(ids)).map((x) => x.text))].sort();
        assert.deepEqual([...((await repo.aliasesOfTrees([rootId])).get(rootId) ?? [])].sort(), walked, `aliases of ${rootId}`);
        for (const alias of walked) {
          const found = await repo.findRootsByKeys(DEFAULT_COLLECTION, 'PERSON', nameKeys({ text: alias, type: 'PERSON' }), 10_000);
          assert.ok(found.some((r) => r.id === rootId), `keys of ${alias} find ${rootId}`);
        }
      };
      await assertTreeIndex(a.id);
      await assertTreeIndex(b.id);
      const { from } = await records.entities.merge(b.id, a.id, 'editor', 'same person');
      assert.equal(from.status, 'merged');
      assert.ok((await records.entities.show(a.id)).members.some((m) => m.id === b.id));
      await assertTreeIndex(a.id);
      assert.equal((await repo.findRoot(b.id))?.id, a.id);
      await rejectsWith(records.entities.merge(b.id, a.id, 'x'), 'INVALID_INPUT', /already the same entity/);
      const split = await records.entities.split(b.id, 'editor', 'different people');
      assert.equal(split.entity.mergedInto, null);
      assert.notEqual(split.entity.status, 'merged');
      assert.ok(!(await records.entities.show(a.id)).members.some((m) => m.id === b.id));
      await assertTreeIndex(a.id);
      await assertTreeIndex(b.id);
      assert.equal((await repo.findRoot(b.id))?.id, b.id);
      await rejectsWith(records.entities.split(b.id, 'x'), 'INVALID_INPUT', /not merged/);
      const history = await records.entities.historyOf(b.id);
      assert.ok(history.some((v) => v.changes.some((c) => c.field === 'mergedInto' && c.from === a.id && c.to === null)));
    });

    test('coding a violation reuses the known person instead of duplicating them', async () => {
      const event = await records.events.show(detentionId);
      const victim = (await records.events.show(event.id)).acts.find((a) => a.victim)!.victim!;
      const text = (await store.sources.findArticle(sourceIds[0] as never))!.article!.text;
      const at = text.indexOf('sentenced him');
      const before = (await records.entities.list({ type: 'PERSON', limit: 500 })).length;
      const out = await records.violations.code(
        { type: 'sentencing', victim: { name: 'Yerlan Koshanov' }, perpetrator: { name: 'Atyrau administrative court' }, place: 'Atyrau', dateFrom: '2024-03-13', evidence: { sourceId: sourceIds[0], start: at, end: at + 40 } },
        'editor',
      );
      assert.equal(out.victim.id, victim.id);
      assert.equal(out.victim.reused, true);
      assert.equal((await records.entities.list({ type: 'PERSON', limit: 500 })).length, before, 'no new person');
      assert.equal(out.event.status, 'confirmed');
      // A name that might be two known people is refused, not guessed.
      await rejectsWith(
        records.violations.code({ type: 'arrest', victim: { name: 'Koshanov' }, evidence: { sourceId: sourceIds[0], start: at, end: at + 10 } }, 'editor'),
        'CONFLICT',
        /may be a known entity/,
      );
      const fresh = await records.violations.code(
        { type: 'arrest', victim: { name: 'Koshanov', createNew: true }, evidence: { sourceId: sourceIds[0], start: at, end: at + 10 } },
        'editor',
      );
      assert.equal(fresh.victim.reused, false);
      await rejectsWith(
        records.violations.code({ type: 'teleportation', victim: { name: 'X' }, evidence: { sourceId: sourceIds[0], start: 0, end: 5 } }, 'editor'),
        'INVALID_INPUT',
        /unknown act type/,
      );
      await rejectsWith(
        records.violations.code({ type: 'arrest', victim: { name: 'X' }, evidence: { sourceId: sourceIds[0], start: 0, end: 5 }, surprise: 1 }, 'editor'),
        'INVALID_INPUT',
        /surprise|unrecognized/i,
      );
    });

    test('a failed job keeps its reason and can be retried', async () => {
      await store.handle.db.transaction().execute(async (trx) => {
        const { JobRepository } = await import('../src/storage/job.repository.js');
        await new JobRepository(trx).enqueue({ id: createJobId(), collectionId: DEFAULT_COLLECTION, kind: PROCESS_SOURCE_JOB, subjectId: 'src_missing' }, new Date().toISOString());
      });
      const [run] = await records.jobs.runPending();
      assert.equal(run!.ok, false);
      assert.match(run!.error!, /src_missing not found/);
      const failed = await records.jobs.list({ status: 'failed' });
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.error, run!.error);
      assert.equal(await records.jobs.retry([failed[0]!.id]), 1);
      assert.equal((await records.jobs.counts()).pending, 1);
      await rejectsWith(records.jobs.retry(['job_missing']), 'NOT_FOUND', /not found/);
      await records.jobs.runPending();
    });

    test('withdrawing keeps the record; reprocessing a source adds nothing twice', async () => {
      const event = await records.events.show(detentionId);
      await rejectsWith(records.events.withdraw(event.id, '  ', 'editor'), 'INVALID_INPUT', /reason/);
      const again = await records.processing.process(sourceIds[0] as never);
      assert.equal(again.alreadyProcessed, true);
      assert.equal((await records.events.show(event.id)).sourceCount, 3);
      await records.events.withdraw(event.id, 'duplicate of a case file', 'editor');
      const withdrawn = await records.events.show(event.id);
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal(withdrawn.withdrawnReason, 'duplicate of a case file');
      assert.ok(withdrawn.claims.length > 0, 'claims kept');
      assert.ok(!(await records.events.list({})).some((e) => e.id === event.id), 'not listed by default');
      assert.ok((await records.events.list({ status: 'withdrawn' })).some((e) => e.id === event.id));
      const found = await records.search.search({ text: 'Koshanov', kinds: ['event'] });
      assert.ok(!found.hits.some((h) => h.id === event.id), 'a withdrawn event leaves the search index');
      await rejectsWith(records.events.list({ status: 'deleted' }), 'INVALID_INPUT', /unknown status/);
    });

    test('the map and trends count the same from facts kept in memory as from SQL, and see every write', async () => {
      const bySql = new EventStatsService(records.repositories.events, records.repositories.entities);
      const filters = [{}, { status: 'withdrawn' }, { status: 'confirmed' }, { type: 'detention' }, { type: 'DETENTION' }, { type: 'protest' }, { from: '2024-03' }, { to: '2024-02' }, { from: '2024', to: '2024' }, { from: '2024-03-13' }, { place: 'Atyrau' }];
      for (const f of filters) {
        assert.deepEqual(await records.stats.monthly(f), await bySql.monthly(f), `monthly ${JSON.stringify(f)}`);
        assert.deepEqual(await records.stats.geo(f), await bySql.geo(f), `geo ${JSON.stringify(f)}`);
      }
      const before = (await records.stats.geo({})).total;
      assert.ok(before > 0);
      const live = (await records.events.list({}))[0]!;
      await records.events.withdraw(live.id, 'facts test', 'editor');
      assert.equal((await records.stats.geo({})).total, before - 1, 'a withdrawal leaves the counts at once');
      assert.deepEqual(await records.stats.monthly({}), await bySql.monthly({}));
    });

    test('minSources selects exactly the events with that many sources, before paging, in the list, timeline, map and trends', async () => {
      // A collection of its own, so the expected ids are exact: name -> [date, types, sources, status].
      const collectionId = 'min-sources' as CollectionId;
      const at = new Date().toISOString();
      await store.handle.db.insertInto('collections').values({ id: collectionId, name: 'Min sources', created_at: at }).execute();
      const plan: [string, string | null, string[], number, 'proposed' | 'confirmed' | 'withdrawn'][] = [
        ['a', '2024-01-07', ['detention'], 3, 'confirmed'],
        ['b', '2024-01-06', ['detention'], 0, 'proposed'],
        ['c', '2024-01-05', ['detention'], 2, 'proposed'],
        ['d', '2024-01-04', ['protest'], 1, 'confirmed'],
        ['e', '2024-01-03', ['protest'], 3, 'proposed'],
        ['f', '2023-12-02', ['detention'], 2, 'confirmed'],
        ['g', null, ['detention'], 2, 'proposed'],
        ['h', '2024-01-08', ['detention'], 3, 'withdrawn'],
      ];
      const repo = records.repositories.events;
      const ids = new Map<string, EventId>();
      for (const [name, date, types, n, status] of plan) {
        const id = createEventId();
        ids.set(name, id);
        await repo.insert({
          id, collectionId, title: `event ${name}`, types, dateFrom: date, dateTo: date, datePrecision: date ? 'day' : null, placeId: null, placePrecision: null,
          description: '', status, confidentiality: 'public', withdrawnReason: status === 'withdrawn' ? 'test' : null, version: 1, createdAt: at, updatedAt: at,
        });
        for (const sourceId of sourceIds.slice(0, n)) await repo.addSource(id, sourceId as SourceId, 'test', at);
      }
      const names = (list: { id: string }[]) => list.map((e) => [...ids].find(([, id]) => id === e.id)?.[0] ?? e.id).join('');

      // Latest first, undated last; withdrawn only when asked for.
      assert.equal(names(await records.events.list({ collectionId })), 'abcdefg');
      const expected: [number, string][] = [[1, 'acdefg'], [2, 'acefg'], [3, 'ae'], [4, '']];
      for (const [minSources, want] of expected) {
        const list = await records.events.list({ collectionId, minSources });
        assert.equal(names(list), want, `minSources ${minSources}`);
        assert.ok(list.every((e) => e.sourceCount >= minSources), `minSources ${minSources}: sourceCount agrees`);
        assert.equal(names(await records.events.timeline({ collectionId, minSources })), want, `timeline, minSources ${minSources}`);
        assert.equal((await records.stats.geo({ collectionId, minSources })).total, want.length, `geo, minSources ${minSources}`);
      }
      // Pages are pages of the filtered events: full until the last.
      const pages: string[] = [];
      for (let offset = 0; offset <= 6; offset += 2) pages.push(names(await records.events.list({ collectionId, minSources: 2, limit: 2, offset })));
      assert.deepEqual(pages, ['ac', 'ef', 'g', '']);
      assert.deepEqual(names(await records.events.timeline({ collectionId, minSources: 2, limit: 3, offset: 1 })), 'cef');
      // With the other filters.
      assert.equal(names(await records.events.list({ collectionId, minSources: 2, type: 'detention' })), 'acfg');
      assert.equal(names(await records.events.list({ collectionId, minSources: 2, from: '2024' })), 'ace');
      assert.equal(names(await records.events.list({ collectionId, minSources: 3, status: 'withdrawn' })), 'h');
      assert.equal(names(await records.events.list({ collectionId, minSources: 3, status: 'confirmed' })), 'a');
      assert.deepEqual(await records.stats.monthly({ collectionId, minSources: 2 }), [
        { month: '2023-12', type: 'detention', count: 1 },
        { month: '2024-01', type: 'detention', count: 2 },
        { month: '2024-01', type: 'protest', count: 1 },
      ]);
      assert.deepEqual(await records.stats.monthly({ collectionId, minSources: 3, type: 'protest' }), [{ month: '2024-01', type: 'protest', count: 1 }]);

      // The fixture collection: the filter agrees with the listed source counts.
      for (const status of [undefined, 'withdrawn', 'confirmed']) {
        const all = await records.events.list({ status, limit: 500 });
        for (const minSources of [1, 2, 3]) {
          const filtered = await records.events.list({ status, minSources, limit: 500 });
          assert.deepEqual(filtered.map((e) => e.id), all.filter((e) => e.sourceCount >= minSources).map((e) => e.id), `${status} ${minSources}`);
        }
      }

      for (const minSources of [0, -1, 1.5, Number.NaN]) {
        await rejectsWith(records.events.list({ collectionId, minSources }), 'INVALID_INPUT', /min-sources/);
        await rejectsWith(records.stats.geo({ collectionId, minSources }), 'INVALID_INPUT', /min-sources/);
      }
    });
  });
}
