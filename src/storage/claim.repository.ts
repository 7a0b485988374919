import type { Kysely, Transaction } from 'kysely';
import type { ClaimId, SourceId } from '../domain/ids.js';
import type { Claim, RecordKind } from '../domain/records.js';
import type { Database } from './schema.js';

/** Claims: append-only. Editing a value adds a claim; nothing here updates or deletes one. */
export class ClaimRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async insert(claims: Claim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.db
      .insertInto('claims')
      .values(
        claims.map((c) => ({
          id: c.id,
          record_kind: c.recordKind,
          record_id: c.recordId,
          field: c.field,
          value: JSON.stringify(c.value ?? null),
          source_id: c.sourceId,
          span_start: c.start,
          span_end: c.end,
          quote: c.quote,
          coder_kind: c.coder.kind,
          coder: c.coder.name,
          coder_version: c.coder.version,
          reliability: c.reliability,
          connection: c.connection,
          comment: c.comment,
          created_at: c.createdAt,
        })),
      )
      .execute();
  }

  async listFor(records: { kind: RecordKind; ids: string[] }[]): Promise<Claim[]> {
    const out: Claim[] = [];
    for (const { kind, ids } of records) {
      if (ids.length === 0) continue;
      const rows = await this.db
        .selectFrom('claims')
        .selectAll()
        .where('record_kind', '=', kind)
        .where('record_id', 'in', ids)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        out.push({
          id: r.id as ClaimId,
          recordKind: r.record_kind as RecordKind,
          recordId: r.record_id,
          field: r.field,
          value: JSON.parse(r.value),
          sourceId: r.source_id as SourceId | null,
          start: r.span_start === null ? null : Number(r.span_start),
          end: r.span_end === null ? null : Number(r.span_end),
          quote: r.quote,
          coder: { kind: r.coder_kind as Claim['coder']['kind'], name: r.coder, version: r.coder_version },
          reliability: r.reliability,
          connection: r.connection,
          comment: r.comment,
          createdAt: r.created_at,
        });
      }
    }
    return out;
  }

  async countFor(kind: RecordKind, id: string): Promise<number> {
    const row = await this.db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_kind', '=', kind)
      .where('record_id', '=', id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
