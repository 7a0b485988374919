/**
 * Organisation names across English, Russian and Kazakh. A name becomes a set of tokens:
 * words the small bilingual lexicon knows become concepts (суд, сот, court -> COURT;
 * национальной, ұлттық, national -> NATIONAL), other words their skeleton with Russian
 * adjective and case endings cut (Атырауский -> atirau). So "Атырауский городской суд",
 * "Atyrau City Court" and "Атырау қалалық соты" are one token set. Acronyms match either an
 * alias table of Kazakhstan bodies (KNB = National Security Committee) or the initials of
 * the full name in its own script (КНБ = Комитет национальной безопасности).
 *
 *   parseOrganization('Комитета национальной безопасности').tokens -> ['COMMITTEE', 'NATIONAL', 'SECURITY']
 *   parseOrganization('KNB').tokens -> ['COMMITTEE', 'NATIONAL', 'SECURITY']
 */
import { cutKazakhEnding } from './inflection.js';
import { computeEditDistance, hasCyrillic, toSkeleton } from './transliterate.js';

export interface ParsedOrganization {
  type: 'ORGANIZATION';
  text: string;
  cleaned: string;
  /** Concepts (upper case) and skeletons of other words, unique, in written order. */
  tokens: string[];
  /** Every comparable form of each token (a Cyrillic word has several stems). */
  tokenForms: string[][];
  /** Skeleton of the name when it is written as an acronym not in the alias table. */
  acronym: string | null;
  /** Skeleton of the initials of the full name in its own script ('knb'). */
  initials: string;
}

/** Concept -> words in any of the three languages (nominative; Russian endings are cut). */
const LEXICON: Readonly<Record<string, readonly string[]>> = {
  COURT: ['court', 'courts', 'суд', 'сот'],
  SUPREME: ['supreme', 'верховный', 'жоғарғы'],
  CITY: ['city', 'municipal', 'town', 'городской', 'қалалық'],
  REGION: ['regional', 'region', 'oblast', 'provincial', 'областной', 'облыстық'],
  DISTRICT: ['district', 'районный', 'аудандық'],
  APPEAL: ['appeal', 'appeals', 'appellate', 'апелляционный', 'апелляциялық'],
  PROSECUTOR: ['prosecutor', 'prosecutors', 'prosecution', 'прокуратура', 'прокурор', 'прокуратурасы'],
  GENERAL: ['general', 'генеральный', 'бас'],
  POLICE: ['police', 'полиция', 'полицейский'],
  MINISTRY: ['ministry', 'министерство', 'министрлігі', 'министрлік'],
  INTERIOR: ['interior', 'internal', 'внутренний', 'ішкі'],
  JUSTICE: ['justice', 'юстиция', 'әділет'],
  NATIONAL: ['national', 'национальный', 'ұлттық'],
  SECURITY: ['security', 'безопасность', 'қауіпсіздік'],
  COMMITTEE: ['committee', 'комитет', 'комитеті'],
  AGENCY: ['agency', 'агентство', 'агенттігі'],
  SERVICE: ['service', 'служба', 'қызметі', 'қызмет'],
  DEPARTMENT: ['department', 'департамент', 'управление', 'департаменті', 'басқармасы'],
  ANTICORRUPTION: ['anti-corruption', 'anticorruption', 'антикоррупционный'],
  ELECTION: ['election', 'electoral', 'избирательный', 'сайлау'],
  COMMISSION: ['commission', 'комиссия'],
  CENTRAL: ['central', 'центральный', 'орталық'],
  PARLIAMENT: ['parliament', 'парламент', 'mazhilis', 'мажилис', 'мәжіліс'],
  GOVERNMENT: ['government', 'правительство', 'үкімет', 'akimat', 'акимат', 'әкімдік'],
};

/** Words that carry no identity here: function words, and the country every body is in. */
const STOP = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'at', 'to', '&', 'office', 'affairs', 'и', 'по',
  'в', 'на', 'для', 'при', 'дел', 'істер', 'жөніндегі', 'республики', 'республика', 'republic', 'kazakhstan',
  'kazakhstans', 'kazakh', 'казахстана', 'казахстан', 'рк', 'қр', 'қазақстан', 'қазақстанның', 'республикасы',
  'республикасының', 'rk']);

