import { AppError } from '../domain/errors.js';
import type { EntityId, EventId, SourceId } from '../domain/ids.js';
import { countIndependentSources } from '../domain/incidents.js';
import {
  type ActRecord,
  type Claim,
  type EventRecord,
  type InvolvementRecord,
  type RecordVersion,
} from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { ClaimRepository } from '../storage/claim.repository.js';
import type { EventRepository } from '../storage/event.repository.js';
import type { HistoryRepository } from '../storage/history.repository.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';
import { resolveEventFilter, type EventListFilter } from './event-filter.js';
import { changeEvent } from './versioning.js';

export interface EntityRef {
  id: EntityId;
  name: string;
  type: string;
}

export interface EventSummary extends EventRecord {
  place: EntityRef | null;
  sourceCount: number;
  independentSources: number;
}

/** What the timeline draws of an event. */
export interface EventBrief extends Pick<EventRecord, 'id' | 'title' | 'types' | 'status' | 'dateFrom' | 'dateTo' | 'datePrecision'> {
  place: EntityRef | null;
}

export interface EventDetail extends EventSummary {
  sources: { id: SourceId; title: string | null; url: string | null; capturedAt: string; duplicateOf: SourceId | null; group: number }[];
  acts: (ActRecord & { victim: EntityRef | null; involvements: (InvolvementRecord & { perpetrator: EntityRef | null })[] })[];
  claims: Claim[];
  /** Fields on which sources disagree: every value with the claims that support it. */
  conflicts: { recordKind: string; recordId: string; field: string; values: { value: unknown; claims: string[]; sources: string[] }[] }[];
}

/** Fields whose values sources may dispute; `evidence` and `victim` are per-passage by nature. */
const DISPUTABLE = new Set(['date', 'place', 'count', 'term', 'types', 'title', 'dateFrom', 'dateTo', 'datePrecision']);

/** Reading events (list, show, history) and withdrawing them. */
export class EventService {
  constructor(
    private readonly events: EventRepository,
    private readonly entities: EntityRepository,
    private readonly claims: ClaimRepository,
    private readonly history: HistoryRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
    private readonly afterChange: (eventIds: EventId[]) => Promise<void> = async () => {},
  ) {}

