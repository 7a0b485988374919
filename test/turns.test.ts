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
  const turns = installTurns(app);
  // Stands for the response cache, whose hook comes after this one.
  app.addHook('preHandler', async (request, reply) => {
    if ((request.query as { cached?: string }).cached !== undefined) return reply.send('cached');
  });
  app.get('/work/:n', async (request) => {
    const { n } = request.params as { n: string };
    started.push(n);
    setImmediate(() => started.push(`tick after ${n}`));
    busy(60);
    return `work ${n}`;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  app.server.on('connection', () => started.push('connection'));
  return { app, started, turns, port: (app.server.address() as AddressInfo).port };
}

/**
 * Runs a client in another process (this one's event loop is the server's) on `sockets`
 * connections opened and answered once beforehand: a server accepts one new connection per
 * turn, so requests on new connections would arrive one per turn whatever the hook does.
 * `work` sends `/work/1…N` on the N connections at once; with `newAfterFirst`, a request on a
 * new connection follows once the first answer is in. Resolves with the answers in the order
 * they came.
 */
async function client(port: number, work: number, newAfterFirst: boolean): Promise<string[]> {
  const expected = work + (newAfterFirst ? 1 : 0);
  const script = `
    const net = require('node:net');
    const done = [];
    const sockets = [];
    const ask = (s, path) => s.write('GET ' + path + ' HTTP/1.1\\r\\nhost: x\\r\\n\\r\\n');
    const open = (warm) => new Promise((resolve) => {
      const s = net.connect(${port}, '127.0.0.1');
      s.on('data', (d) => {
        const m = /(work \\d+|cached)$/.exec(String(d));
        if (!m) return;
        if (warm) { warm = false; return resolve(s); }
        done.push(m[1]);
        if (done.length === 1 && ${newAfterFirst}) open(false);
        if (done.length === ${expected}) { console.log(JSON.stringify(done)); process.exit(0); }
      });
      ask(s, '/work/0?cached');
    });
    (async () => {
      for (let i = 0; i < ${work}; i++) sockets.push(await open(true));
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

describe('turns: one request per turn of the event loop', () => {
  test('requests waiting together are computed one per turn', async () => {
    const { app, started, turns, port } = await server();
    try {
      const answers = await client(port, 4, false);
      assert.deepEqual([...answers].sort(), ['work 1', 'work 2', 'work 3', 'work 4']);
      const order = started.filter((s) => /^\d$/.test(s));
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

  test('a new connection gets in between two computed answers, not after all of them', async () => {
    const { app, started, port } = await server();
    try {
      await client(port, 5, true);
      // Five connections, then the five computations; the sixth connection was opened once the
      // first answer was in, and is taken at the next turn, while the others still wait.
      const sixth = started.filter((s) => s === 'connection').length === 6 ? started.lastIndexOf('connection') : -1;
      assert.ok(sixth >= 0, started.join(', '));
      assert.ok(sixth < started.indexOf('4'), started.join(', '));
    } finally {
      await app.close();
    }
  });
});
