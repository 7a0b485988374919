import type { Kysely, Transaction } from 'kysely';
import type { RecordKind, RecordVersion } from '../domain/records.js';
import type { Database } from './schema.js';

/** The version history of records: append-only, one row per change. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async append(v: RecordVersion): Promise<void> {
    await this.db
      .insertInto('record_versions')
      .values({
        record_kind: v.recordKind,
        record_id: v.recordId,
        version: v.version,
        at: v.at,
        actor: v.actor,
        changes: JSON.stringify(v.changes),
        comment: v.comment,
      })
      .execute();
  }

  async list(records: { kind: RecordKind; ids: string[] }[]): Promise<RecordVersion[]> {
    const out: RecordVersion[] = [];
    for (const { kind, ids } of records) {
      if (ids.length === 0) continue;
      const rows = await this.db
        .selectFrom('record_versions')
        .selectAll()
        .where('record_kind', '=', kind)
        .where('record_id', 'in', ids)
        .orderBy('id')
        .execute();
      for (const r of rows) {
        out.push({
          recordKind: r.record_kind as RecordKind,
          recordId: r.record_id,
          version: Number(r.version),
          at: r.at,
          actor: r.actor,
          changes: JSON.parse(r.changes),
          comment: r.comment,
        });
      }
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
