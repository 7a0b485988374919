/**
 * Canonical names within one document: every variant of a name gets the same `canonical`.
 *
 * - PERSON (`canonical-persons.ts`): the longest full form wins; a surname alone ("Nazarbayev")
 *   joins the one longer name in the document that holds it ("Nursultan Nazarbayev"); with two
 *   candidates it stays on its own. Forms are compared by stem with spelling variants folded, in
 *   any word order, so "Назарбаева", "Назарбаеву", "Назарбаевым" all join "Нурсултан Назарбаев"
 *   (shown in the nominative), and "Қошанов Ерлан Маратович" holds "Ерлана Кошанова".
 * - ORGANIZATION: an acronym joins the full name whose initials it is ("UN" ->
 *   "United Nations", "ООН" -> "Организация Объединённых Наций"); same-stem forms merge; a
 *   capitalised single word joins the one full name built on it as a common noun ("Бюро").
 * - LOCATION: the resolved gazetteer name when the place is known ("Астане" -> "Astana").
 * - Kazakh (lang "kk"): case endings glued to a name are cut for `canonical` only
 *   ("Тоқаевтың" -> "Тоқаев", "Алматыдағы" -> "Алматы"); a name the place gazetteer knows
 *   ("Астана", "Алматы") is never cut, and endings that also end bare names ("-на", "-ы",
 *   "-н") are cut only when the stem is a known place or another mention in the document.
 * - A title left at the start of a person's name ("President Tokayev") is not part of it.
 *
 *   canonicalize([{ text: 'Nursultan Nazarbayev', type: 'PERSON', … }, { text: 'Nazarbayev', … }], 'en')
 *   // both canonical 'Nursultan Nazarbayev'
 */

import { canonicalPersons } from './canonical-persons.js';
import { stripLeadingTitles } from './entity-spans.js';
import { isCyrillic, MIN_STEM, nameWordKey, nameWords } from './name-key.js';
import { lookupPlace, lookupPlaceKinds } from './places/place-gazetteer.js';

export interface NamedSpan {
  text: string;
  type: 'PERSON' | 'ORGANIZATION' | 'LOCATION';
  start: number;
  end: number;
}

const words = nameWords;

/**
 * Kazakh case (and possessive) endings glued to a name ("Астанада", "Тоқаевтың"), longest
 * first. `strong` endings may be cut on their own (when the letter before them agrees);
 * the others ("-на", "-ы", "-н", …) also end many bare names ("Астана", "Алматы",
 * "Қазақстан") and are cut only when the stem is a known place or another mention.
 */
