import type { Extraction, ExtractedEvent } from '../domain/extraction.js';
import { createActId, createClaimId, createEventId, createInvolvementId, createSuggestionId } from '../domain/ids.js';
import type { CollectionId, EntityId, EventId, SourceId } from '../domain/ids.js';
import { matchIncident, parseTerm, type IncidentView } from '../domain/incidents.js';
import {
  CONNECTION,
  INVOLVEMENT_DEGREE,
  RELIABILITY,
  type Claim,
  type Coder,
  type EventRecord,
  type RecordKind,
} from '../domain/records.js';
import { EVENT_TYPES } from '../pipeline/extract/events/vocabulary.js';
import type { TransactionalRepositories } from '../storage/unit-of-work.js';

/** An extracted event with its participants resolved to entities. */
export interface IncidentCandidate {
  event: ExtractedEvent;
  victims: { entityId: EntityId | null; name: string; start: number; end: number }[];
  perpetrators: { entityId: EntityId | null; name: string; start: number; end: number }[];
  placeId: EntityId | null;
  placeName: string | null;
}

export interface IncidentReport {
  eventId: EventId;
  created: boolean;
  reasons: string[];
}

const DAY_MS = 86_400_000;
const shiftDay = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Turns one source's event candidates into proposed events, or attaches them as a further
 * source to an event already reported, inside the caller's transaction. Every coded value
 * gets a claim pointing at the passage of this source that supports it; values that
 * disagree with the event's stay side by side as claims, never overwrite it.
 */
export class IncidentBuilder {
  private readonly coder: Coder;

  constructor(
    private readonly tx: TransactionalRepositories,
    private readonly collectionId: CollectionId,
    private readonly sourceId: SourceId,
    private readonly extraction: Extraction,
    extractor: { name: string; version: string },
    private readonly at: string,
  ) {
    this.coder = { kind: 'extractor', name: extractor.name, version: extractor.version };
  }

  /** Candidates of one document describing one incident are grouped first, then matched. */
  async build(candidates: IncidentCandidate[]): Promise<IncidentReport[]> {
    const groups: IncidentCandidate[][] = [];
    for (const c of candidates) {
      const home = groups.find((g) => matchIncident(viewOf([c], []), viewOf(g, [])).score > 0);
      if (home) home.push(c);
      else groups.push([c]);
    }
    const reports: IncidentReport[] = [];
    for (const group of groups) reports.push(await this.place(group));
    return reports;
  }

  private async place(group: IncidentCandidate[]): Promise<IncidentReport> {
    const view = viewOf(group, [this.sourceId]);
    const from = view.dateFrom ? shiftDay(view.dateFrom, -3) : null;
    const to = view.dateTo ? shiftDay(view.dateTo, 3) : null;
    let best: { event: EventRecord; score: number; reasons: string[] } | null = null;
    for (const existing of await this.tx.events.findCandidates(this.collectionId, from, to)) {
      const m = matchIncident(view, await this.viewOfEvent(existing));
      if (m.same && (!best || m.score > best.score)) best = { event: existing, score: m.score, reasons: m.reasons };
    }
    if (best) {
      await this.attach(best.event, group);
      return { eventId: best.event.id, created: false, reasons: best.reasons };
    }
    const eventId = await this.create(group, view);
    return { eventId, created: true, reasons: [] };
  }

  private async viewOfEvent(e: EventRecord): Promise<IncidentView> {
    const acts = await this.tx.events.actsOf([e.id]);
    const victimIds: string[] = [];
    for (const a of acts) {
      if (!a.victimId) continue;
      const root = await this.tx.entities.findRoot(a.victimId);
      if (root) victimIds.push(root.id);
    }
    const place = e.placeId ? await this.tx.entities.findRoot(e.placeId) : null;
    const sources = await this.tx.events.sourcesOf(e.id);
    return {
      types: e.types,
      dateFrom: e.dateFrom,
      dateTo: e.dateTo,
      victimIds,
      placeId: place?.id ?? null,
      sourceIds: sources.map((s) => s.sourceId),
    };
  }

