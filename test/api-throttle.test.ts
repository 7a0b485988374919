import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_THROTTLE, loginDelaySeconds } from '../src/services/login-throttle.js';
import { errorOf, openTestApi, PASSWORD, setupAdmin, userWithRole, type TestApi } from './support/api.js';

describe('login delay policy', () => {
  test('a few typos are free, then each failure doubles the wait, up to a cap', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((n) => loginDelaySeconds(n)),
      [0, 0, 0, 1, 2, 4, 8, 16],
    );
    assert.equal(loginDelaySeconds(40), DEFAULT_THROTTLE.maxSeconds);
    assert.equal(loginDelaySeconds(10_000), DEFAULT_THROTTLE.maxSeconds);
    assert.equal(loginDelaySeconds(4, { free: 0, baseSeconds: 3, maxSeconds: 10, forgetAfterHours: 1 }), 10);
  });
});

describe('login throttling through the API', () => {
  let api: TestApi;
  const ATTACKER = '203.0.113.66';
  const VICTIM = '198.51.100.7';
  before(async () => {
    api = await openTestApi();
    await setupAdmin(api);
    await userWithRole(api, 'victim', [{ role: 'editor' }]);
  });
  after(async () => api.close());

  const attempt = (password: string, remoteAddress: string, username = 'victim') =>
    api.app.inject({ method: 'POST', url: '/api/v1/login', remoteAddress, payload: { username, password } });

  const stored = async () => api.database.db.selectFrom('login_attempts').selectAll().execute();

  test('repeated bad passwords earn a growing wait; the wait is reported, not slept', async () => {
    const decisions: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await attempt(`wrong guess number ${i}`, ATTACKER);
      assert.equal(res.statusCode, 401);
      assert.equal(errorOf(res).code, 'UNAUTHENTICATED');
      decisions.push((errorOf(res).details?.retryAfterSeconds as number | undefined) ?? null);
    }
    // The third failure imposes the first delay.
    assert.deepEqual(decisions, [null, null, 1]);

    // During the wait even the right password is refused, without being checked (no oracle).
    const blocked = await attempt(PASSWORD, ATTACKER);
    assert.equal(blocked.statusCode, 429);
    assert.equal(errorOf(blocked).code, 'RATE_LIMITED');
    assert.equal(blocked.headers['retry-after'], '1');
    const before = await stored();

    // Refused tries do not lengthen the wait (an attacker sharing the victim's address cannot extend it).
    await attempt('another guess', ATTACKER);
    assert.deepEqual(await stored(), before);

    api.clock.now = new Date(api.clock.now.getTime() + 1000);
    const fourth = await attempt('wrong again', ATTACKER);
    assert.equal(fourth.statusCode, 401);
    assert.equal(errorOf(fourth).details?.retryAfterSeconds, 2);
    api.clock.now = new Date(api.clock.now.getTime() + 2000);
    const fifth = await attempt('and again', ATTACKER);
    assert.equal(errorOf(fifth).details?.retryAfterSeconds, 4);
  });

  test('the account owner elsewhere is not locked out', async () => {
    const blocked = await attempt(PASSWORD, ATTACKER);
    assert.equal(blocked.statusCode, 429);
    const owner = await attempt(PASSWORD, VICTIM);
    assert.equal(owner.statusCode, 200, owner.body);
  });

  test('after the wait the right password works and clears the count', async () => {
    api.clock.now = new Date(api.clock.now.getTime() + 4000);
    const ok = await attempt(PASSWORD, ATTACKER);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await stored()).length, 0);
  });

  test('unknown login names are throttled the same way, and nothing identifying is stored', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await attempt(`guess ${i}`, ATTACKER, 'no-such-user')).statusCode, 401);
    const rows = await stored();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.failures, 3);
    assert.match(rows[0]!.key_hash, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(rows).includes('no-such-user') && !JSON.stringify(rows).includes(ATTACKER));
    assert.equal((await attempt('guess 4', ATTACKER, 'no-such-user')).statusCode, 429);
  });

  test('one address trying many names is capped by a per-address request limit', async () => {
    const address = '192.0.2.99';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await attempt(`guess ${i}`, address, `name${i}`)).statusCode);
    assert.deepEqual(statuses.slice(0, 30), new Array(30).fill(401));
    assert.equal(statuses[30], 429);
  });
});
