import { z } from 'zod';
import type { ActId, ClaimId, CollectionId, EntityId, EventId, InvolvementId, SourceId, SuggestionId } from './ids.js';

/**
 * Case records after HURIDOCS ESF: Event, Act (one victim suffering one type of act),
 * Involvement (a perpetrator's part in an act), Entity (Person / Organisation / Place) and
 * Claim (a coded value and the source passage that supports it).
 *
 * Machine suggestions are records with status `proposed`; a reviewer confirms or rejects
 * them. Nothing is hard-deleted: records are withdrawn with a reason, merged entities keep
 * their row (pointing at the entity they were merged into) so that a merge can be undone.
 */

export const eventStatusSchema = z.enum(['proposed', 'confirmed', 'rejected', 'withdrawn']);
export type EventStatus = z.infer<typeof eventStatusSchema>;

export const entityStatusSchema = z.enum(['proposed', 'confirmed', 'merged', 'withdrawn']);
export type EntityStatus = z.infer<typeof entityStatusSchema>;

export const recordEntityTypeSchema = z.enum(['PERSON', 'ORGANIZATION', 'LOCATION']);
export type RecordEntityType = z.infer<typeof recordEntityTypeSchema>;

export const confidentialitySchema = z.enum(['public', 'restricted', 'confidential']);
export type Confidentiality = z.infer<typeof confidentialitySchema>;

export const recordPrecisionSchema = z.enum(['day', 'month', 'season', 'year', 'decade', 'approximate']);
export type RecordPrecision = z.infer<typeof recordPrecisionSchema>;

export type RecordKind = 'event' | 'act' | 'involvement' | 'entity';

export interface EventRecord {
  id: EventId;
  collectionId: CollectionId;
  title: string;
  /** Chronicle event type ids (see pipeline/extract/events/vocabulary.ts), e.g. `detention`. */
  types: string[];
  dateFrom: string | null;
  dateTo: string | null;
  datePrecision: RecordPrecision | null;
  placeId: EntityId | null;
  /** How exactly the place is known: `city`, `admin1`, `country`, … */
  placePrecision: string | null;
  description: string;
  status: EventStatus;
  confidentiality: Confidentiality;
  withdrawnReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActRecord {
  id: ActId;
  eventId: EventId;
  /** Chronicle type id; `esfTerm` is the ESF "Types of acts" (MT04) vocab number when known. */
  actType: string;
  esfTerm: string | null;
  /** The victim as a known entity, or only as a label ("dozens of protesters"). */
  victimId: EntityId | null;
  victimLabel: string | null;
  count: number | null;
  countApproximate: boolean;
  negated: boolean;
  hedged: boolean;
  version: number;
}

export interface InvolvementRecord {
  id: InvolvementId;
  actId: ActId;
  perpetratorId: EntityId | null;
  perpetratorLabel: string | null;
  /** ESF "Degrees of involvement" (MT18) vocab number. */
  degree: string;
  version: number;
}

export interface EntityAlias {
  text: string;
  script: 'latin' | 'cyrillic' | 'other';
}

export interface EntityRecord {
  id: EntityId;
  collectionId: CollectionId;
  type: RecordEntityType;
  name: string;
  status: EntityStatus;
  mergedInto: EntityId | null;
  externalIds: Record<string, string>;
  withdrawnReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Mention {
  entityId: EntityId;
  sourceId: SourceId;
  start: number;
  end: number;
  text: string;
}

/** Who coded a value: an extractor (name@version) or a person (user name). */
export interface Coder {
  kind: 'extractor' | 'person';
  name: string;
  version: string | null;
}

export interface Claim {
  id: ClaimId;
  recordKind: RecordKind;
  recordId: string;
  field: string;
  value: unknown;
  sourceId: SourceId | null;
  start: number | null;
  end: number | null;
  /** The supported passage, copied so the claim stays readable if the text is re-derived. */
  quote: string | null;
  coder: Coder;
  /** ESF MT42 reliability vocab number. */
  reliability: string;
  /** ESF MT19 source connection to information vocab number. */
  connection: string;
  comment: string | null;
  createdAt: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RecordVersion {
  recordKind: RecordKind;
  recordId: string;
  version: number;
  at: string;
  actor: string;
  changes: FieldChange[];
  comment: string | null;
}

export const suggestionKindSchema = z.enum(['event', 'entity', 'merge']);
export type SuggestionKind = z.infer<typeof suggestionKindSchema>;
export const suggestionStatusSchema = z.enum(['pending', 'accepted', 'rejected']);
export type SuggestionStatus = z.infer<typeof suggestionStatusSchema>;

export interface Suggestion {
  id: SuggestionId;
  collectionId: CollectionId;
  kind: SuggestionKind;
  status: SuggestionStatus;
  eventId: EventId | null;
  /** For `entity`: the proposed entity; for `merge`: the entity to merge into `otherEntityId`. */
  entityId: EntityId | null;
  otherEntityId: EntityId | null;
  score: number | null;
  reasons: string[];
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
}

/** ESF MT42 "Reliability". */
export const RELIABILITY = {
  highlyReliable: '01000000000042',
  likelyReliable: '02000000000042',
  unsure: '03000000000042',
  likelyUnreliable: '04000000000042',
  highlyUnreliable: '05000000000042',
  unknown: '99000000000042',
} as const;

/** ESF MT19 "Source connection to information" (the terms Chronicle proposes by default). */
export const CONNECTION = {
  victim: '01010000000019',
  witness: '01020000000019',
  reporter: '03010000000019',
  lawyer: '04010000000019',
  humanRightsNgo: '04040100000019',
  unknown: '99000000000019',
} as const;

/** ESF MT18 "Degrees of involvement". */
export const INVOLVEMENT_DEGREE = {
  directlyCarriedOut: '01010000000018',
  suspected: '01060000000018',
  unknown: '99000000000018',
} as const;

const esfCode = z.string().regex(/^\d{14}$/, 'an ESF vocab number has 14 digits');

/** What a reviewer may set on an event; every key is optional, unknown keys are refused. */
export const eventEditSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    types: z.array(z.string().min(1)).min(1),
    dateFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    dateTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    datePrecision: recordPrecisionSchema,
    description: z.string().max(20000),
    confidentiality: confidentialitySchema,
  })
  .partial()
  .strict();
export type EventEdit = z.infer<typeof eventEditSchema>;

/** Where a person's coded value comes from (optional: a reviewer may code from knowledge). */
export const claimEvidenceSchema = z
  .object({
    sourceId: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    reliability: esfCode.optional(),
    connection: esfCode.optional(),
  })
  .strict()
  .refine((e) => e.end > e.start, { message: 'evidence end must be after start' });
export type ClaimEvidence = z.infer<typeof claimEvidenceSchema>;

/** Latin, Cyrillic or other: aliases are listed per script. */
export function scriptOf(text: string): EntityAlias['script'] {
  if (/[\u0400-\u04FF]/.test(text)) return 'cyrillic';
  if (/[A-Za-z\u00C0-\u024F]/.test(text)) return 'latin';
  return 'other';
}
