import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SHARED_ANSWERS_PREFIX } from '../src/api/shared-answers.js';
import { makeTempDir, repoRoot } from './support/tmp.js';

const BIN = path.join(repoRoot, 'bin', 'chronicle.js');

/** Resolves with the first stdout line matching `pattern`, or rejects when the process ends first. */
function waitForLine(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${out}${err}`)));
  });
}

describe('chronicle serve', () => {
  test('listens on loopback, serves the OpenAPI document, and stops cleanly on SIGTERM', async () => {
    const data = makeTempDir('chronicle-serve-');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workers', '2', '--data', data], {
      cwd: repoRoot,
      env: { ...process.env, CHRONICLE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const m = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))\//);
      const base = m[1]!;
      const doc = await fetch(`${base}/api/v1/openapi.json`);
      assert.equal(doc.status, 200);
      const openapi = (await doc.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      assert.match(openapi.openapi, /^3\./);
      for (const p of ['/api/v1/setup', '/api/v1/login', '/api/v1/sources', '/api/v1/sources/{sourceId}/original']) assert.ok(p in openapi.paths, p);
      assert.ok('Error' in openapi.components.schemas);
      assert.match(String(doc.headers.get('content-security-policy')), /default-src 'self'/);

      const setup = await fetch(`${base}/api/v1/setup`);
      assert.deepEqual(await setup.json(), { needsSetup: true, setupCodeRequired: false });
      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);

      // The workers share their kept answers in a store of this run only, readable by the owner only.
      const stores = fs.readdirSync(data).filter((f) => f.startsWith(SHARED_ANSWERS_PREFIX) && f.endsWith('.sqlite'));
      assert.equal(stores.length, 1, `one store: ${stores.join(', ')}`);
      assert.equal(fs.statSync(path.join(data, stores[0]!)).mode & 0o777, 0o600);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.deepEqual(
        fs.readdirSync(data).filter((f) => f.startsWith(SHARED_ANSWERS_PREFIX)),
        [],
        'removed when the server stops',
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('refuses a non-loopback address without --allow-remote', () => {
    const data = makeTempDir('chronicle-serve-');
    const r = spawnSync(process.execPath, [BIN, 'serve', '--host', '0.0.0.0', '--port', '0', '--data', data], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0.*--allow-remote/);
  });

  test('--workers 0 serves from one process; a port in use is a clear error whatever the process model', async () => {
    const data = makeTempDir('chronicle-serve-');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--workers', '0', '--data', data], {
      cwd: repoRoot,
      env: { ...process.env, CHRONICLE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const m = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:(\d+))\/ \(data: [^;)]*\)/);
      assert.equal((await fetch(`${m[1]}/api/v1/setup`)).status, 200);
      // The same port again, with worker processes: the worker's failure reaches the user, and nothing is left running.
      const taken = spawnSync(process.execPath, [BIN, 'serve', '--port', m[2]!, '--workers', '2', '--data', makeTempDir('chronicle-serve-')], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
      assert.equal(taken.status, 78, taken.stderr);
      assert.match(taken.stderr, /already in use/);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('rejects a bad number of workers', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--workers', 'many'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--workers/);
  });

  test('rejects a bad port', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--port', '99999'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--port/);
  });
});
