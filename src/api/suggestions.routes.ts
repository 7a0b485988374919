import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { claimEvidenceSchema, eventEditSchema, suggestionKindSchema, suggestionStatusSchema } from '../domain/records.js';
import { collectionOf } from './policy.js';
import { actorOf, recordRoute } from './record-guard.js';
import { collectionField, commentSchema, idParam, limitQuery, offsetQuery, reviewOutcomeSchema, suggestionSchema } from './record-schemas.js';

const params = idParam('suggestionId');

/** Review: what extraction proposed (events, entities, merges), accepted, edited or rejected by a person. */
export const suggestionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { review } = app.chronicle.records;

  app.get(
    '/api/v1/suggestions',
    {
      config: { policy: { minRole: 'viewer', scope: 'collection' }, cache: true },
      schema: {
        summary: "A collection's suggestions, oldest first, each with a one-line summary",
        querystring: z.strictObject({
          ...collectionField,
          status: suggestionStatusSchema.default('pending'),
          kind: suggestionKindSchema.optional(),
          limit: limitQuery(500, 50),
          offset: offsetQuery,
        }),
        response: { 200: z.object({ items: z.array(suggestionSchema), nextOffset: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { status, kind, limit, offset } = request.query;
      const items = await review.list({ status, kind, limit, offset, collectionId: collectionOf(request) });
      return { items, nextOffset: items.length === limit ? offset + limit : null };
    },
  );

  // Accept and reject are one door with two verbs: same guard, same outcome, a note for the history.
  const decisions = [
    { verb: 'accept', note: 'comment', summary: 'Accept a suggestion: confirm the event (and the people and places coded in it) or entity, or do the merge' },
    { verb: 'reject', note: 'reason', summary: 'Reject a suggestion: the event is marked rejected, a proposed entity withdrawn (nothing is deleted)' },
  ] as const;
  for (const { verb, note, summary } of decisions) {
    app.post(
      `/api/v1/suggestions/:suggestionId/${verb}`,
      {
        ...recordRoute('suggestion', 'editor', 'suggestionId'),
        schema: { summary, params, body: z.strictObject({ [note]: commentSchema.optional() }).nullish(), response: { 200: reviewOutcomeSchema } },
      },
      async (request) => review[verb](request.params.suggestionId, actorOf(request), (request.body as Record<string, string | undefined> | null)?.[note] || null),
    );
  }

  app.patch(
    '/api/v1/suggestions/:suggestionId',
    {
      ...recordRoute('suggestion', 'analyst', 'suggestionId'),
      schema: {
        summary: "Change values of a suggested event: each is a claim by you, the extractor's claims stay",
        params,
        body: z.strictObject({
          set: eventEditSchema.meta({ description: 'the values to set; at least one' }),
          evidence: claimEvidenceSchema.optional().meta({ description: 'the passage of a source of the same collection that supports them' }),
          comment: commentSchema.optional(),
        }),
        response: { 200: reviewOutcomeSchema },
      },
    },
    async (request) => review.edit(request.params.suggestionId, { ...request.body, comment: request.body.comment || null }, actorOf(request)),
  );
};
