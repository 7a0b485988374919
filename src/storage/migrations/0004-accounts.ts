import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './index.js';

/**
 * Accounts: users, their roles per collection, browser sessions, API tokens, login throttling,
 * and the one-row guard that makes first-run setup happen exactly once.
 * Secrets are never stored: sessions and tokens are kept as SHA-256 of the random value the
 * client holds, passwords as argon2id hashes, throttle keys as SHA-256 of (name, address).
 */
export async function up(db: Kysely<any>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  // A removed user's name may be given to someone new; a live name is unique.
  await sql`create unique index users_username_live_unique on users (username) where removed_at is null`.execute(db);

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'collection_id'])
    .execute();
  await db.schema.createIndex('memberships_collection_idx').on('memberships').column('collection_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 hex of the cookie's token
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('next_allowed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_last_idx').on('login_attempts').column('last_failure_at').execute();

  await db.schema
    .createTable('instance_setup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['instance_setup', 'login_attempts', 'api_tokens', 'sessions', 'memberships', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
