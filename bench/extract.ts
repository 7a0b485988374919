/**
 * Benchmark: the whole extraction stage, in one run (issue 3's `bench:extract`).
 *   - NER, dates and events: the per-part benchmarks (bench/extract-ner.ts, extract-dates.ts,
 *     extract-events.ts), each run as a child process, their JSON merged here;
 *   - end to end: `extractArticle` (tagging, dates, places, events, canonical names) over the
 *     held-out NEREL dev (ru) and GUM Wikinews (en) texts, words per CPU-second on one core;
 *   - the seed: the facts issue 3 expects from `../shared/seeds/000_cfd9752ff6140044.txt`.
 *
 *   npm run bench:extract -- --json
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanPlainText } from '../src/pipeline/clean/plain-text.js';
import { extractArticle } from '../src/pipeline/extract/extract.js';
import { languageData } from '../src/pipeline/extract/ner/corpora/datasets.js';
import { evalRoot, SEED_PATH } from './data-paths.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function runPart(file: string): unknown {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, file), '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) throw new Error(`${file} printed no JSON`);
  return JSON.parse(line);
}

function endToEnd(lang: 'en' | 'ru', set: string): { texts: number; words: number; wordsPerCpuSecond: number } {
  const docs = languageData(evalRoot, lang).evaluation[set]!();
  const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
  for (const d of docs) extractArticle(d.text, { lang, date: '2020-01-01' }); // warm-up
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const c = process.cpuUsage();
    for (const d of docs) extractArticle(d.text, { lang, date: '2020-01-01' });
    const u = process.cpuUsage(c);
    best = Math.min(best, (u.user + u.system) / 1000);
  }
  return { texts: docs.length, words, wordsPerCpuSecond: Math.round((words / best) * 1000) };
}

function seedFacts(): Record<string, boolean> {
  const raw = fs.readFileSync(SEED_PATH, 'utf8');
  const article = cleanPlainText(raw);
  if (!article.ok) throw new Error(article.reason);
  const x = extractArticle(article.value.text, { publishedAt: article.value.publishedAt, lang: 'en' });
  if (!x.ok) throw new Error(x.reason);
  const e = x.value;
  const has = (type: string, canonical: string) => e.entities.some((en) => en.type === type && en.canonical === canonical);
  const place = (name: string) => e.places.some((p) => p.name === name && p.country === 'KZ');
  return {
    'PERSON Donald Trump': has('PERSON', 'Donald Trump'),
    'PERSON Nursultan Nazarbayev': has('PERSON', 'Nursultan Nazarbayev'),
    'LOCATION Kazakhstan (resolved, KZ)': has('LOCATION', 'Kazakhstan') && place('Kazakhstan'),
    'LOCATION Astana (resolved, KZ)': has('LOCATION', 'Astana') && place('Astana'),
    'ORGANIZATION UN Security Council': e.entities.some((en) => en.type === 'ORGANIZATION' && /Security Council/.test(en.text)),
    'date "December 16" = 2016-12-16': e.dates.some((d) => d.text === 'December 16' && d.from === '2016-12-16' && d.to === '2016-12-16'),
    'protest event 2016-04..2016-05': e.events.some((ev) => ev.type === 'protest' && ev.date?.from === '2016-04-01' && ev.date?.to === '2016-05-31'),
  };
}

const result = {
  ner: runPart('extract-ner.ts'),
  dates: runPart('extract-dates.ts'),
  events: runPart('extract-events.ts'),
  endToEnd: { en: endToEnd('en', 'gum-wikinews-en'), ru: endToEnd('ru', 'nerel-ru-dev') },
  seed: seedFacts(),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else console.log(JSON.stringify(result, null, 2));
