/**
 * Benchmark: date extraction on TempEval-3 TBAQ (TimeBank + AQUAINT, 256 TimeML documents).
 * Detection P/R/F1 for TIMEX3 type DATE (strict exact span and lenient overlap), value accuracy
 * (share of lenient-matched gold DATEs whose TIMEX3 value we reproduce exactly), value F1, and
 * milliseconds per 1,000 words (extraction only, after a warm-up pass, median of 5 runs).
 *
 *   npm run bench:extract-dates            # table
 *   npm run bench:extract-dates -- --json  # one JSON object
 *   npm run bench:extract-dates -- --errors  # every miss and wrong value, for rule work
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractDates } from '../src/pipeline/extract/dates/extract-dates.js';
import { type TimemlDoc, parseTimeml, scoreDates } from './dates-metrics.js';
import { evalRoot } from './data-paths.js';

export const TBAQ_DIR = join(evalRoot, 'tempeval3-tbaq/TBAQ-cleaned');

export function loadTbaq(dir = TBAQ_DIR): TimemlDoc[] {
  if (!existsSync(dir)) throw new Error(`TBAQ not found at ${dir}`);
  const docs: TimemlDoc[] = [];
  for (const sub of ['TimeBank', 'AQUAINT']) {
    for (const f of readdirSync(join(dir, sub)).filter((n) => n.endsWith('.tml')).sort()) {
      docs.push(parseTimeml(f, readFileSync(join(dir, sub, f), 'utf8')));
    }
  }
  return docs;
}

export function evaluateTbaq(docs: TimemlDoc[]) {
  const results = docs.map((d) => ({ doc: d, gold: d.gold, predicted: extractDates(d.text, { lang: 'en', reference: d.dct }) }));
  return { results, score: scoreDates(results) };
}

function main(): void {
  const args = process.argv.slice(2);
  const docs = loadTbaq();
  const { results, score } = evaluateTbaq(docs);
  const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const d of docs) extractDates(d.text, { lang: 'en', reference: d.dct });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const msPer1000Words = (runs[2]! / words) * 1000;
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const prf = (p: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }) => ({ precision: round(p.precision), recall: round(p.recall), f1: round(p.f1), tp: p.tp, fp: p.fp, fn: p.fn });
  const out = {
    corpus: 'tempeval3-tbaq (TimeBank + AQUAINT)', documents: docs.length, words,
    goldDates: score.strict.tp + score.strict.fn,
    detectionStrict: prf(score.strict), detectionLenient: prf(score.lenient),
    valueAccuracy: round(score.valueAccuracy), valueCorrect: score.valueCorrect, matched: score.matched,
    valueF1: round(score.valueF1), ignoredOtherTimexTypes: score.ignored,
    msPer1000Words: round(msPer1000Words), wordsPerSecond: Math.round(words / (runs[2]! / 1000)),
  };
  if (args.includes('--errors')) {
    for (const { doc, gold, predicted } of results) {
      for (const g of gold.filter((x) => x.type === 'DATE')) {
        const p = predicted.find((m) => m.start < g.end && g.start < m.end);
        if (!p) console.log(`MISS  ${doc.dct} ${JSON.stringify(g.text)} ${g.value}  …${doc.text.slice(Math.max(0, g.start - 50), g.end + 30).replace(/\s+/g, ' ')}`);
        else if (p.timex !== g.value) console.log(`VALUE ${doc.dct} ${JSON.stringify(g.text)} gold=${g.value} ours=${p.timex} (${JSON.stringify(p.text)})  …${doc.text.slice(Math.max(0, g.start - 60), g.end + 40).replace(/\s+/g, ' ')}`);
      }
      for (const p of predicted) {
        if (!gold.some((g) => p.start < g.end && g.start < p.end)) console.log(`FP    ${doc.dct} ${JSON.stringify(p.text)} ${p.timex}  …${doc.text.slice(Math.max(0, p.start - 50), p.end + 30).replace(/\s+/g, ' ')}`);
      }
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify(out));
  else {
    const row = (name: string, p: { precision: number; recall: number; f1: number }) => `${name.padEnd(20)} P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}`;
    console.log(`${out.corpus}: ${out.documents} documents, ${out.words} words, ${out.goldDates} gold DATE timexes`);
    console.log(row('detection strict', out.detectionStrict));
    console.log(row('detection lenient', out.detectionLenient));
    console.log(`value accuracy       ${out.valueAccuracy.toFixed(3)} (${out.valueCorrect}/${out.matched} matched)   value F1 ${out.valueF1.toFixed(3)}`);
    console.log(`speed                ${out.msPer1000Words.toFixed(3)} ms / 1,000 words (${out.wordsPerSecond} words/s)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
