/**
 * Reading a person's name as written in English, Russian or Kazakh: titles and roles off,
 * then given name(s), patronymic, surname and initials told apart. When the order cannot
 * be told ("Talgat Ayan" or "Ayan Talgat"?) the parse keeps both readings and marks the
 * less likely one as guessed; a bare word ("Max", "Nazarbayev") is read both as a surname
 * and as a given name. Matching then takes the best agreement between readings.
 *
 *   parsePerson('President Nursultan Abishevich Nazarbayev’s')
 *   // titles ['president'], readings[0]: given Nursultan, middle Abishevich, surname Nazarbayev
 *   parsePerson('Бокаев Макс') // surname Бокаев (its -ев ending says so), given Макс
 *   parsePerson('Н. А. Назарбаев') // given initial n, middle initial a, surname Назарбаев
 *
 * Organisations and places are read by `org-names.ts` and `place-names.ts`; `parseName`
 * dispatches on the type.
 */
import {
  cutKazakhEnding, readGivenName, isPatronymicShaped, readPatronymic, readSurname, type Gender, type WordForm,
} from './inflection.js';
import {
  CYRILLIC_SURNAME_SHAPE, FEMALE_TITLES, GENERATION_SUFFIXES, isTitleWord, MALE_TITLES, SURNAME_PARTICLES,
  SURNAME_SHAPE, TRAILING_TITLES,
} from './name-tables.js';
import { parseOrganization, type ParsedOrganization } from './org-names.js';
import { parsePlace, type ParsedPlace } from './place-names.js';
import { toSkeleton } from './transliterate.js';

export type NameType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';

/** One written part of a name; `forms` is null when only an initial was written. */
export interface NamePart {
  text: string;
  /** Skeleton of the initial letter(s): 'n' for Н./N., 'j' for Ж./Zh. */
  initial: string;
  forms: readonly WordForm[] | null;
}

/** One way to read a person's name. */
export interface PersonReading {
  given: NamePart[];
  /** Patronymic or second given names / initials, in written order. */
  middle: NamePart[];
  surname: NamePart | null;
  /** True when this order was chosen without evidence (no surname ending, no comma). */
  guessed: boolean;
}

export interface ParsedPerson {
  type: 'PERSON';
  text: string;
  /** The name without titles, possessive, brackets; whitespace normalised. */
  cleaned: string;
  titles: string[];
  /** 'jr' / 'sr' / 'iii' when written: a generation mark tells a father from a son. */
  generation: string | null;
  /** Gender a title states (Mr, г-жа, ханым), if any. */
  titleGender: Gender | null;
  readings: PersonReading[];
}

export type ParsedName = ParsedPerson | ParsedOrganization | ParsedPlace;

/** Parse a name of the given type. `lang` ('en' | 'ru' | 'kk') helps persons' Kazakh case endings. */
export function parseName(text: string, type: NameType, lang?: string): ParsedName {
  if (type === 'PERSON') return parsePerson(text, lang);
  if (type === 'ORGANIZATION') return parseOrganization(text);
  return parsePlace(text);
}

/** "N.", "Н", and the Latin digraph initials "Zh.", "Sh.", "Yu." (one Cyrillic letter each). */
const INITIAL = /^(?:\p{Lu}\p{Ll}?\.|\p{Lu})$/u;
const isInitial = (t: string): boolean => INITIAL.test(t);
const isLowerWord = (t: string): boolean => /^\p{Ll}/u.test(t) && !SURNAME_PARTICLES.has(t);

