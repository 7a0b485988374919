/**
 * Journey 4, the workbench's everyday promises: English/Russian switch (kept across reloads
 * and sign-out), keyboard review (j/k/a/r, ? and /), and an ended session that asks to sign
 * in again without losing what was typed — the request then goes through.
 * Screenshots: test-output/e2e/language/, keyboard-review/, session-expiry/.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request, type BrowserContext, type Page } from 'playwright-core';
import {
  byTestId,
  JOURNEY_TIMEOUT_MS,
  journey,
  loginThroughUi,
  logoutThroughUi,
  PASSWORD,
  SEED_PATH,
  setupThroughApi,
  sleep,
  uploadInInbox,
  waitProcessedInInbox,
} from './support.js';

const text = async (page: Page, testid: string) => ((await page.locator(byTestId(testid)).first().textContent()) ?? '').trim();

test('English and Russian: the switch changes the whole UI and is remembered', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('language', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;
    const { context, watch } = await newWatchedContext();
    await setupThroughApi(context, base, 'admin');
    const page = await context.newPage();
    setPage(page);
    await page.goto(`${base}/#/inbox`);
    await page.locator(byTestId('captures-refresh')).waitFor();
    assert.equal(await text(page, 'nav-inbox'), 'Inbox');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await shots.take(page, 'english');

    await page.click(byTestId('lang-ru'));
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    assert.equal(await text(page, 'nav-inbox'), 'Входящие');
    assert.equal(await text(page, 'nav-review'), 'Проверка');
    assert.equal(await page.getAttribute(byTestId('lang-ru'), 'aria-pressed'), 'true');
    await shots.take(page, 'russian');

    // Remembered across a reload and on the sign-in page (with the Kazakh welcome).
    await page.reload();
    await page.locator(byTestId('nav-inbox')).waitFor();
    assert.equal(await text(page, 'nav-inbox'), 'Входящие');
    await logoutThroughUi(page);
    assert.equal(await text(page, 'login-submit'), 'Войти');
    assert.equal(await text(page, 'welcome-kk'), 'Қош келдіңіз');
    await shots.take(page, 'russian-login');
    await loginThroughUi(page, base, 'admin');
    assert.equal(await text(page, 'nav-inbox'), 'Входящие');

    await page.click(byTestId('lang-en'));
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await text(page, 'nav-inbox'), 'Inbox');
    await shots.take(page, 'back-to-english');
    watch.assertClean(origin);
  });
});

test('keyboard review: j/k move, a accepts, r rejects with a reason, ? shows the keys, / goes to search', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('keyboard-review', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;
    const { context, watch } = await newWatchedContext();
    await setupThroughApi(context, base, 'admin');
    const page = await context.newPage();
    setPage(page);
    const sourceId = await uploadInInbox(page, base, SEED_PATH);
    await waitProcessedInInbox(page, sourceId);

    await page.goto(`${base}/#/review`);
    await page.locator(byTestId('suggestion-card')).first().waitFor();
    await page.click(byTestId('review-kind-all'));
    const cards = page.locator(byTestId('suggestion-card'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="suggestion-card"]').length >= 3);
    const n = await cards.count();
    const selected = async () => {
      const all = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('aria-current') === 'true'));
      assert.equal(all.filter(Boolean).length, 1, 'exactly one card is selected');
      return all.indexOf(true);
    };
    const status = (i: number) => cards.nth(i).getAttribute('data-status');
    assert.equal(await selected(), 0);
    await shots.take(page, 'queue');

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="suggestion-card"]')[2]?.getAttribute('aria-current') === 'true');
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="suggestion-card"]')[1]?.getAttribute('aria-current') === 'true');
    // k at the top and j at the bottom stay in the list.
    for (let i = 0; i < n + 2; i++) await page.keyboard.press('j');
    await page.waitForFunction((last) => document.querySelectorAll('[data-testid="suggestion-card"]')[last]?.getAttribute('aria-current') === 'true', n - 1);
    for (let i = 0; i < n + 2; i++) await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="suggestion-card"]')[0]?.getAttribute('aria-current') === 'true');

    const moveTo = async (target: number) => {
      const from = await selected();
      for (let i = 0; i < Math.abs(target - from); i++) await page.keyboard.press(target > from ? 'j' : 'k');
      await page.waitForFunction((t) => document.querySelectorAll('[data-testid="suggestion-card"]')[t]?.getAttribute('aria-current') === 'true', target);
    };
    const kinds = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));

    // a: the protest (event) suggestion is accepted; the selection moves on to the next pending card.
    const ev = kinds.indexOf('event');
    assert.ok(ev >= 0, `an event suggestion in the queue: ${kinds.join(', ')}`);
    await moveTo(ev);
    await page.keyboard.press('a');
    await page.waitForFunction((i) => document.querySelectorAll('[data-testid="suggestion-card"]')[i]?.getAttribute('data-status') === 'accepted', ev);
    if (ev < n - 1) await page.waitForFunction((i) => document.querySelectorAll('[data-testid="suggestion-card"]')[i]?.getAttribute('aria-current') === 'true', ev + 1);
    await shots.take(page, 'accepted-with-a');

    // r on an entity suggestion: asks for a reason (the field has the focus, so typing there
    // triggers no shortcut), Enter rejects.
    const en = kinds.indexOf('entity');
    assert.ok(en >= 0, `an entity suggestion in the queue: ${kinds.join(', ')}`);
    await moveTo(en);
    await page.keyboard.press('r');
    const reason = page.locator(byTestId('suggestion-reject-reason'));
    await reason.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'suggestion-reject-reason', 'the reason field has the focus');
    await page.keyboard.type('not a person in this report; a, j and k typed here are text');
    assert.equal(await reason.inputValue(), 'not a person in this report; a, j and k typed here are text');
    assert.equal(await status(en), 'pending');
    await shots.take(page, 'reject-reason');
    await page.keyboard.press('Enter');
    await page.waitForFunction((i) => document.querySelectorAll('[data-testid="suggestion-card"]')[i]?.getAttribute('data-status') === 'rejected', en);
    for (let i = 0; i < n; i++) if (i !== ev && i !== en) assert.equal(await status(i), 'pending', `card ${i} untouched by the keys typed in the reason`);
    await shots.take(page, 'rejected-with-r');

    // ? opens the list of keys; Escape closes it. / goes to the search box.
    await page.locator('body').press('?');
    await page.locator(`${byTestId('help-dialog')}[open]`).waitFor();
    await shots.take(page, 'help');
    await page.keyboard.press('Escape');
    await page.locator(`${byTestId('help-dialog')}[open]`).waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'quick-search');
    await page.keyboard.type('Nazarbayev');
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('search-hit')}[data-id="${sourceId}"]`).waitFor();

    // The decisions are the server's too.
    await page.goto(`${base}/#/review`);
    await page.click(byTestId('review-status-accepted'));
    await page.click(byTestId('review-kind-all'));
    await page.locator(`${byTestId('suggestion-card')}[data-kind="event"][data-status="accepted"]`).waitFor();
    await page.click(byTestId('review-status-rejected'));
    await page.locator(`${byTestId('suggestion-card')}[data-kind="entity"][data-status="rejected"]`).waitFor();
    assert.equal(await page.locator(byTestId('suggestion-card')).count(), 1);
    watch.assertClean(origin);
  });
});

/** Ends the context's session on the server (as an idle timeout would), leaving the now-dead cookie in the browser. */
async function endSessionOnServer(context: BrowserContext, base: string): Promise<void> {
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { cookie } });
  try {
    const me = await api.get('/api/v1/me');
    assert.equal(me.status(), 200);
    const out = await api.post('/api/v1/logout', { headers: { 'x-csrf-token': (await me.json()).csrfToken } });
    assert.equal(out.status(), 204);
  } finally {
    await api.dispose();
  }
}

