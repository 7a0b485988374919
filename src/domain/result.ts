/**
 * Pipeline stages return a Result because a bad page is normal, not exceptional:
 * only bugs throw. `reason` is a one-line, human-readable explanation.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: string): Result<T> {
  return { ok: false, reason };
}
