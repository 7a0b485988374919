/**
 * Journey 3: a captured page of hostile HTML (test/fixtures/hostile/page.html: script,
 * onerror and other handlers, javascript: links, iframes, meta refresh, SVG script, CSS url(),
 * tracking images, preconnect/prefetch) shown in every view that shows a source — Inbox list,
 * Reader (article text, suggestions, found, provenance), View original (the sandboxed frame),
 * download, search results, review queue, event and entity pages, timeline, map — runs no
 * script and sends nothing to any other origin.
 *
 * The page's outside hosts are made real for the test: evil.example becomes a server on
 * another loopback port that counts every request (it must count none), tracker.example
 * becomes http://tracker.invalid/ (no request to it may even be attempted: checked in
 * Playwright's request log and in Chromium's own network log, which also sees DNS
 * prefetches and preconnects). Screenshots: test-output/e2e/hostile-html/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeTempDir } from '../support/tmp.js';
import {
  BrowserWatch,
  byTestId,
  JOURNEY_TIMEOUT_MS,
  journey,
  launchBrowser,
  newContext,
  repoRoot,
  setupThroughApi,
  startHitCounter,
  uploadInInbox,
  waitProcessedInInbox,
} from './support.js';

const FIXTURE = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'hostile', 'page.html'), 'utf8');
const TRACKER_HOST = 'tracker.invalid';

/**
 * The fixture with its hosts pointed at the test's stand-ins, plus markup written as text
 * (escaped): it must show as text everywhere, never become an element — in the Reader, in
 * search snippets (where "</mark>" would break out of a highlight) and in quotes.
 */
function hostilePage(counterOrigin: string): string {
  const page = FIXTURE.replaceAll('https://evil.example', counterOrigin).replaceAll('https://tracker.example', `http://${TRACKER_HOST}`);
  assert.doesNotMatch(page, /evil\.example|tracker\.example/, 'every hostile host replaced');
  const escaped =
    '<p>The Zhanaozen court file reads: &lt;/mark&gt;&lt;img src="http://tracker.invalid/escaped.gif" onerror="window.__pwned=\'escaped markup\'"&gt; and nothing more.</p>';
  return page.replace('</article>', `${escaped}\n  </article>`);
}
const ESCAPED_AS_TEXT = `</mark><img src="http://tracker.invalid/escaped.gif" onerror="window.__pwned='escaped markup'">`;

/** In every frame of the page: no trace of the hostile page's script. Fails if a frame cannot be inspected. */
async function assertNoScriptRan(page: Page, where: string): Promise<void> {
  for (const frame of page.frames()) {
    const state = await frame.evaluate(() => ({ pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, title: document.title }));
    assert.equal(state.pwned, null, `${where}: the hostile page's script ran in ${frame.url()}`);
    assert.doesNotMatch(state.title, /PWNED/, `${where}: the hostile page changed the title of ${frame.url()}`);
  }
  assert.equal(await page.title(), 'Chronicle', `${where}: the page title`);
}

