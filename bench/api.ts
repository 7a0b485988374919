/**
 * Benchmark: the REST API under load (issue 5's `bench:api`).
 *
 * Loads N synthetic sources with what the pipeline and reviewers make of them (events, acts,
 * people, places, claims, suggestions, the search index: see bench/api-data.ts) into a fresh
 * SQLite data folder, starts `chronicle serve --port 0` on it as a child process, signs in as
 * the first administrator (first-run setup), mints an API token, and drives the server from
 * this process (bench/http-load.ts, or autocannon 9 with --load-generator autocannon: both
 * closed-loop) — `--connections` concurrent keep-alive connections for
 * `--duration` seconds per scenario, each against a freshly started server warmed up with
 * requests one at a time (bench/api-scenarios.ts: the event page, the events list
 * with its filters, the timeline, search, the review queue, the inbox, the map, the trends
 * chart), then all of them mixed. Reports p50/p90/p99/max latency, requests and bytes per
 * second and non-2xx responses (which must be 0) per scenario, latency per request variant,
 * how fast the shared machine ran a fixed piece of JavaScript just before each scenario
 * (`machineCheck`: its slow spells show there),
 * and the UI's initial JavaScript gzipped (the module script and modulepreload links of a
 * fresh `vite build`, gzip -9) against its 250 KB budget.
 *
 *   nice npm run bench:api -- --json
 *   flags: --sources N (100000) --connections C (50) --duration S per scenario (15) --json
 *          --data DIR (default: a temporary folder, removed afterwards unless --keep) --keep
 *          --reuse (with --data: skip loading when DIR holds this benchmark's data)
 *          --seed S (42) --batch B (1000) --warmup S (5: one request at a time, per scenario)
 *          --warmup-requests N (1000: the warm-up lasts until both S seconds and N requests are
 *          reached, so a slow spell of the machine does not leave a colder server)
 *          --scenarios a,b (a subset; default all + mix)
 *          --ui-dist DIR (measure an existing build, e.g. web/dist, instead of building)
 *          --server-root DIR (serve from another copy of Chronicle, e.g. a snapshot, for before/after)
 *          --profile-server DIR (write the server's V8 CPU profile there when it stops)
 *          --cache-mb N (the server's response cache, CHRONICLE_CACHE_MB; 0 turns it off)
 *          --workers N (the server's worker processes, CHRONICLE_WORKERS; 0: one process)
 *          --load-generator http-load|autocannon (default http-load: bench/http-load.ts)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadApiData, type LoadFacts } from './api-data.js';
import { buildScenarios, mixScenario, type Scenario } from './api-scenarios.js';
import { onInterrupt } from './interrupt.js';
import { repoRoot } from './data-paths.js';
import { CACHE_HEADER } from '../src/api/response-cache.js';
import { runLoad } from './http-load.js';
import { loadCorpusModel, Rng } from './search-corpus.js';

const TARGET_P99_MS = 200;
const TARGET_UI_GZIP_BYTES = 250 * 1024;
/** What a load leaves in the data folder for --reuse (with the bench account's password: bench data only). */
const LOAD_FILE = 'bench-api-load.json';

interface Options {
  sources: number;
  connections: number;
  duration: number;
  json: boolean;
  data: string | null;
  keep: boolean;
  reuse: boolean;
  seed: number;
  batch: number;
  warmup: number;
  warmupRequests: number;
  scenarios: string[] | null;
  uiDist: string | null;
  serverRoot: string;
  profileServer: string | null;
  /** The server's response cache in MB (CHRONICLE_CACHE_MB); null: Chronicle's default. */
  cacheMb: number | null;
  /** Server worker processes (CHRONICLE_WORKERS); null: Chronicle's default. */
  workers: number | null;
  /** What drives the load: bench/http-load.ts, or autocannon (as before it). */
  loadGenerator: 'http-load' | 'autocannon';
}

