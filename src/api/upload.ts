import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { Source } from '../domain/source.js';
import { safeFileName } from '../pipeline/capture/upload.js';

/** The one file of a multipart upload, read whole (the multipart plugin enforces the size limit: 413). */
export async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string | null; contentType: string | null }> {
  const part = await request.file();
  if (!part) throw new AppError('INVALID_INPUT', 'the form holds no file: send it in a field named "file"');
  if (part.fieldname !== 'file') throw new AppError('INVALID_INPUT', 'send the file in a form field named "file"', { details: { field: 'file' } });
  const bytes = await part.toBuffer();
  return { bytes, fileName: part.filename || null, contentType: part.mimetype || null };
}

const EXTENSION: Record<string, string> = { 'text/html': '.html', 'application/xhtml+xml': '.xhtml', 'text/plain': '.txt', 'application/pdf': '.pdf' };

/**
 * `attachment` with the original file name when there was one (already neutralised at upload;
 * neutralised again for captures from the CLI), else the source id and an extension.
 * An ASCII fallback plus RFC 5987 `filename*` for the real name.
 */
export function attachmentDisposition(source: Source): string {
  const name = safeFileName(source.provenance.fileName) ?? `${source.id}${EXTENSION[source.mediaType] ?? '.bin'}`;
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
