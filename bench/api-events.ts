/**
 * The API benchmark's events (see bench/api-data.ts): from a source, a new event — types from
 * Chronicle's vocabulary, a date interval with a precision, a place, acts (named victims,
 * sometimes a counted group), perpetrator organisations, claims citing spans of the source's
 * text, history, an event suggestion decided or pending — or a further source of a recent
 * event, with its own claims (a fifth of them disagreeing on the date).
 *
 *   const doc = await events.create(tx, rng, { sourceId, at, atMs, doc, types, people, place })
 *   // -> the event's SearchDocument, or null when it was rejected or withdrawn
 */
import { createId, type ActId, type EntityId, type EventId, type InvolvementId, type SourceId } from '../src/domain/ids.js';
import {
  CONNECTION,
  INVOLVEMENT_DEGREE,
  RELIABILITY,
  type Claim,
  type EventRecord,
  type EventStatus,
  type RecordKind,
  type RecordPrecision,
  type SuggestionStatus,
} from '../src/domain/records.js';
import type { SearchDocument } from '../src/domain/search.js';
import { EVENT_TYPES } from '../src/pipeline/extract/events/vocabulary.js';
import type { TransactionalRepositories } from '../src/storage/unit-of-work.js';
import { C, spanOf, type EntityWriter, type PersonMention, type PlaceRoot, type SuggestionWriter } from './api-entities.js';
import type { Rng } from './search-corpus.js';

const EXTRACTOR = { name: 'chronicle-extract', version: '1.0.0' };
const EXTRACTOR_ACTOR = `${EXTRACTOR.name}@${EXTRACTOR.version}`;
const REVIEWER = 'bench-reviewer';
const DAY = 86_400_000;
export const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export interface RecentEvent {
  id: EventId;
  version: number;
  dateFrom: string | null;
  dateTo: string | null;
  precision: RecordPrecision | null;
  types: string[];
  leadSource: SourceId;
  firstAct: { id: ActId; victim: EntityId | null; name: string } | null;
}

export class EventWriter {
  count = 0;
  attached = 0;
  /** Events to sample for the event page, and their types by number of events. */
  readonly sample: string[] = [];
  readonly typeCounts = new Map<string, number>();
  private readonly recent: RecentEvent[] = [];

  constructor(
    private readonly entities: EntityWriter,
    private readonly suggestions: SuggestionWriter,
  ) {}

  /** One of the last 300 events, for a further source; null before the first. */
  pickRecent(rng: Rng): RecentEvent | null {
    return this.recent.length > 0 ? this.recent[this.recent.length - 1 - rng.int(this.recent.length)]! : null;
  }

  /** The sentence around a span (or the first sentence), as the event's evidence. */
  private sentence(text: string, span: [number, number] | null): [number, number] {
    const at = span?.[0] ?? 0;
    let s = Math.max(0, text.lastIndexOf('. ', at) + 2);
    if (s > at) s = 0;
    let e = text.indexOf('. ', span?.[1] ?? 0);
    e = e < 0 ? Math.min(text.length, s + 300) : Math.min(e + 1, s + 400);
    return [s, Math.max(e, Math.min(text.length, s + 20))];
  }

  private claim(kind: RecordKind, recordId: string, field: string, value: unknown, sourceId: SourceId, span: [number, number], text: string, at: string): Claim {
    return {
      id: createId('clm', Date.parse(at)) as Claim['id'],
      recordKind: kind,
      recordId,
      field,
      value,
      sourceId,
      start: span[0],
      end: span[1],
      quote: text.slice(span[0], span[1]),
      coder: { kind: 'extractor', name: EXTRACTOR.name, version: EXTRACTOR.version },
      reliability: RELIABILITY.unknown,
      connection: CONNECTION.unknown,
      comment: null,
      createdAt: at,
    };
  }

