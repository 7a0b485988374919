/**
 * The place gazetteer and name lookup.
 *
 * Loads `data/gazetteer.json` (built by `scripts/build-gazetteer.ts`) once, on first use, and
 * indexes every name of every place under its script-folded key (`place-key.ts`) and its
 * inflection-tolerant stem key.
 *
 *   lookupPlace("в Жанаозене")  -> [{ name: "Zhanaozen", kind: "city", country: "KZ",
 *                                    admin1: "Mangystau Region", match: "inflected", … }]
 */
import { readFileSync } from 'node:fs';
import {
  hasCyrillic, inflectedKeys, kazakhBaseKeys, placeKey,
} from './place-key.js';
import type { Place, PlaceCandidate, PlaceKind, PlaceRow } from './place.types.js';

interface Index {
  places: Place[];
  /** Script-folded key of every name -> places (for Latin mentions). */
  exactAny: Map<string, number[]>;
  /** Same, for Cyrillic mentions: Cyrillic names, and Latin names of places without one. */
  exact: Map<string, number[]>;
  /** Russian oblique-case forms of every name -> places. */
  inflected: Map<string, number[]>;
  /** All-capital abbreviations ("РК", "ВКО", "US", "США"), matched only as written. */
  acronyms: Map<string, number[]>;
}

let index: Index | undefined;

