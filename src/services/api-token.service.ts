import { createApiTokenId, type ApiTokenId, type Principal } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { ApiToken, ApiTokenRepository } from '../storage/api-token.repository.js';
import type { MembershipRepository } from '../storage/membership.repository.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';
import type { UserRepository } from '../storage/user.repository.js';
import { CredentialMemo } from './credential-memo.js';
import { loadPrincipal } from './principal.js';
import { hashSecret, newSecret } from './secrets.js';

/** Every API token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'chr_';

const TOUCH_EVERY_MS = 60_000;

/**
 * API tokens for scripts (`Authorization: Bearer chr_…`). A token acts as its user with the
 * user's current roles; only its SHA-256 is stored, and the secret is shown once, at creation.
 */
export class ApiTokenService {
  private readonly now: () => Date;
  private readonly memo: CredentialMemo<Principal> | null;

  /** `changeToken`: the database's (DatabaseHandle.changeToken); with it, answers are kept while nothing changes. */
  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly unitOfWork: UnitOfWork,
    options: { now?: () => Date; changeToken?: () => Promise<string> } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.memo = options.changeToken ? new CredentialMemo(options.changeToken) : null;
  }

  async create(actor: Principal, input: { name: string; expiresInDays?: number }): Promise<{ token: ApiToken; secret: string }> {
    const now = this.now();
    const secret = newSecret(API_TOKEN_PREFIX);
    const token: ApiToken = {
      id: createApiTokenId(),
      userId: actor.user.id,
      name: input.name.trim(),
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
    };
    await this.unitOfWork.run(async (tx) => {
      await tx.apiTokens.insert(token, hashSecret(secret));
      await tx.audit.append({ actor: actor.user.username, action: 'token.create', subjectId: token.id, details: { expiresAt: token.expiresAt } });
    });
    return { token, secret };
  }

  async list(actor: Principal): Promise<ApiToken[]> {
    return this.tokens.listForUser(actor.user.id);
  }

  /** Revokes one of the caller's tokens (an administrator may revoke anyone's). */
  async revoke(actor: Principal, id: ApiTokenId): Promise<void> {
    const token = await this.tokens.findById(id);
    // Someone else's token is "not found", not "forbidden": ids are not confirmed to strangers.
    if (!token || (token.userId !== actor.user.id && !actor.user.isAdmin)) throw new AppError('NOT_FOUND', `no token ${id}`);
    await this.unitOfWork.run(async (tx) => {
      await tx.apiTokens.delete(id);
      await tx.audit.append({ actor: actor.user.username, action: 'token.revoke', subjectId: id, details: {} });
    });
  }

  /** The principal a bearer secret stands for, or null (unknown, expired, account removed). */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const hash = hashSecret(secret);
    const now = this.now().getTime();
    const seen = this.memo ? await this.memo.begin(hash, now) : null;
    if (seen && 'value' in seen) return seen.value;
    const token = await this.tokens.findByHash(hash);
    if (!token) return null;
    const expires = token.expiresAt ? Date.parse(token.expiresAt) : Infinity;
    if (expires <= now) return null;
    const principal = await loadPrincipal({ users: this.users, memberships: this.memberships }, token.userId, 'token', token.id);
    if (!principal) return null;
    let lastUsed = token.lastUsedAt ? Date.parse(token.lastUsedAt) : -Infinity;
    if (now - lastUsed >= TOUCH_EVERY_MS) {
      await this.tokens.touch(token.id, new Date(now).toISOString());
      lastUsed = now;
    }
    // Kept until it expires or its last use is due to be written again.
    if (seen) this.memo!.keep(hash, seen.token, principal, Math.min(expires, lastUsed + TOUCH_EVERY_MS));
    return principal;
  }
}
