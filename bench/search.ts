/**
 * Benchmark: full-text search at scale (issue 4's `bench:search`).
 *
 * Loads N synthetic sources (bench/search-corpus.ts: 300–800 words, en/ru/kk, names in both
 * scripts, places, types, dates) through Chronicle's SearchIndex on SQLite in batched
 * transactions, builds beside it the baseline — a plain FTS5 table over the same raw titles
 * and texts (external content = search_texts, `unicode61 remove_diacritics 2`) — and measures,
 * per query class, p50/p99/mean latency of Chronicle's `search()` (hits with snippets, total,
 * facets) and of the baseline's `MATCH … ORDER BY rank LIMIT 20` (hits only), in the same
 * process on the same data:
 *
 *   rare       a person's surname found in 2–60 documents, as written in Cyrillic or Latin
 *   common     the commonest words (the, of, в, и, …) and the commonest longer words
 *   phrase     a two-word phrase from the corpus ("…")
 *   twoTerms   two words, half of them with a type filter (facets always counted)
 *   dated      a common word within a one-year or three-month date range
 *
 * Reports index size (database file and per table), build times and peak RSS.
 *
 *   npm run bench:search -- --json --docs 1000000
 *   flags: --docs N (100000) --queries K per class (200) --json --data DIR (default: a temporary
 *          directory, deleted afterwards unless --keep) --keep --batch B (2000) --seed S (42)
 *          --baseline-seconds T (time budget per class for the slow baseline; 90)
 *          --reuse (with --data: measure the queries again on a database this script built and
 *          kept, without loading; the build figures come from its bench-build.json)
 *          --resume (with --data: finish a load that was interrupted — see resumeState below —
 *          then build, measure and report as usual; the report says the load was resumed)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { SearchQueryInput, SearchResult } from '../src/domain/search.js';
import { openDatabase } from '../src/storage/database.js';
import { createSearchIndex, DEFAULT_TUNING, type SearchIndex } from '../src/storage/search/index.js';
import { loadCorpusModel, Rng, type CorpusModel } from './search-corpus.js';
import { buildQueries, type BenchQuery, type ClassName } from './search-queries.js';
import { onInterrupt } from './interrupt.js';

interface Options {
  docs: number;
  queries: number;
  json: boolean;
  data: string | null;
  keep: boolean;
  reuse: boolean;
  resume: boolean;
  batch: number;
  seed: number;
  baselineSeconds: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { docs: 100_000, queries: 200, json: false, data: null, keep: false, reuse: false, resume: false, batch: 2000, seed: 42, baselineSeconds: 90 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a whole number`);
      return n;
    };
    if (a === '--docs') o.docs = int();
    else if (a === '--queries') o.queries = int();
    else if (a === '--json') o.json = true;
    else if (a === '--data') o.data = value();
    else if (a === '--keep') o.keep = true;
    else if (a === '--reuse') o.reuse = true;
    else if (a === '--resume') o.resume = true;
    else if (a === '--batch') o.batch = Math.max(1, int());
    else if (a === '--seed') o.seed = int();
    else if (a === '--baseline-seconds') o.baselineSeconds = int();
    else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = o.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chronicle-bench-search-'));
  const created = o.data === null;
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, 'chronicle.sqlite');
  if (o.reuse && (created || !fs.existsSync(path.join(dir, BUILD_FILE)))) throw new Error(`--reuse needs --data with a database this benchmark built (${BUILD_FILE})`);
  if (o.reuse && o.resume) throw new Error('--reuse and --resume exclude each other');
  if (o.resume && (created || !fs.existsSync(dbFile))) throw new Error('--resume needs --data with the database of an interrupted build');
  if (o.resume && fs.existsSync(path.join(dir, BUILD_FILE))) throw new Error(`${dir} holds a finished build (${BUILD_FILE}): --reuse it`);
  if (!o.reuse && !o.resume && fs.existsSync(dbFile)) throw new Error(`${dbFile} exists: give an empty --data folder (or --reuse it)`);
  // Interrupted (Ctrl-C, a killed job): a temporary folder goes, as the finally block would
  // remove it (it cannot be resumed: --resume needs --data); a --data folder stays for --resume.
  onInterrupt(log, () => {
    if (created && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`data kept in ${dir}`);
  });
  try {
    await run(o, dir, dbFile);
  } finally {
    if (created && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`data kept in ${dir}`);
  }
}

/** What a build leaves in the data folder for --reuse. */
const BUILD_FILE = 'bench-build.json';
/** How far a load got (rewritten after every batch), for --resume. */
const PROGRESS_FILE = 'bench-progress.json';

