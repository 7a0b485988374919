/**
 * WARC/1.1 writer: turns stored captures into a standard `.warc.gz` that any web-archive
 * tool (warcio, pywb, ReplayWeb.page, the Wayback Machine's tooling) can read, so evidence
 * leaves Chronicle in a format courts and archivists already trust.
 *
 * Output is one gzip member per record (the form readers can seek into by offset). The file
 * starts with a `warcinfo` record; every capture record points back to it with
 * `WARC-Warcinfo-ID`.
 *
 * Example:
 *   await writeWarc(fs.createWriteStream('out.warc.gz'), { software: 'Chronicle 0.1.0' }, [{
 *     kind: 'resource', targetUri: 'urn:chronicle:file:statement.pdf',
 *     date: '2024-03-01T10:00:00.000Z', payload, payloadSha256, mediaType: 'application/pdf',
 *   }]);
 *   // -> { records: 2, bytes: <compressed size> }
 *   // records: warcinfo, then `WARC-Type: resource` with
 *   //   `WARC-Payload-Digest: sha256:<payloadSha256>` and the PDF bytes as its block.
 *
 * Digests are written as `sha256:<lowercase hex>`, the same string Chronicle stores as a
 * source's content address, so an archive can be matched to the database by eye. The stored
 * hash is re-checked against the bytes before writing: an archive must never carry a digest
 * that does not match its payload.
 *
 * The writer does not end `out` (the caller owns it and may append); it throws part-way if a
 * capture is invalid, so write to a temporary file and rename on success.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { AppError } from '../../domain/errors.js';

export interface WarcCapture {
  /** `response` for URL captures (with HTTP status and headers), `resource` for files/stdin. */
  kind: 'response' | 'resource';
  /** The final URL, or a `urn:`/`file:` URI for files (e.g. `urn:chronicle:file:<name>`). */
  targetUri: string;
  /** Capture time, ISO 8601. Written at second precision in UTC. */
  date: string;
  /** The original bytes as stored (after any HTTP content decoding). */
  payload: Uint8Array;
  /** Lowercase hex SHA-256 of `payload`, as stored. */
  payloadSha256: string;
  mediaType: string;
  /** A stable `urn:uuid:…` (with or without angle brackets); a random one if absent. */
  recordId?: string;
  /** Required for `response` records. */
  http?: { status: number; statusText?: string; headers: Record<string, string> };
  /** Extension fields, e.g. `WARC-Source-URI`, `Chronicle-Capture-Id`. */
  extraHeaders?: Record<string, string>;
}

export interface WarcInfo {
  software: string;
  description?: string;
  /** Written as `WARC-Filename` on the warcinfo record. */
  filename?: string;
  /** Date of the warcinfo record; now if absent. */
  date?: string;
  recordId?: string;
}

type Output = NodeJS.WritableStream | Writable;

