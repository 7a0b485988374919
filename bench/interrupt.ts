/**
 * What a benchmark does when interrupted (Ctrl-C, a killed job): says so, runs `cleanup` (stop
 * child servers, remove temporary folders: what its finally blocks would have done), and exits
 * with the shell's code for the signal (130 for SIGINT, 143 for SIGTERM).
 *
 *   onInterrupt(log, () => fs.rmSync(tmp, { recursive: true, force: true }));
 */
export function onInterrupt(log: (line: string) => void, cleanup: () => void): void {
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
}
