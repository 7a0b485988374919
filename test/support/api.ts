import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/api/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Role, User } from '../../src/domain/access.js';
import { DEFAULT_COLLECTION, type CollectionId } from '../../src/domain/ids.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/database.js';
import { makeTempDir } from './tmp.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestApi {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  /** The clock every service reads; tests move it instead of waiting. */
  clock: { now: Date };
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: Record<string, string>;
  setupCode?: string | null;
  routes?: FastifyPluginAsync[];
  databaseUrl?: string | null;
  /** Run the background job worker (off by default: tests run jobs themselves). */
  worker?: AppDeps['worker'];
}

/** A fresh app over a fresh SQLite (or the given PostgreSQL) store, driven with inject(). */
export async function openTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dataDir = makeTempDir('chronicle-api-');
  const config = loadConfig({ ...options.env, ...(options.databaseUrl ? { CHRONICLE_DATABASE_URL: options.databaseUrl } : {}) }, { dataDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  const clock = { now: new Date('2026-03-01T10:00:00.000Z') };
  try {
    const app = await buildApp({
      config,
      database,
      blobs: new BlobStore(path.join(dataDir, 'blobs')),
      tool: { name: 'chronicle', version: '0.0.0-test' },
      now: () => clock.now,
      setupCode: options.setupCode ?? null,
      routes: options.routes,
      worker: options.worker,
    });
    return { app, config, database, clock, close: async () => (await app.close(), await database.close()) };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** A browser's credentials: the cookie header and the CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
  token: string;
}

export function browserFrom(app: FastifyInstance, res: LightMyRequestResponse): Browser {
  const name = app.chronicle.cookie.name;
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = set.find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in the response (status ${res.statusCode}): ${res.body}`);
  const token = line.slice(name.length + 1).split(';')[0]!;
  return { cookie: `${name}=${token}`, csrf: (res.json() as { csrfToken: string }).csrfToken, token };
}

/** First-run setup through the API; returns the administrator's browser. */
export async function setupAdmin(api: TestApi, username = 'admin'): Promise<Browser> {
  const res = await api.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return browserFrom(api.app, res);
}

/** Creates a user directly through the account service (as the given admin) and opens a session for them. */
export async function userWithRole(
  api: TestApi,
  username: string,
  roles: { collectionId?: CollectionId; role: Role }[],
  options: { isAdmin?: boolean } = {},
): Promise<{ user: User; browser: Browser }> {
  const { accounts } = api.app.chronicle;
  const admins = (await api.database.db.selectFrom('users').select('id').where('is_admin', '=', 1).where('removed_at', 'is', null).execute())[0];
  if (!admins) throw new Error('set up an administrator first');
  const actor = await sessionPrincipal(api, admins.id);
  const account = await accounts.createUser(actor, {
    username,
    password: PASSWORD,
    isAdmin: options.isAdmin,
    memberships: roles.map((r) => ({ collectionId: r.collectionId ?? DEFAULT_COLLECTION, role: r.role })),
  });
  return { user: account, browser: await openSession(api, account) };
}

export async function openSession(api: TestApi, user: Pick<User, 'id' | 'username'>): Promise<Browser> {
  const s = await api.app.chronicle.sessions.open(user.id, user.username, 'test.session', null);
  return { cookie: `${api.app.chronicle.cookie.name}=${s.token}`, csrf: s.csrfToken, token: s.token };
}

async function sessionPrincipal(api: TestApi, userId: string) {
  return (await api.app.chronicle.sessions.open(userId as User['id'], 'admin', 'test.session', null)).principal;
}

/** Headers for a state-changing request from a signed-in browser. */
export function asBrowser(b: Browser, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: b.cookie, 'x-csrf-token': b.csrf, ...extra };
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string; details?: Record<string, unknown> } {
  const body = res.json() as { error?: { code: string; message: string; details?: Record<string, unknown> } };
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not the stable error shape: ${res.body}`);
  }
  return body.error;
}

/** A multipart/form-data body holding one file, as a browser's upload form sends it. */
export function multipartFile(fileName: string, contentType: string, bytes: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `chronicle${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