function parseArgs(argv: string[]): Options {
  const o: Options = { sources: 100_000, connections: 50, duration: 15, json: false, data: null, keep: false, reuse: false, seed: 42, batch: 1000, warmup: 5, warmupRequests: 1000, scenarios: null, uiDist: null, serverRoot: repoRoot, profileServer: null, cacheMb: null, workers: null, loadGenerator: 'http-load' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (min = 0) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) throw new Error(`${a} needs a whole number of at least ${min}`);
      return n;
    };
    if (a === '--sources') o.sources = int(1);
    else if (a === '--connections') o.connections = int(1);
    else if (a === '--duration') o.duration = int(1);
    else if (a === '--json') o.json = true;
    else if (a === '--data') o.data = path.resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--reuse') o.reuse = true;
    else if (a === '--seed') o.seed = int();
    else if (a === '--batch') o.batch = int(1);
    else if (a === '--warmup') o.warmup = int();
    else if (a === '--warmup-requests') o.warmupRequests = int();
    else if (a === '--scenarios') o.scenarios = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--ui-dist') o.uiDist = path.resolve(value());
    else if (a === '--server-root') o.serverRoot = path.resolve(value());
    else if (a === '--profile-server') o.profileServer = path.resolve(value());
    else if (a === '--cache-mb') o.cacheMb = int();
    else if (a === '--workers') o.workers = int();
    else if (a === '--load-generator') {
      const g = value();
      if (g !== 'http-load' && g !== 'autocannon') throw new Error(`--load-generator: http-load or autocannon, not ${g}`);
      o.loadGenerator = g;
    }
    else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const loadavg = () => os.loadavg().map((x) => round(x, 1));

/**
 * How fast this machine runs a fixed piece of JavaScript right now (the server idle, before
 * the load): the median of 7 runs of the same hashing loop, CPU and wall milliseconds. The
 * machine is shared: in its slow spells the same work takes more CPU time (other tenants on the
 * same cores) or more wall time (less CPU given), and every latency of the run with it; this
 * says which runs were made in one.
 */
let machineCheckSink = 0;
function machineCheck(): { cpuMs: number; wallMs: number } {
  const text = 'Police detained dozens of protesters in Atyrau on 24 April. '.repeat(2000);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let run = 0; run < 7; run++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (let pass = 0; pass < 20; pass++) {
      let h = 0x811c9dc5 | 0;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      machineCheckSink ^= h;
    }
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const median = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
  return { cpuMs: round(median(cpu), 2), wallMs: round(median(wall), 2) };
}

