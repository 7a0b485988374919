/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a fresh temporary directory, start it
 * with `pg_ctl` on a free 127.0.0.1 port, hand back a URL, and remove everything on `stop()`.
 *
 *   const pg = await startPostgres();   // -> { url: 'postgres://chronicle@127.0.0.1:41234/chronicle', ... }
 *   try { ... } finally { await pg.stop(); }
 *
 * A missing PostgreSQL fails the test with the reason (the README's test command installs it
 * through .ci/install-deps.sh); tests never skip for it.
 *
 * Why it is built this way:
 * - `initdb` refuses to run as root, and tests run as root on our machines, so when
 *   `process.getuid() === 0` every server-side command runs as the `postgres` OS user (created by
 *   Debian's package) via `runuser`, and the temporary directory is handed to that user.
 * - Every cluster gets a new directory and a new port, so a cluster leaked by a killed test
 *   cannot collide with the next run; such leftovers are also stopped and deleted the next time
 *   a cluster starts (their owning test process is gone), and live ones are stopped when this
 *   process exits or is interrupted.
 * - Durability is switched off (`fsync=off` and friends): the data is thrown away anyway.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://chronicle@127.0.0.1:<port>/chronicle` (trust auth, no password). */
  url: string;
  port: number;
  /** The temporary directory holding the cluster's data, socket and log. */
  dir: string;
  /** Stops the server immediately and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

interface Runner {
  /** Prefix that runs a command as the cluster's OS user; empty when we are that user. */
  prefix: string[];
  owner?: { uid: number; gid: number };
}

const DIR_PREFIX = 'chronicle-pg-';
const OWNER_FILE = 'owner.pid';
const DATABASE = 'chronicle';
const USER = 'chronicle';

export async function startPostgres(): Promise<TestPostgres> {
  const reason = unavailableReason();
  if (reason !== null) throw new Error(`cannot start PostgreSQL: ${reason}; run .ci/install-deps.sh`);
  const bins = findBinaries()!;
  const runner = makeRunner()!;
  reapStaleClusters(bins, runner);
  registerExitCleanup();

  const base = await mkdtemp(join(socketSafeTmpdir(), DIR_PREFIX));
  const dataDir = join(base, 'data');
  const logFile = join(base, 'server.log');
  const cluster: LiveCluster = { base, dataDir, bins, runner };
  live.add(cluster);
  try {
    await writeFile(join(base, OWNER_FILE), String(process.pid));
    if (runner.owner) await chown(base, runner.owner.uid, runner.owner.gid);
    await initCluster(bins, runner, base, dataDir);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await findFreePort();
      const opts = [
        `-k ${base}`, '-c listen_addresses=127.0.0.1', `-p ${port}`,
        '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
      ].join(' ');
      const started = await run(runner, bins.pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', opts, 'start'], base);
      if (started.code === 0) break;
      // The free port may have been taken between our probe and the server's bind: retry.
      if (attempt >= 3) throw new Error(`pg_ctl start failed: ${started.output}\n${await tail(logFile)}`);
    }

    const url = `postgres://${USER}@127.0.0.1:${port}/${DATABASE}`;
    await createDatabase(`postgres://${USER}@127.0.0.1:${port}/postgres`);
    return { url, port, dir: base, stop: () => stopCluster(cluster) };
  } catch (e) {
    await stopCluster(cluster);
    throw e;
  }
}

async function initCluster(bins: Binaries, runner: Runner, cwd: string, dataDir: string): Promise<void> {
  const common = ['-D', dataDir, '-A', 'trust', '-U', USER, '--encoding=UTF8', '--no-sync'];
  let result = await run(runner, bins.initdb, [...common, '--locale=C.UTF-8'], cwd);
  if (result.code !== 0) {
    // Some systems lack a C.UTF-8 locale; plain C with UTF8 encoding behaves the same for tests.
    await rm(dataDir, { recursive: true, force: true });
    result = await run(runner, bins.initdb, [...common, '--locale=C'], cwd);
  }
  if (result.code !== 0) throw new Error(`initdb failed: ${result.output}`);
}

async function createDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Finding binaries and deciding how to run them

function unavailableReason(): string | null {
  if (process.platform === 'win32') return 'throwaway clusters are not supported on Windows';
  if (!findBinaries()) return 'initdb/pg_ctl not found under /usr/lib/postgresql/*/bin or on PATH';
  if (!makeRunner()) return "running as root and there is no 'postgres' OS user or runuser/su to run initdb as";
  return null;
}

let cachedBinaries: Binaries | null | undefined;

