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

  /**
   * The claims about these records, in one query: those of the first kind listed first, each
   * kind's by creation (then id).
   */
  async listFor(records: { kind: RecordKind; ids: string[] }[]): Promise<Claim[]> {
    const wanted = records.filter((r) => r.ids.length > 0);
    if (wanted.length === 0) return [];
    const rows = await this.db
      .selectFrom('claims')
      .selectAll()
      // An OR of (kind, ids) pairs: each term uses claims_record_idx.
      .where((eb) => eb.or(wanted.map(({ kind, ids }) => eb.and([eb('record_kind', '=', kind), eb('record_id', 'in', ids)]))))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const rank = new Map<string, number>();
    wanted.forEach((r, i) => rank.has(r.kind) || rank.set(r.kind, i));
    // Array.prototype.sort is stable: within a kind, the query's order stays.
    return rows
      .map((r) => ({
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
      }))
      .sort((a, b) => rank.get(a.recordKind)! - rank.get(b.recordKind)!);
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