test('hostile HTML shown in every view runs no script and sends nothing to any other origin', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const counter = await startHitCounter();
  const netLogDir = makeTempDir('chronicle-e2e-netlog-');
  const netLog = path.join(netLogDir, 'netlog.json');
  try {
    await journey(
      'hostile-html',
      async ({ server, browser, shots, newWatchedContext, setPage }) => {
        const { base, origin } = server;
        const { context, watch } = await newWatchedContext();
        await setupThroughApi(context, base);
        const page = await context.newPage();
        setPage(page);
        const seen = async (where: string) => {
          await assertNoScriptRan(page, where);
          await shots.take(page, where);
        };

        // Capture the page by upload, as a monitor would save it from a browser.
        const sourceId = await uploadInInbox(page, base, { name: 'zhanaozen.html', mimeType: 'text/html', buffer: Buffer.from(hostilePage(counter.origin)) });
        await waitProcessedInInbox(page, sourceId);
        const row = page.locator(`${byTestId('capture-row')}[data-source-id="${sourceId}"]`);
        assert.equal((await row.locator(byTestId('capture-open')).textContent())?.trim(), 'Arrests in Zhanaozen');
        await seen('inbox');

        // Reader: the cleaned text, the escaped markup shown as text.
        await row.locator(byTestId('capture-open')).click();
        const text = page.locator(byTestId('article-text'));
        await text.waitFor();
        assert.equal(await page.locator(byTestId('article-title')).textContent(), 'Arrests in Zhanaozen');
        const body = (await text.textContent()) ?? '';
        assert.match(body, /detained twelve oil workers/);
        assert.ok(body.includes(ESCAPED_AS_TEXT), 'markup written as text in the page is shown as text');
        assert.equal(await text.locator('img, script, iframe, svg, a, style, link, object, embed').count(), 0, 'no element from the captured page');
        await page.locator(`${byTestId('suggestion-card')}[data-kind="event"]`).first().waitFor();
        await seen('reader-suggestions');
        await page.click(byTestId('reader-tab-found'));
        await page.locator(byTestId('reader-found')).waitFor();
        await seen('reader-found');
        await page.click(byTestId('reader-tab-provenance'));
        await page.locator(byTestId('provenance')).waitFor();
        assert.match((await page.locator(byTestId('provenance-sha256')).textContent()) ?? '', /^[0-9a-f]{64}$/);
        assert.match((await page.locator(byTestId('provenance')).textContent()) ?? '', /zhanaozen\.html/);
        await seen('reader-provenance');

        // View original: the sanitised page in an <iframe sandbox> that allows nothing.
        await page.click(byTestId('view-original'));
        const frameEl = page.locator(byTestId('original-frame'));
        await frameEl.waitFor();
        assert.equal(await frameEl.getAttribute('sandbox'), '', 'a sandbox with no allow-* tokens');
        const original = page.frameLocator(byTestId('original-frame'));
        await original.locator('text=detained twelve oil workers').waitFor();
        const viewUrl = `${base}/api/v1/sources/${sourceId}/view`;
        const viewFrame = page.frames().find((f) => f.url() === viewUrl);
        assert.ok(viewFrame, `the frame shows the safe view: ${page.frames().map((f) => f.url()).join(', ')}`);
        assert.match((await original.locator('h1').textContent()) ?? '', /Arrests in Zhanaozen/);
        const readerUrl = page.url();
        // Links became inert text: clicking them goes nowhere.
        for (const label of ['the statement', 'the encoded one', 'a data link', 'the original story', 'the witness list']) {
          await original.locator(`text=${label}`).first().click();
        }
        await page.waitForTimeout(1500); // a meta refresh or a timer would have fired by now
        assert.ok(!viewFrame.isDetached() && viewFrame.url() === viewUrl, `the frame still shows the view: ${viewFrame.url()}`);
        assert.equal(page.url(), readerUrl, 'the Reader did not navigate');
        await seen('view-original');
        // (Escape would go to the framed document, which had the focus: the close button.)
        await page.click(`${byTestId('original-dialog')} ${byTestId('dialog-close')}`);
        await page.locator(byTestId('original-dialog')).waitFor({ state: 'hidden' });

        // The original itself only ever downloads (an attachment), it is never rendered.
        const before = page.url();
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('download-original'))]);
        assert.match(download.suggestedFilename(), /\.html?$/);
        assert.equal(page.url(), before);
        await download.delete();

        // Search: hits with snippets, the escaped markup still text inside the highlight.
        await page.goto(`${base}/#/search?q=${encodeURIComponent('court file')}`);
        const hit = page.locator(`${byTestId('search-hit')}[data-kind="source"][data-id="${sourceId}"]`);
        await hit.waitFor();
        assert.ok(((await hit.textContent()) ?? '').includes(ESCAPED_AS_TEXT), 'the snippet shows the markup as text');
        assert.equal(await hit.locator('img, script, iframe, svg').count(), 0);
        await seen('search-snippet');
        await page.goto(`${base}/#/search?q=Zhanaozen`);
        await hit.waitFor();
        await seen('search');

        // The review queue (quotes from the page).
        await page.goto(`${base}/#/review`);
        await page.locator(byTestId('suggestion-card')).first().waitFor();
        await seen('review');

        // Every event and entity the page produced, with their quotes.
        await page.goto(`${base}/#/events`);
        await page.locator(byTestId('event-row')).first().waitFor();
        await seen('events');
        const events = await page.locator(byTestId('event-open')).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
        assert.ok(events.length > 0, 'the page produced an event');
        for (const [i, href] of events.entries()) {
          await page.goto(`${base}/${href}`);
          await page.locator(byTestId('event-claims')).waitFor();
          await seen(`event-${i + 1}`);
        }
        await page.goto(`${base}/#/entities`);
        await page.locator(byTestId('entity-row')).first().waitFor();
        await seen('entities');
        const entities = await page.locator(byTestId('entity-open')).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
        assert.ok(entities.length > 0, 'the page produced entities');
        for (const [i, href] of entities.slice(0, 6).entries()) {
          await page.goto(`${base}/${href}`);
          await page.locator(byTestId('entity-mentions')).waitFor();
          await seen(`entity-${i + 1}`);
        }
        await page.goto(`${base}/#/timeline`);
        await page.locator(byTestId('timeline-event')).first().waitFor();
        await seen('timeline');
        await page.goto(`${base}/#/map`);
        await page.locator(byTestId('map-point')).first().waitFor();
        await seen('map');

        // Nothing ran, nothing left: the whole journey, every frame.
        await browser.close();
        assert.deepEqual(counter.hits, [], `the hostile host (${counter.origin}) was contacted`);
        assert.deepEqual(watch.requests.filter((r) => r.url.includes(TRACKER_HOST)), [], `a request to ${TRACKER_HOST} was attempted`);
        assert.deepEqual(watch.console.filter((m) => /PWNED/.test(m.text)), [], 'the hostile page logged to the console');
        // The sandboxed frame loaded its document and nothing else, not even from Chronicle.
        const fromView = watch.requests.filter((r) => r.frame === viewFrame);
        assert.deepEqual([...new Set(fromView.map((r) => new URL(r.url).pathname))], [`/api/v1/sources/${sourceId}/view`]);
        // Chronicle's own origin: only its pages, assets and API.
        const odd = watch.requests.filter((r) => r.url.startsWith(origin) && !/^\/($|assets\/|api\/v1\/|favicon\.svg$)/.test(new URL(r.url).pathname));
        assert.deepEqual(odd, [], 'requests to unexpected paths of Chronicle');
        assertNetLogClean(netLog, [TRACKER_HOST, new URL(counter.origin).host]);
        assert.ok(fs.readFileSync(netLog, 'utf8').includes(new URL(origin).host), "the network log does name Chronicle's own host");
        watch.assertClean(origin);
      },
      { browserArgs: [`--log-net-log=${netLog}`] },
    );
  } finally {
    await counter.close();
  }
});

