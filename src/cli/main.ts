import { Command, CommanderError } from 'commander';
import { isAppError } from '../domain/errors.js';
import { registerCaptureCommand } from './capture.command.js';
import { readVersion } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { registerExportCommand } from './export.command.js';
import { registerExtractCommand } from './extract.command.js';
import { printError } from './output.js';
import { registerVerifyCommand } from './verify.command.js';
import { registerJobsCommand } from './jobs.command.js';
import { registerSuggestionsCommand } from './suggestions.command.js';
import { registerEventsCommand } from './events.command.js';
import { registerEntitiesCommand } from './entities.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerSearchCommand } from './search.command.js';

/** The `chronicle` command: a thin door into the services. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('chronicle')
    .description('Chronicle: capture, verify and document human-rights reports as evidence')
    .option('--data <dir>', 'data folder for the SQLite database and blob store (default ./chronicle-data, or CHRONICLE_DATA)')
    .option('--json', 'machine-readable output: one JSON object per line')
    .version(readVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCaptureCommand(program);
  registerExtractCommand(program);
  registerExportCommand(program);
  registerVerifyCommand(program);
  registerJobsCommand(program);
  registerSuggestionsCommand(program);
  registerEventsCommand(program);
  registerEntitiesCommand(program);
  registerSearchCommand(program);
  registerServeCommand(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (isAppError(e)) {
      printError(e.message);
      return exitCodeFor(e.code);
    }
    printError(`internal error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.INTERNAL;
  }
}

// A reader that stops early (`chronicle capture … | head`) closes our stdout: stop quietly.
// Each capture is its own transaction, so what was acknowledged is stored and nothing is half-written.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await main(process.argv);
process.exitCode = code;
