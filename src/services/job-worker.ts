import { isAppError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { JobService } from './job.service.js';

export interface JobWorkerOptions {
  logger: Logger;
  /** Jobs worked before looking at the clock and the stop flag again (default 5). */
  batchSize?: number;
  /** How long to wait when the queue is empty and nobody wakes the worker (default 3 s). */
  pollMs?: number;
  /** The longest wait after the queue itself could not be read (the database was away). */
  maxBackoffMs?: number;
  /** When this worker is not started, how `wake()` reaches the one that works the queue (serve's other processes). */
  wakeElsewhere?: () => void;
}

/**
 * Works the job queue in the background of `chronicle serve`: small batches while there is
 * work, then a nap of `pollMs` that `wake()` cuts short (called right after a capture or a
 * retry, so extraction starts at once). A failing job is recorded failed by JobService and
 * the loop goes on; if the queue itself cannot be read, the loop backs off and tries again.
 * `stop()` lets the job in hand finish, then resolves: call it before closing the database.
 * Logs carry job ids, kinds and counts only, never article text, names or failure reasons.
 */
export class JobWorker {
  private loop: Promise<void> | null = null;
  private abort = new AbortController();
  private woken = false;
  private interrupt: (() => void) | null = null;

  constructor(
    private readonly jobs: Pick<JobService, 'runPending'>,
    private readonly options: JobWorkerOptions,
  ) {}

  get running(): boolean {
    return this.loop !== null;
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.work();
  }

  /** There may be new work: run now instead of at the next poll. Passed on (or harmless) when not started. */
  wake(): void {
    if (!this.loop) {
      this.options.wakeElsewhere?.();
      return;
    }
    this.woken = true;
    this.interrupt?.();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.interrupt?.();
    await this.loop;
    this.loop = null;
  }

  private async work(): Promise<void> {
    const { logger, batchSize = 5, pollMs = 3000, maxBackoffMs = 60_000 } = this.options;
    const signal = this.abort.signal;
    let failures = 0;
    logger.info({ batchSize, pollMs }, 'job worker started');
    while (!signal.aborted) {
      this.woken = false;
      let worked = 0;
      try {
        const runs = await this.jobs.runPending({ max: batchSize, signal });
        worked = runs.length;
        failures = 0;
        const failed = runs.filter((r) => !r.ok);
        for (const r of failed) logger.warn({ jobId: r.job.id, kind: r.job.kind, attempts: r.job.attempts }, 'job failed (its reason is kept with the job)');
        if (worked > 0) logger.debug({ done: worked - failed.length, failed: failed.length }, 'job batch worked');
      } catch (e) {
        failures++;
        logger.error({ errorCode: isAppError(e) ? e.code : 'INTERNAL', failures }, 'job worker could not work the queue; will try again');
      }
      if (signal.aborted) break;
      // A full batch means more may be waiting: carry on, letting requests in between.
      if (worked === batchSize && failures === 0) await new Promise((resolve) => setImmediate(resolve));
      else if (!this.woken) await this.nap(failures === 0 ? pollMs : Math.min(pollMs * 2 ** failures, maxBackoffMs));
    }
    logger.info('job worker stopped');
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.interrupt = done;
    });
  }
}