test('control: the same checks see everything the hostile page does when nothing stops it', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  // Without this, "no request, no script" could also mean "nothing was being watched".
  const counter = await startHitCounter();
  const netLog = path.join(makeTempDir('chronicle-e2e-netlog-'), 'netlog.json');
  // Its own meta CSP (which blocks its inline script) and meta refresh (which leaves at once) removed.
  const raw = await startHitCounter({ '/page.html': hostilePage(counter.origin).replace(/<meta http-equiv[^>]*>/g, '') });
  const browser = await launchBrowser([`--log-net-log=${netLog}`]);
  try {
    const context = await newContext(browser);
    const watch = new BrowserWatch(context);
    const page = await context.newPage();
    await page.goto(`${raw.origin}/page.html`);
    await page.waitForFunction(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined);
    await page.waitForTimeout(1500);
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    // And a CSP refusal shows in the console, where every journey looks for one.
    await page.setContent(`<meta http-equiv="Content-Security-Policy" content="img-src 'none'"><img src="${counter.origin}/csp.gif">`);
    await page.waitForFunction(() => document.readyState === 'complete');
    await browser.close();
    assert.ok(watch.cspViolations().length > 0, 'CSP refusals are seen');
    assert.ok(pwned, 'window.__pwned is seen in the frame');
    assert.ok(counter.hits.length > 0, 'the counting server is reachable and counts');
    assert.ok(watch.requests.some((r) => r.url.includes(TRACKER_HOST)), `requests to ${TRACKER_HOST} are seen`);
    assert.ok(watch.console.some((m) => /PWNED/.test(m.text)), 'the console is seen');
    assert.ok(watch.dialogs.length > 0, 'dialogs are seen');
    assert.ok(watch.foreignRequests(raw.origin).length > 0, 'requests to other origins are seen');
    assert.throws(() => assertNetLogClean(netLog, [TRACKER_HOST, new URL(counter.origin).host]), /network log/);
  } finally {
    await browser.close().catch(() => {});
    await raw.close();
    await counter.close();
  }
});

/**
 * Chromium's own record of its network activity (--log-net-log): every URL request, DNS
 * lookup, preconnect and socket, including what the page protocol does not report. None
 * may name the hostile hosts.
 */
function assertNetLogClean(file: string, hosts: string[]): void {
  const log = JSON.parse(fs.readFileSync(file, 'utf8')) as { events: { params?: Record<string, unknown> }[] };
  assert.ok(log.events.length > 0, 'the network log recorded the journey');
  const named = new Set<string>();
  for (const e of log.events) {
    if (!e.params) continue;
    const params = JSON.stringify(e.params);
    for (const h of hosts) if (params.includes(h)) named.add(params.slice(0, 300));
  }
  assert.deepEqual([...named], [], 'Chromium network log events naming a hostile host');
}
