import type { CollectionId, EntityId } from '../domain/ids.js';
import type { EventStatus } from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { EventRepository } from '../storage/event.repository.js';
import { resolveEventFilter, type EventListFilter, type ResolvedEventFilter } from './event-filter.js';

export interface MonthlyCount {
  /** `YYYY-MM`, the month an event starts in. */
  month: string;
  type: string;
  count: number;
}

/** A place on the map with the events there that a filter selects. */
export interface GeoPlace {
  /** The place as it stands now (merges followed). */
  id: EntityId;
  name: string;
  lat: number;
  lon: number;
  /** Events at this place. */
  count: number;
  /** Events by type, most first (an event of two types counts in both). */
  types: { type: string; count: number }[];
}

export interface GeoSummary {
  places: GeoPlace[];
  /** Events with no place, or a place without coordinates: not on the map. */
  unplaced: number;
  /** Every event the filter selects. */
  total: number;
}

type PlacePoint = { id: EntityId; name: string; lat: number; lon: number };

/**
 * A collection's events as the map and trends count them, for one state of the database:
 * one entry per event in columns, type lists, places and months interned as small numbers.
 */
interface Facts {
  n: number;
  /** Index into statuses. */
  statusOf: Uint8Array;
  statuses: EventStatus[];
  /** Index into typeLists. */
  typesOf: Uint32Array;
  typeLists: string[][];
  /** Index into placeIds; -1 for no place. */
  placeOf: Int32Array;
  placeIds: EntityId[];
  /** Index into months (`YYYY-MM` of dateFrom); -1 when undated. */
  monthOf: Int32Array;
  months: string[];
  dateFrom: (string | null)[];
  dateTo: (string | null)[];
  /** Places with coordinates by place id, worked out on first use. */
  points?: Promise<Map<EntityId, PlacePoint>>;
}

/** At most this many collections' facts are kept. */
const FACTS_KEPT = 8;

/**
 * Events counted and placed for the trends chart and the map. Both take the events list's
 * filters, so a click on a bar or a mark can open exactly the events behind it.
 */
export class EventStatsService {
  private readonly facts = new Map<CollectionId, { token: string; facts: Promise<Facts> }>();

  /**
   * With `changeToken` (the database's, see DatabaseHandle.changeToken), a collection's events
   * are read once per state of the database and counted in memory for every filter of type,
   * status and dates; without it, or with a place, person or minimum-sources filter, each
   * count is one query.
   */
  constructor(
    private readonly events: EventRepository,
    private readonly entities: EntityRepository,
    private readonly changeToken: (() => Promise<string>) | null = null,
  ) {}

