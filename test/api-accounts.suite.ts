import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asBrowser, browserFrom, openSession, openTestApi, PASSWORD, userWithRole, type TestApi } from './support/api.js';

/**
 * Account storage through the API, run unchanged on SQLite and PostgreSQL: first-run setup
 * races, the live-name unique index, role revocation, the throttle's upsert.
 */
export function defineAccountSuite(name: string, start: () => Promise<{ databaseUrl: string | null; cleanup(): Promise<void> }>): void {
  describe(`accounts on ${name}`, () => {
    let api: TestApi;
    let cleanup: () => Promise<void>;
    before(async () => {
      const db = await start();
      cleanup = db.cleanup;
      api = await openTestApi({ databaseUrl: db.databaseUrl });
    });
    after(async () => {
      await api?.close();
      await cleanup?.();
    });

    test('concurrent first-run setups make exactly one administrator', async () => {
      const tries = await Promise.all(
        ['ann', 'bob', 'cat', 'dan'].map((username) => api.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username, password: PASSWORD } })),
      );
      assert.deepEqual(tries.map((r) => r.statusCode).sort(), [201, 409, 409, 409]);
      const admins = await api.database.db.selectFrom('users').select('username').execute();
      assert.equal(admins.length, 1);
    });

    test('a live login name is unique; a removed one can be reused', async () => {
      const setupRow = await api.database.db.selectFrom('users').select('username').executeTakeFirstOrThrow();
      const admin = browserFrom(
        api.app,
        await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: setupRow.username, password: PASSWORD } }),
      );
      const create = () => api.app.inject({ method: 'POST', url: '/api/v1/users', headers: asBrowser(admin), payload: { username: 'Aigerim', password: PASSWORD } });
      const first = await create();
      assert.equal(first.statusCode, 201, first.body);
      assert.equal((await create()).statusCode, 409);
      assert.equal((await api.app.inject({ method: 'DELETE', url: `/api/v1/users/${first.json().id}`, headers: asBrowser(admin) })).statusCode, 204);
      const again = await create();
      assert.equal(again.statusCode, 201, again.body);
      assert.notEqual(again.json().id, first.json().id);
      // The last administrator cannot remove themselves.
      const me = await api.app.inject({ url: '/api/v1/me', headers: { cookie: admin.cookie } });
      const self = await api.app.inject({ method: 'DELETE', url: `/api/v1/users/${me.json().user.id}`, headers: asBrowser(admin) });
      assert.equal(self.statusCode, 409);
    });

    test('a role change revokes sessions; failed logins are counted per pair', async () => {
      const { user, browser } = await userWithRole(api, 'reviewer', [{ role: 'editor' }]);
      const admin = await api.database.db.selectFrom('users').select(['id', 'username']).where('is_admin', '=', 1).executeTakeFirstOrThrow();
      const adminBrowser = await openSession(api, { id: admin.id as typeof user.id, username: admin.username });
      const res = await api.app.inject({ method: 'PUT', url: `/api/v1/users/${user.id}/roles/default`, headers: asBrowser(adminBrowser), payload: { role: 'viewer' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 401);
      for (let i = 0; i < 2; i++) {
        await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'reviewer', password: `nope nope ${i}` } });
      }
      const rows = await api.database.db.selectFrom('login_attempts').selectAll().execute();
      assert.deepEqual(rows.map((r) => Number(r.failures)), [2]);
    });
  });
}
