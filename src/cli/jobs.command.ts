import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { withContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printJsonLine, printLine } from './output.js';
import { startProgress } from './progress.js';
import { parseLimit } from './options.js';
import type { ProcessReport } from '../services/processing.service.js';

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;

function summarise(result: unknown): string {
  const r = result as ProcessReport | undefined;
  if (!r || !Array.isArray(r.events)) return '';
  if (r.alreadyProcessed) return 'already processed';
  const created = r.events.filter((e) => e.created).length;
  const linked = r.entities.filter((e) => e.autoLinked).length;
  return `${r.entities.length} entities (${linked} linked to known ones), ${created} new events, ${r.events.length - created} further sources`;
}

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('the background job queue: extraction of stored captures into suggestions');

  jobs
    .command('run')
    .description('work off the pending jobs, then exit (chronicle serve works them continuously)')
    .option('--max <n>', 'stop after this many jobs')
    .addHelpText('after', '\nExit status: 0 when every job succeeded, 1 when any failed (its reason is kept; see `jobs retry`).')
    .action(async (options: { max?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const records = await ctx.openRecords();
        const max = options.max === undefined ? undefined : parseLimit(options.max, '--max', 1_000_000);
        const pending = (await records.jobs.counts()).pending;
        const progress = startProgress('processing', Math.min(pending, max ?? pending));
        let done = 0;
        const runs = await records.jobs.runPending({
          max,
          onProgress: (run) => {
            progress.update(++done);
            if (globals.json) {
              printJsonLine({ id: run.job.id, kind: run.job.kind, subjectId: run.job.subjectId, status: run.job.status, error: run.error, result: run.result });
            }
          },
        });
        progress.stop();
        const failed = runs.filter((r) => !r.ok);
        if (!globals.json) {
          for (const r of runs) {
            if (r.ok) printLine(`${r.job.id} ${r.job.subjectId}: ${summarise(r.result)}`);
            else printError(`${r.job.id} ${r.job.subjectId}: failed: ${r.error}`);
          }
          printLine(`${runs.length} jobs run: ${runs.length - failed.length} done, ${failed.length} failed`);
        }
        process.exitCode = failed.length > 0 ? EXIT.PARTIAL_FAILURE : EXIT.OK;
      });
    });

  jobs
    .command('list')
    .description('list jobs, newest first')
    .option('--status <status>', `only jobs with this status (${STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many (default 50)')
    .action(async (options: { status?: string; limit?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) {
          throw new AppError('INVALID_INPUT', `--status must be one of ${STATUSES.join(', ')}, got "${options.status}"`);
        }
        const records = await ctx.openRecords();
        const list = await records.jobs.list({ status: options.status as (typeof STATUSES)[number] | undefined, limit: parseLimit(options.limit, '--limit', 1000, 50) });
        for (const j of list) {
          if (globals.json) printJsonLine(j);
          else printLine(`${j.id}  ${j.status.padEnd(7)}  ${j.kind} ${j.subjectId}  attempts ${j.attempts}${j.error ? `  error: ${j.error}` : ''}`);
        }
        if (!globals.json) {
          const c = await records.jobs.counts();
          printLine(`pending ${c.pending}, running ${c.running}, done ${c.done}, failed ${c.failed}`);
        }
      });
    });

  jobs
    .command('retry')
    .description('put failed jobs back in the queue')
    .argument('[ids...]', 'job ids to retry')
    .option('--all', 'retry every failed job')
    .action(async (ids: string[], options: { all?: boolean }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        if (!options.all && ids.length === 0) {
          throw new AppError('INVALID_INPUT', 'give job ids to retry, or --all');
        }
        const records = await ctx.openRecords();
        const n = await records.jobs.retry(options.all ? 'all-failed' : ids);
        if (globals.json) printJsonLine({ requeued: n });
        else printLine(`${n} jobs back in the queue; run them with \`chronicle jobs run\``);
      });
    });
}
