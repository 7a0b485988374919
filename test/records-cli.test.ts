/**
 * The walk-through, through the CLI as a person types it: capture three reports of one
 * detention, work the jobs, accept the proposed event, show it with every claim, see its history,
 * search it in either script — and the bad inputs the issue lists.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { makeTempDir, repoRoot } from './support/tmp.js';

const BIN = path.join(repoRoot, 'bin/chronicle.js');
const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'incident');
const data = makeTempDir();

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHRONICLE_USER: 'reviewer' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]): Record<string, any>[] {
  const r = run([...args, '--json']);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('case records through the CLI', () => {
  let eventId = '';

  before(() => {
    json(['capture', ...['en-news.html', 'ru-news.html', 'ru-ngo-statement.txt'].map((f) => path.join(FIXTURES, f))]);
  });

  test('--help on every records command', () => {
    for (const args of [['jobs', 'run'], ['jobs', 'retry'], ['suggestions', 'list'], ['suggestions', 'edit'], ['events', 'show'], ['events', 'code'], ['entities', 'merge'], ['entities', 'split'], ['search']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage: chronicle/);
    }
  });

  test('jobs run extracts all three captures', () => {
    const runs = json(['jobs', 'run']);
    assert.equal(runs.length, 3);
    for (const r of runs) assert.equal(r.status, 'done', r.error);
  });

  test('one proposed event with three sources; accept it; show lists every claim with its span', () => {
    const events = json(['events', 'list', '--type', 'detention']);
    assert.equal(events.length, 1);
    eventId = events[0]!.id;
    assert.equal(events[0]!.sourceCount, 3);
    assert.ok(events[0]!.independentSources >= 2);
    const suggestion = json(['suggestions', 'list', '--kind', 'event']).find((s) => s.eventId === eventId);
    assert.ok(suggestion);
    const [accepted] = json(['suggestions', 'accept', suggestion.id, '--comment', 'checked against the court record']);
    assert.equal(accepted!.suggestion.status, 'accepted');
    const [shown] = json(['events', 'show', eventId]);
    assert.equal(shown!.status, 'confirmed');
    assert.ok(shown!.claims.length > 0);
    for (const c of shown!.claims) assert.ok(c.sourceId && Number.isInteger(c.start) && Number.isInteger(c.end) && typeof c.quote === 'string');
    const victim = shown!.acts.find((a: any) => a.victim)?.victim;
    const [person] = json(['entities', 'show', victim.id]);
    assert.ok(person!.aliases.latin.length > 0 && person!.aliases.cyrillic.length > 0, 'aliases in both scripts');

    const twice = run(['suggestions', 'accept', suggestion.id]);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /^chronicle: suggestion \S+ was already accepted by reviewer/);
  });

  test('events history shows the change, who made it and why', () => {
    const history = json(['events', 'history', eventId]);
    const accepted = history.find((v) => v.changes.some((c: any) => c.field === 'status' && c.to === 'confirmed'));
    assert.ok(accepted);
    assert.equal(accepted.actor, 'reviewer');
    assert.equal(accepted.comment, 'checked against the court record');
    const text = run(['events', 'history', eventId]);
    assert.match(text.stdout, /status: "proposed" → "confirmed"/);
  });

  test('search finds the event and the sources in either script', () => {
    for (const q of ['Koshanov', 'Кошанов', 'Qoshanov']) {
      const [result] = json(['search', q]);
      assert.ok(result!.hits.some((h: any) => h.id === eventId), q);
      assert.ok(result!.hits.filter((h: any) => h.kind === 'source').length === 3, q);
    }
    const human = run(['search', 'Koshanov', '--kind', 'event']);
    assert.equal(human.code, 0);
    assert.match(human.stdout, /«Koshanov»|«Кошанов»/);
  });

  test('bad input: clear one-line errors and a usage exit code', () => {
    const cases: [string[], RegExp][] = [
      [['search', '"" - OR'], /no searchable|search/i],
      [['search', 'x'.repeat(10_000)], /1000|long/],
      [['search', 'protest', '--colour', 'red'], /unknown option/],
      [['search', 'protest', '--kind', 'tweet'], /--kind must be one of/],
      [['entities', 'merge', 'ent_x', 'ent_x'], /not found|itself/],
      [['events', 'list', '--status', 'deleted'], /unknown status/],
      [['suggestions', 'edit', 'sug_x', '--set', 'nothing'], /field=value/],
    ];
    for (const [args, pattern] of cases) {
      const r = run(args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, `short error for ${args[0]}`);
    }
  });
});