interface Progress {
  seed: number;
  /** Documents committed when this was written. */
  docs: number;
  /** Seconds of loading until then (generating, Chronicle's index and the baseline's, interleaved). */
  loadSeconds: number;
  generateSeconds?: number;
  chronicleIndexSeconds?: number;
  baselineIndexSeconds?: number;
  /** Where the figures come from, when not written by the load itself. */
  source?: string;
  /** A resumed load's: what it resumed from (so a load resumed twice still tells its story). */
  earlier?: Progress & { estimatedDocs: number; estimatedSeconds: number };
}

interface BuildFacts {
  docs: number;
  seed: number;
  corpus: Record<string, unknown>;
  build: Record<string, number | null>;
  /** How the documents were loaded: in one go, or resumed after an interruption. */
  load?: Record<string, unknown>;
  size: Awaited<ReturnType<typeof sizes>>;
  peakRssMB: number;
  surnameDocs: number[];
}

async function run(o: Options, dir: string, dbFile: string): Promise<void> {
  const model = loadCorpusModel(o.seed);
  const handle = await openDatabase({ databaseUrl: null, dataDir: dir });
  const db = handle.db as unknown as Kysely<any>;
  const index = createSearchIndex(handle);
  let facts: BuildFacts;
  if (o.reuse) {
    facts = JSON.parse(fs.readFileSync(path.join(dir, BUILD_FILE), 'utf8')) as BuildFacts;
    if (facts.seed !== o.seed) throw new Error(`the kept database was built with --seed ${facts.seed}`);
    model.surnameDocs.set(facts.surnameDocs);
    log(`reusing the ${facts.docs}-document database in ${dir}`);
  } else {
    facts = await build(o, dir, dbFile, model, index, db);
    fs.writeFileSync(path.join(dir, BUILD_FILE), JSON.stringify(facts));
  }

  // Queries.
  const types = await sql<{ id: number; key: string }>`select id, key from search_values where facet = 'type' and collection_id = 'default'`.execute(db);
  for (const r of types.rows) typeIds.set(r.key, Number(r.id));
  const queries = buildQueries(model, o.seed);
  const results: Record<string, unknown> = {};
  for (const cls of Object.keys(queries) as ClassName[]) {
    log(`queries: ${cls}…`);
    results[cls] = await measureClass(cls, queries[cls], index, db, o);
  }
  await handle.close();

  const report = {
    benchmark: 'search',
    docs: facts.docs,
    seed: o.seed,
    corpus: facts.corpus,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10), node: process.version },
    tuning: DEFAULT_TUNING,
    build: facts.build,
    load: facts.load ?? { resumed: false },
    size: facts.size,
    peakRssMB: Math.max(facts.peakRssMB, Math.round(process.resourceUsage().maxRSS / 1024)),
    queries: results,
  };
  if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printTable(report);
}

