import type { EntityId } from '../domain/ids.js';
import type { EventRecord } from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { EventRepository } from '../storage/event.repository.js';
import { resolveEventFilter, type EventListFilter } from './event-filter.js';

export interface MonthlyCount {
  /** `YYYY-MM`, the month an event starts in. */
  month: string;
  type: string;
  count: number;
}

export interface GeoEvent extends Pick<EventRecord, 'id' | 'title' | 'types' | 'status' | 'dateFrom' | 'dateTo' | 'datePrecision'> {
  place: { id: EntityId; name: string; lat: number; lon: number };
}

const GEO_MAX = 5000;

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
   * Events whose place has coordinates (places from the gazetteer carry `lat`/`lon` in their
   * external ids; places typed by hand have none and stay off the map, counted in `unplaced`).
   */
  async geo(f: EventListFilter): Promise<{ items: GeoEvent[]; unplaced: number }> {
    const { collectionId, filter } = await resolveEventFilter(this.entities, f);
    const rows = await this.events.list(collectionId, { ...filter, limit: Math.min(f.limit ?? 1000, GEO_MAX), offset: f.offset ?? 0 });
    const places = await this.placesOf(rows.flatMap((e) => (e.placeId ? [e.placeId] : [])));
    const items: GeoEvent[] = [];
    for (const e of rows) {
      const place = e.placeId ? places.get(e.placeId) : undefined;
      if (place) items.push({ id: e.id, title: e.title, types: e.types, status: e.status, dateFrom: e.dateFrom, dateTo: e.dateTo, datePrecision: e.datePrecision, place });
    }
    return { items, unplaced: rows.length - items.length };
  }

  /**
   * The places ids stand for now (merges followed), each with the first coordinates in its tree
   * (the root's own when it has them), by id; places without coordinates are absent. A fixed
   * number of queries however many places.
   */
  private async placesOf(ids: EntityId[]): Promise<Map<EntityId, GeoEvent['place']>> {
    const roots = await this.entities.findRoots(ids);
    const missing = [...new Set([...roots.values()].filter((root) => !coordinates(root.externalIds)).map((root) => root.id))];
    const inTrees = await this.entities.coordinatesInTrees(missing);
    const out = new Map<EntityId, GeoEvent['place']>();
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
