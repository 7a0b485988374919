/**
 * Journey 2: a viewer cannot edit. An administrator captures the seed and creates a viewer on
 * the Accounts page; the viewer signs in and finds no capture, accept, edit, reject, code,
 * withdraw, merge or rename control in the Inbox, Reader, Review, event and entity pages
 * (and the review keys do nothing); and the API refuses the viewer's requests from the
 * viewer's own page, with a valid CSRF token, with 403. Each "not there" is checked against
 * the administrator seeing it on the same page first, so a renamed control cannot make the
 * journey pass by accident. Screenshots: test-output/e2e/viewer-cannot-edit/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiFromPage,
  byTestId,
  csrfOf,
  JOURNEY_TIMEOUT_MS,
  journey,
  loginThroughUi,
  PASSWORD,
  SEED_PATH,
  setupThroughApi,
  sleep,
  uploadInInbox,
  waitProcessedInInbox,
} from './support.js';

/** Controls only analysts, editors and administrators may see. */
const EDIT_CONTROLS = [
  'capture-tab-url',
  'capture-tab-file',
  'capture-tab-text',
  'suggestion-accept',
  'suggestion-edit',
  'suggestion-reject',
  'suggestion-edit-form',
  'suggestion-reject-reason',
  'code-violation',
  'event-withdraw',
  'entity-rename',
  'entity-merge',
  'entity-split',
  'nav-users',
  'user-create-form',
];

async function editControls(page: Page): Promise<string[]> {
  const present: string[] = [];
  for (const id of EDIT_CONTROLS) if ((await page.locator(byTestId(id)).count()) > 0) present.push(id);
  // The violation dialog is always in the page, closed: it must not open.
  if ((await page.locator(`${byTestId('violation-dialog')}[open]`).count()) > 0) present.push('violation-dialog (open)');
  return present;
}

/** Selects the article's first paragraph with the mouse (triple click), as a reader codes a passage. */
async function selectPassage(page: Page): Promise<void> {
  await page.locator(`${byTestId('article-text')} p`).first().click({ clickCount: 3 });
  await sleep(500); // the Reader reads the selection after a short debounce
}

