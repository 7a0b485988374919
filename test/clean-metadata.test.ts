/**
 * Page metadata for the HTML cleaner (src/pipeline/clean/html-metadata*.ts): small hand-written
 * pages for each rule, and a gate on Mozilla's 130 Readability test pages (title/byline exact
 * match against Readability's own output, thresholds ~0.01 under the measured figures).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evalRoot, loadReadabilityPages, sameText } from '../bench/clean-metrics.js';
import { parseHtmlTree } from '../src/pipeline/clean/html-dom.js';
import { readMetadata, tidyByline, toIsoDay } from '../src/pipeline/clean/html-metadata.js';

const meta = (html: string) => readMetadata(parseHtmlTree(html));
const ld = (o: unknown): string => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

test('document <title>: the site name is cut off, keeping the side an <h1> confirms', () => {
  assert.equal(meta('<title>Activist detained in Almaty | Example News</title>').title, 'Activist detained in Almaty');
  assert.equal(meta('<title>Example News » Activist detained in Almaty after protest</title>').title, 'Activist detained in Almaty after protest');
  assert.equal(meta('<title>Суд над активистом — Новости</title><h1>Суд над активистом</h1>').title, 'Суд над активистом');
  // Too short to be sure the cut leaves a whole headline: kept as is.
  assert.equal(meta('<title>Court ruling - News</title>').title, 'Court ruling - News');
  // A separator inside the headline itself stays when nothing says it is a site name.
  assert.equal(meta('<title>Kazakhstan: activists detained</title>').title, 'Kazakhstan: activists detained');
});

test('declared titles (JSON-LD, Dublin Core, Open Graph) win over <title>; an SVG <title> is ignored', () => {
  assert.equal(meta(`<title>X | Site</title>${ld({ '@type': 'NewsArticle', headline: 'Court jails blogger' })}`).title, 'Court jails blogger');
  assert.equal(meta('<meta property="og:title" content="OG title"><meta name="DC.title" content="DC title"><title>T</title>').title, 'DC title');
  assert.equal(meta('<svg><title>arrow</title></svg><title>Real page title for the article</title>').title, 'Real page title for the article');
  // JSON-LD `headline` holding a description: `name` agrees with the page title.
  const wiki = `<title>New Zealand - Wikipedia</title>${ld({ '@context': 'https://schema.org', '@type': 'Article', name: 'New Zealand', headline: 'country in Oceania' })}`;
  assert.equal(meta(wiki).title, 'New Zealand');
  // og:title that is just the site name is no title.
  assert.equal(meta('<meta property="og:site_name" content="Tengri"><meta property="og:title" content="Tengri"><title>Суд приговорил активиста к пяти годам - Tengri</title>').title, 'Суд приговорил активиста к пяти годам');
  // A declared title loses a side that names the site exactly, and nothing else.
  assert.equal(meta('<meta property="og:site_name" content="Los Angeles Times"><meta property="og:title" content="Court jails blogger - Los Angeles Times">').title, 'Court jails blogger');
  assert.equal(meta('<meta property="og:site_name" content="Vlast.kz"><meta property="og:title" content="Vlast.kz | Суд над активистом">').title, 'Суд над активистом');
  assert.equal(meta('<meta property="og:site_name" content="Vlast.kz"><meta property="og:title" content="Almaty - Astana: a train journey">').title, 'Almaty - Astana: a train journey');
});

test('JSON-LD authors: objects, arrays, strings, @graph; URLs dropped; entities decoded', () => {
  assert.equal(meta(ld({ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Aigerim Sadykova' } })).byline, 'Aigerim Sadykova');
  assert.equal(meta(ld({ '@type': 'Article', author: [{ name: 'Jane Doe' }, { name: 'John Roe' }, { name: 'Jane Doe' }] })).byline, 'Jane Doe, John Roe');
  assert.equal(meta(ld({ '@type': 'BlogPosting', author: ['Ivan Petrov', 'https://example.com/ivan'] })).byline, 'Ivan Petrov');
  assert.equal(meta(ld({ '@graph': [{ '@type': 'WebPage', name: 'Page' }, { '@type': 'ReportageNewsArticle', headline: 'R&amp;D cut', author: { name: 'A. B' } }] })).title, 'R&D cut');
  // A WebPage/Organization is not the article.
  assert.equal(meta(ld({ '@type': 'Organization', name: 'Example News', author: { name: 'Nobody' } })).byline, null);
});

test('garbage JSON-LD is skipped, never thrown', () => {
  for (const bad of ['{not json', '', '[]', 'null', '"str"', '{"@type": ["NewsArticle"], "author": {"name": 5}}', '<!-- {"@type":"Article" -->', '{"@graph": {"@graph": {}}}']) {
    const m = meta(`<script type="application/ld+json">${bad}</script><title>Title of this test page here</title>`);
    assert.equal(m.title, 'Title of this test page here');
  }
  // Raw newlines inside strings (a common publisher bug) are tolerated.
  assert.equal(meta('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Line\none"}</script>').title, 'Line one');
});

test('meta author, Dublin Core creator, space-separated properties; URLs and site domains refused', () => {
  assert.equal(meta('<meta name="author" content="Jane Doe">').byline, 'Jane Doe');
  assert.equal(meta('<meta name="author" content="Meta name"><meta property="dc:creator" content="DC creator">').byline, 'DC creator');
  assert.equal(meta('<meta property="dc:creator twitter:site_name" content="Creator Name">').byline, 'Creator Name');
  assert.equal(meta('<meta property="article:author" content="https://www.facebook.com/someone">').byline, null);
  assert.equal(meta('<meta name="author" content="Tengrinews.kz">').byline, null);
});

test('visible bylines: "By …" stripped, names marked up inside, dates/handles cut, furniture refused', () => {
  assert.equal(meta('<article><div class="byline">By Jane Doe and John Roe</div></article>').byline, 'Jane Doe and John Roe');
  assert.equal(meta('<p class="byline">By <a rel="author">Jane Doe</a> and <a rel="author">John Roe</a> | March 5, 2024</p>').byline, 'Jane Doe, John Roe');
  assert.equal(meta('<div class="author"><a class="author-link">Ben Silverman</a><div class="author-title">Games Editor</div></div>').byline, 'Ben Silverman');
  assert.equal(meta('<span class="byline">Jane Doe @janedoe Nov 18, 2019 at 9:24 pm ET</span>').byline, 'Jane Doe');
  assert.equal(meta('<div class="article-author">Nicolas Perriault —</div>').byline, 'Nicolas Perriault');
  // Not bylines: share bars, comment counts, dates, follow buttons, paragraphs, comment authors.
  assert.equal(meta('<div class="author-share">Share</div>').byline, null);
  assert.equal(meta('<div class="byline">Comments (12)</div>').byline, null);
  assert.equal(meta('<div class="byline">March 5, 2024 at 10:00</div>').byline, null);
  assert.equal(meta('<form class="follow-author">Follow Author</form>').byline, null);
  assert.equal(meta(`<div class="author">${'The author of this long text wrote many words here. '.repeat(3)}</div>`).byline, null);
  assert.equal(meta('<div class="comments"><span class="comment-author">Troll Name</span></div>').byline, null);
  assert.equal(meta('<div class="byline" style="display:none">Hidden Person</div>').byline, null);
});

test('Russian and Kazakh bylines: "Автор:", "Текст:", "Авторы", with and without class hints', () => {
  assert.equal(meta('<div class="author">Автор: Иван Петров</div>').byline, 'Иван Петров');
  assert.equal(meta('<article><p>Автор: Айгерим Садыкова, 5 марта 2024</p><p>Текст статьи.</p></article>').byline, 'Айгерим Садыкова');
  assert.equal(meta('<p><b>Текст:</b> Венера Ерофеева</p>').byline, 'Венера Ерофеева');
  assert.equal(tidyByline('Мақала авторы: Әсем Нұрланқызы'), 'Әсем Нұрланқызы');
  assert.equal(tidyByline('Written by Rob Ewaschuk'), 'Rob Ewaschuk');
});

test('publication dates from JSON-LD, meta, itemprop and <time>, as the publisher\'s calendar day', () => {
  assert.deepEqual(meta(ld({ '@type': 'NewsArticle', datePublished: '2024-03-05T23:30:00+05:00' })).publishedAt, { value: '2024-03-05', estimated: false });
  assert.equal(meta('<meta property="article:published_time" content="2022-01-07T09:00:00+06:00">').publishedAt?.value, '2022-01-07');
  assert.equal(meta('<meta name="DC.date.issued" content="2021-12-16">').publishedAt?.value, '2021-12-16');
  assert.equal(meta('<span itemprop="datePublished" content="2020-02-03">3 Feb</span>').publishedAt?.value, '2020-02-03');
  assert.equal(meta('<article><time datetime="2023-11-20T10:00:00Z">20 November 2023</time></article>').publishedAt?.value, '2023-11-20');
  // A date in the related-stories rail loses to the article's own.
  assert.equal(meta('<div class="related"><time datetime="2020-01-01">x</time></div><article><time datetime="2023-11-20">y</time></article>').publishedAt?.value, '2023-11-20');
  assert.equal(toIsoDay('5 марта 2024 г.'), '2024-03-05');
  assert.equal(toIsoDay('2024 жылғы 5 наурыз'), '2024-03-05');
  assert.equal(toIsoDay('March 5, 2024'), '2024-03-05');
  assert.equal(toIsoDay('05.03.2024'), '2024-03-05');
  assert.equal(toIsoDay('2 hours ago'), null);
});

test('pages without metadata, and deep nesting, give nulls without throwing', () => {
  for (const html of ['', '<p>just text</p>', '<<<>>>', '<html><head></head><body></body></html>']) {
    const m = meta(html);
    assert.equal(m.byline, null);
    assert.equal(m.publishedAt, null);
  }
  assert.equal(meta('<h1>Only a heading here</h1>').title, 'Only a heading here');
  const deep = meta(`<title>Deep page title for the test</title>${'<div class="byline-wrap">'.repeat(10_000)}<span class="byline">By Jane Doe</span>${'</div>'.repeat(10_000)}`);
  assert.equal(deep.title, 'Deep page title for the test');
  assert.equal(deep.byline, 'Jane Doe');
});

const MOZ = path.join(evalRoot, 'readability-test-pages', 'pages');

test('readability-test-pages: title and byline exact match (130 pages)', () => {
  assert.ok(existsSync(MOZ), `evaluation data missing: ${MOZ}`);
  const pages = loadReadabilityPages(MOZ);
  assert.equal(pages.length, 130);
  let titles = 0;
  let bylines = 0;
  for (const p of pages) {
    const m = meta(p.html);
    if (sameText(m.title, p.title)) titles++;
    if (sameText(m.byline, p.byline)) bylines++;
  }
  // Measured: title 0.900, byline 0.815. Title misses are by design: Readability keeps the site
  // name ("Mozilla - Wikipedia"), Chronicle drops it. Most byline misses too: Readability keeps
  // "By …" and trailing dates, and takes "Share"-like or date-only text that Chronicle refuses.
  assert.ok(titles / pages.length >= 0.89, `title match ${(titles / pages.length).toFixed(3)}`);
  assert.ok(bylines / pages.length >= 0.805, `byline match ${(bylines / pages.length).toFixed(3)}`);
});
