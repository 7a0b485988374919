import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subjectId: string | null;
  /** Ids, hashes and counts only: never article text or names of people. */
  details: Record<string, unknown>;
}

/** The append-only audit log. There is no update or delete here on purpose. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  withTransaction(trx: Transaction<Database>): AuditRepository {
    return new AuditRepository(trx);
  }

  async append(entry: AuditEntry, at: string = new Date().toISOString()): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at, actor: entry.actor, action: entry.action, subject_id: entry.subjectId, details: JSON.stringify(entry.details) })
      .execute();
  }

  async list(limit = 100): Promise<(AuditEntry & { at: string })[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, subjectId: r.subject_id, details: JSON.parse(r.details) }));
  }
}
