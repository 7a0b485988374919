import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { installTurns } from '../src/api/turns.js';

/** Blocks the event loop for `ms`, as a computed answer does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

async function server() {
  const app = Fastify();
  const started: string[] = [];
  // Stands for the response cache: answers some requests before the turns hook.
  app.addHook('preHandler', async (request, reply) => {
    if ((request.query as { cached?: string }).cached !== undefined) return reply.send('cached');
  });
  const turns = installTurns(app);
  app.get('/work/:n', async (request) => {
    const { n } = request.params as { n: string };
    started.push(n);
    setImmediate(() => started.push(`tick after ${n}`));
    busy(60);
    return `work ${n}`;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, started, turns, port: (app.server.address() as AddressInfo).port };
}

/**
 * Runs a client in another process (this one's event loop is the server's) on `sockets`
 * connections opened and answered once beforehand: a server accepts one new connection per
 * turn, so requests on new connections would arrive one per turn whatever the hook does.
 * `work` sends `/work/1…N` on the first N connections at once; with `cachedAfterFirst`, a cached
 * request goes on the last connection once the first answer is in. Resolves with the answers
 * in the order they came.
 */
async function client(port: number, work: number, cachedAfterFirst: boolean): Promise<string[]> {
  const expected = work + (cachedAfterFirst ? 1 : 0);
  const script = `
    const net = require('node:net');
    const done = [];
    const sockets = [];
    const ask = (s, path) => s.write('GET ' + path + ' HTTP/1.1\\r\\nhost: x\\r\\n\\r\\n');
    const open = () => new Promise((resolve) => {
      const s = net.connect(${port}, '127.0.0.1');
      let warm = true;
      s.on('data', (d) => {
        const m = /(work \\d+|cached)$/.exec(String(d));
        if (!m) return;
        if (warm) { warm = false; return resolve(s); }
        done.push(m[1]);
        if (done.length === 1 && ${cachedAfterFirst}) ask(sockets[${work}], '/work/0?cached');
        if (done.length === ${expected}) { console.log(JSON.stringify(done)); process.exit(0); }
      });
      ask(s, '/work/0?cached');
    });
    (async () => {
      for (let i = 0; i < ${expected}; i++) sockets.push(await open());
      for (let i = 0; i < ${work}; i++) ask(sockets[i], '/work/' + (i + 1));
    })();
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, `client: ${out}`);
  return JSON.parse(out) as string[];
}

describe('turns: one computed answer per turn of the event loop', () => {
  test('requests waiting together are computed one per turn', async () => {
    const { app, started, turns, port } = await server();
    try {
      const answers = await client(port, 4, false);
      assert.deepEqual([...answers].sort(), ['work 1', 'work 2', 'work 3', 'work 4']);
      const order = started.filter((s) => !s.startsWith('tick'));
      assert.equal(order.length, 4);
      // A turn passes between two computed answers: what one schedules for the next turn runs
      // before the one after next starts.
      for (let i = 0; i + 2 < order.length; i++) {
        assert.ok(started.indexOf(`tick after ${order[i]}`) < started.indexOf(order[i + 2]!), started.join(', '));
      }
      assert.equal(turns.waiting(), 0);
    } finally {
      await app.close();
    }
  });

  test('an answer that needs no computing does not wait behind computed ones', async () => {
    const { app, port } = await server();
    try {
      const done = await client(port, 5, true);
      const at = done.indexOf('cached');
      assert.ok(at >= 0 && at <= 3, `the cached answer came ${at + 1}th of 6: ${done.join(', ')}`);
    } finally {
      await app.close();
    }
  });
});
