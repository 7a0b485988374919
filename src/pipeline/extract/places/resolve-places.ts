/**
 * Place resolver: ties place mentions to gazetteer entries, choosing among same-named places
 * by the document's context.
 *
 * Context comes from every place named in the document (the given mentions plus those
 * `findPlaceMentions` finds in `context.text`): countries named or implied by unambiguous
 * mentions, regions named or implied, and the points of unambiguous places. A candidate gains
 * for sharing a country or region with them or lying near them, then for its kind
 * (country > region > city > town > village), population and being in our curated tables.
 *
 *   resolvePlaces([{ text: "Aksu", start: 30, end: 34 }],
 *     { text: "Police in Kokshetau, Akmola Region… in Aksu…", lang: "en" })
 *   -> [{ text: "Aksu", name: "Aksu", kind: "village", admin1: "Akmola Region", … }]
 */
import { findPlaceMentions } from './find-place-mentions.js';
import { lookupPlace } from './place-gazetteer.js';
import type {
  PlaceCandidate, PlaceKind, PlaceMention, ResolveContext, ResolvedPlace,
} from './place.types.js';

export interface ResolveOptions {
  /** Weight of each kind before context. */
  kindWeight: Record<PlaceKind, number>;
  /** Bonus when the candidate's country is named or implied elsewhere in the document. */
  sameCountry: number;
  /** Bonus when its first-level region is named or implied elsewhere. */
  sameRegion: number;
  /** Bonus when it lies within `nearKm` of an unambiguous place of the document. */
  near: number;
  nearKm: number;
  /** Prior for Kazakhstan, the country Chronicle documents first. */
  homeCountry: string;
  home: number;
  curated: number;
  /** Longest document text scanned for context (characters). */
  maxContextChars: number;
}

export const DEFAULT_RESOLVE_OPTIONS: ResolveOptions = {
  kindWeight: { country: 60, admin1: 50, city: 40, town: 25, admin2: 20, village: 0 },
  sameCountry: 25,
  sameRegion: 50,
  near: 15,
  nearKm: 100,
  homeCountry: 'KZ',
  home: 5,
  curated: 8,
  maxContextChars: 2_000_000,
};

interface Point { lat: number; lon: number; key: string }

/** One distinct location among the document's points, with how many points lie there. */
interface Spot { lat: number; lon: number; count: number }

interface DocumentContext {
  countries: Set<string>;
  regions: Set<string>;
  points: Point[];
  /** Distinct point locations bucketed by whole degrees of latitude and longitude. */
  grid: Map<number, Spot[]>;
  /** Points by mention span, to leave a mention's own point out. */
  pointsByKey: Map<string, Point[]>;
  /** Number of points within `nearKm` of a location ("lat,lon"), computed once per location. */
  nearCounts: Map<string, number>;
}

const cellOf = (latCell: number, lonCell: number): number => latCell * 1000 + lonCell;
const lonCellOf = (lon: number): number => ((Math.floor(lon) % 360) + 360) % 360;

function indexPoints(ctx: DocumentContext): void {
  const spots = new Map<string, Spot>();
  for (const p of ctx.points) {
    const at = `${p.lat},${p.lon}`;
    const spot = spots.get(at);
    if (spot) spot.count += 1;
    else {
      const fresh = { lat: p.lat, lon: p.lon, count: 1 };
      spots.set(at, fresh);
      const k = cellOf(Math.floor(p.lat), lonCellOf(p.lon));
      const cell = ctx.grid.get(k);
      if (cell) cell.push(fresh); else ctx.grid.set(k, [fresh]);
    }
    const own = ctx.pointsByKey.get(p.key);
    if (own) own.push(p); else ctx.pointsByKey.set(p.key, [p]);
  }
}

/**
 * How many of the document's points lie within `km` of `c`. Only the grid cells that can hold
 * such a point are read: the window is generous (a degree of latitude is over 110 km), and
 * near the poles every longitude is read.
 */
function countNear(c: { lat: number; lon: number }, ctx: DocumentContext, km: number): number {
  const latSpan = Math.ceil(km / 110) + 1;
  const lat0 = Math.floor(c.lat);
  const maxAbsLat = Math.abs(c.lat) + latSpan + 1;
  let lonSpan = 180;
  if (maxAbsLat < 89) lonSpan = Math.min(180, Math.ceil(km / (110 * Math.cos((maxAbsLat * Math.PI) / 180))) + 1);
  const lon0 = lonCellOf(c.lon);
  const lonCells = lonSpan >= 180 ? 360 : 2 * lonSpan + 1;
  let n = 0;
  for (let dl = -latSpan; dl <= latSpan; dl++) {
    for (let j = 0; j < lonCells; j++) {
      const lonCell = lonSpan >= 180 ? j : (((lon0 - lonSpan + j) % 360) + 360) % 360;
      const cell = ctx.grid.get(cellOf(lat0 + dl, lonCell));
      if (cell === undefined) continue;
      for (const p of cell) if (distanceKm(p, c) <= km) n += p.count;
    }
  }
  return n;
}

