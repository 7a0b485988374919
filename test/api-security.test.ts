import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfTokenFor } from '../src/services/secrets.js';
import { asBrowser, errorOf, openTestApi, setupAdmin, userWithRole, type Browser, type TestApi } from './support/api.js';

describe('CSRF, origin and host checks', () => {
  let api: TestApi;
  let analyst: Browser;
  before(async () => {
    api = await openTestApi();
    await setupAdmin(api);
    analyst = (await userWithRole(api, 'analyst', [{ role: 'analyst' }])).browser;
  });
  after(async () => api.close());

  const capture = (headers: Record<string, string>, text = 'Police detained five protesters in Almaty on Saturday, witnesses said.') =>
    api.app.inject({ method: 'POST', url: '/api/v1/sources', headers, payload: { text } });

  test('a POST with the session cookie but no CSRF header is refused', async () => {
    const res = await capture({ cookie: analyst.cookie });
    assert.equal(res.statusCode, 403);
    assert.equal(errorOf(res).code, 'FORBIDDEN');
    assert.equal(errorOf(res).details?.reason, 'csrf');
  });

  test('a wrong CSRF token, or another session’s, is refused', async () => {
    assert.equal((await capture({ cookie: analyst.cookie, 'x-csrf-token': 'x'.repeat(43) })).statusCode, 403);
    const other = (await userWithRole(api, 'other', [{ role: 'analyst' }])).browser;
    assert.equal((await capture({ cookie: analyst.cookie, 'x-csrf-token': other.csrf })).statusCode, 403);
  });

  test('the right CSRF token passes; GET needs none', async () => {
    const res = await capture(asBrowser(analyst));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await api.app.inject({ url: '/api/v1/sources', headers: { cookie: analyst.cookie } })).statusCode, 200);
  });

  test('the CSRF token is derived from the session token, not stored, and differs per session', async () => {
    assert.equal(analyst.csrf, csrfTokenFor(analyst.token));
    const rows = await api.database.db.selectFrom('sessions').selectAll().execute();
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.match(r.id, /^[0-9a-f]{64}$/, 'only a SHA-256 of the token is stored');
      assert.notEqual(r.id, analyst.token);
      assert.ok(!JSON.stringify(r).includes(analyst.csrf));
    }
  });

  test('a state-changing request from another origin is refused even with a valid CSRF token', async () => {
    const evil = await capture(asBrowser(analyst, { origin: 'https://evil.example' }));
    assert.equal(evil.statusCode, 403);
    assert.equal(errorOf(evil).details?.reason, 'origin');
    const site = await capture(asBrowser(analyst, { 'sec-fetch-site': 'cross-site' }));
    assert.equal(site.statusCode, 403);
    // Login too: an attacker's page cannot sign the victim into the attacker's account.
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'analyst', password: 'whatever-whatever' },
    });
    assert.equal(login.statusCode, 403);
    const same = await capture(asBrowser(analyst, { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }), 'Another report: a journalist was fined in Astana.');
    assert.equal(same.statusCode, 201, same.body);
  });

  test('a form-encodable content type is not accepted at all', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: { ...asBrowser(analyst), 'content-type': 'text/plain' },
      payload: '{"text":"x"}',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(errorOf(res).code, 'UNSUPPORTED_MEDIA');
  });

  test('a Host header naming another site (DNS rebinding) is refused on a loopback server', async () => {
    const res = await api.app.inject({ url: '/api/v1/setup', headers: { host: 'attacker.example:8470' } });
    assert.equal(res.statusCode, 403);
    assert.equal(errorOf(res).details?.reason, 'host');
    assert.equal((await api.app.inject({ url: '/api/v1/setup', headers: { host: '127.0.0.1:8470' } })).statusCode, 200);
  });
});

describe('API tokens', () => {
  let api: TestApi;
  let analyst: Browser;
  before(async () => {
    api = await openTestApi();
    await setupAdmin(api);
    analyst = (await userWithRole(api, 'scripter', [{ role: 'analyst' }])).browser;
  });
  after(async () => api.close());

  test('a token acts as its user, needs no CSRF header, is stored hashed, and stops at revocation', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(analyst), payload: { name: 'nightly import' } });
    assert.equal(created.statusCode, 201, created.body);
    const { id, secret } = created.json() as { id: string; secret: string };
    assert.match(secret, /^chr_[A-Za-z0-9_-]{43}$/);
    const stored = await api.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, secret);
    assert.match(stored.token_hash, /^[0-9a-f]{64}$/);

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await api.app.inject({ url: '/api/v1/me', headers: bearer });
    assert.equal(me.json().user.username, 'scripter');
    assert.equal(me.json().via, 'token');
    assert.equal(me.json().csrfToken, null);
    const post = await api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: bearer, payload: { text: 'A court in Shymkent sentenced an activist to two years.' } });
    assert.equal(post.statusCode, 201, post.body);

    // A token cannot mint more tokens: a leaked one cannot make itself a successor.
    const mint = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer, payload: { name: 'x' } });
    assert.equal(mint.statusCode, 403);

    const listed = await api.app.inject({ url: '/api/v1/tokens', headers: { cookie: analyst.cookie } });
    assert.deepEqual(listed.json().items.map((t: { id: string }) => t.id), [id]);
    assert.ok(!listed.body.includes(secret));

    const revoke = await api.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: asBrowser(analyst) });
    assert.equal(revoke.statusCode, 204);
    const after = await api.app.inject({ url: '/api/v1/me', headers: bearer });
    assert.equal(after.statusCode, 401);
  });

  test('a bad bearer token is refused and does not fall back to the cookie', async () => {
    const res = await api.app.inject({ url: '/api/v1/me', headers: { cookie: analyst.cookie, authorization: 'Bearer chr_nope' } });
    assert.equal(res.statusCode, 401);
  });

  test('an expired token is refused', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: asBrowser(analyst), payload: { name: 'short', expiresInDays: 1 } });
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    assert.equal((await api.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode, 200);
    const start = api.clock.now;
    api.clock.now = new Date(start.getTime() + 86_400_000 + 1000);
    try {
      assert.equal((await api.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode, 401);
    } finally {
      api.clock.now = start;
    }
  });
});

describe('security headers', () => {
  let api: TestApi;
  before(async () => (api = await openTestApi()));
  after(async () => api.close());

  for (const [what, url] of [
    ['an API answer', '/api/v1/setup'],
    ['an API error', '/api/v1/me'],
    ['the page', '/'],
    ['a 404', '/api/v1/nothing-here'],
  ] as const) {
    test(`${what} carries a strict CSP and the other headers`, async () => {
      const res = await api.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
        assert.ok(csp.includes(directive), `${directive} in ${csp}`);
      }
      assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
      assert.match(String(res.headers['permissions-policy']), /camera=\(\)/);
      if (url.startsWith('/api/')) assert.equal(res.headers['cache-control'], 'no-store');
      // No HSTS on plain-HTTP loopback, where it would mean nothing.
      assert.equal(res.headers['strict-transport-security'], undefined);
    });
  }

  test('the placeholder page has no inline script or style', async () => {
    const res = await api.app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Chronicle/);
    assert.doesNotMatch(res.body, /<script|<style|style=/i);
  });
});
