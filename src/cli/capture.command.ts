import type { Command } from 'commander';
import type { Article } from '../domain/article.js';
import { AppError } from '../domain/errors.js';
import { CaptureService, type CaptureOutcome } from '../services/capture.service.js';
import { CliContext, type GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printJsonLine, printLine } from './output.js';
import { startProgress } from './progress.js';

interface CaptureOptions {
  store: boolean;
  allowPrivate?: boolean;
  maxBytes?: string;
  timeout?: string;
}

export function registerCaptureCommand(program: Command): void {
  program
    .command('capture')
    .description('capture files, URLs or standard input as evidence, and print the clean article')
    .argument('<inputs...>', 'file paths, http(s) URLs, or - for standard input')
    .option('--no-store', 'only print what would be stored; write nothing')
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses (off by default)')
    .option('--max-bytes <n>', 'size limit per input in bytes (default 20 MB, or CHRONICLE_FETCH_MAX_BYTES)')
    .option('--timeout <ms>', 'total time limit per URL in milliseconds (default 30000)')
    .addHelpText(
      'after',
      `
Each input is stored as a Source: the original bytes (content-addressed by SHA-256) and
provenance (URL asked for and final URL, HTTP status and headers, capture time, tool, who).
Exact duplicates are not stored twice; near duplicates are reported as duplicateOf.

Examples:
  chronicle capture report.html statement.pdf
  chronicle capture --json https://example.org/news/1
  cat notes.txt | chronicle capture -
  chronicle capture --no-store --json pages/*.html   # evaluate the cleaner, store nothing`,
    )
    .action(async (inputs: string[], options: CaptureOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions & CaptureOptions>();
      process.exitCode = await runCapture(inputs, options, globals);
    });
}

function parsePositive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AppError('INVALID_INPUT', `${name} must be a positive whole number, got "${value}"`);
  return n;
}

async function runCapture(inputs: string[], options: CaptureOptions, globals: GlobalOptions): Promise<number> {
  const ctx = new CliContext({ ...globals, allowPrivate: options.allowPrivate ? true : undefined });
  try {
    const maxBytes = parsePositive('--max-bytes', options.maxBytes) ?? ctx.config.fetchMaxBytes;
    const timeoutMs = parsePositive('--timeout', options.timeout) ?? ctx.config.fetchTimeoutMs;
    const storage = options.store ? await ctx.openStorage() : null;
    const service = new CaptureService(storage?.sources ?? null, storage?.unitOfWork ?? null, storage?.blobs ?? null);
    const settings = {
      acquire: { maxBytes, fetch: { allowPrivate: ctx.config.allowPrivate, timeoutMs, userAgent: `Chronicle/${ctx.tool.version}` } },
      user: ctx.config.user,
      tool: ctx.tool,
    };
    const progress = startProgress('capturing', inputs.length);
    let failed = 0;
    for (const [i, input] of inputs.entries()) {
      let outcome: CaptureOutcome;
      try {
        outcome = await service.capture(input, settings, { store: options.store });
      } catch (e) {
        // A bug or a storage failure: report it for this input and stop, nothing half-written.
        ctx.logger.error({ err: e, index: i }, 'capture failed unexpectedly');
        outcome = { input, ok: false, error: `internal error: ${(e as Error).message}` };
        report(outcome, globals.json === true);
        progress.stop();
        return EXIT.INTERNAL;
      }
      if (!outcome.ok) failed++;
      report(outcome, globals.json === true);
      progress.update(i + 1);
    }
    progress.stop();
    return failed > 0 ? EXIT.PARTIAL_FAILURE : EXIT.OK;
  } finally {
    await ctx.close();
  }
}

/** The JSON shape of one capture line (documented in the README). */
export function toCaptureJson(o: CaptureOutcome): Record<string, unknown> {
  if (!o.ok) return { input: o.input, error: o.error };
  const a: Article | null = o.article;
  return {
    input: o.input,
    id: o.id,
    stored: o.stored,
    sha256: o.sha256,
    byteSize: o.byteSize,
    url: o.provenance.finalUrl ?? o.provenance.requestedUrl,
    requestedUrl: o.provenance.requestedUrl,
    finalUrl: o.provenance.finalUrl,
    httpStatus: o.provenance.httpStatus,
    mediaType: o.mediaType,
    capturedAt: o.provenance.capturedAt,
    capturedBy: o.provenance.capturedBy,
    tool: `${o.provenance.tool}/${o.provenance.toolVersion}`,
    title: a?.title ?? null,
    subtitle: a?.subtitle ?? null,
    byline: a?.byline ?? null,
    publishedAt: a?.publishedAt ?? null,
    language: a?.language ?? null,
    text: a?.text ?? '',
    paragraphs: a?.paragraphs ?? [],
    credits: a?.credits ?? [],
    truncated: a?.truncated ?? false,
    duplicateOf: o.duplicateOf,
    duplicateKind: o.duplicateKind,
    ...(o.cleanError ? { cleanError: o.cleanError } : {}),
  };
}

function report(o: CaptureOutcome, json: boolean): void {
  if (json) {
    printJsonLine(toCaptureJson(o));
    return;
  }
  if (!o.ok) {
    printError(`${o.input}: ${o.error}`);
    return;
  }
  const status = o.id === null
    ? 'not stored (--no-store)'
    : o.duplicateKind === 'exact'
      ? `already stored as ${o.id}`
      : o.duplicateKind === 'near'
        ? `stored as ${o.id} (near duplicate of ${o.duplicateOf})`
        : `stored as ${o.id}`;
  printLine(`# ${o.input}: ${status}`);
  printLine(`sha256:    ${o.sha256}  (${o.mediaType}, ${o.byteSize} bytes)`);
  if (o.provenance.finalUrl) printLine(`url:       ${o.provenance.finalUrl} (HTTP ${o.provenance.httpStatus})`);
  const a = o.article;
  if (!a) {
    printLine(`no article: ${o.cleanError}`);
    printLine();
    return;
  }
  if (a.title) printLine(`title:     ${a.title}`);
  if (a.subtitle) printLine(`subtitle:  ${a.subtitle}`);
  if (a.byline) printLine(`byline:    ${a.byline}`);
  const p = a.publishedAt;
  if (p) printLine(`published: ${p.value ?? `${p.from ?? '?'} .. ${p.to ?? '?'}`}${p.estimated ? ' (estimated from the text)' : ''}`);
  printLine(`language:  ${a.language ?? 'unknown'}${a.truncated ? '   truncated: yes (the text stops mid-way)' : ''}`);
  for (const c of a.credits) printLine(`credit:    ${[c.caption, c.credit].filter(Boolean).join(' — ')}`);
  printLine();
  printLine(a.text);
  printLine();
}
