/**
 * Compact serialisation of a trained NER perceptron: rows (feature buckets) whose largest
 * weight is below a threshold (half an int8 step) are pruned, the rest are quantised with
 * one scale, bucket indices are delta+varint coded, and the whole thing is gzipped. Weights are
 * int16 by default; int8 (clipped at a high percentile so outliers do not flatten everything
 * else) is smaller but cost up to 0.7 F1 on the stacked second stage.
 *
 * Layout (before gzip): "CNER" magic, u32 stage count, then per stage: u32 byte length,
 * u32 header length, UTF-8 JSON header {format, bits, tags, featureVersion, scale, rows, meta},
 * transitions as f32[(T+1)*T], varint index deltas[rows], int8 or int16 LE weights[rows * T].
 *
 *   writeFileSync(p, encodeModel(model, { lang: 'en' }));
 *   const m = decodeModel(readFileSync(p));
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_VERSION } from './features.js';
import { buildCompact, buildShared, NUM_TAGS, TAGS, type CompactModel, type PerceptronModel, type StageRows } from './perceptron.js';

const MAGIC = 'CNER';

export interface ModelHeader {
  format: 1;
  bits: number;
  tags: readonly string[];
  featureVersion: number;
  scale: number;
  rows: number;
  valueBytes?: 1 | 2;
  meta: Record<string, unknown>;
}

export interface EncodeOptions {
  /** drop a row when all its |w| are below this fraction of the quantisation scale * 127 */
  pruneFraction?: number;
  /** percentile of |w| (over non-zero weights) mapped to the largest quantised value */
  clipPercentile?: number;
  /** bytes per quantised weight: 1 (int8) or 2 (int16, the default: int8 cost up to 0.7 F1) */
  valueBytes?: 1 | 2;
}

/** Encodes one or more stages (stage 1, then the stacked stage 2) into one gzipped file. */
export function encodeModel(models: PerceptronModel | readonly PerceptronModel[], meta: Record<string, unknown>, opts: EncodeOptions = {}): Buffer {
  const list = Array.isArray(models) ? models : [models as PerceptronModel];
  const bodies = list.map((m, i) => encodeStage(m, i === 0 ? meta : {}, opts));
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(bodies.length, 4);
  const parts: Buffer[] = [head];
  for (const b of bodies) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(b.length);
    parts.push(len, b);
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function encodeStage(model: PerceptronModel, meta: Record<string, unknown>, opts: EncodeOptions): Buffer {
  const T = NUM_TAGS;
  const w = model.weights;
  const abs: number[] = [];
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) abs.push(Math.abs(w[i]!));
  const sample = Float64Array.from(abs).sort();
  const pct = opts.clipPercentile ?? 0.9999;
  const clip = sample.length > 0 ? sample[Math.min(sample.length - 1, Math.floor(sample.length * pct))]! : 1;
  let maxAll = 0;
  for (let i = 0; i < w.length; i++) maxAll = Math.max(maxAll, Math.abs(w[i]!));
  const valueBytes = opts.valueBytes ?? 2;
  const qmax = valueBytes === 1 ? 127 : 32767;
  // int16 has room for the largest weight; int8 clips outliers to keep resolution for the rest.
  const scale = (valueBytes === 1 ? Math.max(clip, maxAll / 4) : maxAll) / qmax || 1;
  const pruneBelow = ((opts.pruneFraction ?? 0.5) * Math.max(clip, maxAll / 4)) / 127;
  const rows: number[] = [];
  const values: number[] = [];
  const buckets = w.length / T;
  for (let b = 0; b < buckets; b++) {
    let keep = false;
    for (let t = 0; t < T; t++) if (Math.abs(w[b * T + t]!) >= pruneBelow) keep = true;
    if (!keep) continue;
    const q: number[] = [];
    let nz = false;
    for (let t = 0; t < T; t++) {
      const v = Math.max(-qmax, Math.min(qmax, Math.round(w[b * T + t]! / scale)));
      if (v !== 0) nz = true;
      q.push(v);
    }
    if (!nz) continue;
    rows.push(b);
    values.push(...q);
  }
  const header: ModelHeader = { format: 1, bits: model.bits, tags: TAGS, featureVersion: FEATURE_VERSION, scale, rows: rows.length, valueBytes, meta };
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const varints: number[] = [];
  let prev = 0;
  for (const r of rows) {
    let d = r - prev;
    prev = r;
    while (d >= 0x80) {
      varints.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    varints.push(d);
  }
  const trans = Buffer.from(new Float32Array(model.transitions).buffer);
  const lenBuf = Buffer.alloc(4);
  lenBuf.writeUInt32LE(headerBuf.length);
  return Buffer.concat([lenBuf, headerBuf, trans, Buffer.from(varints), valueBytes === 1 ? Buffer.from(Int8Array.from(values).buffer) : int16le(values)]);
}

function int16le(values: readonly number[]): Buffer {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeInt16LE(v, i * 2));
  return b;
}

/**
 * Decodes all stages; `header` is stage 1's (it carries the metadata and gazetteer). With
 * `shared`, a file of exactly two stages of the same bits gives them over one table
 * (perceptron.ts `buildShared`: the same weights, and what the tagger's decoding of both reads
 * found once); otherwise each stage has its own.
 */
export function decodeModel(gz: Buffer, opts: { shared?: boolean } = {}): { model: CompactModel; stages: CompactModel[]; header: ModelHeader } {
  const buf = gunzipSync(gz);
  if (buf.subarray(0, 4).toString('ascii') !== MAGIC) throw new Error('not a Chronicle NER model');
  const count = buf.readUInt32LE(4);
  let pos = 8;
  const raw: Array<{ header: ModelHeader; rows: StageRows }> = [];
  for (let i = 0; i < count; i++) {
    const len = buf.readUInt32LE(pos);
    raw.push(decodeStage(buf.subarray(pos + 4, pos + 4 + len)));
    pos += 4 + len;
  }
  const first = raw[0];
  if (first === undefined) throw new Error('empty NER model file');
  const second = raw[1];
  const stages = opts.shared === true && raw.length === 2 && second!.header.bits === first.header.bits
    ? buildShared(first.header.bits, first.rows, second!.rows)
    : raw.map((s) => buildCompact(s.header.bits, s.rows.rows, s.rows.values, s.rows.scale, s.rows.transitions));
  return { model: stages[0]!, stages, header: first.header };
}

function decodeStage(buf: Buffer): { header: ModelHeader; rows: StageRows } {
  const hlen = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString('utf8')) as ModelHeader;
  if (header.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model feature version ${header.featureVersion} != code version ${FEATURE_VERSION}`);
  }
  const T = NUM_TAGS;
  let pos = 4 + hlen;
  const transitions = new Float32Array((T + 1) * T);
  for (let i = 0; i < transitions.length; i++, pos += 4) transitions[i] = buf.readFloatLE(pos);
  const rows = new Int32Array(header.rows);
  let prev = 0;
  for (let r = 0; r < header.rows; r++) {
    let d = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[pos++]!;
      d |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    prev += d;
    rows[r] = prev;
  }
  const count = header.rows * T;
  let values: Int8Array | Int16Array;
  if ((header.valueBytes ?? 1) === 1) values = new Int8Array(buf.buffer, buf.byteOffset + pos, count);
  else {
    values = new Int16Array(count);
    for (let i = 0; i < count; i++) values[i] = buf.readInt16LE(pos + i * 2);
  }
  return { header, rows: { rows, values, scale: header.scale, transitions } };
}
