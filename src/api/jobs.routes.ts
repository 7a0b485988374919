import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectionOf } from './policy.js';
import { collectionField, jobCountsSchema, jobSchema, jobStatusSchema, limitQuery } from './record-schemas.js';

/** The background queue (extraction of captures into suggestions): list, counts, retry failed jobs. */
export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { records, worker } = app.chronicle;

  app.get(
    '/api/v1/jobs',
    {
      config: { policy: { minRole: 'analyst', scope: 'collection' } },
      schema: {
        summary: "A collection's jobs, newest first, with the reason of each failure",
        querystring: z.strictObject({ ...collectionField, status: jobStatusSchema.optional(), limit: limitQuery(1000, 50) }),
        response: { 200: z.object({ items: z.array(jobSchema) }) },
      },
    },
    async (request) => ({ items: await records.jobs.list({ ...request.query, collectionId: collectionOf(request) }) }),
  );

  app.get(
    '/api/v1/jobs/counts',
    {
      config: { policy: { minRole: 'viewer', scope: 'collection' } },
      schema: { summary: "How many of a collection's jobs are pending, running, done and failed", querystring: z.strictObject(collectionField), response: { 200: jobCountsSchema } },
    },
    async (request) => records.jobs.counts(collectionOf(request)),
  );

  app.post(
    '/api/v1/jobs/retry',
    {
      config: { policy: { minRole: 'editor', scope: 'collection' } },
      schema: {
        summary: 'Put failed jobs back in the queue: the given ones, or all of the collection',
        querystring: z.strictObject(collectionField),
        body: z
          .strictObject({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(), all: z.literal(true).optional() })
          .refine((b) => (b.ids === undefined) !== (b.all === undefined), { message: 'send either ids or "all": true' }),
        response: { 200: z.object({ requeued: z.number() }) },
      },
    },
    async (request) => {
      const requeued = await records.jobs.retry(request.body.ids ?? 'all-failed', collectionOf(request));
      worker.wake();
      return { requeued };
    },
  );
};
