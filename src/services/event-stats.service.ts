import type { EntityId } from '../domain/ids.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { EventRepository } from '../storage/event.repository.js';
import { resolveEventFilter, type EventListFilter } from './event-filter.js';

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
 * Events counted and placed for the trends chart and the map. Both take the events list's
 * filters, so a click on a bar or a mark can open exactly the events behind it.
 */
export class EventStatsService {
  constructor(
    private readonly events: EventRepository,
    private readonly entities: EntityRepository,
  ) {}

  /** Dated live events (proposed and confirmed) per start month and type; an event of two types counts in both. */
  async monthly(f: Omit<EventListFilter, 'limit' | 'offset'>): Promise<MonthlyCount[]> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const counts = new Map<string, MonthlyCount>();
    for (const row of await this.events.monthlyCounts(collectionId, filter)) {
      for (const type of new Set(row.types)) {
        if (f.type && type !== f.type) continue;
        const key = `${row.month}\u0000${type}`;
        const c = counts.get(key) ?? { month: row.month, type, count: 0 };
        c.count += row.n;
        counts.set(key, c);
      }
    }
    return [...counts.values()].sort((a, b) => a.month.localeCompare(b.month) || a.type.localeCompare(b.type));
  }

  /**
   * Every event a filter selects, counted by place for the map, most events first. Places
   * from the gazetteer carry `lat`/`lon` in their external ids; events at places typed by
   * hand (no coordinates) or at no place are counted in `unplaced`. Events at places merged
   * into one count at that one.
   */
  async geo(f: Omit<EventListFilter, 'limit' | 'offset'>): Promise<GeoSummary> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const rows = await this.events.countByPlace(collectionId, filter);
    const points = await this.placesOf(rows.flatMap((r) => (r.placeId ? [r.placeId] : [])));
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
      .map(({ byType, ...place }) => ({ ...place, types: [...byType].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return { places, unplaced, total };
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

/** Valid coordinates from external ids (`lat`, `lon`), or null. */
function coordinates(ids: Record<string, string>): { lat: number; lon: number } | null {
  if (ids.lat === undefined || ids.lon === undefined) return null;
  const lat = Number(ids.lat);
  const lon = Number(ids.lon);
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}
