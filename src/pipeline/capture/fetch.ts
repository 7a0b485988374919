/**
 * SSRF-guarded HTTP(S) fetch for capture.
 *
 *   const r = await fetchUrl('https://example.org/report');
 *   // r.ok -> { requestedUrl, finalUrl, status: 200, headers, redirects: [], body, contentType,
 *   //          remoteAddress: '93.184.216.34' }
 *   // !r.ok -> { reason: 'HTTP 404 Not Found' | 'refused: ... loopback ...' | 'timed out after 30000 ms' ... }
 *
 * Why it is built this way:
 * - The hostname is resolved here, every address is vetted, and the socket is then pinned
 *   to a vetted address through a custom `lookup`, so a DNS answer that changes between the
 *   check and the connect (rebinding) cannot steer us inside the network. The connected
 *   peer is checked once more before any response is read.
 * - Redirects are followed by hand so every hop goes through the same guard.
 * - Size limits count both wire bytes and decompressed bytes while streaming, so neither a
 *   huge body nor a compression bomb can exhaust memory.
 * - A failed fetch stores nothing, so HTTP errors (status >= 400) are failures.
 * - Credentials in a URL are sent (Basic auth) but stripped from every URL we return,
 *   because returned URLs end up in provenance records and logs.
 * Never throws.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import { fail, ok, type Result } from '../../domain/result.js';
import { isForbiddenAddress } from './address-guard.js';
import { FetchFailure, readBody } from './http-body.js';

export interface FetchOptions {
  /** Skip the address guard (tests, or an operator who deliberately captures an intranet). */
  allowPrivate?: boolean;
  /** Maximum body size, counted on the wire and after decompression. Default 20 MiB. */
  maxBytes?: number;
  /** Total time for the whole fetch including DNS and redirects. Default 30 000 ms. */
  timeoutMs?: number;
  /** Maximum silence on the socket. Default: same as `timeoutMs`. */
  idleTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Resolves a hostname to IP literals. Default: `dns.lookup` with `all: true`. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** The address policy. Default: `isForbiddenAddress`. Ignored when `allowPrivate`. */
  isForbidden?: (ip: string) => string | null;
}

export interface FetchedResource {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  redirects: { url: string; status: number }[];
  body: Buffer;
  contentType: string | null;
  remoteAddress: string;
}

