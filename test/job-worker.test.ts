import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../src/logger.js';
import type { JobRun, JobService } from '../src/services/job.service.js';
import { JobWorker } from '../src/services/job-worker.js';
import type { Job } from '../src/storage/job.repository.js';

type RunPending = JobService['runPending'];

function run(id: string, ok: boolean): JobRun {
  const job = { id, kind: 'process-source', subjectId: `src_${id}`, status: ok ? 'done' : 'failed', attempts: 1 } as Job;
  return ok ? { job, ok } : { job, ok, error: 'internal error: Назарбаев said something' };
}

/** A queue holding `script` batches; then empty. Records each call. */
function fakeQueue(script: (() => JobRun[] | Promise<JobRun[]>)[]) {
  const calls: { max?: number; aborted: boolean }[] = [];
  const runPending: RunPending = async (options = {}) => {
    calls.push({ max: options.max, aborted: Boolean(options.signal?.aborted) });
    const next = script.shift();
    return next ? next() : [];
  };
  return { jobs: { runPending }, calls };
}

const until = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger('debug');
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    (logger as unknown as Record<string, unknown>)[level] = (obj: unknown, msg?: string) => lines.push(JSON.stringify([level, obj, msg]));
  }
  return { logger, lines };
}

describe('the background job worker', () => {
  test('works full batches back to back, then naps; a failing job never stops it and its reason is not logged', async () => {
    const { jobs, calls } = fakeQueue([() => [run('a', true), run('b', false)], () => [run('c', true)]]);
    const { logger, lines } = capturingLogger();
    const worker = new JobWorker(jobs, { logger, batchSize: 2, pollMs: 60_000 });
    worker.start();
    await until(() => calls.length >= 2);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(calls.length, 2, 'a full batch is followed at once; a short one means the queue is empty: nap');
    assert.deepEqual(calls.map((c) => c.max), [2, 2]);
    await worker.stop();
    const failed = lines.filter((l) => l.includes('job failed'));
    assert.equal(failed.length, 1);
    assert.match(failed[0]!, /"jobId":"b"/);
    assert.doesNotMatch(lines.join('\n'), /Назарбаев|internal error/, 'failure reasons (which may hold names) stay in the job table');
  });

  test('wake() cuts the nap short; wakes during a batch are not lost', async () => {
    let release!: () => void;
    const { jobs, calls } = fakeQueue([() => new Promise<JobRun[]>((r) => (release = () => r([]))), () => []]);
    const worker = new JobWorker(jobs, { logger: capturingLogger().logger, pollMs: 60_000 });
    worker.start();
    await until(() => calls.length === 1);
    worker.wake(); // while the first batch is still running
    release();
    await until(() => calls.length === 2);
    worker.wake();
    await until(() => calls.length === 3);
    await worker.stop();
  });

  test('a queue that cannot be read is retried with a growing backoff, not given up', async () => {
    const boom = () => {
      throw new Error('database is away');
    };
    const { jobs, calls } = fakeQueue([boom, boom, () => [run('a', true)]]);
    const { logger, lines } = capturingLogger();
    const worker = new JobWorker(jobs, { logger, pollMs: 5, maxBackoffMs: 40 });
    worker.start();
    await until(() => calls.length >= 4);
    await worker.stop();
    assert.equal(lines.filter((l) => l.includes('could not work the queue')).length, 2);
    assert.doesNotMatch(lines.join('\n'), /database is away/);
  });

  test('stop() lets the job in hand finish, claims no further job, and resolves', async () => {
    let release!: () => void;
    const { jobs, calls } = fakeQueue([() => new Promise<JobRun[]>((r) => (release = () => r([run('a', true)])))]);
    const worker = new JobWorker(jobs, { logger: capturingLogger().logger, batchSize: 1, pollMs: 60_000 });
    worker.start();
    await until(() => calls.length === 1);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stopped, false, 'waits for the batch in hand');
    release();
    await stopping;
    assert.equal(calls.length, 1, 'no new batch after stop, although the last one was full');
    assert.equal(worker.running, false);
    worker.wake(); // harmless once stopped
  });
});