  private async create(group: IncidentCandidate[], view: IncidentView): Promise<EventId> {
    const lead = group[0]!;
    const dated = group.find((c) => c.event.date)?.event.date ?? null;
    const event: EventRecord = {
      id: createEventId(),
      collectionId: this.collectionId,
      title: titleOf(group),
      types: view.types,
      dateFrom: dated?.from ?? null,
      dateTo: dated?.to ?? null,
      datePrecision: dated?.precision ?? null,
      placeId: (view.placeId as EntityId | null) ?? null,
      placePrecision: group.find((c) => c.event.place)?.event.place?.kind ?? null,
      description: this.extraction.text.slice(lead.event.evidence.start, lead.event.evidence.end),
      status: 'proposed',
      confidentiality: 'restricted',
      withdrawnReason: null,
      version: 1,
      createdAt: this.at,
      updatedAt: this.at,
    };
    await this.tx.events.insert(event);
    await this.tx.history.append({
      recordKind: 'event',
      recordId: event.id,
      version: 1,
      at: this.at,
      actor: this.coderName(),
      changes: [{ field: 'created', from: null, to: { title: event.title, types: event.types, dateFrom: event.dateFrom, dateTo: event.dateTo } }],
      comment: `proposed from source ${this.sourceId}`,
    });
    await this.tx.events.addSource(event.id, this.sourceId, this.coderName(), this.at);
    await this.addActsAndClaims(event.id, group);
    await this.tx.suggestions.insert({
      id: createSuggestionId(),
      collectionId: this.collectionId,
      kind: 'event',
      status: 'pending',
      eventId: event.id,
      entityId: null,
      otherEntityId: null,
      score: Math.max(...group.map((c) => c.event.confidence)),
      reasons: [`${group.length} mention(s) in source ${this.sourceId}`],
      createdAt: this.at,
      decidedAt: null,
      decidedBy: null,
      decisionComment: null,
    });
    return event.id;
  }

  private async attach(event: EventRecord, group: IncidentCandidate[]): Promise<void> {
    const added = await this.tx.events.addSource(event.id, this.sourceId, this.coderName(), this.at);
    if (!added) return;
    const patch: Partial<EventRecord> = {};
    const dated = group.find((c) => c.event.date)?.event.date;
    // A later source may fill what the first left open; it never overwrites a value.
    if (!event.dateFrom && dated) Object.assign(patch, { dateFrom: dated.from, dateTo: dated.to, datePrecision: dated.precision });
    const placed = group.find((c) => c.placeId);
    if (!event.placeId && placed) Object.assign(patch, { placeId: placed.placeId });
    const changes = [
      { field: 'sources', from: null, to: this.sourceId },
      ...Object.entries(patch).map(([field, to]) => ({ field, from: (event as unknown as Record<string, unknown>)[field] ?? null, to })),
    ];
    await this.tx.events.update(event.id, patch, event.version + 1, this.at);
    await this.tx.history.append({
      recordKind: 'event',
      recordId: event.id,
      version: event.version + 1,
      at: this.at,
      actor: this.coderName(),
      changes,
      comment: `further source ${this.sourceId}`,
    });
    await this.addActsAndClaims(event.id, group);
  }

