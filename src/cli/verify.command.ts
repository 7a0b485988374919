import type { Command } from 'commander';
import { IntegrityService } from '../services/integrity.service.js';
import { CliContext, type GlobalOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { printError, printJsonLine, printLine } from './output.js';
import { startProgress } from './progress.js';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('re-hash every stored original and report any that is missing or altered')
    .addHelpText('after', '\nExit status: 0 when every blob matches its SHA-256, 3 when any is missing or altered.')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = new CliContext(globals);
      try {
        const storage = await ctx.openStorage();
        const service = new IntegrityService(storage.sources, storage.blobs);
        const progress = startProgress('verifying', await storage.sources.count(), 50);
        const report = await service.verify((done, total) => progress.update(done, total));
        progress.stop();
        if (globals.json) {
          printJsonLine({ checked: report.checked, ok: report.ok, problems: report.problems });
        } else {
          for (const p of report.problems) {
            printError(`${p.sourceId}: blob ${p.sha256} ${p.problem === 'missing' ? 'is missing' : `does not match its hash (now ${p.actual})`}`);
          }
          printLine(`${report.checked} originals checked: ${report.ok} intact, ${report.problems.length} missing or altered`);
        }
        process.exitCode = report.problems.length > 0 ? EXIT.INTEGRITY : EXIT.OK;
      } finally {
        await ctx.close();
      }
    });
}