test('an ended session asks to sign in again and keeps what was typed; the capture then goes through', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('session-expiry', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;
    const { context, watch } = await newWatchedContext();
    await setupThroughApi(context, base, 'admin');
    const page = await context.newPage();
    setPage(page);
    await page.goto(`${base}/#/inbox`);
    await page.click(byTestId('capture-tab-text'));
    const typed = 'Witness statement, 12 March: police in Oral detained two journalists outside the court.\n\nTheir lawyer was not allowed in.';
    await page.fill(byTestId('capture-text'), typed);
    await shots.take(page, 'typed');

    // The session ends while the monitor is typing.
    await endSessionOnServer(context, base);

    // "Not now": the error says so, the text is still there.
    await page.click(byTestId('capture-text-submit'));
    await page.locator(`${byTestId('relogin-dialog')}[open]`).waitFor();
    assert.equal(await page.inputValue(byTestId('relogin-username')), 'admin');
    assert.equal(await page.inputValue(byTestId('capture-text')), typed);
    await shots.take(page, 'relogin-dialog');
    await page.click(byTestId('relogin-cancel'));
    await page.locator(`${byTestId('capture-error')}[data-code="UNAUTHENTICATED"]`).waitFor();
    assert.equal(await page.inputValue(byTestId('capture-text')), typed);
    await shots.take(page, 'cancelled-text-kept');

    // Again, and sign in this time (a wrong password first: the dialog stays, the text too).
    await page.click(byTestId('capture-text-submit'));
    await page.locator(`${byTestId('relogin-dialog')}[open]`).waitFor();
    await page.fill(byTestId('relogin-password'), 'wrong password, twice over');
    await page.click(byTestId('relogin-submit'));
    await page.locator(byTestId('relogin-error')).waitFor();
    await page.fill(byTestId('relogin-password'), PASSWORD);
    await page.click(byTestId('relogin-submit'));
    await page.locator(`${byTestId('relogin-dialog')}[open]`).waitFor({ state: 'detached' });
    const result = page.locator(`${byTestId('capture-result')} ${byTestId('capture-result-open')}`);
    await result.waitFor();
    await shots.take(page, 'captured-after-relogin');

    // What was captured is exactly what was typed.
    await result.click();
    await page.locator(byTestId('article-text')).waitFor();
    const shown = (await page.locator(byTestId('article-text')).innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(shown, typed.replace(/\s+/g, ' '));
    await sleep(200);
    await shots.take(page, 'reader');
    watch.assertClean(origin);
  });
});

