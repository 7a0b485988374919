import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { violationInputSchema } from '../services/violation.service.js';
import { collectionOf } from './policy.js';
import { actorOf, recordRoute } from './record-guard.js';
import {
  collectionField,
  entityRefSchema,
  eventDetailSchema,
  eventFilterFields,
  eventRecordSchema,
  eventSummarySchema,
  historyResponseSchema,
  idParam,
  limitQuery,
  offsetQuery,
  withdrawBodySchema,
} from './record-schemas.js';

const params = idParam('eventId');
/** Readers of the collection; their answers are kept in the response cache until the data changes. */
const VIEWERS = { policy: { minRole: 'viewer', scope: 'collection' }, cache: true } as const;

const partySchema = z.object({ id: z.string(), name: z.string(), reused: z.boolean().meta({ description: 'an entity already known was linked, not a new one made' }) });

/** Events (incidents): list, map, trends, one event with its claims and history, withdraw, and coding a whole violation. */
export const eventsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { events, stats, violations } = app.chronicle.records;

  app.get(
    '/api/v1/events',
    {
      config: VIEWERS,
      schema: {
        summary: 'Events, latest first (proposed and confirmed unless a status is asked for)',
        querystring: z.strictObject({ ...eventFilterFields, limit: limitQuery(500, 50), offset: offsetQuery }),
        response: { 200: z.object({ items: z.array(eventSummarySchema), nextOffset: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const items = await events.list({ ...request.query, collectionId: collectionOf(request) });
      return { items, nextOffset: items.length === limit ? offset + limit : null };
    },
  );

  app.get(
    '/api/v1/events/timeline',
    {
      config: VIEWERS,
      schema: {
        summary: 'The timeline: events as the list orders and filters them, with what a timeline draws of each (no source counts), up to 1,000 a page',
        querystring: z.strictObject({ ...eventFilterFields, limit: limitQuery(1000, 500), offset: offsetQuery }),
        response: {
          200: z.object({
            items: z.array(
              eventRecordSchema.pick({ id: true, title: true, types: true, status: true, dateFrom: true, dateTo: true, datePrecision: true }).extend({ place: entityRefSchema.nullable() }),
            ),
            nextOffset: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const items = await events.timeline({ ...request.query, collectionId: collectionOf(request) });
      return { items, nextOffset: items.length === limit ? offset + limit : null };
    },
  );

  app.get(
    '/api/v1/events/geo',
    {
      config: VIEWERS,
      schema: {
        summary:
          "The map: every event the filters select, counted by place (merged places count as one), with each place's coordinates and its events by type; events at no place or at a place without coordinates are counted in `unplaced`",
        querystring: z.strictObject(eventFilterFields),
        response: {
          200: z.object({
            places: z.array(
              entityRefSchema.omit({ type: true }).extend({
                lat: z.number(),
                lon: z.number(),
                count: z.number(),
                types: z.array(z.object({ type: z.string(), count: z.number() })).meta({ description: 'most first; an event of two types counts in both' }),
              }),
            ),
            unplaced: z.number(),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => stats.geo({ ...request.query, collectionId: collectionOf(request) }),
  );

  app.get(
    '/api/v1/stats/monthly',
    {
      config: VIEWERS,
      schema: {
        summary: 'Dated events (proposed and confirmed) per month of their start, by type, for the trends chart',
        querystring: z.strictObject({
          ...collectionField,
          type: eventFilterFields.type,
          from: eventFilterFields.from,
          to: eventFilterFields.to,
          minSources: eventFilterFields.minSources,
        }),
        response: { 200: z.object({ items: z.array(z.object({ month: z.string(), type: z.string(), count: z.number() })) }) },
      },
    },
    async (request) => ({ items: await stats.monthly({ ...request.query, collectionId: collectionOf(request) }) }),
  );

  app.get(
    '/api/v1/events/:eventId',
    {
      ...recordRoute('event', 'viewer', 'eventId', { cache: true }),
      schema: { summary: 'An event with its sources, acts, every claim with its source span, and conflicts between sources', params, response: { 200: eventDetailSchema } },
    },
    async (request) => events.show(request.params.eventId),
  );

  app.get(
    '/api/v1/events/:eventId/history',
    {
      ...recordRoute('event', 'viewer', 'eventId', { cache: true }),
      schema: {
        summary: 'Every change to the event, its acts and involvements: who, when, what, from what to what, why',
        params,
        response: historyResponseSchema,
      },
    },
    async (request) => ({ items: await events.historyOf(request.params.eventId) }),
  );

  app.post(
    '/api/v1/events/:eventId/withdraw',
    {
      ...recordRoute('event', 'editor', 'eventId'),
      schema: {
        summary: 'Withdraw an event (it is kept, with its claims and history)',
        params,
        body: withdrawBodySchema,
        response: { 200: eventRecordSchema },
      },
    },
    async (request) => events.withdraw(request.params.eventId, request.body.reason, actorOf(request)),
  );

  app.post(
    '/api/v1/violations',
    {
      config: { policy: { minRole: 'analyst', scope: 'collection' } },
      schema: {
        summary: 'Code a whole violation in one step: event, act, victim, perpetrator and the source passage; known people are reused, never duplicated',
        querystring: z.strictObject(collectionField),
        body: violationInputSchema.omit({ collectionId: true }),
        response: { 201: z.object({ event: eventRecordSchema, victim: partySchema, perpetrator: partySchema.nullable(), place: partySchema.nullable() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await violations.code({ ...request.body, collectionId: collectionOf(request) }, actorOf(request))),
  );
};