interface KkEnding { suffix: string; strong: boolean }
const KK_CASE: readonly KkEnding[] = [
  ...['дағы', 'дегі', 'тағы', 'тегі'].map((suffix) => ({ suffix, strong: true })),
  ...['ндағы', 'ндегі'].map((suffix) => ({ suffix, strong: false })),
  ...['ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'мен', 'бен', 'пен']
    .map((suffix) => ({ suffix, strong: true })),
  ...['да', 'де', 'та', 'те', 'ға', 'ге', 'қа', 'ке'].map((suffix) => ({ suffix, strong: true })),
  ...['нда', 'нде', 'на', 'не', 'ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'сы', 'сі', 'ын', 'ін', 'а', 'е', 'ы', 'і', 'н']
    .map((suffix) => ({ suffix, strong: false })),
].sort((a, b) => b.suffix.length - a.suffix.length);
/** Possessive endings that may stand between a name and its case ending ("облысындағы"). */
const KK_POSSESSIVE = ['сы', 'сі', 'ы', 'і'];
/** Module constants: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const ENDS_IN_LETTER = /\p{L}$/u;
const ACRONYM = /^[\p{Lu}][\p{Lu}\p{N}&.]{1,9}$/u;
const UPPER_START = /^\p{Lu}/u;
const KK_VOWEL = /[аәеёиоөұүуыіэюя]$/u;
/** Final letters after which Kazakh takes the voiceless variant (-та, -тың, -қа); "в" as in "Тоқаевтың". */
const KK_VOICELESS = /[кқпстфхцчшщвбгд]$/u;

/** Whether `suffix` may follow `stem` by Kazakh consonant agreement. */
function kkAgrees(stem: string, suffix: string): boolean {
  const s = stem.toLowerCase();
  const c = suffix.charAt(0);
  if ('тқкп'.includes(c)) return KK_VOICELESS.test(s);
  if ('дғгб'.includes(c)) return !KK_VOICELESS.test(s);
  if (c === 'н' && suffix.length > 1) return KK_VOWEL.test(s) || /[мнң]$/u.test(s);
  return true;
}

/** Candidate bare forms of one Kazakh word (surface case kept), most likely first, with whether each may be cut unconfirmed. */
export function kazakhBareForms(word: string): Array<{ form: string; strong: boolean }> {
  const out: Array<{ form: string; strong: boolean }> = [];
  const lower = word.toLowerCase();
  if (!isCyrillic(word)) return out;
  for (const { suffix, strong } of KK_CASE) {
    if (!lower.endsWith(suffix) || lower.length - suffix.length < MIN_STEM) continue;
    const stem = word.slice(0, -suffix.length);
    if (!ENDS_IN_LETTER.test(stem)) continue;
    const agrees = kkAgrees(stem, suffix);
    out.push({ form: stem, strong: strong && agrees });
    for (const p of KK_POSSESSIVE) {
      if (stem.toLowerCase().endsWith(p) && stem.length - p.length >= MIN_STEM) out.push({ form: stem.slice(0, -p.length), strong: false });
    }
  }
  return out;
}

/** The place the gazetteer knows under exactly this name (no inflection, no trimming), or null. */
function knownPlace(name: string): string | null {
  const hits = lookupPlace(name, { exactSpan: true, lang: 'kk' }).filter((p) => p.match === 'exact');
  return hits.length === 0 ? null : hits.map((p) => p.name).sort().join('|');
}

/** Form used to compare mentions: lower case, ё as е. */
export const mentionKey = (name: string): string => name.toLowerCase().replace(/ё/g, 'е');

/**
 * The bare (suffix-free) form of a Kazakh name: the case ending is on its last word. A form
 * that is itself `known` is never cut (unless a stem names the very same place); otherwise a stem that is `known` (gazetteer) or is
 * another mention's form in `others` (as `mentionKey`) wins, then a strong ending that agrees with its stem.
 */
export function kazakhBareName(name: string, known: (n: string) => string | null, others: ReadonlySet<string>): string {
  const w = words(name);
  const last = w[w.length - 1];
  if (last === undefined || !isCyrillic(last)) return name;
  const head = name.slice(0, name.length - last.length);
  if (!name.endsWith(last)) return name;
  const candidates = kazakhBareForms(last);
  const itself = known(name);
  if (itself !== null) return candidates.map((c) => head + c.form).find((f) => known(f) === itself) ?? name;
  for (const c of candidates) {
    const full = head + c.form;
    if (known(full) !== null || others.has(mentionKey(full))) return full;
  }
  const strong = candidates.find((c) => c.strong);
  return strong ? head + strong.form : name;
}

const keyOf = (name: string, lang: string): string[] => words(name).map((w) => nameWordKey(w, lang));

const ORG_STOP = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'to', 'at', '&', 'и', 'по', 'в', 'на', 'для', 'де', 'du', 'des', 'la', 'le']);

function initials(name: string): string {
  return words(name).filter((w) => !ORG_STOP.has(w.toLowerCase()))
    .map((w) => w.split('-').map((p) => p.charAt(0)).join('')).join('').toUpperCase();
}

function isAcronym(name: string): boolean {
  return ACRONYM.test(name.replace(/\./g, '')) && !/\s/u.test(name);
}

/** Russian adjective endings (nouns in -ние/-тие/-ство are not adjectives). */
const RU_ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю|ою|ей)$/u;
const RU_NOUN = /(?:ние|тие|ство|ствие)$/u;

/**
 * The key of the common noun an organisation's name is built on, or null: English, the last word
 * before "of"/"for"/… ("Bureau" in "Caspian Human Rights Bureau", "Court" in "Supreme Court");
 * Russian, the first word that is not an adjective, written in lower case ("бюро" in "Каспийское
 * бюро по правам человека"; "Роскомнадзоре РБК" has none).
 */
function orgHead(name: string, lang: string): string | null {
  const w = words(name);
  if (w.length < 2) return null;
  if (w.some(isCyrillic)) {
    const head = w.find((x) => !RU_ADJECTIVE.test(x.toLowerCase()) || RU_NOUN.test(x.toLowerCase()));
    return head && head === head.toLowerCase() ? nameWordKey(head, lang) : null;
  }
  const stop = w.findIndex((x, i) => i > 0 && ORG_STOP.has(x.toLowerCase()));
  const head = (stop > 0 ? w.slice(0, stop) : w).at(-1);
  return head ? nameWordKey(head, lang) : null;
}

/**
 * Organisations: same stemmed form merges; an acronym joins the full name it abbreviates; a
 * capitalised single word joins the one full name built on it as a common noun ("the Bureau",
 * "Бюро" -> "Каспийское бюро по правам человека"), unless it names a place.
 */