/** Brackets, quotes, possessives and glued initials removed; whitespace normalised. */
export function cleanNameText(text: string): string {
  return text.normalize('NFC')
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, ' ')
    .replace(/[«»"“”„]/gu, ' ')
    .replace(/(\p{L})['’ʼ]s(?=\s|$)/gu, '$1')
    .replace(/(\p{L}s)['’](?=\s|$)/gu, '$1')
    .replace(/(\p{Lu}\p{Ll}?\.)(?=\p{L})/gu, '$1 ')
    .replace(/[\s\u00a0]+/gu, ' ')
    .replace(/^[\s,;:.!?–—-]+|[\s,;:!?–—-]+$/gu, '');
}

/** Kazakh "ұлы"/"қызы" written apart ("Кемел ұлы") belongs to the word before it. */
function glueKazakhPatronymic(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (/^(?:ұлы|улы|қызы|кызы|uly|uli|kyzy|qyzy|kizi)$/iu.test(t) && out.length > 0) out[out.length - 1] += t.toLowerCase();
    else out.push(t);
  }
  return out;
}

/** Lower-case particles join the word after them ("van der Berg" is one surname). */
function glueParticles(tokens: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const t of tokens) {
    if (SURNAME_PARTICLES.has(t)) pending += `${t} `;
    else { out.push(pending + t); pending = ''; }
  }
  if (pending) out.push(pending.trim());
  return out;
}

interface Stripped { tokens: string[]; titles: string[]; generation: string | null }

/**
 * Titles and roles at the start (and Kazakh мырза/ханым at the end); never the last word.
 * Lower-case words count as roles ("opposition activist"), unless the whole text is in lower
 * case (a typed query, a lower-cased alias), where only the title lists are trusted.
 */
function stripTitles(tokens: string[], caseless: boolean): Stripped {
  const isRole = (t: string): boolean => !caseless && isLowerWord(t);
  const titles: string[] = [];
  let generation: string | null = null;
  const rest = [...tokens];
  const keyOf = (t: string): string => t.toLowerCase().replace(/\.$/u, '');
  for (let last = keyOf(rest.at(-1) ?? ''); rest.length > 1 && GENERATION_SUFFIXES.has(last); last = keyOf(rest.at(-1) ?? '')) {
    generation = GENERATION_SUFFIXES.get(last) ?? null;
    rest.pop();
  }
  for (let last = rest.at(-1) ?? ''; rest.length > 1 && (TRAILING_TITLES.has(keyOf(last)) || isRole(last)); last = rest.at(-1) ?? '') {
    titles.push(keyOf(last));
    rest.pop();
  }
  while (rest.length > 1 && (isTitleWord(rest[0]!) || isRole(rest[0]!))) titles.push(keyOf(rest.shift()!));
  return { tokens: rest, titles, generation };
}

/** Whether a word reads as a surname by its ending (Bokayev, Бокаеву, Назарбаевтың, Kemeluly). */
export function isSurnameShaped(word: string): boolean {
  if (/\p{Script=Cyrillic}/u.test(word)) {
    const w = word.toLowerCase();
    return CYRILLIC_SURNAME_SHAPE.test(w) || readSurname(word).some((f) => f.oblique && SURNAME_SHAPE.test(f.key))
      || cutKazakhEnding(w).some((s) => CYRILLIC_SURNAME_SHAPE.test(s));
  }
  return SURNAME_SHAPE.test(toSkeleton(word));
}

/** Skeleton of an initial: 'n' for Н./N., 'j' for Ж./Zh., 'iu' for Ю./Yu. */
const readInitial = (token: string): string => toSkeleton(token.replace(/\.$/u, ''));

function makePart(token: string, role: 'given' | 'middle' | 'surname', lang?: string): NamePart {
  const text = token;
  if (isInitial(token)) return { text, initial: readInitial(token), forms: null };
  const forms = role === 'surname' ? readSurname(token, lang)
    : role === 'middle' && isPatronymicShaped(token) ? readPatronymic(token) : readGivenName(token, lang);
  const key = forms[0]?.key ?? toSkeleton(token);
  return { text, initial: key.charAt(0), forms };
}

function makeReading(tokens: string[], surnameAt: number | null, guessed: boolean, lang?: string): PersonReading {
  const others = tokens.filter((_, i) => i !== surnameAt);
  return {
    given: others.slice(0, 1).map((t) => makePart(t, 'given', lang)),
    middle: others.slice(1).map((t) => makePart(t, 'middle', lang)),
    surname: surnameAt === null ? null : makePart(tokens[surnameAt]!, 'surname', lang),
    guessed,
  };
}

/** The readings of name words in written order; `surnameFirst` when a comma said so. */
function readPersonTokens(tokens: string[], surnameFirst: boolean, lang?: string): PersonReading[] {
  const n = tokens.length;
  if (n === 0) return [];
  const words = tokens.map((t, i) => ({ t, i })).filter(({ t }) => !isInitial(t));
  if (words.length === 0) return [];
  if (n === 1) return [makeReading(tokens, 0, false, lang), makeReading(tokens, null, false, lang)];
  if (surnameFirst) return [makeReading(tokens, 0, false, lang)];
  // "Н. А. Назарбаев", "Nazarbayev N.": the one full word is the surname.
  if (words.length === 1) return [makeReading(tokens, words[0]!.i, false, lang)];
  const last = n - 1;
  const patronymicLast = isPatronymicShaped(tokens[last]!);
  const cyrillic = /\p{Script=Cyrillic}/u.test(tokens[last]!);
  if (patronymicLast && n >= 3 && !isInitial(tokens[0]!)) return [makeReading(tokens, 0, false, lang)];
  if (patronymicLast && n === 2) {
    // "Нурсултан Абишевич" is name and patronymic; "Roman Abramovich", "Жанболат Мамайұлы" may be surnames.
    const kazakh = /(?:ұлы|улы|қызы|кызы|uli|kizi)$/u.test(toSkeleton(tokens[last]!)) || /(?:ұлы|улы|қызы|кызы)$/u.test(tokens[last]!.toLowerCase());
    const asSurname = makeReading(tokens, last, false, lang);
    const asPatronymic = makeReading(tokens, null, false, lang);
    return cyrillic && !kazakh ? [asPatronymic, asSurname] : [asSurname, asPatronymic];
  }
  const firstShaped = !isInitial(tokens[0]!) && isSurnameShaped(tokens[0]!);
  const lastShaped = isSurnameShaped(tokens[last]!);
  if (firstShaped && !lastShaped) return [makeReading(tokens, 0, false, lang)];
  if (lastShaped || isInitial(tokens[0]!) || n > 2) return [makeReading(tokens, last, false, lang)];
  // Two plain words: given-first is usual, but "Usabaev Ruslan"-style order exists too.
  return [makeReading(tokens, last, false, lang), makeReading(tokens, 0, true, lang)];
}

/** Parse a person's name. */
export function parsePerson(text: string, lang?: string): ParsedPerson {
  const cleaned0 = cleanNameText(text);
  let parts = cleaned0.split(/\s*,\s*/u).filter((p) => p.length > 0);
  // ", activist" / ", 43": a comma part without a capitalised word is a description.
  parts = parts.filter((p, i) => i === 0 || p.split(' ').some((t) => /^\p{Lu}/u.test(t) && !isTitleWord(t)));
  const surnameFirst = parts.length === 2;
  const raw = glueKazakhPatronymic(parts.join(' ').split(' ').filter(Boolean));
  const { tokens, titles, generation } = stripTitles(raw, !/\p{Lu}/u.test(cleaned0));
  const glued = glueParticles(tokens);
  const titleGender = titles.some((t) => MALE_TITLES.has(t)) ? 'm' : titles.some((t) => FEMALE_TITLES.has(t)) ? 'f' : null;
  const readings = readPersonTokens(glued, surnameFirst && glued.length > 1, lang);
  const cleaned = joinInDisplayOrder(readings[0]) ?? glued.join(' ');
  return { type: 'PERSON', text, cleaned, titles, generation, titleGender, readings };
}

/** The reading's words in "Given Middle Surname" order. */
function joinInDisplayOrder(r: PersonReading | undefined): string | null {
  if (!r) return null;
  return [...r.given, ...r.middle, ...(r.surname ? [r.surname] : [])].map((p) => p.text).join(' ');
}

/** Number of full (not initial) words in the first reading: how much a name says. */
export function measureFullness(p: ParsedPerson): number {
  const r = p.readings[0];
  if (!r) return 0;
  const parts = [...r.given, ...r.middle, ...(r.surname ? [r.surname] : [])];
  return parts.reduce((n, part) => n + (part.forms === null ? 0.3 : 1), 0);
}
