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
    const places = new Map<EntityId, GeoEvent['place'] | null>();
    const items: GeoEvent[] = [];
    for (const e of rows) {
      if (!e.placeId) continue;
      if (!places.has(e.placeId)) places.set(e.placeId, await this.coordinatesOf(e.placeId));
      const place = places.get(e.placeId);
      if (place) items.push({ id: e.id, title: e.title, types: e.types, status: e.status, dateFrom: e.dateFrom, dateTo: e.dateTo, datePrecision: e.datePrecision, place });
    }
    return { items, unplaced: rows.length - items.length };
  }

  /** The place an id stands for now (merges followed), with the first coordinates in its tree. */
  private async coordinatesOf(id: EntityId): Promise<GeoEvent['place'] | null> {
    const root = await this.entities.findRoot(id);
    if (!root) return null;
    const tree = await this.entities.findByIds(await this.entities.treeIds(root.id));
    for (const e of [root, ...tree]) {
      const lat = Number(e.externalIds.lat);
      const lon = Number(e.externalIds.lon);
      if (e.externalIds.lat !== undefined && e.externalIds.lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        return { id: root.id, name: root.name, lat, lon };
      }
    }
    return null;
  }
}
