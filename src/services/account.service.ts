import {
  createUserId,
  normaliseUsername,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_PATTERN,
  type Membership,
  type Principal,
  type Role,
  type User,
  type UserId,
} from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { CollectionId } from '../domain/ids.js';
import type { MembershipRepository } from '../storage/membership.repository.js';
import type { TransactionalRepositories, UnitOfWork } from '../storage/unit-of-work.js';
import type { UserRepository } from '../storage/user.repository.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { hashSecret, secretsEqual } from './secrets.js';

export interface NewAccount {
  username: string;
  password: string;
  displayName?: string;
  isAdmin?: boolean;
  memberships?: Membership[];
}

export interface Account extends User {
  memberships: Membership[];
}

/**
 * Accounts and roles. Every change of what a user may do ends all their sessions, so a
 * removed or lowered role takes effect at once, not at the next login. API tokens carry no
 * role of their own (they act with the user's current roles), so they need no revoking then.
 */
export class AccountService {
  private readonly now: () => Date;

  constructor(
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly unitOfWork: UnitOfWork,
    options: { now?: () => Date; setupCode?: string | null } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.setupCode = options.setupCode ?? null;
  }

  private readonly setupCode: string | null;

  async needsSetup(): Promise<boolean> {
    return !(await this.users.anyExists());
  }

  /**
   * First run: creates the first (global) administrator, exactly once. There is no default
   * password. When the server is reachable from the network it also demands the one-time
   * setup code printed on its console, so the first stranger to find it cannot claim it.
   */
  async setup(input: NewAccount & { setupCode?: string }): Promise<User> {
    if (this.setupCode !== null && !secretsEqual(input.setupCode ?? '', this.setupCode)) {
      throw new AppError('FORBIDDEN', 'the setup code is missing or wrong (it is printed on the server console)');
    }
    const at = this.now().toISOString();
    return this.unitOfWork.run(async (tx) => {
      if ((await tx.users.anyExists()) || !(await tx.users.claimFirstRun(at))) {
        throw new AppError('CONFLICT', 'Chronicle is already set up: log in instead');
      }
      const user = await this.insertUser(tx, { ...input, isAdmin: true, memberships: [] }, at);
      await tx.audit.append({ actor: user.username, action: 'account.setup', subjectId: user.id, details: {} }, at);
      return user;
    });
  }

  async createUser(actor: Principal, input: NewAccount): Promise<Account> {
    requireGlobalAdmin(actor);
    const at = this.now().toISOString();
    const memberships = input.memberships ?? [];
    const user = await this.unitOfWork.run(async (tx) => {
      for (const m of memberships) await requireCollection(tx.memberships, m.collectionId);
      const u = await this.insertUser(tx, input, at);
      for (const m of memberships) await tx.memberships.set(u.id, m.collectionId, m.role, at);
      await tx.audit.append(
        { actor: actor.user.username, action: 'account.create', subjectId: u.id, details: { isAdmin: u.isAdmin, memberships } },
        at,
      );
      return u;
    });
    return { ...user, memberships: await this.memberships.listForUser(user.id) };
  }

  async listUsers(actor: Principal): Promise<Account[]> {
    requireGlobalAdmin(actor);
    const users = await this.users.list();
    const byUser = await this.memberships.listForUsers(users.map((u) => u.id));
    return users.map((u) => ({ ...u, memberships: byUser.get(u.id) ?? [] }));
  }

  async updateUser(actor: Principal, userId: UserId, changes: { displayName?: string; isAdmin?: boolean }): Promise<Account> {
    requireGlobalAdmin(actor);
    const at = this.now().toISOString();
    await this.unitOfWork.run(async (tx) => {
      const user = await requireUser(tx, userId);
      const adminChanged = changes.isAdmin !== undefined && changes.isAdmin !== user.isAdmin;
      if (adminChanged && !changes.isAdmin) await requireAnotherAdmin(tx, user);
      await tx.users.update(userId, changes);
      const revoked = adminChanged ? await tx.sessions.deleteAllForUser(userId) : 0;
      await tx.audit.append(
        { actor: actor.user.username, action: 'account.update', subjectId: userId, details: { isAdmin: changes.isAdmin, sessionsRevoked: revoked } },
        at,
      );
    });
    return this.account(userId);
  }