interface Saved {
  facts: LoadFacts;
  account: { username: string; password: string };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const created = o.data === null;
  const dir = o.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chronicle-bench-api-'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const savedFile = path.join(dir, LOAD_FILE);
  // Interrupted (Ctrl-C, a killed job): stop the server and remove what this run made (a
  // 100,000-source database is several GB), as the finally blocks would.
  onInterrupt(log, () => {
    for (const child of liveServers) child.kill('SIGTERM');
    for (const made of madeDirs) fs.rmSync(made, { recursive: true, force: true });
    if (created && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
  });
  try {
    const loadavgBefore = loadavg();
    let saved: Saved;
    let reused = false;
    if (o.reuse && fs.existsSync(savedFile)) {
      saved = JSON.parse(fs.readFileSync(savedFile, 'utf8')) as Saved;
      if (saved.facts.sources !== o.sources || saved.facts.seed !== o.seed) throw new Error(`${dir} holds ${saved.facts.sources} sources (seed ${saved.facts.seed}), not ${o.sources} (seed ${o.seed})`);
      reused = true;
      log(`reusing the ${saved.facts.sources}-source data in ${dir}`);
    } else {
      if (fs.existsSync(path.join(dir, 'chronicle.sqlite'))) throw new Error(`${dir} already holds a database: give an empty --data folder, or --reuse one this benchmark loaded`);
      const facts = await loadApiData({ dir, sources: o.sources, seed: o.seed, batch: o.batch, log });
      saved = { facts, account: { username: 'bench-admin', password: randomBytes(18).toString('base64url') } };
      fs.writeFileSync(savedFile, JSON.stringify(saved), { mode: 0o600 });
      log(`loaded in ${saved.facts.seconds.total} s; database ${(saved.facts.dbBytes / 1e9).toFixed(2)} GB`);
    }

    const ui = measureUi(o.uiDist);
    log(`UI initial JavaScript: ${(ui.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (budget 250 KB)`);

    log('preparing the scenarios…');
    const model = loadCorpusModel(o.seed);
    model.surnameDocs.set(saved.facts.pools.surnameDocs);
    const all = buildScenarios(saved.facts.pools, model, o.seed);
    const chosen = o.scenarios ? all.filter((s) => o.scenarios!.includes(s.name)) : all;
    const withMix = !o.scenarios || o.scenarios.includes('mix');

    // A fresh server per scenario: a slow scenario leaves requests queued (the load generator
    // closes its sockets at the end, but handlers already started run on), which must not be charged to the
    // next one. The operating system's page cache stays warm across servers.
    const results: ScenarioResult[] = [];
    let serverPeakRssMB = 0;
    let serverAnonRssMB = 0;
    let token: string | null = null;
    for (const s of [...chosen, ...(withMix ? [mixScenario(all)] : [])]) {
      const server = await startServer(dir, o);
      try {
        token ??= await signIn(server.base, saved.account);
        let warmup = { requests: 0, seconds: 0 };
        if (o.warmup > 0 || o.warmupRequests > 0) {
          const lanes = Math.max(1, o.workers ?? Math.min(2, os.availableParallelism()));
          warmup = await warmUp(server.base, token, s, o.warmup, o.warmupRequests, o.seed ^ 0xabc, lanes);
          log(`  warmed up with ${warmup.requests} requests, one at a time on each of ${lanes} connections, in ${warmup.seconds.toFixed(1)} s`);
        }
        log(`scenario ${s.name}: ${o.connections} connections for ${o.duration} s…`);
        const check = machineCheck();
        const r = { ...(await drive(server.base, token, s, o, o.seed ^ hashOf(s.name))), machineCheck: check, warmup: { requests: warmup.requests, seconds: Math.round(warmup.seconds * 10) / 10 } };
        results.push(r);
        log(`  machine check ${r.machineCheck.cpuMs} ms CPU, ${r.machineCheck.wallMs} ms wall; p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms, ${r.requestsPerSecond} req/s, cache hits ${Math.round(100 * r.responseCache.hitRate)} %, non-2xx ${r.non2xx}, unanswered at the end ${r.unansweredAtEnd}${r.failures.length ? ` (e.g. ${r.failures[0]!.status} ${r.failures[0]!.path})` : ''}`);
        log(`  p99 by ${WINDOW_S} s from the start: ${r.windows.map((w) => `${w.fromS} s: ${w.p99} ms (${w.n}, ${Math.round(100 * w.hitRate)} % kept)`).join(', ')}`);
        serverPeakRssMB = Math.max(serverPeakRssMB, residentMB(server.child.pid));
        serverAnonRssMB = Math.max(serverAnonRssMB, residentMB(server.child.pid, 'RssAnon'));
      } finally {
        await stopServer(server.child, o.profileServer ? 600_000 : 3000);
      }
    }

    const over = results.filter((r) => r.latencyMs.p99 > TARGET_P99_MS).map((r) => r.name);
    const report = {
      benchmark: 'api',
      settings: { sources: o.sources, connections: o.connections, durationSeconds: o.duration, warmupSeconds: o.warmup, warmupRequests: o.warmupRequests, seed: o.seed, reusedData: reused, serverRoot: o.serverRoot === repoRoot ? '.' : o.serverRoot, responseCacheMB: o.cacheMb ?? 'default (64)', serverWorkers: o.workers ?? `default (${Math.min(2, os.availableParallelism())})`, server: 'chronicle serve (child process, SQLite), load from this process (keep-alive, API token)', loadGenerator: o.loadGenerator === 'autocannon' ? 'autocannon 9' : 'bench/http-load.ts' },
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? '',
        memoryGB: round(os.totalmem() / 2 ** 30, 1),
        node: process.version,
        niceness: os.getPriority(),
        loadavgBefore,
        loadavgAfter: loadavg(),
      },
      load: { ...saved.facts, pools: undefined, reused },
      server: { peakRssMB: serverPeakRssMB, anonRssMBAtScenarioEnd: serverAnonRssMB },
      target: { p99Ms: TARGET_P99_MS, met: over.length === 0 && results.every((r) => r.non2xx === 0 && r.errors === 0), over },
      scenarios: results,
      ui,
    };
    if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else printTable(report);
    if (results.some((r) => r.non2xx > 0 || r.errors > 0)) process.exitCode = 1;
  } finally {
    if (created && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`data kept in ${dir}`);
  }
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The server

interface Server {
  child: ChildProcess;
  base: string;
}

/** Servers running and temporary folders made, for an interrupted run to clean up. */
const liveServers = new Set<ChildProcess>();
const madeDirs = new Set<string>();

async function startServer(dir: string, o: Pick<Options, 'serverRoot' | 'profileServer' | 'cacheMb' | 'workers'>): Promise<Server> {
  log(`starting chronicle serve${o.serverRoot === repoRoot ? '' : ` from ${o.serverRoot}`}…`);
  const t = performance.now();
  const profile = o.profileServer ? ['--cpu-prof', '--cpu-prof-dir', o.profileServer] : [];
  const child = spawn(process.execPath, [...profile, path.join(o.serverRoot, 'bin', 'chronicle.js'), '--data', dir, 'serve', '--port', '0'], {
    cwd: o.serverRoot,
    env: { ...process.env, CHRONICLE_LOG_LEVEL: 'warn', ...(o.cacheMb !== null ? { CHRONICLE_CACHE_MB: String(o.cacheMb) } : {}), ...(o.workers !== null ? { CHRONICLE_WORKERS: String(o.workers) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(child);
  child.once('exit', () => liveServers.delete(child));
  child.stderr!.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n').filter(Boolean)) log(`[server] ${line.slice(0, 500)}`);
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s: ${out}`)), 120_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${out}`));
    });
  });
  log(`server up at ${base} in ${round((performance.now() - t) / 1000, 1)} s (pid ${child.pid})`);
  return { child, base };
}

