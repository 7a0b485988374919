import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { WARCParser, type WARCRecord } from 'warcio';
import { writeWarc, type WarcCapture } from '../src/pipeline/capture/warc.js';
import { AppError } from '../src/domain/errors.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function capture(kind: WarcCapture['kind'], payload: Uint8Array, over: Partial<WarcCapture> = {}): WarcCapture {
  return {
    kind,
    targetUri: kind === 'response' ? 'https://example.org/news/1' : 'urn:chronicle:file:statement.bin',
    date: '2024-03-01T10:20:30.456Z',
    payload,
    payloadSha256: sha256(payload),
    mediaType: kind === 'response' ? 'text/html' : 'application/octet-stream',
    ...(kind === 'response' ? { http: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } } } : {}),
    ...over,
  };
}

/** Collects everything written, in memory. */
class Collector extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void) {
    this.chunks.push(chunk);
    cb();
  }
  get bytes() {
    return Buffer.concat(this.chunks);
  }
}

interface ReadBack {
  record: WARCRecord;
  content: Uint8Array;
  offset: number;
  length: number;
}

async function readAll(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<ReadBack[]> {
  const parser = new WARCParser(source);
  const out: ReadBack[] = [];
  for await (const record of parser) {
    const content = await record.readFully(true);
    out.push({ record, content, offset: parser.offset, length: parser.recordLength });
  }
  return out;
}

/** Splits a gunzipped single record ourselves: header text, and the block by Content-Length. */
function splitRecord(raw: Buffer): { headers: Map<string, string>; block: Buffer; rest: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  const lines = raw.subarray(0, end).toString('utf8').split('\r\n');
  assert.equal(lines[0], 'WARC/1.1');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const len = Number(headers.get('content-length'));
  const block = raw.subarray(end + 4, end + 4 + len);
  return { headers, block, rest: raw.subarray(end + 4 + len) };
}

describe('writeWarc', () => {
  it('writes warcinfo, response and resource records that warcio reads back', async () => {
    const html = Buffer.from('<html><body><p>Задержан активист — Алматы</p></body></html>', 'utf8');
    const binary = Uint8Array.from([0, 1, 2, 0, 255, 0xd0, 0x9a, 13, 10, 13, 10, 0, 0x80, 0xfe, 0]);
    const dir = await mkdtemp(join(tmpdir(), 'chronicle-warc-'));
    try {
      const file = join(dir, 'out.warc.gz');
      const out = createWriteStream(file);
      const result = await writeWarc(
        out,
        { software: 'Chronicle 0.1.0', description: 'test export', date: '2024-03-02T00:00:00Z' },
        [
          capture('response', html, {
            recordId: 'urn:uuid:0b3c9a7e-3c1e-4c8e-9a7e-1b2c3d4e5f60',
            http: {
              status: 404,
              statusText: 'Not Found',
              headers: {
                'Content-Type': 'text/html; charset=utf-8',
                'Content-Encoding': 'gzip',
                'Transfer-Encoding': 'chunked',
                'Content-Length': '17',
                Server: 'nginx',
              },
            },
            extraHeaders: { 'Chronicle-Capture-Id': 'cap_123' },
          }),
          capture('resource', binary, { extraHeaders: { 'WARC-Source-URI': 'file:///tmp/statement.bin' } }),
        ],
      );
      out.end();
      await finished(out);
      assert.equal(result.records, 3);
      const raw = await readFile(file);
      assert.equal(result.bytes, raw.byteLength);

      const records = await readAll(createReadStream(file));
      assert.deepEqual(records.map((r) => r.record.warcType), ['warcinfo', 'response', 'resource']);
      const [info, resp, res] = records as [ReadBack, ReadBack, ReadBack];

      // warcinfo
      assert.equal(info.record.warcContentType, 'application/warc-fields');
      const infoText = Buffer.from(info.content).toString('utf8');
      assert.match(infoText, /^software: Chronicle 0\.1\.0\r\n/);
      assert.match(infoText, /format: WARC File Format 1\.1\r\n/);
      assert.match(infoText, /conformsTo: https:\/\/iipc\.github\.io\/warc-specifications\/.*warc-1\.1\/\r\n/);
      assert.match(infoText, /description: test export\r\n/);
      const infoId = info.record.warcHeader('WARC-Record-ID');
      assert.match(infoId ?? '', /^<urn:uuid:[0-9a-f-]{36}>$/);
      assert.equal(info.record.warcDate, '2024-03-02T00:00:00Z');

      // response
      assert.equal(resp.record.warcTargetURI, 'https://example.org/news/1');
      assert.equal(resp.record.warcContentType, 'application/http;msgtype=response');
      assert.equal(resp.record.warcHeader('WARC-Record-ID'), '<urn:uuid:0b3c9a7e-3c1e-4c8e-9a7e-1b2c3d4e5f60>');
      assert.equal(resp.record.warcDate, '2024-03-01T10:20:30Z');
      assert.equal(resp.record.warcHeader('WARC-Warcinfo-ID'), infoId);
      assert.equal(resp.record.warcHeader('Chronicle-Capture-Id'), 'cap_123');
      assert.equal(resp.record.warcHeader('WARC-Identified-Payload-Type'), 'text/html');
      assert.equal(resp.record.warcPayloadDigest, `sha256:${sha256(html)}`);
      assert.equal(resp.record.httpHeaders?.statusCode, 404);
      assert.equal(resp.record.httpHeaders?.statusText, 'Not Found');
      const h = resp.record.httpHeaders!.headers;
      assert.equal(h.get('content-encoding'), null);
      assert.equal(h.get('transfer-encoding'), null);
      assert.equal(h.get('x-chronicle-original-content-encoding'), 'gzip');
      assert.equal(h.get('x-chronicle-original-transfer-encoding'), 'chunked');
      assert.equal(h.get('content-length'), String(html.byteLength));
      assert.equal(h.get('server'), 'nginx');
      assert.deepEqual(Buffer.from(resp.content), html);

      // resource
      assert.equal(res.record.warcTargetURI, 'urn:chronicle:file:statement.bin');
      assert.equal(res.record.warcContentType, 'application/octet-stream');
      assert.equal(res.record.warcHeader('WARC-Warcinfo-ID'), infoId);
      assert.equal(res.record.warcHeader('WARC-Source-URI'), 'file:///tmp/statement.bin');
      assert.equal(res.record.warcPayloadDigest, `sha256:${sha256(binary)}`);
      assert.equal(res.record.warcBlockDigest, `sha256:${sha256(binary)}`);
      assert.deepEqual(Buffer.from(res.content), Buffer.from(binary));
      assert.notEqual(resp.record.warcHeader('WARC-Record-ID'), res.record.warcHeader('WARC-Record-ID'));

      // Each record is its own gzip member, and its block digest and length hold up when
      // checked independently of warcio.
      let expectedOffset = 0;
      for (const r of records) {
        assert.equal(r.offset, expectedOffset);
        const member = gunzipSync(raw.subarray(r.offset, r.offset + r.length));
        const { headers, block, rest } = splitRecord(member);
        assert.equal(rest.toString('latin1'), '\r\n\r\n');
        assert.equal(headers.get('warc-block-digest'), `sha256:${sha256(block)}`);
        expectedOffset += r.length;
      }
      assert.equal(expectedOffset, raw.byteLength);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('accepts an async iterable and does not end the output stream', async () => {
    const out = new Collector();
    async function* gen() {
      yield capture('resource', Buffer.from('a'));
      yield capture('resource', Buffer.from('b'));
    }
    const result = await writeWarc(out, { software: 't' }, gen());
    assert.equal(result.records, 3);
    assert.equal(out.writableEnded, false);
    const records = await readAll([out.bytes]);
    assert.deepEqual(records.map((r) => r.record.warcType), ['warcinfo', 'resource', 'resource']);
    assert.deepEqual(records.slice(1).map((r) => Buffer.from(r.content).toString()), ['a', 'b']);
  });

  it('refuses a payload that does not match its stored hash', async () => {
    const c = capture('resource', Buffer.from('original'));
    await assert.rejects(
      writeWarc(new Collector(), { software: 't' }, [{ ...c, payload: Buffer.from('tampered') }]),
      (e: unknown) => e instanceof AppError && e.code === 'INTEGRITY',
    );
  });

  it('refuses header values that would inject WARC or HTTP fields', async () => {
    const body = Buffer.from('x');
    const bad: WarcCapture[] = [
      capture('resource', body, { targetUri: 'urn:x\r\nWARC-Type: revisit' }),
      capture('resource', body, { extraHeaders: { 'X-Note': 'a\nb' } }),
      capture('resource', body, { extraHeaders: { 'Bad Name': 'v' } }),
      capture('resource', body, { extraHeaders: { 'WARC-Payload-Digest': 'sha256:00' } }),
      capture('response', body, { http: { status: 200, headers: { 'X-A': 'v\r\n\r\nfake body' } } }),
      capture('response', body, { http: { status: 200, statusText: 'OK\r\nX: y', headers: {} } }),
      capture('response', body, { http: undefined }),
      capture('resource', body, { recordId: 'not-a-uuid' }),
      capture('resource', body, { date: 'yesterday' }),
    ];
    for (const c of bad) {
      await assert.rejects(
        writeWarc(new Collector(), { software: 't' }, [c]),
        (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT',
      );
    }
  });

  it('respects backpressure: never buffers more than a little in the output', async () => {
    // Incompressible bytes, so the compressed record is about as large as the payload.
    const payload = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < payload.length; i += 65536) payload.set(randomBlock(i), i);
    let maxBuffered = 0;
    let total = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        maxBuffered = Math.max(maxBuffered, this.writableLength);
        total += chunk.byteLength;
        setTimeout(cb, 1);
      },
    });
    const result = await writeWarc(slow, { software: 't' }, [capture('resource', payload)]);
    slow.end();
    await finished(slow);
    assert.equal(result.bytes, total);
    assert.ok(total > payload.length, 'random payload should not compress');
    assert.ok(maxBuffered <= 16 * 1024 + 64 * 1024, `buffered ${maxBuffered} bytes`);
  });

  it('rejects when the output stream fails', async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'));
      },
    });
    await assert.rejects(writeWarc(broken, { software: 't' }, [capture('resource', new Uint8Array(100_000))]), /disk full|closed/);
  });

  it('round-trips arbitrary payload bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom<WarcCapture['kind']>('response', 'resource'),
        async (bytes, kind) => {
          const out = new Collector();
          await writeWarc(out, { software: 't' }, [capture(kind, bytes)]);
          const records = await readAll([out.bytes]);
          assert.equal(records.length, 2);
          const r = records[1]!;
          assert.equal(r.record.warcType, kind);
          assert.deepEqual(Buffer.from(r.content), Buffer.from(bytes));
          assert.equal(r.record.warcPayloadDigest, `sha256:${sha256(bytes)}`);
          if (kind === 'response') assert.equal(r.record.httpHeaders?.statusCode, 200);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function randomBlock(seed: number): Uint8Array {
  const out = new Uint8Array(65536);
  let block = createHash('sha512').update(String(seed)).digest();
  for (let i = 0; i < out.length; i += 64) {
    out.set(block, i);
    block = createHash('sha512').update(block).digest();
  }
  return out;
}
