import { AppError, isAppError } from '../domain/errors.js';
import type { CollectionId, JobId } from '../domain/ids.js';
import type { Job, JobRepository, JobStatus } from '../storage/job.repository.js';

/** What working one job does, by job kind. The result is reported, never stored. */
export type JobHandler = (subjectId: string) => Promise<unknown>;

export interface JobRun {
  job: Job;
  ok: boolean;
  error?: string;
  result?: unknown;
}

/** A job left `running` this long is taken to belong to a worker that died. */
const STALE_MS = 15 * 60_000;

/**
 * The background job queue: `chronicle serve` works it continuously, `chronicle jobs run`
 * works off what is pending and exits. A failed job keeps its reason and can be retried.
 */
export class JobService {
  constructor(
    private readonly jobs: JobRepository,
    private readonly handlers: Record<string, JobHandler>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Works pending jobs one after another until none is left, `max` are done, or `signal` is aborted (the job in hand is finished first). */
  async runPending(options: { max?: number; signal?: AbortSignal; onProgress?: (run: JobRun, remaining: number) => void } = {}): Promise<JobRun[]> {
    const at = () => this.now().toISOString();
    await this.jobs.requeueRunning(new Date(this.now().getTime() - STALE_MS).toISOString(), at());
    const runs: JobRun[] = [];
    const max = options.max ?? Number.POSITIVE_INFINITY;
    while (runs.length < max && !options.signal?.aborted) {
      const job = await this.jobs.claimNext(at());
      if (!job) break;
      const run = await this.work(job, at);
      runs.push(run);
      options.onProgress?.(run, (await this.jobs.countByStatus()).pending);
    }
    return runs;
  }

  private async work(job: Job, at: () => string): Promise<JobRun> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new AppError('INTERNAL', `no handler for job kind "${job.kind}"`);
      const result = await handler(job.subjectId);
      await this.jobs.finish(job.id, at());
      return { job: { ...job, status: 'done' }, ok: true, result };
    } catch (e) {
      // Only our own errors carry a message fit to store; anything else is recorded by kind.
      const reason = isAppError(e) ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
      await this.jobs.fail(job.id, reason, at());
      return { job: { ...job, status: 'failed', error: reason }, ok: false, error: reason };
    }
  }

  /** Failed jobs back in the queue; with a collection, only that collection's (others are "not found"). */
  async retry(ids: string[] | 'all-failed', collectionId?: CollectionId): Promise<number> {
    if (ids !== 'all-failed') {
      for (const id of ids) {
        const job = await this.jobs.findById(id as JobId);
        if (!job || (collectionId && job.collectionId !== collectionId)) throw new AppError('NOT_FOUND', `job ${id} not found`);
        if (job.status !== 'failed') throw new AppError('CONFLICT', `job ${id} is ${job.status}, only failed jobs can be retried`);
      }
    }
    return this.jobs.retry(ids === 'all-failed' ? ids : (ids as JobId[]), this.now().toISOString(), collectionId);
  }

  list(filter: { status?: JobStatus; limit?: number; collectionId?: CollectionId }): Promise<Job[]> {
    return this.jobs.list(filter);
  }

  counts(collectionId?: CollectionId): Promise<Record<JobStatus, number>> {
    return this.jobs.countByStatus(collectionId);
  }
}
