import { z } from 'zod';
import {
  confidentialitySchema,
  entityStatusSchema,
  eventStatusSchema,
  recordEntityTypeSchema,
  recordPrecisionSchema,
  suggestionKindSchema,
  suggestionStatusSchema,
} from '../domain/records.js';
import { collectionIdSchema } from './schemas.js';

/**
 * Zod schemas of the case-record routes: requests are strict (unknown fields and filters are
 * 400s), responses are the services' records (anything not listed here is not sent).
 */

export const idParam = <K extends string>(name: K) => z.strictObject({ [name]: z.string().min(1).max(100) } as Record<K, z.ZodString>);
export const limitQuery = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
export const offsetQuery = z.coerce.number().int().min(0).max(1_000_000).default(0);
export const commentSchema = z.string().trim().max(5000);
export const reasonSchema = z.string().trim().min(1, 'give a reason').max(5000);
/** A body that only carries an optional note for the history (may be left out altogether). */
export const commentBodySchema = z.strictObject({ comment: commentSchema.optional() }).nullish();
export const withdrawBodySchema = z.strictObject({ reason: reasonSchema });
/** Where a request says which collection it is about (`?collection=`, default "default"). */
export const collectionField = { collection: collectionIdSchema.optional() };
const period = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

/** The events list's filters, shared by the list, the map and the trends chart. */
export const eventFilterFields = {
  ...collectionField,
  status: eventStatusSchema.optional().meta({ description: 'default: proposed and confirmed' }),
  type: z.string().min(1).max(64).optional().meta({ description: 'an event type id, e.g. detention' }),
  from: period.optional().meta({ description: 'events on or after (YYYY[-MM[-DD]])' }),
  to: period.optional().meta({ description: 'events on or before (the whole period given)' }),
  place: z.string().min(1).max(300).optional().meta({ description: 'a place name in any spelling or script' }),
  person: z.string().min(1).max(300).optional().meta({ description: 'a person or organisation involved, any spelling or script' }),
  minSources: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: 'events supported by at least this many sources (as sourceCount counts them)' }),
};

export const recordChangeSchema = z.object({ kind: z.enum(['event', 'entity']), id: z.string(), status: z.string() });

const suggestionFields = {
  id: z.string(),
  collectionId: z.string(),
  kind: suggestionKindSchema,
  status: suggestionStatusSchema,
  eventId: z.string().nullable(),
  entityId: z.string().nullable(),
  otherEntityId: z.string().nullable(),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionComment: z.string().nullable(),
};

export const suggestionSchema = z
  .object({ ...suggestionFields, summary: z.string().meta({ description: 'one line: what the suggestion proposes' }) })
  .meta({ id: 'Suggestion' });

export const reviewOutcomeSchema = z
  .object({ suggestion: z.object(suggestionFields), records: z.array(recordChangeSchema) })
  .meta({ id: 'ReviewOutcome', description: 'the decided suggestion and the records it created or changed' });

export const entityRefSchema = z.object({ id: z.string(), name: z.string(), type: z.string() });

