import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CollectionId, EntityId, EventId, SuggestionId } from '../domain/ids.js';
import type { Suggestion, SuggestionKind, SuggestionStatus } from '../domain/records.js';
import type { Database, SuggestionsTable } from './schema.js';

function toSuggestion(r: Selectable<SuggestionsTable>): Suggestion {
  return {
    id: r.id as SuggestionId,
    collectionId: r.collection_id as CollectionId,
    kind: r.kind as SuggestionKind,
    status: r.status as SuggestionStatus,
    eventId: r.event_id as EventId | null,
    entityId: r.entity_id as EntityId | null,
    otherEntityId: r.other_entity_id as EntityId | null,
    score: r.score === null ? null : Number(r.score),
    reasons: JSON.parse(r.reasons),
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionComment: r.decision_comment,
  };
}

/** The review queue. Only speaks SQL. */
export class SuggestionRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async insert(s: Suggestion): Promise<void> {
    await this.db
      .insertInto('suggestions')
      .values({
        id: s.id,
        collection_id: s.collectionId,
        kind: s.kind,
        status: s.status,
        event_id: s.eventId,
        entity_id: s.entityId,
        other_entity_id: s.otherEntityId,
        score: s.score,
        reasons: JSON.stringify(s.reasons),
        created_at: s.createdAt,
        decided_at: s.decidedAt,
        decided_by: s.decidedBy,
        decision_comment: s.decisionComment,
      })
      .execute();
  }

  /** The collection the record is in (null: no such record): what access checks need, without the row. */
  async collectionOf(id: SuggestionId): Promise<CollectionId | null> {
    const row = await this.db.selectFrom('suggestions').select('collection_id').where('id', '=', id).executeTakeFirst();
    return row ? (row.collection_id as CollectionId) : null;
  }

  async findById(id: SuggestionId): Promise<Suggestion | null> {
    const row = await this.db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSuggestion(row) : null;
  }

  async list(
    collectionId: CollectionId,
    f: { status?: SuggestionStatus; kind?: SuggestionKind; limit: number; offset: number },
  ): Promise<Suggestion[]> {
    let q = this.db.selectFrom('suggestions').selectAll().where('collection_id', '=', collectionId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    const rows = await q.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
    return rows.map(toSuggestion);
  }

  async pendingFor(filter: { eventId?: EventId; entityId?: EntityId }): Promise<Suggestion[]> {
    let q = this.db.selectFrom('suggestions').selectAll().where('status', '=', 'pending');
    if (filter.eventId) q = q.where('event_id', '=', filter.eventId);
    if (filter.entityId) q = q.where((eb) => eb.or([eb('entity_id', '=', filter.entityId!), eb('other_entity_id', '=', filter.entityId!)]));
    return (await q.execute()).map(toSuggestion);
  }

  /** Whether a merge of the two entities was already proposed (either way round, any status). */
  async mergeExists(a: EntityId, b: EntityId): Promise<boolean> {
    const row = await this.db
      .selectFrom('suggestions')
      .select('id')
      .where('kind', '=', 'merge')
      .where((eb) =>
        eb.or([eb.and([eb('entity_id', '=', a), eb('other_entity_id', '=', b)]), eb.and([eb('entity_id', '=', b), eb('other_entity_id', '=', a)])]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Decides a pending suggestion; false when it was no longer pending (decided twice). */
  async decide(id: SuggestionId, status: Exclude<SuggestionStatus, 'pending'>, by: string, at: string, comment: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('suggestions')
      .set({ status, decided_by: by, decided_at: at, decision_comment: comment })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
