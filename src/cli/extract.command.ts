import type { Command } from 'commander';
import type { Extraction } from '../domain/extraction.js';
import { CaptureService } from '../services/capture.service.js';
import type { ExtractionOutcome } from '../services/extraction.service.js';
import { CliContext, type GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printJsonLine, printLine } from './output.js';
import { startProgress } from './progress.js';

interface ExtractOptions {
  raw?: boolean;
  lang?: string;
  date?: string;
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('suggest people, organisations, places, dates and events in files, URLs or standard input (stores nothing)')
    .argument('<inputs...>', 'file paths, http(s) URLs, or - for standard input')
    .option('--raw', 'take each input as clean plain UTF-8 text exactly as given (no cleaning; offsets index the input)')
    .option('--lang <lang>', 'language of the inputs: en, ru or kk (default: detected)')
    .option('--date <YYYY-MM-DD>', 'reference date for relative and year-less dates (default: the publication date, else today)')
    .addHelpText(
      'after',
      `
Inputs are captured and cleaned as by "capture --no-store": nothing is written and no
database is opened. Every span is a pair of JavaScript string offsets into "text".

Examples:
  chronicle extract report.html
  chronicle extract --json --date 2022-01-20 statement.txt
  chronicle extract --json --raw --lang ru corpus/*.txt   # evaluation on annotated text`,
    )
    .action(async (inputs: string[], options: ExtractOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions & ExtractOptions>();
      process.exitCode = await runExtract(inputs, options, globals);
    });
}

async function runExtract(inputs: string[], options: ExtractOptions, globals: GlobalOptions): Promise<number> {
  // The extractors (taggers, gazetteer, rules) load only when this command runs, so they add
  // nothing to the start-up of every other command.
  const { ExtractionService, parseExtractOptions } = await import('../services/extraction.service.js');
  // A bad option is a usage error before any input is read.
  const parsed = parseExtractOptions({ lang: options.lang, date: options.date });
  const ctx = new CliContext(globals);
  // No storage: extraction only reads.
  const service = new ExtractionService(new CaptureService(null, null, null));
  const settings = {
    capture: {
      acquire: { maxBytes: ctx.config.fetchMaxBytes, fetch: { allowPrivate: ctx.config.allowPrivate, timeoutMs: ctx.config.fetchTimeoutMs, userAgent: `Chronicle/${ctx.tool.version}` } },
      user: ctx.config.user,
      tool: ctx.tool,
    },
    raw: options.raw === true,
    ...parsed,
  };
  const json = globals.json === true;
  const progress = startProgress('extracting', inputs.length);
  let failed = 0;
  let crashed = false;
  for (const [i, input] of inputs.entries()) {
    let outcome: ExtractionOutcome;
    try {
      outcome = await service.extract(input, settings);
    } catch (e) {
      // A bug: report it for this input and go on; nothing is written, so nothing is half-done.
      ctx.logger.error({ err: e, index: i }, 'extract failed unexpectedly');
      outcome = { input, ok: false, error: `internal error: ${(e as Error).message}` };
      crashed = true;
    }
    if (!outcome.ok) failed++;
    report(outcome, json);
    progress.update(i + 1);
  }
  progress.stop();
  if (crashed) return EXIT.INTERNAL;
  return failed > 0 ? EXIT.PARTIAL_FAILURE : EXIT.OK;
}

/** The JSON shape of one extract line (documented in the README). */
export function toExtractJson(o: ExtractionOutcome): Record<string, unknown> {
  if (!o.ok) return { input: o.input, error: o.error };
  const x = o.extraction;
  return {
    input: o.input,
    language: x.language,
    publishedAt: x.publishedAt,
    text: x.text,
    entities: x.entities,
    dates: x.dates,
    places: x.places,
    events: x.events,
    warnings: x.warnings,
  };
}

function report(o: ExtractionOutcome, json: boolean): void {
  if (json) {
    printJsonLine(toExtractJson(o));
    return;
  }
  if (!o.ok) {
    printError(`${o.input}: ${o.error}`);
    return;
  }
  printSummary(o.input, o.extraction);
}

const oneLine = (s: string, max = 160): string => {
  const flat = s.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function printSummary(input: string, x: Extraction): void {
  const p = x.publishedAt;
  const published = p ? `${p.value ?? `${p.from ?? '?'}..${p.to ?? '?'}`}${p.estimated ? ' (estimated)' : ''}` : 'unknown';
  printLine(`# ${input}`);
  printLine(`language:  ${x.language ?? 'unknown'}   published: ${published}   ${x.text.length} characters`);
  for (const w of x.warnings) printLine(`warning:   ${w}`);

  printLine(`entities (${x.entities.length}):`);
  const groups = new Map<string, { type: string; canonical: string; count: number; forms: Set<string> }>();
  for (const e of x.entities) {
    const key = `${e.type}\u0000${e.canonical}`;
    const g = groups.get(key) ?? { type: e.type, canonical: e.canonical, count: 0, forms: new Set<string>() };
    g.count++;
    g.forms.add(e.text);
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => a.type.localeCompare(b.type) || b.count - a.count || a.canonical.localeCompare(b.canonical));
  for (const g of sorted) {
    const variants = [...g.forms].filter((f) => f !== g.canonical);
    printLine(`  ${g.type.padEnd(12)} ${g.canonical} ×${g.count}${variants.length ? `  (${variants.join(', ')})` : ''}`);
  }

  printLine(`dates (${x.dates.length}):`);
  for (const d of x.dates) printLine(`  ${oneLine(d.text, 40).padEnd(24)} ${d.from === d.to ? d.from : `${d.from}..${d.to}`} (${d.precision})`);

  printLine(`places (${x.places.length}):`);
  for (const pl of x.places) {
    printLine(`  ${oneLine(pl.text, 40).padEnd(24)} ${pl.name}, ${[pl.admin1, pl.country].filter(Boolean).join(', ')} (${pl.kind}) ${pl.lat.toFixed(3)},${pl.lon.toFixed(3)}`);
  }

  printLine(`events (${x.events.length}):`);
  for (const ev of x.events) {
    const flags = [ev.negated ? 'negated' : '', ev.hedged ? 'hedged' : ''].filter(Boolean).join(', ');
    const when = ev.date ? ` ${ev.date.from === ev.date.to ? ev.date.from : `${ev.date.from}..${ev.date.to}`}` : '';
    const where = ev.place ? ` in ${ev.place.name}` : '';
    const count = ev.count ? ` count ${ev.count.approximate ? '≈' : ''}${ev.count.value}` : '';
    printLine(`  ${ev.type}${when}${where}${count} (confidence ${ev.confidence.toFixed(2)}${flags ? `; ${flags}` : ''}): ${oneLine(x.text.slice(ev.evidence.start, ev.evidence.end))}`);
  }
  printLine();
}
