import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import {
  createActId,
  createClaimId,
  createEntityId,
  createEventId,
  createInvolvementId,
  DEFAULT_COLLECTION,
  type CollectionId,
  type EntityId,
  type EventId,
  type SourceId,
} from '../domain/ids.js';
import { nameKeys } from '../domain/names/index.js';
import {
  claimEvidenceSchema,
  CONNECTION,
  INVOLVEMENT_DEGREE,
  recordPrecisionSchema,
  RELIABILITY,
  scriptOf,
  type Claim,
  type EntityRecord,
  type EventRecord,
  type RecordEntityType,
  type RecordKind,
} from '../domain/records.js';
import { EVENT_TYPES } from '../pipeline/extract/events/vocabulary.js';
import type { TransactionalRepositories, UnitOfWork } from '../storage/unit-of-work.js';
import { lookupEntitiesByName } from './entity-lookup.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const party = z
  .object({ name: z.string().trim().min(1).max(300).optional(), entityId: z.string().min(1).optional(), createNew: z.boolean().optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.entityId !== undefined, { message: 'give a name or an entity id' });

/** A whole violation as a reviewer codes it: event, act, victim, perpetrator and passage. */
export const violationInputSchema = z
  .object({
    type: z.string().refine((t) => t in EVENT_TYPES, { message: `unknown act type; use one of ${Object.keys(EVENT_TYPES).join(', ')}` }),
    title: z.string().trim().min(1).max(500).optional(),
    dateFrom: day.optional(),
    dateTo: day.optional(),
    datePrecision: recordPrecisionSchema.optional(),
    place: z.string().trim().min(1).max(300).optional(),
    victim: party,
    perpetrator: party.optional(),
    evidence: claimEvidenceSchema,
    comment: z.string().max(5000).optional(),
    collectionId: z.string().optional(),
  })
  .strict();
export type ViolationInput = z.infer<typeof violationInputSchema>;

export interface ViolationOutcome {
  event: EventRecord;
  victim: { id: EntityId; name: string; reused: boolean };
  perpetrator: { id: EntityId; name: string; reused: boolean } | null;
  place: { id: EntityId; name: string; reused: boolean } | null;
}

/**
 * Codes one violation in one step, reusing people already known: a name that matches one
 * known entity is linked to it; a name that might be several people (or only perhaps one)
 * is refused with the candidates, so the reviewer picks an id or asks for a new entity.
 */
export class ViolationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
    private readonly afterChange: (eventIds: EventId[]) => Promise<void> = async () => {},
  ) {}

  async code(raw: unknown, actor: string): Promise<ViolationOutcome> {
    const parsed = violationInputSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `invalid violation: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    const input = parsed.data;
    const dateFrom = input.dateFrom ?? null;
    const dateTo = input.dateTo ?? input.dateFrom ?? null;
    if (dateFrom && dateTo && dateFrom > dateTo) throw new AppError('INVALID_INPUT', 'dateFrom is after dateTo');
    const collectionId = (input.collectionId ?? DEFAULT_COLLECTION) as CollectionId;
    const at = this.now().toISOString();

    const outcome = await this.unitOfWork.run(async (tx) => {
      const source = await tx.sources.findById(input.evidence.sourceId as SourceId);
      const article = source?.collectionId === collectionId ? await tx.sources.findArticle(source.id) : null;
      const text = article?.article?.text;
      if (!text) throw new AppError('NOT_FOUND', `source ${input.evidence.sourceId} not found or has no text`);
      if (input.evidence.end > text.length) throw new AppError('INVALID_INPUT', `evidence span is outside the source's text (${text.length} characters)`);
      const quote = text.slice(input.evidence.start, input.evidence.end);

      const victim = await this.party(tx, collectionId, 'PERSON', input.victim, actor, at);
      const perpetrator = input.perpetrator ? await this.party(tx, collectionId, 'ORGANIZATION', input.perpetrator, actor, at) : null;
      const place = input.place ? await this.party(tx, collectionId, 'LOCATION', { name: input.place }, actor, at) : null;
      const label = EVENT_TYPES[input.type as keyof typeof EVENT_TYPES];
      const event: EventRecord = {
        id: createEventId(),
        collectionId,
        title: input.title ?? `${label.label} of ${victim.name}${place ? ` in ${place.name}` : ''}`,
        types: [input.type],
        dateFrom,
        dateTo,
        datePrecision: input.datePrecision ?? (dateFrom ? (dateFrom === dateTo ? 'day' : 'approximate') : null),
        placeId: place?.id ?? null,
        placePrecision: null,
        description: quote,
        status: 'confirmed',
        confidentiality: 'restricted',
        withdrawnReason: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await tx.events.insert(event);
      await tx.events.addSource(event.id, input.evidence.sourceId as SourceId, actor, at);
      const actId = createActId();
      await tx.events.insertAct({
        id: actId,
        eventId: event.id,
        actType: input.type,
        esfTerm: label.esf?.id ?? null,
        victimId: victim.id,
        victimLabel: null,
        count: null,
        countApproximate: false,
        negated: false,
        hedged: false,
        version: 1,
      });
      const invId = createInvolvementId();
      if (perpetrator) {
        await tx.events.insertInvolvement({ id: invId, actId, perpetratorId: perpetrator.id, perpetratorLabel: null, degree: INVOLVEMENT_DEGREE.directlyCarriedOut, version: 1 });
      }
      const claim = (kind: RecordKind, recordId: string, field: string, value: unknown): Claim => ({
        id: createClaimId(),
        recordKind: kind,
        recordId,
        field,
        value,
        sourceId: input.evidence.sourceId as SourceId,
        start: input.evidence.start,
        end: input.evidence.end,
        quote,
        coder: { kind: 'person', name: actor, version: null },
        reliability: input.evidence.reliability ?? RELIABILITY.unknown,
        connection: input.evidence.connection ?? CONNECTION.unknown,
        comment: input.comment ?? null,
        createdAt: at,
      });
      const claims = [claim('event', event.id, 'types', [input.type]), claim('act', actId, 'victim', { entityId: victim.id, name: victim.name })];
      if (dateFrom) claims.push(claim('event', event.id, 'date', { from: dateFrom, to: dateTo, precision: event.datePrecision }));
      if (place) claims.push(claim('event', event.id, 'place', { placeId: place.id, name: place.name }));
      if (perpetrator) claims.push(claim('involvement', invId, 'perpetrator', { entityId: perpetrator.id, name: perpetrator.name }));
      await tx.claims.insert(claims);
      await tx.history.append({
        recordKind: 'event',
        recordId: event.id,
        version: 1,
        at,
        actor,
        changes: [{ field: 'created', from: null, to: { title: event.title, types: event.types, victim: victim.id } }],
        comment: input.comment ?? null,
      });
      await tx.audit.append({ actor, action: 'event.code', subjectId: event.id, details: { act: actId, victim: victim.id } }, at);
      return { event, victim, perpetrator, place };
    });
    await this.afterChange([outcome.event.id]);
    return outcome;
  }

  private async party(
    tx: TransactionalRepositories,
    collectionId: CollectionId,
    type: RecordEntityType,
    p: { name?: string; entityId?: string; createNew?: boolean },
    actor: string,
    at: string,
  ): Promise<{ id: EntityId; name: string; reused: boolean }> {
    if (p.entityId) {
      const root = await tx.entities.findRoot(p.entityId as EntityId);
      if (!root || root.collectionId !== collectionId) throw new AppError('NOT_FOUND', `entity ${p.entityId} not found`);
      return { id: root.id, name: root.name, reused: true };
    }
    const name = p.name!;
    const types: RecordEntityType[] = type === 'PERSON' ? ['PERSON'] : type === 'LOCATION' ? ['LOCATION'] : ['ORGANIZATION', 'PERSON'];
    const hits = p.createNew ? [] : await lookupEntitiesByName(tx.entities, collectionId, name, types);
    const same = hits.filter((h) => h.decision === 'same');
    if (same.length === 1 && hits.length === 1) return { id: same[0]!.entity.id, name: same[0]!.entity.name, reused: true };
    if (same.length === 1 && type !== 'PERSON') return { id: same[0]!.entity.id, name: same[0]!.entity.name, reused: true };
    // For people a near match must be settled by a person; an organisation or place that only
    // resembles a known one is recorded as new (a merge can follow).
    if (hits.length > 0 && (type === 'PERSON' || same.length > 1)) {
      // Ids only: error messages may reach logs, which never hold names of people.
      const list = hits.slice(0, 5).map((h) => `${h.entity.id} (${h.decision})`).join(', ');
      throw new AppError('CONFLICT', `the ${type.toLowerCase()} name given may be a known entity: ${list}; give the entity id, or ask for a new entity`);
    }
    const entity: EntityRecord = {
      id: createEntityId(),
      collectionId,
      type,
      name,
      status: 'confirmed',
      mergedInto: null,
      externalIds: {},
      withdrawnReason: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await tx.entities.insert(entity);
    await tx.entities.addAliases(entity.id, [{ text: name, script: scriptOf(name) }]);
    await tx.entities.addKeys(collectionId, entity.id, nameKeys({ text: name, type }));
    await tx.history.append({ recordKind: 'entity', recordId: entity.id, version: 1, at, actor, changes: [{ field: 'created', from: null, to: { type, name } }], comment: null });
    return { id: entity.id, name, reused: false };
  }
}
