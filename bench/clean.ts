/**
 * Benchmark: Chronicle's HTML cleaner against @mozilla/readability@0.6.0 (on linkedom),
 * side by side in one process, on
 *   1. the Zyte article-extraction-benchmark (181 pages; its own shingle F1 metric), and
 *   2. Mozilla's Readability test pages (130 pages; same shingle metric against the text of
 *      expected.html, plus title/byline exact match after whitespace normalisation).
 * Timing covers only the extraction call (parse + extract) of each tool: the quality pass
 * warms both up, then three timed rounds per tool (see runSet).
 *
 *   npm run bench:clean            # table
 *   npm run bench:clean -- --json  # one JSON object
 */
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { cleanHtml } from '../src/pipeline/clean/html.js';
import {
  type BodyScore,
  type TpFpFn,
  htmlToText,
  loadExtractionBenchmark,
  loadReadabilityPages,
  matchShingles,
  sameText,
  scoreBodies,
} from './clean-metrics.js';

interface Extracted { text: string; title: string | null; byline: string | null }

export function runChronicle(html: string, url?: string): Extracted {
  const r = cleanHtml(html, url ? { url } : {});
  return r.ok ? { text: r.value.text, title: r.value.title, byline: r.value.byline } : { text: '', title: null, byline: null };
}

export function runReadability(html: string): Extracted {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    return { text: article?.textContent ?? '', title: article?.title ?? null, byline: article?.byline ?? null };
  } catch {
    return { text: '', title: null, byline: null };
  }
}

interface ToolResult extends BodyScore { medianMs: number; pagesPerSecond: number; titleExact?: number; bylineExact?: number }
interface SetResult { pages: number; chronicle: ToolResult; readability: ToolResult }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : 0;
};

interface Page { html: string; truth: string; url?: string; title?: string | null; byline?: string | null }

const ROUNDS = 3;

/** Runs the garbage collector between timed blocks when node runs with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

type Tool = (html: string, url?: string) => Extracted;

/**
 * Quality from one pass per tool. Speed from ROUNDS timed passes over all pages per tool,
 * each tool in its own block (so neither pays for the other's garbage), the order of the
 * two alternating between rounds; each tool's fastest round is reported.
 */
function runSet(pages: Page[], withMeta: boolean): SetResult {
  const tools: Record<'chronicle' | 'readability', Tool> = { chronicle: runChronicle, readability: (h) => runReadability(h) };
  const summarise = (tool: Tool): ToolResult => {
    const scores: TpFpFn[] = [];
    let title = 0;
    let byline = 0;
    for (const p of pages) {
      const r = tool(p.html, p.url);
      scores.push(matchShingles(p.truth, r.text));
      if (withMeta) {
        if (sameText(r.title, p.title)) title++;
        if (sameText(r.byline, p.byline)) byline++;
      }
    }
    const res: ToolResult = { ...scoreBodies(scores), medianMs: 0, pagesPerSecond: 0 };
    if (withMeta) {
      res.titleExact = title / pages.length;
      res.bylineExact = byline / pages.length;
    }
    return res;
  };
  const result = { pages: pages.length, chronicle: summarise(tools.chronicle), readability: summarise(tools.readability) };
  const best: Record<string, { total: number; ms: number[] }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? (['readability', 'chronicle'] as const) : (['chronicle', 'readability'] as const);
    for (const name of order) {
      collectGarbage();
      const ms: number[] = [];
      for (const p of pages) {
        const t0 = performance.now();
        tools[name](p.html, p.url);
        ms.push(performance.now() - t0);
      }
      const total = ms.reduce((a, b) => a + b, 0);
      if (!best[name] || total < best[name]!.total) best[name] = { total, ms };
    }
  }
  for (const name of ['chronicle', 'readability'] as const) {
    result[name].medianMs = median(best[name]!.ms);
    result[name].pagesPerSecond = (pages.length * 1000) / best[name]!.total;
  }
  return result;
}

function main(): void {
  const json = process.argv.includes('--json');
  const zyte = loadExtractionBenchmark().map((p) => ({ html: p.html, truth: p.truth, url: p.url }));
  const moz = loadReadabilityPages().map((p) => ({ html: p.html, truth: htmlToText(p.expectedHtml), title: p.title, byline: p.byline }));
  const result = {
    metric: 'article-extraction-benchmark shingle F1 (4-token shingles of \\w+ tokens, per-page normalised, P and R averaged over pages)',
    articleExtractionBenchmark: runSet(zyte, false),
    readabilityTestPages: runSet(moz, true),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  const f = (x: number | undefined): string => (x === undefined ? '   -  ' : x.toFixed(3).padStart(6));
  for (const [name, set] of [['article-extraction-benchmark', result.articleExtractionBenchmark], ['readability-test-pages', result.readabilityTestPages]] as const) {
    console.log(`\n${name} (${set.pages} pages)`);
    console.log('tool          F1     P      R      title  byline  median ms  pages/s');
    for (const tool of ['chronicle', 'readability'] as const) {
      const r = set[tool];
      console.log(`${tool.padEnd(12)} ${f(r.f1)} ${f(r.precision)} ${f(r.recall)} ${f(r.titleExact)} ${f(r.bylineExact)}  ${r.medianMs.toFixed(2).padStart(9)}  ${r.pagesPerSecond.toFixed(1).padStart(7)}`);
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
