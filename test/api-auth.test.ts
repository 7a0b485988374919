import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/app.js';
import { BlobStore } from '../src/storage/blob-store.js';
import { openDatabase, type DatabaseHandle } from '../src/storage/database.js';
import { asBrowser, browserFrom, errorOf, openTestApi, PASSWORD, setupAdmin, userWithRole, type Browser, type TestApi } from './support/api.js';

describe('first-run setup', () => {
  let api: TestApi;
  before(async () => (api = await openTestApi()));
  after(async () => api.close());

  test('happens once: creates the administrator, signs them in, then answers 409', async () => {
    const status = await api.app.inject({ url: '/api/v1/setup' });
    assert.deepEqual(status.json(), { needsSetup: true, setupCodeRequired: false });
    // Nothing but setup works before it: there is no default account to sign in with.
    const login = await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'admin', password: 'admin' } });
    assert.equal(login.statusCode, 401);

    const first = await api.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'Admin', password: PASSWORD } });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().user.username, 'admin');
    assert.equal(first.json().user.isAdmin, true);
    const browser = browserFrom(api.app, first);
    const me = await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().csrfToken, browser.csrf);

    const second = await api.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'mallory', password: PASSWORD } });
    assert.equal(second.statusCode, 409);
    assert.equal(errorOf(second).code, 'CONFLICT');
    assert.deepEqual((await api.app.inject({ url: '/api/v1/setup' })).json(), { needsSetup: false, setupCodeRequired: false });
  });

  test('a weak first password is refused with a clear error', async () => {
    const fresh = await openTestApi();
    try {
      const res = await fresh.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'admin', password: 'short' } });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).details?.field, 'password');
    } finally {
      await fresh.close();
    }
  });

  test('a server reachable from the network demands the console setup code', async () => {
    const remote = await openTestApi({ setupCode: 'console-code-123' });
    try {
      const payload = { username: 'admin', password: PASSWORD };
      const wrong = await remote.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...payload, setupCode: 'guess' } });
      assert.equal(wrong.statusCode, 403);
      const none = await remote.app.inject({ method: 'POST', url: '/api/v1/setup', payload });
      assert.equal(none.statusCode, 403);
      const right = await remote.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { ...payload, setupCode: 'console-code-123' } });
      assert.equal(right.statusCode, 201);
    } finally {
      await remote.close();
    }
  });
});