/**
 * True when a point other than the mention's own lies within `km` of `c` — the same answer as
 * comparing `c` with every point, in time that does not grow with the document: the points
 * near each location are counted once, and the mention's own points are subtracted.
 */
function nearPoint(c: { lat: number; lon: number }, self: string, ctx: DocumentContext, km: number): boolean {
  if (ctx.points.length <= 32) return ctx.points.some((p) => p.key !== self && distanceKm(p, c) <= km);
  const at = `${c.lat},${c.lon}`;
  let total = ctx.nearCounts.get(at);
  if (total === undefined) {
    total = countNear(c, ctx, km);
    ctx.nearCounts.set(at, total);
  }
  let own = 0;
  for (const p of ctx.pointsByKey.get(self) ?? []) if (distanceKm(p, c) <= km) own += 1;
  return total > own;
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2
    + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

const spanKey = (m: PlaceMention): string => `${m.start}:${m.end}`;

function collectContext(lookups: { mention: PlaceMention; candidates: PlaceCandidate[] }[]):
DocumentContext {
  const ctx: DocumentContext = {
    countries: new Set(), regions: new Set(), points: [], grid: new Map(), pointsByKey: new Map(), nearCounts: new Map(),
  };
  for (const { mention, candidates } of lookups) {
    const first = candidates[0];
    if (!first) continue;
    if (candidates.every((c) => c.country === first.country)) ctx.countries.add(first.country);
    const regions = new Set(candidates.map((c) => c.admin1));
    if (first.admin1 !== null && regions.size === 1) ctx.regions.add(first.admin1);
    if (candidates.length === 1 && first.kind !== 'country') {
      ctx.points.push({ lat: first.lat, lon: first.lon, key: spanKey(mention) });
    }
  }
  indexPoints(ctx);
  return ctx;
}

function score(c: PlaceCandidate, self: string, ctx: DocumentContext, o: ResolveOptions): number {
  let s = o.kindWeight[c.kind] + Math.min(25, 4 * Math.log10((c.population ?? 0) + 1));
  if (c.curated) s += o.curated;
  if (c.match === 'inflected') s -= 2;
  if (c.country === o.homeCountry) s += o.home;
  if (ctx.countries.has(c.country)) s += o.sameCountry;
  if (c.admin1 !== null && ctx.regions.has(c.admin1)) s += o.sameRegion;
  if (c.kind !== 'country' && nearPoint(c, self, ctx, o.nearKm)) s += o.near;
  return s;
}

/**
 * Resolve each mention to its most likely gazetteer entry; mentions naming no known place
 * are left out. Output follows input order.
 */
export function resolvePlaces(mentions: readonly PlaceMention[], context: ResolveContext,
  options: Partial<ResolveOptions> = {}): ResolvedPlace[] {
  const o = { ...DEFAULT_RESOLVE_OPTIONS, ...options };
  const given = mentions.map((mention) => ({ mention, candidates: lookupPlace(mention.text) }));
  const seen = new Set(mentions.map(spanKey));
  const found = context.text.length > 0 && context.text.length <= o.maxContextChars
    ? findPlaceMentions(context.text, context.lang).filter((m) => !seen.has(spanKey(m)))
    : [];
  const ctx = collectContext([
    ...given, ...found.map((mention) => ({ mention, candidates: lookupPlace(mention.text) })),
  ]);
  const resolved: ResolvedPlace[] = [];
  for (const { mention, candidates } of given) {
    let best: PlaceCandidate | undefined;
    let bestScore = -Infinity;
    for (const c of candidates) {
      const s = score(c, spanKey(mention), ctx, o);
      if (s > bestScore) { best = c; bestScore = s; }
    }
    if (!best) continue;
    const place: ResolvedPlace = { text: mention.text, start: mention.start, end: mention.end,
      name: best.name, country: best.country, admin1: best.admin1, lat: best.lat, lon: best.lon,
      kind: best.kind };
    if (best.geonameId !== undefined) place.geonameId = best.geonameId;
    resolved.push(place);
  }
  return resolved;
}

/** Find and resolve place mentions in one step (no NER needed). */
export function extractPlaces(text: string, lang: string): ResolvedPlace[] {
  return resolvePlaces(findPlaceMentions(text, lang), { text, lang });
}
