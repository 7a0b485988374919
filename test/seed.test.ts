import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { articleSchema } from '../src/domain/article.js';
import { cleanPlainText } from '../src/pipeline/clean/plain-text.js';
import { SEED_PATH } from './support/tmp.js';

const seedPath = SEED_PATH;

test('the seed cleans into the article it contains', () => {
  const result = cleanPlainText(readFileSync(seedPath, 'utf8'));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const a = result.value;
  assert.doesNotThrow(() => articleSchema.parse(a));

  assert.equal(a.title, 'Kazakhstan’s Human Rights Crackdown');
  assert.equal(a.subtitle, 'Astana Is Moving Backwards');

  const caption = "Ak Orda, the official residence of Kazakhstan's President, in Astana, June 2011.";
  assert.ok(
    a.credits.some((c) => c.caption === caption && c.credit === 'Shamil Zhumatov / REUTERS'),
    JSON.stringify(a.credits),
  );
  assert.ok(!a.text.includes('Ak Orda'));
  assert.ok(!a.text.includes('Zhumatov'));

  assert.ok(a.text.startsWith('U.S. President-elect Donald Trump'), a.text.slice(0, 40));

  // The pull quote is gone; the body sentence it restates stays.
  const pullQuote = 'Kazakhstan’s heavy-handed control of society and a crackdown on dissent have been intensifying.';
  assert.ok(!a.text.includes(pullQuote));
  assert.ok(a.text.includes('In reality, its heavy-handed control of society'));

  for (const chrome of ['Loading, please wait', 'Related Articles', 'cookies', 'Click here']) {
    assert.ok(!a.text.includes(chrome), chrome);
  }
  assert.ok(a.text.endsWith('against government plans'));
  assert.equal(a.truncated, true);
  assert.equal(a.language, 'en');

  const p = a.publishedAt;
  assert.ok(p && p.estimated && p.from && p.to, JSON.stringify(p));
  assert.ok(p.from! <= '2016-12-20' && '2016-12-20' <= p.to!, JSON.stringify(p));
  assert.ok(p.from! >= '2016-06-01' && p.to! <= '2017-03-31', JSON.stringify(p));

  for (const { start, end } of a.paragraphs) {
    assert.ok(0 <= start && start < end && end <= a.text.length);
  }
  assert.equal(a.paragraphs.map((q) => a.text.slice(q.start, q.end)).join('\n\n'), a.text);
});
