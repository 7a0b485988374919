import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { isLoopbackHost } from '../api/network.js';
import { SharedAnswers, sharedAnswersFile } from '../api/shared-answers.js';
import { loadConfig, type Config } from '../config.js';
import { AppError, isAppError } from '../domain/errors.js';
import { createLogger } from '../logger.js';
import { AccountService } from '../services/account.service.js';
import { newSecret } from '../services/secrets.js';
import { BlobStore } from '../storage/blob-store.js';
import { openDatabase, type DatabaseHandle } from '../storage/database.js';
import { MembershipRepository } from '../storage/membership.repository.js';
import { UnitOfWork } from '../storage/unit-of-work.js';
import { UserRepository } from '../storage/user.repository.js';
import { readVersion, type GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printLine } from './output.js';

interface ServeOptions {
  host?: string;
  port?: string;
  allowRemote?: boolean;
  workers?: string;
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web workbench and the REST API (on 127.0.0.1:8470 by default)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or CHRONICLE_HOST)')
    .option('--port <port>', 'port to listen on (default 8470, or CHRONICLE_PORT; 0 picks a free one)')
    .option('--allow-remote', 'allow listening on a non-loopback address such as 0.0.0.0 (or CHRONICLE_ALLOW_REMOTE=1)')
    .option('--workers <n>', 'processes answering requests (default: 2, or 1 on a one-CPU machine; or CHRONICLE_WORKERS); 0 serves from this one process')
    .addHelpText(
      'after',
      `
Chronicle holds names of witnesses and victims, so it listens only on this machine unless
told otherwise. To serve other machines, pass --allow-remote and put a TLS reverse proxy in
front: session cookies are then Secure, so signing in over plain HTTP from another machine
will not work (on purpose). Set CHRONICLE_ALLOWED_HOSTS to the names users type, and
CHRONICLE_TRUST_PROXY=1 when the proxy sets X-Forwarded-For/-Proto. When no account exists
yet, a server listening beyond loopback prints a one-time setup code that the first-run
page asks for, so the first stranger to find it cannot make themselves administrator.

The first visit asks for the first administrator's account: there is no default password.
While serving, Chronicle extracts new captures in the background (the job queue that
\`chronicle jobs run\` works off once). Ctrl-C (SIGINT) or SIGTERM finishes the requests and
the job in flight and stops.

Examples:
  chronicle serve
  chronicle serve --port 9000 --data /secure/volume
  chronicle serve --host 0.0.0.0 --allow-remote     # behind a TLS proxy`,
    )
    .action(async (options: ServeOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions & ServeOptions>();
      process.exitCode = await runServe(options, globals);
    });
}

