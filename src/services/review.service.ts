import { AppError } from '../domain/errors.js';
import { createClaimId, DEFAULT_COLLECTION, type CollectionId, type EntityId, type EventId, type SourceId, type SuggestionId } from '../domain/ids.js';
import {
  CONNECTION,
  eventEditSchema,
  RELIABILITY,
  claimEvidenceSchema,
  type Claim,
  type ClaimEvidence,
  type EventEdit,
  type Suggestion,
  type SuggestionKind,
  type SuggestionStatus,
} from '../domain/records.js';
import type { SuggestionRepository } from '../storage/suggestion.repository.js';
import type { TransactionalRepositories, UnitOfWork } from '../storage/unit-of-work.js';
import { mergeEntities } from './entity-merge.js';
import { changeEntity, changeEvent, type ChangeContext } from './versioning.js';

export type SuggestionSummary = Suggestion & { summary: string };

export interface ReviewOutcome {
  suggestion: Suggestion;
  /** Records the decision created or changed. */
  records: { kind: 'event' | 'entity'; id: string; status: string }[];
}

/**
 * The review workflow: a person accepts, edits, merges or rejects what the machine
 * suggested. Each decision is one transaction; a suggestion is decided once.
 */
export class ReviewService {
  constructor(
    private readonly suggestions: SuggestionRepository,
    /** Read-only lookups for the one-line summaries of suggestions. */
    private readonly records: Pick<TransactionalRepositories, 'events' | 'entities'>,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
    /** Told which events a decision changed, after it is committed (keeps search in step). */
    private readonly afterChange: (eventIds: EventId[]) => Promise<void> = async () => {},
  ) {}

  /** Suggestions, oldest first, each with a one-line summary of what it proposes. */
  async list(filter: { status?: SuggestionStatus; kind?: SuggestionKind; limit?: number; offset?: number; collectionId?: CollectionId }): Promise<SuggestionSummary[]> {
    const list = await this.suggestions.list(filter.collectionId ?? DEFAULT_COLLECTION, {
      status: filter.status,
      kind: filter.kind,
      limit: Math.min(filter.limit ?? 50, 500),
      offset: filter.offset ?? 0,
    });
    const summaries = await this.describeAll(list);
    return list.map((s, i) => ({ ...s, summary: summaries[i]! }));
  }

  /** What a suggestion proposes, in one line: `event evt_…: title (dates)`, `entity ent_…: TYPE name`, or the merge and its reasons. */
  async describe(s: Suggestion): Promise<string> {
    return (await this.describeAll([s]))[0]!;
  }

  /** `describe` for a page of suggestions: three queries whatever its size. */
  private async describeAll(list: Suggestion[]): Promise<string[]> {
    const { events, entities } = this.records;
    const eventsById = new Map((await events.findByIds(list.flatMap((s) => (s.kind === 'event' && s.eventId ? [s.eventId] : [])))).map((e) => [e.id, e]));
    const entitiesById = new Map((await entities.findByIds(list.flatMap((s) => (s.kind !== 'event' || !s.eventId) && s.entityId ? [s.entityId] : []))).map((e) => [e.id, e]));
    const roots = await entities.findRoots(list.flatMap((s) => (s.kind === 'merge' && s.otherEntityId ? [s.otherEntityId] : [])));
    return list.map((s) => {
      if (s.kind === 'event' && s.eventId) {
        const e = eventsById.get(s.eventId);
        return e ? `event ${e.id}: ${e.title} (${e.dateFrom ?? 'date unknown'}${e.dateTo && e.dateTo !== e.dateFrom ? `..${e.dateTo}` : ''})` : `event ${s.eventId}`;
      }
      const a = s.entityId ? entitiesById.get(s.entityId) : undefined;
      if (s.kind === 'entity') return `entity ${s.entityId}: ${a?.type ?? ''} ${a?.name ?? ''}`;
      const b = s.otherEntityId ? roots.get(s.otherEntityId) : undefined;
      return `merge ${s.entityId} "${a?.name ?? ''}" into ${b?.id ?? s.otherEntityId} "${b?.name ?? ''}" (score ${s.score?.toFixed(2) ?? '?'}: ${s.reasons.join('; ')})`;
    });
  }

