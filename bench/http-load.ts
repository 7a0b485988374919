/**
 * A closed-loop HTTP/1.1 load generator for bench:api: `connections` keep-alive connections,
 * each sending its next GET as soon as the answer to the previous one is complete, for
 * `durationS` seconds. Latency is measured from writing a request to the last byte of its answer.
 *
 * Why not autocannon, which bench:api drove the server with before: the load runs on the same
 * machine as the server it measures, so every microsecond the load generator spends is taken from
 * the server. autocannon 9 decodes every answer's body into a string (gzipped bytes, here) and
 * parses with a JavaScript HTTP parser: about 170–210 µs of CPU per answer on this machine, a
 * fifth of a core at 1,000 answers a second. This one reads the status line and the headers of
 * each answer and only counts the body's bytes (the body of a non-2xx answer is kept, up to
 * 1 KB, to report what went wrong).
 *
 *   const r = await runLoad({ base: 'http://127.0.0.1:8470', connections: 50, durationS: 15, timeoutS: 60,
 *     headers: { accept: 'application/json' }, next: () => ({ path: '/api/v1/events', context: 'events' }),
 *     onResponse: (a) => latencies.push(a.ms) });
 *   r.requests // answers received; r.sent - r.requests - r.errors - r.timeouts were still in flight at the end
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadOptions<C> {
  /** `http://host:port` (plain HTTP). */
  base: string;
  connections: number;
  durationS: number;
  /** A request unanswered for this long is counted as a timeout and its connection replaced. */
  timeoutS: number;
  /** Sent with every request (besides `host`). */
  headers: Record<string, string>;
  /** The next request to send, and what to hand back with its answer. */
  next(): { path: string; context: C };
  onResponse(answer: Answer<C>): void;
}

export interface Answer<C> {
  status: number;
  /** The answer's headers, names in lower case. */
  headers: Map<string, string>;
  /** Milliseconds from writing the request to the last byte of the answer. */
  ms: number;
  bodyBytes: number;
  /** The first KB of the body of an answer with a status of 300 or more; otherwise empty. */
  errorBody: string;
  context: C;
  /** Which connection answered (0 … connections - 1), and whether this was its first answer. */
  connection: number;
  first: boolean;
}

export interface LoadResult {
  /** Answers received (any status). */
  requests: number;
  sent: number;
  /** Bytes received, headers included. */
  bytes: number;
  durationS: number;
  /** Connections that failed, closed mid-answer or sent something that is not an HTTP/1.1 answer. */
  errors: number;
  timeouts: number;
  /** The first few errors, as messages. */
  errorMessages: string[];
  statusCodes: Record<string, number>;
}

const MAX_HEAD_BYTES = 64 * 1024;
const ERROR_BODY_BYTES = 1024;
const CRLF2 = Buffer.from('\r\n\r\n');
/** Delay before replacing a connection that failed, so that a server that is down is not hammered. */
const RECONNECT_MS = 20;

type Phase = 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer';

interface Connection<C> {
  index: number;
  socket: net.Socket | null;
  /** This socket has been given up (timeout, error, end of the run): its events are ignored. */
  dead: boolean;
  busy: boolean;
  first: boolean;
  sentAt: number;
  context: C | null;
  phase: Phase;
  /** Bytes of a head, or of a chunk-size or trailer line, not complete yet. */
  partial: Buffer | null;
  remaining: number;
  status: number;
  headers: Map<string, string>;
  bodyBytes: number;
  errorBody: Buffer[];
  errorBodyBytes: number;
  closeAfter: boolean;
}

