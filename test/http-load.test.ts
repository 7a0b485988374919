import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { runLoad, type Answer, type LoadResult } from '../bench/http-load.js';

/** bench:api's load generator against servers this test starts on 127.0.0.1. */

interface Asked {
  path: string;
  /** Body bytes the server sends for this path. */
  size: number;
}

/** Runs the load and keeps every answer; `next(i)` is the i-th request sent. */
async function collect<C>(
  base: string,
  o: { connections: number; durationS: number; timeoutS?: number; headers?: Record<string, string>; next: (i: number) => { path: string; context: C } },
): Promise<{ r: LoadResult; seen: Answer<C>[] }> {
  const seen: Answer<C>[] = [];
  let i = 0;
  const r = await runLoad<C>({ base, connections: o.connections, durationS: o.durationS, timeoutS: o.timeoutS ?? 30, headers: o.headers ?? {}, next: () => o.next(i++), onResponse: (a) => seen.push(a) });
  return { r, seen };
}

function listen(server: http.Server | net.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`));
  });
}

describe('http-load', () => {
  let base = '';
  let answered = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const n = Number(url.searchParams.get('n') ?? 0);
    const body = Buffer.alloc(n, 0xc3); // not valid UTF-8 on its own, like gzip
    if (url.pathname === '/hang') return; // never answered
    answered++;
    if (url.pathname === '/len') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n, 'x-chronicle-cache': n % 2 ? 'hit' : 'miss' });
      // In two writes, a moment apart: the body arrives in more than one piece.
      res.write(body.subarray(0, n >> 1));
      setImmediate(() => res.end(body.subarray(n >> 1)));
    } else if (url.pathname === '/chunked') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }); // no length: Node sends chunks
      res.write(body.subarray(0, n >> 2));
      res.write(body.subarray(n >> 2, n >> 1));
      setImmediate(() => res.end(body.subarray(n >> 1)));
    } else if (url.pathname === '/missing') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'x'.repeat(3000) } }));
    } else if (url.pathname === '/close') {
      res.writeHead(200, { 'content-length': n, connection: 'close' });
      res.end(body);
    } else {
      res.writeHead(500, { 'content-length': 0 });
      res.end();
    }
  });
  before(async () => {
    base = await listen(server);
  });
  after(() => server.close());

  test('every answer is read whole, with its length, status and headers, in order per connection', async () => {
    answered = 0;
    const sizes = [0, 1, 17, 4096, 70_000, 300_000];
    const { r, seen } = await collect<Asked>(base, {
      connections: 4,
      durationS: 1,
      headers: { accept: 'application/json' },
      next: (i) => {
        const size = sizes[i % sizes.length]!;
        const path = `/${i % 3 === 0 ? 'chunked' : 'len'}?n=${size}`;
        return { path, context: { path, size } };
      },
    });
    assert.ok(r.requests > 20, `only ${r.requests} answers in a second`);
    assert.equal(seen.length, r.requests);
    assert.equal(r.errors, 0, r.errorMessages.join('; '));
    assert.equal(r.timeouts, 0);
    for (const a of seen) {
      assert.equal(a.status, 200);
      assert.equal(a.bodyBytes, a.context.size, a.context.path);
      assert.equal(a.errorBody, '');
      if (a.context.path.startsWith('/len')) assert.equal(a.headers.get('x-chronicle-cache'), a.context.size % 2 ? 'hit' : 'miss');
      else assert.equal(a.headers.get('transfer-encoding'), 'chunked');
      assert.ok(a.ms >= 0);
    }
    // Each connection's first answer is flagged once; requests still in flight at the end are
    // sent but not answered (one per connection at most).
    assert.deepEqual(
      [...new Set(seen.filter((a) => a.first).map((a) => a.connection))].sort(),
      [0, 1, 2, 3],
    );
    assert.equal(seen.filter((a) => a.first).length, 4);
    assert.ok(r.sent - r.requests >= 0 && r.sent - r.requests <= 4, `sent ${r.sent}, answered ${r.requests}`);
    assert.ok(answered >= r.requests && answered <= r.requests + 4, `server answered ${answered}, load counted ${r.requests}`);
    assert.deepEqual(r.statusCodes, { 200: r.requests });
    assert.ok(r.bytes > seen.reduce((n, a) => n + a.bodyBytes, 0), 'bytes count heads and bodies');
  });

  test('non-2xx answers are counted and keep the first KB of their body; "connection: close" opens a new connection', async () => {
    const { r, seen } = await collect<string>(base, {
      connections: 2,
      durationS: 0.5,
      next: (i) => {
        const path = ['/missing', '/close?n=10', '/len?n=5'][i % 3]!;
        return { path, context: path };
      },
    });
    assert.equal(r.errors, 0, r.errorMessages.join('; '));
    const missing = seen.filter((a) => a.context === '/missing');
    assert.ok(missing.length > 0);
    for (const a of missing) {
      assert.equal(a.status, 404);
      assert.equal(a.errorBody.length, 1024);
      assert.ok(a.errorBody.startsWith('{"error":{"code":"NOT_FOUND"'));
    }
    assert.ok(seen.filter((a) => a.context.startsWith('/close')).every((a) => a.status === 200 && a.bodyBytes === 10));
    assert.equal(r.statusCodes[404], missing.length);
    assert.equal(r.statusCodes[200], seen.length - missing.length);
  });

  test('an unanswered request is a timeout: its connection is replaced and the load goes on', async () => {
    const { r, seen } = await collect<string>(base, {
      connections: 2,
      durationS: 1.2,
      timeoutS: 0.2,
      next: (i) => {
        const path = i < 2 ? '/hang' : '/len?n=3';
        return { path, context: path };
      },
    });
    assert.equal(r.timeouts, 2);
    assert.equal(r.errors, 0, r.errorMessages.join('; '));
    assert.ok(seen.length > 10 && seen.every((a) => a.context === '/len?n=3' && a.bodyBytes === 3));
  });

  test('answers that arrive in pieces of 1–3 bytes (head, chunk sizes and CRLFs split anywhere) are read right', async () => {
    // A raw server that answers every request with a chunked body, in writes of 1, 2, 3, 1, 2, 3…
    // bytes: each answer's lines are split at every place once over the answers.
    const answer = Buffer.from('HTTP/1.1 200 OK\r\nX-Chronicle-Cache: hit\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n', 'latin1');
    const raw = net.createServer((socket) => {
      socket.setNoDelay(true);
      let pending = '';
      socket.on('data', (d) => {
        pending += d.toString('latin1');
        while (pending.includes('\r\n\r\n')) {
          pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
          let k = 0;
          let piece = 0;
          const drip = () => {
            if (k >= answer.length || socket.destroyed) return;
            const n = 1 + (piece++ % 3);
            socket.write(answer.subarray(k, (k += n)));
            setTimeout(drip, 1);
          };
          drip();
        }
      });
      socket.on('error', () => {});
    });
    const rawBase = await listen(raw);
    try {
      const { r, seen } = await collect<null>(rawBase, { connections: 1, durationS: 1, next: () => ({ path: '/', context: null }) });
      assert.equal(r.errors, 0, r.errorMessages.join('; '));
      assert.ok(seen.length >= 2, `${seen.length} answers`);
      for (const a of seen) {
        assert.equal(a.status, 200);
        assert.equal(a.bodyBytes, 6);
        assert.equal(a.headers.get('x-chronicle-cache'), 'hit');
      }
    } finally {
      raw.close();
    }
  });

  test('what is not an HTTP answer is an error, and the connection is replaced', async () => {
    const raw = net.createServer((socket) => {
      socket.once('data', () => socket.write('SSH-2.0-OpenSSH\r\n\r\n'));
      socket.on('error', () => {});
    });
    const rawBase = await listen(raw);
    try {
      const { r, seen } = await collect<null>(rawBase, { connections: 1, durationS: 0.3, next: () => ({ path: '/', context: null }) });
      assert.equal(seen.length, 0, 'no answer expected');
      assert.ok(r.errors >= 2, `${r.errors} errors`);
      assert.match(r.errorMessages[0]!, /not an HTTP\/1.1 answer/);
      assert.equal(r.requests, 0);
    } finally {
      raw.close();
    }
  });
});