function canonicalOrganizations(names: string[], lang: string): string[] {
  const firstByKey = new Map<string, string>();
  for (const n of names) {
    const k = keyOf(n, lang).join(' ');
    if (!firstByKey.has(k)) firstByKey.set(k, n);
  }
  const fullNames = [...new Set(names.filter((n) => words(n).length > 1))];
  let fullInitials: string[] | null = null; // initials(f) per full name, made when first needed
  const initialsOfFull = (): string[] => (fullInitials ??= fullNames.map(initials));
  const shown = (f: string) => firstByKey.get(keyOf(f, lang).join(' ')) ?? f;
  let heads: Map<string, string[]> | null = null; // head key -> full names built on it, made when first needed
  const byHead = (k: string): string[] => {
    if (heads === null) {
      heads = new Map();
      for (const f of fullNames) {
        const h = orgHead(f, lang);
        if (h !== null) heads.set(h, [...(heads.get(h) ?? []), f]);
      }
    }
    return heads.get(k) ?? [];
  };
  return names.map((n) => {
    if (isAcronym(n)) {
      const acro = n.replace(/\./g, '').toUpperCase();
      const inits = initialsOfFull();
      const hits = [...new Set(fullNames.filter((_, j) => inits[j] === acro).map(shown))];
      if (hits.length === 1) return hits[0]!;
    } else if (words(n).length === 1 && UPPER_START.test(n) && !ORG_STOP.has(n.toLowerCase())) {
      const k = nameWordKey(n, lang);
      const hits = [...new Set(byHead(k).map(shown))];
      if (hits.length === 1 && lookupPlaceKinds(n, { exactSpan: true, lang }).length === 0) return hits[0]!;
    }
    return firstByKey.get(keyOf(n, lang).join(' ')) ?? n;
  });
}

/** Locations without a resolved place: same stemmed form merges (first form shown). */
function canonicalLocations(names: string[], lang: string): string[] {
  const firstByKey = new Map<string, string>();
  return names.map((n) => {
    const k = keyOf(n, lang).join(' ');
    const seen = firstByKey.get(k);
    if (seen !== undefined) return seen;
    firstByKey.set(k, n);
    return n;
  });
}

/**
 * Canonical name per entity (same order as `entities`). `placeName` gives the resolved
 * gazetteer name of a LOCATION span when known.
 */
export function canonicalize(entities: readonly NamedSpan[], lang: string,
  placeName: (e: NamedSpan) => string | null = () => null): string[] {
  const out = entities.map((e) => e.text);
  const groups: Record<NamedSpan['type'], number[]> = { PERSON: [], ORGANIZATION: [], LOCATION: [] };
  entities.forEach((e, i) => groups[e.type].push(i));

  // A title left in a span ("President Tokayev", "певца Ар Келли") is not part of the name.
  let personNames = groups.PERSON.map((i) => stripLeadingTitles(entities[i]!.text));
  if (lang === 'kk') {
    // "Тоқаевтың", "Назарбаевқа": the bare name, or the form another mention has.
    // Other mentions, and the surname of each longer one ("Тоқаевты" joins "Қасым-Жомарт Тоқаев").
    const others = new Set([...personNames, ...personNames.map((n) => words(n).at(-1) ?? n)].map(mentionKey));
    personNames = personNames.map((n) => kazakhBareName(n, () => null, others));
  }
  const persons = canonicalPersons(personNames, lang);
  groups.PERSON.forEach((i, j) => { out[i] = persons[j]!; });

  const orgs = canonicalOrganizations(groups.ORGANIZATION.map((i) => entities[i]!.text), lang);
  groups.ORGANIZATION.forEach((i, j) => { out[i] = orgs[j]!; });

  const unresolved: number[] = [];
  for (const i of groups.LOCATION) {
    const name = placeName(entities[i]!);
    if (name !== null) out[i] = name;
    else unresolved.push(i);
  }
  let locNames = unresolved.map((i) => entities[i]!.text);
  if (lang === 'kk') {
    // "Астанада", "Алматыдағы": the stem the gazetteer knows, never cutting a known name.
    const others = new Set(locNames.map(mentionKey));
    locNames = unresolved.map((i, j) => {
      const known = (n: string): string | null => (n !== entities[i]!.text ? placeName({ ...entities[i]!, text: n }) : null)
        ?? knownPlace(n);
      return kazakhBareName(locNames[j]!, known, others);
    });
  }
  const locs = canonicalLocations(locNames, lang);
  unresolved.forEach((i, j) => { out[i] = locs[j]!; });
  return out;
}
