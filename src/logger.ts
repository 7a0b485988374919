import { pino, type Logger } from 'pino';

/**
 * The one logger. Logs go to stderr so `--json` output on stdout stays clean.
 * Never log article text, names of people or secrets: log ids, hashes, counts.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: ['url.password', 'headers.authorization', 'headers.cookie'] }, pino.destination(2));
}
export type { Logger };
