import { normaliseUsername, type Principal, type UserId } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { MembershipRepository } from '../storage/membership.repository.js';
import type { SessionRepository } from '../storage/session.repository.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';
import type { UserRepository } from '../storage/user.repository.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyAgainstNothing, verifyPassword } from './password-hasher.js';
import { CredentialMemo } from './credential-memo.js';
import { loadPrincipal } from './principal.js';
import { csrfTokenFor, hashSecret, newSecret } from './secrets.js';

export interface SessionSettings {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after login however much it is used. */
  maxHours: number;
  now?: () => Date;
  /** The database's change token (DatabaseHandle.changeToken); with it, a recognised session is kept while nothing changes. */
  changeToken?: () => Promise<string>;
}

/** What the browser gets at login: the token goes only into the HttpOnly cookie. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  principal: Principal;
}

export interface ActiveSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

/** Don't write last_seen_at on every request: once a minute is precise enough for idle expiry. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Browser sessions: login (throttled, argon2id), logout, and recognising a session token.
 * Sessions live server-side as SHA-256 of their token, so one can be revoked at any moment
 * (logout, role change, removal) and a database copy logs nobody in.
 */
export class SessionService {
  private readonly now: () => Date;
  private readonly memo: CredentialMemo<ActiveSession> | null;

  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly sessions: SessionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly throttle: LoginThrottle,
    private readonly settings: SessionSettings,
  ) {
    this.now = settings.now ?? (() => new Date());
    this.memo = settings.changeToken ? new CredentialMemo(settings.changeToken) : null;
  }

  /**
   * Checks a password and opens a new session. A session token presented with the login
   * (`previousToken`) is revoked: the session id always changes at login (no fixation).
   */
  async login(input: { username: string; password: string; clientAddress: string; previousToken?: string | null }): Promise<IssuedSession> {
    const username = normaliseUsername(input.username);
    const key = this.throttle.keyFor(username, input.clientAddress);
    const decision = await this.throttle.check(key, this.now());
    if (!decision.allowed) {
      throw new AppError('RATE_LIMITED', `too many failed logins: try again in ${decision.retryAfterSeconds} s`, {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
    const found = await this.users.findCredentials(username);
    const ok = found ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstNothing(input.password);
    if (!found || !ok) {
      const delay = await this.throttle.recordFailure(key, this.now());
      await this.unitOfWork.run((tx) =>
        tx.audit.append({ actor: 'anonymous', action: 'auth.login-failed', subjectId: found?.user.id ?? null, details: { delaySeconds: delay } }),
      );
      throw new AppError('UNAUTHENTICATED', 'wrong login name or password', delay > 0 ? { details: { retryAfterSeconds: delay } } : undefined);
    }
    await this.throttle.recordSuccess(key);
    return this.open(found.user.id, found.user.username, 'auth.login', input.previousToken ?? null);
  }

  /** Opens a session for a user who has just proved who they are (login, first-run setup). */
  async open(userId: UserId, actor: string, action: string, previousToken: string | null): Promise<IssuedSession> {
    const now = this.now();
    const token = newSecret();
    const id = hashSecret(token);
    const expiresAt = new Date(now.getTime() + this.settings.maxHours * 3_600_000).toISOString();
    await this.unitOfWork.run(async (tx) => {
      if (previousToken) await tx.sessions.delete(hashSecret(previousToken));
      await tx.sessions.insert({ id, userId, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt });
      await tx.audit.append({ actor, action, subjectId: userId, details: { rotated: previousToken !== null } }, now.toISOString());
    });
    const principal = await loadPrincipal({ users: this.users, memberships: this.memberships }, userId, 'session', id);
    if (!principal) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
    return { token, csrfToken: csrfTokenFor(token), expiresAt, principal };
  }

  /** Ends the caller's own session (the one whose token the request carried). */
  async logout(principal: Principal, token: string): Promise<void> {
    const id = hashSecret(token);
    await this.unitOfWork.run(async (tx) => {
      await tx.sessions.delete(id);
      await tx.audit.append({ actor: principal.user.username, action: 'auth.logout', subjectId: principal.user.id, details: {} });
    });
  }

  /** The live session for a cookie token, or null (unknown, expired, idle too long, account gone). */
  async authenticate(token: string): Promise<ActiveSession | null> {
    const id = hashSecret(token);
    const now = this.now();
    const seen = this.memo ? await this.memo.begin(id, now.getTime()) : null;
    if (seen && 'value' in seen) return seen.value;
    const session = await this.sessions.findById(id);
    if (!session) return null;
    const lastSeen = Date.parse(session.lastSeenAt);
    const idleExpires = lastSeen + this.settings.idleMinutes * 60_000;
    if (Date.parse(session.expiresAt) <= now.getTime() || idleExpires <= now.getTime()) {
      await this.sessions.delete(id);
      return null;
    }
    const principal = await loadPrincipal({ users: this.users, memberships: this.memberships }, session.userId, 'session', id);
    if (!principal) {
      await this.sessions.delete(id);
      return null;
    }
    let lastWrite = lastSeen;
    if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
      await this.sessions.touch(id, now.toISOString());
      lastWrite = now.getTime();
    }
    const until = Math.min(lastWrite + this.settings.idleMinutes * 60_000, Date.parse(session.expiresAt));
    const active: ActiveSession = { principal, csrfToken: csrfTokenFor(token), expiresAt: session.expiresAt, idleExpiresAt: new Date(until).toISOString() };
    // Kept until it expires (idle or not) or its last-seen time is due to be written again.
    if (seen) this.memo!.keep(id, seen.token, active, Math.min(until, lastWrite + TOUCH_EVERY_MS));
    return active;
  }

  /** Housekeeping for the server: drops sessions that can no longer be used. */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    return this.sessions.deleteExpired(now.toISOString(), new Date(now.getTime() - this.settings.idleMinutes * 60_000).toISOString());
  }
}
