import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ActId, CollectionId, EntityId, EventId, InvolvementId, SourceId } from '../domain/ids.js';
import type { ActRecord, EventRecord, EventStatus, InvolvementRecord, RecordPrecision } from '../domain/records.js';
import type { ActsTable, Database, EventsTable, InvolvementsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toEvent(row: Selectable<EventsTable>): EventRecord {
  return {
    id: row.id as EventId,
    collectionId: row.collection_id as CollectionId,
    title: row.title,
    types: JSON.parse(row.types),
    dateFrom: row.date_from,
    dateTo: row.date_to,
    datePrecision: row.date_precision as RecordPrecision | null,
    placeId: row.place_id as EntityId | null,
    placePrecision: row.place_precision,
    description: row.description,
    status: row.status as EventStatus,
    confidentiality: row.confidentiality as EventRecord['confidentiality'],
    withdrawnReason: row.withdrawn_reason,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAct(row: Selectable<ActsTable>): ActRecord {
  return {
    id: row.id as ActId,
    eventId: row.event_id as EventId,
    actType: row.act_type,
    esfTerm: row.esf_term,
    victimId: row.victim_id as EntityId | null,
    victimLabel: row.victim_label,
    count: row.count_value === null ? null : Number(row.count_value),
    countApproximate: Number(row.count_approximate) === 1,
    negated: Number(row.negated) === 1,
    hedged: Number(row.hedged) === 1,
    version: Number(row.version),
  };
}

function toInvolvement(row: Selectable<InvolvementsTable>): InvolvementRecord {
  return {
    id: row.id as InvolvementId,
    actId: row.act_id as ActId,
    perpetratorId: row.perpetrator_id as EntityId | null,
    perpetratorLabel: row.perpetrator_label,
    degree: row.degree,
    version: Number(row.version),
  };
}

function eventColumns(e: Partial<EventRecord>) {
  return {
    ...(e.title !== undefined ? { title: e.title } : {}),
    ...(e.types !== undefined ? { types: JSON.stringify(e.types) } : {}),
    ...(e.dateFrom !== undefined ? { date_from: e.dateFrom } : {}),
    ...(e.dateTo !== undefined ? { date_to: e.dateTo } : {}),
    ...(e.datePrecision !== undefined ? { date_precision: e.datePrecision } : {}),
    ...(e.placeId !== undefined ? { place_id: e.placeId } : {}),
    ...(e.placePrecision !== undefined ? { place_precision: e.placePrecision } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.confidentiality !== undefined ? { confidentiality: e.confidentiality } : {}),
    ...(e.withdrawnReason !== undefined ? { withdrawn_reason: e.withdrawnReason } : {}),
  };
}

export interface EventFilter {
  status?: EventStatus;
  type?: string;
  from?: string;
  to?: string;
  /** Root places: events placed anywhere in their trees (the root or what is merged into it). */
  placeRoots?: EntityId[];
  /** Root people or organisations: events where anyone in their trees is a victim or perpetrator. */
  entityRoots?: EntityId[];
  /** Events supported by at least this many sources (event_sources rows, as EventSummary.sourceCount counts them). */
  minSources?: number;
  limit: number;
  offset: number;
}

/**
 * Most events of the people in a person filter that are looked up by id. Up to this many, the
 * candidates (read from acts and involvements, a few index probes) are fetched by primary key
 * and sorted: 2-3 ms for a person with 270 events, where reading events in list order and
 * testing each against the people's acts took 14-50 ms (it reads on until the page is full, so
 * through every event when the person has fewer than a page). Beyond it, the list-order scan
 * finds a page quickly anyway.
 */
const PERSON_EVENTS_BY_ID = 2000;

type Filter = Omit<EventFilter, 'limit' | 'offset'> & {
  /** Set by `narrowed`: the person filter's events, found beforehand. */
  eventIds?: EventId[];
};

/** The ids of the roots' trees (each root and everything merged into it), as a subquery on the tree index. */
function treeOf(roots: EntityId[]) {
  const ids = roots.length ? [...new Set(roots)] : [''];
  return sql<string>`(select id from entities where root_id in (${sql.join(ids)}))`;
}

/**
 * The events where anyone in the roots' trees is a victim, and those where anyone is a
 * perpetrator (two selects of `id`): a person filter's events, read beforehand (`narrowed`) or
 * tested in the query (`filtered`).
 */
function peopleEvents(db: Db, roots: EntityId[]) {
  const tree = treeOf(roots);
  return [
    db.selectFrom('acts').select('acts.event_id as id').where('victim_id', 'in', tree),
    db.selectFrom('acts').innerJoin('involvements', 'involvements.act_id', 'acts.id').select('acts.event_id as id').where('involvements.perpetrator_id', 'in', tree),
  ] as const;
}

/** Events with their sources, acts and involvements. Only speaks SQL. */
export class EventRepository {
  /** `personEventsById`: PERSON_EVENTS_BY_ID, set in tests to compare both ways of reading a person filter. */
  constructor(
    private readonly db: Db,
    private readonly options: { personEventsById?: number } = {},
  ) {}

  async insert(e: EventRecord): Promise<void> {
    await this.db
      .insertInto('events')
      .values({
        id: e.id,
        collection_id: e.collectionId,
        ...eventColumns(e),
        title: e.title,
        types: JSON.stringify(e.types),
        description: e.description,
        status: e.status,
        confidentiality: e.confidentiality,
        version: e.version,
        created_at: e.createdAt,
        updated_at: e.updatedAt,
      })
      .execute();
  }

  /** The collection the record is in (null: no such record): what access checks need, without the row. */
  async collectionOf(id: EventId): Promise<CollectionId | null> {
    const row = await this.db.selectFrom('events').select('collection_id').where('id', '=', id).executeTakeFirst();
    return row ? (row.collection_id as CollectionId) : null;
  }

  async findById(id: EventId): Promise<EventRecord | null> {
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async update(id: EventId, patch: Partial<EventRecord>, version: number, at: string): Promise<void> {
    await this.db.updateTable('events').set({ ...eventColumns(patch), version, updated_at: at }).where('id', '=', id).execute();
  }

  /** Live events (not rejected or withdrawn) whose dates come within the window, or have none. */
  async findCandidates(collectionId: CollectionId, from: string | null, to: string | null, limit = 200): Promise<EventRecord[]> {
    let q = this.db
      .selectFrom('events')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .where('status', 'in', ['proposed', 'confirmed']);
    if (from && to) {
      q = q.where((eb) => eb.or([eb('date_from', 'is', null), eb.and([eb('date_from', '<=', to), eb('date_to', '>=', from)])]));
    }
    const rows = await q.orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toEvent);
  }

  async list(collectionId: CollectionId, f: EventFilter): Promise<EventRecord[]> {
    // Undated events last on both databases (PostgreSQL puts nulls first in descending order),
    // in the order of events_collection_order_idx, so a page is read from the index, not sorted.
    const rows = await this.filtered(collectionId, await this.narrowed(f))
      .selectAll()
      .orderBy('date_from', (ob) => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return rows.map(toEvent);
  }

  /**
   * A page of `list` with only what the timeline draws of each event: every column asked for is
   * in events_list_idx, so on SQLite the page is read from the index alone, without the rows
   * (descriptions, provenance) a full record needs. Events sharing a type list share its array.
   */
  async briefs(collectionId: CollectionId, f: EventFilter): Promise<Pick<EventRecord, 'id' | 'title' | 'types' | 'status' | 'dateFrom' | 'dateTo' | 'datePrecision' | 'placeId'>[]> {
    const rows = await this.filtered(collectionId, await this.narrowed(f))
      .select(['id', 'title', 'types', 'status', 'date_from', 'date_to', 'date_precision', 'place_id'])
      .orderBy('date_from', (ob) => ob.desc().nullsLast())
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const parsed = new Map<string, string[]>();
    const typesOf = (json: string) => parsed.get(json) ?? (parsed.set(json, JSON.parse(json) as string[]), parsed.get(json)!);
    return rows.map((r) => ({
      id: r.id as EventId,
      title: r.title,
      types: typesOf(r.types),
      status: r.status as EventStatus,
      dateFrom: r.date_from,
      dateTo: r.date_to,
      datePrecision: r.date_precision as RecordPrecision | null,
      placeId: r.place_id as EntityId | null,
    }));
  }

  /**
   * The events a filter selects counted by place and type list, e.g. `{ placeId, types:
   * ['detention'], n: 12 }` (placeId null for events with no place): the map's marks, read
   * from events_list_idx alone whatever the number of events (with `minSources`, plus one
   * event_sources_pk lookup per event).
   */
  async countByPlace(collectionId: CollectionId, f: Omit<EventFilter, 'limit' | 'offset'>): Promise<{ placeId: EntityId | null; types: string[]; n: number }[]> {
    const rows = await this.filtered(collectionId, await this.narrowed(f))
      .select(['place_id', 'types', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['place_id', 'types'])
      .execute();
    const parsed = new Map<string, string[]>();
    const typesOf = (json: string) => parsed.get(json) ?? (parsed.set(json, JSON.parse(json) as string[]), parsed.get(json)!);
    return rows.map((r) => ({ placeId: r.place_id as EntityId | null, types: typesOf(r.types), n: Number(r.n) }));
  }

  /**
   * Every event of a collection with what the map and trends filter and count by, in one read
   * of events_place_count_idx (no row lookups): `{ placeId, types, status, dateFrom, dateTo }`.
   */
  async facts(collectionId: CollectionId): Promise<{ placeId: EntityId | null; types: string[]; status: EventStatus; dateFrom: string | null; dateTo: string | null }[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['place_id', 'types', 'status', 'date_from', 'date_to'])
      .where('collection_id', '=', collectionId)
      .orderBy('place_id')
      .orderBy('types')
      .execute();
    const parsed = new Map<string, string[]>();
    const typesOf = (json: string) => parsed.get(json) ?? (parsed.set(json, JSON.parse(json) as string[]), parsed.get(json)!);
    return rows.map((r) => ({ placeId: r.place_id as EntityId | null, types: typesOf(r.types), status: r.status as EventStatus, dateFrom: r.date_from, dateTo: r.date_to }));
  }

  /** Dated events per month (of their start) and type list, oldest month first: `{ month: '2024-03', types: '["detention"]', n }`. */
  async monthlyCounts(collectionId: CollectionId, f: Omit<EventFilter, 'limit' | 'offset'>): Promise<{ month: string; types: string[]; n: number }[]> {
    const month = sql<string>`substr(date_from, 1, 7)`;
    const rows = await this.filtered(collectionId, await this.narrowed(f))
      .where('date_from', 'is not', null)
      .select([month.as('month'), 'types', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy([month, 'types'])
      .orderBy('month')
      .execute();
    // Thousands of groups share a few hundred type lists: parse each list once.
    const parsed = new Map<string, string[]>();
    const typesOf = (json: string) => parsed.get(json) ?? (parsed.set(json, JSON.parse(json) as string[]), parsed.get(json)!);
    return rows.map((r) => ({ month: r.month, types: typesOf(r.types), n: Number(r.n) }));
  }

  /** The filter with a person filter's events found beforehand, when there are few (PERSON_EVENTS_BY_ID). */
  private async narrowed(f: Filter): Promise<Filter> {
    if (!f.entityRoots) return f;
    const most = this.options.personEventsById ?? PERSON_EVENTS_BY_ID;
    const [asVictim, asPerpetrator] = peopleEvents(this.db, f.entityRoots);
    const rows = await asVictim
      .union(asPerpetrator)
      .limit(most + 1)
      .execute();
    if (rows.length > most) return f;
    return { ...f, entityRoots: undefined, eventIds: rows.map((r) => r.id as EventId) };
  }

  /** The events of a collection a filter selects (live ones unless a status is asked for). */
  private filtered(collectionId: CollectionId, f: Filter) {
    let q = this.db.selectFrom('events').where('collection_id', '=', collectionId);
    q = f.status ? q.where('status', '=', f.status) : q.where('status', 'in', ['proposed', 'confirmed']);
    if (f.type) q = q.where('types', 'like', `%"${f.type.replace(/[%_"\\]/g, '')}"%`);
    if (f.from) q = q.where('date_to', '>=', f.from);
    if (f.to) q = q.where('date_from', '<=', f.to);
    // Trees are read from the tree index: a place named in thousands of sources has thousands of members.
    if (f.placeRoots) q = q.where('place_id', 'in', treeOf(f.placeRoots));
    if (f.eventIds) q = q.where('id', 'in', f.eventIds.length ? f.eventIds : ['']);
    if (f.entityRoots) {
      const [asVictim, asPerpetrator] = peopleEvents(this.db, f.entityRoots);
      q = q.where((eb) => eb.or([eb('id', 'in', asVictim), eb('id', 'in', asPerpetrator)]));
    }
    // One lookup per event candidate on event_sources_pk (event_id first), so a page read in
    // index order stops after `limit` matches. count(*) of the links is sourceCount: every
    // event_sources row names an existing source (foreign keys on both databases, sources are
    // never deleted).
    if (f.minSources !== undefined) {
      const min = f.minSources;
      q = q.where((eb) => eb(eb.selectFrom('event_sources').select(eb.fn.countAll().as('n')).whereRef('event_sources.event_id', '=', 'events.id'), '>=', min));
    }
    return q;
  }

  async findByIds(ids: EventId[]): Promise<EventRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('events').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return rows.map(toEvent);
  }

  async addSource(eventId: EventId, sourceId: SourceId, by: string, at: string): Promise<boolean> {
    const res = await this.db
      .insertInto('event_sources')
      .values({ event_id: eventId, source_id: sourceId, added_by: by, added_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Sources of an event with what independence needs: their near-duplicate link and origin host. */
  async sourcesOf(eventId: EventId): Promise<{ sourceId: SourceId; duplicateOf: SourceId | null; finalUrl: string | null; addedAt: string }[]> {
    const rows = await this.db
      .selectFrom('event_sources as es')
      .innerJoin('sources as s', 's.id', 'es.source_id')
      .select(['es.source_id', 's.duplicate_of', 's.final_url', 'es.added_at'])
      .where('es.event_id', '=', eventId)
      .orderBy('es.added_at')
      .execute();
    return rows.map((r) => ({
      sourceId: r.source_id as SourceId,
      duplicateOf: r.duplicate_of as SourceId | null,
      finalUrl: r.final_url,
      addedAt: r.added_at,
    }));
  }

  /**
   * The event page's sources: each link with what the page shows of its source (title, final
   * URL, capture time) and what independence is judged on, oldest link first. One query.
   */
  async sourceCardsOf(eventId: EventId): Promise<{ sourceId: SourceId; duplicateOf: SourceId | null; finalUrl: string | null; addedAt: string; capturedAt: string; title: string | null }[]> {
    const rows = await this.db
      .selectFrom('event_sources as es')
      .innerJoin('sources as s', 's.id', 'es.source_id')
      .leftJoin('articles as a', 'a.source_id', 's.id')
      .select(['es.source_id', 's.duplicate_of', 's.final_url', 'es.added_at', 's.captured_at', 'a.title'])
      .where('es.event_id', '=', eventId)
      .orderBy('es.added_at')
      .execute();
    return rows.map((r) => ({ sourceId: r.source_id as SourceId, duplicateOf: r.duplicate_of as SourceId | null, finalUrl: r.final_url, addedAt: r.added_at, capturedAt: r.captured_at, title: r.title }));
  }

  /** `sourcesOf` for many events in one query, by event id (events without sources are absent). */
  async sourcesOfMany(eventIds: EventId[]): Promise<Map<EventId, { sourceId: SourceId; duplicateOf: SourceId | null; finalUrl: string | null; addedAt: string }[]>> {
    const out = new Map<EventId, { sourceId: SourceId; duplicateOf: SourceId | null; finalUrl: string | null; addedAt: string }[]>();
    if (eventIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('event_sources as es')
      .innerJoin('sources as s', 's.id', 'es.source_id')
      .select(['es.event_id', 'es.source_id', 's.duplicate_of', 's.final_url', 'es.added_at'])
      .where('es.event_id', 'in', [...new Set(eventIds)])
      .orderBy('es.added_at')
      .execute();
    for (const r of rows) {
      const list = out.get(r.event_id as EventId) ?? [];
      list.push({ sourceId: r.source_id as SourceId, duplicateOf: r.duplicate_of as SourceId | null, finalUrl: r.final_url, addedAt: r.added_at });
      out.set(r.event_id as EventId, list);
    }
    return out;
  }

  async insertAct(a: ActRecord): Promise<void> {
    await this.db
      .insertInto('acts')
      .values({
        id: a.id,
        event_id: a.eventId,
        act_type: a.actType,
        esf_term: a.esfTerm,
        victim_id: a.victimId,
        victim_label: a.victimLabel,
        count_value: a.count,
        count_approximate: a.countApproximate ? 1 : 0,
        negated: a.negated ? 1 : 0,
        hedged: a.hedged ? 1 : 0,
        version: a.version,
      })
      .execute();
  }

  async actsOf(eventIds: EventId[]): Promise<ActRecord[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.db.selectFrom('acts').selectAll().where('event_id', 'in', eventIds).orderBy('id').execute();
    return rows.map(toAct);
  }

  async insertInvolvement(i: InvolvementRecord): Promise<void> {
    await this.db
      .insertInto('involvements')
      .values({
        id: i.id,
        act_id: i.actId,
        perpetrator_id: i.perpetratorId,
        perpetrator_label: i.perpetratorLabel,
        degree: i.degree,
        version: i.version,
      })
      .execute();
  }

  async involvementsOf(actIds: ActId[]): Promise<InvolvementRecord[]> {
    if (actIds.length === 0) return [];
    const rows = await this.db.selectFrom('involvements').selectAll().where('act_id', 'in', actIds).orderBy('id').execute();
    return rows.map(toInvolvement);
  }

  /** Events in which any of the entities is a victim or perpetrator. */
  async eventIdsForEntities(ids: EntityId[]): Promise<EventId[]> {
    if (ids.length === 0) return [];
    const victims = await this.db.selectFrom('acts').select('event_id').distinct().where('victim_id', 'in', ids).execute();
    const perps = await this.db
      .selectFrom('involvements')
      .innerJoin('acts', 'acts.id', 'involvements.act_id')
      .select('acts.event_id')
      .distinct()
      .where('involvements.perpetrator_id', 'in', ids)
      .execute();
    const places = await this.db.selectFrom('events').select('id').where('place_id', 'in', ids).execute();
    return [...new Set([...victims.map((r) => r.event_id), ...perps.map((r) => r.event_id), ...places.map((r) => r.id)])] as EventId[];
  }
}
