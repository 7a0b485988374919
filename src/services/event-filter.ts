import { AppError } from '../domain/errors.js';
import { DEFAULT_COLLECTION, type CollectionId, type EntityId } from '../domain/ids.js';
import { eventStatusSchema } from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { EventFilter } from '../storage/event.repository.js';
import { findEntitiesByName } from './entity-lookup.js';

/** How people filter events (CLI options, API query): names in any spelling, dates as typed. */
export interface EventListFilter {
  status?: string;
  type?: string;
  from?: string;
  to?: string;
  place?: string;
  person?: string;
  /** Only events supported by at least this many sources (a whole number, 1 or more). */
  minSources?: number;
  limit?: number;
  offset?: number;
  collectionId?: CollectionId;
}

export type ResolvedEventFilter = Omit<EventFilter, 'limit' | 'offset'>;

const PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Checks a filter and turns it into what the repository asks: a known status, periods
 * (`2024`, `2024-03`, `2024-03-12`; `to` covers its whole period), a minimum number of
 * sources (a whole number, 1 or more), and place and person
 * names resolved to every root entity they name (the repository includes what is merged
 * into each).
 *
 *   resolveEventFilter(entities, { to: '2024-03', person: 'Nazarbaev' })
 *   // { collectionId: 'default', filter: { to: '2024-03-31', entityRoots: ['ent_…', …] } }
 */
export async function resolveEventFilter(entities: EntityRepository, f: EventListFilter): Promise<{ collectionId: CollectionId; filter: ResolvedEventFilter }> {
  const status = f.status === undefined ? undefined : eventStatusSchema.safeParse(f.status);
  if (status && !status.success) throw new AppError('INVALID_INPUT', `unknown status "${f.status}": use one of ${eventStatusSchema.options.join(', ')}`);
  for (const [name, v] of [['from', f.from], ['to', f.to]] as const) {
    if (v !== undefined && !PERIOD.test(v)) throw new AppError('INVALID_INPUT', `--${name} must be YYYY, YYYY-MM or YYYY-MM-DD, got "${v}"`);
  }
  if (f.minSources !== undefined && !(Number.isSafeInteger(f.minSources) && f.minSources >= 1)) {
    throw new AppError('INVALID_INPUT', `--min-sources must be a whole number, 1 or more, got "${f.minSources}"`);
  }
  const collectionId = f.collectionId ?? DEFAULT_COLLECTION;
  return {
    collectionId,
    filter: {
      status: status?.data,
      type: f.type,
      from: f.from,
      to: f.to ? f.to.padEnd(10, f.to.length === 4 ? '-12-31' : '-31') : undefined,
      placeRoots: f.place ? await rootIdsByName(entities, collectionId, f.place, 'LOCATION') : undefined,
      entityRoots: f.person ? await rootIdsByName(entities, collectionId, f.person, null) : undefined,
      minSources: f.minSources,
    },
  };
}

/** Every root entity whose name or an alias in its tree matches the name. */
async function rootIdsByName(entities: EntityRepository, collectionId: CollectionId, name: string, type: 'LOCATION' | null): Promise<EntityId[]> {
  return (await findEntitiesByName(entities, collectionId, name, type ? [type] : ['PERSON', 'ORGANIZATION'])).map((root) => root.id);
}
