/**
 * Reading an HTTP response body within limits: the wire bytes and the decompressed bytes
 * both count against `maxBytes` while streaming, so neither a huge body nor a compression
 * bomb can exhaust memory. Content-Encoding gzip, deflate (zlib or raw) and br are undone.
 *
 * Example: a 512 MB gzip bomb with maxBytes 1 MB -> throws FetchFailure('response exceeds 1 MB limit').
 */
import type http from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { formatBytes } from './bytes.js';

/** A fetch failure whose message is the one-line reason reported to the user. */
export class FetchFailure extends Error {}

class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number, private readonly reason: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new FetchFailure(this.reason));
    else done(null, chunk);
  }
}

export async function readBody(res: http.IncomingMessage, headers: Record<string, string>, s: { maxBytes: number }): Promise<Buffer> {
  const limitReason = `response exceeds ${formatBytes(s.maxBytes)} limit`;
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > s.maxBytes) throw new FetchFailure(limitReason);

  const decoders: Transform[] = [];
  const codings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // Codings are listed in the order they were applied; undo them in reverse.
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip());
    else if (coding === 'deflate') decoders.push(inflateEither());
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress());
    else throw new FetchFailure(`unsupported Content-Encoding "${coding}"`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let overLimit = false;
  try {
    // The typed overloads cannot express a variable number of transforms.
    const run = pipeline as (...stages: unknown[]) => Promise<void>;
    await run(res, new ByteLimit(s.maxBytes, limitReason), ...decoders, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        total += chunk.length;
        if (total > s.maxBytes) {
          overLimit = true;
          throw new FetchFailure(limitReason);
        }
        chunks.push(chunk);
      }
    });
  } catch (error) {
    // Tearing the pipeline down can surface as an AbortError; keep the real cause.
    throw overLimit ? new FetchFailure(limitReason) : error;
  }
  if (!res.complete) throw new FetchFailure('connection closed before the response was complete');
  return Buffer.concat(chunks, total);
}

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: look at the
 * first bytes and pick the right inflater.
 */
function inflateEither(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const outer: Transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (inner === null) {
        const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
        inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('data', (d: Buffer) => outer.push(d));
        inner.on('error', (e) => outer.destroy(e));
      }
      if (inner.write(chunk)) done();
      else inner.once('drain', () => done());
    },
    flush(done) {
      if (inner === null) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
  return outer;
}
