import type { LoginAttemptRepository } from '../storage/login-attempt.repository.js';
import { hashSecret } from './secrets.js';

/**
 * Login throttling that slows a guesser without locking out the account's owner.
 *
 * Failures are counted per (login name, client address). The first `free` failures cost
 * nothing (typos); after that each failure doubles the wait before that pair may try again,
 * up to `maxSeconds`. A try during the wait is refused with 429 *without* checking the
 * password (no oracle) and *without* lengthening the wait, so an attacker sharing the
 * owner's address can delay them by at most `maxSeconds`, and an attacker elsewhere not at
 * all. A success clears the pair. Per-address volume across many names is bounded separately
 * by a plain rate limit on the route.
 *
 *   loginDelaySeconds(2)  // 0      loginDelaySeconds(3)  // 1
 *   loginDelaySeconds(5)  // 4      loginDelaySeconds(40) // 300
 */
export interface ThrottlePolicy {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  /** A pair whose last failure is older than this starts again from zero. */
  forgetAfterHours: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { free: 3, baseSeconds: 1, maxSeconds: 300, forgetAfterHours: 24 };

export function loginDelaySeconds(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  if (failures < policy.free) return 0;
  const exponent = Math.min(failures - policy.free, 30);
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** exponent);
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** The key never holds the name or address in clear. */
  keyFor(username: string, clientAddress: string): string {
    return hashSecret(`login\0${username}\0${clientAddress}`);
  }

  async check(key: string, now: Date): Promise<ThrottleDecision> {
    const a = await this.attempts.find(key);
    if (!a) return { allowed: true };
    const wait = Date.parse(a.nextAllowedAt) - now.getTime();
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
  }

  /** Records a failure; returns the delay now imposed on this pair (0 while still free). */
  async recordFailure(key: string, now: Date): Promise<number> {
    const previous = await this.attempts.find(key);
    const stale = previous && now.getTime() - Date.parse(previous.lastFailureAt) > this.policy.forgetAfterHours * 3_600_000;
    const failures = (previous && !stale ? previous.failures : 0) + 1;
    const delay = loginDelaySeconds(failures, this.policy);
    await this.attempts.save(key, {
      failures,
      lastFailureAt: now.toISOString(),
      nextAllowedAt: new Date(now.getTime() + delay * 1000).toISOString(),
    });
    // Housekeeping: old pairs are forgotten, so the table stays small.
    await this.attempts.deleteOlderThan(new Date(now.getTime() - this.policy.forgetAfterHours * 3_600_000).toISOString());
    return delay;
  }

  async recordSuccess(key: string): Promise<void> {
    await this.attempts.clear(key);
  }
}
