/**
 * Shared scoring for the HTML cleaner: the article-extraction-benchmark metric
 * (a faithful re-implementation of its evaluate.py) and loaders for the two
 * evaluation sets. Used by `bench/clean.ts` and `test/clean-quality.test.ts`.
 *
 * Metric: tokens = Python's `\w+` (Unicode letters, numbers, underscore; case kept),
 * 4-token shingles counted as a multiset; per page TP/FP/FN from the overlap, normalised
 * to sum 1; precision averaged over pages with TP+FP>0, recall over pages with TP+FN>0;
 * F1 = harmonic mean of the two means.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { evalRoot } from './data-paths.js';

export type TpFpFn = [number, number, number];

const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text ? text.match(TOKEN_RE) ?? [] : [];
}

function countShingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text);
  const out = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    const key = slice.join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** TP/FP/FN over 4-token shingles, normalised so every page weighs the same. */
export function matchShingles(truth: string, pred: string, n = 4): TpFpFn {
  const t = countShingles(truth, n);
  const p = countShingles(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    fp += Math.max(0, pc - tc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [tp, fp, fn];
}

function precisionScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallScore([tp, fp, fn]: TpFpFn): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface BodyScore { f1: number; precision: number; recall: number }

export function scoreBodies(pages: TpFpFn[]): BodyScore {
  const ps = pages.filter(([tp, fp]) => tp + fp > 0).map(precisionScore);
  const rs = pages.filter(([tp, , fn]) => tp + fn > 0).map(recallScore);
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

/** Whitespace-normalised exact comparison used for titles and bylines. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

// ---- data sets ------------------------------------------------------------------

export { evalRoot, repoRoot } from './data-paths.js';

export interface BenchmarkPage { id: string; url: string; html: string; truth: string }

/** The 181-page Zyte article-extraction-benchmark set. */
export function loadExtractionBenchmark(root = path.join(evalRoot, 'article-extraction-benchmark')): BenchmarkPage[] {
  const truth = JSON.parse(readFileSync(path.join(root, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  return Object.entries(truth).map(([id, t]) => ({
    id,
    url: t.url ?? '',
    truth: t.articleBody ?? '',
    html: gunzipSync(readFileSync(path.join(root, 'html', `${id}.html.gz`))).toString('utf8'),
  }));
}

/** A published extractor output from the benchmark (to check the metric reproduces the table). */
export function loadBenchmarkOutput(name: string, root = path.join(evalRoot, 'article-extraction-benchmark')): Record<string, string> {
  const raw = JSON.parse(gunzipSync(readFileSync(path.join(root, 'output', `${name}.json.gz`))).toString('utf8')) as Record<string, unknown>;
  const out = (raw.output && typeof raw.output === 'object' ? raw.output : raw) as Record<string, { articleBody?: string }>;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.articleBody ?? '']));
}

export interface ReadabilityPage {
  name: string;
  html: string;
  expectedHtml: string;
  title: string | null;
  byline: string | null;
}

/** Mozilla's 130 Readability.js regression pages. */
export function loadReadabilityPages(root = path.join(evalRoot, 'readability-test-pages', 'pages')): ReadabilityPage[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).sort().map((name) => {
    const dir = path.join(root, name);
    const meta = JSON.parse(readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8')) as { title?: string | null; byline?: string | null };
    return {
      name,
      html: readFileSync(path.join(dir, 'source.html'), 'utf8'),
      expectedHtml: readFileSync(path.join(dir, 'expected.html'), 'utf8'),
      title: meta.title ?? null,
      byline: meta.byline ?? null,
    };
  });
}

const TEXT_BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'section', 'article', 'figure', 'figcaption', 'dd', 'dt', 'hr']);

/** Plain text of an HTML fragment (expected.html), with blocks separated so tokens never glue. */
export function htmlToText(html: string): string {
  let out = '';
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style') skip++;
        if (TEXT_BLOCKS.has(name)) out += '\n';
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        if (TEXT_BLOCKS.has(name)) out += '\n';
      },
      ontext(t) {
        if (!skip) out += t;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}
