import type { DateMention } from '../dates/types.js';
import type { ResolvedPlace } from '../places/place.types.js';

/** Character span: JavaScript string indices into the text the extraction ran on. */
export interface Span {
  start: number;
  end: number;
}

export type ParticipantRole = 'perpetrator' | 'victim' | 'other';

export interface EventParticipant extends Span {
  role: ParticipantRole;
  text: string;
}

/**
 * An event candidate: a suggestion with its evidence, for a person to review.
 * `type` is an ESF "Types of acts" term (or a protest type) with its ACLED crosswalk.
 */
export interface EventCandidate {
  type: string;
  /** ESF micro-thesaurus term id (e.g. from esf-micro-thesauri.csv), when the type is an ESF act. */
  esfTerm: string | null;
  acled: { eventType: string; subEventType: string } | null;
  trigger: Span;
  /** The sentence (or clause) that supports the event. */
  evidence: Span;
  date: DateMention | null;
  place: ResolvedPlace | null;
  participants: EventParticipant[];
  /** Number of victims/participants when stated ("dozens" ≈ 24, with `approximate`). */
  count: { value: number; approximate: boolean; text: string } | null;
  negated: boolean;
  hedged: boolean;
  confidence: number;
}

/** What the event extractor gets: the text and what the other extractors already found in it. */
export interface EventContext {
  text: string;
  lang: 'en' | 'ru' | 'kk';
  entities: { text: string; type: 'PERSON' | 'ORGANIZATION' | 'LOCATION'; start: number; end: number }[];
  dates: DateMention[];
  places: ResolvedPlace[];
}
