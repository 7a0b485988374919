/** Types shared by the date extractor's rules (per language) and its resolver. */

export type DateLang = 'en' | 'ru' | 'kk';
export type DatePrecision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'approximate';

/** One time expression found in the text, normalised to an inclusive ISO interval. */
export interface DateMention {
  text: string;
  /** JavaScript string indices into the input: text === input.slice(start, end). */
  start: number;
  end: number;
  from: string;
  to: string;
  precision: DatePrecision;
  /** TIMEX3-style value: 2016-12-16, 2016-04, 2016, 199X, 2016-SU, 2016-Q3, 2016-W07, PRESENT_REF, P2Y… */
  timex?: string;
}

export interface ExtractDatesOptions {
  lang: DateLang;
  /** Publication date (YYYY-MM-DD), or an interval when the date is only estimated. */
  reference: { from: string; to: string } | string;
}

export type Mod = 'early' | 'mid' | 'late';
export type Season = 'SP' | 'SU' | 'FA' | 'WI';
/** -1 last/previous, 0 this/current, 1 next/coming. */
export type Rel = -1 | 0 | 1;
export type SpanUnit = 'day' | 'week' | 'month' | 'year' | 'decade';

/**
 * What a rule understood, before any anchoring. The resolver turns a Spec into an interval
 * using the reference date, the discourse context (last explicit year, last quarter) and tense.
 */
export type Spec =
  | { kind: 'date'; year?: number; yearRel?: number; month: number; day: number; dayTo?: number }
  | { kind: 'month'; year?: number; yearRel?: number; month: number; mod?: Mod; rel?: Rel }
  | { kind: 'year'; year: number; mod?: Mod }
  | { kind: 'decade'; decade: number; mod?: Mod }
  | { kind: 'century'; century: number }
  | { kind: 'season'; season: Season; year?: number; yearRel?: number; rel?: Rel }
  | { kind: 'quarter'; quarter?: number; year?: number; yearRel?: number; rel?: Rel }
  | { kind: 'half'; half: 1 | 2; year?: number }
  | { kind: 'weekday'; weekday: number; rel?: Rel }
  | { kind: 'relative'; unit: 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'year' | 'decade'; offset: number; mod?: Mod }
  | { kind: 'ago'; unit: SpanUnit; count: number; vague?: boolean }
  | { kind: 'span'; unit: SpanUnit; count: number; dir: -1 | 1; vague?: boolean }
  | { kind: 'yearEarlier'; grain: 'quarter' | 'year' | 'auto' }
  | { kind: 'thatYear' }
  | { kind: 'ref'; ref: 'PRESENT' | 'PAST' | 'FUTURE' };

/** A rule's hit: the span and its meaning. */
export interface Candidate { start: number; end: number; spec: Spec }

/** A language's rule set: finds candidates; `future` tells whether a context reads as future. */
export interface DateRules {
  find(text: string): Candidate[];
  future: RegExp;
}