/** Acronyms of Kazakhstan bodies whose acronym is not the initials of their English name. */
const ALIASES: ReadonlyArray<[readonly string[], readonly string[]]> = [
  [['КНБ', 'KNB', 'ҰҚК', 'UQK'], ['COMMITTEE', 'NATIONAL', 'SECURITY']],
  [['МВД', 'MVD', 'ІІМ', 'IIM'], ['MINISTRY', 'INTERIOR']],
  [['Генпрокуратура', 'Genprokuratura', 'ГП', 'GPO'], ['GENERAL', 'PROSECUTOR']],
  [['Антикор', 'Antikor'], ['ANTICORRUPTION', 'AGENCY']],
  [['ЦИК', 'CIK', 'CEC', 'ОСК'], ['CENTRAL', 'ELECTION', 'COMMISSION']],
  [['Минюст', 'Minjust'], ['MINISTRY', 'JUSTICE']],
];

/** A body that is part of another: a mention of one may be a mention of the other. */
const PART_OF: ReadonlyArray<[string, string, string]> = [
  ['POLICE', 'INTERIOR MINISTRY', 'the police are part of the Interior Ministry'],
];

const RU_ADJECTIVE = /^(.{3,}?)(ский|ская|ское|ские|ского|скому|ском|ской|скую|ским|ских|цкий|цкая|цкого|цкой)$/u;
const RU_ENDING = /^(.{3,}?)(ого|его|ому|ему|ыми|ими|ый|ий|ой|ая|яя|ое|ее|ые|ие|ую|юю|ым|им|ом|ем|ых|их|ам|ах|ов|ей|ию|ия|ии|а|у|е|ы|и|я|ю|ь)$/u;

/** Comparable forms of one word: skeleton, and for Cyrillic the stems its endings allow. */
function listWordForms(word: string): string[] {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  const out = [toSkeleton(w)];
  if (!hasCyrillic(w)) return out;
  const adj = RU_ADJECTIVE.exec(w);
  if (adj) out.push(toSkeleton(adj[1]!));
  const ru = RU_ENDING.exec(w);
  if (ru) out.push(toSkeleton(ru[1]!));
  for (const stem of cutKazakhEnding(w)) out.push(toSkeleton(stem));
  // Kazakh possessive (-ы/-і/-сы/-сі): "соты", "комитеті".
  const poss = /^(.{3,}?)(сы|сі|ы|і)$/u.exec(w);
  if (poss) out.push(toSkeleton(poss[1]!));
  return out;
}

const STOP_KEYS: ReadonlySet<string> = new Set([...STOP].map(toSkeleton));
const CONCEPT_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(LEXICON).flatMap(([concept, words]) => words.flatMap((w) => listWordForms(w).map((f) => [f, concept] as const))),
);
const ALIAS_OF: ReadonlyMap<string, readonly string[]> = new Map(
  ALIASES.flatMap(([names, concepts]) => names.flatMap((n) => listWordForms(n).map((f) => [f, concepts] as const))),
);

const isAcronym = (word: string): boolean => /^[\p{Lu}\p{N}]{2,7}$/u.test(word.replace(/[.&/-]/gu, ''));

/** A function word or the country's name, in any case form; an acronym never is one ("ООН" folds to "on"). */
function isStopWord(word: string): boolean {
  if (isAcronym(word)) return false;
  const forms = listWordForms(word);
  return STOP_KEYS.has(forms[0]!) || forms.slice(1).some((f) => f.length >= 3 && STOP_KEYS.has(f));
}

/** One word's token: its concept; else its forms, the adjective stem first (Атырауский -> atirau). */
function readToken(word: string): string[] | null {
  const forms = listWordForms(word);
  if (isStopWord(word)) return null;
  for (const f of forms) {
    const concept = CONCEPT_OF.get(f);
    if (concept) return [concept];
  }
  const adjective = RU_ADJECTIVE.exec(word.toLowerCase().replace(/ё/g, 'е'));
  return adjective ? [toSkeleton(adjective[1]!), ...forms] : forms;
}

const isConcept = (t: string): boolean => /^[A-Z]+$/.test(t);

