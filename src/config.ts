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
});

export interface Config {
  /** Folder holding the SQLite database and the blob store. */
  dataDir: string;
  /** PostgreSQL connection URL; when absent, SQLite in dataDir. */
  databaseUrl: string | null;
  /** Allow fetching private/loopback addresses (off by default: SSRF guard). */
  allowPrivate: boolean;
  fetchMaxBytes: number;
  fetchTimeoutMs: number;
  /** Recorded as "captured by" in provenance. */
  user: string;
  logLevel: string;
}

export interface ConfigOverrides {
  dataDir?: string;
  allowPrivate?: boolean;
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
    allowPrivate: overrides.allowPrivate ?? e.CHRONICLE_ALLOW_PRIVATE ?? false,
    fetchMaxBytes: e.CHRONICLE_FETCH_MAX_BYTES ?? 20 * 1024 * 1024,
    fetchTimeoutMs: e.CHRONICLE_FETCH_TIMEOUT_MS ?? 30_000,
    user,
    logLevel: e.CHRONICLE_LOG_LEVEL ?? 'warn',
  };
}