  /** Dated live events (proposed and confirmed) per start month and type; an event of two types counts in both. */
  async monthly(f: Omit<EventListFilter, 'limit' | 'offset'>): Promise<MonthlyCount[]> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const counts = new Map<string, MonthlyCount>();
    const add = (month: string, types: string[], n: number) => {
      for (const type of new Set(types)) {
        if (f.type && type !== f.type) continue;
        const key = `${month}\u0000${type}`;
        const c = counts.get(key) ?? { month, type, count: 0 };
        c.count += n;
        counts.set(key, c);
      }
    };
    const facts = await this.factsFor(collectionId, filter);
    if (facts) {
      const test = factFilter(facts, filter);
      const lists = facts.typeLists.length;
      const perList = new Uint32Array(facts.months.length * lists);
      for (let i = 0; i < facts.n; i++) if (facts.monthOf[i]! >= 0 && test(i)) perList[facts.monthOf[i]! * lists + facts.typesOf[i]!]!++;
      for (let m = 0; m < facts.months.length; m++) {
        for (let l = 0; l < lists; l++) {
          const n = perList[m * lists + l]!;
          if (n > 0) add(facts.months[m]!, facts.typeLists[l]!, n);
        }
      }
    } else {
      for (const row of await this.events.monthlyCounts(collectionId, filter)) add(row.month, row.types, row.n);
    }
    // Months and type ids are ASCII: plain comparison (localeCompare costs more than the counting).
    return [...counts.values()].sort((a, b) => cmp(a.month, b.month) || cmp(a.type, b.type));
  }

  /**
   * Every event a filter selects, counted by place for the map, most events first. Places
   * from the gazetteer carry `lat`/`lon` in their external ids; events at places typed by
   * hand (no coordinates) or at no place are counted in `unplaced`. Events at places merged
   * into one count at that one.
   */
  async geo(f: Omit<EventListFilter, 'limit' | 'offset'>): Promise<GeoSummary> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    let rows: { placeId: EntityId | null; types: string[]; n: number }[];
    let points: Map<EntityId, PlacePoint>;
    const facts = await this.factsFor(collectionId, filter);
    if (facts) {
      const test = factFilter(facts, filter);
      const lists = facts.typeLists.length;
      // Row p*lists+l: events at place p-1 (0: no place) whose types are list l.
      const perList = new Uint32Array((facts.placeIds.length + 1) * lists);
      for (let i = 0; i < facts.n; i++) if (test(i)) perList[(facts.placeOf[i]! + 1) * lists + facts.typesOf[i]!]!++;
      rows = [];
      for (let k = 0; k < perList.length; k++) {
        const n = perList[k]!;
        if (n > 0) rows.push({ placeId: facts.placeIds[Math.floor(k / lists) - 1] ?? null, types: facts.typeLists[k % lists]!, n });
      }
      facts.points ??= this.placesOf(facts.placeIds);
      points = await facts.points;
    } else {
      rows = await this.events.countByPlace(collectionId, filter);
      points = await this.placesOf(rows.flatMap((r) => (r.placeId ? [r.placeId] : [])));
    }
    const byPlace = new Map<EntityId, GeoPlace & { byType: Map<string, number> }>();
    let unplaced = 0;
    let total = 0;
    for (const r of rows) {
      total += r.n;
      const point = r.placeId ? points.get(r.placeId) : undefined;
      if (!point) {
        unplaced += r.n;
        continue;
      }
      let place = byPlace.get(point.id);
      if (!place) byPlace.set(point.id, (place = { ...point, count: 0, types: [], byType: new Map() }));
      place.count += r.n;
      for (const type of new Set(r.types)) place.byType.set(type, (place.byType.get(type) ?? 0) + r.n);
    }
    const places = [...byPlace.values()]
      .map(({ byType, ...place }) => ({ ...place, types: [...byType].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || cmp(a.type, b.type)) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return { places, unplaced, total };
  }

  /**
   * The collection's facts for the database as it is now, when the filter can be applied to
   * them (not for places or people: those need the entity trees; nor for a minimum number of
   * sources: facts hold no source counts); null to count in SQL. The
   * token is read before the events, so facts are never older than their token; two requests
   * on one state share one read.
   */
  private async factsFor(collectionId: CollectionId, filter: ResolvedEventFilter): Promise<Facts | null> {
    if (!this.changeToken || filter.placeRoots || filter.entityRoots || filter.minSources !== undefined) return null;
    const token = await this.changeToken();
    const kept = this.facts.get(collectionId);
    if (kept && kept.token === token) return kept.facts;
    const entry = { token, facts: this.events.facts(collectionId).then(toFacts) };
    this.facts.delete(collectionId);
    this.facts.set(collectionId, entry);
    if (this.facts.size > FACTS_KEPT) this.facts.delete(this.facts.keys().next().value!);
    entry.facts.catch(() => {
      if (this.facts.get(collectionId) === entry) this.facts.delete(collectionId);
    });
    return entry.facts;
  }

  /**
   * The places ids stand for now (merges followed), each with the first coordinates in its tree
   * (the root's own when it has them), by id; places without coordinates are absent. A fixed
   * number of queries however many places.
   */
  private async placesOf(ids: EntityId[]): Promise<Map<EntityId, PlacePoint>> {
    const roots = await this.entities.findRoots(ids);
    const missing = [...new Set([...roots.values()].filter((root) => !coordinates(root.externalIds)).map((root) => root.id))];
    const inTrees = await this.entities.coordinatesInTrees(missing);
    const out = new Map<EntityId, PlacePoint>();
    for (const [id, root] of roots) {
      const point = [root.externalIds, ...(inTrees.get(root.id) ?? [])].map(coordinates).find((c) => c !== null);
      if (point) out.set(id, { id: root.id, name: root.name, ...point });
    }
    return out;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Events as the repository reads them (EventRepository.facts), in columns. */
function toFacts(rows: Awaited<ReturnType<EventRepository['facts']>>): Facts {
  const n = rows.length;
  const f: Facts = {
    n,
    statusOf: new Uint8Array(n),
    statuses: [],
    typesOf: new Uint32Array(n),
    typeLists: [],
    placeOf: new Int32Array(n),
    placeIds: [],
    monthOf: new Int32Array(n),
    months: [],
    dateFrom: new Array<string | null>(n),
    dateTo: new Array<string | null>(n),
  };
  const lists = new Map<string[], number>();
  const places = new Map<EntityId, number>();
  const months = new Map<string, number>();
  const statuses = new Map<EventStatus, number>();
  const intern = <K>(m: Map<K, number>, all: K[], k: K) => m.get(k) ?? (m.set(k, all.length), all.push(k), all.length - 1);
  rows.forEach((r, i) => {
    f.statusOf[i] = intern(statuses, f.statuses, r.status);
    // The repository hands out one array per distinct list.
    f.typesOf[i] = intern(lists, f.typeLists, r.types);
    f.placeOf[i] = r.placeId ? intern(places, f.placeIds, r.placeId) : -1;
    f.monthOf[i] = r.dateFrom ? intern(months, f.months, r.dateFrom.slice(0, 7)) : -1;
    f.dateFrom[i] = r.dateFrom;
    f.dateTo[i] = r.dateTo;
  });
  return f;
}

/**
 * The repository's event filter (EventRepository.filtered) over facts in memory, by event
 * index: live events unless a status is asked for; a type among the event's types (compared as
 * SQLite's LIKE does, ignoring ASCII case); events ending on or after `from` and starting on or
 * before `to`.
 */
function factFilter(facts: Facts, f: ResolvedEventFilter): (i: number) => boolean {
  const type = f.type?.replace(/[%_"\\]/g, '').toLowerCase();
  const listHasType = type === undefined ? null : facts.typeLists.map((list) => list.some((t) => t.toLowerCase() === type));
  const { from, to } = f;
  const wanted = facts.statuses.map((st) => (f.status ? st === f.status : st === 'proposed' || st === 'confirmed'));
  return (i) =>
    wanted[facts.statusOf[i]!]! &&
    (listHasType === null || listHasType[facts.typesOf[i]!]!) &&
    (!from || (facts.dateTo[i] !== null && facts.dateTo[i]! >= from)) &&
    (!to || (facts.dateFrom[i] !== null && facts.dateFrom[i]! <= to));
}

/** Valid coordinates from external ids (`lat`, `lon`), or null. */
function coordinates(ids: Record<string, string>): { lat: number; lon: number } | null {
  if (ids.lat === undefined || ids.lon === undefined) return null;
  const lat = Number(ids.lat);
  const lon = Number(ids.lon);
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}