/** Parse an organisation's name. */
export function parseOrganization(text: string): ParsedOrganization {
  const cleaned = text.normalize('NFC').replace(/[«»"“”„]/gu, ' ').replace(/['’]s\b/gu, '')
    .replace(/^\s*(?:the|a)\s+/iu, '').replace(/[\s\u00a0]+/gu, ' ').trim();
  const words = cleaned.split(/[\s,;:()]+/u).filter((w) => /\p{L}/u.test(w));
  // "в КНБ", "the KNB": function words do not stop an acronym from being one.
  const content = words.filter((w) => !isStopWord(w));
  const single = content.length === 1 ? content[0]! : null;
  const alias = single ? listWordForms(single).map((f) => ALIAS_OF.get(f)).find((c) => c !== undefined) : undefined;
  const tokenForms: string[][] = [];
  for (const t of alias ? alias.map((c) => [c]) : words.map(readToken)) {
    if (t !== null && !tokenForms.some((u) => u[0] === t[0])) tokenForms.push(t);
  }
  const acronym = single && !alias && isAcronym(single) ? toSkeleton(single) : null;
  // "Radio Free Europe/Radio Liberty" -> RFERL: slashes and hyphens separate words here.
  const initials = toSkeleton(content.flatMap((w) => w.split(/[-/]/u)).filter((w) => w.length > 0 && !isStopWord(w))
    .map((w) => w.charAt(0)).join(''));
  return { type: 'ORGANIZATION', text, cleaned, tokens: tokenForms.map((t) => t[0]!), tokenForms, acronym, initials };
}

export interface OrgMatch { score: number; reasons: string[] }

/** Two tokens agree when any forms are equal or one is the other plus a short ending (almati/almatin). */
function isSameToken(a: readonly string[], b: readonly string[]): boolean {
  if (isConcept(a[0]!) || isConcept(b[0]!)) return a[0] === b[0];
  return a.some((x) => b.some((y) => {
    if (x === y) return true;
    const [s, l] = x.length <= y.length ? [x, y] : [y, x];
    return s.length >= 5 && (l.startsWith(s) && l.length - s.length <= 2 || computeEditDistance(s, l, 1) <= 1);
  }));
}

function covers(big: readonly string[][], small: readonly string[][]): boolean {
  return small.every((t) => big.some((u) => isSameToken(t, u)));
}

/** Compare two organisation names (score 0..1 and reasons). */
export function compareOrganizations(a: ParsedOrganization, b: ParsedOrganization): OrgMatch {
  if (a.acronym !== null || b.acronym !== null) return compareAcronyms(a, b);
  if (a.tokens.length === 0 || b.tokens.length === 0) return { score: 0.1, reasons: ['nothing left to compare'] };
  const aInB = covers(b.tokenForms, a.tokenForms);
  const bInA = covers(a.tokenForms, b.tokenForms);
  if (aInB && bInA) return { score: 0.95, reasons: ['same words after translation and transliteration'] };
  for (const [part, whole, why] of PART_OF) {
    const setOf = (s: string): string => s.split(' ').sort().join(' ');
    const key = (p: ParsedOrganization): string => [...p.tokens].sort().join(' ');
    if (key(a) === setOf(part) && key(b) === setOf(whole) || key(b) === setOf(part) && key(a) === setOf(whole)) {
      return { score: 0.5, reasons: [why] };
    }
  }
  if (aInB || bInA) {
    const [small, big] = aInB ? [a, b] : [b, a];
    return { score: 0.55, reasons: [`"${small.cleaned}" is a less specific name that may mean "${big.cleaned}"`] };
  }
  // Counted from both sides, the smaller count: one word may match two (symmetry matters).
  const matched = (x: ParsedOrganization, y: ParsedOrganization): number =>
    x.tokenForms.filter((t) => y.tokenForms.some((u) => isSameToken(t, u))).length;
  const shared = Math.min(matched(a, b), matched(b, a));
  const jaccard = shared / (a.tokens.length + b.tokens.length - shared);
  if (jaccard >= 0.6) return { score: 0.45, reasons: [`names largely overlap (${shared} shared words)`] };
  return { score: 0, reasons: ['different words in the names'] };
}

function compareAcronyms(a: ParsedOrganization, b: ParsedOrganization): OrgMatch {
  if (a.acronym !== null && b.acronym !== null) {
    return a.acronym === b.acronym ? { score: 0.9, reasons: ['same acronym after transliteration'] } : { score: 0, reasons: ['different acronyms'] };
  }
  const [acr, full] = a.acronym !== null ? [a, b] : [b, a];
  if (acr.acronym === full.initials) return { score: 0.9, reasons: [`acronym ${acr.cleaned} matches the initials of "${full.cleaned}"`] };
  // An acronym may abbreviate the name in another language: weak evidence either way.
  return { score: 0.1, reasons: [`acronym ${acr.cleaned} does not match the initials of "${full.cleaned}"`] };
}

/** Blocking keys of an organisation: its token set, its acronym or initials. */
export function listOrganizationKeys(p: ParsedOrganization): string[] {
  const keys = new Set<string>();
  if (p.tokens.length > 0) keys.add(`o:${[...p.tokens].sort().join(' ')}`);
  if (p.acronym !== null) keys.add(`o:a:${p.acronym}`);
  else if (p.initials.length >= 2 && p.tokens.length >= 2) keys.add(`o:a:${p.initials}`);
  for (const t of p.tokens) if (!isConcept(t)) keys.add(`o:w:${t}`);
  return [...keys];
}
