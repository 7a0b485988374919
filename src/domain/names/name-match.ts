/**
 * Entity name resolution: are two names one Person / Organisation / Place?
 *
 *   compareNames({ text: 'Н. Назарбаев', type: 'PERSON' }, { text: 'Nursultan Nazarbayev', type: 'PERSON' })
 *   // { score: 0.85, decision: 'same', reasons: ['surname Назарбаев / Nazarbayev equal after transliteration',
 *   //   'initial Н matches Nursultan'] }
 *
 * Decisions: 'same' at score >= 0.8, 'maybe' at >= 0.35, else 'different'. A score of
 * exactly 0 means hard evidence of two entities (a written part conflicts), which a caller
 * may use to veto a merge. Callers link automatically only on high 'same' scores (0.9 and
 * up: full name equal, or initial plus patronymic initial) and turn the rest into merge
 * suggestions with the reasons shown to a reviewer.
 *
 * `nameKeys` gives blocking keys: two names that can match share at least one key (except
 * the documented gaps: a bare given name, a name without surname), so candidates can be
 * found by an index lookup.
 */
import { measureFullness, parseName, parsePerson, type NameType, type ParsedName, type ParsedPerson } from './name-parse.js';
import { compareOrganizations, listOrganizationKeys } from './org-names.js';
import { scoreReadings, type Scored } from './person-match.js';
import { comparePlaces, listPlaceKeys } from './place-names.js';
import { toConsonantKey, hasCyrillic } from './transliterate.js';

/**
 * Parsed names by type, language and text. A lookup compares one name with hundreds of known
 * aliases, request after request, and parsing is half of each comparison. Parsed names are
 * frozen: nothing may change one that another caller shares.
 */
const PARSED = new Map<string, ParsedName>();
const PARSED_MAX = 10_000;

