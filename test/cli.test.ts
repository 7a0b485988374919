import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { WARCParser } from 'warcio';
import { makeTempDir, repoRoot, SEED_PATH } from './support/tmp.js';

const SEED = SEED_PATH;
const BIN = path.join(repoRoot, 'bin/chronicle.js');

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CHRONICLE_USER: 'cli-tester', ...options.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(stdout: string): Record<string, any>[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('chronicle CLI', () => {
  test('--help on the program and every command', () => {
    for (const args of [['--help'], ['capture', '--help'], ['verify', '--help'], ['export', '--help'], ['export', 'warc', '--help']]) {
      const r = run(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage: chronicle/);
    }
  });

  test('--version prints the package version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
  });

  test('an unknown command or option is a usage error (exit 2)', () => {
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['capture', '--bogus', SEED]).code, 2);
    assert.equal(run(['capture']).code, 2);
  });

  test('capture the seed: the clean article, then an exact duplicate; verify; export WARC', async () => {
    const data = makeTempDir();
    const first = run(['--data', data, 'capture', '--json', SEED]);
    assert.equal(first.code, 0, first.stderr);
    const [line] = jsonLines(first.stdout);
    assert.equal(line!.input, SEED);
    assert.match(line!.id, /^src_/);
    assert.equal(line!.sha256.length, 64);
    assert.equal(line!.title, 'Kazakhstan’s Human Rights Crackdown');
    assert.equal(line!.subtitle, 'Astana Is Moving Backwards');
    assert.ok(line!.text.startsWith('U.S. President-elect Donald Trump'));
    assert.equal(line!.truncated, true);
    assert.equal(line!.language, 'en');
    assert.equal(line!.duplicateOf, null);
    assert.ok(fs.existsSync(path.join(data, 'blobs', line!.sha256.slice(0, 2), line!.sha256.slice(2, 4), line!.sha256)));

    const second = run(['--data', data, 'capture', '--json', SEED, path.join(data, 'missing.html')]);
    assert.equal(second.code, 1, 'one input failed');
    const [again, missing] = jsonLines(second.stdout);
    assert.equal(again!.id, line!.id);
    assert.equal(again!.duplicateOf, line!.id);
    assert.equal(missing!.input, path.join(data, 'missing.html'));
    assert.match(missing!.error, /no such file/);

    const stdin = run(['--data', data, 'capture', '--json', '-'], { input: 'A statement\n\nThe Bureau for Human Rights said on Monday that three activists had been detained in Almaty and held overnight without access to a lawyer.\n' });
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.equal(jsonLines(stdin.stdout)[0]!.input, '-');

    const verify = run(['--data', data, '--json', 'verify']);
    assert.equal(verify.code, 0, verify.stderr);
    assert.deepEqual(jsonLines(verify.stdout)[0], { checked: 2, ok: 2, problems: [] });

    const out = path.join(data, 'out.warc.gz');
    const exp = run(['--data', data, 'export', 'warc', '--out', out]);
    assert.equal(exp.code, 0, exp.stderr);
    // warcio reads the gzip members itself: this is the standard reader's view of the file.
    const parser = new WARCParser([fs.readFileSync(out)]);
    const records: { type: string | null; digest: string | null; payload: Uint8Array }[] = [];
    for await (const r of parser) {
      records.push({ type: r.warcType, digest: r.warcHeaders.headers.get('WARC-Payload-Digest') ?? null, payload: await r.readFully(true) });
    }
    assert.deepEqual(records.map((r) => r.type), ['warcinfo', 'resource', 'resource']);
    assert.equal(records[1]!.digest, `sha256:${line!.sha256}`);
    assert.deepEqual(Buffer.from(records[1]!.payload), fs.readFileSync(SEED));

    // Tamper with the stored original: verify must notice and fail.
    const blob = path.join(data, 'blobs', line!.sha256.slice(0, 2), line!.sha256.slice(2, 4), line!.sha256);
    fs.chmodSync(blob, 0o600);
    fs.writeFileSync(blob, 'altered');
    const bad = run(['--data', data, 'verify']);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /does not match/);
  });

  test('a reader that closes early (| head) ends the run quietly', () => {
    // bash reports chronicle's own exit status through PIPESTATUS, not head's.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" capture --no-store "${SEED}" "${SEED}" "${SEED}" | head -c 10; exit \${PIPESTATUS[0]}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.length, 10);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });

  test('a refused URL stores nothing and exits non-zero with the reason', () => {
    const data = makeTempDir();
    const r = run(['--data', data, 'capture', 'http://169.254.169.254/latest/meta-data/']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /169\.254\.169\.254/);
    assert.match(r.stderr, /link-local|metadata/i);
    const count = run(['--data', data, '--json', 'verify']);
    assert.equal(jsonLines(count.stdout)[0]!.checked, 0);
  });

  test('a bad configuration value fails at start-up naming the variable', () => {
    const r = run(['verify'], { env: { CHRONICLE_DATABASE_URL: 'mysql://x' } });
    assert.equal(r.code, 78);
    assert.match(r.stderr, /CHRONICLE_DATABASE_URL/);
  });
});
