/**
 * Shared pieces of the browser journeys (test/e2e/*.test.ts): the built UI, a real
 * `chronicle serve` on an ephemeral loopback port, Debian's headless Chromium driven by
 * playwright-core, screenshots per step, and a watch over everything the browser does
 * (requests, console, script errors, dialogs) so a journey can assert what did NOT happen.
 *
 * node:test runs test files in parallel processes: the UI build is guarded by a lock file,
 * every journey has its own server, data folder and browser.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Frame, type Page, type Request } from 'playwright-core';
import { makeTempDir, repoRoot } from '../support/tmp.js';

export { repoRoot, SEED_PATH } from '../support/tmp.js';

export const PASSWORD = 'correct horse battery staple';
/** Generous: the CI machine has two cores and extraction loads its models on first use. */
export const JOURNEY_TIMEOUT_MS = 6 * 60_000;
/**
 * A journey gives up a little before node:test's timeout, so that its browser and server are
 * always stopped (a test that node:test times out would leave them running, and the run hanging).
 */
const JOURNEY_DEADLINE_MS = JOURNEY_TIMEOUT_MS - 30_000;
export const STEP_TIMEOUT_MS = 60_000;
/** Capture → cleaned → extracted, on a loaded machine. */
export const PROCESSING_TIMEOUT_MS = 180_000;

const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const OUTPUT = path.join(repoRoot, 'test-output', 'e2e');

// ---------------------------------------------------------------------------------------------
// The UI build

const WEB = path.join(repoRoot, 'web');
const DIST = path.join(WEB, 'dist');
const BUILD_LOCK = path.join(OUTPUT, '.web-build.lock');

