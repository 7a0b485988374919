/**
 * Shape of a per-language event lexicon, and the helper that compiles word lists into
 * Unicode-aware regular expressions (JavaScript's `\b` does not know Cyrillic letters).
 */
import type { EventType } from './vocabulary.js';

/**
 * How the trigger relates its arguments:
 * - active: "Police detained X" — perpetrator before, victim after;
 * - passive: "X was detained (by police)" — victim before, perpetrator after "by" / instrumental;
 * - noun: "the detention of X by police", "X's arrest" — victim after "of" or before;
 * - auto (English -ed forms): passive when a form of "be"/"get" precedes, else active.
 */
export type Voice = 'active' | 'passive' | 'noun' | 'auto';

export interface TriggerRule {
  type: EventType;
  re: RegExp;
  /** Prior that a match reports an event of this type (0..1). */
  strength: number;
  voice: Voice;
}

export interface Lexicon {
  triggers: TriggerRule[];
  /** State agents and other typical perpetrators ("police", "суд", "КНБ"). */
  agents: RegExp;
  /** Typical victim groups ("protesters", "активистов"). */
  victims: RegExp;
  /** Close negation: must end within a few words before the trigger ("not", "не"). */
  negationNear: RegExp;
  /** Denial verbs anywhere before the trigger in the sentence ("denied", "отрицает"). */
  denial: RegExp;
  /** Whether denial may also follow the trigger (free word order in Russian). */
  denialAfter: boolean;
  /** Hedges before the trigger in the sentence ("plans to", "could face", "якобы"). */
  hedge: RegExp;
  /**
   * Reporting and attitude verbs right after a name ("… said", "… выражает обеспокоенность"):
   * an organisation that speaks about the event is its source, not its perpetrator. Tested on
   * the text after the name, so it must be anchored (`^`).
   */
  speech: RegExp;
  /** Passive agent marker ("by"); null when the language marks it by case. */
  byMarker: RegExp | null;
  /** Approximate counts and numerals in words, with their value. */
  counts: { re: RegExp; value: (m: RegExpExecArray) => number | null; approximate: (m: RegExpExecArray) => boolean };
  /** Laws about assemblies/associations (to choose the ESF legislation term). */
  assemblyTopic: RegExp;
  /** Protest sub-type context: intervention and excessive force words in the same sentence. */
  forceWords: RegExp;
}

const L = '\\p{L}\\p{N}';
/** Whole-word alternation, case-insensitive unless `caseSensitive`. */
export function words(alternatives: readonly string[], caseSensitive = false): RegExp {
  return new RegExp(`(?<![${L}])(?:${alternatives.join('|')})(?![${L}])`, caseSensitive ? 'gu' : 'giu');
}

/** `words` for a rule list: each entry `[type, pattern, strength, voice]`. */
export function rules(list: readonly (readonly [EventType, string, number, Voice])[], caseSensitive = false): TriggerRule[] {
  return list.map(([type, pattern, strength, voice]) => ({ type, re: words([pattern], caseSensitive), strength, voice }));
}
