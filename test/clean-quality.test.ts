/**
 * Quality gate for the HTML cleaner on the two evaluation sets (see bench/clean.ts for the
 * side-by-side benchmark against Readability). Thresholds sit ~0.01 under the measured
 * figures, so a regression fails CI while small, neutral refactors pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cleanHtml } from '../src/pipeline/clean/html.js';
import {
  evalRoot,
  htmlToText,
  loadExtractionBenchmark,
  loadReadabilityPages,
  matchShingles,
  sameText,
  scoreBodies,
} from '../bench/clean-metrics.js';

const ZYTE = path.join(evalRoot, 'article-extraction-benchmark');
const MOZ = path.join(evalRoot, 'readability-test-pages', 'pages');

test('article-extraction-benchmark: shingle F1 (181 pages)', () => {
  assert.ok(existsSync(ZYTE), `evaluation data missing: ${ZYTE}`);
  const pages = loadExtractionBenchmark(ZYTE);
  const score = scoreBodies(pages.map((p) => {
    const r = cleanHtml(p.html, { url: p.url });
    return matchShingles(p.truth, r.ok ? r.value.text : '');
  }));
  // Measured: F1 0.976, P 0.967, R 0.986 (Readability.js 0.947 / 0.914 / 0.982).
  assert.ok(score.f1 >= 0.972, `F1 ${score.f1.toFixed(4)}`);
  assert.ok(score.precision >= 0.963, `precision ${score.precision.toFixed(4)}`);
  assert.ok(score.recall >= 0.981, `recall ${score.recall.toFixed(4)}`);
});

test('readability-test-pages: body F1 and title/byline match (130 pages)', () => {
  assert.ok(existsSync(MOZ), `evaluation data missing: ${MOZ}`);
  const pages = loadReadabilityPages(MOZ);
  let titles = 0;
  let bylines = 0;
  const score = scoreBodies(pages.map((p) => {
    const r = cleanHtml(p.html);
    if (r.ok && sameText(r.value.title, p.title)) titles++;
    if (r.ok ? sameText(r.value.byline, p.byline) : !p.byline) bylines++;
    return matchShingles(htmlToText(p.expectedHtml), r.ok ? r.value.text : '');
  }));
  // Measured: F1 0.971 (P 0.985, R 0.956), title 0.90, byline 0.81. The expected output is
  // Readability's own, which scores 0.993 on it. Of the 4.4 recall points lost, captions kept
  // out of the body as credits (by design) cost 1.2, headline/dek/byline headers 0.3, site
  // furniture the expected text keeps (breadcrumbs, comment threads, a section front) about 1.
  assert.ok(score.f1 >= 0.967, `F1 ${score.f1.toFixed(4)}`);
  assert.ok(titles / pages.length >= 0.89, `title match ${(titles / pages.length).toFixed(3)}`);
  assert.ok(bylines / pages.length >= 0.795, `byline match ${(bylines / pages.length).toFixed(3)}`);
});