export const eventRecordSchema = z
  .object({
    id: z.string(),
    collectionId: z.string(),
    title: z.string(),
    types: z.array(z.string()),
    dateFrom: z.string().nullable(),
    dateTo: z.string().nullable(),
    datePrecision: recordPrecisionSchema.nullable(),
    placeId: z.string().nullable(),
    placePrecision: z.string().nullable(),
    description: z.string(),
    status: eventStatusSchema,
    confidentiality: confidentialitySchema,
    withdrawnReason: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EventRecord' });

export const eventSummarySchema = eventRecordSchema
  .extend({
    place: entityRefSchema.nullable(),
    sourceCount: z.number(),
    independentSources: z.number().meta({ description: 'near-duplicate and syndicated copies count once' }),
  })
  .meta({ id: 'EventSummary' });

export const claimSchema = z
  .object({
    id: z.string(),
    recordKind: z.enum(['event', 'act', 'involvement', 'entity']),
    recordId: z.string(),
    field: z.string(),
    value: z.unknown(),
    sourceId: z.string().nullable(),
    start: z.number().nullable(),
    end: z.number().nullable(),
    quote: z.string().nullable(),
    coder: z.object({ kind: z.enum(['extractor', 'person']), name: z.string(), version: z.string().nullable() }),
    reliability: z.string().meta({ description: 'ESF MT42 term' }),
    connection: z.string().meta({ description: 'ESF MT19 term' }),
    comment: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Claim' });

const involvementSchema = z.object({
  id: z.string(),
  actId: z.string(),
  perpetratorId: z.string().nullable(),
  perpetratorLabel: z.string().nullable(),
  degree: z.string(),
  version: z.number(),
  perpetrator: entityRefSchema.nullable(),
});

const actSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  actType: z.string(),
  esfTerm: z.string().nullable(),
  victimId: z.string().nullable(),
  victimLabel: z.string().nullable(),
  count: z.number().nullable(),
  countApproximate: z.boolean(),
  negated: z.boolean(),
  hedged: z.boolean(),
  version: z.number(),
  victim: entityRefSchema.nullable(),
  involvements: z.array(involvementSchema),
});

export const eventDetailSchema = eventSummarySchema
  .extend({
    sources: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        url: z.string().nullable(),
        capturedAt: z.string(),
        duplicateOf: z.string().nullable(),
        group: z.number().meta({ description: 'sources with the same group number count as one independent source' }),
      }),
    ),
    acts: z.array(actSchema),
    claims: z.array(claimSchema),
    conflicts: z.array(
      z.object({
        recordKind: z.string(),
        recordId: z.string(),
        field: z.string(),
        values: z.array(z.object({ value: z.unknown(), claims: z.array(z.string()), sources: z.array(z.string()) })),
      }),
    ),
  })
  .meta({ id: 'EventDetail' });

export const recordVersionSchema = z
  .object({
    recordKind: z.enum(['event', 'act', 'involvement', 'entity']),
    recordId: z.string(),
    version: z.number(),
    at: z.string(),
    actor: z.string(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    comment: z.string().nullable(),
  })
  .meta({ id: 'RecordVersion' });

export const historyResponseSchema = { 200: z.object({ items: z.array(recordVersionSchema) }) };

export const entityRecordSchema = z
  .object({
    id: z.string(),
    collectionId: z.string(),
    type: recordEntityTypeSchema,
    name: z.string(),
    status: entityStatusSchema,
    mergedInto: z.string().nullable(),
    externalIds: z.record(z.string(), z.string()).meta({ description: 'geonames, wikidata; places from the gazetteer also lat and lon' }),
    withdrawnReason: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Entity' });

export const entityDetailSchema = entityRecordSchema
  .extend({
    aliases: z.object({ latin: z.array(z.string()), cyrillic: z.array(z.string()), other: z.array(z.string()) }),
    members: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), mergedInto: z.string().nullable() })),
    mentions: z.array(z.object({ entityId: z.string(), sourceId: z.string(), start: z.number(), end: z.number(), text: z.string() })),
    events: z.array(z.string()),
  })
  .meta({ id: 'EntityDetail' });

export const jobStatusSchema = z.enum(['pending', 'running', 'done', 'failed']);

export const jobSchema = z
  .object({
    id: z.string(),
    collectionId: z.string(),
    kind: z.string(),
    subjectId: z.string(),
    status: jobStatusSchema,
    attempts: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Job' });

export const jobCountsSchema = z.object({ pending: z.number(), running: z.number(), done: z.number(), failed: z.number() });

export const processingSchema = z
  .object({ status: jobStatusSchema, error: z.string().nullable(), attempts: z.number(), updatedAt: z.string() })
  .nullable()
  .meta({ id: 'Processing', description: "the source's extraction job: null before one was queued" });
