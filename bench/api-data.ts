/**
 * The API benchmark's data: N synthetic sources (bench/search-corpus.ts) written straight
 * into a fresh Chronicle database through the repositories, in one transaction per batch,
 * shaped as the capture → extraction → review pipeline leaves them — without running the
 * cleaner or the extractor on N texts:
 *
 *   sources + articles (the full cleaned Article JSON) + a finished process-source job each
 *   (here); for every person, place and perpetrator organisation a source names, an entity row
 *   of its own linked to its root, as automatic linking does (bench/api-entities.ts); about one
 *   event per two sources, with acts, claims citing spans of the text, history and suggestions,
 *   and a fifth of the sources further sources of a recent event, some near-duplicates
 *   (bench/api-events.ts). Sources and live events are indexed in the search index
 *   (SearchIndex.index).
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
import { createId, type JobId, type SourceId } from '../src/domain/ids.js';
import type { SearchDocument } from '../src/domain/search.js';
import type { EVENT_TYPES } from '../src/pipeline/extract/events/vocabulary.js';
import { openDatabase } from '../src/storage/database.js';
import { createSearchIndex } from '../src/storage/search/index.js';
import { UnitOfWork, type TransactionalRepositories } from '../src/storage/unit-of-work.js';
import { C, EntityWriter, SuggestionWriter, type PersonMention, type PlaceRoot, type Root } from './api-entities.js';
import { EventWriter, shift } from './api-events.js';
import { loadCorpusModel, Rng, type CorpusModel } from './search-corpus.js';

const CLEANER = { name: 'chronicle-clean', version: '1.0.0' };
const PROCESS_SOURCE_JOB = 'process-source';
const DAY = 86_400_000;

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

export async function loadApiData(o: LoadOptions): Promise<LoadFacts> {
  const t0 = performance.now();
  o.log('loading the corpus model…');
  const model = loadCorpusModel(o.seed);
  const modelSeconds = (performance.now() - t0) / 1000;
  const handle = await openDatabase({ databaseUrl: null, dataDir: o.dir });
  const db = handle.db as unknown as Kysely<any>;
  // A bulk load: one fsync per batch is plenty (the server reopens with Chronicle's own settings).
  await sql`pragma synchronous = NORMAL`.execute(db);
  const unitOfWork = new UnitOfWork(handle.db);
  const index = createSearchIndex(handle);
  const gen = new SourceWriter(model, o.seed, o.sources);

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
    // A turn of the event loop between the parts of a batch (each is a few seconds of
    // synchronous SQLite work): a Ctrl-C is then handled within seconds (bench/api.ts cleans up).
    await new Promise((resolve) => setImmediate(resolve));
    t = performance.now();
    await index.index(searchDocs);
    indexMs += performance.now() - t;
    await new Promise((resolve) => setImmediate(resolve));
    if (end % (o.batch * 10) === 0 || end === o.sources) {
      const el = (performance.now() - loadStart) / 1000;
      o.log(
        `loaded ${end}/${o.sources} sources, ${gen.events.count} events (${Math.round(end / el)} sources/s, ${fmt(el)} elapsed, ~${fmt((el / end) * (o.sources - end))} left; records ${fmt(recordsMs / 1000)}, search ${fmt(indexMs / 1000)}; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`,
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

const round = (x: number) => Math.round(x * 100) / 100;

/** Writes one source at a time, and through the entity and event writers what was made of it. */
class SourceWriter {
  readonly suggestions = new SuggestionWriter();
  readonly entities: EntityWriter;
  readonly events: EventWriter;
  private readonly sourceSample: string[] = [];
  private readonly startMs = Date.UTC(2023, 0, 1);
  private readonly stepMs: number;

  constructor(
    model: CorpusModel,
    private readonly seed: number,
    total: number,
  ) {
    this.entities = new EntityWriter(model, this.suggestions);
    this.events = new EventWriter(this.entities, this.suggestions);
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
    const target = r >= 0.5 && r < 0.7 ? this.events.pickRecent(rng) : null;
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
    const people: PersonMention[] = [];
    for (const canonical of doc.persons) people.push(await this.entities.person(tx, rng, canonical, doc, sourceId, at, atMs));
    const places: PlaceRoot[] = [];
    for (const name of doc.places) {
      const place = await this.entities.place(tx, name, doc, sourceId, at, atMs);
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
      const eventDoc = await this.events.create(tx, rng, { sourceId, at, atMs, doc, types, people, place: places[0] ?? null });
      if (eventDoc) out.push(eventDoc);
    } else if (target) {
      await this.events.attach(tx, rng, target, { sourceId, at, doc, people });
    }
    return out;
  }

  pools(model: CorpusModel): Pools {
    const rng = new Rng(this.seed ^ 0x7001);
    const places = this.entities.placesByEvents();
    const persons = this.entities.personsByEvents();
    const rareOf = (list: Root[]) => {
      const tail = list.slice(Math.floor(list.length / 2));
      return Array.from({ length: Math.min(40, tail.length) }, () => rng.pick(tail).name);
    };
    // Half of the common people as Russian reports write them (Cyrillic): the filter must find either.
    const personsCommon = persons.slice(0, 40).map((p, k) => (k % 2 === 0 ? p.name : [...p.aliases].find((a) => /[\u0400-\u04FF]/u.test(a)) ?? p.name));
    return {
      eventIds: this.events.sample,
      sourceIds: this.sourceSample,
      placesCommon: places.slice(0, 40).map((p) => p.name),
      placesRare: rareOf(places),
      personsCommon,
      personsRare: rareOf(persons),
      types: [...this.events.typeCounts].sort((a, b) => b[1] - a[1]).map(([t]) => t),
      pendingSuggestions: this.suggestions.pending,
      surnameDocs: Array.from(model.surnameDocs),
    };
  }
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`;
}
