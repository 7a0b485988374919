import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface LoginAttempts {
  failures: number;
  lastFailureAt: string;
  nextAllowedAt: string;
}

/** Consecutive failed logins per (login name, client address) key hash. Only speaks SQL. */
export class LoginAttemptRepository {
  constructor(private readonly db: Db) {}

  async find(keyHash: string): Promise<LoginAttempts | null> {
    const row = await this.db.selectFrom('login_attempts').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row ? { failures: Number(row.failures), lastFailureAt: row.last_failure_at, nextAllowedAt: row.next_allowed_at } : null;
  }

  async save(keyHash: string, a: LoginAttempts): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ key_hash: keyHash, failures: a.failures, last_failure_at: a.lastFailureAt, next_allowed_at: a.nextAllowedAt })
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({ failures: a.failures, last_failure_at: a.lastFailureAt, next_allowed_at: a.nextAllowedAt }),
      )
      .execute();
  }

  async clear(keyHash: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key_hash', '=', keyHash).execute();
  }

  /** Forgets keys whose last failure is older than `before` (their delay has long run out). */
  async deleteOlderThan(before: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('last_failure_at', '<', before).execute();
  }
}