  /** One act per (type, victim); victims already on the event get claims, not a second act. */
  private async addActsAndClaims(eventId: EventId, group: IncidentCandidate[]): Promise<void> {
    const claims: Claim[] = [];
    const acts = await this.tx.events.actsOf([eventId]);
    const victimRoot = new Map<string, string>();
    for (const a of acts) if (a.victimId) victimRoot.set(a.id, (await this.tx.entities.findRoot(a.victimId))?.id ?? a.victimId);
    for (const c of group) {
      const ev = c.event;
      claims.push(this.claim('event', eventId, 'types', [ev.type], ev.trigger.start, ev.trigger.end));
      claims.push(this.claim('event', eventId, 'evidence', ev.type, ev.evidence.start, ev.evidence.end));
      if (ev.date) claims.push(this.claim('event', eventId, 'date', { from: ev.date.from, to: ev.date.to, precision: ev.date.precision }, ev.date.start, ev.date.end));
      if (ev.place) claims.push(this.claim('event', eventId, 'place', { placeId: c.placeId, name: ev.place.name }, ev.place.start, ev.place.end));
      const victims = c.victims.length > 0 ? c.victims : [null];
      for (const v of victims) {
        const root = v?.entityId ? ((await this.tx.entities.findRoot(v.entityId))?.id ?? v.entityId) : null;
        let act = acts.find(
          (a) => a.actType === ev.type && (root ? victimRoot.get(a.id) === root : !a.victimId && a.victimLabel === (v?.name ?? null)),
        );
        // A mention without a victim ("sentenced him to 10 days") of an act the event already
        // has for one named victim is about that act, not a new unnamed one.
        if (!v) {
          const named = acts.filter((a) => a.actType === ev.type && a.victimId);
          if (named.length === 1) act = named[0];
        }
        if (!act) {
          act = {
            id: createActId(),
            eventId,
            actType: ev.type,
            esfTerm: (EVENT_TYPES as Record<string, { esf: { id: string } | null }>)[ev.type]?.esf?.id ?? null,
            victimId: v?.entityId ?? null,
            victimLabel: v && !v.entityId ? v.name : null,
            count: ev.count?.value ?? null,
            countApproximate: ev.count?.approximate ?? false,
            negated: ev.negated,
            hedged: ev.hedged,
            version: 1,
          };
          await this.tx.events.insertAct(act);
          acts.push(act);
          if (root) victimRoot.set(act.id, root);
          for (const p of c.perpetrators) {
            const inv = {
              id: createInvolvementId(),
              actId: act.id,
              perpetratorId: p.entityId,
              perpetratorLabel: p.entityId ? null : p.name,
              degree: INVOLVEMENT_DEGREE.directlyCarriedOut,
              version: 1,
            };
            await this.tx.events.insertInvolvement(inv);
            claims.push(this.claim('involvement', inv.id, 'perpetrator', { entityId: p.entityId, name: p.name }, p.start, p.end));
          }
        }
        if (v) claims.push(this.claim('act', act.id, 'victim', { entityId: v.entityId, name: v.name }, v.start, v.end));
        const term = parseTerm(this.extraction.text.slice(ev.trigger.start, ev.trigger.end));
        if (term) claims.push(this.claim('act', act.id, 'term', term, ev.trigger.start, ev.trigger.end));
        if (ev.count) claims.push(this.claim('act', act.id, 'count', { value: ev.count.value, approximate: ev.count.approximate, text: ev.count.text }, ev.evidence.start, ev.evidence.end));
      }
    }
    await this.tx.claims.insert(claims);
  }

  private claim(kind: RecordKind, recordId: string, field: string, value: unknown, start: number, end: number): Claim {
    return {
      id: createClaimId(),
      recordKind: kind,
      recordId,
      field,
      value,
      sourceId: this.sourceId,
      start,
      end,
      quote: this.extraction.text.slice(start, end),
      coder: this.coder,
      reliability: RELIABILITY.unknown,
      connection: CONNECTION.unknown,
      comment: null,
      createdAt: this.at,
    };
  }

  private coderName(): string {
    return `${this.coder.name}@${this.coder.version}`;
  }
}

function viewOf(group: IncidentCandidate[], sourceIds: string[]): IncidentView {
  const dated = group.find((c) => c.event.date)?.event.date ?? null;
  return {
    types: [...new Set(group.map((c) => c.event.type))],
    dateFrom: dated?.from ?? null,
    dateTo: dated?.to ?? null,
    victimIds: [...new Set(group.flatMap((c) => c.victims.map((v) => v.entityId).filter((id): id is EntityId => id !== null)))],
    placeId: group.find((c) => c.placeId)?.placeId ?? null,
    sourceIds,
  };
}

function titleOf(group: IncidentCandidate[]): string {
  const lead = group[0]!;
  const label = (EVENT_TYPES as Record<string, { label: string }>)[lead.event.type]?.label ?? lead.event.type;
  const victims = group.flatMap((c) => c.victims);
  const who = (victims.find((v) => v.entityId) ?? victims[0])?.name;
  const where = group.find((c) => c.placeName)?.placeName;
  return [label, who ? `of ${who}` : null, where ? `in ${where}` : null].filter(Boolean).join(' ');
}