function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new AppError('INVALID_INPUT', `--workers must be a whole number from 0 to 64, got "${value}"`);
  return n;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new AppError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, got "${value}"`);
  return n;
}

async function runServe(options: ServeOptions, globals: GlobalOptions): Promise<number> {
  const config = loadConfig(undefined, {
    dataDir: globals.data,
    host: options.host,
    port: parsePort(options.port),
    allowRemote: options.allowRemote ? true : undefined,
    workers: parseWorkers(options.workers),
  });
  const { host, allowRemote } = config.server;
  const loopback = isLoopbackHost(host);
  if (!loopback && !allowRemote) {
    throw new AppError(
      'INVALID_INPUT',
      `refusing to listen on ${host}: Chronicle holds names of people at risk and listens on loopback only unless you pass --allow-remote (and put TLS in front)`,
    );
  }
  if (cluster.isWorker) return runWorker(config);
  const setupCode = loopback ? null : newSecret().slice(0, 20);
  return config.server.workers === 0 ? runSingle(config, setupCode) : runPrimary(config, setupCode);
}

/** Messages between serve's primary process and its workers. */
type ToWorker = { type: 'start'; setupCode: string | null; jobs: boolean; sharedAnswers: string | null } | { type: 'wake' };
type FromWorker = { type: 'ready' } | { type: 'listening'; port: number } | { type: 'failed'; code: string; message: string } | { type: 'wake' };

/**
 * The app on its own database connection, listening. `jobs`: this process works the job queue;
 * otherwise `wakeWorker` tells the one that does about new captures.
 */
async function startApp(
  config: Config,
  setupCode: string | null,
  jobs: boolean,
  worker?: { wake: () => void; sharedAnswers: SharedAnswers | null },
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const { host, port } = config.server;
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteMmapBytes: config.sqliteMmapBytes });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      config,
      database,
      blobs: new BlobStore(path.join(config.dataDir, 'blobs')),
      tool: { name: 'chronicle', version: readVersion() },
      logger,
      setupCode,
      webDir: WEB_DIST,
      // Captures are extracted in the background while serving; app.close() stops the worker.
      worker: jobs,
      wakeWorker: worker?.wake,
      sharedAnswers: worker?.sharedAnswers ?? null,
    });
    await app.listen({ host, port });
    return { app, database };
  } catch (e) {
    await app?.close();
    await database.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new AppError('CONFIG', `${host}:${port} is already in use`);
    throw e;
  }
}

/** What a server beyond loopback must say, then the address it listens on. */
async function announce(config: Config, setupCode: string | null, port: number, needsSetup: () => Promise<boolean>): Promise<void> {
  const { host } = config.server;
  if (!isLoopbackHost(host)) {
    printError(`WARNING: Chronicle is listening on ${host}, reachable from other machines. Serve it only through TLS (a reverse proxy):`);
    printError('WARNING: session cookies are Secure, so plain-HTTP sign-in from other machines will not work.');
    if (!config.server.allowedHosts) printError('WARNING: CHRONICLE_ALLOWED_HOSTS is not set: any Host header is accepted.');
    if (setupCode && (await needsSetup())) printError(`First-run setup code (asked for by the setup page): ${setupCode}`);
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  const workers = config.server.workers;
  printLine(`Chronicle is listening on http://${shown}:${port}/ (data: ${config.dataDir}${workers > 1 ? `; ${workers} worker processes` : ''})`);
}

/** Resolves at the first SIGINT or SIGTERM; a second one while draining stops at once. */
async function untilStopped(): Promise<() => void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const force = () => process.exit(EXIT.INTERNAL);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  printError('Chronicle is stopping: finishing requests in flight…');
  return () => {
    process.off('SIGINT', force);
    process.off('SIGTERM', force);
  };
}

/** `--workers 0`: everything in this one process. */
async function runSingle(config: Config, setupCode: string | null): Promise<number> {
  const { app, database } = await startApp(config, setupCode, true);
  const address = app.server.address();
  await announce(config, setupCode, typeof address === 'object' && address ? address.port : config.server.port, () => app.chronicle.accounts.needsSetup());
  const done = await untilStopped();
  await app.close();
  await database.close();
  done();
  return EXIT.OK;
}

/**
 * The primary process: brings the database up to date, starts `workers` processes that answer
 * requests (the first also works the job queue; the others wake it after a capture), and
 * accepts connections for them. Node's cluster hands each accepted connection to a worker in
 * turn; accepting here, in a process that does nothing else, matters under load: libuv accepts
 * one connection per turn of a process's event loop, so a busy server left new connections
 * waiting for seconds (see bench/api.ts).
 */
