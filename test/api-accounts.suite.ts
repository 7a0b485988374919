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

    test('a person changes their own password: the current one is checked, their other sessions end, this one stays', async () => {
      const { user, browser } = await userWithRole(api, 'monitor', [{ role: 'analyst' }]);
      const elsewhere = await openSession(api, user);
      const token = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(browser), payload: { name: 'script' } });
      const change = (payload: object, remoteAddress = '127.0.0.1') => api.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: asBrowser(browser), payload, remoteAddress });
      const NEW = 'a longer passphrase for the steppe';

      const wrong = await change({ currentPassword: 'not it at all', newPassword: NEW });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.details.field, 'currentPassword');
      assert.equal((await change({ currentPassword: PASSWORD, newPassword: 'short' })).statusCode, 400);
      assert.equal((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).json().error.details.field, 'newPassword');
      assert.equal((await change({ currentPassword: PASSWORD, newPassword: 'monitor and more words' })).json().error.details.field, 'newPassword', 'not the login name');
      assert.equal((await change({ currentPassword: PASSWORD, newPassword: NEW, also: 1 })).statusCode, 400, 'unknown fields refused');
      // Nothing changed so far: the old password still signs in.
      assert.equal((await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'monitor', password: PASSWORD } })).statusCode, 200);

      // Five tries a minute from one address: a stolen session cannot guess the password quickly.
      assert.equal((await change({ currentPassword: 'guess six', newPassword: NEW })).statusCode, 429);
      const ok = await change({ currentPassword: PASSWORD, newPassword: NEW }, '127.0.0.2');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.ok(ok.json().sessionsEnded >= 2, 'the other session and the login above ended');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 200, 'this browser stays signed in');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })).statusCode, 401, 'the other browser is signed out');
      assert.equal((await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'monitor', password: PASSWORD } })).statusCode, 401);
      assert.equal((await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'monitor', password: NEW } })).statusCode, 200);
      // An API token cannot change the password (a browser session only), and keeps working.
      if (token.statusCode === 201) {
        const bearer = { authorization: `Bearer ${token.json().secret}` };
        assert.equal((await api.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: bearer, payload: { currentPassword: NEW, newPassword: 'yet another long one' } })).statusCode, 403);
        assert.equal((await api.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode, 200);
      } else assert.fail(`could not make an API token: ${token.body}`);
      const audit = await api.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'account.password-change').execute();
      assert.deepEqual(audit, [{ action: 'account.password-change', actor: 'monitor' }]);
    });

    test('an administrator sets a new password for someone who forgot theirs: their sessions end, tokens stay', async () => {
      const { user, browser } = await userWithRole(api, 'forgetful', [{ role: 'analyst' }]);
      const elsewhere = await openSession(api, user);
      const token = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(browser), payload: { name: 'nightly' } });
      assert.equal(token.statusCode, 201, token.body);
      const bearer = { authorization: `Bearer ${token.json().secret}` };
      const admin = await api.database.db.selectFrom('users').select(['id', 'username']).where('is_admin', '=', 1).where('removed_at', 'is', null).executeTakeFirstOrThrow();
      const adminBrowser = await openSession(api, { id: admin.id as typeof user.id, username: admin.username });
      const NEW = 'a fresh passphrase from the admin';
      const reset = (who: Parameters<typeof asBrowser>[0], userId: string, payload: object, remoteAddress = '127.0.1.1') =>
        api.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/password`, headers: asBrowser(who), payload, remoteAddress });
      const login = (username: string, password: string) => api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username, password } });

      // Not an administrator of Chronicle (an administrator of a collection is not enough): 403, nothing changes.
      const collectionAdmin = await userWithRole(api, 'bystander', [{ role: 'administrator' }]);
      assert.equal((await reset(collectionAdmin.browser, user.id, { password: NEW })).statusCode, 403);
      assert.equal((await reset(browser, user.id, { password: NEW })).statusCode, 403, 'not even for yourself');
      const unknown = await reset(adminBrowser, 'usr_nobody', { password: NEW });
      assert.equal(unknown.statusCode, 404, unknown.body);
      const weak = await reset(adminBrowser, user.id, { password: 'short' });
      assert.equal(weak.statusCode, 400, weak.body);
      assert.equal(weak.json().error.details.field, 'password');
      assert.equal((await reset(adminBrowser, user.id, {})).statusCode, 400, 'missing password');
      assert.equal((await reset(adminBrowser, user.id, { password: 'forgetful and more words' })).statusCode, 400, 'not the login name');
      assert.equal((await reset(adminBrowser, user.id, { password: NEW, also: 1 })).statusCode, 400, 'unknown fields refused');
      // Five tries a minute from one address.
      assert.equal((await reset(adminBrowser, user.id, { password: NEW })).statusCode, 429);
      // Your own password only through /me/password, which asks for the current one.
      const self = await reset(adminBrowser, admin.id, { password: NEW }, '127.0.1.2');
      assert.equal(self.statusCode, 409, self.body);
      assert.match(self.json().error.message, /\/me\/password/);
      assert.equal(self.json().error.details.use, '/api/v1/me/password');
      // Nothing changed so far.
      assert.equal((await login('forgetful', PASSWORD)).statusCode, 200);
      assert.equal((await login(admin.username, PASSWORD)).statusCode, 200);
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 200);

      const ok = await reset(adminBrowser, user.id, { password: NEW }, '127.0.1.3');
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal(ok.body, '');
      assert.equal((await login('forgetful', PASSWORD)).statusCode, 401, 'the old password no longer signs in');
      assert.equal((await login('forgetful', NEW)).statusCode, 200, 'the new one does');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: browser.cookie } })).statusCode, 401, 'their session ended');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })).statusCode, 401, 'every session ended');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode, 200, 'their API token keeps working');
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: { cookie: adminBrowser.cookie } })).statusCode, 200, "the administrator's session stays");
      const audit = await api.database.db.selectFrom('audit_log').select(['action', 'actor', 'subject_id']).where('action', '=', 'account.password-reset').execute();
      assert.deepEqual(audit, [{ action: 'account.password-reset', actor: admin.username, subject_id: user.id }]);
    });
  });
}