/** SIGTERM (requests in flight finish), then SIGKILL after `graceMs`: the benchmark only reads. */
async function stopServer(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The server's resident memory (Linux), in MB, its worker processes' included; 0 when
 * unknown. `field` VmHWM: the peak, pages of the memory-mapped database file included (the
 * operating system's file cache, shared, not allocated by the server); RssAnon: the memory the
 * processes allocated themselves, now.
 */
function residentMB(pid: number | undefined, field: 'VmHWM' | 'RssAnon' = 'VmHWM'): number {
  const pattern = new RegExp(`${field}:\\s+(\\d+) kB`);
  const kbOf = (p: number | string) => {
    try {
      return Number(pattern.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  if (pid === undefined) return 0;
  let children: string[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean);
  } catch {
    // not Linux, or already gone
  }
  return Math.round([String(pid), ...children].reduce((kb: number, p) => kb + kbOf(p), 0) / 1024);
}

/** First-run setup (or sign-in, on reused data), then an API token: bearer requests need no CSRF token. */
async function signIn(base: string, account: { username: string; password: string }): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const state = (await (await fetch(`${base}/api/v1/setup`)).json()) as { needsSetup: boolean };
  const res = state.needsSetup
    ? await fetch(`${base}/api/v1/setup`, { method: 'POST', headers: json, body: JSON.stringify({ ...account, displayName: 'Benchmark' }) })
    : await fetch(`${base}/api/v1/login`, { method: 'POST', headers: json, body: JSON.stringify(account) });
  if (!res.ok) throw new Error(`${state.needsSetup ? 'setup' : 'sign-in'} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const made = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}`, expiresInDays: 1 }),
  });
  if (made.status !== 201) throw new Error(`creating an API token failed: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { secret: string }).secret;
}

/** What every request sends, in the warm-up and under load: as the workbench's browser asks (JSON, gzip accepted). */
function requestHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };
}

/**
 * Requests of the scenario one at a time (nothing queues) for at least `seconds` and at least
 * `requests` requests: JIT and caches warm. A time alone is not a fixed amount of work on a
 * shared machine (the mix's 5 s did 182–1,189 requests in one session), and a server warmed
 * less starts its measured part colder. One connection per server worker process (the primary
 * hands connections out in turn), so every worker is warmed, not only the one a single
 * connection would reach.
 */
async function warmUp(base: string, token: string, scenario: Scenario, seconds: number, requests: number, seed: number, lanes: number): Promise<{ requests: number; seconds: number }> {
  const rng = new Rng(seed);
  const start = performance.now();
  const until = start + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        while (performance.now() < until || n < requests) {
          await get(`${base}${scenario.next(rng).path}`, requestHeaders(token), agent);
          n++;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return { requests: n, seconds: (performance.now() - start) / 1000 };
}

/** GET on a given keep-alive agent (its own connection); fails on a non-2xx answer. */
function get(url: string, headers: Record<string, string>, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`warm-up: ${res.statusCode} for ${url}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Load

/** The parts of autocannon 9's API used here (it ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}
interface AutocannonClient {
  requestIterator: { context: { variant?: string; path?: string } };
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: AutocannonClient, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
/** Seconds per window of `windows` (latency by when the response came). */
const WINDOW_S = 3;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface ScenarioResult {
  name: string;
  description: string;
  requests: number;
  requestsPerSecond: number;
  /** Latency of every response, each connection's first included: what the target is judged on. */
  latencyMs: Percentiles;
  /**
   * Diagnostics. libuv accepts one pending connection per turn of the event loop
   * (libuv/libuv#3696), so when 50 connections open at once against a busy server the last
   * ones wait many turns before their first request is even read: each connection's first
   * response (`firstRequestMs`) apart from the rest (`establishedMs`).
   */
  establishedMs: Percentiles;
  firstRequestMs: Percentiles;
  /** Answers served from the server's response cache (x-chronicle-cache: hit) and computed afresh (miss). */
  responseCache: { hits: number; misses: number; hitRate: number };
  bytesPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  failures: { status: number; path: string; body: string }[];
  /** The load generator's own CPU time (this process), all of it taken from the machine the server runs on. */
  loadGenerator: { name: string; cpuMs: number; cpuUsPerAnswer: number };
  /** Latency by kind of request, as measured by the load generator under the same load. */
  variants: Record<string, { n: number; p50: number; p99: number; max: number }>;
  loadavgAfter: number[];
  /** machineCheck() right before the load: a fixed piece of JavaScript, CPU and wall ms (slow spells show here). */
  machineCheck?: { cpuMs: number; wallMs: number };
  /** The warm-up before the load: requests made one at a time and how long they took. */
  warmup?: { requests: number; seconds: number };
  /** Requests sent but not answered when the run stopped (not in the latencies). */
  unansweredAtEnd: number;
  /**
   * Latency by when the response came, in WINDOW_S-second windows from the first: how long the
   * freshly started server takes to reach its steady state (its caches fill as it runs).
   */
  windows: { fromS: number; n: number; p50: number; p99: number; hitRate: number }[];
}

interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function percentiles(ms: number[]): Percentiles {
  if (ms.length === 0) return { n: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!, 1);
  return { n: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: round(s.at(-1)!, 1), mean: round(s.reduce((a, b) => a + b, 0) / s.length, 1) };
}

/** What both load generators report of each answer. */
interface Answered {
  ms: number;
  status: number;
  /** The x-chronicle-cache header: hit, miss, or absent. */
  cache: string | undefined;
  variant: string;
  path: string;
  /** The connection's first answer (see ScenarioResult.firstRequestMs). */
  first: boolean;
  errorBody: string;
}

/** What both load generators report of the whole run. */
interface Totals {
  requests: number;
  sent: number;
  durationS: number;
  bytes: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

async function drive(base: string, token: string, scenario: Scenario, o: Pick<Options, 'connections' | 'duration' | 'loadGenerator'>, seed: number): Promise<ScenarioResult> {
  const rng = new Rng(seed);
  const failures: ScenarioResult['failures'] = [];
  const byVariant = new Map<string, number[]>();
  const established: number[] = [];
  const first: number[] = [];
  const answeredAt: [at: number, ms: number, hit: boolean][] = [];
  const cache = { hits: 0, misses: 0 };
  const answered = (a: Answered) => {
    answeredAt.push([performance.now(), a.ms, a.cache === 'hit']);
    if (a.cache === 'hit') cache.hits++;
    else if (a.cache === 'miss') cache.misses++;
    if (a.status >= 300 && failures.length < 10) failures.push({ status: a.status, path: a.path, body: a.errorBody.slice(0, 300) });
    (a.first ? first : established).push(a.ms);
    let list = byVariant.get(a.variant);
    if (!list) byVariant.set(a.variant, (list = []));
    list.push(a.ms);
  };
  const cpu = process.cpuUsage();
  const totals = o.loadGenerator === 'autocannon' ? await loadWithAutocannon(base, token, scenario, rng, o, answered) : await loadWithHttpLoad(base, token, scenario, rng, o, answered);
  const used = process.cpuUsage(cpu);
  const variants: ScenarioResult['variants'] = {};
  for (const [v, ms] of [...byVariant].sort((a, b) => a[0].localeCompare(b[0]))) {
    const { n, p50, p99, max } = percentiles(ms);
    variants[v] = { n, p50, p99, max };
  }
  const non2xx = Object.entries(totals.statusCodes).reduce((n, [code, count]) => n + (Number(code) >= 200 && Number(code) < 300 ? 0 : count), 0);
  return {
    name: scenario.name,
    description: scenario.description,
    requests: totals.requests,
    unansweredAtEnd: Math.max(0, totals.sent - totals.requests - totals.errors - totals.timeouts),
    requestsPerSecond: round(totals.requests / totals.durationS, 1),
    latencyMs: percentiles([...first, ...established]),
    responseCache: { ...cache, hitRate: round(cache.hits / Math.max(1, cache.hits + cache.misses), 3) },
    establishedMs: percentiles(established),
    firstRequestMs: percentiles(first),
    bytesPerSecond: Math.round(totals.bytes / totals.durationS),
    non2xx,
    errors: totals.errors,
    timeouts: totals.timeouts,
    statusCodes: totals.statusCodes,
    failures,
    variants,
    loadGenerator: { name: o.loadGenerator, cpuMs: Math.round((used.user + used.system) / 1000), cpuUsPerAnswer: round((used.user + used.system) / Math.max(1, totals.requests), 1) },
    loadavgAfter: loadavg(),
    windows: byWindow(answeredAt),
  };
}

/** bench/http-load.ts: reads each answer's head and counts its body's bytes. */
async function loadWithHttpLoad(base: string, token: string, scenario: Scenario, rng: Rng, o: Pick<Options, 'connections' | 'duration'>, answered: (a: Answered) => void): Promise<Totals> {
  const r = await runLoad({
    base,
    connections: o.connections,
    durationS: o.duration,
    timeoutS: 60,
    headers: requestHeaders(token),
    next: () => {
      const req = scenario.next(rng);
      return { path: req.path, context: req };
    },
    onResponse: (a) => answered({ ms: a.ms, status: a.status, cache: a.headers.get(CACHE_HEADER), variant: a.context.variant, path: a.context.path, first: a.first, errorBody: a.errorBody }),
  });
  for (const m of r.errorMessages) log(`  load: ${m}`);
  return r;
}

/** autocannon 9 (--load-generator autocannon): the generator bench:api used before bench/http-load.ts. */
async function loadWithAutocannon(base: string, token: string, scenario: Scenario, rng: Rng, o: Pick<Options, 'connections' | 'duration'>, answered: (a: Answered) => void): Promise<Totals> {
  const connected = new Set<AutocannonClient>();
  // onResponse runs right before the 'response' event of the same answer: what it read waits here.
  let last = { status: 0, cache: undefined as string | undefined, body: '' };
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: o.connections,
        duration: o.duration,
        timeout: 60,
        headers: requestHeaders(token),
        requests: [
          {
            method: 'GET',
            setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
              const r = scenario.next(rng);
              context.variant = r.variant;
              context.path = r.path;
              return { ...req, path: r.path };
            },
            onResponse: (status: number, body: string, _context: Record<string, unknown>, headers: Record<string, string> = {}) => {
              last = { status, cache: headers[CACHE_HEADER], body: status >= 300 ? String(body) : '' };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (client, _status, _bytes, ms) => {
      const isFirst = !connected.has(client);
      connected.add(client);
      const context = client.requestIterator.context;
      answered({ ms, status: last.status, cache: last.cache, variant: context.variant ?? '?', path: String(context.path ?? ''), first: isFirst, errorBody: last.body });
    });
  });
  return {
    requests: result.requests.total,
    sent: result.requests.sent,
    durationS: result.duration,
    bytes: Math.round(result.throughput.average * result.duration),
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

function byWindow(answered: [at: number, ms: number, hit: boolean][]): ScenarioResult['windows'] {
  if (answered.length === 0) return [];
  const start = answered[0]![0];
  const windows: { ms: number[]; hits: number }[] = [];
  for (const [at, ms, hit] of answered) {
    const w = (windows[Math.floor((at - start) / 1000 / WINDOW_S)] ??= { ms: [], hits: 0 });
    w.ms.push(ms);
    if (hit) w.hits++;
  }
  return windows.flatMap((w, i) => {
    if (!w) return [];
    const { n, p50, p99 } = percentiles(w.ms);
    return [{ fromS: i * WINDOW_S, n, p50, p99, hitRate: round(w.hits / n, 3) }];
  });
}

// ---------------------------------------------------------------------------------------------
// The UI's initial JavaScript

function measureUi(dist: string | null) {
  let dir = dist;
  let built = false;
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronicle-bench-ui-'));
    madeDirs.add(dir);
    log('building the UI (vite build into a temporary folder)…');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr || r.stdout}`);
    built = true;
  }
  try {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const initial = new Set<string>();
    for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) initial.add(m[1]!);
    for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) initial.add(m[1]!);
    const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    const files = [...initial].map((src) => {
      const file = path.join(dir!, src.replace(/^\//, ''));
      return { file: src, bytes: fs.statSync(file).size, gzipBytes: gz(file) };
    });
    const css = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((m) => {
      const file = path.join(dir!, m[1]!.replace(/^\//, ''));
      return { file: m[1]!, bytes: fs.statSync(file).size, gzipBytes: gz(file) };
    });
    const lazy = fs
      .readdirSync(path.join(dir, 'assets'))
      .filter((f) => f.endsWith('.js') && !initial.has(`/assets/${f}`))
      .map((f) => ({ file: `/assets/${f}`, gzipBytes: gz(path.join(dir!, 'assets', f)) }));
    const total = files.reduce((a, f) => a + f.gzipBytes, 0);
    return {
      source: built ? 'vite build --config web/vite.config.ts (fresh, temporary folder)' : dir,
      initialJsFiles: files,
      initialJsBytes: files.reduce((a, f) => a + f.bytes, 0),
      initialJsGzipBytes: total,
      budgetGzipBytes: TARGET_UI_GZIP_BYTES,
      withinBudget: total <= TARGET_UI_GZIP_BYTES,
      css,
      lazyChunks: lazy,
    };
  } finally {
    if (built) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function printTable(r: Record<string, any>): void {
  const out = (s = '') => process.stdout.write(`${s}\n`);
  const l = r.load;
  out(`API benchmark: ${l.sources} sources, ${l.rows.events} events, ${l.rows.entities} entity rows, ${l.rows.claims} claims; database ${(l.dbBytes / 1e9).toFixed(2)} GB${l.reused ? ' (reused)' : `, loaded in ${l.seconds.total} s (${l.sourcesPerSecond} sources/s)`}`);
  out(`machine: ${r.machine.cpus} × ${r.machine.cpu}, node ${r.machine.node}, nice ${r.machine.niceness}, load ${r.machine.loadavgBefore.join('/')} before, ${r.machine.loadavgAfter.join('/')} after; server peak RSS ${r.server.peakRssMB} MB (mapped database pages included), allocated ${r.server.anonRssMBAtScenarioEnd} MB`);
  out(`${r.settings.connections} connections, ${r.settings.durationSeconds} s per scenario; target p99 ≤ ${r.target.p99Ms} ms: ${r.target.met ? 'met' : `NOT met (${r.target.over.join(', ') || 'errors'})`}`);
  out();
  out(`${'scenario'.padEnd(12)} ${'p50'.padStart(7)} ${'p90'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'req/s'.padStart(8)} ${'MB/s'.padStart(6)} ${'non-2xx'.padStart(8)}`);
  for (const s of r.scenarios as ScenarioResult[]) {
    out(
      `${s.name.padEnd(12)} ${`${s.latencyMs.p50}`.padStart(7)} ${`${s.latencyMs.p90}`.padStart(7)} ${`${s.latencyMs.p99}`.padStart(7)} ${`${s.latencyMs.max}`.padStart(7)} ${`${s.requestsPerSecond}`.padStart(8)} ${(s.bytesPerSecond / 1e6).toFixed(1).padStart(6)} ${`${s.non2xx}`.padStart(8)}`,
    );
  }
  out('(latencies in ms)');
  out();
  out(`UI initial JavaScript: ${(r.ui.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (${(r.ui.initialJsBytes / 1024).toFixed(1)} KB raw; budget 250 KB): ${r.ui.withinBudget ? 'within budget' : 'OVER budget'}`);
}

main().catch((e) => {
  process.stderr.write(`bench:api failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
