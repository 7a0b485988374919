import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanHtml } from '../src/pipeline/clean/html.js';

const PARA = (n: number): string =>
  `<p>Paragraph ${n}: police in Almaty detained the activist on Tuesday morning, according to witnesses who spoke to reporters, and held him for several hours without charge.</p>`;

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Activist detained in Almaty | Example News</title>${head}</head><body>${body}</body></html>`;
}

test('keeps article paragraphs in reading order', () => {
  const r = cleanHtml(page(`<article><h1>Activist detained in Almaty</h1>${PARA(1)}${PARA(2)}${PARA(3)}</article>`));
  assert.ok(r.ok);
  assert.equal(r.value.paragraphs.length, 3);
  assert.match(r.value.text, /^Paragraph 1:.*Paragraph 2:.*Paragraph 3:/s);
  assert.equal(r.value.title, 'Activist detained in Almaty');
});

test('photo caption goes to credits, not the body', () => {
  const r = cleanHtml(page(`<article>${PARA(1)}<figure><img src="a.jpg"><figcaption>Protesters outside the court. Photo: Jane Doe</figcaption></figure>${PARA(2)}</article>`));
  assert.ok(r.ok);
  assert.doesNotMatch(r.value.text, /Protesters outside/);
  assert.ok(r.value.credits.some((c) => (c.caption ?? c.credit ?? '').includes('Protesters outside the court')));
});

test('removes navigation, cookie notice, related list, newsletter box and share bar', () => {
  const html = page(`
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
    <div class="cookie-banner"><p>We use cookies to improve your experience on our website. By continuing you agree.</p></div>
    <main><article>
      <div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
      ${PARA(1)}${PARA(2)}
      <div class="newsletter-signup"><p>Sign up for our daily newsletter to get the top stories delivered to your inbox every morning.</p></div>
      ${PARA(3)}
    </article>
    <section class="related-articles"><h2>Related Articles</h2><ul>
      <li><a href="/a">Another story about something else entirely, with a long headline</a></li>
      <li><a href="/b">A second story about something else entirely, with a long headline</a></li>
    </ul></section></main>
    <footer><p>© 2024 Example News. All rights reserved.</p></footer>`);
  const r = cleanHtml(html);
  assert.ok(r.ok);
  const t = r.value.text;
  assert.match(t, /Paragraph 1:.*Paragraph 3:/s);
  for (const junk of ['Home', 'cookies', 'Facebook', 'newsletter', 'Related Articles', 'Another story', 'All rights reserved']) {
    assert.ok(!t.includes(junk), `body should not contain ${junk}`);
  }
});

test('reads the publication date from JSON-LD and the byline from metadata', () => {
  const ld = `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Activist detained in Almaty',
    datePublished: '2024-03-05T23:30:00+05:00', author: [{ '@type': 'Person', name: 'Aigerim Sadykova' }],
  })}</script>`;
  const r = cleanHtml(page(`<article>${PARA(1)}${PARA(2)}</article>`, ld));
  assert.ok(r.ok);
  assert.deepEqual(r.value.publishedAt, { value: '2024-03-05', estimated: false });
  assert.equal(r.value.byline, 'Aigerim Sadykova');
});

test('reads meta/time dates and a visible byline, and keeps them out of the body', () => {
  const r = cleanHtml(page(`<article><h1>Activist detained in Almaty</h1><div class="byline">By Ivan Petrov</div>
    <time datetime="2023-11-20T10:00:00Z">20 November 2023</time>${PARA(1)}${PARA(2)}</article>`));
  assert.ok(r.ok);
  assert.equal(r.value.byline, 'Ivan Petrov');
  assert.deepEqual(r.value.publishedAt, { value: '2023-11-20', estimated: false });
  assert.doesNotMatch(r.value.text, /Ivan Petrov|20 November 2023/);
});

test('Russian page: html lang hint and article:published_time', () => {
  const body = Array.from({ length: 3 }, () => '<p>Суд в Алматы приговорил активиста к двум годам ограничения свободы, сообщили его адвокаты и правозащитники, следившие за процессом.</p>').join('');
  const html = `<html lang="ru"><head><meta property="article:published_time" content="2022-01-07T09:00:00+06:00"><meta property="og:title" content="Активиста приговорили"></head><body><article>${body}</article></body></html>`;
  const r = cleanHtml(html);
  assert.ok(r.ok);
  assert.equal(r.value.title, 'Активиста приговорили');
  assert.deepEqual(r.value.publishedAt, { value: '2022-01-07', estimated: false });
});

test('10,000 nested divs do not throw', () => {
  const deep = '<div>'.repeat(10_000) + PARA(1) + '</div>'.repeat(10_000);
  const r = cleanHtml(page(deep));
  assert.ok(r.ok);
  assert.match(r.value.text, /Paragraph 1/);
  const unclosed = cleanHtml('<div><span>'.repeat(10_000) + 'text');
  assert.equal(typeof unclosed.ok, 'boolean');
});

test('empty and garbage input fail instead of throwing', () => {
  for (const input of ['', '   ', '<html></html>', '<<<>>>', '\u0000\u0001', '<script>var a = 1;</script>', '<nav><a href="/">Home</a></nav>']) {
    const r = cleanHtml(input);
    assert.equal(r.ok, false, JSON.stringify(input));
  }
  assert.equal(cleanHtml(undefined as unknown as string).ok, false);
});

const htmlish = fc.array(
  fc.oneof(
    fc.constantFrom('<p>', '</p>', '<div class="share">', '</div>', '<a href="x">', '</a>', '<br>', '<figure><figcaption>', '</figcaption></figure>', '<script>', '</script>', '<!--', '-->', '<h2>', '</h2>', '<li>', '<table><tr><td>', '&amp;', '&#x1F62D;', '<html lang="kk">'),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('The court sentenced the journalist to seven years in a penal colony, his lawyer said.', 'Суд приговорил журналиста к семи годам.'),
  ),
  { maxLength: 60 },
).map((parts) => parts.join(''));

test('property: never throws; paragraph offsets lie inside the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), htmlish), (input) => {
      const r = cleanHtml(input);
      if (!r.ok) return typeof r.reason === 'string';
      for (const p of r.value.paragraphs) {
        if (!(p.start >= 0 && p.start <= p.end && p.end <= r.value.text.length)) return false;
      }
      return true;
    }),
    { numRuns: 400 },
  );
});

test('a page of a line or two of plain text is all body; a link-only stub still fails', () => {
  const r = cleanHtml('<html><body>  Test  </body></html>');
  assert.ok(r.ok);
  assert.equal(r.value.text, 'Test');
  const js = cleanHtml('<body><a href="javascript:"><p>abc</p><p>def</p> ghi</a></body>');
  assert.ok(js.ok);
  assert.equal(js.value.text.replace(/\s+/g, ' '), 'abc def ghi');
  assert.equal(cleanHtml('<body><a href="/home">Home</a> <a href="/news">News</a></body>').ok, false);
});

test('teaser cards marked up as <article>s beside the story are dropped', () => {
  const para = (n: number): string => `<p>Paragraph ${n} of the story: the court heard the case of the activist, who was detained in Almaty after the protest, his lawyer said.</p>`;
  const card = (n: number): string => `<article class="card"><h3>Other story ${n}</h3><p>A summary of another story number ${n}, which a reader may also like.</p></article>`;
  const html = `<body><section><article class="story"><h1>Headline</h1>${[1, 2, 3, 4, 5, 6].map(para).join('')}</article>${[1, 2, 3, 4].map(card).join('')}</section></body>`;
  const r = cleanHtml(html);
  assert.ok(r.ok);
  assert.match(r.value.text, /Paragraph 6/);
  assert.doesNotMatch(r.value.text, /Other story|another story/);
});

test('linked names in a data table are kept with their row', () => {
  const row = (n: number): string => `<tr><th><a href="/f${n}">Film number ${n}</a></th><td>A description of film ${n}, in which the same day repeats until the hero learns.</td></tr>`;
  const r = cleanHtml(`<body><div><table><tbody>${[1, 2, 3, 4, 5].map(row).join('')}</tbody></table></div></body>`);
  assert.ok(r.ok);
  assert.match(r.value.text, /Film number 3/);
});

test('footnotes and references the text points to are kept, wherever the page puts them', () => {
  const note = (n: number): string =>
    `<li id="cite_note-${n}"><a href="#cite_ref-${n}">^</a> <a href="https://example.org/r${n}">Human Rights Watch, “Report ${n}”</a>, <a href="https://example.org">example.org</a>, 2019.</li>`;
  const para = (n: number): string =>
    `<p>Paragraph ${n}: police in Almaty detained the activist on Tuesday, according to witnesses who spoke to reporters.<sup id="cite_ref-${n}"><a href="https://example.org/page#cite_note-${n}">[${n}]</a></sup></p>`;
  const html = page(`<div id="main"><div class="body">${[1, 2, 3, 4].map(para).join('')}</div><h2>References</h2><div class="reflist"><ol>${[1, 2, 3, 4].map(note).join('')}</ol></div></div>
    <div class="comments"><p>Great article, thanks for sharing it with us all here!</p></div>`);
  const r = cleanHtml(html);
  assert.ok(r.ok);
  assert.match(r.value.text, /Paragraph 4:.*References.*Report 1.*Report 4/s);
  assert.doesNotMatch(r.value.text, /Great article/);
});

test('a comment count linking to the thread does not pull the thread in as a note', () => {
  const html = page(`<article>${PARA(1)}${PARA(2)}<p>Read the <a href="#comments">3</a> comments below.</p></article>
    <section id="comments"><p>First comment: I disagree with the police account entirely.</p></section>`);
  const r = cleanHtml(html);
  assert.ok(r.ok);
  assert.doesNotMatch(r.value.text, /First comment/);
});

test('a list of sources written out as addresses is kept', () => {
  const html = page(`<article>${PARA(1)}${PARA(2)}${PARA(3)}<p>Sources:</p><ul><li><a href="https://example.org/report.pdf">https://example.org/report.pdf</a></li><li><a href="https://ohchr.org/statement">https://ohchr.org/statement</a></li></ul></article>
    <ul class="more"><li><a href="/a">Another story about the courts</a></li><li><a href="/b">A second story about the police</a></li></ul>`);
  const r = cleanHtml(html);
  assert.ok(r.ok);
  assert.match(r.value.text, /ohchr\.org\/statement/);
  assert.doesNotMatch(r.value.text, /Another story/);
});