test('your account: a wrong current password is refused without losing what was typed; a change signs other browsers out', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  await journey('password-change', async ({ server, shots, newWatchedContext, setPage }) => {
    const { base, origin } = server;
    const { context, watch } = await newWatchedContext();
    await setupThroughApi(context, base, 'admin');
    // Another browser signed in as the same person.
    const other = await request.newContext({ baseURL: base });
    assert.equal((await other.post('/api/v1/login', { data: { username: 'admin', password: PASSWORD } })).status(), 200);
    const page = await context.newPage();
    setPage(page);
    await page.goto(`${base}/#/inbox`);
    await page.click(byTestId('user-menu'));
    await page.click(byTestId('nav-account'));
    await page.locator(byTestId('password-form')).waitFor();

    const NEW = 'a new passphrase for the archive';
    watch.expectConsoleError(/status of 400/);
    await page.fill(byTestId('password-current'), 'not the password at all');
    await page.fill(byTestId('password-new'), NEW);
    await page.fill(byTestId('password-repeat'), NEW);
    await page.click(byTestId('password-submit'));
    await page.locator(byTestId('error')).waitFor();
    assert.match(await text(page, 'error'), /current password is wrong/i);
    assert.equal(await page.inputValue(byTestId('password-new')), NEW, 'what was typed stays');
    await shots.take(page, 'wrong-current');

    await page.fill(byTestId('password-current'), PASSWORD);
    await page.click(byTestId('password-submit'));
    await page.locator(byTestId('password-changed')).waitFor();
    assert.match(await text(page, 'password-changed'), /Other sessions signed out: [1-9]/);
    assert.equal(await page.inputValue(byTestId('password-new')), '', 'the form is cleared once done');
    await shots.take(page, 'changed');
    assert.equal((await other.get('/api/v1/me')).status(), 401, 'the other browser is signed out');
    await other.dispose();

    await logoutThroughUi(page);
    await loginThroughUi(page, base, 'admin', NEW);
    watch.assertClean(origin);
  });
});
