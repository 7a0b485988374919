/**
 * The API benchmark's scenarios: what the web workbench asks for, with the parameters its
 * pages send (events page: 50 a page; timeline: 500; map: every event, by place; review queue: 200;
 * inbox: 50 with a cursor; search: 20 a page), drawn at random from the loaded data (pools)
 * and, for search, from the search benchmark's query classes (bench/search-queries.ts).
 *
 *   const scenarios = buildScenarios(pools, model, 42);
 *   scenarios[0].next(rng) // -> { variant: 'type', path: '/api/v1/events?type=detention&limit=50' }
 */
import type { SearchQueryInput } from '../src/domain/search.js';
import type { Pools } from './api-data.js';
import { Rng, type CorpusModel } from './search-corpus.js';
import { buildQueries } from './search-queries.js';

export interface Request {
  /** Which kind of request of the scenario (for the per-variant diagnostics). */
  variant: string;
  path: string;
}

export interface Scenario {
  name: string;
  description: string;
  next(rng: Rng): Request;
}

type Variant = [weight: number, name: string, make: (rng: Rng) => Record<string, string | number | undefined> | string];

const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

/** A scenario drawing one of its weighted variants per request. */
function weighted(name: string, description: string, base: string, variants: Variant[]): Scenario {
  const total = variants.reduce((a, v) => a + v[0], 0);
  return {
    name,
    description,
    next(rng) {
      let x = rng.next() * total;
      const v = variants.find((w) => (x -= w[0]) < 0) ?? variants[variants.length - 1]!;
      const made = v[2](rng);
      return { variant: v[1], path: typeof made === 'string' ? made : `${base}?${qs(made)}` };
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A year, or a quarter of one, in the corpus' years (2000–2024, more recent more likely). */
function period(rng: Rng): { from: string; to: string } {
  const year = 2000 + Math.floor(Math.sqrt(rng.next()) * 25);
  if (rng.chance(0.5)) return { from: String(year), to: String(year) };
  const m = 1 + 3 * rng.int(4);
  return { from: `${year}-${pad(m)}`, to: `${year}-${pad(m + 2)}` };
}

export function buildScenarios(pools: Pools, model: CorpusModel, seed: number): Scenario[] {
  const types = pools.types;
  const commonType = (rng: Rng) => types[rng.int(Math.min(6, types.length))]!;
  const anyType = (rng: Rng) => rng.pick(types);
  const queries = buildQueries(model, seed);
  const search = (q: Omit<SearchQueryInput, 'collectionId'>, extra: Record<string, string | number | undefined> = {}) => ({
    q: q.text,
    type: q.types?.join(','),
    from: q.from,
    to: q.to,
    limit: 20,
    ...extra,
  });

  return [
    {
      name: 'event',
      description: 'GET /api/v1/events/:id — the event page (sources, acts, claims, conflicts), random events of every status',
      next: (rng) => ({ variant: 'event', path: `/api/v1/events/${rng.pick(pools.eventIds)}` }),
    },
    weighted('events', 'GET /api/v1/events — the events page (50 a page) with its filters', '/api/v1/events', [
      [20, 'latest', () => ({ limit: 50 })],
      [10, 'page', (rng) => ({ limit: 50, offset: 50 * (1 + rng.int(40)) })],
      [15, 'type', (rng) => ({ type: anyType(rng), limit: 50 })],
      [15, 'period', (rng) => ({ ...period(rng), limit: 50 })],
      [10, 'type+period', (rng) => ({ type: commonType(rng), ...period(rng), limit: 50 })],
      [10, 'place', (rng) => ({ place: rng.pick(pools.placesCommon), limit: 50 })],
      [5, 'place-rare', (rng) => ({ place: rng.pick(pools.placesRare), limit: 50 })],
      [5, 'status', (rng) => ({ status: rng.pick(['confirmed', 'proposed', 'rejected']), limit: 50 })],
      [5, 'person', (rng) => ({ person: rng.pick(pools.personsCommon), limit: 50 })],
      [5, 'person-rare', (rng) => ({ person: rng.pick(pools.personsRare), limit: 50 })],
    ]),
    weighted('timeline', 'GET /api/v1/events/timeline?limit=500 — the timeline page', '/api/v1/events/timeline', [
      [40, 'latest', () => ({ limit: 500 })],
      [30, 'type', (rng) => ({ type: commonType(rng), limit: 500 })],
      [30, 'period', (rng) => ({ ...period(rng), limit: 500 })],
    ]),
    weighted('search', 'GET /api/v1/search — common and rare words, phrases, two words with a type, date ranges, kind and place facets, page 2+', '/api/v1/search', [
      [20, 'common', (rng) => search(rng.pick(queries.common).chronicle)],
      [20, 'rare', (rng) => search(rng.pick(queries.rare).chronicle)],
      [15, 'phrase', (rng) => search(rng.pick(queries.phrase).chronicle)],
      [10, 'two-terms(+type)', (rng) => search(rng.pick(queries.twoTerms).chronicle)],
      [10, 'dated', (rng) => search(rng.pick(queries.dated).chronicle)],
      [10, 'kind=event', (rng) => search(rng.pick(queries.common).chronicle, { kind: 'event' })],
      [5, 'place', (rng) => search(rng.pick(queries.twoTerms).chronicle, { place: rng.pick(pools.placesCommon), type: undefined })],
      [5, 'person', (rng) => search({ text: rng.pick(queries.rare).chronicle.text }, { person: rng.pick(pools.personsCommon) })],
      [5, 'page', (rng) => search(rng.pick(queries.common).chronicle, { offset: 20 * (1 + rng.int(5)) })],
    ]),
    weighted('suggestions', 'GET /api/v1/suggestions — the review queue (200 a page; the reader asks for 500 event suggestions)', '/api/v1/suggestions', [
      [40, 'pending', () => ({ limit: 200 })],
      [15, 'events', () => ({ kind: 'event', limit: 200 })],
      [10, 'entities', () => ({ kind: 'entity', limit: 200 })],
      [10, 'merges', () => ({ kind: 'merge', limit: 200 })],
      [15, 'page', (rng) => ({ limit: 50, offset: rng.int(Math.max(1, pools.pendingSuggestions - 50)) })],
      [10, 'reader', () => ({ kind: 'event', limit: 500 })],
    ]),
    weighted('sources', 'GET /api/v1/sources — the inbox (50 a page, newest first, by cursor)', '/api/v1/sources', [
      [50, 'latest', () => ({ limit: 50 })],
      [50, 'cursor', (rng) => ({ limit: 50, before: rng.pick(pools.sourceIds) })],
    ]),
    weighted('map', 'GET /api/v1/events/geo — the map: every event the filters select, counted by place and type', '/api/v1/events/geo', [
      [40, 'all', () => ({})],
      [20, 'type', (rng) => ({ type: anyType(rng) })],
      [20, 'period', (rng) => period(rng)],
      [20, 'status', () => ({ status: 'confirmed' })],
    ]),
    weighted('monthly', 'GET /api/v1/stats/monthly — the trends chart', '/api/v1/stats/monthly', [
      [50, 'all', () => ({})],
      [30, 'range', (rng) => {
        const a = 2000 + rng.int(20);
        return { from: String(a), to: String(a + 1 + rng.int(5)) };
      }],
      [20, 'type', (rng) => ({ type: commonType(rng) })],
    ]),
  ];
}

/** Weights of the scenarios in the whole-workbench mix (reading events dominates). */
export const MIX_WEIGHTS: Record<string, number> = {
  event: 30,
  events: 20,
  timeline: 4,
  search: 20,
  suggestions: 8,
  sources: 8,
  map: 4,
  monthly: 6,
};

export function mixScenario(scenarios: Scenario[]): Scenario {
  const total = scenarios.reduce((a, s) => a + (MIX_WEIGHTS[s.name] ?? 0), 0);
  return {
    name: 'mix',
    description: `everything at once, weighted: ${scenarios.map((s) => `${s.name} ${Math.round(((MIX_WEIGHTS[s.name] ?? 0) / total) * 100)}%`).join(', ')}`,
    next(rng) {
      let x = rng.next() * total;
      const s = scenarios.find((sc) => (x -= MIX_WEIGHTS[sc.name] ?? 0) < 0) ?? scenarios[0]!;
      const r = s.next(rng);
      return { variant: `${s.name}:${r.variant}`, path: r.path };
    },
  };
}
