import { api, itemsOf, type Query } from '../api-client.js';
import type { EntityDetail, EntityRecord, EventBrief, EventDetail, EventSummary, RecordVersion, SuggestionView } from './types.js';

/**
 * Calls to the records routes (suggestions, events, entities, violations), in one place so
 * a change of route shape is one edit. Event details are cached briefly: a review list
 * shows many suggestions and each needs its event.
 */
const eventCache = new Map<string, { at: number; value: Promise<EventDetail> }>();
const TTL = 30_000;

export function getEvent(id: string, fresh = false): Promise<EventDetail> {
  const hit = eventCache.get(id);
  if (!fresh && hit && Date.now() - hit.at < TTL) return hit.value;
  const value = api.get<EventDetail>(`/events/${encodeURIComponent(id)}`);
  eventCache.set(id, { at: Date.now(), value });
  value.catch(() => eventCache.delete(id));
  return value;
}

export function forgetEvent(id: string): void {
  eventCache.delete(id);
}

/**
 * The `minSources` filter as the API takes it (a whole number from 1), from a page's address;
 * anything else (0, empty, text) is no filter rather than an error.
 */
export function minSourcesOf(value: string | null): string {
  return value !== null && /^[1-9]\d{0,5}$/.test(value) ? value : '';
}

export async function listEvents(query: Query, signal?: AbortSignal): Promise<{ items: EventSummary[]; total?: number }> {
  const body = await api.get<{ items: EventSummary[]; total?: number } | EventSummary[]>('/events', query, { signal });
  return { items: itemsOf<EventSummary>(body), total: (body as { total?: number }).total };
}

/** The timeline's events: what it draws of each (GET /events/timeline). */
export async function timelineEvents(query: Query, signal?: AbortSignal): Promise<{ items: EventBrief[] }> {
  return { items: itemsOf<EventBrief>(await api.get('/events/timeline', query, { signal })) };
}

export async function eventHistory(id: string): Promise<RecordVersion[]> {
  return itemsOf<RecordVersion>(await api.get(`/events/${encodeURIComponent(id)}/history`));
}

export async function listSuggestions(query: Query, signal?: AbortSignal): Promise<SuggestionView[]> {
  return itemsOf<SuggestionView>(await api.get('/suggestions', query, { signal }));
}

export type Decision = 'accept' | 'reject';

export function decide(id: string, decision: Decision, comment?: string): Promise<unknown> {
  const body = decision === 'accept' ? (comment ? { comment } : {}) : comment ? { reason: comment } : {};
  return api.post(`/suggestions/${encodeURIComponent(id)}/${decision}`, body);
}

export function editSuggestion(id: string, body: { set: Record<string, unknown>; evidence?: { sourceId: string; start: number; end: number }; comment?: string }): Promise<unknown> {
  return api.patch(`/suggestions/${encodeURIComponent(id)}`, body);
}

export async function findEntities(name: string, type?: string, signal?: AbortSignal): Promise<EntityRecord[]> {
  return itemsOf<EntityRecord>(await api.get('/entities', { name, type, limit: 10 }, { signal }));
}

const recentByType = new Map<string, { at: number; value: Promise<EntityRecord[]> }>();

/**
 * Entities for a typeahead: the server's name match (any spelling or script, whole names)
 * plus, for what is typed so far, known names containing it (from the newest 500 of the type).
 */
export async function suggestEntities(text: string, type: string | undefined, signal?: AbortSignal): Promise<EntityRecord[]> {
  const key = type ?? '';
  let recent = recentByType.get(key);
  if (!recent || Date.now() - recent.at > 30_000) {
    recent = { at: Date.now(), value: api.get('/entities', { type, limit: 500 }).then((b) => itemsOf<EntityRecord>(b)) };
    recent.value.catch(() => recentByType.delete(key));
    recentByType.set(key, recent);
  }
  const [matched, all] = await Promise.all([findEntities(text, type, signal).catch(() => [] as EntityRecord[]), recent.value.catch(() => [] as EntityRecord[])]);
  const needle = text.toLocaleLowerCase();
  const contains = all.filter((e) => e.name.toLocaleLowerCase().includes(needle));
  const seen = new Set<string>();
  return [...matched, ...contains].filter((e) => !seen.has(e.id) && seen.add(e.id));
}

export function getEntity(id: string): Promise<EntityDetail> {
  return api.get<EntityDetail>(`/entities/${encodeURIComponent(id)}`);
}

/**
 * Pending event suggestions about one source. The suggestions route has no source filter,
 * so this lists pending event suggestions and keeps those whose event cites the source
 * (event details are cached and fetched a few at a time).
 */
export async function suggestionsForSource(sourceId: string, signal?: AbortSignal): Promise<SuggestionView[]> {
  const all = await listSuggestions({ status: 'pending', kind: 'event', limit: 500 }, signal);
  const keep = await mapLimit(all, 6, async (s) => {
    if (!s.eventId) return false;
    const ev = await getEvent(s.eventId).catch(() => null);
    return !!ev?.sources.some((x) => x.id === sourceId);
  });
  return all.filter((_, i) => keep[i]);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const sourceTitles = new Map<string, Promise<string | null>>();

/** A source's title for lists that only hold its id (cached for the page's life). */
export function sourceTitle(id: string): Promise<string | null> {
  let hit = sourceTitles.get(id);
  if (!hit) {
    hit = api
      .get<{ article: { value: { title: string | null } | null } | null; source: { provenance: { fileName: string | null; finalUrl: string | null } } }>(`/sources/${encodeURIComponent(id)}`)
      .then((d) => d.article?.value?.title ?? d.source.provenance.fileName ?? d.source.provenance.finalUrl ?? null);
    hit.catch(() => sourceTitles.delete(id));
    sourceTitles.set(id, hit);
  }
  return hit;
}