  /** A new event from its first source (status, acts, claims, history, suggestion); its search document when live. */
  async create(
    tx: TransactionalRepositories,
    rng: Rng,
    s: {
      sourceId: SourceId;
      at: string;
      atMs: number;
      doc: SearchDocument;
      types: string[];
      people: PersonMention[];
      place: PlaceRoot | null;
    },
  ): Promise<SearchDocument | null> {
    const { sourceId, at, atMs, doc, types } = s;
    const text = doc.text;
    const id = createId('evt', atMs) as EventId;
    const lead = types[0]!;
    const victims = s.people.slice(0, 3);
    const label = (EVENT_TYPES as Record<string, { label: string; esf: { id: string } | null }>)[lead]!;
    const precision: RecordPrecision | null = !doc.dateFrom ? null : doc.dateFrom === doc.dateTo ? 'day' : Date.parse(doc.dateTo!) - Date.parse(doc.dateFrom) > 25 * DAY ? 'month' : 'approximate';
    const r = rng.next();
    const status: EventStatus = r < 0.3 ? 'proposed' : r < 0.9 ? 'confirmed' : r < 0.96 ? 'rejected' : 'withdrawn';
    const evidence = this.sentence(text, victims[0]?.span ?? null);
    const who = victims[0]?.root.name;
    const event: EventRecord = {
      id,
      collectionId: C,
      title: [label.label, who ? `of ${who}` : null, s.place ? `in ${s.place.name}` : null].filter(Boolean).join(' '),
      types,
      dateFrom: doc.dateFrom,
      dateTo: doc.dateTo,
      datePrecision: precision,
      placeId: s.place?.id ?? null,
      placePrecision: s.place ? 'city' : null,
      description: text.slice(evidence[0], evidence[1]),
      status,
      confidentiality: 'restricted',
      withdrawnReason: status === 'withdrawn' ? 'duplicate of another event' : null,
      version: status === 'proposed' ? 1 : 2,
      createdAt: at,
      updatedAt: at,
    };
    await tx.events.insert(event);
    await tx.history.append({
      recordKind: 'event',
      recordId: id,
      version: 1,
      at,
      actor: EXTRACTOR_ACTOR,
      changes: [{ field: 'created', from: null, to: { title: event.title, types, dateFrom: event.dateFrom, dateTo: event.dateTo } }],
      comment: `proposed from source ${sourceId}`,
    });
    if (status !== 'proposed') {
      await tx.history.append({ recordKind: 'event', recordId: id, version: 2, at, actor: REVIEWER, changes: [{ field: 'status', from: 'proposed', to: status }], comment: null });
    }
    await tx.events.addSource(id, sourceId, EXTRACTOR_ACTOR, at);

    const claims: Claim[] = [];
    const typeSpan: [number, number] = [evidence[0], Math.min(evidence[1], evidence[0] + 30)];
    claims.push(this.claim('event', id, 'types', types, sourceId, typeSpan, text, at));
    claims.push(this.claim('event', id, 'evidence', lead, sourceId, evidence, text, at));
    if (event.dateFrom) claims.push(this.claim('event', id, 'date', { from: event.dateFrom, to: event.dateTo, precision }, sourceId, typeSpan, text, at));
    if (s.place) {
      claims.push(this.claim('event', id, 'place', { placeId: s.place.id, name: s.place.name }, sourceId, spanOf(text, [s.place.name]) ?? typeSpan, text, at));
      s.place.events++;
    }

    const names: string[] = [];
    const persons: string[] = [];
    const labels: string[] = [];
    const acts: { id: ActId; victim: EntityId | null; name: string }[] = [];
    const actVictims: (PersonMention | null)[] = victims.length ? victims : [null];
    for (const [k, v] of actVictims.entries()) {
      const actType = types[Math.min(k, types.length - 1)]!;
      const esf = (EVENT_TYPES as Record<string, { esf: { id: string } | null }>)[actType]?.esf?.id ?? null;
      const group = !v || (actType === 'protest' && rng.chance(0.3));
      const count = group ? 5 + rng.int(200) : null;
      const actId = createId('act', atMs) as ActId;
      await tx.events.insertAct({
        id: actId,
        eventId: id,
        actType,
        esfTerm: esf,
        victimId: group ? null : v!.linkedTo,
        victimLabel: group ? `${count} protesters` : null,
        count,
        countApproximate: group,
        negated: false,
        hedged: rng.chance(0.05),
        version: 1,
      });
      acts.push({ id: actId, victim: group ? null : v!.linkedTo, name: group ? `${count} protesters` : v!.root.name });
      if (group) labels.push(`${count} protesters`);
      else {
        v!.root.events++;
        persons.push(v!.root.name);
        names.push(...v!.root.aliases);
        claims.push(this.claim('act', actId, 'victim', { entityId: v!.linkedTo, name: v!.root.name }, sourceId, v!.span ?? evidence, text, at));
      }
      if (count !== null) claims.push(this.claim('act', actId, 'count', { value: count, approximate: true, text: `about ${count}` }, sourceId, evidence, text, at));
      if (actType === 'sentencing' || actType === 'detention') {
        const days = rng.pick([10, 15, 25, 30]);
        claims.push(this.claim('act', actId, 'term', { value: days, unit: 'day', kind: 'administrative arrest' }, sourceId, evidence, text, at));
      }
      if (rng.chance(0.7)) {
        const place = s.place?.name ?? 'Almaty';
        const orgName = ['sentencing', 'fine', 'charges'].includes(actType)
          ? `Specialised Administrative Court of ${place}`
          : ['search', 'censorship', 'threats', 'harassment'].includes(actType)
            ? 'National Security Committee'
            : `${place} City Police Department`;
        const org = await this.entities.org(tx, orgName, sourceId, at, atMs);
        const invId = createId('inv', atMs) as InvolvementId;
        await tx.events.insertInvolvement({ id: invId, actId, perpetratorId: org.id, perpetratorLabel: null, degree: INVOLVEMENT_DEGREE.directlyCarriedOut, version: 1 });
        claims.push(this.claim('involvement', invId, 'perpetrator', { entityId: org.id, name: org.name }, sourceId, evidence, text, at));
        names.push(org.name);
      }
    }
    await tx.claims.insert(claims);
    const decided: SuggestionStatus = status === 'proposed' ? 'pending' : status === 'rejected' ? 'rejected' : 'accepted';
    await this.suggestions.write(tx, { kind: 'event', status: decided, eventId: id, score: 0.5 + rng.next() / 2, reasons: [`1 mention(s) in source ${sourceId}`], at });

    this.count++;
    for (const t of types) this.typeCounts.set(t, (this.typeCounts.get(t) ?? 0) + 1);
    if (this.sample.length < 5000 && rng.chance(0.1)) this.sample.push(id);
    this.recent.push({ id, version: event.version, dateFrom: event.dateFrom, dateTo: event.dateTo, precision, types, leadSource: sourceId, firstAct: acts[0] ?? null });
    if (this.recent.length > 300) this.recent.shift();
    if (status !== 'proposed' && status !== 'confirmed') return null;
    return {
      id,
      kind: 'event',
      collectionId: C,
      language: null,
      title: event.title,
      text: [event.description, ...unique([...names, ...labels], 200)].join('\n'),
      dateFrom: event.dateFrom,
      dateTo: event.dateTo ?? event.dateFrom,
      places: s.place ? [s.place.name] : [],
      persons: unique(persons, 500),
      types,
    };
  }