  async accept(id: string, actor: string, comment: string | null = null): Promise<ReviewOutcome> {
    return this.decide(id, actor, comment, 'accepted', async (ctx, s) => {
      if (s.kind === 'merge') {
        const { into } = await mergeEntities(ctx, s.entityId as EntityId, s.otherEntityId as EntityId);
        return [{ kind: 'entity', id: into.id, status: into.status }];
      }
      if (s.kind === 'entity') return [await this.confirmEntity(ctx, s.entityId as EntityId, s.id)];
      const event = await ctx.tx.events.findById(s.eventId!);
      if (!event) throw new AppError('NOT_FOUND', `event ${s.eventId} not found`);
      if (event.status !== 'proposed') throw new AppError('CONFLICT', `event ${event.id} is ${event.status}, not proposed`);
      const confirmed = await changeEvent(ctx, event, { status: 'confirmed' });
      const records: ReviewOutcome['records'] = [{ kind: 'event', id: confirmed.id, status: confirmed.status }];
      // Accepting an event accepts the people, organisations and place it is coded with.
      const acts = await ctx.tx.events.actsOf([event.id]);
      const involvements = await ctx.tx.events.involvementsOf(acts.map((a) => a.id));
      const ids = [event.placeId, ...acts.map((a) => a.victimId), ...involvements.map((i) => i.perpetratorId)];
      for (const entityId of new Set(ids.filter((x): x is EntityId => x !== null))) records.push(await this.confirmEntity(ctx, entityId));
      return records;
    });
  }

  async reject(id: string, actor: string, reason: string | null = null): Promise<ReviewOutcome> {
    return this.decide(id, actor, reason, 'rejected', async (ctx, s) => {
      if (s.kind === 'merge') return [];
      if (s.kind === 'entity') {
        const entity = await ctx.tx.entities.findById(s.entityId!);
        if (!entity) throw new AppError('NOT_FOUND', `entity ${s.entityId} not found`);
        if (entity.status !== 'proposed') return [{ kind: 'entity', id: entity.id, status: entity.status }];
        const out = await changeEntity(ctx, entity, { status: 'withdrawn', withdrawnReason: reason ?? 'rejected in review' });
        return [{ kind: 'entity', id: out.id, status: out.status }];
      }
      const event = await ctx.tx.events.findById(s.eventId!);
      if (!event) throw new AppError('NOT_FOUND', `event ${s.eventId} not found`);
      const out = await changeEvent(ctx, event, { status: 'rejected' });
      return [{ kind: 'event', id: out.id, status: out.status }];
    });
  }

