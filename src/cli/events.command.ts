import type { Command } from 'commander';
import type { RecordVersion } from '../domain/records.js';
import type { EventDetail } from '../services/event.service.js';
import { withContext } from './context.js';
import { parseEvidence, parseLimit, parseOffset } from './options.js';
import { printJsonLine, printLine } from './output.js';

function when(e: { dateFrom: string | null; dateTo: string | null; datePrecision: string | null }): string {
  if (!e.dateFrom) return 'date unknown';
  return `${e.dateFrom}${e.dateTo && e.dateTo !== e.dateFrom ? `..${e.dateTo}` : ''} (${e.datePrecision ?? '?'})`;
}

function printDetail(d: EventDetail): void {
  printLine(`${d.id}  ${d.status}  ${d.title}`);
  printLine(`  types: ${d.types.join(', ')}   when: ${when(d)}   where: ${d.place?.name ?? 'unknown'}`);
  printLine(`  sources: ${d.sourceCount} (${d.independentSources} independent)`);
  for (const s of d.sources) printLine(`    [${s.group}] ${s.id} ${s.title ?? ''}${s.url ? ` <${s.url}>` : ''}`);
  for (const a of d.acts) {
    const perps = a.involvements.map((i) => i.perpetrator?.name ?? i.perpetratorLabel ?? '?').join(', ');
    printLine(`  act ${a.id}: ${a.actType}, victim ${a.victim?.name ?? a.victimLabel ?? 'unnamed'}${perps ? `, by ${perps}` : ''}${a.hedged ? ' (hedged)' : ''}`);
  }
  printLine(`  claims: ${d.claims.length}`);
  for (const c of d.claims) {
    printLine(`    ${c.recordKind}.${c.field} = ${JSON.stringify(c.value)}  ← ${c.sourceId ?? 'no source'}${c.start !== null ? `[${c.start}:${c.end}]` : ''} by ${c.coder.name}${c.coder.version ? `@${c.coder.version}` : ''}`);
  }
  for (const k of d.conflicts) {
    printLine(`  conflict on ${k.recordKind}.${k.field}: ${k.values.map((v) => `${JSON.stringify(v.value)} (${v.sources.join(', ') || 'no source'})`).join(' vs ')}`);
  }
}

export function printHistory(versions: RecordVersion[], json: boolean | undefined): void {
  for (const v of versions) {
    if (json) printJsonLine(v);
    else {
      printLine(`${v.at}  ${v.recordKind} ${v.recordId} v${v.version}  by ${v.actor}${v.comment ? `  — ${v.comment}` : ''}`);
      for (const c of v.changes) printLine(`    ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
    }
  }
}

export function registerEventsCommand(program: Command): void {
  const cmd = program.command('events').description('incidents: list, show, history, code a violation, withdraw');

  cmd
    .command('list')
    .description('list events (proposed and confirmed unless --status), latest first')
    .option('--status <status>', 'proposed, confirmed, rejected or withdrawn')
    .option('--type <type>', 'event type, e.g. detention')
    .option('--from <date>', 'events on or after (YYYY[-MM[-DD]])')
    .option('--to <date>', 'events on or before')
    .option('--place <name>', 'in this place (any spelling or script)')
    .option('--person <name>', 'involving this person or organisation (any spelling or script)')
    .option('--min-sources <n>', 'supported by at least this many sources')
    .option('--limit <n>', 'at most this many (default 50)')
    .option('--offset <n>', 'skip this many')
    .action(async (o: Record<string, string | undefined>, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const records = await ctx.openRecords();
        const list = await records.events.list({
          status: o.status,
          type: o.type,
          from: o.from,
          to: o.to,
          place: o.place,
          person: o.person,
          minSources: parseLimit(o.minSources, '--min-sources', 1_000_000),
          limit: parseLimit(o.limit, '--limit', 500, 50),
          offset: parseOffset(o.offset),
        });
        for (const e of list) {
          if (globals.json) printJsonLine(e);
          else printLine(`${e.id}  ${e.status.padEnd(9)}  ${when(e).padEnd(28)}  ${e.sourceCount} src (${e.independentSources} indep.)  ${e.title}`);
        }
        if (!globals.json && list.length === 0) printLine('no events');
      });
    });

  cmd
    .command('show')
    .description('an event with its sources, acts, every claim with its source span, and conflicts')
    .argument('<id>', 'event id')
    .action(async (id: string, _o: unknown, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const d = await (await ctx.openRecords()).events.show(id);
        if (globals.json) printJsonLine(d);
        else printDetail(d);
      });
    });

  cmd
    .command('history')
    .description('every change to the event, its acts and involvements: who, when, what, from what to what, why')
    .argument('<id>', 'event id')
    .action(async (id: string, _o: unknown, command: Command) => {
      await withContext(command, async (ctx, globals) => printHistory(await (await ctx.openRecords()).events.historyOf(id), globals.json));
    });

  cmd
    .command('withdraw')
    .description('withdraw an event (it is kept, with its claims and history)')
    .argument('<id>', 'event id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: { reason: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const e = await (await ctx.openRecords()).events.withdraw(id, o.reason, ctx.config.user);
        if (globals.json) printJsonLine(e);
        else printLine(`withdrawn ${e.id}`);
      });
    });

  cmd
    .command('code')
    .description('code a whole violation in one step: event, act, victim, perpetrator and the source passage')
    .requiredOption('--type <type>', 'act type, e.g. detention, arrest, sentencing')
    .option('--victim <name>', 'the victim; a known person is reused, never duplicated')
    .option('--victim-id <id>', 'the victim as a known entity id')
    .option('--new-victim', 'the victim is a person not known yet, even if the name resembles one')
    .option('--perpetrator <name>', 'who did it (organisation or person)')
    .option('--perpetrator-id <id>', 'the perpetrator as a known entity id')
    .option('--place <name>', 'where')
    .option('--date <from[..to]>', 'when: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD')
    .option('--title <text>', 'title (default: made from type, victim and place)')
    .requiredOption('--evidence <source:start:end>', 'the passage of a stored source that supports it')
    .option('--comment <text>', 'note kept with the claims and history')
    .action(async (o: Record<string, string | boolean | undefined>, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const [dateFrom, dateTo] = typeof o.date === 'string' ? o.date.split('..') : [];
        const input = {
          type: o.type,
          ...(o.title ? { title: o.title } : {}),
          ...(dateFrom ? { dateFrom } : {}),
          ...(dateTo ? { dateTo } : {}),
          ...(o.place ? { place: o.place } : {}),
          victim: { ...(o.victim ? { name: o.victim } : {}), ...(o.victimId ? { entityId: o.victimId } : {}), ...(o.newVictim ? { createNew: true } : {}) },
          ...(o.perpetrator || o.perpetratorId
            ? { perpetrator: { ...(o.perpetrator ? { name: o.perpetrator } : {}), ...(o.perpetratorId ? { entityId: o.perpetratorId } : {}) } }
            : {}),
          evidence: parseEvidence(o.evidence as string),
          ...(o.comment ? { comment: o.comment } : {}),
        };
        const out = await (await ctx.openRecords()).violations.code(input, ctx.config.user);
        if (globals.json) printJsonLine(out);
        else printLine(`coded ${out.event.id}: ${out.event.title} (victim ${out.victim.id}${out.victim.reused ? ', known' : ', new'})`);
      });
    });
}
