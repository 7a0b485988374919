/** One JSON object per line on stdout; human text otherwise. Errors go to stderr, one line. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printError(message: string): void {
  process.stderr.write(`chronicle: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
}