async function runPrimary(config: Config, setupCode: string | null): Promise<number> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteMmapBytes: config.sqliteMmapBytes });
  let needsSetup: boolean;
  try {
    needsSetup = await new AccountService(new UserRepository(database.db), new MembershipRepository(database.db), new UnitOfWork(database.db)).needsSetup();
  } finally {
    await database.close();
  }
  // The workers' shared answers (src/api/shared-answers.ts): a new, empty store for this run.
  let sharedFile = config.server.workers > 1 && config.server.responseCacheBytes > 0 ? sharedAnswersFile(config.dataDir) : null;
  if (sharedFile) {
    try {
      SharedAnswers.removeStale(config.dataDir);
      SharedAnswers.reset(sharedFile);
    } catch (e) {
      printError(`answers are not shared between the workers (${(e as Error).message}); each keeps its own`);
      sharedFile = null;
    }
  }
  cluster.setupPrimary({ serialization: 'json' });
  let stopping = false;
  const workers: Worker[] = [];
  const spawnWorker = (index: number): Promise<number> => {
    const worker = cluster.fork({ CHRONICLE_SERVE_WORKER: String(index) });
    workers[index] = worker;
    worker.on('message', (m: FromWorker) => {
      // Orders go out once the worker listens for them (a message sent earlier would be lost).
      if (m.type === 'ready') worker.send({ type: 'start', setupCode, jobs: index === 0, sharedAnswers: sharedFile } satisfies ToWorker);
      else if (m.type === 'wake') workers[0]?.send({ type: 'wake' } satisfies ToWorker);
    });
    return new Promise<number>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'listening') resolve(m.port);
        else if (m.type === 'failed') reject(new AppError(m.code as 'CONFIG', m.message));
      });
      worker.once('exit', (code, signal) => {
        reject(new AppError('INTERNAL', `a worker process stopped while starting (${signal ?? code})`));
        if (stopping) return;
        printError(`a worker process stopped (${signal ?? `exit ${code}`}); starting another`);
        spawnWorker(index).catch((e: unknown) => printError(`could not start a worker process: ${(e as Error).message}`));
      });
    });
  };
  let port: number;
  try {
    const ports = await Promise.all(Array.from({ length: config.server.workers }, (_, i) => spawnWorker(i)));
    port = ports[0]!;
  } catch (e) {
    stopping = true;
    await stopWorkers(workers);
    if (sharedFile) SharedAnswers.remove(sharedFile);
    throw e;
  }
  await announce(config, setupCode, port, async () => needsSetup);
  const done = await untilStopped();
  stopping = true;
  await stopWorkers(workers);
  if (sharedFile) SharedAnswers.remove(sharedFile);
  done();
  return EXIT.OK;
}

/** Asks every worker to finish its requests and its job in flight, and waits for them. */
async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once('exit', () => resolve());
          w.process.kill('SIGTERM');
        }),
    ),
  );
}

/** A worker process: waits for its orders, serves until the primary (or a signal) stops it. */
async function runWorker(config: Config): Promise<number> {
  const send = (m: FromWorker) => process.send?.(m);
  const start = await new Promise<Extract<ToWorker, { type: 'start' }>>((resolve) => {
    const onMessage = (m: ToWorker) => {
      if (m.type !== 'start') return;
      process.off('message', onMessage);
      resolve(m);
    };
    process.on('message', onMessage);
    send({ type: 'ready' });
  });
  let sharedAnswers: SharedAnswers | null = null;
  if (start.sharedAnswers) {
    const opened = SharedAnswers.open(start.sharedAnswers, config.server.responseCacheBytes);
    if ('shared' in opened) sharedAnswers = opened.shared;
    else printError(`answers are not shared with the other workers (${opened.error}); each keeps its own`);
  }
  let started: { app: FastifyInstance; database: DatabaseHandle };
  try {
    started = await startApp(config, start.setupCode, start.jobs, { wake: () => send({ type: 'wake' }), sharedAnswers });
  } catch (e) {
    sharedAnswers?.close();
    send({ type: 'failed', code: isAppError(e) ? e.code : 'INTERNAL', message: (e as Error).message });
    process.disconnect?.();
    return EXIT.CONFIG;
  }
  const { app, database } = started;
  process.on('message', (m: ToWorker) => {
    if (m.type === 'wake') app.chronicle.worker.wake();
  });
  const address = app.server.address();
  send({ type: 'listening', port: typeof address === 'object' && address ? address.port : config.server.port });
  // The primary sends SIGTERM; Ctrl-C in a terminal also sends SIGINT to every process of the
  // group. Either starts a graceful stop; signals after it are ignored here (the primary
  // decides whether to stop at once).
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  await app.close();
  await database.close();
  sharedAnswers?.close();
  process.disconnect?.();
  return EXIT.OK;
}
