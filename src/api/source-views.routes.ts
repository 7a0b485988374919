/**
 * What the Reader shows of a source besides its cleaned article: the extraction (for the
 * highlights) and the captured page itself, made safe.
 *
 * How the UI shows the captured page (decided here, for web/): in an
 * `<iframe sandbox src="/api/v1/sources/:id/view">` — an empty sandbox attribute, no
 * allow-scripts, no allow-same-origin. Three walls stand between captured HTML and the
 * monitor:
 *  1. the sanitiser (pipeline/view/safe-view.ts) keeps only text and its structure: no
 *     script, event handlers, images, media, frames, forms, meta, SVG, style or CSS url();
 *     links become inert text (their address in a `title`);
 *  2. the response's own CSP, `default-src 'none'` (nothing at all may load — no image, font,
 *     frame, connection), Chronicle's stylesheet allowed by its hash only, `sandbox` (no
 *     script, forms, popups or navigation of the top page; an opaque origin, so no access to
 *     Chronicle's cookies, storage or API even if something slipped through), and
 *     `frame-ancestors 'self'` — with X-Frame-Options SAMEORIGIN — so only Chronicle's
 *     pages can frame it;
 *  3. the iframe's sandbox attribute on the UI side.
 * The UI's own CSP says `frame-src 'self'` (security-headers.ts) rather than 'none': every
 * other response of Chronicle still forbids being framed (`frame-ancestors 'none'`, DENY),
 * so this view is the one thing a Chronicle page can frame. The original bytes are only ever
 * downloaded as an attachment (GET /sources/:id/original).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extractionSchema } from '../domain/extraction.js';
import type { SourceId } from '../domain/ids.js';
import { SAFE_VIEW_CSP } from '../pipeline/view/safe-view.js';

const params = z.strictObject({ sourceId: z.string().min(1).max(100) });

export const sourceViewsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sources } = app.chronicle;

  app.get(
    '/api/v1/sources/:sourceId/extraction',
    {
      config: { policy: { minRole: 'viewer', scope: 'any' } },
      schema: {
        summary: "What extraction found in the source: entities, dates, places and event candidates with offsets into `extraction.text` (404 until processed)",
        params,
        response: {
          200: z.object({ sourceId: z.string(), extractor: z.string(), extractorVersion: z.string(), createdAt: z.string(), extraction: extractionSchema }).meta({ id: 'StoredExtraction' }),
        },
      },
    },
    async (request) => sources.extraction(request.principal!, request.params.sourceId as SourceId),
  );

  app.get(
    '/api/v1/sources/:sourceId/view',
    {
      config: { policy: { minRole: 'viewer', scope: 'any' } },
      schema: {
        summary: 'The captured page made safe to show (sanitised HTML, or the text of a plain-text or PDF source), for an <iframe sandbox>',
        params,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { html } = await sources.view(request.principal!, request.params.sourceId as SourceId);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', SAFE_VIEW_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(html);
    },
  );
};
