import cookiePlugin from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { AccountService } from '../services/account.service.js';
import { ApiTokenService } from '../services/api-token.service.js';
import { CaptureService, type ToolInfo } from '../services/capture.service.js';
import { JobWorker } from '../services/job-worker.js';
import { LoginThrottle } from '../services/login-throttle.js';
import { buildRecordServices, type RecordServices } from '../services/registry.js';
import { SessionService } from '../services/session.service.js';
import { SourceService } from '../services/source.service.js';
import { ApiTokenRepository } from '../storage/api-token.repository.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DatabaseHandle } from '../storage/database.js';
import { LoginAttemptRepository } from '../storage/login-attempt.repository.js';
import { MembershipRepository } from '../storage/membership.repository.js';
import { SessionRepository } from '../storage/session.repository.js';
import { SourceRepository } from '../storage/source.repository.js';
import { UnitOfWork } from '../storage/unit-of-work.js';
import { UserRepository } from '../storage/user.repository.js';
import { authRoutes } from './auth.routes.js';
import { installErrorHandling } from './error-handler.js';
import { isLoopbackHost } from './network.js';
import { installOpenApi, openApiRoutes } from './openapi.js';
import { installPolicy, LOOPBACK_HOSTS, type RegisteredRoute } from './policy.js';
import { installTurns } from './turns.js';
import { installResponseCache } from './response-cache.js';
import type { SharedAnswers } from './shared-answers.js';
import { installSecurityHeaders } from './security-headers.js';
import { sessionCookie, type SessionCookie } from './session-cookie.js';
import { entitiesRoutes } from './entities.routes.js';
import { eventsRoutes } from './events.routes.js';
import { jobsRoutes } from './jobs.routes.js';
import { searchRoutes } from './search.routes.js';
import { sourceViewsRoutes } from './source-views.routes.js';
import { sourcesRoutes } from './sources.routes.js';
import { suggestionsRoutes } from './suggestions.routes.js';
import { tokensRoutes } from './tokens.routes.js';
import { usersRoutes } from './users.routes.js';
import { webRoutes } from './web.routes.js';

/**
 * The API's routes files, each a fastify plugin whose routes declare their policy. To add
 * routes: write `src/api/<noun>.routes.ts` exporting a plugin, append it here, and add its
 * routes to the policy table in test/api-policy.test.ts.
 */
export const API_ROUTES: FastifyPluginAsync[] = [
  authRoutes,
  usersRoutes,
  tokensRoutes,
  sourcesRoutes,
  sourceViewsRoutes,
  suggestionsRoutes,
  eventsRoutes,
  entitiesRoutes,
  jobsRoutes,
  searchRoutes,
];

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  blobs: BlobStore;
  tool: ToolInfo;
  /** Defaults to a silent logger. Requests are not logged (URLs can hold names); failures are, by id. */
  logger?: Logger;
  now?: () => Date;
  /** Demanded by POST /api/v1/setup when set (serve sets one when listening beyond loopback). */
  setupCode?: string | null;
  /** The built web UI; null serves the placeholder page. */
  webDir?: string | null;
  /** The routes files to mount (default API_ROUTES). */
  routes?: FastifyPluginAsync[];
  /** Work the job queue in the background (serve does; tests run jobs themselves unless they test the worker). */
  worker?: boolean | { batchSize?: number; pollMs?: number };
  /** When this app does not work the queue, how captures wake the process that does (serve's workers). */
  wakeWorker?: () => void;
  /** Answers kept for every worker process of the server (serve's workers; see response-cache.ts). */
  sharedAnswers?: SharedAnswers | null;
}

/** What routes files reach through `app.chronicle`: the services, wired once, here. */
export interface ApiContext {
  accounts: AccountService;
  sessions: SessionService;
  tokens: ApiTokenService;
  sources: SourceService;
  /** The case-record services (review, events, entities, jobs, stats, record access). */
  records: RecordServices;
  /** The background job worker; `wake()` it after queueing work. */
  worker: JobWorker;
  cookie: SessionCookie;
  setupCodeRequired: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    chronicle: ApiContext;
    /** Every route with its policy, as registered (for the policy test and audits). */
    routePolicies: RegisteredRoute[];
  }
}

