import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { makeTempDir, repoRoot, SEED_PATH } from './support/tmp.js';

const SEED = SEED_PATH;
const BIN = path.join(repoRoot, 'bin/chronicle.js');

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CHRONICLE_USER: 'cli-tester' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(stdout: string): Record<string, any>[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

function assertOffsets(line: Record<string, any>): void {
  for (const list of ['entities', 'dates', 'places']) {
    for (const item of line[list] as { text: string; start: number; end: number }[]) {
      assert.equal(line.text.slice(item.start, item.end), item.text, `${list}: ${item.text}`);
    }
  }
}

describe('chronicle extract', () => {
  test('--json --raw: one line per input, in input order, offsets into the input as given', () => {
    const dir = makeTempDir();
    // Leading spaces and a CRLF: --raw must not clean, so offsets index the bytes as given.
    const en = '  Police detained Nursultan Nazarbayev’s critic in Almaty on 24 April 2016.\r\nNazarbayev denied it.';
    const ru = 'Президент Нурсултан Назарбаев выступил в Астане 5 января 2022 года. Позже Назарбаеву вручили награду.';
    fs.writeFileSync(path.join(dir, 'b-en.txt'), en);
    fs.writeFileSync(path.join(dir, 'a-ru.txt'), ru);
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    const inputs = [path.join(dir, 'b-en.txt'), path.join(dir, 'empty.txt'), path.join(dir, 'a-ru.txt')];
    const r = run(['extract', '--json', '--raw', ...inputs]);
    assert.equal(r.code, 1, `one input is empty: ${r.stderr}`);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(lines.map((l) => l.input), inputs);

    const [first, empty, second] = lines;
    assert.equal(first!.text, en);
    assert.equal(first!.language, 'en');
    assert.equal(first!.publishedAt, null);
    assertOffsets(first!);
    assert.ok(first!.entities.some((e: any) => e.type === 'PERSON' && e.canonical === 'Nursultan Nazarbayev'), JSON.stringify(first!.entities));
    assert.ok(first!.dates.some((d: any) => d.text === '24 April 2016' && d.from === '2016-04-24'));
    assert.ok(first!.places.some((p: any) => p.name === 'Almaty' && p.country === 'KZ'));
    assert.ok(Array.isArray(first!.events));

    assert.match(empty!.error, /empty/);
    assert.equal(empty!.text, undefined);

    assert.equal(second!.text, ru);
    assert.equal(second!.language, 'ru');
    assertOffsets(second!);
    assert.ok(second!.dates.some((d: any) => d.from === '2022-01-05'));
    assert.ok(second!.entities.some((e: any) => e.text === 'Астане' && e.canonical === 'Astana'));
  });

  test('--lang and --date: forced values; bad values are usage errors (exit 2)', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'short.txt');
    fs.writeFileSync(file, 'He was detained yesterday.');
    const r = run(['extract', '--json', '--raw', '--lang', 'en', '--date', '2022-01-06', file]);
    assert.equal(r.code, 0, r.stderr);
    const [line] = jsonLines(r.stdout);
    assert.equal(line!.language, 'en');
    assert.equal(line!.dates.find((d: any) => d.text === 'yesterday')?.from, '2022-01-05');

    for (const bad of [['--lang', 'de'], ['--date', '2022-02-30'], ['--date', 'yesterday']]) {
      const u = run(['extract', '--json', '--raw', ...bad, file]);
      assert.equal(u.code, 2, bad.join(' '));
      assert.equal(u.stdout, '');
      assert.equal(u.stderr.trim().split('\n').length, 1, u.stderr);
    }
    assert.equal(run(['extract']).code, 2);
  });

  test('extract --json on the seed cleans, extracts and writes nothing', () => {
    const parent = makeTempDir();
    const data = path.join(parent, 'data');
    const r = run(['--data', data, 'extract', '--json', SEED]);
    assert.equal(r.code, 0, r.stderr);
    const [line] = jsonLines(r.stdout);
    assert.equal(line!.input, SEED);
    assert.equal(line!.language, 'en');
    assert.ok(line!.text.startsWith('U.S. President-elect Donald Trump'));
    assert.equal(line!.publishedAt.estimated, true);
    assertOffsets(line!);
    assert.ok(line!.entities.some((e: any) => e.text === 'Nazarbayev' && e.canonical === 'Nursultan Nazarbayev'));
    assert.ok(line!.dates.some((d: any) => d.text === 'December 16' && d.from === '2016-12-16'));
    const protest = line!.events.find((e: any) => e.type === 'protest');
    assert.deepEqual([protest?.date?.from, protest?.date?.to], ['2016-04-01', '2016-05-31']);
    assert.ok(!fs.existsSync(data), 'the data folder was not created');
    assert.deepEqual(fs.readdirSync(parent), []);
  });

  test('human output: a readable summary', () => {
    const r = run(['--data', path.join(makeTempDir(), 'data'), 'extract', SEED]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /PERSON\s+Nursultan Nazarbayev ×2 {2}\(Nazarbayev\)/);
    assert.match(r.stdout, /April and May\s+2016-04-01\.\.2016-05-31 \(month\)/);
    assert.match(r.stdout, /Astana, Astana, KZ \(city\)/);
    assert.match(r.stdout, /^events \(1\):\n {2}protest 2016-04-01\.\.2016-05-31 .*protests in several cities/m);
  });
});
