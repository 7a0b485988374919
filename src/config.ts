import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './domain/errors.js';

/**
 * The one place that reads the environment. Parsed once with zod; a bad value stops
 * start-up with a message naming the variable.
 */
const booleanString = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  CHRONICLE_DATA: z.string().min(1).optional(),
  CHRONICLE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CHRONICLE_ALLOW_PRIVATE: booleanString.optional(),
  CHRONICLE_FETCH_MAX_BYTES: z.coerce.number().int().positive().optional(),
  CHRONICLE_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  CHRONICLE_USER: z.string().min(1).max(200).optional(),
  CHRONICLE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CHRONICLE_HOST: z.string().min(1).max(255).optional(),
  CHRONICLE_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CHRONICLE_ALLOW_REMOTE: booleanString.optional(),
  CHRONICLE_ALLOWED_HOSTS: z
    .string()
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
    .optional(),
  CHRONICLE_TRUST_PROXY: booleanString.optional(),
  CHRONICLE_COOKIE_SECURE: z.enum(['auto', 'always']).optional(),
  CHRONICLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).optional(),
  CHRONICLE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(30 * 24).optional(),
  CHRONICLE_API_BODY_LIMIT: z.coerce.number().int().min(1024).optional(),
  CHRONICLE_CACHE_MB: z.coerce.number().int().min(0).max(64 * 1024).optional(),
  CHRONICLE_SQLITE_MMAP_MB: z.coerce.number().int().min(0).max(1024 * 1024).optional(),
  CHRONICLE_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
});

/** The HTTP server (`chronicle serve`). */
export interface ServerConfig {
  /** Bind address; loopback by default. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Binding a non-loopback address must be asked for explicitly (--allow-remote). */
  allowRemote: boolean;
  /** Host names accepted in the Host header (DNS-rebinding guard); null: loopback names when bound to loopback, else any. */
  allowedHosts: string[] | null;
  /** Take the client address and protocol from X-Forwarded-* (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** `auto`: Secure cookies unless bound to loopback over plain HTTP; `always`: Secure even on loopback (TLS proxy in front). */
  cookieSecure: 'auto' | 'always';
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Largest JSON request body in bytes (uploads are limited by fetchMaxBytes instead). */
  bodyLimit: number;
  /** Memory for the API's answers to repeated reads, in bytes (0: off); see src/api/response-cache.ts. */
  responseCacheBytes: number;
  /** Processes answering requests (0: answer in the serving process itself); see src/cli/serve.command.ts. */
  workers: number;
}

export interface Config {
  /** Folder holding the SQLite database and the blob store. */
  dataDir: string;
  /** PostgreSQL connection URL; when absent, SQLite in dataDir. */
  databaseUrl: string | null;
  /** SQLite: bytes of the database file read through a memory map (undefined: the default, 2 GB; 0: none). */
  sqliteMmapBytes: number | undefined;
  /** Allow fetching private/loopback addresses (off by default: SSRF guard). */
  allowPrivate: boolean;
  fetchMaxBytes: number;
  fetchTimeoutMs: number;
  /** Recorded as "captured by" in provenance. */
  user: string;
  logLevel: string;
  server: ServerConfig;
}

export interface ConfigOverrides {
  dataDir?: string;
  allowPrivate?: boolean;
  host?: string;
  port?: number;
  allowRemote?: boolean;
  workers?: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('CHRONICLE_') && v !== ''));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new AppError('CONFIG', `invalid ${name}: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  let user = e.CHRONICLE_USER;
  if (!user) {
    try {
      user = os.userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return {
    dataDir: path.resolve(overrides.dataDir ?? e.CHRONICLE_DATA ?? 'chronicle-data'),
    databaseUrl: e.CHRONICLE_DATABASE_URL ?? null,
    sqliteMmapBytes: e.CHRONICLE_SQLITE_MMAP_MB === undefined ? undefined : e.CHRONICLE_SQLITE_MMAP_MB * 1024 * 1024,
    allowPrivate: overrides.allowPrivate ?? e.CHRONICLE_ALLOW_PRIVATE ?? false,
    fetchMaxBytes: e.CHRONICLE_FETCH_MAX_BYTES ?? 20 * 1024 * 1024,
    fetchTimeoutMs: e.CHRONICLE_FETCH_TIMEOUT_MS ?? 30_000,
    user,
    logLevel: e.CHRONICLE_LOG_LEVEL ?? 'warn',
    server: {
      host: overrides.host ?? e.CHRONICLE_HOST ?? '127.0.0.1',
      port: overrides.port ?? e.CHRONICLE_PORT ?? 8470,
      allowRemote: overrides.allowRemote ?? e.CHRONICLE_ALLOW_REMOTE ?? false,
      allowedHosts: e.CHRONICLE_ALLOWED_HOSTS ?? null,
      trustProxy: e.CHRONICLE_TRUST_PROXY ?? false,
      cookieSecure: e.CHRONICLE_COOKIE_SECURE ?? 'auto',
      sessionIdleMinutes: e.CHRONICLE_SESSION_IDLE_MINUTES ?? 120,
      sessionMaxHours: e.CHRONICLE_SESSION_MAX_HOURS ?? 12,
      bodyLimit: e.CHRONICLE_API_BODY_LIMIT ?? 1024 * 1024,
      responseCacheBytes: (e.CHRONICLE_CACHE_MB ?? 64) * 1024 * 1024,
      workers: overrides.workers ?? e.CHRONICLE_WORKERS ?? Math.min(2, os.availableParallelism()),
    },
  };
}
