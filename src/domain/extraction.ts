import { z } from 'zod';
import { publishedAtSchema } from './article.js';

/**
 * What the extract stage suggests about one text: entities, dates, places and event
 * candidates, each with its character span. Offsets are JavaScript string indices into
 * `Extraction.text`, so `text.slice(start, end) === item.text` for every item with a text.
 * These are suggestions for a reviewer, never records.
 */

export const entityTypeSchema = z.enum(['PERSON', 'ORGANIZATION', 'LOCATION']);
export type EntityType = z.infer<typeof entityTypeSchema>;

const spanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

/** A named mention; `canonical` is the name all variants of it in the document share. */
export const extractedEntitySchema = spanSchema.extend({
  text: z.string(),
  type: entityTypeSchema,
  canonical: z.string(),
});
export type ExtractedEntity = z.infer<typeof extractedEntitySchema>;

export const datePrecisionSchema = z.enum(['day', 'month', 'season', 'year', 'decade', 'approximate']);

/** A time expression as an inclusive ISO interval (`from`..`to`) with its precision. */
export const extractedDateSchema = spanSchema.extend({
  text: z.string(),
  from: z.string(),
  to: z.string(),
  precision: datePrecisionSchema,
  timex: z.string().optional(),
});
export type ExtractedDate = z.infer<typeof extractedDateSchema>;

export const placeKindSchema = z.enum(['country', 'admin1', 'admin2', 'city', 'town', 'village']);

/** A place mention tied to a gazetteer entry. */
export const extractedPlaceSchema = spanSchema.extend({
  text: z.string(),
  name: z.string(),
  country: z.string(),
  admin1: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  geonameId: z.number().int().optional(),
  kind: placeKindSchema,
});
export type ExtractedPlace = z.infer<typeof extractedPlaceSchema>;

/** An event candidate: an ESF act (or protest) with its ACLED crosswalk and evidence. */
export const extractedEventSchema = z.object({
  type: z.string(),
  esfTerm: z.string().nullable(),
  acled: z.object({ eventType: z.string(), subEventType: z.string() }).nullable(),
  trigger: spanSchema,
  evidence: spanSchema,
  date: extractedDateSchema.nullable(),
  place: extractedPlaceSchema.nullable(),
  participants: z.array(spanSchema.extend({ role: z.enum(['perpetrator', 'victim', 'other']), text: z.string() })),
  count: z.object({ value: z.number(), approximate: z.boolean(), text: z.string() }).nullable(),
  negated: z.boolean(),
  hedged: z.boolean(),
  confidence: z.number(),
});
export type ExtractedEvent = z.infer<typeof extractedEventSchema>;

/** Languages the entity and event extractors have models and rules for. */
export const extractionLanguageSchema = z.enum(['en', 'ru', 'kk']);
export type ExtractionLanguage = z.infer<typeof extractionLanguageSchema>;

export const extractionSchema = z.object({
  /** ISO 639-1 code of the text, or null when it could not be told. */
  language: z.string().nullable(),
  publishedAt: publishedAtSchema.nullable(),
  /** The text every offset indexes. */
  text: z.string(),
  entities: z.array(extractedEntitySchema),
  dates: z.array(extractedDateSchema),
  places: z.array(extractedPlaceSchema),
  events: z.array(extractedEventSchema),
  /** What could not be done and why (unsupported language, guessed language, …). */
  warnings: z.array(z.string()),
});
export type Extraction = z.infer<typeof extractionSchema>;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `YYYY-MM-DD` that is a real calendar day (proleptic Gregorian, years 0000-9999), checked by
 * arithmetic: extraction checks its reference date once per document, and a Date parse and
 * format cost 10-20 µs a call in a busy process.
 */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}