function parsedName(text: string, type: NameType, lang?: string): ParsedName {
  const key = `${type}\u0000${lang ?? ''}\u0000${text}`;
  let p = PARSED.get(key);
  if (!p) {
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    p = deepFreeze(parseName(text, type, lang));
    PARSED.set(key, p);
  }
  return p;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export interface NameContext {
  /** Language of the text the name comes from ('en', 'ru', 'kk'): helps with Kazakh endings. */
  sourceLanguage?: string;
  /** Other names of the same type in the same text: they can make a partial match ambiguous or certain. */
  cooccurring?: string[];
}

export interface NameInput {
  text: string;
  type: NameType;
  context?: NameContext;
}

export type NameDecision = 'same' | 'maybe' | 'different';

export interface NameMatch {
  score: number;
  decision: NameDecision;
  reasons: string[];
}

export const SAME_AT = 0.8;
export const MAYBE_AT = 0.35;

const roundScore = (x: number): number => Math.round(x * 1000) / 1000;

function decide(score: number, reasons: string[]): NameMatch {
  const s = roundScore(score);
  return { score: s, decision: s >= SAME_AT ? 'same' : s >= MAYBE_AT ? 'maybe' : 'different', reasons };
}

/** Best score over every pair of readings (order, surname-or-given for bare words). */
function comparePersons(a: ParsedPerson, b: ParsedPerson): Scored {
  let best: Scored = { score: 0, reasons: ['no name left once titles are removed'], partialSurname: null };
  let first = true;
  for (const ra of a.readings) for (const rb of b.readings) {
    const s = scoreReadings(a, ra, b, rb);
    if (first || s.score > best.score) best = s;
    first = false;
  }
  return best;
}

/**
 * Context for a partial match (surname, maybe an initial): another person in the same text
 * who fits the short mention just as well but not the other name makes it ambiguous; the
 * full name itself in the same text makes it certain.
 */
function applyContext(best: Scored, a: NameInput, pa: ParsedPerson, b: NameInput, pb: ParsedPerson): Scored {
  if (best.partialSurname === null || best.score === 0) return best;
  let ambiguous: string | null = null;
  let support: string | null = null;
  for (const [x, px, py] of [[a, pa, pb], [b, pb, pa]] as const) {
    for (const other of x.context?.cooccurring ?? []) {
      if (other === x.text) continue;
      const po = parsePerson(other, x.context?.sourceLanguage);
      if (comparePersons(px, po).score < SAME_AT) continue;
      const vsOther = comparePersons(po, py).score;
      if (vsOther === 0) ambiguous ??= other;
      else if (vsOther >= 0.9) support ??= other;
    }
  }
  if (ambiguous !== null) {
    return { ...best, score: Math.min(best.score, 0.5), reasons: [...best.reasons, `"${ambiguous}" in the same text fits the short name as well`] };
  }
  if (support !== null) {
    return { ...best, score: Math.max(best.score, 0.9), reasons: [...best.reasons, `the full name "${support}" appears in the same text`] };
  }
  return best;
}

/** Compare two names of entities. Symmetric in score and decision. */
export function compareNames(a: NameInput, b: NameInput): NameMatch {
  if (a.type !== b.type) return decide(0, [`different entity types (${a.type} vs ${b.type})`]);
  const pa = parsedName(a.text, a.type, a.context?.sourceLanguage);
  const pb = parsedName(b.text, b.type, b.context?.sourceLanguage);
  if (pa.type === 'PERSON' && pb.type === 'PERSON') {
    const best = applyContext(comparePersons(pa, pb), a, pa, b, pb);
    return decide(best.score, best.reasons);
  }
  if (pa.type === 'ORGANIZATION' && pb.type === 'ORGANIZATION') {
    const m = compareOrganizations(pa, pb);
    return decide(m.score, m.reasons);
  }
  if (pa.type === 'LOCATION' && pb.type === 'LOCATION') {
    const m = comparePlaces(pa, pb);
    return decide(m.score, m.reasons);
  }
  return decide(0, ['names could not be compared']);
}

/**
 * Blocking keys for a person: the masculine base skeleton of every possible surname
 * (`p:nazarbaev`), the base without a Russian/Kazakh suffix (`p:aian` for Ayanov), and a
 * consonant outline for one-letter variants (`p~nzrbv`).
 */
function collectPersonKeys(p: ParsedPerson): string[] {
  const keys = new Set<string>();
  for (const r of p.readings) {
    for (const f of r.surname?.forms ?? []) {
      keys.add(`p:${f.key}`);
      const stem = /^(.{3,}?)(?:ov|ev|in|uli)$/.exec(f.key);
      keys.add(`p:${stem ? stem[1] : f.key}`);
      if (f.key.length >= 5) keys.add(`p~${toConsonantKey(f.key)}`);
    }
  }
  return [...keys];
}

/** Blocking keys: a name can only match names that share at least one of its keys. */
export function nameKeys(input: NameInput): string[] {
  const p = parsedName(input.text, input.type, input.context?.sourceLanguage);
  if (p.type === 'PERSON') return collectPersonKeys(p);
  if (p.type === 'ORGANIZATION') return listOrganizationKeys(p);
  return listPlaceKeys(p);
}

/** The name as it should be shown: titles off, persons in "Given Patronymic Surname" order. */
export function displayName(text: string, type: NameType = 'PERSON'): string {
  return showParsed(parseName(text, type));
}

function showParsed(p: ParsedName): string {
  return p.cleaned;
}

/** How much a name says (persons: full words count 1, initials 0.3; others: words). */
function measureName(p: ParsedName): number {
  if (p.type === 'PERSON') return measureFullness(p);
  return p.cleaned.split(' ').length;
}

/** Whether a person's name is written in an oblique case (Бокаеву): a poor canonical. */
function isOblique(p: ParsedName): boolean {
  if (p.type !== 'PERSON') return false;
  const r = p.readings[0];
  return r ? [...r.given, ...(r.surname ? [r.surname] : [])].some((part) => part.forms?.[0]?.oblique === true) : false;
}

/**
 * The canonical name of an entity from its variants. The choice, in order:
 * 1. the fullest name (most full words: "Nursultan Abishevich Nazarbayev" over "Nazarbayev");
 * 2. a nominative form over an inflected one ("Бокаев" over "Бокаеву");
 * 3. Latin script over Cyrillic (reports and exports are shared in English; the Cyrillic
 *    forms stay as aliases) — a Cyrillic-only name is kept as written, never transliterated,
 *    so Chronicle does not invent a spelling no source used;
 * 4. the most frequent spelling among the variants; then alphabetical, for a stable result.
 * Titles are removed and persons are shown given name first.
 */
export function canonicalOf(names: readonly string[], type: NameType = 'PERSON'): string {
  const counts = new Map<string, number>();
  const parsed = new Map<string, ParsedName>();
  for (const n of names) {
    const p = parseName(n, type);
    const shown = showParsed(p);
    if (shown.length === 0) continue;
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
    if (!parsed.has(shown)) parsed.set(shown, p);
  }
  const ranked = [...parsed.entries()].sort(([sa, pa], [sb, pb]) =>
    measureName(pb) - measureName(pa)
    || Number(isOblique(pa)) - Number(isOblique(pb))
    || Number(hasCyrillic(sa)) - Number(hasCyrillic(sb))
    || (counts.get(sb) ?? 0) - (counts.get(sa) ?? 0)
    || (sa < sb ? -1 : sa > sb ? 1 : 0));
  return ranked[0]?.[0] ?? '';
}
