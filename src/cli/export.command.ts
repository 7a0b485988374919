import type { Command } from 'commander';
import { ArchiveService } from '../services/archive.service.js';
import { CliContext, type GlobalOptions } from './context.js';
import { printJsonLine, printLine } from './output.js';
import { startProgress } from './progress.js';

export function registerExportCommand(program: Command): void {
  const exportCmd = program.command('export').description('export stored evidence in standard formats');
  exportCmd
    .command('warc')
    .description('write every stored capture to a WARC/1.1 file (gzip per record)')
    .requiredOption('--out <file>', 'the .warc.gz file to write (must not exist yet)')
    .addHelpText(
      'after',
      '\nURL captures become response records, files and standard input resource records, after one warcinfo\nrecord. WARC-Payload-Digest is sha256:<hex>, the hash Chronicle stores.',
    )
    .action(async (options: { out: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const ctx = new CliContext(globals);
      try {
        const storage = await ctx.openStorage();
        const service = new ArchiveService(storage.sources, storage.blobs);
        const progress = startProgress('exporting', await storage.sources.count(), 50);
        const result = await service.exportWarc(options.out, ctx.tool, (done, total) => progress.update(done, total));
        progress.stop();
        if (globals.json) printJsonLine({ out: options.out, ...result });
        else printLine(`wrote ${options.out}: ${result.sources} captures in ${result.records} WARC records, ${result.bytes} bytes`);
      } finally {
        await ctx.close();
      }
    });
}