  /**
   * A signed-in person changes their own password: the current one must be given, the new one
   * follows the same rules as at creation and differs from it. Every other session of theirs
   * ends (someone who had the old password is signed out); the browser that asked stays in.
   * API tokens are kept: they are revoked one by one (DELETE /api/v1/tokens/:id).
   */
  async changePassword(actor: Principal, input: { currentPassword: string; newPassword: string; sessionToken: string }): Promise<{ sessionsEnded: number }> {
    const found = await this.users.findCredentials(actor.user.username);
    if (!found || found.user.id !== actor.user.id) throw new AppError('UNAUTHENTICATED', 'sign in again');
    if (!(await verifyPassword(found.passwordHash, input.currentPassword))) {
      throw new AppError('INVALID_INPUT', 'the current password is wrong', { details: { field: 'currentPassword' } });
    }
    checkPassword(input.newPassword, found.user.username, 'newPassword');
    if (input.newPassword === input.currentPassword) {
      throw new AppError('INVALID_INPUT', 'the new password must differ from the current one', { details: { field: 'newPassword' } });
    }
    const passwordHash = await hashPassword(input.newPassword);
    return this.storePassword(actor, actor.user.id, passwordHash, 'account.password-change', (tx) =>
      tx.sessions.deleteOthersOfUser(actor.user.id, hashSecret(input.sessionToken)),
    );
  }

  /**
   * An administrator sets a new password for someone who forgot theirs. The same rules as at
   * creation apply. Every browser session of that user ends, so whoever held the old password
   * in a browser is signed out. API tokens are kept, as on a password change: a forgotten
   * password says nothing about a token's secret, and scripts should not break because a person
   * forgot a password; an administrator revokes a suspect token on its own
   * (DELETE /api/v1/tokens/:id). An administrator's own password is changed only through
   * POST /api/v1/me/password, which asks for the current one: a stolen administrator session
   * must not be enough to take over the account for good.
   */
  async resetPassword(actor: Principal, userId: UserId, password: string): Promise<{ sessionsEnded: number }> {
    requireGlobalAdmin(actor);
    if (userId === actor.user.id) {
      throw new AppError('CONFLICT', 'to change your own password use POST /api/v1/me/password (Your account), which asks for the current one', {
        details: { reason: 'own-account', use: '/api/v1/me/password' },
      });
    }
    const target = await this.users.findById(userId);
    if (!target) throw new AppError('NOT_FOUND', `no user ${userId}`);
    checkPassword(password, target.username);
    const passwordHash = await hashPassword(password);
    return this.storePassword(actor, userId, passwordHash, 'account.password-reset', (tx) => tx.sessions.deleteAllForUser(userId));
  }

  /**
   * A new password hash stored, the sessions `endSessions` chooses ended and the change audited,
   * in one transaction. The hash is made before (argon2id is deliberately slow and must not
   * hold a write lock).
   */
  private storePassword(
    actor: Principal,
    userId: UserId,
    passwordHash: string,
    action: string,
    endSessions: (tx: TransactionalRepositories) => Promise<number>,
  ): Promise<{ sessionsEnded: number }> {
    const at = this.now().toISOString();
    return this.unitOfWork.run(async (tx) => {
      await requireUser(tx, userId);
      await tx.users.update(userId, { passwordHash });
      const sessionsEnded = await endSessions(tx);
      await tx.audit.append({ actor: actor.user.username, action, subjectId: userId, details: { sessionsEnded } }, at);
      return { sessionsEnded };
    });
  }

  /** Gives a user a role in a collection, or changes it; their sessions end. */
  async setRole(actor: Principal, userId: UserId, collectionId: CollectionId, role: Role): Promise<Account> {
    requireGlobalAdmin(actor);
    const at = this.now().toISOString();
    await this.unitOfWork.run(async (tx) => {
      await requireUser(tx, userId);
      await requireCollection(tx.memberships, collectionId);
      const before = await tx.memberships.set(userId, collectionId, role, at);
      const revoked = before !== role ? await tx.sessions.deleteAllForUser(userId) : 0;
      await tx.audit.append(
        { actor: actor.user.username, action: 'account.role-set', subjectId: userId, details: { collectionId, role, before, sessionsRevoked: revoked } },
        at,
      );
    });
    return this.account(userId);
  }