/** Newest modification time of the UI's sources (everything under web/ but the build). */
function newestSourceMtime(dir = WEB): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === DIST || entry.name === 'node_modules') continue;
    const t = entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function builtAt(): number | null {
  try {
    return fs.statSync(path.join(DIST, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

function buildIsFresh(): boolean {
  const built = builtAt();
  return built !== null && built >= newestSourceMtime();
}

function lockIsStale(): boolean {
  try {
    const { pid, at } = JSON.parse(fs.readFileSync(BUILD_LOCK, 'utf8')) as { pid: number; at: number };
    if (Date.now() - at > 5 * 60_000) return true;
    process.kill(pid, 0); // throws when the process is gone
    return false;
  } catch (e) {
    // EPERM: the process exists (another user); anything else: gone or unreadable.
    return (e as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/**
 * Builds web/dist when it is missing or older than web/'s sources (`vite build`, once per
 * run even with journeys in parallel: the first takes the lock, the others wait for it).
 */
export async function ensureWebBuild(): Promise<void> {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (buildIsFresh()) return;
    let fd: number | null = null;
    try {
      fd = fs.openSync(BUILD_LOCK, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      try {
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }));
        fs.closeSync(fd);
        if (!buildIsFresh()) {
          // What `npm run build:web` runs (vite's own bin, found the way npx finds it).
          const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite')), '..', '..', 'bin', 'vite.js');
          const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join('web', 'vite.config.ts')], {
            cwd: repoRoot,
            encoding: 'utf8',
            timeout: 5 * 60_000,
          });
          if (r.status !== 0) throw new Error(`vite build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
        }
        return;
      } finally {
        fs.rmSync(BUILD_LOCK, { force: true });
      }
    }
    if (lockIsStale()) fs.rmSync(BUILD_LOCK, { force: true });
    if (Date.now() > deadline) throw new Error(`waited 5 minutes for another journey's UI build (${BUILD_LOCK})`);
    await sleep(300);
  }
}

// ---------------------------------------------------------------------------------------------
// The server

export interface Server {
  base: string;
  origin: string;
  dataDir: string;
  /** What the server printed (for a failing journey's message). */
  output(): string;
  stop(): Promise<void>;
}

/** `chronicle serve --port 0 --data <fresh dir>` on 127.0.0.1, as a user starts it. */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = makeTempDir('chronicle-e2e-');
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'bin', 'chronicle.js'), 'serve', '--port', '0', '--data', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, CHRONICLE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chronicle serve did not start within 90 s:\n${out}`));
    }, 90_000);
    const onData = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`chronicle serve exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    base,
    origin: new URL(base).origin,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The browser

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // No userDataDir: Playwright gives every launch a fresh temporary profile.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 90_000 });
}

/** A fresh browser context (cookies, storage) as a monitor's laptop would show Chronicle. */
export async function newContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: options.locale ?? 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return context;
}

export interface SeenRequest {
  url: string;
  method: string;
  resourceType: string;
  /** The URL of the frame that made it ('' when not from a frame, e.g. a service worker). */
  frameUrl: string;
  /** Whether it came from the main frame of its page. */
  mainFrame: boolean;
  /** The frame itself (its URL may still be about:blank while it navigates). */
  frame: Frame | null;
}

export interface SeenConsole {
  type: string;
  text: string;
  url: string;
}

/** Console messages every journey may see: not failures (see the report in the test file's header). */
const KNOWN_NOISE: RegExp[] = [
  // The first GET /api/v1/me on the sign-in page answers 401: that is how the UI learns it is signed out.
  /Failed to load resource: the server responded with a status of 401/,
  /Origin-Agent-Cluster/i,
];

/**
 * Everything a browser context does, recorded from the outside (CDP), so journeys can assert
 * what did not happen: requests to other origins, script in captured pages, CSP refusals.
 */
export class BrowserWatch {
  readonly requests: SeenRequest[] = [];
  readonly console: SeenConsole[] = [];
  readonly pageErrors: string[] = [];
  readonly dialogs: string[] = [];
  /** Console errors a journey expects (e.g. a 403 it provokes on purpose). */
  private readonly expected: RegExp[] = [];

  constructor(readonly context: BrowserContext) {
    context.on('request', (r: Request) => this.requests.push(describeRequest(r)));
    context.on('console', (m: ConsoleMessage) => this.console.push({ type: m.type(), text: m.text(), url: m.location().url }));
    context.on('weberror', (e) => this.pageErrors.push(String(e.error()?.stack ?? e.error())));
    context.on('dialog', (d) => {
      this.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
  }

  /** Everything seen, for the journey's output folder (what CI keeps when a journey fails). */
  save(file: string): void {
    const { console, pageErrors, dialogs } = this;
    const requests = this.requests.map(({ frame: _frame, ...r }) => r);
    fs.writeFileSync(file, JSON.stringify({ requests, console, pageErrors, dialogs }, null, 2));
  }

  expectConsoleError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  /** Requests whose origin is not Chronicle's (data:, blob: and about: never leave the browser). */
  foreignRequests(origin: string): SeenRequest[] {
    return this.requests.filter((r) => {
      if (/^(data|blob|about):/i.test(r.url)) return false;
      try {
        return new URL(r.url).origin !== origin;
      } catch {
        return true;
      }
    });
  }

  cspViolations(): SeenConsole[] {
    return this.console.filter((m) => /Content[- ]Security[- ]Policy/i.test(m.text));
  }

  /** Console errors that are neither known noise nor expected by the journey. */
  unexpectedConsoleErrors(): SeenConsole[] {
    return this.console.filter((m) => m.type === 'error' && ![...KNOWN_NOISE, ...this.expected].some((p) => p.test(m.text)));
  }

  /**
   * The checks every journey ends with: nothing left Chronicle's origin, no CSP refusal
   * (our UI must not do what its own CSP forbids), no uncaught script error, no dialog.
   */
  assertClean(origin: string): void {
    assert.deepEqual(this.foreignRequests(origin), [], 'requests to another origin');
    assert.deepEqual(this.cspViolations(), [], 'CSP violations in the console');
    assert.deepEqual(this.pageErrors, [], 'uncaught script errors');
    assert.deepEqual(this.dialogs, [], 'dialogs (alert/confirm/prompt)');
    assert.deepEqual(this.unexpectedConsoleErrors(), [], 'unexpected console errors');
  }
}

function describeRequest(r: Request): SeenRequest {
  let frame: Frame | null = null;
  try {
    frame = r.frame();
  } catch {
    /* a service worker's request has no frame */
  }
  return { url: r.url(), method: r.method(), resourceType: r.resourceType(), frameUrl: frame?.url() ?? '', mainFrame: frame?.parentFrame() === null, frame };
}

// ---------------------------------------------------------------------------------------------
// A stand-in for the outside world

export interface HitCounter {
  /** http://127.0.0.1:<port>: another origin than Chronicle's, reachable from the browser. */
  origin: string;
  hits: { method: string; url: string; host: string }[];
  close(): Promise<void>;
}

/**
 * A server on another loopback port that plays the tracker / the hostile site's host: it
 * answers everything (a script, a stylesheet, a pixel) and counts every request it gets.
 */
export async function startHitCounter(pages: Record<string, string> = {}): Promise<HitCounter> {
  const hits: HitCounter['hits'] = [];
  const server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '' });
    const url = req.url ?? '';
    const page = pages[url];
    if (page !== undefined) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (/\.js(\?|$)/.test(url)) res.writeHead(200, { 'content-type': 'text/javascript' }).end("window.__pwned = 'remote script'; console.log('PWNED: remote script');");
    else if (/\.css(\?|$)/.test(url)) res.writeHead(200, { 'content-type': 'text/css' }).end('body { background: red }');
    else res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' }).end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/** Numbered screenshots of one journey in test-output/e2e/<journey>/NN-step.png (old ones removed first). */
export class Shots {
  readonly dir: string;
  private n = 0;
  readonly taken: string[] = [];

  constructor(journey: string) {
    this.dir = path.join(OUTPUT, journey);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  async take(page: Page, step: string): Promise<string> {
    this.n += 1;
    const file = path.join(this.dir, `${String(this.n).padStart(2, '0')}-${step}.png`);
    // The whole page when it is at the top; scrolled (a selected card, a passage), what the
    // user sees — a full-page shot would draw the sticky top bar in the middle.
    const atTop = await page.evaluate(() => window.scrollY === 0).catch(() => true);
    await page.screenshot({ path: file, fullPage: atTop, animations: 'disabled', timeout: STEP_TIMEOUT_MS });
    this.taken.push(file);
    return file;
  }

  /** On failure: what the page looked like, best effort (never hides the real error). */
  async failure(page: Page | undefined): Promise<void> {
    if (!page || page.isClosed()) return;
    await this.take(page, 'FAILED').catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Steps through the UI

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** First run: the setup page creates the first administrator (who is then signed in). */
export async function setupThroughUi(page: Page, base: string, user: { username: string; displayName?: string }): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator(byTestId('setup-form')).waitFor();
  await page.fill(byTestId('setup-username'), user.username);
  if (user.displayName) await page.fill(byTestId('setup-display-name'), user.displayName);
  await page.fill(byTestId('setup-password'), PASSWORD);
  await page.fill(byTestId('setup-confirm'), PASSWORD);
  await page.click(byTestId('setup-submit'));
  await page.locator(byTestId('user-menu')).waitFor();
}

/** First run through the API (journeys that test something else): the context holds the admin's cookie. */
export async function setupThroughApi(context: BrowserContext, base: string, username = 'admin'): Promise<void> {
  const res = await context.request.post(`${base}/api/v1/setup`, { data: { username, password: PASSWORD } });
  assert.equal(res.status(), 201, await res.text());
}

export async function loginThroughUi(page: Page, base: string, username: string, password = PASSWORD): Promise<void> {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  await page.locator(byTestId('login-form')).waitFor();
  await page.fill(byTestId('login-username'), username);
  await page.fill(byTestId('login-password'), password);
  await page.click(byTestId('login-submit'));
  await page.locator(byTestId('user-menu')).waitFor();
}

export async function logoutThroughUi(page: Page): Promise<void> {
  await page.click(byTestId('user-menu'));
  await page.click(byTestId('logout'));
  await page.locator(byTestId('login-form')).waitFor();
}

/** Upload one file in the Inbox; resolves with the new source's id (from the capture result link). */
export async function uploadInInbox(page: Page, base: string, file: { name: string; mimeType: string; buffer: Buffer } | string): Promise<string> {
  await page.goto(`${base}/#/inbox`);
  await page.click(byTestId('capture-tab-file'));
  await page.setInputFiles(byTestId('capture-file'), file);
  await page.click(byTestId('capture-file-submit'));
  const link = page.locator(`${byTestId('capture-result')} ${byTestId('capture-result-open')}`);
  await link.waitFor();
  const href = (await link.getAttribute('href')) ?? '';
  const m = /#\/sources\/([^?/]+)/.exec(href);
  assert.ok(m, `capture result links to the source: ${href}`);
  return decodeURIComponent(m[1]!);
}

/** Waits in the Inbox (which polls while something is processing) until the source is processed. */
export async function waitProcessedInInbox(page: Page, sourceId: string): Promise<void> {
  const row = page.locator(`${byTestId('capture-row')}[data-source-id="${sourceId}"]`);
  await row.waitFor();
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="capture-row"][data-source-id="${id}"]`);
      const stage = el?.getAttribute('data-stage');
      if (stage === 'failed' || stage === 'unreadable') throw new Error(`source ${id} ended ${stage}: ${el?.textContent}`);
      return stage === 'processed';
    },
    sourceId,
    { timeout: PROCESSING_TIMEOUT_MS, polling: 500 },
  );
}

/** GET/POST through the page itself (same origin, the page's cookie), e.g. to check what the API says. */
export async function apiFromPage(page: Page, method: string, url: string, body?: unknown, csrf?: string | null): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, url, body, csrf }) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (csrf) headers['x-csrf-token'] = csrf;
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
    { method, url, body, csrf: csrf ?? null },
  );
}

/** The page's CSRF token, as the UI gets it (GET /api/v1/me). */
export async function csrfOf(page: Page): Promise<string> {
  const me = await apiFromPage(page, 'GET', '/api/v1/me');
  assert.equal(me.status, 200, JSON.stringify(me.body));
  return me.body.csrfToken as string;
}

export interface JourneyKit {
  server: Server;
  browser: Browser;
  shots: Shots;
  /** A fresh context, watched (its log is saved beside the screenshots as browser-<n>.json). */
  newWatchedContext(options?: { locale?: string }): Promise<{ context: BrowserContext; watch: BrowserWatch }>;
  /** The page a failure screenshot should show. */
  setPage(page: Page): void;
}

/** Runs a journey with its server and browser, a screenshot on failure, and everything stopped after. */
export async function journey(name: string, body: (kit: JourneyKit) => Promise<void>, options: { browserArgs?: string[]; serverEnv?: Record<string, string>; deadlineMs?: number } = {}): Promise<void> {
  await ensureWebBuild();
  const shots = new Shots(name);
  const server = await startServer(options.serverEnv);
  const watches: BrowserWatch[] = [];
  let browser: Browser | undefined;
  let current: Page | undefined;
  try {
    browser = await launchBrowser(options.browserArgs);
    const b = browser;
    let timer: NodeJS.Timeout | undefined;
    const ms = options.deadlineMs ?? JOURNEY_DEADLINE_MS;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`journey ${name} gave up after ${ms / 1000} s`)), ms);
    });
    const run = body({
      server,
      browser: b,
      shots,
      newWatchedContext: async (o) => {
        const context = await newContext(b, o);
        const watch = new BrowserWatch(context);
        watches.push(watch);
        return { context, watch };
      },
      setPage: (p) => (current = p),
    });
    try {
      await Promise.race([run, deadline]);
    } finally {
      clearTimeout(timer);
      run.catch(() => {}); // after the deadline: its failure once the browser closes is not news
    }
  } catch (e) {
    await shots.failure(current);
    const log = server.output().trim();
    if (log && e instanceof Error) e.message += `\n--- chronicle serve output ---\n${log.slice(-4000)}`;
    throw e;
  } finally {
    watches.forEach((w, i) => w.save(path.join(shots.dir, `browser-${i + 1}.json`)));
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
