import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyPluginAsync } from 'fastify';
import { API_ROUTES } from '../src/api/app.js';
import type { RoutePolicy } from '../src/api/policy.js';
import type { User } from '../src/domain/access.js';
import type { CollectionId } from '../src/domain/ids.js';
import { asBrowser, openSession, openTestApi, setupAdmin, userWithRole, type TestApi } from './support/api.js';

/**
 * Every route × every kind of caller. A route missing from this table fails the test, and so
 * does an entry whose route no longer exists or whose declared policy differs.
 *
 * Expectations, in the order of CALLERS: `ok` = the policy let the request through (the handler
 * answered: 2xx, or 400/404/409 for the deliberately empty or unknown inputs below); a number =
 * exactly that status. The outsider is an editor of another collection only.
 */
const CALLERS = ['anonymous', 'viewer', 'analyst', 'editor', 'administrator', 'globalAdmin', 'outsider'] as const;
type Caller = (typeof CALLERS)[number];

const PUBLIC: RoutePolicy = { minRole: 'public' };
const SIGNED_IN: RoutePolicy = { minRole: 'authenticated' };
const SESSION_ONLY: RoutePolicy = { minRole: 'authenticated', sessionOnly: true };
const GLOBAL_ADMIN: RoutePolicy = { minRole: 'administrator', scope: 'global' };
const ALL = 'ok ok ok ok ok ok ok';
const ANY_USER = '401 ok ok ok ok ok ok';
const ADMINS_ONLY = '401 403 403 403 403 ok 403';
const VIEWERS: RoutePolicy = { minRole: 'viewer', scope: 'collection' };
const ANALYSTS: RoutePolicy = { minRole: 'analyst', scope: 'collection' };
const EDITORS: RoutePolicy = { minRole: 'editor', scope: 'collection' };
const VIEW_RECORD: RoutePolicy = { minRole: 'viewer', scope: 'any' };
const ANALYSE_RECORD: RoutePolicy = { minRole: 'analyst', scope: 'any' };
const EDIT_RECORD: RoutePolicy = { minRole: 'editor', scope: 'any' };
/** Collection-scoped reads and writes: the outsider is refused by the policy hook. */
const READ = '401 ok ok ok ok ok 403';
const ANALYSE = '401 403 ok ok ok ok 403';
const EDIT = '401 403 403 ok ok ok 403';
/** Record-addressed: the outsider passes the policy (editor elsewhere) and learns nothing: 404. */
const READ_RECORD = '401 ok ok ok ok ok 404';
const ANALYSE_ONE = '401 403 ok ok ok ok 404';
const EDIT_ONE = '401 403 403 ok ok ok 404';

const TABLE: Record<string, [RoutePolicy, string]> = {
  'GET /api/v1/openapi.json': [PUBLIC, ALL],
  'GET /*': [PUBLIC, ALL],
  'GET /api/v1/setup': [PUBLIC, ALL],
  'POST /api/v1/setup': [{ minRole: 'setup' }, '409 409 409 409 409 409 409'],
  'POST /api/v1/login': [PUBLIC, ALL],
  'POST /api/v1/logout': [SESSION_ONLY, ANY_USER],
  'GET /api/v1/me': [SIGNED_IN, ANY_USER],
  'POST /api/v1/me/password': [SESSION_ONLY, ANY_USER],
  'GET /api/v1/users': [GLOBAL_ADMIN, ADMINS_ONLY],
  'POST /api/v1/users': [GLOBAL_ADMIN, ADMINS_ONLY],
  'PATCH /api/v1/users/:userId': [GLOBAL_ADMIN, ADMINS_ONLY],
  'DELETE /api/v1/users/:userId': [GLOBAL_ADMIN, ADMINS_ONLY],
  'POST /api/v1/users/:userId/password': [GLOBAL_ADMIN, ADMINS_ONLY],
  'PUT /api/v1/users/:userId/roles/:collectionId': [GLOBAL_ADMIN, ADMINS_ONLY],
  'DELETE /api/v1/users/:userId/roles/:collectionId': [GLOBAL_ADMIN, ADMINS_ONLY],
  'GET /api/v1/tokens': [SIGNED_IN, ANY_USER],
  'POST /api/v1/tokens': [SESSION_ONLY, ANY_USER],
  'DELETE /api/v1/tokens/:tokenId': [SIGNED_IN, ANY_USER],
  'GET /api/v1/sources': [{ minRole: 'viewer', scope: 'collection' }, '401 ok ok ok ok ok 403'],
  'POST /api/v1/sources': [{ minRole: 'analyst', scope: 'collection' }, '401 403 ok ok ok ok 403'],
  'GET /api/v1/sources/:sourceId': [{ minRole: 'viewer', scope: 'any' }, '401 ok ok ok ok ok 404'],
  'GET /api/v1/sources/:sourceId/original': [{ minRole: 'viewer', scope: 'any' }, '401 ok ok ok ok ok 404'],
  'GET /api/v1/sources/:sourceId/extraction': [VIEW_RECORD, READ_RECORD],
  'GET /api/v1/sources/:sourceId/view': [VIEW_RECORD, READ_RECORD],
  'GET /api/v1/suggestions': [VIEWERS, READ],
  'POST /api/v1/suggestions/:suggestionId/accept': [EDIT_RECORD, EDIT_ONE],
  'POST /api/v1/suggestions/:suggestionId/reject': [EDIT_RECORD, EDIT_ONE],
  'PATCH /api/v1/suggestions/:suggestionId': [ANALYSE_RECORD, ANALYSE_ONE],
  'GET /api/v1/events': [VIEWERS, READ],
  'GET /api/v1/search': [VIEWERS, READ],
  'GET /api/v1/events/geo': [VIEWERS, READ],
  'GET /api/v1/events/timeline': [VIEWERS, READ],
  'GET /api/v1/stats/monthly': [VIEWERS, READ],
  'GET /api/v1/events/:eventId': [VIEW_RECORD, READ_RECORD],
  'GET /api/v1/events/:eventId/history': [VIEW_RECORD, READ_RECORD],
  'POST /api/v1/events/:eventId/withdraw': [EDIT_RECORD, EDIT_ONE],
  'POST /api/v1/violations': [ANALYSTS, ANALYSE],
  'GET /api/v1/entities': [VIEWERS, READ],
  'GET /api/v1/entities/:entityId': [VIEW_RECORD, READ_RECORD],
  'GET /api/v1/entities/:entityId/history': [VIEW_RECORD, READ_RECORD],
  'POST /api/v1/entities/:entityId/merge': [EDIT_RECORD, EDIT_ONE],
  'POST /api/v1/entities/:entityId/split': [EDIT_RECORD, EDIT_ONE],
  'PATCH /api/v1/entities/:entityId': [EDIT_RECORD, EDIT_ONE],
  'POST /api/v1/entities/:entityId/withdraw': [EDIT_RECORD, EDIT_ONE],
  'GET /api/v1/jobs': [ANALYSTS, ANALYSE],
  'GET /api/v1/jobs/counts': [VIEWERS, READ],
  'POST /api/v1/jobs/retry': [EDITORS, EDIT],
};