describe('sessions', () => {
  let api: TestApi;
  let admin: Browser;
  before(async () => {
    api = await openTestApi();
    admin = await setupAdmin(api);
  });
  after(async () => api.close());

  const login = (extra: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'analyst', password: PASSWORD }, headers: extra });

  test('the cookie is HttpOnly, SameSite=Strict, and not Secure only on plain-HTTP loopback', async () => {
    await userWithRole(api, 'analyst', [{ role: 'analyst' }]);
    const res = await login();
    assert.equal(res.statusCode, 200, res.body);
    const line = String(res.headers['set-cookie']);
    assert.match(line, /^chronicle-session=[A-Za-z0-9_-]{43};/);
    assert.match(line, /HttpOnly/);
    assert.match(line, /SameSite=Strict/);
    assert.match(line, /Path=\//);
    assert.doesNotMatch(line, /Secure/);

    const secure = await openTestApi({ env: { CHRONICLE_COOKIE_SECURE: 'always' } });
    try {
      const s = await secure.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username: 'admin', password: PASSWORD } });
      assert.match(String(s.headers['set-cookie']), /^__Host-chronicle-session=.*; Secure/);
      assert.match(String(s.headers['strict-transport-security']), /max-age=/);
    } finally {
      await secure.close();
    }
  });

  test('login rotates the session: a new cookie every time, and the one presented is revoked', async () => {
    const first = browserFrom(api.app, await login());
    const second = browserFrom(api.app, await login({ cookie: first.cookie }));
    assert.notEqual(second.token, first.token);
    assert.notEqual(second.csrf, first.csrf);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode, 401);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: second.cookie } })).statusCode, 200);
  });

  test('logout revokes the session server-side and clears the cookie', async () => {
    const b = browserFrom(api.app, await login());
    const out = await api.app.inject({ method: 'POST', url: '/api/v1/logout', headers: asBrowser(b) });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /chronicle-session=;.*Expires=Thu, 01 Jan 1970/);
    // Replaying the old cookie does not work.
    const again = await api.app.inject({ url: '/api/v1/me', headers: { cookie: b.cookie } });
    assert.equal(again.statusCode, 401);
    assert.equal(errorOf(again).code, 'UNAUTHENTICATED');
  });

  test('removing or changing a role ends that user’s sessions at once', async () => {
    const { user, browser } = await userWithRole(api, 'editor1', [{ role: 'editor' }]);
    const other = await userWithRole(api, 'editor2', [{ role: 'editor' }]);
    assert.equal((await api.app.inject({ url: '/api/v1/sources', headers: { cookie: browser.cookie } })).statusCode, 200);

    const change = await api.app.inject({ method: 'PUT', url: `/api/v1/users/${user.id}/roles/default`, headers: asBrowser(admin), payload: { role: 'viewer' } });
    assert.equal(change.statusCode, 200, change.body);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 401);
    // Someone else's session is untouched.
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: other.browser.cookie } })).statusCode, 200);

    const removed = await api.app.inject({ method: 'DELETE', url: `/api/v1/users/${other.user.id}/roles/default`, headers: asBrowser(admin) });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().memberships, []);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: other.browser.cookie } })).statusCode, 401);
  });

  test('sessions end after the idle timeout and after the absolute lifetime', async () => {
    const { user } = await userWithRole(api, 'idler', [{ role: 'viewer' }]);
    const start = api.clock.now;
    try {
      const b = browserFrom(api.app, await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: user.username, password: PASSWORD } }));
      api.clock.now = new Date(start.getTime() + 119 * 60_000); // default idle limit: 120 minutes
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: b.cookie } })).statusCode, 200);
      api.clock.now = new Date(start.getTime() + (119 + 121) * 60_000);
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: b.cookie } })).statusCode, 401);

      api.clock.now = start;
      const c = browserFrom(api.app, await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: user.username, password: PASSWORD } }));
      // Used every hour, it still ends 12 hours after login.
      for (let h = 1; h < 12; h++) {
        api.clock.now = new Date(start.getTime() + h * 3_600_000);
        assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: c.cookie } })).statusCode, 200, `hour ${h}`);
      }
      api.clock.now = new Date(start.getTime() + 12 * 3_600_000);
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: c.cookie } })).statusCode, 401);
    } finally {
      api.clock.now = start;
    }
  });

  test('a removed account’s sessions and tokens stop working', async () => {
    const { user, browser } = await userWithRole(api, 'leaver', [{ role: 'viewer' }]);
    const tok = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(browser), payload: { name: 'script' } });
    assert.equal(tok.statusCode, 201, tok.body);
    const del = await api.app.inject({ method: 'DELETE', url: `/api/v1/users/${user.id}`, headers: asBrowser(admin) });
    assert.equal(del.statusCode, 204, del.body);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 401);
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${tok.json().secret}` } })).statusCode, 401);
  });
});

describe('recognised credentials are kept only while nothing changes', () => {
  // Serve runs several processes over one database: a change made through one must end what
  // another has kept about a session or token, at once; and expiry is checked to the millisecond.
  let api: TestApi;
  let other: FastifyInstance;
  let otherDb: DatabaseHandle;
  let admin: Browser;
  before(async () => {
    api = await openTestApi();
    admin = await setupAdmin(api);
    otherDb = await openDatabase({ databaseUrl: null, dataDir: api.config.dataDir });
    other = await buildApp({ config: api.config, database: otherDb, blobs: new BlobStore(path.join(api.config.dataDir, 'blobs')), tool: { name: 'chronicle', version: '0.0.0-test' }, now: () => api.clock.now });
  });
  after(async () => {
    await other.close();
    await otherDb.close();
    await api.close();
  });

  const me = (headers: Record<string, string>) => api.app.inject({ url: '/api/v1/me', headers });

  test('a role removed, a token revoked or a session ended through another process take effect on the next request', async () => {
    const { user, browser } = await userWithRole(api, 'kept', [{ role: 'editor' }]);
    const made = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(browser), payload: { name: 'script' } });
    assert.equal(made.statusCode, 201, made.body);
    const bearer = { authorization: `Bearer ${made.json().secret}` };
    // Asked twice each: the second answer comes from what this process kept.
    for (let i = 0; i < 2; i++) {
      assert.equal((await me(bearer)).json().user.memberships[0].role, 'editor');
      assert.equal((await me({ cookie: browser.cookie })).statusCode, 200);
    }
    const changed = await other.inject({ method: 'PUT', url: `/api/v1/users/${user.id}/roles/default`, headers: asBrowser(admin), payload: { role: 'viewer' } });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await me(bearer)).json().user.memberships[0].role, 'viewer');
    assert.equal((await me({ cookie: browser.cookie })).statusCode, 401, 'a role change ends the sessions');

    const revoked = await other.inject({ method: 'DELETE', url: `/api/v1/tokens/${made.json().id}`, headers: asBrowser(admin) });
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal((await me(bearer)).statusCode, 401);

    const again = await userWithRole(api, 'kept2', [{ role: 'viewer' }]);
    assert.equal((await me({ cookie: again.browser.cookie })).statusCode, 200);
    assert.equal((await me({ cookie: again.browser.cookie })).statusCode, 200);
    const out = await other.inject({ method: 'POST', url: '/api/v1/logout', headers: asBrowser(again.browser) });
    assert.equal(out.statusCode, 204);
    assert.equal((await me({ cookie: again.browser.cookie })).statusCode, 401);
  });

  test('a kept token still expires on time', async () => {
    const { browser } = await userWithRole(api, 'expiring', [{ role: 'viewer' }]);
    const start = api.clock.now;
    try {
      const made = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(browser), payload: { name: 'day', expiresInDays: 1 } });
      assert.equal(made.statusCode, 201, made.body);
      const bearer = { authorization: `Bearer ${made.json().secret}` };
      api.clock.now = new Date(start.getTime() + 86_400_000 - 1_000);
      assert.equal((await me(bearer)).statusCode, 200);
      api.clock.now = new Date(start.getTime() + 86_400_000 - 1);
      assert.equal((await me(bearer)).statusCode, 200);
      api.clock.now = new Date(start.getTime() + 86_400_000);
      assert.equal((await me(bearer)).statusCode, 401);
    } finally {
      api.clock.now = start;
    }
  });
});
