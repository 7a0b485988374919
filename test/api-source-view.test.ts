import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SAFE_VIEW_CSP } from '../src/pipeline/view/safe-view.js';
import { asBrowser, errorOf, multipartFile, openTestApi, setupAdmin, userWithRole, type Browser, type TestApi } from './support/api.js';
import { repoRoot } from './support/tmp.js';

const HOSTILE = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'hostile', 'page.html'));

/** Everything in the hostile page that could run, load or navigate, as it would appear in markup. */
const FORBIDDEN: [string, RegExp][] = [
  ['script', /<script/i],
  ['event handlers', /\son[a-z]+\s*=/i],
  ['javascript: URLs', /javascript:/i],
  ['data: URLs', /data:/i],
  ['frames', /<i?frame/i],
  ['meta refresh or CSP', /http-equiv/i],
  ['svg and mathml', /<(svg|math)/i],
  ['images and media', /<(img|picture|source|video|audio|object|embed)/i],
  ['stylesheet links and base', /<(link|base)/i],
  ['forms', /<(form|input|button)/i],
  ['CSS url() and expression()', /url\(|expression\(|@import/i],
  ['URL-bearing and styling attributes', /\s(src|srcset|href|xlink:href|action|formaction|background|poster|data|ping|style|class|id)\s*=/i],
  ['the hostile hosts', /evil\.example|tracker\.example/i],
];

describe('the safe view of a captured page', () => {
  let api: TestApi;
  let viewer: Browser;
  let analyst: Browser;
  let hostileId = '';

  before(async () => {
    api = await openTestApi();
    await setupAdmin(api);
    viewer = (await userWithRole(api, 'viewer', [{ role: 'viewer' }])).browser;
    analyst = (await userWithRole(api, 'analyst', [{ role: 'analyst' }])).browser;
    const m = multipartFile('zhanaozen.html', 'text/html', HOSTILE);
    const res = await api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: asBrowser(analyst, m.headers), payload: m.payload });
    assert.equal(res.statusCode, 201, res.body);
    hostileId = res.json().id;
  });
  after(async () => api.close());

  const view = (id: string) => api.app.inject({ url: `/api/v1/sources/${id}/view`, headers: { cookie: viewer.cookie } });

  test('hostile HTML keeps its text and structure and loses everything that could run or load', async () => {
    const res = await view(hostileId);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    for (const [what, pattern] of FORBIDDEN) assert.doesNotMatch(html, pattern, `${what} survived: ${html.match(pattern)?.[0]}`);
    assert.match(html, /<h1>Arrests in Zhanaozen<\/h1>/);
    assert.match(html, /detained twelve oil workers/);
    assert.match(html, /<th colspan="2">Detained<\/th>/);
    assert.match(html, /<span title="https:\/\/news\.example\/story">the original story<\/span>/, 'a link is inert text, its address readable');
    assert.match(html, /<span>the statement<\/span>/, 'a javascript: link loses its address entirely');
    assert.equal(html.match(/<meta /g)?.length, 1, 'only our charset declaration');
  });

  test('it is served under a CSP that lets nothing load or run, in a sandbox only Chronicle may frame', async () => {
    const res = await view(hostileId);
    const csp = String(res.headers['content-security-policy']);
    assert.equal(csp, SAFE_VIEW_CSP);
    for (const directive of ["default-src 'none'", 'sandbox', "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'"]) {
      assert.ok(csp.split(/;\s*/).includes(directive), `${directive} in ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:/);
    // The one style block is Chronicle's own, allowed by its hash.
    const styles = [...res.body.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`));
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
  });

  test("Chronicle's pages may frame only that view: everything else still refuses to be framed", async () => {
    const page = await api.app.inject({ url: '/' });
    const pageCsp = String(page.headers['content-security-policy']);
    assert.ok(pageCsp.includes("frame-src 'self'") && pageCsp.includes("frame-ancestors 'none'"), pageCsp);
    for (const url of ['/api/v1/sources', `/api/v1/sources/${hostileId}`, `/api/v1/sources/${hostileId}/original`]) {
      const res = await api.app.inject({ url, headers: { cookie: viewer.cookie } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
    }
  });

  test('a plain-text source is shown as its text, escaped, one paragraph per block', async () => {
    const paste = await api.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: asBrowser(analyst),
      payload: { text: 'Police detained <script>alert(1)</script> two journalists in Oral.\n\nTheir colleagues said so <img src=x onerror=alert(2)>.' },
    });
    assert.equal(paste.statusCode, 201, paste.body);
    const html = (await view(paste.json().id)).body;
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /<p>Police detained &lt;script&gt;alert\(1\)&lt;\/script&gt; two journalists in Oral\.<\/p>/);
    assert.equal(html.match(/<p>/g)?.length, 2);
  });

  test('the extraction is "not found" until the source is processed, then served', async () => {
    const before = await api.app.inject({ url: `/api/v1/sources/${hostileId}/extraction`, headers: { cookie: viewer.cookie } });
    assert.equal(before.statusCode, 404);
    assert.deepEqual(errorOf(before).details, { reason: 'not-processed' });
    const listed = await api.app.inject({ url: '/api/v1/sources', headers: { cookie: viewer.cookie } });
    assert.ok(listed.json().items.every((s: { processing: { status: string } }) => s.processing.status === 'pending'));
    for (const run of await api.app.chronicle.records.jobs.runPending()) assert.ok(run.ok, run.error);
    const after = await api.app.inject({ url: `/api/v1/sources/${hostileId}/extraction`, headers: { cookie: viewer.cookie } });
    assert.equal(after.statusCode, 200);
    assert.match(after.json().extraction.text, /detained twelve oil workers/);
    assert.doesNotMatch(after.json().extraction.text, /alert\(|evil\.example/, 'the cleaner kept no script either');
  });
});
