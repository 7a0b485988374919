/** Types shared by the gazetteer builder, the lookup, the resolver and the mention finder. */

/** What kind of place an entry is; doubles as the place's precision. */
export type PlaceKind = 'country' | 'admin1' | 'admin2' | 'city' | 'town' | 'village';

/** One gazetteer entry as the resolver sees it. */
export interface Place {
  /** Row index in the committed data file (stable within one data version). */
  id: number;
  /** Canonical English name (current official name: "Astana", not "Nur-Sultan"). */
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Canonical first-level region ("Abai Region", "Almaty" for the city); null for countries. */
  admin1: string | null;
  lat: number;
  lon: number;
  geonameId?: number;
  population?: number;
  /** Every other name and spelling, any script (canonical name not repeated). */
  names: string[];
  /** True for entries from our own hand-written tables (curated, preferred on ties). */
  curated: boolean;
}

/** A lookup result: the place and how the name matched. */
export interface PlaceCandidate extends Place {
  /** exact: whole key matched; inflected: matched after removing a case ending or possessive. */
  match: 'exact' | 'inflected';
}

/** A span of text believed to name a place (from NER or `findPlaceMentions`). */
export interface PlaceMention {
  text: string;
  start: number;
  end: number;
}

export interface ResolveContext {
  /** The whole document the mentions index into. */
  text: string;
  /** Document language ("en", "ru", "kk", ...). */
  lang: string;
}

/** A mention tied to one gazetteer entry. */
export interface ResolvedPlace extends PlaceMention {
  name: string;
  country: string;
  admin1: string | null;
  lat: number;
  lon: number;
  geonameId?: number;
  kind: PlaceKind;
}

/**
 * Compact row of the committed data file:
 * [name, kind, country, admin1, lat, lon, geonameId (0 = none), population (0 = unknown),
 *  names, curated (1/0)].
 */
export type PlaceRow = [
  string, PlaceKind, string, string | null, number, number, number, number, string[], number,
];
