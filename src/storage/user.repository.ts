import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { User, UserId } from '../domain/access.js';
import type { Database, UsersTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id as UserId,
    username: row.username,
    displayName: row.display_name,
    isAdmin: Number(row.is_admin) === 1,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  user: User;
  passwordHash: string;
}

const FIRST_RUN = 'first-administrator';

/** Users (live and removed). Only speaks SQL; password hashes stay in here and in the service that checks them. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  withTransaction(trx: Transaction<Database>): UserRepository {
    return new UserRepository(trx);
  }

  async findById(id: UserId): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  /** A live user by normalised login name, with the password hash to check. */
  async findCredentials(username: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().where('removed_at', 'is', null).orderBy('username').execute();
    return rows.map(toUser);
  }

  /** Whether any account was ever created (removed ones count: setup happens once). */
  async anyExists(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async countLiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('is_admin', '=', 1)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert({ user, passwordHash }: NewUser): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        password_hash: passwordHash,
        is_admin: user.isAdmin ? 1 : 0,
        created_at: user.createdAt,
        removed_at: null,
      })
      .execute();
  }

  async update(id: UserId, changes: { displayName?: string; isAdmin?: boolean; passwordHash?: string }): Promise<void> {
    const values: Updateable<UsersTable> = {};
    if (changes.displayName !== undefined) values.display_name = changes.displayName;
    if (changes.isAdmin !== undefined) values.is_admin = changes.isAdmin ? 1 : 0;
    if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  /** Soft removal: the row stays so audit entries and "captured by" still name an account. */
  async markRemoved(id: UserId, at: string): Promise<void> {
    await this.db.updateTable('users').set({ removed_at: at, is_admin: 0 }).where('id', '=', id).execute();
  }

  /**
   * Claims first-run setup. Returns false when it was already claimed: the primary key makes
   * two concurrent setups (SQLite or PostgreSQL) end with exactly one administrator.
   */
  async claimFirstRun(at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('instance_setup')
      .values({ id: FIRST_RUN, completed_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