export function runLoad<C>(o: LoadOptions<C>): Promise<LoadResult> {
  const url = new URL(o.base);
  if (url.protocol !== 'http:') throw new Error(`runLoad: plain http:// only, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 80);
  const fixedHeaders = `host: ${url.host}\r\n${Object.entries(o.headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  const result: LoadResult = { requests: 0, sent: 0, bytes: 0, durationS: 0, errors: 0, timeouts: 0, errorMessages: [], statusCodes: {} };
  let running = true;
  const started = performance.now();

  const fail = (c: Connection<C>, message: string) => {
    if (c.dead) return;
    c.dead = true;
    c.socket?.destroy();
    if (!running) return;
    result.errors++;
    if (result.errorMessages.length < 5) result.errorMessages.push(message);
    setTimeout(() => connect(c), RECONNECT_MS);
  };

  const send = (c: Connection<C>) => {
    if (!running || c.dead) return;
    const r = o.next();
    c.context = r.context;
    c.phase = 'head';
    c.partial = null;
    c.bodyBytes = 0;
    c.errorBody = [];
    c.errorBodyBytes = 0;
    c.busy = true;
    result.sent++;
    c.sentAt = performance.now();
    c.socket!.write(`GET ${r.path} HTTP/1.1\r\n${fixedHeaders}`, 'latin1');
  };

  const complete = (c: Connection<C>) => {
    const ms = performance.now() - c.sentAt;
    c.busy = false;
    result.requests++;
    result.statusCodes[c.status] = (result.statusCodes[c.status] ?? 0) + 1;
    const first = c.first;
    c.first = false;
    o.onResponse({
      status: c.status,
      headers: c.headers,
      ms,
      bodyBytes: c.bodyBytes,
      errorBody: c.errorBody.length ? Buffer.concat(c.errorBody).toString('utf8') : '',
      context: c.context as C,
      connection: c.index,
      first,
    });
    if (c.closeAfter) {
      // The server will close this connection: open another (not an error).
      c.dead = true;
      c.socket?.end();
      if (running) connect(c);
    } else send(c);
  };

  /** Takes in the body bytes of `chunk` from `at`; returns where they end. */
  const body = (c: Connection<C>, chunk: Buffer, at: number, n: number) => {
    c.bodyBytes += n;
    if (c.status >= 300 && c.errorBodyBytes < ERROR_BODY_BYTES) {
      const kept = chunk.subarray(at, at + Math.min(n, ERROR_BODY_BYTES - c.errorBodyBytes));
      c.errorBody.push(Buffer.from(kept));
      c.errorBodyBytes += kept.length;
    }
    return at + n;
  };

  /** The next CRLF-terminated line from `chunk` at `at` (kept in `partial` until complete), or null. */
  const line = (c: Connection<C>, chunk: Buffer, at: number): { text: string; next: number } | null => {
    // With a partial line, search the two joined (the CRLF itself may be split between packets);
    // `offset` maps positions in the joined bytes back to `chunk`.
    const buf = c.partial ? Buffer.concat([c.partial, chunk.subarray(at)]) : chunk;
    const from = c.partial ? 0 : at;
    const offset = c.partial ? c.partial.length : 0;
    const end = buf.indexOf('\r\n', from, 'latin1');
    if (end < 0) {
      c.partial = Buffer.from(buf.subarray(from));
      return null;
    }
    const text = buf.toString('latin1', from, end);
    const next = c.partial ? at + end + 2 - offset : end + 2;
    c.partial = null;
    return { text, next };
  };

  const feed = (c: Connection<C>, data: Buffer) => {
    if (c.dead) return;
    result.bytes += data.length;
    if (!c.busy) return fail(c, 'bytes arrived with no request outstanding');
    let chunk = data;
    let at = 0;
    while (at < chunk.length) {
      switch (c.phase) {
        case 'head': {
          if (c.partial) {
            chunk = Buffer.concat([c.partial, chunk.subarray(at)]);
            at = 0;
            c.partial = null;
          }
          const end = chunk.indexOf(CRLF2, at);
          if (end < 0) {
            if (chunk.length - at > MAX_HEAD_BYTES) return fail(c, `an answer's head is over ${MAX_HEAD_BYTES} bytes`);
            c.partial = Buffer.from(chunk.subarray(at));
            return;
          }
          const lines = chunk.toString('latin1', at, end).split('\r\n');
          const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!);
          if (!status) return fail(c, `not an HTTP/1.1 answer: ${JSON.stringify(lines[0]!.slice(0, 80))}`);
          c.status = Number(status[1]);
          c.headers = new Map();
          for (let i = 1; i < lines.length; i++) {
            const colon = lines[i]!.indexOf(':');
            if (colon > 0) c.headers.set(lines[i]!.slice(0, colon).trim().toLowerCase(), lines[i]!.slice(colon + 1).trim());
          }
          c.closeAfter = /\bclose\b/i.test(c.headers.get('connection') ?? '');
          at = end + 4;
          if (/\bchunked\b/i.test(c.headers.get('transfer-encoding') ?? '')) c.phase = 'chunk-size';
          else if (c.headers.has('content-length')) {
            c.remaining = Number(c.headers.get('content-length'));
            if (!Number.isSafeInteger(c.remaining) || c.remaining < 0) return fail(c, `bad content-length ${c.headers.get('content-length')}`);
            c.phase = 'body';
          } else if (c.status === 204 || c.status === 304 || (c.status >= 100 && c.status < 200)) {
            c.remaining = 0;
            c.phase = 'body';
          } else return fail(c, `an answer (${c.status}) with neither a length nor chunks: keep-alive needs one`);
          if (c.phase === 'body' && c.remaining === 0) {
            if (at < chunk.length) return fail(c, 'bytes after a complete answer (no request was pipelined)');
            return complete(c);
          }
          break;
        }
        case 'body': {
          const n = Math.min(c.remaining, chunk.length - at);
          at = body(c, chunk, at, n);
          c.remaining -= n;
          if (c.remaining === 0) {
            if (at < chunk.length) return fail(c, 'bytes after a complete answer (no request was pipelined)');
            return complete(c);
          }
          break;
        }
        case 'chunk-size': {
          const l = line(c, chunk, at);
          if (!l) return;
          at = l.next;
          const size = parseInt(l.text.split(';')[0]!.trim(), 16);
          if (!Number.isSafeInteger(size) || size < 0) return fail(c, `bad chunk size ${JSON.stringify(l.text.slice(0, 40))}`);
          c.remaining = size;
          c.phase = size === 0 ? 'trailer' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          const n = Math.min(c.remaining, chunk.length - at);
          at = body(c, chunk, at, n);
          c.remaining -= n;
          if (c.remaining === 0) c.phase = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          const l = line(c, chunk, at);
          if (!l) return;
          if (l.text !== '') return fail(c, 'a chunk not followed by CRLF');
          at = l.next;
          c.phase = 'chunk-size';
          break;
        }
        case 'trailer': {
          const l = line(c, chunk, at);
          if (!l) return;
          at = l.next;
          if (l.text === '') {
            if (at < chunk.length) return fail(c, 'bytes after a complete answer (no request was pipelined)');
            return complete(c);
          }
          break;
        }
      }
    }
  };

  const connect = (c: Connection<C>) => {
    if (!running) return;
    c.dead = false;
    c.busy = false;
    c.partial = null;
    const socket = net.connect({ host, port });
    c.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      if (c.socket === socket) send(c);
    });
    socket.on('data', (data: Buffer) => {
      if (c.socket === socket) feed(c, data);
    });
    socket.on('error', (e) => {
      if (c.socket === socket) fail(c, e.message);
    });
    socket.on('close', () => {
      if (c.socket === socket && !c.dead) fail(c, c.busy ? 'the server closed the connection before answering' : 'the server closed the connection');
    });
  };

  const conns: Connection<C>[] = Array.from({ length: o.connections }, (_, index) => ({
    index,
    socket: null,
    dead: false,
    busy: false,
    first: true,
    sentAt: 0,
    context: null,
    phase: 'head',
    partial: null,
    remaining: 0,
    status: 0,
    headers: new Map(),
    bodyBytes: 0,
    errorBody: [],
    errorBodyBytes: 0,
    closeAfter: false,
  }));
  for (const c of conns) connect(c);

  return new Promise((resolve) => {
    const ticker = setInterval(
      () => {
        const now = performance.now();
        for (const c of conns) {
          if (!c.dead && c.busy && now - c.sentAt > o.timeoutS * 1000) {
            result.timeouts++;
            c.dead = true;
            c.socket?.destroy();
            setTimeout(() => connect(c), 0);
          }
        }
      },
      Math.min(1000, (o.timeoutS * 1000) / 4),
    );
    setTimeout(() => {
      running = false;
      clearInterval(ticker);
      result.durationS = (performance.now() - started) / 1000;
      for (const c of conns) {
        c.dead = true;
        c.socket?.destroy();
      }
      resolve(result);
    }, o.durationS * 1000);
  });
}
