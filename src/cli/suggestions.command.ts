import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { suggestionKindSchema, suggestionStatusSchema } from '../domain/records.js';
import { withContext } from './context.js';
import { collect, parseAssignments, parseEvidence, parseLimit, parseOffset } from './options.js';
import { printJsonLine, printLine } from './output.js';

export function registerSuggestionsCommand(program: Command): void {
  const cmd = program.command('suggestions').description('review what extraction proposed: events, entities and merges');

  cmd
    .command('list')
    .description('list suggestions, oldest first')
    .option('--status <status>', `pending (default), accepted or rejected`, 'pending')
    .option('--kind <kind>', 'event, entity or merge')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--offset <n>', 'skip this many')
    .action(async (o: { status: string; kind?: string; limit?: string; offset?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const status = suggestionStatusSchema.safeParse(o.status);
        if (!status.success) throw new AppError('INVALID_INPUT', `--status must be one of ${suggestionStatusSchema.options.join(', ')}, got "${o.status}"`);
        const kind = o.kind === undefined ? undefined : suggestionKindSchema.safeParse(o.kind);
        if (kind && !kind.success) throw new AppError('INVALID_INPUT', `--kind must be one of ${suggestionKindSchema.options.join(', ')}, got "${o.kind}"`);
        const records = await ctx.openRecords();
        const list = await records.review.list({ status: status.data, kind: kind?.data, limit: parseLimit(o.limit, '--limit', 500, 50), offset: parseOffset(o.offset) });
        for (const s of list) {
          if (globals.json) printJsonLine(s);
          else printLine(`${s.id}  ${s.kind.padEnd(6)}  ${s.summary}`);
        }
        if (!globals.json && list.length === 0) printLine(`no ${status.data} suggestions`);
      });
    });

  cmd
    .command('accept')
    .description('accept a suggestion: confirm the event or entity, or do the merge')
    .argument('<id>', 'suggestion id')
    .option('--comment <text>', 'why (kept in the history)')
    .action(async (id: string, o: { comment?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const records = await ctx.openRecords();
        const out = await records.review.accept(id, ctx.config.user, o.comment ?? null);
        if (globals.json) printJsonLine(out);
        else printLine(`accepted ${id}: ${out.records.map((r) => `${r.kind} ${r.id} ${r.status}`).join(', ')}`);
      });
    });

  cmd
    .command('reject')
    .description('reject a suggestion: the event is marked rejected, a proposed entity withdrawn (nothing is deleted)')
    .argument('<id>', 'suggestion id')
    .option('--reason <text>', 'why (kept in the history)')
    .action(async (id: string, o: { reason?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const records = await ctx.openRecords();
        const out = await records.review.reject(id, ctx.config.user, o.reason ?? null);
        if (globals.json) printJsonLine(out);
        else printLine(`rejected ${id}${out.records.length ? `: ${out.records.map((r) => `${r.kind} ${r.id} ${r.status}`).join(', ')}` : ''}`);
      });
    });

  cmd
    .command('edit')
    .description('change values of a suggested event; each change is a claim by you, the machine\'s claims stay')
    .argument('<id>', 'suggestion id')
    .option('--set <field=value>', 'title, types (comma-separated), dateFrom, dateTo, datePrecision, description, confidentiality; repeatable', collect, [])
    .option('--evidence <source:start:end>', 'the passage that supports the new values')
    .option('--comment <text>', 'why (kept in the history)')
    .action(async (id: string, o: { set: string[]; evidence?: string; comment?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const records = await ctx.openRecords();
        const out = await records.review.edit(id, { set: parseAssignments(o.set), evidence: parseEvidence(o.evidence), comment: o.comment ?? null }, ctx.config.user);
        if (globals.json) printJsonLine(out);
        else printLine(`edited event ${out.records[0]?.id}`);
      });
    });
}
