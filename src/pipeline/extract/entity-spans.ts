/**
 * Span hygiene for named mentions: a name never includes a possessive ("Nazarbayev’s"),
 * surrounding punctuation or quotes, or (for people) a title ("President", "г-н"). Offsets
 * are moved with the trimmed text, so `text.slice(start, end) === span.text` still holds.
 *
 *   trimEntitySpan('Mr. Nazarbayev’s plan', { start: 0, end: 16, type: 'PERSON' })
 *   // { start: 4, end: 14 }  -> "Nazarbayev"
 */

import { lookupPlaceKinds } from './places/place-gazetteer.js';

export interface SpanLike {
  start: number;
  end: number;
}

/** Possessive endings: English 's / ’s / bare apostrophe after s ("Reuters’"). */
const POSSESSIVE = /(?:['’ʼ][sS]?)$/u;
/** Trailing punctuation that is never part of a name (a dot after a one-letter abbreviation is: "U.S."). */
const TRAILING = /[\s,;:!?…)\]}»”"'’ʼ“„«(\[{\-–—/\\*.]$/u;
const LEADING = /^[\s,;:!?…)\]}»”"'’ʼ“„«(\[{\-–—/\\*.]/u;
/** A lower-case Russian abbreviation ending a span before its dot ("г.", "обл.", "им."). */
const TRAILING_ABBREVIATION = /\s+(?:г|гг|обл|им|ул|пос|с|р-н)$/u;
/** Dot after a single letter ("U.S.", "J.") belongs to the abbreviation. */
const ABBREVIATION_DOT = /(?:^|[^\p{L}])\p{L}\.$/u;
/*
 * The expressions with \p{…} that functions below test, as module constants: the esbuild that
 * tsx runs on this file rewrites such a literal into `new RegExp("…", "u")`, so written inside
 * a function it would be a constructor call (parse, cache lookup, a new object) at every test.
 * None has the g or y flag, so a shared object matches exactly as a fresh one does.
 */
const UPPER_START = /^\p{Lu}/u;
const HAS_LETTER = /\p{L}/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A leading word and the space after it, before a capital: the title candidate of `trimTitles`. */
const LEADING_WORD = /^([\p{L}.\-]+)(\s+)(?=\p{Lu})/u;
const LAST_WORD = /(\s+)([\p{L}]+)$/u;

/**
 * Titles and honorifics that stand before a person's name but are not part of it.
 * Matched case-insensitively as whole leading words (optionally followed by a dot).
 */
const TITLES = new Set([
  // English
  'president', 'president-elect', 'vice-president', 'ex-president', 'former', 'prime', 'minister',
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'lord', 'lady', 'senator', 'sen',
  'rep', 'gov', 'governor', 'general', 'gen', 'col', 'colonel', 'judge', 'justice', 'mayor',
  'akim', 'chairman', 'chairwoman', 'chair', 'king', 'queen', 'prince', 'princess', 'sheikh',
  'rev', 'reverend', 'father', 'pope', 'st', 'saint', 'secretary-general', 'secretary',
  'ambassador', 'deputy', 'mp', 'activist', 'journalist', 'blogger', 'lawyer', 'attorney',
  'opposition', 'leader', 'kazakh', 'russian', 'chinese', 'us', 'u.s', 'the',
  // Russian
  'президент', 'экс-президент', 'премьер-министр', 'министр', 'г-н', 'г-жа', 'господин',
  'госпожа', 'аким', 'судья', 'генерал', 'депутат', 'активист', 'активистка', 'журналист',
  'журналистка', 'адвокат', 'правозащитник', 'правозащитница', 'председатель', 'экс-аким',
  'президента', 'президенту', 'президентом', 'министра', 'акима', 'судьи', 'генерала',
  'депутата', 'активиста', 'активистки', 'журналиста', 'адвоката', 'правозащитника',
  // Kazakh
  'президенті', 'мырза', 'ханым', 'әкім', 'әкімі', 'судья', 'депутат', 'белсенді', 'журналист',
]);

/** Kazakh-style titles that follow the name ("Тоқаев мырза"). */
const TRAILING_TITLES = new Set(['мырза', 'ханым']);

/** Whether `s`, lower-cased, may end in a trailing title: its last characters lower-case to one. */
function endsInTrailingTitle(s: string): boolean {
  for (const title of TRAILING_TITLES) if (s.length > title.length && s.slice(-title.length).toLowerCase() === title) return true;
  return false;
}

/**
 * Russian title and role words by stem, in any case form ("президента", "певца", "судьи",
 * "главы", "активистки"). Plural endings ("-ов", "-ей") are left out, so surnames such as
 * "Генералов" or "Министров" never match.
 */
const RU_TITLE_STEMS = [
  'президент', 'император', 'императриц', 'певц', 'певец', 'певиц', 'судь', 'судья', 'министр', 'глав', 'депутат',
  'активист', 'журналист', 'блогер', 'правозащитник', 'правозащитниц', 'генерал', 'премьер', 'посол', 'посл',
  'аким', 'губернатор', 'мэр', 'сенатор', 'спикер', 'председател', 'адвокат', 'лидер', 'вице', 'экс', 'король', 'корол',
  'королев', 'принц', 'принцесс', 'канцлер', 'полковник', 'майор', 'писател', 'поэт', 'режиссер', 'актер', 'актрис',
  'рэпер', 'музыкант', 'художник', 'бизнесмен', 'олигарх', 'политик', 'оппозиционер', 'премьер-министр', 'госсекретар',
];
const RU_TITLE = new RegExp(`^(?:${[...new Set(RU_TITLE_STEMS)].sort((a, b) => b.length - a.length).join('|')})`
  + '(?:|а|у|ом|е|ы|и|я|ю|ем|ей|ой|ою|ь|ка|ки|ке|ку|кой|ша|ши|ше|шу|шей)$', 'u');
