import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { parseDateBound, SEARCH_KINDS, stripSnippetMarks, type SearchKind } from '../domain/search.js';
import { withContext } from './context.js';
import { collect, parseLimit, parseOffset } from './options.js';
import { printJsonLine, printLine } from './output.js';

function parseKinds(values: string[]): SearchKind[] | undefined {
  const kinds = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (kinds.length === 0) return undefined;
  for (const k of kinds) {
    if (!(SEARCH_KINDS as readonly string[]).includes(k)) throw new AppError('INVALID_INPUT', `--kind must be one of ${SEARCH_KINDS.join(', ')}, got "${k}"`);
  }
  return kinds as SearchKind[];
}

/** A snippet for a terminal: matches in «guillemets». */
function terminalSnippet(snippet: string): string {
  return stripSnippetMarks(snippet.replace(/<mark>/g, '«').replace(/<\/mark>/g, '»')).replace(/\s+/g, ' ');
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over sources and records, with snippets and facet counts')
    .argument('<query>', 'words (all must occur, any form or script), "a phrase", a OR b, -word, prefix*')
    .option('--kind <kind>', `source, event or entity; repeatable`, collect, [])
    .option('--type <type>', 'event type facet (e.g. detention); repeatable', collect, [])
    .option('--from <date>', 'dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'dated on or before')
    .option('--place <name>', 'mentioning this place (any spelling or script)')
    .option('--person <name>', 'mentioning this person (any spelling or script)')
    .option('--limit <n>', 'hits per page (default 20, at most 100)')
    .option('--offset <n>', 'skip this many hits')
    .addHelpText('after', '\nExamples:\n  chronicle search Nazarbaev\n  chronicle search \'"land reform" protest\' --from 2016 --to 2016-06 --kind source\n  chronicle search задержан --place Атырау --json')
    .action(async (query: string, o: { kind: string[]; type: string[]; from?: string; to?: string; place?: string; person?: string; limit?: string; offset?: string }, command: Command) => {
      await withContext(command, async (ctx, globals) => {
        const request = {
          text: query,
          kinds: parseKinds(o.kind),
          ...(o.type.length ? { types: o.type } : {}),
          ...(o.from ? { from: parseDateBound(o.from, 'from') } : {}),
          ...(o.to ? { to: parseDateBound(o.to, 'to') } : {}),
          ...(o.place ? { place: o.place } : {}),
          ...(o.person ? { person: o.person } : {}),
          limit: parseLimit(o.limit, '--limit', 100, 20),
          offset: parseOffset(o.offset),
        };
        const records = await ctx.openRecords();
        const result = await records.search.search(request);
        if (globals.json) return printJsonLine(result);
        const total = `${result.total.value}${result.total.exact ? '' : '+'}`;
        printLine(`${total} matches${result.order === 'recency' ? ' (too many to rank: newest first)' : ''}`);
        for (const h of result.hits) {
          const when = h.dateFrom ? ` ${h.dateFrom}${h.dateTo && h.dateTo !== h.dateFrom ? `..${h.dateTo}` : ''}` : '';
          printLine(`\n${h.kind} ${h.id}${when}  ${h.title}`);
          printLine(`  ${terminalSnippet(h.snippet)}`);
        }
        for (const [facet, counts] of Object.entries(result.facets)) {
          if (counts.length) printLine(`\n${facet}: ${counts.slice(0, 8).map((c) => `${c.value} (${c.count})`).join(', ')}`);
        }
      });
    });
}
