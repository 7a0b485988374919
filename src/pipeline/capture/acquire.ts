import fsp from 'node:fs/promises';
import path from 'node:path';
import type { CaptureOrigin } from '../../domain/source.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { formatBytes } from './bytes.js';
import { fetchUrl, type FetchedResource, type FetchOptions } from './fetch.js';

/**
 * Gets the original bytes of one input — a file path, an http(s) URL, or "-" for
 * standard input — without interpreting them. Nothing is stored here.
 *
 * Example: `acquire('report.html', { maxBytes: 20e6 })` ->
 *   `{ ok: true, value: { origin: 'file', bytes, fileName: 'report.html', contentType: null } }`
 */
export interface AcquireOptions {
  maxBytes: number;
  fetch?: FetchOptions;
  /** Reads standard input; injectable for tests. */
  stdin?: NodeJS.ReadableStream;
}

export interface Acquired {
  origin: CaptureOrigin;
  bytes: Buffer;
  fileName: string | null;
  contentType: string | null;
  fetched: FetchedResource | null;
}

export function classifyInput(input: string): CaptureOrigin | { unsupported: string } {
  if (input === '-') return 'stdin';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return 'url';
  if (scheme) return { unsupported: `unsupported URL scheme "${scheme}:" (only http and https are captured)` };
  return 'file';
}

export async function acquire(input: string, options: AcquireOptions): Promise<Result<Acquired>> {
  const kind = classifyInput(input);
  if (typeof kind === 'object') return fail(kind.unsupported);
  if (kind === 'url') {
    const res = await fetchUrl(input, { maxBytes: options.maxBytes, ...options.fetch });
    if (!res.ok) return res;
    const r = res.value;
    if (r.body.length === 0) return fail(`empty response from ${r.finalUrl}`);
    return ok({ origin: 'url', bytes: r.body, fileName: null, contentType: r.contentType, fetched: r });
  }
  if (kind === 'stdin') {
    const bytes = await readLimited(options.stdin ?? process.stdin, options.maxBytes);
    if (!bytes.ok) return bytes;
    if (bytes.value.length === 0) return fail('standard input is empty');
    return ok({ origin: 'stdin', bytes: bytes.value, fileName: null, contentType: null, fetched: null });
  }
  return readFileInput(input, options.maxBytes);
}

async function readFileInput(file: string, maxBytes: number): Promise<Result<Acquired>> {
  let stat;
  try {
    stat = await fsp.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`no such file: ${file}`);
    if (code === 'EACCES') return fail(`permission denied: ${file}`);
    return fail(`cannot read ${file}: ${code ?? (e as Error).message}`);
  }
  if (stat.isDirectory()) return fail(`${file} is a directory, not a file`);
  if (!stat.isFile()) return fail(`${file} is not a regular file`);
  if (stat.size > maxBytes) return fail(`${file} is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit`);
  if (stat.size === 0) return fail(`${file} is empty`);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) return fail(`${file} is over the ${formatBytes(maxBytes)} limit`);
  return ok({ origin: 'file', bytes, fileName: path.basename(file), contentType: null, fetched: null });
}

async function readLimited(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Result<Buffer>> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) return fail(`standard input is over the ${formatBytes(maxBytes)} limit`);
    chunks.push(buf);
  }
  return ok(Buffer.concat(chunks));
}
