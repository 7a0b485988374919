import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random bearer secrets and their one-way forms. The database only ever holds
 * `hashSecret(token)`: a copy of the database does not let anyone log in.
 *
 *   const token = newSecret();         // 'Zk3…' (43 base64url chars, 256 bits)
 *   hashSecret(token)                  // 64 hex chars, the sessions/api_tokens key
 *   csrfTokenFor(token)                // what the page sends back in X-CSRF-Token
 */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session, derived from its secret token rather than stored: it changes
 * with every login, needs no extra column, cannot be computed from the database (which holds
 * a different hash of the token), and reveals nothing about the token (one-way).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('chronicle-csrf\0', 'utf8').update(sessionToken, 'utf8').digest('base64url');
}

/** Compares two secrets in time independent of where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  // Hashing first gives equal lengths, so timingSafeEqual never throws and length leaks nothing.
  return timingSafeEqual(x, y);
}