  async list(f: EventListFilter): Promise<EventSummary[]> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const rows = await this.events.list(collectionId, { ...filter, limit: Math.min(f.limit ?? 50, 500), offset: f.offset ?? 0 });
    return this.summarise(rows);
  }

  /**
   * The timeline's page of events: what it draws of each (title, types, dates, status, place),
   * without the source counts a list shows, so a page of hundreds stays cheap.
   */
  async timeline(f: EventListFilter): Promise<EventBrief[]> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const rows = await this.events.briefs(collectionId, { ...filter, limit: Math.min(f.limit ?? 500, 1000), offset: f.offset ?? 0 });
    const places = await this.refs(rows.map((e) => e.placeId));
    return rows.map(({ placeId, ...e }) => ({ ...e, place: (placeId && places.get(placeId)) || null }));
  }

  async show(id: string): Promise<EventDetail> {
    const event = await this.load(id);
    const links = await this.events.sourceCardsOf(event.id);
    const { groups, count } = countIndependentSources(links);
    const sources = links.map((l) => ({
      id: l.sourceId,
      title: l.title,
      url: l.finalUrl,
      capturedAt: l.capturedAt,
      duplicateOf: l.duplicateOf,
      group: groups.findIndex((g) => g.includes(l.sourceId)) + 1,
    }));
    const acts = await this.events.actsOf([event.id]);
    const involvements = await this.events.involvementsOf(acts.map((a) => a.id));
    const refs = await this.refs([event.placeId, ...acts.map((a) => a.victimId), ...involvements.map((i) => i.perpetratorId)]);
    const summary: EventSummary = { ...event, place: (event.placeId && refs.get(event.placeId)) || null, sourceCount: links.length, independentSources: count };
    const detailedActs = acts.map((a) => ({
      ...a,
      victim: (a.victimId && refs.get(a.victimId)) || null,
      involvements: involvements.filter((i) => i.actId === a.id).map((i) => ({ ...i, perpetrator: (i.perpetratorId && refs.get(i.perpetratorId)) || null })),
    }));
    const claims = await this.claims.listFor([
      { kind: 'event', ids: [event.id] },
      { kind: 'act', ids: acts.map((a) => a.id) },
      { kind: 'involvement', ids: involvements.map((i) => i.id) },
    ]);
    return { ...summary, sources, acts: detailedActs, claims, conflicts: conflictsOf(claims) };
  }

  /** The event's versions and those of its acts and involvements, oldest first. */
  async historyOf(id: string): Promise<RecordVersion[]> {
    const event = await this.load(id);
    const acts = await this.events.actsOf([event.id]);
    const involvements = await this.events.involvementsOf(acts.map((a) => a.id));
    return this.history.list([
      { kind: 'event', ids: [event.id] },
      { kind: 'act', ids: acts.map((a) => a.id) },
      { kind: 'involvement', ids: involvements.map((i) => i.id) },
    ]);
  }

  /** Nothing is hard-deleted: a withdrawn event keeps its claims and history. */
  async withdraw(id: string, reason: string, actor: string): Promise<EventRecord> {
    if (!reason.trim()) throw new AppError('INVALID_INPUT', 'a reason is required to withdraw an event');
    const out = await this.unitOfWork.run(async (tx) => {
      const event = await tx.events.findById(id as EventId);
      if (!event) throw new AppError('NOT_FOUND', `event ${id} not found`);
      if (event.status === 'withdrawn') throw new AppError('CONFLICT', `event ${id} is already withdrawn`);
      const at = this.now().toISOString();
      const out = await changeEvent({ tx, actor, at, comment: reason }, event, { status: 'withdrawn', withdrawnReason: reason });
      await tx.audit.append({ actor, action: 'event.withdraw', subjectId: id, details: {} }, at);
      return out;
    });
    await this.afterChange([out.id]);
    return out;
  }

  private async load(id: string): Promise<EventRecord> {
    const event = await this.events.findById(id as EventId);
    if (!event) throw new AppError('NOT_FOUND', `event ${id} not found`);
    return event;
  }

  /** Events with their place and source counts: a fixed number of queries for a page of any size. */
  private async summarise(events: EventRecord[]): Promise<EventSummary[]> {
    const links = await this.events.sourcesOfMany(events.map((e) => e.id));
    const places = await this.refs(events.map((e) => e.placeId));
    return events.map((e) => {
      const mine = links.get(e.id) ?? [];
      return {
        ...e,
        place: (e.placeId && places.get(e.placeId)) || null,
        sourceCount: mine.length,
        independentSources: countIndependentSources(mine).count,
      };
    });
  }

  /** What the ids stand for now (merges followed), by id. */
  private async refs(ids: (EntityId | null)[]): Promise<Map<EntityId, EntityRef>> {
    const roots = await this.entities.findRoots(ids.filter((id): id is EntityId => id !== null));
    return new Map([...roots].map(([id, root]) => [id, { id: root.id, name: root.name, type: root.type }]));
  }
}

function conflictsOf(claims: Claim[]): EventDetail['conflicts'] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    if (!DISPUTABLE.has(c.field)) continue;
    const key = `${c.recordKind}\u0000${c.recordId}\u0000${c.field}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: EventDetail['conflicts'] = [];
  for (const group of groups.values()) {
    const values = new Map<string, { value: unknown; claims: string[]; sources: string[] }>();
    for (const c of group) {
      const k = JSON.stringify(comparable(c.field, c.value));
      const v = values.get(k) ?? { value: c.value, claims: [], sources: [] };
      v.claims.push(c.id);
      if (c.sourceId && !v.sources.includes(c.sourceId)) v.sources.push(c.sourceId);
      values.set(k, v);
    }
    if (values.size > 1) out.push({ recordKind: group[0]!.recordKind, recordId: group[0]!.recordId, field: group[0]!.field, values: [...values.values()] });
  }
  return out;
}

/** The part of a claimed value that matters for agreement (a place's spelling does not). */
function comparable(field: string, value: unknown): unknown {
  if (field === 'place' && value && typeof value === 'object') return (value as { placeId?: unknown }).placeId ?? value;
  if (field === 'count' && value && typeof value === 'object') return (value as { value?: unknown }).value;
  return value;
}