export const DEFAULT_FETCH_OPTIONS = {
  allowPrivate: false,
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 30_000,
  maxRedirects: 5,
  userAgent: 'Chronicle/0.1 (human-rights documentation; +capture)',
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Names that must never be fetched whatever DNS says (RFC 6761, mDNS, private-use TLDs).
const FORBIDDEN_NAME = /(^|\.)(localhost|local|internal|home\.arpa)$/i;

/** Carries a ready-made one-line reason through promise rejections. */
interface Settings {
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  idleTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  resolve: (hostname: string) => Promise<string[]>;
  isForbidden: (ip: string) => string | null;
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  location: string | null;
  body: Buffer | null;
  remoteAddress: string;
}

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<Result<FetchedResource>> {
  const settings: Settings = {
    allowPrivate: options.allowPrivate ?? DEFAULT_FETCH_OPTIONS.allowPrivate,
    maxBytes: options.maxBytes ?? DEFAULT_FETCH_OPTIONS.maxBytes,
    timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_OPTIONS.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? options.timeoutMs ?? DEFAULT_FETCH_OPTIONS.timeoutMs,
    maxRedirects: options.maxRedirects ?? DEFAULT_FETCH_OPTIONS.maxRedirects,
    userAgent: options.userAgent ?? DEFAULT_FETCH_OPTIONS.userAgent,
    resolve: options.resolve ?? resolveWithDns,
    isForbidden: options.isForbidden ?? isForbiddenAddress,
  };
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new FetchFailure(`timed out after ${settings.timeoutMs} ms`)),
    settings.timeoutMs,
  );
  try {
    return await followRedirects(url, settings, deadline.signal);
  } catch (error) {
    if (deadline.signal.aborted) return fail(reasonOf(deadline.signal.reason));
    return fail(reasonOf(error));
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(url: string, s: Settings, signal: AbortSignal): Promise<Result<FetchedResource>> {
  let current = parseHttpUrl(url);
  if (!current.ok) return current;
  const requestedUrl = redact(current.value);
  const redirects: { url: string; status: number }[] = [];
  for (;;) {
    const target = current.value;
    const addresses = await vetHost(target, s, signal);
    if (!addresses.ok) return addresses;
    const hop = await request(target, addresses.value, s, signal);
    if (hop.location !== null) {
      redirects.push({ url: redact(target), status: hop.status });
      if (redirects.length > s.maxRedirects) return fail(`too many redirects (more than ${s.maxRedirects})`);
      let next: URL;
      try {
        next = new URL(hop.location, target);
      } catch {
        return fail(`HTTP ${hop.status} redirect to an invalid Location`);
      }
      current = parseHttpUrl(next.href, 'redirect to');
      if (!current.ok) return current;
      continue;
    }
    return ok({
      requestedUrl,
      finalUrl: redact(target),
      status: hop.status,
      headers: hop.headers,
      redirects,
      body: hop.body ?? Buffer.alloc(0),
      contentType: hop.headers['content-type'] ?? null,
      remoteAddress: hop.remoteAddress,
    });
  }
}

function parseHttpUrl(text: string, context = 'URL'): Result<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`invalid ${context === 'URL' ? 'URL' : 'redirect URL'}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = context === 'URL' ? '' : ' (in a redirect)';
    return fail(`unsupported URL scheme "${url.protocol}"${where}: only http: and https: can be captured`);
  }
  if (url.hostname === '') return fail('URL has no host');
  return ok(url);
}

/** Returns the URL without user name and password. */
function redact(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function hostOf(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

async function vetHost(url: URL, s: Settings, signal: AbortSignal): Promise<Result<string[]>> {
  const host = hostOf(url);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    const bare = host.replace(/\.$/, '');
    if (!s.allowPrivate && FORBIDDEN_NAME.test(bare)) return fail(`refused: ${bare} is a local-only host name`);
    try {
      addresses = await abortable(s.resolve(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return fail(dnsReason(host, error));
    }
    if (addresses.length === 0) return fail(`host not found: ${host}`);
  }
  if (!s.allowPrivate) {
    for (const address of addresses) {
      const why = s.isForbidden(address);
      if (why !== null) {
        return fail(address === host ? `refused: ${host} is ${why}` : `refused: ${host} resolves to ${address}, ${why}`);
      }
    }
  }
  return ok(addresses);
}

async function resolveWithDns(hostname: string): Promise<string[]> {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Performs one request to a vetted address; reads the body only for a final response. */
function request(url: URL, addresses: string[], s: Settings, signal: AbortSignal): Promise<Hop> {
  const pinned = addresses.map((address) => ({ address, family: isIP(address) }));
  // The socket connects to one of the vetted addresses, never to a fresh DNS answer.
  const lookup = (
    _hostname: string,
    opts: { all?: boolean },
    callback: (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void,
  ): void => {
    if (opts.all) callback(null, pinned);
    else callback(null, pinned[0]!.address, pinned[0]!.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const auth = url.username || url.password ? `${safeDecode(url.username)}:${safeDecode(url.password)}` : undefined;

  return new Promise<Hop>((resolve, reject) => {
    let idleReason: string | null = null;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const req = client.request(url, {
      method: 'GET',
      agent: false, // no pooled sockets: each hop is vetted and connected afresh
      lookup: lookup as never,
      auth,
      signal,
      headers: {
        'user-agent': s.userAgent,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    const failWith = (error: unknown): void => {
      const reason = signal.aborted ? signal.reason : idleReason !== null ? new FetchFailure(idleReason) : error;
      settle(() => reject(reason));
    };
    req.setTimeout(s.idleTimeoutMs, () => {
      idleReason = `timed out after ${s.idleTimeoutMs} ms without data`;
      req.destroy(new FetchFailure(idleReason));
    });
    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        // Defence in depth: whatever route the socket took, check where it actually went.
        const peer = socket.remoteAddress ?? '';
        const why = s.allowPrivate ? null : s.isForbidden(peer);
        if (why !== null) req.destroy(new FetchFailure(`refused: connected peer ${peer} is ${why}`));
      });
    });
    req.on('error', failWith);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const headers = flattenHeaders(res.headers);
      const remoteAddress = res.socket?.remoteAddress ?? addresses[0]!;
      if (REDIRECT_STATUSES.has(status) && headers['location'] !== undefined) {
        req.destroy();
        settle(() => resolve({ status, headers, location: headers['location']!, body: null, remoteAddress }));
        return;
      }
      if (status < 200 || status >= 300) {
        req.destroy();
        const text = res.statusMessage || http.STATUS_CODES[status] || '';
        const extra = REDIRECT_STATUSES.has(status) ? ' without a Location header' : '';
        settle(() => reject(new FetchFailure(`HTTP ${status}${text ? ` ${text}` : ''}${extra}`.trim())));
        return;
      }
      readBody(res, headers, s)
        .then((body) => settle(() => resolve({ status, headers, location: null, body, remoteAddress })))
        .catch(failWith);
    });
    req.end();
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function dnsReason(host: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'ENODATA') return `host not found: ${host}`;
  if (code === 'EAI_AGAIN') return `DNS lookup for ${host} failed temporarily`;
  return `DNS lookup for ${host} failed: ${reasonOf(error)}`;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/;

function reasonOf(error: unknown): string {
  if (error instanceof FetchFailure) return error.message;
  const e = error as { code?: string; message?: string; address?: string; port?: number };
  const code = e?.code ?? '';
  const where = e?.address ? ` (${e.address}${e.port ? `:${e.port}` : ''})` : '';
  if (code === 'ECONNREFUSED') return `connection refused${where}`;
  if (code === 'ECONNRESET') return 'connection reset by the server';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable${where}`;
  if (code === 'ETIMEDOUT') return `connection timed out${where}`;
  if (code.startsWith('HPE_')) return `malformed HTTP response (${code})`;
  if (code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') return 'could not decompress the response body';
  if (TLS_CODES.test(code)) return `TLS error: ${code}`;
  const message = (e?.message ?? String(error)).split('\n')[0]!.trim();
  return code ? `${code}: ${message}` : message || 'unknown fetch error';
}
