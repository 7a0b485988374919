import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SharedAnswers } from './shared-answers.js';

/**
 * Answers to repeated reads, kept in memory while the data they were computed from is
 * unchanged. A route opts in with `config: { cache: true }`; its answers are kept per caller
 * (the user's id and the request's URL) under the database's change token, read before the
 * route computes its answer. Any write anywhere — this server, the job worker, the CLI in
 * another process — changes the token, so an answer is only ever served for the data it was
 * computed from. The policy hook and record guards run before a kept answer is served, so a
 * caller whose role was removed is refused as usual; answers never outlive the process.
 *
 * Only 200 answers of JSON are kept; at most `maxBytes` in all, the least recently used
 * dropped first. Each answer says `x-chronicle-cache: hit` or `miss`. A kept answer of more than
 * GZIP_MIN bytes is kept gzipped instead — compressed once, the first time a client that accepts
 * gzip (a browser) asks for it — and sent so: a map or a timeline page is a tenth of the bytes,
 * and the cache holds several times more answers.
 *
 * With several worker processes, answers are also kept in a store they share (`shared`,
 * src/api/shared-answers.ts): an answer missing here is looked for there before it is
 * computed, and what is computed is kept in both.
 *
 *   installResponseCache(app, { changeToken: () => database.changeToken(), maxBytes: 64e6 });
 *   app.get('/api/v1/events', { config: { policy, cache: true }, schema }, handler);
 */
export interface ResponseCacheOptions {
  changeToken: () => Promise<string>;
  /** Memory for kept answers; 0 turns the cache off. */
  maxBytes: number;
  /** Answers bigger than this are not kept (default an eighth of maxBytes). */
  maxEntryBytes?: number;
  /** The store shared with the server's other worker processes, if any. */
  shared?: SharedAnswers | null;
}

export interface ResponseCacheStats {
  /** Answers served from the cache, `sharedHits` of them found in the shared store. */
  hits: number;
  sharedHits: number;
  misses: number;
  entries: number;
  bytes: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Keep this GET route's answers in the response cache (see src/api/response-cache.ts). */
    cache?: boolean;
  }
  interface FastifyRequest {
    /** Set on a cacheable request that missed: where and under which token to keep its answer. */
    responseCacheSlot: { key: string; token: string } | null;
  }
  interface FastifyInstance {
    responseCache: { stats(): ResponseCacheStats; clear(): void };
  }
}

interface Entry {
  token: string;
  contentType: string;
  /**
   * The answer as bytes, or only gzipped: an answer worth compressing is kept gzipped once a
   * client accepting gzip (a browser) asked for it, and unzipped on the rare request that does
   * not accept it. Bytes, not strings: kept outside the JavaScript heap, which the garbage
   * collector then does not copy or scan.
   */
  body: Buffer | null;
  gzip: Buffer | null;
}

/** Answers smaller than this are sent as they are. */
const GZIP_MIN = 4096;
/**
 * zlib's fastest level: an answer computed afresh is compressed while its client waits, and
 * under load while every other client waits too. On the answers of bench:api's mixed scenario
 * (42 KB on average) level 1 takes 0.27–0.32 ms and keeps 20.4 % of the bytes; level 6, zlib's
 * default, 0.55–0.60 ms for 17.9 %.
 */
const GZIP_LEVEL = 1;

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /\bgzip\b(?!;\s*q=0(?:\.0*)?\b)/i.test(accept);
}

export const CACHE_HEADER = 'x-chronicle-cache';

export function installResponseCache(app: FastifyInstance, options: ResponseCacheOptions): void {
  const maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 8);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let sharedHits = 0;
  let misses = 0;
  const shared = options.shared ?? null;
  const sizeOf = (key: string, e: Entry) => 2 * key.length + (e.body?.length ?? 0) + (e.gzip?.length ?? 0) + 64;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= sizeOf(key, e);
  };

  app.decorateRequest('responseCacheSlot', null);
  app.decorate('responseCache', {
    stats: () => ({ hits, sharedHits, misses, entries: entries.size, bytes }),
    clear: () => {
      entries.clear();
      bytes = 0;
    },
  });
  if (options.maxBytes <= 0) return;

  const cacheable = (request: FastifyRequest) => request.method === 'GET' && request.routeOptions.config.cache === true && request.principal !== null;

  const keep = (key: string, entry: Entry) => {
    drop(key);
    entries.set(key, entry);
    bytes += sizeOf(key, entry);
    for (const oldest of entries.keys()) {
      if (bytes <= options.maxBytes) break;
      drop(oldest);
    }
  };

  const serve = (request: FastifyRequest, reply: FastifyReply, key: string, kept: Entry) => {
    hits++;
    reply.header(CACHE_HEADER, 'hit').header('vary', 'accept-encoding').type(kept.contentType);
    if (acceptsGzip(request) && (kept.gzip || kept.body!.length > GZIP_MIN)) {
      if (!kept.gzip) {
        // Compressed once; the plain bytes are then no longer kept.
        const before = kept.body!.length;
        kept.gzip = zlib.gzipSync(kept.body!, { level: GZIP_LEVEL });
        kept.body = null;
        if (entries.get(key) === kept) bytes += kept.gzip.length - before;
      }
      return reply.header('content-encoding', 'gzip').send(kept.gzip);
    }
    return reply.send(kept.body ?? zlib.gunzipSync(kept.gzip!));
  };

  // preHandler: after the policy hook (onRequest), validation and the record guards (preValidation).
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    const key = `${request.principal!.user.id}\n${request.url}`;
    const token = await options.changeToken();
    const kept = entries.get(key);
    if (kept && kept.token === token) {
      entries.delete(key);
      entries.set(key, kept);
      return serve(request, reply, key, kept);
    }
    if (kept) drop(key);
    const found = shared?.get(key, token);
    if (found) {
      sharedHits++;
      const entry: Entry = { token, contentType: found.contentType, body: found.gzip ? null : found.bytes, gzip: found.gzip ? found.bytes : null };
      if (sizeOf(key, entry) <= maxEntryBytes) keep(key, entry);
      return serve(request, reply, key, entry);
    }
    misses++;
    request.responseCacheSlot = { key, token };
    reply.header(CACHE_HEADER, 'miss');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const slot = request.responseCacheSlot;
    if (!slot || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!contentType.startsWith('application/json')) return payload;
    const bytesOf = Buffer.from(payload, 'utf8');
    const gzip = bytesOf.length > GZIP_MIN && acceptsGzip(request) ? zlib.gzipSync(bytesOf, { level: GZIP_LEVEL }) : null;
    const entry: Entry = { token: slot.token, contentType, body: gzip ? null : bytesOf, gzip };
    const size = sizeOf(slot.key, entry);
    reply.header('vary', 'accept-encoding');
    const answer = gzip ? (reply.header('content-encoding', 'gzip'), gzip) : bytesOf;
    if (size > maxEntryBytes) return answer;
    keep(slot.key, entry);
    shared?.put(slot.key, slot.token, { contentType, gzip: gzip !== null, bytes: gzip ?? bytesOf });
    return answer;
  });
}
