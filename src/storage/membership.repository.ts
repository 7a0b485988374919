import type { Kysely, Transaction } from 'kysely';
import type { Membership, Role, UserId } from '../domain/access.js';
import type { CollectionId } from '../domain/ids.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Who holds which role in which collection. Only speaks SQL. */
export class MembershipRepository {
  constructor(private readonly db: Db) {}

  withTransaction(trx: Transaction<Database>): MembershipRepository {
    return new MembershipRepository(trx);
  }

  async listForUser(userId: UserId): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .select(['collection_id', 'role'])
      .where('user_id', '=', userId)
      .orderBy('collection_id')
      .execute();
    return rows.map((r) => ({ collectionId: r.collection_id as CollectionId, role: r.role as Role }));
  }

  async listForUsers(userIds: UserId[]): Promise<Map<UserId, Membership[]>> {
    const out = new Map<UserId, Membership[]>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('memberships')
      .select(['user_id', 'collection_id', 'role'])
      .where('user_id', 'in', userIds)
      .orderBy('collection_id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.user_id as UserId) ?? [];
      list.push({ collectionId: r.collection_id as CollectionId, role: r.role as Role });
      out.set(r.user_id as UserId, list);
    }
    return out;
  }

  /** Sets (inserts or replaces) a user's role in a collection; returns the role held before. */
  async set(userId: UserId, collectionId: CollectionId, role: Role, at: string): Promise<Role | null> {
    const before = await this.find(userId, collectionId);
    if (before) {
      await this.db.updateTable('memberships').set({ role }).where('user_id', '=', userId).where('collection_id', '=', collectionId).execute();
    } else {
      await this.db.insertInto('memberships').values({ user_id: userId, collection_id: collectionId, role, created_at: at }).execute();
    }
    return before;
  }

  async find(userId: UserId, collectionId: CollectionId): Promise<Role | null> {
    const row = await this.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', userId)
      .where('collection_id', '=', collectionId)
      .executeTakeFirst();
    return (row?.role as Role | undefined) ?? null;
  }

  /** Returns whether there was a membership to remove. */
  async remove(userId: UserId, collectionId: CollectionId): Promise<boolean> {
    const r = await this.db.deleteFrom('memberships').where('user_id', '=', userId).where('collection_id', '=', collectionId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async removeAllForUser(userId: UserId): Promise<void> {
    await this.db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  }

  async collectionExists(collectionId: CollectionId): Promise<boolean> {
    const row = await this.db.selectFrom('collections').select('id').where('id', '=', collectionId).executeTakeFirst();
    return row !== undefined;
  }
}