  async removeRole(actor: Principal, userId: UserId, collectionId: CollectionId): Promise<Account> {
    requireGlobalAdmin(actor);
    const at = this.now().toISOString();
    await this.unitOfWork.run(async (tx) => {
      await requireUser(tx, userId);
      if (!(await tx.memberships.remove(userId, collectionId))) throw new AppError('NOT_FOUND', `the user has no role in collection ${collectionId}`);
      const revoked = await tx.sessions.deleteAllForUser(userId);
      await tx.audit.append(
        { actor: actor.user.username, action: 'account.role-remove', subjectId: userId, details: { collectionId, sessionsRevoked: revoked } },
        at,
      );
    });
    return this.account(userId);
  }

  /** Removes an account: its sessions, tokens and roles go at once; the row stays for the audit trail. */
  async removeUser(actor: Principal, userId: UserId): Promise<void> {
    requireGlobalAdmin(actor);
    const at = this.now().toISOString();
    await this.unitOfWork.run(async (tx) => {
      const user = await requireUser(tx, userId);
      if (user.isAdmin) await requireAnotherAdmin(tx, user);
      await tx.sessions.deleteAllForUser(userId);
      await tx.apiTokens.deleteAllForUser(userId);
      await tx.memberships.removeAllForUser(userId);
      await tx.users.markRemoved(userId, at);
      await tx.audit.append({ actor: actor.user.username, action: 'account.remove', subjectId: userId, details: {} }, at);
    });
  }

  private async account(userId: UserId): Promise<Account> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', `no user ${userId}`);
    return { ...user, memberships: await this.memberships.listForUser(userId) };
  }

  private async insertUser(tx: TransactionalRepositories, input: NewAccount, at: string): Promise<User> {
    const username = normaliseUsername(input.username);
    if (!USERNAME_PATTERN.test(username)) throw new AppError('INVALID_INPUT', 'login names are 2–64 letters, digits or . _ - @', { details: { field: 'username' } });
    checkPassword(input.password, username);
    if (await tx.users.findCredentials(username)) throw new AppError('CONFLICT', 'that login name is taken', { details: { field: 'username' } });
    const user: User = {
      id: createUserId(),
      username,
      displayName: input.displayName?.trim() || username,
      isAdmin: input.isAdmin === true,
      createdAt: at,
    };
    await tx.users.insert({ user, passwordHash: await hashPassword(input.password) });
    return user;
  }
}

export function requireGlobalAdmin(actor: Principal): void {
  if (!actor.user.isAdmin) throw new AppError('FORBIDDEN', 'only an administrator of Chronicle may manage accounts');
}

function checkPassword(password: string, username: string, field = 'password'): void {
  if ([...password].length < PASSWORD_MIN) {
    throw new AppError('INVALID_INPUT', `passwords are at least ${PASSWORD_MIN} characters`, { details: { field, min: PASSWORD_MIN } });
  }
  if (password.length > PASSWORD_MAX) {
    throw new AppError('INVALID_INPUT', `passwords are at most ${PASSWORD_MAX} characters`, { details: { field, max: PASSWORD_MAX } });
  }
  if (password.toLowerCase().includes(username)) {
    throw new AppError('INVALID_INPUT', 'the password must not contain the login name', { details: { field } });
  }
}

async function requireUser(tx: TransactionalRepositories, userId: UserId): Promise<User> {
  const user = await tx.users.findById(userId);
  if (!user) throw new AppError('NOT_FOUND', `no user ${userId}`);
  return user;
}

async function requireCollection(memberships: MembershipRepository, collectionId: CollectionId): Promise<void> {
  if (!(await memberships.collectionExists(collectionId))) throw new AppError('NOT_FOUND', `no collection ${collectionId}`);
}

/** Chronicle must always keep one administrator who can manage accounts. */
async function requireAnotherAdmin(tx: TransactionalRepositories, user: User): Promise<void> {
  if ((await tx.users.countLiveAdmins()) <= 1) {
    throw new AppError('CONFLICT', `${user.id} is the last administrator: make someone else administrator first`);
  }
}