describe('route policies', () => {
  let api: TestApi;
  const users = new Map<Caller, Pick<User, 'id' | 'username'>>();
  let sourceId = '';
  /** Real records of the default collection, so that the outsider's 404 means "not yours", not "no such id". */
  const recordIds = { suggestionId: '', eventId: '', entityId: '' };

  before(async () => {
    api = await openTestApi();
    await setupAdmin(api);
    await api.database.db.insertInto('collections').values({ id: 'other', name: 'Other', created_at: new Date().toISOString() }).execute();
    const admin = await api.database.db.selectFrom('users').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    users.set('globalAdmin', { id: admin.id as User['id'], username: admin.username });
    for (const role of ['viewer', 'analyst', 'editor', 'administrator'] as const) {
      users.set(role, (await userWithRole(api, role, [{ role }])).user);
    }
    users.set('outsider', (await userWithRole(api, 'outsider', [{ collectionId: 'other' as CollectionId, role: 'editor' }])).user);
    const analyst = await openSession(api, users.get('analyst')!);
    const res = await api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: asBrowser(analyst), payload: { text: 'Police detained two journalists in Oral, colleagues said.' } });
    assert.equal(res.statusCode, 201, res.body);
    sourceId = res.json().id;
    const [run] = await api.app.chronicle.records.jobs.runPending();
    assert.ok(run?.ok, run?.error);
    const [suggestion] = await api.app.chronicle.records.review.list({ kind: 'event' });
    const [entity] = await api.app.chronicle.records.entities.list({});
    assert.ok(suggestion?.eventId && entity, 'the policy fixture needs an event suggestion and an entity');
    Object.assign(recordIds, { suggestionId: suggestion.id, eventId: suggestion.eventId, entityId: entity.id });
  });
  after(async () => api.close());

  test('every registered route is in the table with the policy it declares, and the table has no extra entries', () => {
    const registered = new Map(api.app.routePolicies.map((r) => [`${r.method} ${r.url}`, r.policy]));
    for (const [key, policy] of registered) {
      assert.ok(key in TABLE, `route ${key} is not in the policy table of test/api-policy.test.ts: add it with the expected access per caller`);
      assert.deepEqual(policy, TABLE[key]![0], `declared policy of ${key}`);
    }
    for (const key of Object.keys(TABLE)) assert.ok(registered.has(key), `table entry ${key} names no registered route`);
  });

  test('every route answers every caller as the table says', async () => {
    const failures: string[] = [];
    for (const { method, url } of api.app.routePolicies) {
      const expected = TABLE[`${method} ${url}`]![1].split(' ');
      for (const [i, caller] of CALLERS.entries()) {
        const path = url
          .replace('/*', '/')
          .replace(':sourceId', sourceId)
          .replace(':suggestionId', recordIds.suggestionId)
          .replace(':eventId', recordIds.eventId)
          .replace(':entityId', recordIds.entityId)
          .replace(':userId', 'usr_nobody')
          .replace(':collectionId', 'default')
          .replace(':tokenId', 'tok_nobody');
        const user = users.get(caller);
        const browser = user ? await openSession(api, user) : null;
        const unsafe = method !== 'GET';
        const res = await api.app.inject({
          method: method as 'GET',
          url: path,
          headers: browser ? (unsafe ? asBrowser(browser) : { cookie: browser.cookie }) : {},
          ...(unsafe && method !== 'DELETE' && !url.endsWith('/logout') ? { payload: {} } : {}),
        });
        const want = expected[i]!;
        const passed = want === 'ok' ? ![401, 403].includes(res.statusCode) && res.statusCode < 500 : res.statusCode === Number(want);
        if (!passed) failures.push(`${method} ${url} as ${caller}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a route without a policy stops the app from starting', async () => {
    const careless: FastifyPluginAsync = async (app) => {
      app.get('/api/v1/careless', async () => ({ secret: true }));
    };
    await assert.rejects(openTestApi({ routes: [...API_ROUTES, careless] }), /GET \/api\/v1\/careless declares no policy/);
  });

  test('a nonsensical policy stops the app from starting', async () => {
    const vague: FastifyPluginAsync = async (app) => {
      app.get('/api/v1/vague', { config: { policy: { minRole: 'editor' } } }, async () => ({}));
    };
    await assert.rejects(openTestApi({ routes: [vague] }), /needs a scope/);
  });
});