  /** A further source of a recent event: its own claims, sometimes disagreeing on the date. */
  async attach(
    tx: TransactionalRepositories,
    rng: Rng,
    e: RecentEvent,
    s: { sourceId: SourceId; at: string; doc: SearchDocument; people: PersonMention[] },
  ): Promise<void> {
    const { sourceId, at, doc } = s;
    if (!(await tx.events.addSource(e.id, sourceId, EXTRACTOR_ACTOR, at))) return;
    e.version++;
    await tx.events.update(e.id, {}, e.version, at);
    await tx.history.append({ recordKind: 'event', recordId: e.id, version: e.version, at, actor: EXTRACTOR_ACTOR, changes: [{ field: 'sources', from: null, to: sourceId }], comment: `further source ${sourceId}` });
    const evidence = this.sentence(doc.text, s.people[0]?.span ?? null);
    const span: [number, number] = [evidence[0], Math.min(evidence[1], evidence[0] + 30)];
    const claims = [this.claim('event', e.id, 'types', e.types, sourceId, span, doc.text, at), this.claim('event', e.id, 'evidence', e.types[0], sourceId, evidence, doc.text, at)];
    if (e.dateFrom) {
      const off = rng.chance(0.2) ? 1 + rng.int(3) : 0;
      claims.push(this.claim('event', e.id, 'date', { from: shift(e.dateFrom, off), to: shift(e.dateTo ?? e.dateFrom, off), precision: e.precision }, sourceId, span, doc.text, at));
    }
    if (e.firstAct?.victim) claims.push(this.claim('act', e.firstAct.id, 'victim', { entityId: e.firstAct.victim, name: e.firstAct.name }, sourceId, evidence, doc.text, at));
    await tx.claims.insert(claims);
    this.attached++;
  }
}

function unique(values: string[], max: number): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 300))].slice(0, max);
}