async function build(o: Options, dir: string, dbFile: string, model: CorpusModel, index: SearchIndex, db: Kysely<any>): Promise<BuildFacts> {
  let t0 = performance.now();
  const resumed = o.resume ? await resumeState(o, dir, model, db) : null;
  // Checking where the interrupted load stopped is no part of a build.
  const resumeCheckSeconds = round((performance.now() - t0) / 1000);
  t0 = performance.now();
  if (!resumed) {
    await sql`create virtual table base_fts using fts5(title, body, content='search_texts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`insert into base_fts(base_fts, rank) values ('hashsize', 16777216)`.execute(db);
  }

  // Load.
  let generateMs = 0;
  let indexMs = 0;
  let baselineMs = 0;
  let words = resumed?.words ?? 0;
  let chars = resumed?.chars ?? 0;
  let lastRowid = resumed?.baselineRowid ?? 0;
  const first = resumed?.docs ?? 0;
  const prior = resumed?.seconds ?? 0;
  const loadStart = performance.now();
  for (let start = first; start < o.docs; start += o.batch) {
    let t = performance.now();
    const docs = [];
    for (let i = start; i < Math.min(o.docs, start + o.batch); i++) {
      const d = model.document(i);
      chars += d.text.length;
      words += countWords(d.text);
      docs.push(d);
    }
    generateMs += performance.now() - t;
    t = performance.now();
    await index.index(docs);
    indexMs += performance.now() - t;
    t = performance.now();
    await sql`insert into base_fts(rowid, title, body) select rowid, title, body from search_texts where rowid > ${lastRowid}`.execute(db);
    const max = await sql<{ m: number }>`select max(rowid) as m from search_texts`.execute(db);
    lastRowid = Number(max.rows[0]!.m);
    baselineMs += performance.now() - t;
    const done = Math.min(o.docs, start + o.batch);
    const progress: Progress = resumed
      ? {
          seed: o.seed,
          docs: done,
          loadSeconds: round(prior + (performance.now() - loadStart) / 1000),
          source: `resumed at ${first}`,
          earlier: { ...resumed.recorded, estimatedDocs: resumed.estimatedDocs, estimatedSeconds: round(resumed.estimatedSeconds) },
        }
      : {
          seed: o.seed,
          docs: done,
          loadSeconds: round((performance.now() - loadStart) / 1000),
          generateSeconds: round(generateMs / 1000),
          chronicleIndexSeconds: round(indexMs / 1000),
          baselineIndexSeconds: round(baselineMs / 1000),
        };
    fs.writeFileSync(path.join(dir, PROGRESS_FILE), JSON.stringify(progress));
    // A turn of the event loop per batch (seconds of synchronous SQLite work): a Ctrl-C is handled.
    await new Promise((resolve) => setImmediate(resolve));
    if (done % (o.batch * 10) === 0 || done === o.docs) {
      const el = (performance.now() - loadStart) / 1000;
      (globalThis as { gc?: () => void }).gc?.();
      const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
      const rate = (done - first) / el;
      log(`loaded ${done}/${o.docs} (${Math.round(rate)} docs/s, ${fmtTime(el)} elapsed, ~${fmtTime((o.docs - done) / rate)} left; rss ${rssMb()} MB, heap ${heap} MB)`);
    }
  }
  const loopSeconds = (performance.now() - loadStart) / 1000;
  log('optimizing Chronicle index…');
  let t = performance.now();
  await index.optimize();
  const optimizeMs = performance.now() - t;
  log(`optimizing baseline index… (Chronicle's took ${fmtTime(optimizeMs / 1000)})`);
  t = performance.now();
  await sql`insert into base_fts(base_fts) values ('optimize')`.execute(db);
  const baselineOptimizeMs = performance.now() - t;
  await sql`pragma wal_checkpoint(truncate)`.execute(db);

  log('measuring sizes…');
  const size = await sizes(db, dbFile);
  const loadSeconds = prior + loopSeconds;
  // A resumed load knows only the total time of its interrupted part (unless the interrupted
  // load recorded its split): the split figures cover the whole load or are null.
  const split = (recorded: number | undefined, ms: number) => (resumed ? (recorded === undefined || resumed.estimatedDocs > 0 ? null : round(recorded + ms / 1000)) : round(ms / 1000));
  const chronicleIndexSeconds = split(resumed?.recorded.chronicleIndexSeconds, indexMs);
  return {
    docs: o.docs,
    seed: o.seed,
    corpus: { words, avgWordsPerDoc: Math.round(words / Math.max(1, o.docs)), textBytes: chars, languages: 'en 45%, ru 45%, kk 10%' },
    build: {
      totalSeconds: round(prior + (performance.now() - t0) / 1000),
      loadSeconds: round(loadSeconds),
      loadDocsPerSecond: Math.round(o.docs / loadSeconds),
      generateSeconds: split(resumed?.recorded.generateSeconds, generateMs),
      chronicleIndexSeconds,
      chronicleOptimizeSeconds: round(optimizeMs / 1000),
      chronicleDocsPerSecond: chronicleIndexSeconds === null ? null : Math.round(o.docs / chronicleIndexSeconds),
      baselineIndexSeconds: split(resumed?.recorded.baselineIndexSeconds, baselineMs),
      baselineOptimizeSeconds: round(baselineOptimizeMs / 1000),
    },
    load: resumed
      ? {
          resumed: true,
          resumedAt: resumed.docs,
          interrupted: {
            docs: resumed.docs,
            seconds: round(resumed.seconds),
            recorded: resumed.recorded,
            estimatedDocs: resumed.estimatedDocs,
            estimatedSeconds: round(resumed.estimatedSeconds),
            estimate: resumed.estimatedDocs > 0 ? 'documents committed after the last progress record, timed at the recorded rate' : 'none',
          },
          resumedPart: {
            docs: o.docs - resumed.docs,
            loadSeconds: round(loopSeconds),
            generateSeconds: round(generateMs / 1000),
            chronicleIndexSeconds: round(indexMs / 1000),
            chronicleDocsPerSecond: Math.round((o.docs - resumed.docs) / Math.max(1e-3, indexMs / 1000)),
            baselineIndexSeconds: round(baselineMs / 1000),
          },
          checks: resumed.checks,
          resumeCheckSeconds,
          corpusFiguresOfInterruptedPart: 'counted from the stored texts (search_texts.body)',
        }
      : { resumed: false },
    size,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    surnameDocs: Array.from(model.surnameDocs),
  };
}

interface ResumeState {
  /** Documents already indexed: src_0000000 … in order, by this benchmark. */
  docs: number;
  /** Seconds the interrupted load took for them (recorded, plus an estimate for unrecorded ones). */
  seconds: number;
  recorded: Progress;
  estimatedDocs: number;
  estimatedSeconds: number;
  /** The baseline's last rowid (it is filled after Chronicle's index, batch by batch). */
  baselineRowid: number;
  words: number;
  chars: number;
  checks: Record<string, unknown>;
}

/**
 * Where an interrupted load stopped, checked: the database holds documents 0 … n-1 of this
 * seed's corpus (first and last compared with the generator's), the baseline has been filled
 * to some rowid, and bench-progress.json says how long loading took (the load rewrites it after
 * every batch; for a load that predates it, it can be written by hand with a `source`).
 * Documents committed after the last progress record are timed at the recorded rate and
 * reported as estimated. The corpus model's per-surname counts are rebuilt for the loaded
 * documents (their people alone are drawn; each document has its own random stream), and the
 * corpus figures are counted from the stored texts.
 */
async function resumeState(o: Options, dir: string, model: CorpusModel, db: Kysely<any>): Promise<ResumeState> {
  const progressFile = path.join(dir, PROGRESS_FILE);
  if (!fs.existsSync(progressFile)) throw new Error(`--resume needs ${progressFile} (how many documents the interrupted load had done, in how many seconds)`);
  const recorded = JSON.parse(fs.readFileSync(progressFile, 'utf8')) as Progress;
  if (recorded.seed !== o.seed) throw new Error(`the interrupted load used --seed ${recorded.seed}`);
  const c = await sql<{ n: number; lo: string | null; hi: string | null; m: number | null }>`select count(*) as n, min(id) as lo, max(id) as hi, max(rowid) as m from search_docs`.execute(db);
  const n = Number(c.rows[0]!.n);
  const idOf = (i: number) => `src_${String(i).padStart(7, '0')}`;
  if (n === 0) throw new Error('nothing to resume: the database holds no documents');
  if (n > o.docs) throw new Error(`the database holds ${n} documents, more than --docs ${o.docs}`);
  if (c.rows[0]!.lo !== idOf(0) || c.rows[0]!.hi !== idOf(n - 1) || Number(c.rows[0]!.m) !== n) throw new Error(`the ${n} documents are not ${idOf(0)}…${idOf(n - 1)} loaded in order`);
  if (recorded.docs > n) throw new Error(`${PROGRESS_FILE} records ${recorded.docs} documents but the database holds ${n}`);
  for (const i of [0, n - 1]) {
    const row = await sql<{ title: string; body: string; date_from: string | null; date_to: string | null; language: string | null; kind: string }>`
      select t.title, t.body, d.date_from, d.date_to, d.language, d.kind from search_docs d join search_texts t on t.rowid = d.rowid where d.id = ${idOf(i)}`.execute(db);
    const r = row.rows[0];
    const d = model.document(i);
    if (!r || r.title !== d.title || r.body !== d.text || r.date_from !== d.dateFrom || r.date_to !== d.dateTo || r.language !== d.language || r.kind !== d.kind) {
      throw new Error(`stored document ${idOf(i)} is not the one seed ${o.seed} generates: not resumable`);
    }
  }
  const base = await sql<{ m: number | null }>`select max(id) as m from base_fts_docsize`.execute(db);
  const baselineRowid = Number(base.rows[0]!.m ?? 0);

  log(`resuming at document ${n}: counting the loaded documents' people and words…`);
  model.surnameDocs.fill(0);
  for (let i = 0; i < n; i++) model.countPeople(i);
  let words = 0;
  let chars = 0;
  for (let from = 0; ; ) {
    const { rows } = await sql<{ rowid: number; body: string }>`select rowid, body from search_texts where rowid > ${from} order by rowid limit 5000`.execute(db);
    if (rows.length === 0) break;
    for (const r of rows) {
      chars += r.body.length;
      words += countWords(r.body);
    }
    from = Number(rows.at(-1)!.rowid);
  }
  const estimatedDocs = n - recorded.docs;
  const estimatedSeconds = recorded.docs > 0 ? (estimatedDocs * recorded.loadSeconds) / recorded.docs : 0;
  if (estimatedDocs > 0 && recorded.docs === 0) throw new Error(`${PROGRESS_FILE} records no rate to time the ${n} loaded documents by`);
  log(`resuming: ${n} documents loaded in ${fmtTime(recorded.loadSeconds + estimatedSeconds)} (${estimatedDocs} of them after the last progress record, estimated); baseline filled to rowid ${baselineRowid}`);
  return {
    docs: n,
    seconds: recorded.loadSeconds + estimatedSeconds,
    recorded,
    estimatedDocs,
    estimatedSeconds,
    baselineRowid,
    words,
    chars,
    checks: { storedDocsMatchGenerator: [idOf(0), idOf(n - 1)], baselineRowsAtResume: baselineRowid },
  };
}

function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Queries

async function measureClass(cls: ClassName, pool: BenchQuery[], index: SearchIndex, db: Kysely<any>, o: Options) {
  const rng = new Rng(o.seed ^ cls.length);
  const order = Array.from({ length: o.queries }, () => rng.pick(pool));
  (globalThis as { gc?: () => void }).gc?.();

  // Warm-up (first touches of the index pages), not measured.
  for (const q of order.slice(0, 5)) await index.search({ ...q.chronicle, collectionId: 'default' });
  const chronicle: number[] = [];
  let relevance = 0;
  let exact = 0;
  let totals = 0;
  let hits = 0;
  for (const q of order) {
    const t = performance.now();
    const r: SearchResult = await index.search({ ...q.chronicle, collectionId: 'default' });
    chronicle.push(performance.now() - t);
    if (r.order === 'relevance') relevance++;
    if (r.total.exact) exact++;
    totals += r.total.value;
    hits += r.hits.length;
  }

  const baseline: number[] = [];
  let baseHits = 0;
  const budget = performance.now() + o.baselineSeconds * 1000;
  await runBaseline(db, order[0]!);
  for (const q of order) {
    if (performance.now() > budget) break;
    const t = performance.now();
    baseHits += await runBaseline(db, q);
    baseline.push(performance.now() - t);
  }
  return {
    distinctQueries: new Set(pool.map((q) => JSON.stringify(q.chronicle))).size,
    examples: pool.slice(0, 3).map((q) => q.chronicle),
    chronicle: {
      ...stats(chronicle),
      scoredShare: round(relevance / order.length),
      exactTotalShare: round(exact / order.length),
      meanTotal: Math.round(totals / order.length),
      meanHits: round(hits / order.length),
    },
    baseline: { ...stats(baseline), meanHits: round(baseHits / Math.max(1, baseline.length)) },
  };
}

/** The facet dictionary's ids of the event types, so the baseline can apply the same type filter. */
const typeIds = new Map<string, number>();

async function runBaseline(db: Kysely<any>, q: BenchQuery): Promise<number> {
  const filters = [];
  if (q.type) filters.push(sql`instr(d.facets, ${` _t${typeIds.get(q.type)} `}) > 0`);
  if (q.from && q.to) filters.push(sql`(d.date_from is not null or d.date_to is not null) and (d.date_from is null or d.date_from <= ${q.to}) and (d.date_to is null or d.date_to >= ${q.from})`);
  const r = filters.length
    ? await sql`select b.rowid from base_fts b join search_docs d on d.rowid = b.rowid where base_fts match ${q.match} and ${sql.join(filters, sql` and `)} order by rank limit 20`.execute(db)
    : await sql`select rowid from base_fts where base_fts match ${q.match} order by rank limit 20`.execute(db);
  return r.rows.length;
}

function stats(ms: number[]) {
  if (ms.length === 0) return { n: 0 };
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { n: s.length, p50Ms: round(q(0.5)), p99Ms: round(q(0.99)), meanMs: round(s.reduce((a, b) => a + b, 0) / s.length), maxMs: round(s.at(-1)!) };
}

// ---------------------------------------------------------------------------------------------
// Sizes and output

async function sizes(db: Kysely<any>, dbFile: string) {
  const rows = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name`.execute(db);
  const tables: Record<string, number> = {};
  for (const r of rows.rows) tables[r.name] = Number(r.bytes);
  const sum = (pred: (n: string) => boolean) => Object.entries(tables).filter(([n]) => pred(n)).reduce((a, [, b]) => a + b, 0);
  const chronicleIndex = sum((n) => n.startsWith('search_fts') || /search_(docs|vocab|values)/.test(n));
  const texts = sum((n) => n.includes('search_texts'));
  const baselineIndex = sum((n) => n.startsWith('base_fts'));
  return {
    fileBytes: fs.statSync(dbFile).size,
    chronicleIndexBytes: chronicleIndex,
    chronicleFtsBytes: sum((n) => n.startsWith('search_fts')),
    storedTextBytes: texts,
    baselineIndexBytes: baselineIndex,
    tables: Object.fromEntries(Object.entries(tables).sort((a, b) => b[1] - a[1]).filter(([, b]) => b > 0)),
  };
}

function printTable(r: Record<string, any>): void {
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const out = (s = '') => process.stdout.write(`${s}\n`);
  out(`Search benchmark: ${r.docs} documents (${r.corpus.avgWordsPerDoc} words on average), seed ${r.seed}`);
  if (r.load?.resumed) out(`load resumed at ${r.load.resumedAt}: interrupted part ${r.load.interrupted.seconds} s, resumed part ${r.load.resumedPart.loadSeconds} s; load ${r.build.loadSeconds} s in all (${r.build.loadDocsPerSecond} docs/s)`);
  out(`build: Chronicle index ${r.build.chronicleIndexSeconds ?? '?'} s (${r.build.chronicleDocsPerSecond ?? '?'} docs/s) + optimize ${r.build.chronicleOptimizeSeconds} s; baseline ${r.build.baselineIndexSeconds ?? '?'} s + optimize ${r.build.baselineOptimizeSeconds} s; generating ${r.build.generateSeconds ?? '?'} s`);
  out(`size: file ${mb(r.size.fileBytes)}; Chronicle index ${mb(r.size.chronicleIndexBytes)} (FTS5 ${mb(r.size.chronicleFtsBytes)}); stored texts ${mb(r.size.storedTextBytes)}; baseline index ${mb(r.size.baselineIndexBytes)}; peak RSS ${r.peakRssMB} MB`);
  out();
  out(`${'class'.padEnd(10)} ${'Chronicle p50'.padStart(14)} ${'p99'.padStart(9)} ${'mean'.padStart(9)} ${'scored'.padStart(7)} ${'exact'.padStart(6)} | ${'baseline p50'.padStart(13)} ${'p99'.padStart(9)} ${'mean'.padStart(9)} ${'n'.padStart(5)}`);
  for (const [cls, v] of Object.entries(r.queries as Record<string, any>)) {
    const c = v.chronicle;
    const b = v.baseline;
    out(
      `${cls.padEnd(10)} ${`${c.p50Ms} ms`.padStart(14)} ${`${c.p99Ms} ms`.padStart(9)} ${`${c.meanMs} ms`.padStart(9)} ${`${Math.round(c.scoredShare * 100)}%`.padStart(7)} ${`${Math.round(c.exactTotalShare * 100)}%`.padStart(6)} | ${`${b.p50Ms ?? '-'} ms`.padStart(13)} ${`${b.p99Ms ?? '-'} ms`.padStart(9)} ${`${b.meanMs ?? '-'} ms`.padStart(9)} ${String(b.n).padStart(5)}`,
    );
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`;
}

main().catch((e) => {
  process.stderr.write(`bench:search failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
