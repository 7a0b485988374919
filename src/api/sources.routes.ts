import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { articleSchema } from '../domain/article.js';
import { AppError } from '../domain/errors.js';
import type { SourceId } from '../domain/ids.js';
import type { Source } from '../domain/source.js';
import type { StoredCapture } from '../services/source.service.js';
import { collectionOf } from './policy.js';
import { processingSchema } from './record-schemas.js';
import { collectionIdSchema, collectionQuerySchema } from './schemas.js';
import { attachmentDisposition, readUpload } from './upload.js';

const MAX_PASTE = 512 * 1024;
const sourceParams = z.strictObject({ sourceId: z.string().min(1).max(100) });

const captureJsonSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(4096).optional(),
    text: z.string().min(1).max(MAX_PASTE).optional().meta({ description: 'pasted text (plain text or HTML, which is cleaned, never rendered)' }),
  })
  .refine((b) => (b.url === undefined) !== (b.text === undefined), { message: 'send exactly one of url or text' });
type CaptureJson = z.infer<typeof captureJsonSchema>;

const captureResultSchema = z.object({
  id: z.string(),
  stored: z.boolean().meta({ description: 'false when the same bytes were already in the collection (duplicateKind "exact")' }),
  sha256: z.string(),
  byteSize: z.number(),
  mediaType: z.string(),
  title: z.string().nullable(),
  cleanError: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  duplicateKind: z.enum(['exact', 'near']).nullable(),
});

const provenanceSchema = z.object({
  origin: z.enum(['url', 'file', 'stdin', 'upload', 'text']),
  input: z.string(),
  requestedUrl: z.string().nullable(),
  finalUrl: z.string().nullable(),
  redirects: z.array(z.object({ url: z.string(), status: z.number() })),
  httpStatus: z.number().nullable(),
  httpHeaders: z.record(z.string(), z.string()).nullable(),
  remoteAddress: z.string().nullable(),
  fileName: z.string().nullable(),
  capturedAt: z.string(),
  capturedBy: z.string(),
  tool: z.string(),
  toolVersion: z.string(),
});

const sourceSchema = z
  .object({
    id: z.string(),
    collectionId: z.string(),
    sha256: z.string(),
    byteSize: z.number(),
    mediaType: z.string(),
    duplicateOf: z.string().nullable(),
    provenance: provenanceSchema,
  })
  .meta({ id: 'Source' });

const summarySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  language: z.string().nullable(),
  mediaType: z.string(),
  byteSize: z.number(),
  capturedAt: z.string(),
  capturedBy: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  cleanError: z.string().nullable(),
  processing: processingSchema,
});

function toSourceJson(s: Source): z.infer<typeof sourceSchema> {
  return { id: s.id, collectionId: s.collectionId, sha256: s.sha256, byteSize: s.byteSize, mediaType: s.mediaType, duplicateOf: s.duplicateOf, provenance: s.provenance };
}

function toCaptureJson(c: StoredCapture): z.infer<typeof captureResultSchema> {
  return {
    id: c.id!,
    stored: c.stored,
    sha256: c.sha256,
    byteSize: c.byteSize,
    mediaType: c.mediaType,
    title: c.article?.title ?? null,
    cleanError: c.cleanError,
    duplicateOf: c.duplicateOf,
    duplicateKind: c.duplicateKind,
  };
}

/** Sources: capture (URL, pasted text, file upload), list, read, and download the original. */
export const sourcesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sources, worker } = app.chronicle;

  app.get(
    '/api/v1/sources',
    {
      config: { policy: { minRole: 'viewer', scope: 'collection' }, cache: true },
      schema: {
        summary: "A collection's sources, newest first",
        querystring: z.strictObject({
          collection: collectionIdSchema.optional(),
          before: z.string().max(100).optional().meta({ description: 'the nextCursor of the previous page' }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(summarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { before, limit } = request.query;
      const page = await sources.list(request.principal!, collectionOf(request), { before: (before ?? null) as SourceId | null, limit });
      const items = page.map(({ source: s, title, language, cleanError, processing }) => ({
        id: s.id,
        title,
        language,
        mediaType: s.mediaType,
        byteSize: s.byteSize,
        capturedAt: s.provenance.capturedAt,
        capturedBy: s.provenance.capturedBy,
        url: s.provenance.finalUrl ?? s.provenance.requestedUrl,
        fileName: s.provenance.fileName,
        duplicateOf: s.duplicateOf,
        cleanError,
        processing,
      }));
      return { items, nextCursor: page.length === limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.post(
    '/api/v1/sources',
    {
      config: { policy: { minRole: 'analyst', scope: 'collection' } },
      schema: {
        summary: 'Capture a URL or pasted text (JSON), or upload a file (multipart/form-data, field "file")',
        querystring: collectionQuerySchema,
        body: {
          content: {
            'application/json': { schema: captureJsonSchema },
            // Read as a stream by the handler; this schema only documents it (the parsed body is null).
            'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary' }) }).nullish() },
          },
        },
        response: { 200: captureResultSchema, 201: captureResultSchema },
      },
    },
    async (request, reply) => {
      const actor = request.principal!;
      const collection = collectionOf(request);
      let result: StoredCapture;
      if (request.isMultipart()) {
        result = await sources.captureUpload(actor, collection, await readUpload(request));
      } else {
        const body = request.body as CaptureJson | undefined;
        if (!body) throw new AppError('INVALID_INPUT', 'send JSON { "url": … } or { "text": … }, or a multipart upload');
        result = body.url ? await sources.captureUrl(actor, collection, body.url) : await sources.captureText(actor, collection, body.text!);
      }
      // Extraction starts now rather than at the worker's next poll.
      if (result.stored) worker.wake();
      return reply.status(result.stored ? 201 : 200).send(toCaptureJson(result));
    },
  );

  app.get(
    '/api/v1/sources/:sourceId',
    {
      config: { policy: { minRole: 'viewer', scope: 'any' } },
      schema: {
        summary: 'A source: provenance and the cleaned article',
        params: sourceParams,
        response: {
          200: z.object({
            source: sourceSchema,
            article: z.object({ cleaner: z.string(), cleanerVersion: z.string(), error: z.string().nullable(), value: articleSchema.nullable() }).nullable(),
            processing: processingSchema,
          }),
        },
      },
    },
    async (request) => {
      const { source, article, processing } = await sources.get(request.principal!, request.params.sourceId as SourceId);
      return {
        processing,
        source: toSourceJson(source),
        article: article ? { cleaner: article.cleaner, cleanerVersion: article.cleanerVersion, error: article.error, value: article.article } : null,
      };
    },
  );

  app.get(
    '/api/v1/sources/:sourceId/original',
    {
      config: { policy: { minRole: 'viewer', scope: 'any' } },
      schema: {
        summary: 'Download the original bytes exactly as captured, as an attachment (never rendered by Chronicle)',
        params: sourceParams,
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const { source, bytes } = await sources.original(request.principal!, request.params.sourceId as SourceId);
      // Captured pages are hostile: never displayed inline, never sniffed into HTML, and sandboxed
      // (no script, no same-origin access) even if a browser ignored the attachment disposition.
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', attachmentDisposition(source))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
        .header('cache-control', 'no-store')
        .header('x-chronicle-sha256', source.sha256)
        .send(bytes);
    },
  );
};
