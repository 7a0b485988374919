/**
 * Journey 1, the "Must show": first-run setup → sign in → capture the seed file by
 * upload in the Inbox → processing done → the protest suggestion appears in the Reader →
 * accept it → it shows on the timeline and on the map → search "Nazarbayev" finds the article.
 * Screenshots: test-output/e2e/first-run/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiFromPage,
  byTestId,
  JOURNEY_TIMEOUT_MS,
  journey,
  loginThroughUi,
  logoutThroughUi,
  SEED_PATH,
  setupThroughUi,
  uploadInInbox,
  waitProcessedInInbox,
} from './support.js';

test('first run: set up, sign in, capture the seed, accept the protest, see it on the timeline and map, search it', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('first-run', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;
    const { context, watch } = await newWatchedContext();
    const page = await context.newPage();
    setPage(page);

    // First visit: the setup page (no default password), with the Kazakh welcome.
    await page.goto(`${base}/`);
    await page.locator(byTestId('setup-form')).waitFor();
    assert.equal(await page.locator(byTestId('welcome-kk')).textContent(), 'Қош келдіңіз');
    await shots.take(page, 'setup-page');
    await setupThroughUi(page, base, { username: 'amina', displayName: 'Amina Monitor' });
    assert.equal((await page.locator(byTestId('current-role')).textContent())?.trim(), 'Administrator');
    await shots.take(page, 'signed-in-after-setup');

    // Sign out, and back in with the password just chosen.
    await logoutThroughUi(page);
    await shots.take(page, 'login-page');
    await page.fill(byTestId('login-username'), 'amina');
    await page.fill(byTestId('login-password'), 'not the password at all');
    await page.click(byTestId('login-submit'));
    await page.locator(byTestId('login-error')).waitFor();
    await loginThroughUi(page, base, 'amina');
    assert.match(page.url(), /#\/inbox$/);

    // Capture the seed article by upload, then wait for extraction (the Inbox polls).
    const sourceId = await uploadInInbox(page, base, SEED_PATH);
    await shots.take(page, 'seed-uploaded');
    await waitProcessedInInbox(page, sourceId);
    const row = page.locator(`${byTestId('capture-row')}[data-source-id="${sourceId}"]`);
    assert.match((await row.locator(byTestId('capture-open')).textContent()) ?? '', /Kazakhstan’s Human Rights Crackdown/);
    await shots.take(page, 'seed-processed');

    // The Reader: the cleaned article and the protest suggestion, pending.
    await row.locator(byTestId('capture-open')).click();
    await page.locator(byTestId('article-title')).waitFor();
    assert.equal(await page.locator(byTestId('article-title')).textContent(), 'Kazakhstan’s Human Rights Crackdown');
    assert.match((await page.locator(byTestId('article-text')).textContent()) ?? '', /rare public protests in several cities/);
    const card = page.locator(`${byTestId('reader-suggestions')} ${byTestId('suggestion-card')}[data-kind="event"][data-types~="protest"]`);
    await card.waitFor();
    assert.equal(await card.count(), 1, 'one protest suggestion');
    assert.equal(await card.getAttribute('data-status'), 'pending');
    assert.match((await card.textContent()) ?? '', /April – May 2016/, '"in April and May": both months');
    const eventHref = (await card.locator(byTestId('suggestion-event-link')).getAttribute('href')) ?? '';
    const eventId = decodeURIComponent(/#\/events\/([^?/]+)/.exec(eventHref)?.[1] ?? '');
    assert.ok(eventId, `the suggestion links to its event: ${eventHref}`);
    await shots.take(page, 'reader-protest-suggestion');

    // Before it is accepted the timeline draws it as proposed.
    await page.goto(`${base}/#/timeline`);
    const mark = page.locator(`${byTestId('timeline-event')}[data-event-id="${eventId}"]`);
    await mark.waitFor();
    assert.match((await mark.locator('rect').getAttribute('class')) ?? '', /\bis-proposed\b/);
    await shots.take(page, 'timeline-proposed');

    // Accept it in the Reader.
    await page.goto(`${base}/#/sources/${encodeURIComponent(sourceId)}`);
    await card.waitFor();
    await card.locator(byTestId('suggestion-accept')).click();
    await page.waitForFunction((id) => document.querySelector(`[data-testid="suggestion-card"][data-suggestion-id="${id}"]`)?.getAttribute('data-status') === 'accepted', await card.getAttribute('data-suggestion-id'));
    assert.equal(await card.locator(byTestId('suggestion-accept')).count(), 0, 'no accept button once accepted');
    await shots.take(page, 'reader-accepted');

    // The event page: confirmed, its claims citing the seed.
    await card.locator(byTestId('suggestion-event-link')).click();
    const eventPage = page.locator(`${byTestId('event-page')}[data-event-id="${eventId}"]`);
    await eventPage.waitFor();
    assert.equal(await eventPage.getAttribute('data-status'), 'confirmed');
    assert.ok((await page.locator(byTestId('claim-row')).count()) > 0, 'claims listed');
    const place = ((await page.locator(byTestId('event-place')).locator('a').textContent()) ?? '').trim();
    assert.equal(place, 'Astana');
    await shots.take(page, 'event-confirmed');

    // The timeline: confirmed only, the mark no longer drawn as proposed; a click opens the event.
    await page.goto(`${base}/#/timeline?status=confirmed`);
    await mark.waitFor();
    assert.doesNotMatch((await mark.locator('rect').getAttribute('class')) ?? '', /\bis-proposed\b/);
    assert.equal(await page.locator(byTestId('timeline-event')).count(), 1);
    await shots.take(page, 'timeline-confirmed');
    await mark.click();
    await eventPage.waitFor();

    // The map: a point at the event's place; clicking it lists the place's events.
    await page.goto(`${base}/#/map?status=confirmed`);
    const point = page.locator(`${byTestId('map-point')}[data-place="${place}"]`);
    await point.waitFor();
    assert.match((await page.locator(byTestId('map-places')).textContent()) ?? '', new RegExp(place));
    await shots.take(page, 'map');
    await point.click();
    await page.locator(`${byTestId('event-row')}[data-event-id="${eventId}"]`).waitFor();
    await shots.take(page, 'map-click-through');

    // Search "Nazarbayev" from the top bar: the article, with the match marked.
    await page.fill(byTestId('quick-search'), 'Nazarbayev');
    await page.press(byTestId('quick-search'), 'Enter');
    const hit = page.locator(`${byTestId('search-hit')}[data-kind="source"][data-id="${sourceId}"]`);
    await hit.waitFor();
    assert.match((await hit.locator(byTestId('search-hit-link')).textContent()) ?? '', /Kazakhstan’s Human Rights Crackdown/);
    // The whole word is marked ("Nazarbayev’s" where the possessive is attached).
    assert.match((await hit.locator('mark').first().textContent()) ?? '', /^Nazarbayev/);
    await shots.take(page, 'search-nazarbayev');
    await hit.locator(byTestId('search-hit-link')).click();
    await page.locator(byTestId('article-title')).waitFor();

    // And the API agrees with what the pages showed.
    const ev = await apiFromPage(page, 'GET', `/api/v1/events/${encodeURIComponent(eventId)}`);
    assert.equal(ev.status, 200);
    assert.equal(ev.body.status, 'confirmed');

    watch.assertClean(origin);
  });
});
