import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Answers kept for every worker process of one server, in a small SQLite file of their own
 * beside the data (`<data>/shared-answers-<pid>.sqlite`): the response cache's second level
 * (src/api/response-cache.ts). Each worker keeps the answers it computed in its own memory;
 * without this, an answer one worker computed was computed again by the other, and two workers
 * kept half the answers each (bench:api's mixed scenario: 54 % of requests answered from the
 * cache with two workers, 61 % with one).
 *
 * The file is not data: the serving process makes it empty when the server starts and removes
 * it when the server stops; it is written without waiting for the disk. It holds what the
 * answers hold (names), so it lives in the data folder, readable by its owner only; one per
 * server (named by its serving process), so two servers on one data folder keep theirs apart,
 * and a server starting removes those that servers no longer running left. An answer is served
 * only under the change token it was computed under, as in memory.
 *
 * At most `maxBytes` of answers (roughly: bytes, keys and a fixed overhead each), the oldest
 * dropped first. Nothing here ever waits for the other
 * process: a read or a write that finds the file locked is skipped (a miss, or an answer not
 * shared).
 *
 *   const file = sharedAnswersFile(dataDir);       // the serving process, before the workers start
 *   SharedAnswers.removeStale(dataDir);
 *   SharedAnswers.reset(file);
 *   const shared = SharedAnswers.open(file, 64e6); // each worker
 *   shared.put(key, token, { contentType, gzip: true, bytes });
 *   shared.get(key, token) // -> the answer, or null
 */
export interface SharedAnswer {
  contentType: string;
  /** `bytes` is the answer gzipped. */
  gzip: boolean;
  bytes: Buffer;
}

export interface SharedAnswersStats {
  hits: number;
  /** Reads and writes skipped because the other process held the file. */
  skipped: number;
}

/** The store of the server whose serving process is `pid`, in the data folder. */
export function sharedAnswersFile(dataDir: string, pid = process.pid): string {
  return path.join(dataDir, `${SHARED_ANSWERS_PREFIX}${pid}.sqlite`);
}

export const SHARED_ANSWERS_PREFIX = 'shared-answers-';
const STORE_NAME = /^shared-answers-(\d+)\.sqlite$/;

const SCHEMA = `
  create table answers (
    seq integer primary key,
    key text not null unique,
    token text not null,
    content_type text not null,
    gzip integer not null,
    bytes blob not null
  );
  create table kept (id integer primary key check (id = 1), bytes integer not null);
  insert into kept (id, bytes) values (1, 0);
`;

/** Per answer beyond its bytes (its key, row and index entry), roughly. */
const OVERHEAD = 96;

export class SharedAnswers {
  private readonly db: SqliteDatabase.Database;
  private readonly select: SqliteDatabase.Statement<[string]>;
  private readonly write: (key: string, token: string, answer: SharedAnswer) => void;
  private hits = 0;
  private skipped = 0;

  /** Makes `file` a new, empty store (removing what an earlier server left). */
  static reset(file: string): void {
    SharedAnswers.remove(file);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const db = new SqliteDatabase(file);
    try {
      fs.chmodSync(file, 0o600);
      db.pragma('journal_mode = WAL');
      db.exec(SCHEMA);
    } finally {
      db.close();
    }
  }

  /** Removes the store and its journal files. */
  static remove(file: string): void {
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  }

  /** Removes the stores in `dataDir` of servers no longer running (stopped without cleaning up). */
  static removeStale(dataDir: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(dataDir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = STORE_NAME.exec(name);
      if (m && !isRunning(Number(m[1]))) SharedAnswers.remove(path.join(dataDir, name));
    }
  }

  /** The store `reset` made, or null (with the reason) when it cannot be opened. */
  static open(file: string, maxBytes: number): { shared: SharedAnswers } | { error: string } {
    try {
      return { shared: new SharedAnswers(new SqliteDatabase(file, { fileMustExist: true }), maxBytes) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  private constructor(db: SqliteDatabase.Database, maxBytes: number) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // Answers can always be computed again: nothing here waits for the disk or for a lock.
    db.pragma('synchronous = OFF');
    db.pragma('busy_timeout = 0');
    this.select = db.prepare('select token, content_type as contentType, gzip, bytes from answers where key = ?');
    const sizeOf = db.prepare<[string], { size: number }>('select length(bytes) + length(key) as size from answers where key = ?');
    const remove = db.prepare<[string]>('delete from answers where key = ?');
    const insert = db.prepare<[string, string, string, number, Buffer]>('insert into answers (key, token, content_type, gzip, bytes) values (?, ?, ?, ?, ?)');
    const add = db.prepare<[number]>('update kept set bytes = bytes + ? where id = 1');
    const total = db.prepare<[], { bytes: number }>('select bytes from kept where id = 1');
    const oldest = db.prepare<[], { seq: number; size: number }>('select seq, length(bytes) + length(key) as size from answers order by seq limit 32');
    const dropUpTo = db.prepare<[number]>('delete from answers where seq <= ?');
    const write = db.transaction((key: string, token: string, answer: SharedAnswer) => {
      const before = sizeOf.get(key);
      if (before) remove.run(key);
      insert.run(key, token, answer.contentType, answer.gzip ? 1 : 0, answer.bytes);
      add.run(answer.bytes.length + key.length + OVERHEAD - (before ? before.size + OVERHEAD : 0));
      // Over the budget: the oldest answers go, down to 15/16 of it (so not after every write).
      let kept = total.get()!.bytes;
      if (kept <= maxBytes) return;
      const target = maxBytes - (maxBytes >> 4);
      while (kept > target) {
        const rows = oldest.all();
        if (rows.length === 0) break;
        let freed = 0;
        let upTo = 0;
        for (const r of rows) {
          freed += r.size + OVERHEAD;
          upTo = r.seq;
          if (kept - freed <= target) break;
        }
        dropUpTo.run(upTo);
        add.run(-freed);
        kept -= freed;
      }
    });
    this.write = (key, token, answer) => write.immediate(key, token, answer);
  }

  /** The answer kept for `key` under `token`, or null. */
  get(key: string, token: string): SharedAnswer | null {
    let row: { token: string; contentType: string; gzip: number; bytes: Buffer } | undefined;
    try {
      row = this.select.get(key) as typeof row;
    } catch (e) {
      if (!isBusy(e)) throw e;
      this.skipped++;
      return null;
    }
    if (!row || row.token !== token) return null;
    this.hits++;
    return { contentType: row.contentType, gzip: row.gzip === 1, bytes: row.bytes };
  }

  /** Keeps `answer` for `key`, computed under `token` (replacing what was kept for the key). */
  put(key: string, token: string, answer: SharedAnswer): void {
    try {
      this.write(key, token, answer);
    } catch (e) {
      if (!isBusy(e)) throw e;
      this.skipped++;
    }
  }

  stats(): SharedAnswersStats {
    return { hits: this.hits, skipped: this.skipped };
  }

  close(): void {
    this.db.close();
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a process of another user has the number, so it is running.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}
