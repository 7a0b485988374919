import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildApp } from '../api/app.js';
import { isLoopbackHost } from '../api/network.js';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { createLogger } from '../logger.js';
import { newSecret } from '../services/secrets.js';
import { BlobStore } from '../storage/blob-store.js';
import { openDatabase } from '../storage/database.js';
import { readVersion, type GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printLine } from './output.js';

interface ServeOptions {
  host?: string;
  port?: string;
  allowRemote?: boolean;
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web workbench and the REST API (on 127.0.0.1:8470 by default)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or CHRONICLE_HOST)')
    .option('--port <port>', 'port to listen on (default 8470, or CHRONICLE_PORT; 0 picks a free one)')
    .option('--allow-remote', 'allow listening on a non-loopback address such as 0.0.0.0 (or CHRONICLE_ALLOW_REMOTE=1)')
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
  });
  const { host, port, allowRemote } = config.server;
  const loopback = isLoopbackHost(host);
  if (!loopback && !allowRemote) {
    throw new AppError(
      'INVALID_INPUT',
      `refusing to listen on ${host}: Chronicle holds names of people at risk and listens on loopback only unless you pass --allow-remote (and put TLS in front)`,
    );
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const setupCode = loopback ? null : newSecret().slice(0, 20);
  let app;
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
      worker: true,
    });
    await app.listen({ host, port });
  } catch (e) {
    await app?.close();
    await database.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new AppError('CONFIG', `${host}:${port} is already in use`);
    throw e;
  }

  if (!loopback) {
    printError(`WARNING: Chronicle is listening on ${host}, reachable from other machines. Serve it only through TLS (a reverse proxy):`);
    printError('WARNING: session cookies are Secure, so plain-HTTP sign-in from other machines will not work.');
    if (!config.server.allowedHosts) printError('WARNING: CHRONICLE_ALLOWED_HOSTS is not set: any Host header is accepted.');
    if (setupCode && (await app.chronicle.accounts.needsSetup())) printError(`First-run setup code (asked for by the setup page): ${setupCode}`);
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  printLine(`Chronicle is listening on http://${shown}:${bound}/ (data: ${config.dataDir})`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // A second signal while draining stops at once.
  const force = () => process.exit(EXIT.INTERNAL);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  printError('Chronicle is stopping: finishing requests in flight…');
  await app.close();
  await database.close();
  process.off('SIGINT', force);
  process.off('SIGTERM', force);
  return EXIT.OK;
}
