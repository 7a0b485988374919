import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CollectionId, JobId } from '../domain/ids.js';
import type { Database, JobsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  id: JobId;
  collectionId: CollectionId;
  kind: string;
  subjectId: string;
  status: JobStatus;
  attempts: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id as JobId,
    collectionId: row.collection_id as CollectionId,
    kind: row.kind,
    subjectId: row.subject_id,
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The background job table: a queue both SQLite and PostgreSQL can hold. Only speaks SQL. */
export class JobRepository {
  constructor(private readonly db: Db) {}

  async enqueue(job: Pick<Job, 'id' | 'collectionId' | 'kind' | 'subjectId'>, at: string): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        collection_id: job.collectionId,
        kind: job.kind,
        subject_id: job.subjectId,
        status: 'pending',
        attempts: 0,
        error: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  async findById(id: JobId): Promise<Job | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /**
   * Takes the oldest pending job, marking it running. The conditional update makes two
   * workers racing for one job safe: only the one whose update changed a row owns it.
   */
  async claimNext(at: string): Promise<Job | null> {
    for (let tries = 0; tries < 5; tries++) {
      const row = await this.db
        .selectFrom('jobs')
        .selectAll()
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      const res = await this.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: Number(row.attempts) + 1, updated_at: at })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return { ...toJob(row), status: 'running', attempts: Number(row.attempts) + 1, updatedAt: at };
    }
    return null;
  }

  async finish(id: JobId, at: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'done', error: null, updated_at: at }).where('id', '=', id).execute();
  }

  async fail(id: JobId, error: string, at: string): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'failed', error, updated_at: at }).where('id', '=', id).execute();
  }

  /** Failed jobs (all, or the given ones; of one collection when given) back to pending; returns how many. */
  async retry(ids: JobId[] | 'all-failed', at: string, collectionId?: CollectionId): Promise<number> {
    let q = this.db.updateTable('jobs').set({ status: 'pending', updated_at: at }).where('status', '=', 'failed');
    if (collectionId) q = q.where('collection_id', '=', collectionId);
    if (ids !== 'all-failed') {
      if (ids.length === 0) return 0;
      q = q.where('id', 'in', ids);
    }
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Jobs left running by a worker that died go back to the queue. */
  async requeueRunning(olderThan: string, at: string): Promise<number> {
    const res = await this.db
      .updateTable('jobs')
      .set({ status: 'pending', updated_at: at })
      .where('status', '=', 'running')
      .where('updated_at', '<', olderThan)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async list(filter: { status?: JobStatus; limit?: number; collectionId?: CollectionId } = {}): Promise<Job[]> {
    let q = this.db.selectFrom('jobs').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.collectionId) q = q.where('collection_id', '=', filter.collectionId);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 100).execute();
    return rows.map(toJob);
  }

  /** The latest job of a kind for each subject (e.g. each source's extraction), by subject id. */
  async latestForSubjects(kind: string, subjectIds: string[]): Promise<Map<string, Job>> {
    const out = new Map<string, Job>();
    if (subjectIds.length === 0) return out;
    const rows = await this.db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('subject_id', 'in', subjectIds).orderBy('created_at').orderBy('id').execute();
    for (const row of rows) out.set(row.subject_id, toJob(row));
    return out;
  }

  async countByStatus(collectionId?: CollectionId): Promise<Record<JobStatus, number>> {
    let q = this.db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
    if (collectionId) q = q.where('collection_id', '=', collectionId);
    const rows = await q.groupBy('status').execute();
    const out: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.status as JobStatus] = Number(r.n);
    return out;
  }
}
