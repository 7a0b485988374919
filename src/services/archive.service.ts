import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../domain/errors.js';
import type { SourceId } from '../domain/ids.js';
import type { Source } from '../domain/source.js';
import { writeWarc, type WarcCapture } from '../pipeline/capture/warc.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { SourceRepository } from '../storage/source.repository.js';
import type { ToolInfo } from './capture.service.js';

const PAGE = 200;

/** Exports stored captures as a standard web archive (WARC/1.1, gzip per record). */
export class ArchiveService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly blobs: BlobStore,
  ) {}

  /**
   * Writes every stored capture to `outFile` (via a temp file renamed at the end, so a
   * failed export never leaves a truncated archive under the requested name).
   */
  async exportWarc(outFile: string, tool: ToolInfo, onProgress?: (done: number, total: number) => void): Promise<{ records: number; bytes: number; sources: number }> {
    const dir = path.dirname(path.resolve(outFile));
    try {
      await fsp.access(dir, fs.constants.W_OK);
    } catch {
      throw new AppError('INVALID_INPUT', `cannot write to folder ${dir}`);
    }
    const total = await this.sources.count();
    const tmp = `${outFile}.partial-${process.pid}`;
    const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    let done = 0;
    try {
      const result = await writeWarc(
        out,
        { software: `${tool.name}/${tool.version}`, description: 'Chronicle captures', filename: path.basename(outFile) },
        this.captures((n) => {
          done = n;
          onProgress?.(n, total);
        }),
      );
      await new Promise<void>((resolve, reject) => {
        out.on('error', reject);
        out.end(() => resolve());
      });
      await fsp.rename(tmp, outFile);
      return { ...result, sources: done };
    } catch (e) {
      out.destroy();
      await fsp.rm(tmp, { force: true });
      throw e;
    }
  }

  private async *captures(onEach: (n: number) => void): AsyncGenerator<WarcCapture> {
    let after: SourceId | null = null;
    let n = 0;
    for (;;) {
      const page = await this.sources.listPage(after, PAGE);
      if (page.length === 0) return;
      for (const s of page) {
        yield toWarcCapture(s, await this.blobs.get(s.sha256));
        onEach(++n);
      }
      after = page[page.length - 1]!.id;
    }
  }
}

function toWarcCapture(s: Source, payload: Buffer): WarcCapture {
  const p = s.provenance;
  const extraHeaders: Record<string, string> = { 'Chronicle-Source-Id': s.id, 'Chronicle-Captured-By-Tool': `${p.tool}/${p.toolVersion}` };
  if (p.origin === 'url' && p.finalUrl && p.httpStatus !== null) {
    if (p.requestedUrl && p.requestedUrl !== p.finalUrl) extraHeaders['WARC-Source-URI'] = p.requestedUrl;
    if (p.remoteAddress) extraHeaders['WARC-IP-Address'] = p.remoteAddress;
    return {
      kind: 'response',
      targetUri: p.finalUrl,
      date: p.capturedAt,
      payload,
      payloadSha256: s.sha256,
      mediaType: s.mediaType,
      http: { status: p.httpStatus, headers: p.httpHeaders ?? {} },
      extraHeaders,
    };
  }
  const name = p.fileName ?? (p.origin === 'stdin' ? 'stdin' : 'file');
  return {
    kind: 'resource',
    targetUri: `urn:chronicle:${p.origin}:${s.sha256}/${encodeURIComponent(name)}`,
    date: p.capturedAt,
    payload,
    payloadSha256: s.sha256,
    mediaType: s.mediaType,
    extraHeaders,
  };
}
