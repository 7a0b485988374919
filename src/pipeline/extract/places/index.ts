/** Places: gazetteer lookup, context resolution and a gazetteer-based mention finder. */
export { findPlaceMentions, inStreetName } from './find-place-mentions.js';
export type { FindPlaceOptions } from './find-place-mentions.js';
export { lookupPlace, placeCount } from './place-gazetteer.js';
export type { LookupOptions } from './place-gazetteer.js';
export { DEFAULT_RESOLVE_OPTIONS, extractPlaces, resolvePlaces } from './resolve-places.js';
export type { ResolveOptions } from './resolve-places.js';
export type {
  Place, PlaceCandidate, PlaceKind, PlaceMention, ResolveContext, ResolvedPlace,
} from './place.types.js';
