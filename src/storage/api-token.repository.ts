import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApiTokenId, UserId } from '../domain/access.js';
import type { ApiTokensTable, Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ApiToken {
  id: ApiTokenId;
  userId: UserId;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id as ApiTokenId,
    userId: row.user_id as UserId,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

/** API tokens for scripts, stored as SHA-256 of the secret. Only speaks SQL. */
export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  withTransaction(trx: Transaction<Database>): ApiTokenRepository {
    return new ApiTokenRepository(trx);
  }

  async insert(token: ApiToken, tokenHash: string): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        user_id: token.userId,
        name: token.name,
        token_hash: tokenHash,
        created_at: token.createdAt,
        last_used_at: token.lastUsedAt,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async findById(id: ApiTokenId): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async listForUser(userId: UserId): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    return rows.map(toApiToken);
  }

  async touch(id: ApiTokenId, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async delete(id: ApiTokenId): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('id', '=', id).execute();
  }

  async deleteAllForUser(userId: UserId): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  }
}