test('a viewer cannot edit: no controls in the UI, and the API refuses', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('viewer-cannot-edit', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;

    // The administrator: set up, capture the seed, see the controls a viewer must not see.
    const admin = await newWatchedContext();
    await setupThroughApi(admin.context, base, 'admin');
    const ap = await admin.context.newPage();
    setPage(ap);
    const sourceId = await uploadInInbox(ap, base, SEED_PATH);
    await waitProcessedInInbox(ap, sourceId);
    assert.ok((await ap.locator(byTestId('capture-tab-file')).count()) > 0);
    await ap.goto(`${base}/#/sources/${encodeURIComponent(sourceId)}`);
    const adminCard = ap.locator(`${byTestId('suggestion-card')}[data-kind="event"][data-types~="protest"]`);
    await adminCard.waitFor();
    const suggestionId = (await adminCard.getAttribute('data-suggestion-id'))!;
    const eventId = decodeURIComponent(/#\/events\/([^?/]+)/.exec((await adminCard.locator(byTestId('suggestion-event-link')).getAttribute('href')) ?? '')?.[1] ?? '');
    assert.ok(eventId);
    for (const id of ['suggestion-accept', 'suggestion-edit', 'suggestion-reject']) assert.equal(await adminCard.locator(byTestId(id)).count(), 1, `the administrator sees ${id}`);
    await selectPassage(ap);
    await ap.locator(byTestId('code-violation')).waitFor();
    await shots.take(ap, 'admin-reader-controls');
    await ap.goto(`${base}/#/events/${encodeURIComponent(eventId)}`);
    await ap.locator(byTestId('event-withdraw')).waitFor();
    const placeHref = (await ap.locator(`${byTestId('event-place')} a`).getAttribute('href'))!;
    await ap.goto(`${base}/${placeHref}`);
    await ap.locator(byTestId('entity-rename')).waitFor();

    // The administrator creates the viewer on the Accounts page.
    await ap.goto(`${base}/#/inbox`);
    await ap.click(byTestId('user-menu'));
    await ap.click(byTestId('nav-users'));
    await ap.locator(byTestId('user-create-form')).waitFor();
    await ap.fill(byTestId('user-username'), 'vera');
    await ap.fill(byTestId('user-password'), PASSWORD);
    await ap.selectOption(byTestId('user-role'), 'viewer');
    await ap.click(byTestId('user-create'));
    const veraRow = ap.locator(`${byTestId('user-row')}[data-username="vera"]`);
    await veraRow.waitFor();
    assert.equal(await veraRow.locator('select').inputValue(), 'viewer');
    await shots.take(ap, 'admin-created-viewer');

    // The viewer signs in (own browser context: own cookies).
    const viewer = await newWatchedContext();
    const vp = await viewer.context.newPage();
    setPage(vp);
    await loginThroughUi(vp, base, 'vera');
    assert.equal((await vp.locator(byTestId('current-role')).textContent())?.trim(), 'Viewer');
    await vp.locator(byTestId('captures')).waitFor();
    assert.match((await vp.locator('.page.inbox').textContent()) ?? '', /Viewers can read captures/);
    assert.deepEqual(await editControls(vp), [], 'edit controls in the Inbox');
    await vp.click(byTestId('user-menu'));
    assert.deepEqual(await editControls(vp), [], 'edit controls in the user menu');
    await shots.take(vp, 'viewer-inbox');
    await vp.click(byTestId('user-menu'));

    // Reader: the suggestion is there to read, with no way to decide it or code a passage.
    await vp.goto(`${base}/#/sources/${encodeURIComponent(sourceId)}`);
    const card = vp.locator(`${byTestId('suggestion-card')}[data-suggestion-id="${suggestionId}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-status'), 'pending');
    await selectPassage(vp);
    assert.deepEqual(await editControls(vp), [], 'edit controls in the Reader');
    // The review keys do nothing for a viewer.
    await vp.click('body', { position: { x: 5, y: 300 } });
    for (const key of ['a', 'e', 'r']) await vp.keyboard.press(key);
    await sleep(1000);
    assert.deepEqual(await editControls(vp), [], 'edit controls after pressing a / e / r');
    assert.equal(await card.getAttribute('data-status'), 'pending');
    await shots.take(vp, 'viewer-reader');
    await vp.click(byTestId('reader-tab-provenance'));
    await vp.locator(byTestId('provenance')).waitFor();
    assert.deepEqual(await editControls(vp), [], 'edit controls in the provenance panel');

    // Review queue.
    await vp.goto(`${base}/#/review`);
    await vp.locator(`${byTestId('suggestion-card')}[data-suggestion-id="${suggestionId}"]`).waitFor();
    for (const key of ['j', 'k', 'a', 'e', 'r']) await vp.keyboard.press(key);
    await sleep(1000);
    assert.deepEqual(await editControls(vp), [], 'edit controls in Review');
    assert.equal(await vp.locator(`${byTestId('suggestion-card')}[data-suggestion-id="${suggestionId}"]`).getAttribute('data-status'), 'pending');
    await shots.take(vp, 'viewer-review');

    // Event and place pages.
    await vp.goto(`${base}/#/events/${encodeURIComponent(eventId)}`);
    await vp.locator(byTestId('event-claims')).waitFor();
    assert.deepEqual(await editControls(vp), [], 'edit controls on the event page');
    await shots.take(vp, 'viewer-event');
    await vp.goto(`${base}/${placeHref}`);
    await vp.locator(byTestId('entity-mentions')).waitFor();
    assert.deepEqual(await editControls(vp), [], 'edit controls on the entity page');
    await shots.take(vp, 'viewer-entity');

    // Accounts: not for viewers.
    await vp.goto(`${base}/#/users`);
    await vp.locator('text=Your role does not allow this.').waitFor();
    assert.equal(await vp.locator(byTestId('users-table')).count(), 0);
    await shots.take(vp, 'viewer-users-forbidden');

    // The API refuses, from the viewer's own page with a valid CSRF token: the role, not CSRF.
    const csrf = await csrfOf(vp);
    const e = encodeURIComponent;
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/v1/suggestions/${e(suggestionId)}/accept`, undefined],
      ['POST', `/api/v1/suggestions/${e(suggestionId)}/reject`, { reason: 'no' }],
      ['PATCH', `/api/v1/suggestions/${e(suggestionId)}`, { set: { title: 'Changed by a viewer' } }],
      ['POST', `/api/v1/events/${e(eventId)}/withdraw`, { reason: 'no' }],
      ['POST', '/api/v1/sources', { text: 'A viewer tries to capture this text.' }],
      ['POST', '/api/v1/users', { username: 'mallory', password: PASSWORD, memberships: [{ collectionId: 'default', role: 'administrator' }] }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await apiFromPage(vp, method, url, body, csrf);
      assert.equal(res.status, 403, `${method} ${url}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body?.error?.code, 'FORBIDDEN', `${method} ${url}`);
      assert.notEqual(res.body?.error?.details?.reason, 'csrf', `${method} ${url} was refused for the role, not for CSRF`);
    }
    viewer.watch.expectConsoleError(/Failed to load resource: the server responded with a status of 403/);

    // Nothing changed; and the very same request from the administrator's page is accepted.
    const pending = await apiFromPage(ap, 'GET', '/api/v1/suggestions?status=pending&kind=event');
    assert.ok(pending.body.items.some((s: { id: string }) => s.id === suggestionId), 'the suggestion is still pending');
    const accepted = await apiFromPage(ap, 'POST', `/api/v1/suggestions/${e(suggestionId)}/accept`, undefined, await csrfOf(ap));
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const users = await apiFromPage(ap, 'GET', '/api/v1/users');
    assert.ok(!(users.body.items ?? users.body).some((u: { username: string }) => u.username === 'mallory'));

    // The viewer sees the decision, still without controls.
    await vp.goto(`${base}/#/events/${encodeURIComponent(eventId)}`);
    await vp.locator(`${byTestId('event-page')}[data-status="confirmed"]`).waitFor();
    assert.deepEqual(await editControls(vp), []);
    await shots.take(vp, 'viewer-sees-confirmed');

    admin.watch.assertClean(origin);
    viewer.watch.assertClean(origin);
  });
});