/** The highest PostgreSQL version under /usr/lib/postgresql (Debian's layout), else PATH. */
function findBinaries(): Binaries | null {
  if (cachedBinaries !== undefined) return cachedBinaries;
  const dirs: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    dirs.push(...versions.map((v) => join(root, v, 'bin')));
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  cachedBinaries = null;
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (isExecutable(initdb) && isExecutable(pgCtl)) {
      cachedBinaries = { initdb, pgCtl };
      break;
    }
  }
  return cachedBinaries;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function makeRunner(): Runner | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [] };
  const user = lookupUser('postgres');
  if (!user) return null;
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(isExecutable);
  if (runuser) return { prefix: [runuser, '-u', 'postgres', '--'], owner: user };
  const su = ['/usr/bin/su', '/bin/su'].find(isExecutable);
  // su takes one shell string; run() quotes the arguments for it.
  if (su) return { prefix: [su, 'postgres', '-s', '/bin/sh', '-c'], owner: user };
  return null;
}

function lookupUser(name: string): { uid: number; gid: number } | null {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] && f[3]) return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch {
    // no /etc/passwd: fall through
  }
  return null;
}

function commandLine(runner: Runner, cmd: string, args: string[]): [string, string[]] {
  const prefix = runner.prefix;
  if (prefix.length === 0) return [cmd, args];
  const [exe, ...rest] = prefix as [string, ...string[]];
  if (prefix.at(-1) === '-c') return [exe, [...rest, [cmd, ...args].map(shellQuote).join(' ')]];
  return [exe, [...rest, cmd, ...args]];
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function run(runner: Runner, cmd: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const [exe, argv] = commandLine(runner, cmd, args);
  return new Promise((resolve, reject) => {
    // stdin ignored and the server's output goes to its log file (-l), so the detached
    // postmaster never holds our pipes open.
    const child = spawn(exe, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.trim() }));
  });
}

function runSync(runner: Runner, cmd: string, args: string[], cwd: string): void {
  const [exe, argv] = commandLine(runner, cmd, args);
  spawnSync(exe, argv, { cwd, stdio: 'ignore', timeout: 30_000, env: { ...process.env, LC_ALL: 'C' } });
}

// ---------------------------------------------------------------------------------------------
// Ports, directories, cleanup

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Unix socket paths are limited to ~107 bytes; fall back to /tmp if TMPDIR is deep. */
function socketSafeTmpdir(): string {
  const dir = tmpdir();
  return dir.length <= 60 ? dir : '/tmp';
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

interface LiveCluster {
  base: string;
  dataDir: string;
  bins: Binaries;
  runner: Runner;
}

const live = new Set<LiveCluster>();

async function stopCluster(c: LiveCluster): Promise<void> {
  if (!live.delete(c)) return;
  if (existsSync(join(c.dataDir, 'postmaster.pid'))) {
    await run(c.runner, c.bins.pgCtl, ['-D', c.dataDir, '-m', 'immediate', '-w', 'stop'], c.base);
  }
  await rm(c.base, { recursive: true, force: true });
}

function stopClusterSync(c: LiveCluster): void {
  live.delete(c);
  if (existsSync(join(c.dataDir, 'postmaster.pid'))) {
    runSync(c.runner, c.bins.pgCtl, ['-D', c.dataDir, '-m', 'immediate', '-w', 'stop'], c.base);
  }
  rmSync(c.base, { recursive: true, force: true });
}

let exitCleanupRegistered = false;

function registerExitCleanup(): void {
  if (exitCleanupRegistered) return;
  exitCleanupRegistered = true;
  const cleanupAll = () => {
    for (const c of [...live]) stopClusterSync(c);
  };
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupAll();
      // Keep the default behaviour (terminate) unless someone else is handling the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/**
 * Stops and deletes clusters left behind by test processes that no longer exist (killed with
 * SIGKILL, crashed). Their postmaster would otherwise keep running and holding memory.
 */
function reapStaleClusters(bins: Binaries, runner: Runner): void {
  const dir = socketSafeTmpdir();
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((n) => n.startsWith(DIR_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const base = join(dir, name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(base, OWNER_FILE), 'utf8'));
    } catch {
      // No owner file: either being created right now by another process or not ours; leave
      // it unless it is old enough that neither can be true.
      try {
        if (Date.now() - statSync(base).mtimeMs < 10 * 60_000) continue;
      } catch {
        continue;
      }
      owner = 0;
    }
    if (owner > 0 && isAlive(owner)) continue;
    const cluster: LiveCluster = { base, dataDir: join(base, 'data'), bins, runner };
    try {
      stopClusterSync(cluster);
    } catch {
      // best effort: a leftover we cannot remove must not stop this run
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
