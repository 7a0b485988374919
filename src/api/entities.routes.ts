import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityStatusSchema, recordEntityTypeSchema } from '../domain/records.js';
import { collectionOf } from './policy.js';
import { actorOf, recordRoute } from './record-guard.js';
import {
  collectionField,
  commentBodySchema,
  commentSchema,
  entityDetailSchema,
  entityRecordSchema,
  historyResponseSchema,
  idParam,
  limitQuery,
  offsetQuery,
  withdrawBodySchema,
} from './record-schemas.js';

const params = idParam('entityId');

/** People, organisations and places: list, show, history, merge, split, rename, withdraw. */
export const entitiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { entities } = app.chronicle.records;

  app.get(
    '/api/v1/entities',
    {
      config: { policy: { minRole: 'viewer', scope: 'collection' }, cache: true },
      schema: {
        summary: 'People, organisations and places (not withdrawn unless a status is asked for), newest first; `name` matches any spelling or script',
        querystring: z.strictObject({
          ...collectionField,
          type: recordEntityTypeSchema.optional(),
          status: entityStatusSchema.optional(),
          name: z.string().trim().min(1).max(300).optional(),
          limit: limitQuery(500, 50),
          offset: offsetQuery,
        }),
        response: { 200: z.object({ items: z.array(entityRecordSchema), nextOffset: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { limit, offset, name } = request.query;
      const items = await entities.list({ ...request.query, collectionId: collectionOf(request) });
      return { items, nextOffset: !name && items.length === limit ? offset + limit : null };
    },
  );

  app.get(
    '/api/v1/entities/:entityId',
    {
      ...recordRoute('entity', 'viewer', 'entityId', { cache: true }),
      schema: {
        summary: 'An entity (as it stands after merges) with its aliases by script, merged members, mentions and events',
        params,
        response: { 200: entityDetailSchema },
      },
    },
    async (request) => entities.show(request.params.entityId),
  );

  app.get(
    '/api/v1/entities/:entityId/history',
    {
      ...recordRoute('entity', 'viewer', 'entityId', { cache: true }),
      schema: { summary: 'Every change to the entity: who, when, what, from what to what, why', params, response: historyResponseSchema },
    },
    async (request) => ({ items: await entities.historyOf(request.params.entityId) }),
  );

  app.post(
    '/api/v1/entities/:entityId/merge',
    {
      ...recordRoute('entity', 'editor', 'entityId'),
      schema: {
        summary: 'Merge this entity into another of the same type and collection (undone by split)',
        params,
        body: z.strictObject({ into: z.string().min(1).max(100), comment: commentSchema.optional() }),
        response: { 200: z.object({ from: entityRecordSchema, into: entityRecordSchema }) },
      },
    },
    async (request) => entities.merge(request.params.entityId, request.body.into, actorOf(request), request.body.comment || null),
  );

  app.post(
    '/api/v1/entities/:entityId/split',
    {
      ...recordRoute('entity', 'editor', 'entityId'),
      schema: {
        summary: 'Undo a merge: the entity stands on its own again, with the status it had before',
        params,
        body: commentBodySchema,
        response: { 200: z.object({ entity: entityRecordSchema, from: z.string() }) },
      },
    },
    async (request) => entities.split(request.params.entityId, actorOf(request), request.body?.comment || null),
  );

  app.patch(
    '/api/v1/entities/:entityId',
    {
      ...recordRoute('entity', 'editor', 'entityId'),
      schema: {
        summary: 'Rename an entity (the old name stays in its history)',
        params,
        body: z.strictObject({ name: z.string().trim().min(1).max(300), comment: commentSchema.optional() }),
        response: { 200: entityRecordSchema },
      },
    },
    async (request) => entities.rename(request.params.entityId, request.body.name, actorOf(request), request.body.comment || null),
  );

  app.post(
    '/api/v1/entities/:entityId/withdraw',
    {
      ...recordRoute('entity', 'editor', 'entityId'),
      schema: { summary: 'Withdraw an entity (kept, with its history)', params, body: withdrawBodySchema, response: { 200: entityRecordSchema } },
    },
    async (request) => entities.withdraw(request.params.entityId, request.body.reason, actorOf(request)),
  );
};
