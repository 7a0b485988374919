import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WARCParser, type WARCRecord } from 'warcio';
import { ArchiveService } from '../src/services/archive.service.js';
import { IntegrityService } from '../src/services/integrity.service.js';
import { buildPdf } from './support/pdf.js';
import { openTestStore, type TestStore } from './support/storage.js';
import { makeTempDir, SEED_PATH } from './support/tmp.js';

const SEED = SEED_PATH;

const ARTICLE_HTML = (boilerplate: string) => `<!doctype html><html lang="en"><head><title>Activists detained in Atyrau</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Activists detained in Atyrau</h1>
<p>Police in the western Kazakh city of Atyrau detained at least thirty people on Sunday as they gathered in the central square to protest against proposed changes to the land code, witnesses said.</p>
<p>The protesters, many of them farmers from nearby villages, said the amendments would allow foreign companies to lease agricultural land for up to twenty-five years, a prospect that has alarmed rural communities across the country.</p>
<p>A court later fined several of the detained activists for taking part in an unsanctioned gathering, according to local human rights defenders who attended the hearings.</p>
</article>${boilerplate}</body></html>`;

describe('capture service', () => {
  let store: TestStore;
  before(async () => {
    store = await openTestStore();
  });
  after(async () => {
    await store.handle.close();
  });

  test('captures the seed file with provenance, blob and article', async () => {
    const o = await store.capture.capture(SEED, store.settings, { store: true });
    assert.ok(o.ok, !o.ok ? o.error : '');
    assert.equal(o.stored, true);
    assert.equal(o.mediaType, 'text/plain');
    assert.equal(o.provenance.origin, 'file');
    assert.equal(o.provenance.capturedBy, 'tester');
    assert.equal(o.provenance.fileName, '000_cfd9752ff6140044.txt');
    assert.match(o.provenance.capturedAt, /^\d{4}-\d\d-\d\dT.*Z$/);
    const stored = await store.blobs.get(o.sha256);
    assert.deepEqual(stored, fs.readFileSync(SEED));
    assert.equal(o.article?.title, 'Kazakhstan’s Human Rights Crackdown');
    const row = await store.sources.findById(o.id!);
    assert.equal(row?.sha256, o.sha256);
    assert.equal((await store.sources.findArticle(o.id!))?.article?.title, o.article?.title);
  });

  test('the same bytes again are not stored twice', async () => {
    const before = await store.sources.count();
    const o = await store.capture.capture(SEED, store.settings, { store: true });
    assert.ok(o.ok);
    assert.equal(o.stored, false);
    assert.equal(o.duplicateKind, 'exact');
    assert.equal(o.duplicateOf, o.id);
    assert.equal(await store.sources.count(), before);
  });

  test('a syndicated copy with different boilerplate is a near duplicate', async () => {
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'a.html'), ARTICLE_HTML('<footer>© 2016 Site A. All rights reserved.</footer>'));
    fs.writeFileSync(path.join(dir, 'b.html'), ARTICLE_HTML('<aside><h2>Related Articles</h2><ul><li><a href="/x">Other news</a></li></ul></aside><footer>Copyright Site B</footer>'));
    const a = await store.capture.capture(path.join(dir, 'a.html'), store.settings, { store: true });
    const b = await store.capture.capture(path.join(dir, 'b.html'), store.settings, { store: true });
    assert.ok(a.ok && b.ok);
    assert.equal(a.duplicateOf, null);
    assert.equal(b.stored, true);
    assert.notEqual(a.sha256, b.sha256);
    assert.equal(b.duplicateKind, 'near');
    assert.equal(b.duplicateOf, a.id);
    assert.equal((await store.sources.findById(b.id!))?.duplicateOf, a.id);
  });

  test('bad inputs get a clear error and store nothing', async () => {
    const dir = makeTempDir();
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    const garbage = path.join(dir, 'garbage.bin');
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const huge = path.join(dir, 'huge.html');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 2 * 1024 ** 3); // sparse: 2 GB without writing it
    const before = await store.sources.count();
    const cases: [string, RegExp][] = [
      [empty, /empty/],
      [garbage, /unsupported/],
      [huge, /2 GB, over the 20 MB limit/],
      [dir, /directory/],
      [path.join(dir, 'nope.html'), /no such file/],
      ['ftp://example.org/x', /unsupported URL scheme/],
    ];
    for (const [input, reason] of cases) {
      const o = await store.capture.capture(input, store.settings, { store: true });
      assert.equal(o.ok, false, input);
      assert.match(!o.ok ? o.error : '', reason);
    }
    assert.equal(await store.sources.count(), before);
  });

  test('deeply nested HTML and invalid UTF-8 never crash', async () => {
    const dir = makeTempDir();
    const nested = path.join(dir, 'nested.html');
    fs.writeFileSync(nested, `<html><body>${'<div>'.repeat(10000)}<p>${'Deep text about a court hearing in Almaty. '.repeat(20)}</p>${'</div>'.repeat(10000)}</body></html>`);
    const invalid = path.join(dir, 'invalid.txt');
    fs.writeFileSync(invalid, Buffer.concat([Buffer.from('Title\n\nSome report text about detentions in Almaty, with a broken byte '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' in the middle of it.\n')]));
    for (const input of [nested, invalid]) {
      const o = await store.capture.capture(input, store.settings, { store: false });
      assert.ok(o.ok, !o.ok ? o.error : '');
    }
  });

  test('a PDF is captured from its text layer; one without text is kept with the failure recorded', async () => {
    const dir = makeTempDir();
    const withText = path.join(dir, 'statement.pdf');
    fs.writeFileSync(withText, buildPdf(['BT /F1 12 Tf 72 720 Td (The Bureau reported that two activists were detained in Almaty on Monday.) Tj ET'], { title: 'Bureau statement' }));
    const scanned = path.join(dir, 'scan.pdf');
    fs.writeFileSync(scanned, buildPdf([null]));
    const a = await store.capture.capture(withText, store.settings, { store: true });
    assert.ok(a.ok, !a.ok ? a.error : '');
    assert.equal(a.mediaType, 'application/pdf');
    assert.match(a.article?.text ?? '', /two activists were detained in Almaty/);
    const b = await store.capture.capture(scanned, store.settings, { store: true });
    assert.ok(b.ok, !b.ok ? b.error : '');
    assert.equal(b.stored, true, 'the original is evidence even without a text layer');
    assert.equal(b.article, null);
    assert.match(b.cleanError ?? '', /no text layer/);
    assert.equal((await store.sources.findArticle(b.id!))?.error, b.cleanError);
  });

  test('--no-store writes nothing', async () => {
    const before = await store.sources.count();
    const o = await store.capture.capture(SEED, store.settings, { store: false });
    assert.ok(o.ok);
    assert.equal(o.id, null);
    assert.equal(o.stored, false);
    assert.equal(await store.sources.count(), before);
  });

  test('URL capture records provenance; a refused fetch stores nothing', async () => {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/old') {
        res.writeHead(301, { location: '/news/1' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251', 'x-test': 'yes' });
      const html = '<html><head><title>Задержание в Алматы</title></head><body><article><h1>Задержание в Алматы</h1>' +
        '<p>Полиция задержала нескольких активистов у здания акимата в Алматы, сообщили правозащитники. Задержанных доставили в районное управление полиции.</p>' +
        '<p>Позже суд назначил им административные аресты сроком от пяти до десяти суток за участие в несанкционированном митинге.</p></article></body></html>';
      res.end(encode1251(html));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/old`;
    try {
      const before = await store.sources.count();
      const refused = await store.capture.capture(url, store.settings, { store: true });
      assert.equal(refused.ok, false);
      assert.match(!refused.ok ? refused.error : '', /loopback|private|refus/i);
      assert.equal(hits, 0, 'the guard refuses before connecting');
      assert.equal(await store.sources.count(), before);

      const allowed = { ...store.settings, acquire: { ...store.settings.acquire, fetch: { allowPrivate: true, timeoutMs: 5000 } } };
      const o = await store.capture.capture(url, allowed, { store: true });
      assert.ok(o.ok, !o.ok ? o.error : '');
      assert.equal(o.provenance.requestedUrl, url);
      assert.equal(o.provenance.finalUrl, url.replace('/old', '/news/1'));
      assert.equal(o.provenance.httpStatus, 200);
      assert.deepEqual(o.provenance.redirects.map((r) => r.status), [301]);
      assert.equal(o.provenance.httpHeaders?.['x-test'], 'yes');
      assert.equal(o.article?.title, 'Задержание в Алматы');
      assert.equal(o.article?.language, 'ru');
      assert.match(o.article?.text ?? '', /Полиция задержала/);

      // The URL capture exports as a WARC response record with its provenance.
      const out = path.join(makeTempDir(), 'urls.warc.gz');
      await new ArchiveService(store.sources, store.blobs).exportWarc(out, store.settings.tool);
      const records: WARCRecord[] = [];
      for await (const r of new WARCParser([fs.readFileSync(out)])) {
        await r.readFully(true);
        records.push(r);
      }
      const response = records.find((r) => r.warcType === 'response');
      assert.ok(response, 'a response record');
      assert.equal(response.warcTargetURI, o.provenance.finalUrl);
      assert.equal(response.warcHeaders.headers.get('WARC-Source-URI'), url);
      assert.equal(response.warcHeaders.headers.get('WARC-IP-Address'), '127.0.0.1');
      assert.equal(response.warcHeaders.headers.get('WARC-Payload-Digest'), `sha256:${o.sha256}`);
      assert.equal(response.httpHeaders?.statusCode, 200);
    } finally {
      server.close();
    }
  });

  test('verify finds a missing or altered original', async () => {
    const integrity = new IntegrityService(store.sources, store.blobs);
    const clean = await integrity.verify();
    assert.equal(clean.problems.length, 0);
    assert.equal(clean.checked, await store.sources.count());
    const [first, second] = await store.sources.listPage(null, 2);
    const p1 = store.blobs.pathFor(first!.sha256);
    fs.chmodSync(p1, 0o600);
    fs.appendFileSync(p1, 'tampered');
    fs.rmSync(store.blobs.pathFor(second!.sha256));
    const report = await integrity.verify();
    assert.deepEqual(
      report.problems.map((p) => [p.sourceId, p.problem]).sort(),
      [[first!.id, 'mismatch'], [second!.id, 'missing']].sort(),
    );
  });
});

/** windows-1251 encoding for the Cyrillic test page (Node has no encoder for it). */
function encode1251(s: string): Buffer {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}
