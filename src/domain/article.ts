import { z } from 'zod';

/**
 * A publication date: a known day (`value`), or an interval (`from`..`to`)
 * when it is only estimated from the text. Dates are ISO `YYYY-MM-DD`.
 * Never a single fake day: an estimate is always an interval.
 */
export const publishedAtSchema = z.object({
  value: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  estimated: z.boolean(),
});
export type PublishedAt = z.infer<typeof publishedAtSchema>;

/** A paragraph of the body: `start`/`end` are JavaScript string indices into `Article.text`. */
export const paragraphSchema = z.object({ start: z.number().int(), end: z.number().int() });
export type Paragraph = z.infer<typeof paragraphSchema>;

/** A photo caption and/or credit, kept out of the body text. */
export const creditSchema = z.object({ caption: z.string().optional(), credit: z.string().optional() });
export type Credit = z.infer<typeof creditSchema>;

/** The clean, derived working copy of a capture. Regenerable from the original bytes. */
export const articleSchema = z.object({
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  byline: z.string().nullable(),
  publishedAt: publishedAtSchema.nullable(),
  language: z.string().nullable(),
  text: z.string(),
  paragraphs: z.array(paragraphSchema),
  credits: z.array(creditSchema),
  truncated: z.boolean(),
});
export type Article = z.infer<typeof articleSchema>;