function add(map: Map<string, number[]>, key: string, id: number): void {
  if (key.length === 0) return;
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

function load(): Index {
  const url = new URL('./data/gazetteer.json', import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as { rows: PlaceRow[] };
  const places: Place[] = [];
  const exact = new Map<string, number[]>();
  const exactAny = new Map<string, number[]>();
  const inflected = new Map<string, number[]>();
  const acronyms = new Map<string, number[]>();
  data.rows.forEach((row, id) => {
    const [name, kind, country, admin1, lat, lon, geonameId, population, names, curated] = row;
    const place: Place = { id, name, kind, country, admin1, lat, lon, names, curated: curated === 1 };
    if (geonameId > 0) place.geonameId = geonameId;
    if (population > 0) place.population = population;
    places.push(place);
    // A Cyrillic mention may match a Latin name only for places with no Cyrillic name:
    // "Роме" (dative of the name Рома) must not match "Rome", whose Russian name is "Рим".
    const cyrillicKnown = [name, ...names].some(hasCyrillic);
    const latinForms = !cyrillicKnown && ['city', 'admin1', 'admin2'].includes(kind);
    for (const n of [name, ...names]) {
      if (isAcronym(n)) { add(acronyms, n.replace(/\./g, ''), id); continue; }
      const key = placeKey(n);
      const cyrillic = hasCyrillic(n);
      add(exactAny, key, id);
      if (cyrillic || !cyrillicKnown) add(exact, key, id);
      if (cyrillic || latinForms) for (const form of inflectedKeys(n)) add(inflected, form, id);
    }
  });
  return { places, exact, exactAny, inflected, acronyms };
}

/** A module constant: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const ACRONYM = /^\p{Lu}{2,5}$/u;

function isAcronym(name: string): boolean {
  const letters = name.replace(/\./g, '');
  return ACRONYM.test(letters);
}

/** The loaded gazetteer (loads on first call). */
export function gazetteer(): Index {
  index ??= load();
  return index;
}

/** Number of places in the gazetteer. */
export function placeCount(): number {
  return gazetteer().places.length;
}

/** Words dropped before lookup: prepositions in front, "city"/"город"/"қаласы" around. */
const LEADING = new Set(['v', 'vo', 'na', 'iz', 'ot', 'do', 'k', 'ko', 'po', 'pod', 'u', 'pri',
  'in', 'at', 'from', 'to', 'near', 'the', 'of', 'g', 'gorod', 'goroda', 'gorode', 'city',
  'selo', 'sele', 'posiolok', 'poselok', 'posioke', 'aul', 'auil']);
const TRAILING = new Set(['city', 'town', 'kalasi', 'kalasinda', 'kalasinin', 'auili']);
const POSSESSIVE = /['’ʼ]s$|s['’ʼ]$/u;

function trimKey(key: string): string {
  const words = key.split(' ');
  while (words.length > 1 && LEADING.has(words[0] ?? '')) words.shift();
  while (words.length > 1 && TRAILING.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

function toCandidates(ids: readonly number[], match: PlaceCandidate['match']): PlaceCandidate[] {
  const { places } = gazetteer();
  return ids.map((id) => ({ ...(places[id] as Place), match }));
}

export interface LookupOptions {
  /** Match the whole string only: no dropping of "в", "in", "city", "қаласы" (span finders). */
  exactSpan?: boolean;
  /** Document language; "kk" enables Kazakh suffix removal for any Cyrillic word. */
  lang?: string;
}

/**
 * Every gazetteer place the name may denote. Inflected forms ("Астане", "Атырауской
 * области", "Алматыда", "Kazakhstan’s") are tried only when nothing matches exactly. Case, ё/е,
 * Kazakh vs Russian letters, script, hyphens and spaces are ignored; abbreviations ("ВКО",
 * "US") must be written in capitals.
 */
export function lookupPlace(name: string, options: LookupOptions = {}): PlaceCandidate[] {
  const answer = lookupAnswer(name, options);
  return answer.ids.length === 0 ? [] : toCandidates(answer.ids, answer.match);
}

/**
 * The kinds of `lookupPlace(name, options)`'s candidates, in the same order, for callers that
 * ask only whether a name is a place, or what kind: no candidate objects (a copy of each place)
 * are made. The array is shared from call to call: read it, never change it.
 */
export function lookupPlaceKinds(name: string, options: LookupOptions = {}): readonly PlaceKind[] {
  const answer = lookupAnswer(name, options);
  if (answer.kinds === undefined) {
    const { places } = gazetteer();
    answer.kinds = answer.ids.map((id) => (places[id] as Place).kind);
  }
  return answer.kinds;
}

function lookupAnswer(name: string, options: LookupOptions): LookupAnswer {
  // The answer depends only on the name and `exactSpan`; documents repeat names, and the
  // place finder asks about every capitalised phrase, so answers are remembered (as ids).
  // One cache per `exactSpan`, keyed by the name itself (no joined key string to build per call).
  const cache = options.exactSpan === true ? lookupCacheExact : lookupCache;
  let answer = cache.get(name);
  if (answer === undefined) {
    answer = lookupIds(name, options);
    if (cache.size >= 100_000) cache.clear();
    cache.set(name, answer);
  }
  return answer;
}

interface LookupAnswer {
  ids: readonly number[];
  match: PlaceCandidate['match'];
  /** the ids' kinds (`lookupPlaceKinds`), made on first use */
  kinds?: readonly PlaceKind[];
}

const lookupCache = new Map<string, LookupAnswer>();
const lookupCacheExact = new Map<string, LookupAnswer>();
const NONE: LookupAnswer = { ids: [], match: 'exact' };

function lookupIds(name: string, options: LookupOptions): LookupAnswer {
  const { exact, exactAny, inflected, acronyms } = gazetteer();
  const surface = name.trim().replace(POSSESSIVE, '');
  const possessive = surface.length < name.trim().length;
  if (isAcronym(surface)) {
    const hit = acronyms.get(surface.replace(/\./g, ''));
    if (hit || surface.replace(/\./g, '').length <= 3) return { ids: hit ?? [], match: 'exact' };
  }
  const full = placeKey(surface);
  const key = options.exactSpan === true ? full : trimKey(full);
  if (key.length === 0) return NONE;
  const cyrillic = hasCyrillic(name);
  const hit = (cyrillic ? exact : exactAny).get(key);
  if (hit) return { ids: hit, match: possessive ? 'inflected' : 'exact' };
  if (!cyrillic) return NONE;
  const found = new Set<number>(inflected.get(key) ?? []);
  if (found.size === 0) {
    // Kazakh suffixes leave the stem as it is: "Алматыда" -> "Алматы".
    const { places } = gazetteer();
    for (const base of kazakhBaseKeys(key)) {
      for (const id of exact.get(base) ?? []) {
        const p = places[id];
        if (p && (p.curated || ['country', 'admin1', 'city'].includes(p.kind))) found.add(id);
      }
    }
  }
  // An inflected match on an uncurated village is more often an ordinary word ("Дружбы").
  const { places } = gazetteer();
  return { ids: [...found].filter((id) => places[id]?.kind !== 'village'
    || places[id]?.curated === true), match: 'inflected' };
}

/** Places with exactly this canonical name (tests, tools). */
export function placesNamed(name: string): Place[] {
  return gazetteer().places.filter((p) => p.name === name);
}
