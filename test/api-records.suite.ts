/**
 * The records API end to end, as the workbench drives it: upload three reports of one
 * detention, the background worker extracts them, review by role, events with claims and
 * history, entities, trends and map, jobs. One suite, run on SQLite and PostgreSQL
 * (api-records-sqlite.test.ts, api-records-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { CollectionId } from '../src/domain/ids.js';
import { openDatabase } from '../src/storage/database.js';
import { asBrowser, errorOf, multipartFile, openTestApi, setupAdmin, userWithRole, type Browser, type TestApi } from './support/api.js';
import { repoRoot } from './support/tmp.js';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'incident');
const REPORTS: [string, string][] = [
  ['en-news.html', 'text/html'],
  ['ru-news.html', 'text/html'],
  ['ru-ngo-statement.txt', 'text/plain'],
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineApiRecordsSuite(name: string, start: () => Promise<{ databaseUrl: string | null; cleanup(): Promise<void> }>): void {
  describe(`records API (${name})`, () => {
    let api: TestApi;
    let cleanup: () => Promise<void>;
    const as: Record<'admin' | 'viewer' | 'analyst' | 'editor' | 'outsider', Browser> = {} as never;
    const sourceIds: string[] = [];
    let eventId = '';
    let suggestionId = '';

    const get = (who: keyof typeof as, url: string) => api.app.inject({ method: 'GET', url, headers: { cookie: as[who].cookie } });
    const send = (who: keyof typeof as, method: 'POST' | 'PATCH', url: string, payload: object = {}) =>
      api.app.inject({ method, url, headers: asBrowser(as[who]), payload });
    const ok = (res: LightMyRequestResponse, status = 200): Json => {
      assert.equal(res.statusCode, status, res.body.slice(0, 300));
      return res.json();
    };

    before(async () => {
      const db = await start();
      cleanup = db.cleanup;
      api = await openTestApi({ databaseUrl: db.databaseUrl, worker: { pollMs: 60_000, batchSize: 2 } });
      as.admin = await setupAdmin(api);
      await api.database.db.insertInto('collections').values({ id: 'other', name: 'Other', created_at: new Date().toISOString() }).execute();
      for (const role of ['viewer', 'analyst', 'editor'] as const) as[role] = (await userWithRole(api, role, [{ role }])).browser;
      as.outsider = (await userWithRole(api, 'outsider', [{ collectionId: 'other' as CollectionId, role: 'editor' }])).browser;
    });
    after(async () => {
      await api?.close();
      await cleanup?.();
    });

    test('an analyst uploads three reports; the worker, woken by each capture, extracts them', async () => {
      for (const [file, type] of REPORTS) {
        const m = multipartFile(file, type, fs.readFileSync(path.join(FIXTURES, file)));
        const res = await api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: asBrowser(as.analyst, m.headers), payload: m.payload });
        sourceIds.push(ok(res, 201).id);
      }
      // The worker polls only once a minute here: finishing in time means the captures woke it.
      const deadline = Date.now() + 30_000;
      let counts: Json = {};
      while (Date.now() < deadline) {
        counts = ok(await get('viewer', '/api/v1/jobs/counts'));
        if (counts.done + counts.failed === 3) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(counts, { pending: 0, running: 0, done: 3, failed: 0 });
      const list = ok(await get('viewer', '/api/v1/sources')).items as Json[];
      assert.deepEqual(list.map((s) => s.processing?.status), ['done', 'done', 'done']);
      assert.equal(ok(await get('viewer', `/api/v1/sources/${sourceIds[0]}`)).processing.status, 'done');
    });

    test("each source's extraction is served with spans into its text, for the Reader's highlights", async () => {
      for (const id of sourceIds) {
        const { sourceId, extractor, extraction } = ok(await get('viewer', `/api/v1/sources/${id}/extraction`));
        assert.equal(sourceId, id);
        assert.ok(extractor);
        assert.ok(extraction.entities.length > 0 && extraction.events.length > 0);
        for (const e of [...extraction.entities, ...extraction.places, ...extraction.dates]) assert.equal(extraction.text.slice(e.start, e.end), e.text);
      }
      assert.equal((await get('outsider', `/api/v1/sources/${sourceIds[0]}/extraction`)).statusCode, 404);
    });

    test('one proposed detention event with three sources, and its suggestion with a summary', async () => {
      const events = ok(await get('viewer', '/api/v1/events')).items as Json[];
      const custody = events.filter((e) => e.types.some((t: string) => ['detention', 'arrest'].includes(t)));
      assert.equal(custody.length, 1, custody.map((e) => e.title).join(' | '));
      const event = custody[0]!;
      assert.equal(event.status, 'proposed');
      assert.equal(event.sourceCount, 3);
      eventId = event.id;
      const suggestions = ok(await get('viewer', '/api/v1/suggestions?kind=event')).items as Json[];
      const s = suggestions.find((x) => x.eventId === eventId);
      assert.ok(s, 'a pending suggestion for the event');
      assert.match(s.summary, new RegExp(`^event ${eventId}: `));
      suggestionId = s.id;
      const entities = ok(await get('viewer', '/api/v1/suggestions?kind=entity&limit=5'));
      assert.ok(entities.items.every((x: Json) => x.summary.startsWith(`entity ${x.entityId}:`)));
    });

    test('a viewer reads but can neither accept nor edit; an analyst edits but cannot accept; outsiders learn nothing', async () => {
      assert.equal((await send('viewer', 'POST', `/api/v1/suggestions/${suggestionId}/accept`)).statusCode, 403);
      assert.equal((await send('viewer', 'PATCH', `/api/v1/suggestions/${suggestionId}`, { set: { title: 'x' } })).statusCode, 403);
      assert.equal((await send('analyst', 'POST', `/api/v1/suggestions/${suggestionId}/accept`)).statusCode, 403);
      assert.equal((await send('analyst', 'POST', `/api/v1/suggestions/${suggestionId}/reject`)).statusCode, 403);
      const extraction = ok(await get('analyst', `/api/v1/sources/${sourceIds[0]}/extraction`)).extraction;
      const at = extraction.text.indexOf('Atyrau');
      const edited = ok(
        await send('analyst', 'PATCH', `/api/v1/suggestions/${suggestionId}`, {
          set: { title: 'Detention of the activist Yerlan Koshanov in Atyrau' },
          evidence: { sourceId: sourceIds[0], start: at, end: at + 6 },
          comment: 'clearer title',
        }),
      );
      assert.deepEqual(edited.records, [{ kind: 'event', id: eventId, status: 'proposed' }]);
      for (const url of [`/api/v1/events/${eventId}`, `/api/v1/events/${eventId}/history`, `/api/v1/sources/${sourceIds[0]}/view`]) {
        assert.equal((await get('outsider', url)).statusCode, 404, url);
      }
      assert.equal((await send('outsider', 'POST', `/api/v1/suggestions/${suggestionId}/accept`)).statusCode, 404);
      assert.equal((await get('outsider', '/api/v1/suggestions')).statusCode, 403);
      assert.deepEqual(ok(await get('outsider', '/api/v1/events?collection=other')).items, [], 'their own collection is empty');
    });

    test('an editor accepts the event; accepting twice is a 409 in the stable error shape', async () => {
      const out = ok(await send('editor', 'POST', `/api/v1/suggestions/${suggestionId}/accept`, { comment: 'three sources agree' }));
      assert.equal(out.suggestion.status, 'accepted');
      assert.equal(out.suggestion.decidedBy, 'editor');
      assert.ok(out.records.some((r: Json) => r.kind === 'event' && r.id === eventId && r.status === 'confirmed'));
      // No body at all is fine too (nothing to say): the refusal is about the suggestion.
      const again = await api.app.inject({ method: 'POST', url: `/api/v1/suggestions/${suggestionId}/accept`, headers: asBrowser(as.editor) });
      assert.equal(again.statusCode, 409);
      const e = errorOf(again);
      assert.equal(e.code, 'CONFLICT');
      assert.match(e.message, /already accepted by editor/);
    });

    test('the event shows every claim with its source span, and its history the changes and who made them', async () => {
      const d = ok(await get('viewer', `/api/v1/events/${eventId}`));
      assert.equal(d.status, 'confirmed');
      assert.equal(d.title, 'Detention of the activist Yerlan Koshanov in Atyrau');
      assert.equal(d.sources.length, 3);
      assert.ok(d.acts.some((a: Json) => a.victim?.type === 'PERSON'));
      const texts = new Map<string, string>();
      for (const id of sourceIds) texts.set(id, ok(await get('viewer', `/api/v1/sources/${id}/extraction`)).extraction.text);
      for (const c of d.claims as Json[]) {
        assert.ok(c.sourceId && c.start !== null, `claim ${c.field} cites a passage`);
        assert.equal(texts.get(c.sourceId)!.slice(c.start, c.end), c.quote, `claim ${c.field}: quote = span`);
      }
      assert.ok(d.claims.some((c: Json) => c.field === 'title' && c.coder.kind === 'person' && c.coder.name === 'analyst'));
      const history = ok(await get('viewer', `/api/v1/events/${eventId}/history`)).items as Json[];
      const accepted = history.find((v) => v.changes.some((c: Json) => c.field === 'status' && c.to === 'confirmed'));
      assert.deepEqual([accepted?.actor, accepted?.comment], ['editor', 'three sources agree']);
      assert.ok(history.some((v) => v.actor === 'analyst' && v.changes.some((c: Json) => c.field === 'title')), JSON.stringify(history));
    });

    test('entities: merge into itself is a 400 in the stable shape; merge, split and rename are recorded', async () => {
      const people = ok(await get('viewer', '/api/v1/entities?type=PERSON&limit=500')).items as Json[];
      assert.ok(people.length >= 2);
      const [a, b] = people as [Json, Json];
      const self = await send('editor', 'POST', `/api/v1/entities/${a.id}/merge`, { into: a.id });
      assert.equal(self.statusCode, 400);
      assert.equal(errorOf(self).code, 'INVALID_INPUT');
      assert.match(errorOf(self).message, /into itself/);
      assert.equal((await send('analyst', 'POST', `/api/v1/entities/${b.id}/merge`, { into: a.id })).statusCode, 403);
      assert.equal(ok(await send('editor', 'POST', `/api/v1/entities/${b.id}/merge`, { into: a.id, comment: 'same person' })).from.status, 'merged');
      assert.ok(ok(await get('viewer', `/api/v1/entities/${a.id}`)).members.some((m: Json) => m.id === b.id));
      assert.equal(ok(await send('editor', 'POST', `/api/v1/entities/${b.id}/split`)).from, a.id);
      assert.equal(ok(await send('editor', 'PATCH', `/api/v1/entities/${a.id}`, { name: 'Renamed Person', comment: 'spelling' })).name, 'Renamed Person');
      const history = ok(await get('viewer', `/api/v1/entities/${a.id}/history`)).items as Json[];
      assert.ok(history.some((v) => v.actor === 'editor' && v.changes.some((c: Json) => c.field === 'name' && c.to === 'Renamed Person')));
      assert.ok(ok(await get('viewer', '/api/v1/entities?name=Renamed%20Person')).items.some((e: Json) => e.id === a.id));
    });

    test('trends count the event in its month; the map places it at Atyrau', async () => {
      const monthly = ok(await get('viewer', '/api/v1/stats/monthly?from=2024&to=2024')).items as Json[];
      const march = monthly.filter((m) => m.month === '2024-03' && ['detention', 'arrest'].includes(m.type));
      assert.ok(march.length > 0 && march.every((m) => m.count >= 1), JSON.stringify(monthly));
      assert.ok(!(ok(await get('viewer', '/api/v1/stats/monthly?to=2024-02')).items as Json[]).some((m) => m.month >= '2024-03'), 'to= bounds the months');
      const event = ok(await get('viewer', `/api/v1/events/${eventId}`));
      const geo = ok(await get('viewer', '/api/v1/events/geo?type=detention'));
      const placed = (geo.places as Json[]).find((p) => p.id === event.place.id);
      assert.ok(placed, JSON.stringify(geo));
      assert.ok(Math.abs(placed.lat - 47.1) < 0.5 && Math.abs(placed.lon - 51.9) < 0.5, JSON.stringify(placed));
      assert.ok(placed.count >= 1 && placed.types.some((t: Json) => t.type === 'detention' && t.count >= 1), JSON.stringify(placed));
      const listed = ok(await get('viewer', '/api/v1/events?type=detention&limit=500')).items as Json[];
      assert.equal(geo.total, listed.length, 'the map counts every event the list holds');
      assert.equal(geo.total, (geo.places as Json[]).reduce((n, p) => n + p.count, 0) + geo.unplaced);
      assert.equal(ok(await get('viewer', '/api/v1/events/geo?type=detention&from=1990&to=1990')).total, 0);
    });

    test('the timeline lists what the events list lists, in its order, with what it draws of each', async () => {
      for (const q of ['', '&type=detention', '&status=confirmed', '&from=2024&to=2024', '&place=Atyrau']) {
        const listed = ok(await get('viewer', `/api/v1/events?limit=500${q}`)).items as Json[];
        const drawn = ok(await get('viewer', `/api/v1/events/timeline?limit=500${q}`));
        assert.deepEqual(
          drawn.items,
          listed.map((e) => ({ id: e.id, title: e.title, types: e.types, status: e.status, dateFrom: e.dateFrom, dateTo: e.dateTo, datePrecision: e.datePrecision, place: e.place })),
          q,
        );
        assert.equal(drawn.nextOffset, null);
      }
      assert.ok((ok(await get('viewer', '/api/v1/events/timeline')).items as Json[]).some((e) => e.id === eventId));
      assert.equal((await get('viewer', '/api/v1/events/timeline?limit=1001')).statusCode, 400);
      assert.equal((await get('outsider', '/api/v1/events/timeline')).statusCode, 403);
    });

    test('minSources filters the list, timeline, map and trends on the server, before paging; bad values are 400s', async () => {
      const all = ok(await get('viewer', '/api/v1/events?limit=500')).items as Json[];
      assert.ok(all.some((e) => e.sourceCount < 3) && all.some((e) => e.sourceCount >= 3), `source counts: ${all.map((e) => e.sourceCount)}`);
      for (const n of [1, 2, 3, 4]) {
        const want = all.filter((e) => e.sourceCount >= n).map((e) => e.id);
        if (n === 3) assert.ok(want.includes(eventId), 'the detention has three sources');
        if (n === 4) assert.deepEqual(want, []);
        const listed = ok(await get('viewer', `/api/v1/events?limit=500&minSources=${n}`));
        assert.deepEqual(listed.items.map((e: Json) => e.id), want, `list, minSources=${n}`);
        assert.equal(listed.nextOffset, null);
        assert.deepEqual(ok(await get('viewer', `/api/v1/events/timeline?limit=500&minSources=${n}`)).items.map((e: Json) => e.id), want, `timeline, minSources=${n}`);
        assert.equal(ok(await get('viewer', `/api/v1/events/geo?minSources=${n}`)).total, want.length, `geo, minSources=${n}`);
        // One event a page: every page is full until the filtered events run out.
        const paged: string[] = [];
        let offset: number | null = 0;
        while (offset !== null) {
          const page = ok(await get('viewer', `/api/v1/events?limit=1&offset=${offset}&minSources=${n}`));
          paged.push(...page.items.map((e: Json) => e.id));
          offset = page.nextOffset;
          assert.ok(paged.length <= want.length, 'no page beyond the filtered events');
        }
        assert.deepEqual(paged, want, `paged, minSources=${n}`);
      }
      // Trends: the dated events the list holds, by start month and type.
      for (const n of [1, 3, 4]) {
        const counts = new Map<string, number>();
        for (const e of all.filter((x) => x.sourceCount >= n && x.dateFrom)) {
          for (const type of new Set<string>(e.types)) counts.set(`${e.dateFrom.slice(0, 7)} ${type}`, (counts.get(`${e.dateFrom.slice(0, 7)} ${type}`) ?? 0) + 1);
        }
        const want = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, count]) => ({ month: k.split(' ')[0], type: k.split(' ')[1], count }));
        if (n === 3) assert.ok(want.length > 0);
        assert.deepEqual(ok(await get('viewer', `/api/v1/stats/monthly?minSources=${n}`)).items, want, `trends, minSources=${n}`);
      }
      for (const url of ['/api/v1/events', '/api/v1/events/timeline', '/api/v1/events/geo', '/api/v1/stats/monthly']) {
        for (const bad of ['0', 'abc', '1.5', '-2', '']) {
          const res = await get('viewer', `${url}?minSources=${bad}`);
          assert.equal(res.statusCode, 400, `${url}?minSources=${bad}: ${res.body}`);
          const e = errorOf(res);
          assert.equal(e.code, 'INVALID_INPUT');
          assert.ok(JSON.stringify(e.details).includes('minSources'), `the error names the parameter: ${res.body}`);
        }
      }
    });

    test('an analyst codes a violation, reusing the known victim; an editor withdraws it with a reason', async () => {
      const d = ok(await get('viewer', `/api/v1/events/${eventId}`));
      const victim = d.acts.find((a: Json) => a.victim)!.victim;
      const text = ok(await get('analyst', `/api/v1/sources/${sourceIds[2]}/extraction`)).extraction.text as string;
      const payload = { type: 'sentencing', victim: { entityId: victim.id }, dateFrom: '2024-03-12', evidence: { sourceId: sourceIds[2], start: 0, end: Math.min(40, text.length) } };
      assert.equal((await send('viewer', 'POST', '/api/v1/violations', payload)).statusCode, 403);
      assert.equal((await send('analyst', 'POST', '/api/v1/violations', { ...payload, collectionId: 'other' })).statusCode, 400, 'the collection is the query\'s');
      const coded = ok(await send('analyst', 'POST', '/api/v1/violations', payload), 201);
      assert.deepEqual([coded.victim.id, coded.victim.reused], [victim.id, true]);
      assert.equal((await send('analyst', 'POST', `/api/v1/events/${coded.event.id}/withdraw`, { reason: 'duplicate' })).statusCode, 403);
      assert.equal((await send('editor', 'POST', `/api/v1/events/${coded.event.id}/withdraw`, {})).statusCode, 400);
      assert.equal(ok(await send('editor', 'POST', `/api/v1/events/${coded.event.id}/withdraw`, { reason: 'coded twice' })).status, 'withdrawn');
      assert.ok(!(ok(await get('viewer', '/api/v1/events')).items as Json[]).some((e) => e.id === coded.event.id), 'withdrawn events leave the default list');
      assert.ok((ok(await get('viewer', '/api/v1/events?status=withdrawn')).items as Json[]).some((e) => e.id === coded.event.id));
    });

    test('search: any spelling finds the reports and the event; outsiders see none of it; bad queries are 400s', async () => {
      for (const q of ['Koshanov', 'Кошанов']) {
        const body = ok(await get('viewer', `/api/v1/search?q=${encodeURIComponent(q)}`));
        const ids = body.hits.map((h: Json) => h.id);
        for (const id of sourceIds) assert.ok(ids.includes(id), `${q} finds ${id}`);
        assert.ok(body.hits.some((h: Json) => h.kind === 'event'), `${q} finds the event`);
        assert.ok(body.hits.every((h: Json) => !/<(?!\/?mark>)/.test(h.snippet)), 'snippets hold no markup but <mark>');
      }
      const events = ok(await get('viewer', '/api/v1/search?q=Koshanov&kind=event&from=2024-03&to=2024-03'));
      assert.ok(events.hits.length > 0 && events.hits.every((h: Json) => h.kind === 'event'));
      assert.equal(ok(await get('outsider', '/api/v1/search?q=Koshanov&collection=other')).hits.length, 0);
      for (const url of ['/api/v1/search?q=%22%22', `/api/v1/search?q=${'x'.repeat(2000)}`, '/api/v1/search?q=a&colour=red', '/api/v1/search?q=a&from=March']) {
        const res = await get('viewer', url);
        assert.equal(res.statusCode, 400, url);
        assert.equal(errorOf(res).code, 'INVALID_INPUT');
      }
    });

    test('unknown filters and fields are 400s that name them', async () => {
      const cases: [keyof typeof as, 'GET' | 'POST' | 'PATCH', string, object?][] = [
        ['viewer', 'GET', '/api/v1/events?colour=red'],
        ['viewer', 'GET', '/api/v1/suggestions?status=maybe'],
        ['viewer', 'GET', '/api/v1/entities?type=ANIMAL'],
        ['viewer', 'GET', '/api/v1/events?from=last-week'],
        ['viewer', 'GET', '/api/v1/stats/monthly?place=Atyrau'],
        ['editor', 'POST', `/api/v1/suggestions/${suggestionId}/accept`, { comment: 'x', extra: 1 }],
        ['analyst', 'PATCH', `/api/v1/suggestions/${suggestionId}`, { set: { colour: 'red' } }],
        ['editor', 'POST', '/api/v1/jobs/retry', {}],
        ['editor', 'PATCH', `/api/v1/entities/${(ok(await get('viewer', '/api/v1/entities?limit=1')).items as Json[])[0]!.id}`, { name: 'x', also: 'y' }],
      ];
      for (const [who, method, url, payload] of cases) {
        const res = method === 'GET' ? await get(who, url) : await send(who, method, url, payload);
        assert.equal(res.statusCode, 400, `${method} ${url}: ${res.body}`);
        assert.equal(errorOf(res).code, 'INVALID_INPUT');
      }
      const unknown = errorOf(await get('viewer', '/api/v1/events?colour=red')).details?.issues as Json[];
      assert.deepEqual(unknown[0]?.unknownFields, ['colour']);
      const wrongKind = await send('editor', 'POST', `/api/v1/entities/${eventId}/merge`, { into: 'x', also: 'y' });
      assert.equal(wrongKind.statusCode, 404, 'an event id names no entity: not found, before the body is looked at');
    });

    test('jobs: analysts list them, viewers only count them; only failed jobs can be retried', async () => {
      assert.equal((await get('viewer', '/api/v1/jobs')).statusCode, 403);
      const jobs = ok(await get('analyst', '/api/v1/jobs?status=done')).items as Json[];
      assert.equal(jobs.length, 3);
      assert.ok(jobs.every((j) => sourceIds.includes(j.subjectId)));
      assert.equal((await send('analyst', 'POST', '/api/v1/jobs/retry', { all: true })).statusCode, 403);
      assert.equal((await send('editor', 'POST', '/api/v1/jobs/retry', { ids: [jobs[0]!.id] })).statusCode, 409);
      assert.equal((await send('editor', 'POST', '/api/v1/jobs/retry', { ids: ['job_nobody'] })).statusCode, 404);
      assert.deepEqual(ok(await send('editor', 'POST', '/api/v1/jobs/retry', { all: true })), { requeued: 0 });
      assert.deepEqual(ok(await get('outsider', '/api/v1/jobs/counts?collection=other')), { pending: 0, running: 0, done: 0, failed: 0 });
    });

    test('repeated reads are answered from the response cache until anything is written, by this server or another process', async () => {
      const cached = (res: LightMyRequestResponse) => res.headers['x-chronicle-cache'];
      const url = `/api/v1/events?status=confirmed`;
      const first = await get('viewer', url);
      const again = await get('viewer', url);
      assert.equal(cached(again), 'hit', 'the same read by the same user, nothing written in between');
      assert.equal(again.body, first.body);
      assert.equal(cached(await get('editor', url)), 'miss', 'answers are kept per user');
      assert.equal(cached(await get('viewer', `/api/v1/events/${eventId}`)), 'miss');
      assert.equal(cached(await get('viewer', `/api/v1/events/${eventId}`)), 'hit');

      // A write through the API: the event page and the list show it at once.
      ok(await send('editor', 'POST', `/api/v1/events/${eventId}/withdraw`, { reason: 'cache test' }));
      const page = await get('viewer', `/api/v1/events/${eventId}`);
      assert.equal(cached(page), 'miss');
      assert.equal(page.json().status, 'withdrawn');
      const listed = await get('viewer', url);
      assert.equal(cached(listed), 'miss');
      assert.ok(!(listed.json().items as Json[]).some((e) => e.id === eventId), 'the withdrawn event left the list');
      assert.equal(cached(await get('viewer', url)), 'hit');

      // Kept answers are also kept gzipped for clients that accept it (browsers); the same JSON either way.
      const pageUrl = `/api/v1/events/${eventId}`;
      const plain = await get('viewer', pageUrl);
      assert.ok(plain.body.length > 4096, `an event page is big enough to compress (${plain.body.length} bytes)`);
      assert.equal(plain.headers['content-encoding'], undefined);
      for (let i = 0; i < 2; i++) {
        const zipped = await api.app.inject({ method: 'GET', url: pageUrl, headers: { cookie: as.viewer.cookie, 'accept-encoding': 'gzip, deflate, br' } });
        assert.equal(zipped.headers['content-encoding'], 'gzip');
        assert.match(String(zipped.headers.vary), /accept-encoding/i);
        assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body);
      }
      const refused = await api.app.inject({ method: 'GET', url: pageUrl, headers: { cookie: as.viewer.cookie, 'accept-encoding': 'gzip;q=0, identity' } });
      assert.equal(refused.headers['content-encoding'], undefined);
      assert.equal(refused.body, plain.body);

      // A write by another process (the CLI beside the server): its own connection, same database.
      const other = await openDatabase({ databaseUrl: api.config.databaseUrl, dataDir: api.config.dataDir });
      try {
        await other.db.updateTable('events').set({ title: 'Renamed elsewhere' }).where('id', '=', eventId).execute();
      } finally {
        await other.close();
      }
      // (asked for gzipped: the answer computed afresh is compressed as it is kept)
      const renamed = await api.app.inject({ method: 'GET', url: `/api/v1/events/${eventId}`, headers: { cookie: as.viewer.cookie, 'accept-encoding': 'gzip' } });
      assert.equal(cached(renamed), 'miss');
      assert.equal(renamed.headers['content-encoding'], 'gzip');
      assert.equal(JSON.parse(gunzipSync(renamed.rawPayload).toString('utf8')).title, 'Renamed elsewhere');
      // Kept only gzipped now: a client that does not accept gzip gets it unzipped, the same JSON.
      const unzipped = await get('viewer', `/api/v1/events/${eventId}`);
      assert.equal(cached(unzipped), 'hit');
      assert.equal(unzipped.headers['content-encoding'], undefined);
      assert.equal(unzipped.body, gunzipSync(renamed.rawPayload).toString('utf8'));

      // A kept answer is no way around the policy: removing a viewer's role ends their sessions.
      ok(await get('viewer', url));
      assert.equal(cached(await get('viewer', url)), 'hit');
      const viewerId = ok(await get('viewer', '/api/v1/me')).user.id as string;
      ok(await api.app.inject({ method: 'DELETE', url: `/api/v1/users/${viewerId}/roles/default`, headers: asBrowser(as.admin) }));
      assert.equal((await get('viewer', url)).statusCode, 401);
      assert.equal((await get('viewer', `/api/v1/events/${eventId}`)).statusCode, 401);
      assert.ok(api.app.responseCache.stats().hits >= 3);
    });
  });
}
