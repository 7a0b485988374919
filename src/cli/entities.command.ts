import type { Command } from 'commander';
import { withContext } from './context.js';
import { printHistory } from './events.command.js';
import { parseLimit, parseOffset } from './options.js';
import { printJsonLine, printLine } from './output.js';

export function registerEntitiesCommand(program: Command): void {
  const cmd = program.command('entities').description('people, organisations and places: list, show, merge, split, rename, withdraw');

  cmd
    .command('list')
    .description('list entities (merged ones appear under the entity they joined)')
    .option('--type <type>', 'PERSON, ORGANIZATION or LOCATION')
    .option('--status <status>', 'proposed, confirmed or withdrawn')
    .option('--name <name>', 'entities this name stands for, in any spelling or script')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--offset <n>', 'skip this many')
    .action(async (o: Record<string, string | undefined>, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const list = await (await ctx.openRecords()).entities.list({
          type: o.type,
          status: o.status,
          name: o.name,
          limit: parseLimit(o.limit, '--limit', 500, 50),
          offset: parseOffset(o.offset),
        });
        for (const e of list) {
          if (globals.json) printJsonLine(e);
          else printLine(`${e.id}  ${e.type.padEnd(12)}  ${e.status.padEnd(9)}  ${e.name}`);
        }
        if (!globals.json && list.length === 0) printLine('no entities');
      });
    });

  cmd
    .command('show')
    .description('an entity: aliases in every script, merged members, mentions, events')
    .argument('<id>', 'entity id')
    .action(async (id: string, _o: unknown, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const d = await (await ctx.openRecords()).entities.show(id);
        if (globals.json) return printJsonLine(d);
        printLine(`${d.id}  ${d.type}  ${d.status}  ${d.name}`);
        for (const [script, names] of Object.entries(d.aliases)) if (names.length) printLine(`  ${script}: ${names.join(' · ')}`);
        for (const m of d.members) printLine(`  member ${m.id} "${m.name}" (${m.status}; split it off with \`chronicle entities split ${m.id}\`)`);
        printLine(`  mentions: ${d.mentions.length} in ${new Set(d.mentions.map((m) => m.sourceId)).size} sources; events: ${d.events.join(', ') || 'none'}`);
      });
    });

  cmd
    .command('merge')
    .description('merge one entity into another (undo with split)')
    .argument('<from>', 'the entity that joins')
    .argument('<into>', 'the entity it joins')
    .option('--comment <text>', 'why')
    .action(async (from: string, into: string, o: { comment?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const out = await (await ctx.openRecords()).entities.merge(from, into, ctx.config.user, o.comment ?? null);
        if (globals.json) printJsonLine(out);
        else printLine(`merged ${out.from.id} into ${out.into.id}`);
      });
    });

  cmd
    .command('split')
    .description('undo a merge: the entity stands on its own again')
    .argument('<id>', 'a merged entity (see members in `entities show`)')
    .option('--comment <text>', 'why')
    .action(async (id: string, o: { comment?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const out = await (await ctx.openRecords()).entities.split(id, ctx.config.user, o.comment ?? null);
        if (globals.json) printJsonLine(out);
        else printLine(`split ${out.entity.id} off ${out.from}`);
      });
    });

  cmd
    .command('rename')
    .description('set the canonical name (aliases stay)')
    .argument('<id>', 'entity id')
    .argument('<name>', 'the new name')
    .option('--comment <text>', 'why')
    .action(async (id: string, name: string, o: { comment?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const out = await (await ctx.openRecords()).entities.rename(id, name, ctx.config.user, o.comment ?? null);
        if (globals.json) printJsonLine(out);
        else printLine(`renamed ${out.id}`);
      });
    });

  cmd
    .command('withdraw')
    .description('withdraw an entity (kept, with its history)')
    .argument('<id>', 'entity id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: { reason: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const out = await (await ctx.openRecords()).entities.withdraw(id, o.reason, ctx.config.user);
        if (globals.json) printJsonLine(out);
        else printLine(`withdrawn ${out.id}`);
      });
    });

  cmd
    .command('history')
    .description('every change to the entity')
    .argument('<id>', 'entity id')
    .action(async (id: string, _o: unknown, command: Command) => {
      await withContext(command, async (ctx, globals) => printHistory(await (await ctx.openRecords()).entities.historyOf(id), globals.json));
    });
}