const PURGE_EVERY_MS = 60 * 60_000;

/** The fastify app: zod-validated routes under /api/v1, one policy hook, one error shape. Ready when it resolves. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, tool } = deps;
  const server = config.server;
  const loopback = isLoopbackHost(server.host);
  const secure = server.cookieSecure === 'always' || !loopback;
  const logger = deps.logger ?? createLogger('silent');
  const now = deps.now;

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Request lines are not logged: URLs and queries can hold names of people.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: server.bodyLimit,
    trustProxy: server.trustProxy,
    exposeHeadRoutes: false,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON and multipart only: text/plain is a "simple" type a cross-site form could send.
  app.removeContentTypeParser('text/plain');

  const db = deps.database.db;
  const users = new UserRepository(db);
  const memberships = new MembershipRepository(db);
  const sourceRepo = new SourceRepository(db);
  const unitOfWork = new UnitOfWork(db);
  const sessions = new SessionService(users, memberships, new SessionRepository(db), unitOfWork, new LoginThrottle(new LoginAttemptRepository(db)), {
    idleMinutes: server.sessionIdleMinutes,
    maxHours: server.sessionMaxHours,
    now,
    changeToken: deps.database.changeToken,
  });
  const accounts = new AccountService(users, memberships, unitOfWork, { now, setupCode: deps.setupCode ?? null });
  const tokens = new ApiTokenService(users, memberships, new ApiTokenRepository(db), unitOfWork, { now, changeToken: deps.database.changeToken });
  const records = buildRecordServices(deps.database, { now });
  const worker = new JobWorker(records.jobs, { logger, wakeElsewhere: deps.wakeWorker, ...(typeof deps.worker === 'object' ? deps.worker : {}) });
  const sources = new SourceService(sourceRepo, records.repositories, deps.blobs, new CaptureService(sourceRepo, unitOfWork, deps.blobs), {
    acquire: {
      maxBytes: config.fetchMaxBytes,
      fetch: { allowPrivate: config.allowPrivate, timeoutMs: config.fetchTimeoutMs, userAgent: `Chronicle/${tool.version}` },
    },
    tool,
    now,
  });
  const cookie = sessionCookie(secure);
  app.decorate('chronicle', { accounts, sessions, tokens, sources, records, worker, cookie, setupCodeRequired: Boolean(deps.setupCode) } satisfies ApiContext);

  installErrorHandling(app, logger);
  // Order matters: headers first (so refusals carry them too), cookies parsed, then the policy hook.
  await installSecurityHeaders(app, { secure });
  await app.register(cookiePlugin);
  const allowedHosts = server.allowedHosts ?? (loopback ? LOOPBACK_HOSTS : null);
  app.decorate('routePolicies', installPolicy(app, { accounts, sessions, tokens, cookie, allowedHosts }));
  // Every request waits its turn, answers from the response cache too (see turns.ts).
  installTurns(app);
  installResponseCache(app, { changeToken: () => deps.database.changeToken(), maxBytes: server.responseCacheBytes, shared: deps.sharedAnswers });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: config.fetchMaxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
  });
  await installOpenApi(app, { version: tool.version, cookieName: cookie.name });
  await app.register(openApiRoutes);
  for (const routes of deps.routes ?? API_ROUTES) await app.register(routes);
  await app.register(webRoutes(deps.webDir ?? null));

  const purge = setInterval(() => {
    sessions.purgeExpired().catch((e: unknown) => logger.warn({ err: e }, 'purging expired sessions failed'));
  }, PURGE_EVERY_MS);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
  // Stopped before the caller closes the database: the job in hand finishes first.
  app.addHook('onClose', async () => worker.stop());

  await app.ready();
  if (deps.worker) worker.start();
  return app;
}
