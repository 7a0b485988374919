import { AppError } from '../domain/errors.js';

/** Parsing of option values typed by a person: each bad value gets an error naming the option. */

export function parseLimit(value: string | undefined, name: string, max: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new AppError('INVALID_INPUT', `${name} must be a whole number from 1 to ${max}, got "${value}"`);
  }
  return Number(value);
}

export function parseOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value)) throw new AppError('INVALID_INPUT', `--offset must be a whole number, got "${value}"`);
  return Number(value);
}

/** `SOURCE:START:END` → evidence for a claim. */
export function parseEvidence(value: string | undefined, name = '--evidence'): { sourceId: string; start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^([^:\s]+):(\d+):(\d+)$/.exec(value);
  if (!m) throw new AppError('INVALID_INPUT', `${name} must be SOURCE_ID:START:END (character offsets), got "${value}"`);
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (end <= start) throw new AppError('INVALID_INPUT', `${name}: END must be greater than START`);
  return { sourceId: m[1]!, start, end };
}

/** Repeated `--set field=value` → an object; values that look like JSON (arrays) are parsed. */
export function parseAssignments(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new AppError('INVALID_INPUT', `--set takes field=value, got "${pair}"`);
    const field = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1);
    if (field in out) throw new AppError('INVALID_INPUT', `--set ${field} given twice`);
    out[field] = field === 'types' ? raw.split(',').map((t) => t.trim()).filter(Boolean) : raw;
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