const CRLF = '\r\n';
const CONFORMS_TO = 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/';
const UUID_URN = /^<?(urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>?$/i;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Fields the writer computes itself; extraHeaders may not override them. */
const RESERVED = new Set([
  'warc-type', 'warc-record-id', 'warc-date', 'warc-target-uri', 'content-length', 'content-type',
  'warc-payload-digest', 'warc-block-digest', 'warc-warcinfo-id', 'warc-identified-payload-type',
  'warc-filename',
]);
/**
 * HTTP headers that describe the bytes on the wire, not the decoded bytes we store. They are
 * kept for provenance under a renamed field so readers do not try to un-gzip or de-chunk an
 * already decoded payload, and a correct Content-Length is written instead.
 */
const WIRE_HEADERS: Record<string, string> = {
  'content-encoding': 'X-Chronicle-Original-Content-Encoding',
  'transfer-encoding': 'X-Chronicle-Original-Transfer-Encoding',
  'content-length': 'X-Chronicle-Original-Content-Length',
};

/** Writes `warcinfo` then one record per capture; returns record count and bytes written. */
export async function writeWarc(
  out: Output,
  info: WarcInfo,
  captures: AsyncIterable<WarcCapture> | Iterable<WarcCapture>,
): Promise<{ records: number; bytes: number }> {
  const sink = watchErrors(out);
  try {
    let records = 0;
    let bytes = 0;
    const infoId = toRecordId(info.recordId);
    bytes += await writeRecord(sink, buildWarcinfo(info, infoId));
    records++;
    for await (const capture of captures) {
      bytes += await writeRecord(sink, buildCaptureRecord(capture, infoId));
      records++;
    }
    return { records, bytes };
  } finally {
    sink.release();
  }
}

interface Record_ {
  headers: [string, string][];
  /** Block parts, concatenated; kept apart so a large payload is never copied. */
  block: Uint8Array[];
}

function buildWarcinfo(info: WarcInfo, recordId: string): Record_ {
  const fields: [string, string][] = [
    ['software', info.software],
    ['format', 'WARC File Format 1.1'],
    ['conformsTo', CONFORMS_TO],
  ];
  if (info.description !== undefined) fields.push(['description', info.description]);
  const block = encodeFields(fields, 'utf8');
  const headers: [string, string][] = [
    ['WARC-Type', 'warcinfo'],
    ['WARC-Record-ID', recordId],
    ['WARC-Date', toWarcDate(info.date ?? new Date().toISOString())],
  ];
  if (info.filename !== undefined) headers.push(['WARC-Filename', info.filename]);
  headers.push(
    ['Content-Type', 'application/warc-fields'],
    ['WARC-Block-Digest', `sha256:${sha256Hex([block])}`],
  );
  return { headers, block: [block] };
}

function buildCaptureRecord(c: WarcCapture, warcinfoId: string): Record_ {
  const digest = c.payloadSha256.toLowerCase();
  if (!SHA256_HEX.test(digest)) throw new AppError('INVALID_INPUT', 'WARC: payloadSha256 is not a SHA-256 hex digest');
  if (sha256Hex([c.payload]) !== digest) {
    throw new AppError('INTEGRITY', 'WARC: payload does not match its stored SHA-256');
  }
  let block: Uint8Array[];
  let contentType: string;
  if (c.kind === 'response') {
    if (!c.http) throw new AppError('INVALID_INPUT', 'WARC: a response record needs its HTTP status and headers');
    block = [buildHttpHead(c.http, c.payload.byteLength), c.payload];
    contentType = 'application/http;msgtype=response';
  } else if (c.kind === 'resource') {
    block = [c.payload];
    contentType = c.mediaType;
  } else {
    throw new AppError('INVALID_INPUT', 'WARC: unknown record kind');
  }
  const headers: [string, string][] = [
    ['WARC-Type', c.kind],
    ['WARC-Record-ID', toRecordId(c.recordId)],
    ['WARC-Date', toWarcDate(c.date)],
    ['WARC-Target-URI', c.targetUri],
    ['WARC-Warcinfo-ID', warcinfoId],
    ['Content-Type', contentType],
    ['WARC-Payload-Digest', `sha256:${digest}`],
    ['WARC-Block-Digest', `sha256:${block.length === 1 ? digest : sha256Hex(block)}`],
  ];
  if (c.kind === 'response') headers.push(['WARC-Identified-Payload-Type', c.mediaType]);
  for (const [name, value] of Object.entries(c.extraHeaders ?? {})) {
    if (RESERVED.has(name.toLowerCase())) throw new AppError('INVALID_INPUT', `WARC: extra header ${name} is written by the writer`);
    headers.push([name, value]);
  }
  return { headers, block };
}

function buildHttpHead(http: NonNullable<WarcCapture['http']>, payloadLength: number): Uint8Array {
  const { status } = http;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    throw new AppError('INVALID_INPUT', 'WARC: HTTP status must be a three-digit integer');
  }
  const reason = http.statusText ?? STATUS_CODES[status] ?? '';
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(http.headers)) {
    const renamed = WIRE_HEADERS[name.toLowerCase()];
    fields.push([renamed ?? name, value]);
  }
  fields.push(['Content-Length', String(payloadLength)]);
  // Node decodes raw header bytes as latin1, so latin1 reproduces the bytes the server sent;
  // only a caller-built value with characters above U+00FF needs UTF-8.
  const encoding = [reason, ...fields.flat()].every(isLatin1) ? 'latin1' : 'utf8';
  const statusLine = Buffer.from(`HTTP/1.1 ${status} ${checkValue(reason, 'HTTP reason')}${CRLF}`, encoding);
  return Buffer.concat([statusLine, encodeFields(fields, encoding), Buffer.from(CRLF)]);
}

