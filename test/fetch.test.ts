import assert from 'node:assert/strict';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { isForbiddenAddress } from '../src/pipeline/capture/address-guard.js';
import { decodeHtml } from '../src/pipeline/capture/charset.js';
import { fetchUrl, type FetchOptions } from '../src/pipeline/capture/fetch.js';

describe('isForbiddenAddress', () => {
  const forbidden: [string, RegExp][] = [
    ['10.0.0.1', /private/],
    ['10.255.255.255', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['169.254.169.254', /metadata/],
    ['169.254.1.1', /link-local/],
    ['100.64.0.1', /carrier-grade/],
    ['100.127.255.255', /carrier-grade/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['192.0.2.1', /documentation/],
    ['198.51.100.7', /documentation/],
    ['203.0.113.9', /documentation/],
    ['198.18.0.1', /benchmarking/],
    ['192.0.0.8', /IETF/],
    ['::1', /loopback/],
    ['0:0:0:0:0:0:0:1', /loopback/],
    ['[::1]', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    ['fc00::1', /unique local/],
    ['fd12:3456:789a::1', /unique local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /IPv4-mapped.*127\.0\.0\.1.*loopback/],
    ['::ffff:7f00:1', /IPv4-mapped.*loopback/],
    ['::FFFF:7F00:0001', /IPv4-mapped.*loopback/],
    ['0:0:0:0:0:ffff:a9fe:a9fe', /IPv4-mapped.*metadata/],
    ['::ffff:10.1.2.3', /IPv4-mapped.*private/],
    ['64:ff9b::10.0.0.1', /NAT64.*private/],
    ['64:ff9b::7f00:1', /NAT64.*loopback/],
    ['64:ff9b:1::1', /NAT64/],
    ['2002:7f00:1::1', /6to4.*loopback/],
    ['2002:c0a8:101::', /6to4.*private/],
    ['::127.0.0.1', /IPv4-compatible/],
    ['2001:db8::1', /documentation/],
    ['3fff::1', /documentation/],
    ['2001::1', /Teredo/],
    ['100::1', /discard/],
    ['fec0::1', /site-local/],
    ['4000::1', /reserved/],
    ['localhost', /not a valid IP/],
    ['2130706433', /not a valid IP/],
    ['0177.0.0.1', /not a valid IP/],
    ['', /not a valid IP/],
    ['1.2.3', /not a valid IP/],
  ];
  for (const [ip, why] of forbidden) {
    it(`refuses ${JSON.stringify(ip)}`, () => {
      const reason = isForbiddenAddress(ip);
      assert.ok(reason !== null, `${ip} should be forbidden`);
      assert.match(reason, why);
    });
  }

  const allowed = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.1.1',
    '11.0.0.1',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ];
  for (const ip of allowed) {
    it(`allows ${ip}`, () => assert.equal(isForbiddenAddress(ip), null));
  }

  it('WHATWG URL normalises odd IPv4 spellings before the guard sees them', () => {
    for (const spelling of ['2130706433', '0x7f.1', '0177.0.0.1', '127.1', '0x7f000001']) {
      const host = new URL(`http://${spelling}/`).hostname;
      assert.equal(host, '127.0.0.1');
      assert.match(isForbiddenAddress(host) ?? '', /loopback/);
    }
    assert.match(isForbiddenAddress(new URL('http://[::ffff:127.0.0.1]/').hostname) ?? '', /loopback/);
  });
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  base: string;
  port: number;
  hits: string[];
  close: () => Promise<void>;
}

async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('nope');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const PRIVATE_OK: FetchOptions = { allowPrivate: true, timeoutMs: 5000 };

describe('fetchUrl', () => {
  let srv: TestServer;
  const cyrillic = 'Суд приговорил правозащитника к двум годам лишения свободы. Это решение осудили наблюдатели.';

  let bomb: Buffer;

  before(async () => {
    bomb = await makeGzipBomb(512);
    srv = await startServer({
      '/hello': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-extra': 'yes' });
        res.end('<html><body>hello</body></html>');
      },
      '/ua': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`${req.headers['user-agent']}|${req.headers.authorization ?? ''}`);
      },
      '/r1': (_req, res) => {
        res.writeHead(301, { location: '/r2' });
        res.end();
      },
      '/r2': (_req, res) => {
        res.writeHead(302, { location: 'r3?x=1' });
        res.end();
      },
      '/r3': (_req, res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${srv.port}/hello` });
        res.end();
      },
      '/loop': (req, res) => {
        const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? '0');
        res.writeHead(302, { location: `/loop?n=${n + 1}` });
        res.end();
      },
      '/no-location': (_req, res) => {
        res.writeHead(302);
        res.end();
      },
      '/to-file': (_req, res) => {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      },
      '/to-metadata': (_req, res) => {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
      },
      '/to-private': (_req, res) => {
        res.writeHead(301, { location: 'http://10.0.0.1/admin' });
        res.end();
      },
      '/to-localhost': (_req, res) => {
        res.writeHead(303, { location: `http://localhost:${srv.port}/hello` });
        res.end();
      },
      '/to-mapped': (_req, res) => {
        res.writeHead(308, { location: `http://[::ffff:7f00:1]:${srv.port}/hello` });
        res.end();
      },
      '/to-internal-name': (_req, res) => {
        res.writeHead(302, { location: `http://intranet.test:${srv.port}/hello` });
        res.end();
      },
      '/big-cl': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2048) });
        res.end(Buffer.alloc(2048, 0x61));
      },
      '/big-chunked': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 8; i++) res.write(Buffer.alloc(512, 0x61));
        res.end();
      },
      '/gzip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.from('compressed привет')));
      },
      '/deflate-raw': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' });
        res.end(zlib.deflateRawSync(Buffer.from('raw deflate body')));
      },
      '/deflate': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' });
        res.end(zlib.deflateSync(Buffer.from('zlib deflate body')));
      },
      '/br': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' });
        res.end(zlib.brotliCompressSync(Buffer.from('brotli body')));
      },
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(bomb);
      },
      '/bad-gzip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end('this is not gzip');
      },
      '/zstd': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'zstd' });
        res.end('x');
      },
      '/hang': () => {
        // never answers
      },
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first chunk');
        // then silence
      },
      '/truncated': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        res.write('only part');
        setTimeout(() => req.socket.destroy(), 20);
      },
      '/server-error': (_req, res) => {
        res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
        res.end('down');
      },
    });
  });
  after(async () => srv.close());

  it('fetches a page and records provenance', async () => {
    const r = await fetchUrl(`${srv.base}/hello`, PRIVATE_OK);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.value.status, 200);
    assert.equal(r.value.body.toString(), '<html><body>hello</body></html>');
    assert.equal(r.value.contentType, 'text/html; charset=utf-8');
    assert.equal(r.value.headers['x-extra'], 'yes');
    assert.equal(r.value.remoteAddress, '127.0.0.1');
    assert.equal(r.value.requestedUrl, `${srv.base}/hello`);
    assert.equal(r.value.finalUrl, `${srv.base}/hello`);
    assert.deepEqual(r.value.redirects, []);
  });

  it('sends the user agent and Basic credentials but never returns them in URLs', async () => {
    const r = await fetchUrl(`http://alice:s3cr%40t@127.0.0.1:${srv.port}/ua`, { ...PRIVATE_OK, userAgent: 'TestAgent/1' });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    const [ua, auth] = r.value.body.toString().split('|');
    assert.equal(ua, 'TestAgent/1');
    assert.equal(Buffer.from(auth!.replace('Basic ', ''), 'base64').toString(), 'alice:s3cr@t');
    assert.equal(r.value.requestedUrl, `${srv.base}/ua`);
    assert.doesNotMatch(JSON.stringify({ ...r.value, body: '' }), /s3cr|alice/);
  });

  it('follows a chain of absolute and relative redirects, recording every hop', async () => {
    const r = await fetchUrl(`${srv.base}/r1`, PRIVATE_OK);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.value.finalUrl, `${srv.base}/hello`);
    assert.deepEqual(r.value.redirects, [
      { url: `${srv.base}/r1`, status: 301 },
      { url: `${srv.base}/r2`, status: 302 },
      { url: `${srv.base}/r3?x=1`, status: 307 },
    ]);
  });

  it('fails after more than maxRedirects hops', async () => {
    const start = srv.hits.length;
    const r = await fetchUrl(`${srv.base}/loop`, PRIVATE_OK);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /too many redirects \(more than 5\)/);
    assert.equal(srv.hits.length - start, 6);
    const two = await fetchUrl(`${srv.base}/loop`, { ...PRIVATE_OK, maxRedirects: 2 });
    assert.match(two.ok ? '' : two.reason, /more than 2/);
  });

  it('fails on a redirect without Location or to a non-http scheme', async () => {
    const a = await fetchUrl(`${srv.base}/no-location`, PRIVATE_OK);
    assert.match(a.ok ? '' : a.reason, /HTTP 302 .*without a Location/);
    const b = await fetchUrl(`${srv.base}/to-file`, PRIVATE_OK);
    assert.match(b.ok ? '' : b.reason, /unsupported URL scheme "file:" \(in a redirect\)/);
  });

  it('fails on HTTP error statuses with the status in the reason', async () => {
    const r = await fetchUrl(`${srv.base}/missing`, PRIVATE_OK);
    assert.deepEqual(r, { ok: false, reason: 'HTTP 404 Not Found' });
    const s = await fetchUrl(`${srv.base}/server-error`, PRIVATE_OK);
    assert.deepEqual(s, { ok: false, reason: 'HTTP 503 Service Unavailable' });
  });

  it('enforces maxBytes from Content-Length and while streaming', async () => {
    const a = await fetchUrl(`${srv.base}/big-cl`, { ...PRIVATE_OK, maxBytes: 1024 });
    assert.deepEqual(a, { ok: false, reason: 'response exceeds 1 KB limit' });
    const b = await fetchUrl(`${srv.base}/big-chunked`, { ...PRIVATE_OK, maxBytes: 1024 });
    assert.deepEqual(b, { ok: false, reason: 'response exceeds 1 KB limit' });
    const c = await fetchUrl(`${srv.base}/big-chunked`, { ...PRIVATE_OK, maxBytes: 4096 });
    assert.ok(c.ok);
    assert.equal(c.value.body.length, 4096);
  });

  it('decompresses gzip, deflate (zlib and raw) and brotli', async () => {
    const cases: [string, string][] = [
      ['/gzip', 'compressed привет'],
      ['/deflate', 'zlib deflate body'],
      ['/deflate-raw', 'raw deflate body'],
      ['/br', 'brotli body'],
    ];
    for (const [path, expected] of cases) {
      const r = await fetchUrl(`${srv.base}${path}`, PRIVATE_OK);
      assert.ok(r.ok, r.ok ? '' : `${path}: ${r.reason}`);
      assert.equal(r.value.body.toString('utf8'), expected);
    }
  });

  it('stops a compression bomb at the decompressed limit', async () => {
    const before = process.memoryUsage().rss;
    assert.ok(bomb.length < 1024 * 1024, 'the bomb is small on the wire');
    const r = await fetchUrl(`${srv.base}/bomb`, { ...PRIVATE_OK, maxBytes: 1024 * 1024 });
    assert.deepEqual(r, { ok: false, reason: 'response exceeds 1 MB limit' });
    // Inflating it would take 512 MB.
    assert.ok(process.memoryUsage().rss - before < 128 * 1024 * 1024, 'bomb must not be inflated in memory');
  });

  it('fails cleanly on a corrupt or unsupported encoding', async () => {
    const a = await fetchUrl(`${srv.base}/bad-gzip`, PRIVATE_OK);
    assert.match(a.ok ? '' : a.reason, /decompress/);
    const b = await fetchUrl(`${srv.base}/zstd`, PRIVATE_OK);
    assert.match(b.ok ? '' : b.reason, /unsupported Content-Encoding "zstd"/);
  });

  it('times out on a server that never answers', async () => {
    const t0 = Date.now();
    const r = await fetchUrl(`${srv.base}/hang`, { allowPrivate: true, timeoutMs: 300 });
    assert.deepEqual(r, { ok: false, reason: 'timed out after 300 ms' });
    assert.ok(Date.now() - t0 < 2000);
  });

  it('counts a DNS lookup that never answers against the total timeout', async () => {
    const r = await fetchUrl('http://slow-dns.test/', { timeoutMs: 200, resolve: () => new Promise<string[]>(() => {}) });
    assert.deepEqual(r, { ok: false, reason: 'timed out after 200 ms' });
  });

  it('applies the idle timeout to a server that goes silent mid-body', async () => {
    const t0 = Date.now();
    const r = await fetchUrl(`${srv.base}/trickle`, { allowPrivate: true, timeoutMs: 5000, idleTimeoutMs: 200 });
    assert.deepEqual(r, { ok: false, reason: 'timed out after 200 ms without data' });
    assert.ok(Date.now() - t0 < 2000);
  });

  it('fails when the connection closes before the declared length', async () => {
    const r = await fetchUrl(`${srv.base}/truncated`, PRIVATE_OK);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /closed before the response was complete|connection reset/);
  });

  it('reports connection refused and unknown hosts in one line', async () => {
    const closed = await startServer({});
    const port = closed.port;
    await closed.close();
    const a = await fetchUrl(`http://127.0.0.1:${port}/`, PRIVATE_OK);
    assert.match(a.ok ? '' : a.reason, /^connection refused \(127\.0\.0\.1:\d+\)$/);
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    const b = await fetchUrl('http://nowhere.invalid/', { resolve: () => Promise.reject(notFound) });
    assert.deepEqual(b, { ok: false, reason: 'host not found: nowhere.invalid' });
    const c = await fetchUrl('http://empty.test/', { resolve: async () => [] });
    assert.deepEqual(c, { ok: false, reason: 'host not found: empty.test' });
  });

  it('reports a TLS failure (self-signed certificate) in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-tls-'));
    try {
      // openssl is installed by .ci/install-deps.sh; a missing one fails here rather than skipping.
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore', timeout: 20_000 });
      const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('secret'));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const port = (server.address() as AddressInfo).port;
      try {
        const r = await fetchUrl(`https://127.0.0.1:${port}/`, PRIVATE_OK);
        assert.equal(r.ok, false);
        assert.match(r.ok ? '' : r.reason, /^TLS error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)$/);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/x', 'data:text/html,hi', 'javascript:alert(1)', 'gopher://x/']) {
      const r = await fetchUrl(url);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.reason, /unsupported URL scheme .*only http: and https:/);
    }
    assert.deepEqual(await fetchUrl('not a url'), { ok: false, reason: 'invalid URL' });
  });

  it('refuses loopback and private targets before connecting', async () => {
    const start = srv.hits.length;
    const urls = [
      `${srv.base}/hello`,
      `http://2130706433:${srv.port}/hello`,
      `http://0x7f.0.0.1:${srv.port}/hello`,
      `http://0177.0.0.1:${srv.port}/hello`,
      `http://[::1]:${srv.port}/hello`,
      `http://[::ffff:127.0.0.1]:${srv.port}/hello`,
      `http://localhost:${srv.port}/hello`,
      `http://LOCALHOST.:${srv.port}/hello`,
      `http://foo.localhost:${srv.port}/hello`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
    ];
    for (const url of urls) {
      const r = await fetchUrl(url, { timeoutMs: 2000 });
      assert.equal(r.ok, false, url);
      assert.match(r.ok ? '' : r.reason, /^refused: /, url);
    }
    assert.equal(srv.hits.length, start, 'the server must see no request');
  });

  it('refuses a name if any resolved address is forbidden (DNS rebinding set-up)', async () => {
    const start = srv.hits.length;
    const r = await fetchUrl(`http://mixed.test:${srv.port}/hello`, {
      resolve: async () => ['93.184.216.34', '127.0.0.1'],
      timeoutMs: 2000,
    });
    assert.match(r.ok ? '' : r.reason, /^refused: mixed\.test resolves to 127\.0\.0\.1, loopback/);
    assert.equal(srv.hits.length, start);
  });

  describe('re-checks the guard on every redirect hop', () => {
    // 'public.test' stands for a public site: it resolves to the test server, and the
    // policy treats exactly that address as public. Everything else uses the real policy.
    const asIfPublic: FetchOptions = {
      timeoutMs: 3000,
      resolve: async (host) => {
        if (host === 'public.test') return ['127.0.0.1'];
        if (host === 'intranet.test') return ['10.1.2.3'];
        throw Object.assign(new Error(`unexpected lookup ${host}`), { code: 'ENOTFOUND' });
      },
      isForbidden: (ip) => (ip === '127.0.0.1' ? null : isForbiddenAddress(ip)),
    };

    it('lets the pretend-public first hop through, pinned to the vetted address', async () => {
      const r = await fetchUrl(`http://public.test:${srv.port}/hello`, asIfPublic);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.value.remoteAddress, '127.0.0.1');
      assert.equal(r.value.finalUrl, `http://public.test:${srv.port}/hello`);
    });

    const targets: [string, RegExp][] = [
      ['/to-metadata', /^refused: 169\.254\.169\.254 is cloud metadata/],
      ['/to-private', /^refused: 10\.0\.0\.1 is private network/],
      ['/to-localhost', /^refused: localhost is a local-only host name/],
      ['/to-mapped', /^refused: ::ffff:7f00:1 is IPv4-mapped IPv6 of 127\.0\.0\.1: loopback/],
      ['/to-internal-name', /^refused: intranet\.test resolves to 10\.1\.2\.3, private network/],
    ];
    for (const [path, why] of targets) {
      it(`refuses ${path} at the redirect hop`, async () => {
        const start = srv.hits.length;
        const r = await fetchUrl(`http://public.test:${srv.port}${path}`, asIfPublic);
        assert.equal(r.ok, false);
        assert.match(r.ok ? '' : r.reason, why);
        assert.deepEqual(srv.hits.slice(start), [path], 'only the first hop reached a server');
      });
    }
  });

  it('fetches a windows-1251 page that charset.ts then decodes', async () => {
    const page = `<html><head><title>Новости</title></head><body><p>${cyrillic}</p></body></html>`;
    const bytes = Buffer.from(new Uint8Array([...page].map(cp1251Byte)));
    const local = await startServer({
      '/ru': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(bytes);
      },
      '/ru-declared': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
        res.end(bytes);
      },
    });
    try {
      const detected = await fetchUrl(`${local.base}/ru`, PRIVATE_OK);
      assert.ok(detected.ok, detected.ok ? '' : detected.reason);
      const d = decodeHtml(detected.value.body, detected.value.contentType);
      assert.equal(d.charset, 'windows-1251');
      assert.equal(d.source, 'detected');
      assert.ok(d.text.includes(cyrillic));
      const declared = await fetchUrl(`${local.base}/ru-declared`, PRIVATE_OK);
      assert.ok(declared.ok);
      const h = decodeHtml(declared.value.body, declared.value.contentType);
      assert.deepEqual([h.charset, h.source], ['windows-1251', 'header']);
      assert.equal(h.text, page);
    } finally {
      await local.close();
    }
  });
});

/** Gzips `megabytes` MB of zeros without holding them: ~1000:1, small on the wire. */
async function makeGzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(out);
}

/** Encodes one character as windows-1251 (enough for Russian text and ASCII). */
function cp1251Byte(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x401) return 0xa8;
  if (code === 0x451) return 0xb8;
  throw new Error(`not in test encoder: ${ch}`);
}
