import type { Kysely, Transaction } from 'kysely';
import type { UserId } from '../domain/access.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredSession {
  /** SHA-256 hex of the browser's token. */
  id: string;
  userId: UserId;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Server-side browser sessions, keyed by the hash of their token. Only speaks SQL. */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  withTransaction(trx: Transaction<Database>): SessionRepository {
    return new SessionRepository(trx);
  }

  async insert(s: StoredSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: s.id, user_id: s.userId, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt })
      .execute();
  }

  async findById(id: string): Promise<StoredSession | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return { id: row.id, userId: row.user_id as UserId, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of a user (logout everywhere, role change, removal). Returns how many. */
  async deleteAllForUser(userId: UserId): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Ends every session of a user but one (a password change keeps the browser that made it). */
  async deleteOthersOfUser(userId: UserId, keepId: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Drops sessions past their absolute expiry or idle since before `idleBefore`. */
  async deleteExpired(now: string, idleBefore: string): Promise<number> {
    const r = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