/** `Name: value` lines, each ending in CRLF; rejects names and values that could inject fields. */
function encodeFields(fields: [string, string][], encoding: 'utf8' | 'latin1'): Buffer {
  let text = '';
  for (const [name, value] of fields) {
    if (!TOKEN.test(name)) throw new AppError('INVALID_INPUT', 'WARC: header name is not a token');
    text += `${name}: ${checkValue(value, name)}${CRLF}`;
  }
  return Buffer.from(text, encoding);
}

function checkValue(value: string, name: string): string {
  if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
    throw new AppError('INVALID_INPUT', `WARC: value of ${TOKEN.test(name) ? name : 'a header'} contains a line break or NUL`);
  }
  return value;
}

function isLatin1(s: string): boolean {
  return !/[^\u0000-\u00ff]/.test(s);
}

function toRecordId(id: string | undefined): string {
  if (id === undefined) return `<urn:uuid:${randomUUID()}>`;
  const m = UUID_URN.exec(id);
  if (!m?.[1]) throw new AppError('INVALID_INPUT', 'WARC: recordId must be a urn:uuid');
  return `<${m[1].toLowerCase()}>`;
}

/** WARC-Date at second precision in UTC: `YYYY-MM-DDThh:mm:ssZ`. */
function toWarcDate(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new AppError('INVALID_INPUT', 'WARC: capture date is not a valid date');
  return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sha256Hex(parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Serialises one record as its own gzip member; returns the compressed byte count. */
async function writeRecord(sink: Sink, record: Record_): Promise<number> {
  const blockLength = record.block.reduce((n, p) => n + p.byteLength, 0);
  const head = encodeFields([...record.headers, ['Content-Length', String(blockLength)]], 'utf8');
  const parts = [Buffer.from(`WARC/1.1${CRLF}`), head, Buffer.from(CRLF), ...record.block, Buffer.from(CRLF + CRLF)];

  const gzip = createGzip();
  const feeding = (async () => {
    for (const part of parts) {
      if (!gzip.write(part)) await once(gzip, 'drain');
    }
    gzip.end();
  })();
  feeding.catch(() => {}); // surfaced through the gzip iterator below
  let written = 0;
  for await (const chunk of gzip as AsyncIterable<Buffer>) {
    await sink.write(chunk);
    written += chunk.byteLength;
  }
  await feeding;
  return written;
}

interface Sink {
  write(chunk: Buffer): Promise<void>;
  release(): void;
}

/** Wraps `out` so a stream error rejects the pending write instead of being lost. */
function watchErrors(out: Output): Sink {
  let failure: unknown;
  const onError = (e: unknown) => {
    failure ??= e;
  };
  out.on('error', onError);
  const fail = () => {
    throw failure instanceof Error ? failure : new AppError('INTERNAL', 'WARC: output stream failed', { cause: failure });
  };
  return {
    async write(chunk) {
      if (failure !== undefined) fail();
      if (!out.write(chunk)) {
        await waitForDrain(out);
        if (failure !== undefined) fail();
      }
    },
    release() {
      out.removeListener('error', onError);
    },
  };
}

/** Resolves on 'drain'; rejects on 'error' or if the stream closes first. Leaves no listeners. */
async function waitForDrain(out: Output): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new AppError('INTERNAL', 'WARC: output stream closed before the archive was written');
      }),
    ]);
  } finally {
    ac.abort();
  }
}