/** Prefixes that make a title of the word after their hyphen ("экс-президент", "вице-премьер"). */
const TITLE_PREFIXES = new Set(['экс', 'вице', 'ex', 'vice', 'former']);

/** Answers of `isTitleWord` (a pure function of the word, asked again for every mention of a name). */
const titleWords = new Map<string, boolean>();

function isTitleWord(word: string): boolean {
  let title = titleWords.get(word);
  if (title === undefined) {
    title = computeIsTitleWord(word);
    if (titleWords.size >= 100_000) titleWords.clear();
    titleWords.set(word, title);
  }
  return title;
}

function computeIsTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
  if (TITLES.has(w) || RU_TITLE.test(w)) return true;
  const parts = w.split('-');
  if (parts.length < 2 || parts.some((p) => p === '')) return false;
  return parts.every((p, i) => TITLES.has(p) || RU_TITLE.test(p) || (i < parts.length - 1 && TITLE_PREFIXES.has(p)));
}

/** A country or region named after a title ("Президент Казахстана", "President of Kazakhstan" has "of"). */
function isCountryWord(word: string): boolean {
  if (!UPPER_START.test(word)) return false;
  return lookupPlaceKinds(word, { exactSpan: true }).some((kind) => kind === 'country' || kind === 'admin1');
}

/** Trims possessives and punctuation at both edges; null when nothing name-like remains. */
export function trimPunctuation(text: string, span: SpanLike): SpanLike | null {
  let { start, end } = span;
  for (let guard = 0; end > start && guard < 64; guard++) {
    const s = text.slice(start, end);
    if (/\.$/u.test(s) && ABBREVIATION_DOT.test(s) && end - start > 2) break;
    const poss = POSSESSIVE.exec(s);
    if (poss && poss.index > 0 && HAS_LETTER.test(s.slice(0, poss.index))) {
      end -= poss[0].length;
      continue;
    }
    if (TRAILING.test(s)) {
      end--;
      continue;
    }
    break;
  }
  while (start < end && LEADING.test(text.slice(start, start + 1))) start++;
  if (end <= start || !HAS_LETTER_OR_DIGIT.test(text.slice(start, end))) return null;
  return { start, end };
}

/**
 * Drops leading (and Kazakh trailing) titles from a person's name span, if a name remains:
 * "Император Акихито", "певца Ар Келли", "Президент Казахстана Касым-Жомарт Токаев" (the
 * country after a title goes too). A word is dropped only when a capitalised word follows.
 */
export function trimTitles(text: string, span: SpanLike): SpanLike {
  let { start, end } = span;
  let titled = false;
  for (let guard = 0; guard < 8; guard++) {
    const s = text.slice(start, end);
    const m = LEADING_WORD.exec(s);
    if (!m) break;
    if (isTitleWord(m[1]!) || (titled && isCountryWord(m[1]!))) {
      titled = true;
      start += m[0].length;
      continue;
    }
    break;
  }
  const s = text.slice(start, end);
  // The trailing word must lower-case to a title, so the name must end in one (lower-casing
  // never shortens a word): test that first, and the expression (anchored at the end, but tried
  // from every position) only then.
  if (endsInTrailingTitle(s)) {
    const t = LAST_WORD.exec(s);
    if (t && TRAILING_TITLES.has(t[2]!.toLowerCase())) end -= t[0].length;
  }
  return { start, end };
}

/** Full hygiene for one entity span; null when the span held no name. */
export function trimEntitySpan(text: string, span: SpanLike & { type: string }): SpanLike | null {
  let first = trimPunctuation(text, span);
  if (!first) return null;
  if (span.type !== 'PERSON') {
    // "суд г. Атырау" cut after "г": the abbreviation belongs to the place that follows, not to the name.
    const dangling = TRAILING_ABBREVIATION.exec(text.slice(first.start, first.end));
    if (dangling && dangling.index > 0 && text.charAt(first.end) === '.') first = trimPunctuation(text, { start: first.start, end: first.start + dangling.index });
    return first;
  }
  const titled = trimTitles(text, first);
  const rest = text.slice(titled.start, titled.end);
  // "Президент Казахстана", "President Kazakhstan": a title and a country, but no name.
  if (titled.start > first.start && rest.split(/\s+/u).every((w) => isCountryWord(w) || isTitleWord(w))) return null;
  return trimPunctuation(text, titled);
}

/** A person's name without its leading titles ("президента Токаева" -> "Токаева"); unchanged if only titles. */
export function stripLeadingTitles(name: string): string {
  const span = trimTitles(name, { start: 0, end: name.length });
  return span.end > span.start ? name.slice(span.start, span.end) : name;
}

/** Whether a single word (a lone mention) is just a title ("President"). */
export function isOnlyTitle(name: string): boolean {
  return name.split(/\s+/u).every(isTitleWord);
}