  /**
   * Edits the event a suggestion proposes. Each changed value gets a claim by the person
   * (with the source passage when given); the extractor's claims stay.
   */
  async edit(id: string, input: { set: Record<string, unknown>; evidence?: unknown; comment?: string | null }, actor: string): Promise<ReviewOutcome> {
    const parsed = eventEditSchema.safeParse(input.set);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `invalid edit: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'field'}: ${i.message}`).join('; ')}`);
    const patch: EventEdit = parsed.data;
    if (Object.keys(patch).length === 0) throw new AppError('INVALID_INPUT', 'nothing to edit: give at least one field to set');
    let evidence: ClaimEvidence | null = null;
    if (input.evidence !== undefined) {
      const e = claimEvidenceSchema.safeParse(input.evidence);
      if (!e.success) throw new AppError('INVALID_INPUT', `invalid evidence: ${e.error.issues.map((i) => i.message).join('; ')}`);
      evidence = e.data;
    }
    const outcome = await this.unitOfWork.run(async (tx) => {
      const s = await this.load(tx, id);
      if (s.kind !== 'event' || !s.eventId) throw new AppError('INVALID_INPUT', `suggestion ${id} proposes ${s.kind === 'merge' ? 'a merge' : 'an entity'}; only event suggestions can be edited`);
      if (s.status === 'rejected') throw new AppError('CONFLICT', `suggestion ${id} was rejected; it cannot be edited`);
      const event = await tx.events.findById(s.eventId);
      if (!event) throw new AppError('NOT_FOUND', `event ${s.eventId} not found`);
      const ctx: ChangeContext = { tx, actor, at: this.now().toISOString(), comment: input.comment ?? null };
      const quote = evidence ? await this.quoteOf(tx, evidence, event.collectionId) : null;
      if ((patch.dateFrom ?? event.dateFrom) && (patch.dateTo ?? event.dateTo) && (patch.dateFrom ?? event.dateFrom)! > (patch.dateTo ?? event.dateTo)!) {
        throw new AppError('INVALID_INPUT', 'dateFrom is after dateTo');
      }
      const claims: Claim[] = Object.entries(patch).map(([field, value]) => ({
        id: createClaimId(),
        recordKind: 'event',
        recordId: event.id,
        field,
        value,
        sourceId: (evidence?.sourceId as SourceId | undefined) ?? null,
        start: evidence?.start ?? null,
        end: evidence?.end ?? null,
        quote,
        coder: { kind: 'person', name: actor, version: null },
        reliability: evidence?.reliability ?? RELIABILITY.unknown,
        connection: evidence?.connection ?? CONNECTION.unknown,
        comment: input.comment ?? null,
        createdAt: ctx.at,
      }));
      await tx.claims.insert(claims);
      const out = await changeEvent(ctx, event, patch);
      return { suggestion: s, records: [{ kind: 'event' as const, id: out.id, status: out.status }] };
    });
    await this.notify(outcome);
    return outcome;
  }

  private async notify(outcome: ReviewOutcome): Promise<void> {
    const events = outcome.records.filter((r) => r.kind === 'event').map((r) => r.id as EventId);
    if (events.length) await this.afterChange(events);
  }

  /** The passage a claim cites; only from a source of the record's own collection. */
  private async quoteOf(tx: TransactionalRepositories, e: ClaimEvidence, collectionId: CollectionId): Promise<string> {
    const source = await tx.sources.findById(e.sourceId as SourceId);
    const article = source?.collectionId === collectionId ? await tx.sources.findArticle(source.id) : null;
    if (!article) throw new AppError('NOT_FOUND', `source ${e.sourceId} not found`);
    const text = article.article?.text ?? '';
    if (e.end > text.length) throw new AppError('INVALID_INPUT', `evidence span ${e.start}:${e.end} is outside the source's text (${text.length} characters)`);
    return text.slice(e.start, e.end);
  }

  private async confirmEntity(ctx: ChangeContext, id: EntityId, deciding: SuggestionId | null = null): Promise<ReviewOutcome['records'][number]> {
    const root = await ctx.tx.entities.findRoot(id);
    if (!root) throw new AppError('NOT_FOUND', `entity ${id} not found`);
    if (root.status === 'proposed') {
      await changeEntity(ctx, root, { status: 'confirmed' });
      for (const pending of await ctx.tx.suggestions.pendingFor({ entityId: root.id })) {
        // The suggestion being decided is closed by the caller, not here.
        if (pending.kind === 'entity' && pending.id !== deciding) await ctx.tx.suggestions.decide(pending.id, 'accepted', ctx.actor, ctx.at, 'accepted with its event');
      }
    }
    return { kind: 'entity', id: root.id, status: root.status === 'proposed' ? 'confirmed' : root.status };
  }

  private async load(tx: TransactionalRepositories, id: string): Promise<Suggestion> {
    const s = await tx.suggestions.findById(id as SuggestionId);
    if (!s) throw new AppError('NOT_FOUND', `suggestion ${id} not found`);
    return s;
  }

  private async decide(
    id: string,
    actor: string,
    comment: string | null,
    status: 'accepted' | 'rejected',
    act: (ctx: ChangeContext, s: Suggestion) => Promise<ReviewOutcome['records']>,
  ): Promise<ReviewOutcome> {
    const outcome = await this.unitOfWork.run(async (tx) => {
      const s = await this.load(tx, id);
      if (s.status !== 'pending') {
        throw new AppError('CONFLICT', `suggestion ${id} was already ${s.status}${s.decidedBy ? ` by ${s.decidedBy}` : ''}${s.decidedAt ? ` at ${s.decidedAt}` : ''}`);
      }
      const at = this.now().toISOString();
      const ctx: ChangeContext = { tx, actor, at, comment };
      const records = await act(ctx, s);
      if (!(await tx.suggestions.decide(s.id, status, actor, at, comment))) throw new AppError('CONFLICT', `suggestion ${id} was decided meanwhile`);
      await tx.audit.append({ actor, action: `suggestion.${status === 'accepted' ? 'accept' : 'reject'}`, subjectId: s.id, details: { kind: s.kind, records: records.map((r) => r.id) } }, at);
      return { suggestion: { ...s, status, decidedBy: actor, decidedAt: at, decisionComment: comment }, records };
    });
    await this.notify(outcome);
    return outcome;
  }
}
