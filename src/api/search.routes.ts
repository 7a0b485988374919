import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseDateBound, SEARCH_KINDS } from '../domain/search.js';
import { collectionOf } from './policy.js';
import { collectionField, limitQuery } from './record-schemas.js';

const facetSchema = z.array(z.object({ value: z.string(), count: z.number() }));
const list = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20))
    .optional();

/** Full-text search over the collection's sources and records (see domain/search.ts for the query language). */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { search } = app.chronicle.records;

  app.get(
    '/api/v1/search',
    {
      config: { policy: { minRole: 'viewer', scope: 'collection' }, cache: true },
      schema: {
        summary: 'Search sources and records: words in any form or script, "phrases", OR, -exclusions, prefix*; facets and highlighted snippets',
        querystring: z.strictObject({
          ...collectionField,
          q: z.string().max(10_000),
          kind: list(z.enum(SEARCH_KINDS)),
          type: list(z.string().min(1).max(200)),
          from: z.string().max(10).optional(),
          to: z.string().max(10).optional(),
          place: z.string().min(1).max(300).optional(),
          person: z.string().min(1).max(300).optional(),
          limit: limitQuery(100, 20),
          offset: z.coerce.number().int().min(0).max(10_000).default(0),
        }),
        response: {
          200: z.object({
            total: z.object({ value: z.number(), exact: z.boolean() }),
            order: z.enum(['relevance', 'recency']),
            hits: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(SEARCH_KINDS),
                title: z.string(),
                snippet: z.string().meta({ description: 'HTML-escaped text; matches wrapped in <mark>' }),
                dateFrom: z.string().nullable(),
                dateTo: z.string().nullable(),
                score: z.number().nullable(),
              }),
            ),
            facets: z.object({ kind: facetSchema, type: facetSchema, place: facetSchema, person: facetSchema, year: facetSchema }),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return search.search({
        text: q.q,
        collectionId: collectionOf(request),
        ...(q.kind?.length ? { kinds: q.kind } : {}),
        ...(q.type?.length ? { types: q.type } : {}),
        ...(q.from ? { from: parseDateBound(q.from, 'from') } : {}),
        ...(q.to ? { to: parseDateBound(q.to, 'to') } : {}),
        ...(q.place ? { place: q.place } : {}),
        ...(q.person ? { person: q.person } : {}),
        limit: q.limit,
        offset: q.offset,
      });
    },
  );
};
