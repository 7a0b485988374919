/**
 * Span hygiene for named mentions: a name never includes a possessive ("Nazarbayev’s"),
 * surrounding punctuation or quotes, or (for people) a title ("President", "г-н"). Offsets
 * are moved with the trimmed text, so `text.slice(start, end) === span.text` still holds.
 *
 *   trimEntitySpan('Mr. Nazarbayev’s plan', { start: 0, end: 16, type: 'PERSON' })
 *   // { start: 4, end: 14 }  -> "Nazarbayev"
 */

export interface SpanLike {
  start: number;
  end: number;
}

/** Possessive endings: English 's / ’s / bare apostrophe after s ("Reuters’"). */
const POSSESSIVE = /(?:['’ʼ][sS]?)$/u;
/** Trailing punctuation that is never part of a name (a dot after a one-letter abbreviation is: "U.S."). */
const TRAILING = /[\s,;:!?…)\]}»”"'’ʼ“„«(\[{\-–—/\\*.]$/u;
const LEADING = /^[\s,;:!?…)\]}»”"'’ʼ“„«(\[{\-–—/\\*.]/u;
/** Dot after a single letter ("U.S.", "J.") belongs to the abbreviation. */
const ABBREVIATION_DOT = /(?:^|[^\p{L}])\p{L}\.$/u;

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

function isTitleWord(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/** Trims possessives and punctuation at both edges; null when nothing name-like remains. */
export function trimPunctuation(text: string, span: SpanLike): SpanLike | null {
  let { start, end } = span;
  for (let guard = 0; end > start && guard < 64; guard++) {
    const s = text.slice(start, end);
    if (/\.$/u.test(s) && ABBREVIATION_DOT.test(s) && end - start > 2) break;
    const poss = POSSESSIVE.exec(s);
    if (poss && poss.index > 0 && /\p{L}/u.test(s.slice(0, poss.index))) {
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
  if (end <= start || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) return null;
  return { start, end };
}

/** Drops leading (and Kazakh trailing) titles from a person's name span, if a name remains. */
export function trimTitles(text: string, span: SpanLike): SpanLike {
  let { start, end } = span;
  for (let guard = 0; guard < 8; guard++) {
    const s = text.slice(start, end);
    const m = /^([\p{L}.\-]+)(\s+)(?=\p{Lu})/u.exec(s);
    if (!m || !isTitleWord(m[1]!)) break;
    start += m[0].length;
  }
  const s = text.slice(start, end);
  const t = /(\s+)([\p{L}]+)$/u.exec(s);
  if (t && TRAILING_TITLES.has(t[2]!.toLowerCase())) end -= t[0].length;
  return { start, end };
}

/** Full hygiene for one entity span; null when the span held no name. */
export function trimEntitySpan(text: string, span: SpanLike & { type: string }): SpanLike | null {
  const first = trimPunctuation(text, span);
  if (!first) return null;
  if (span.type !== 'PERSON') return first;
  const titled = trimTitles(text, first);
  return trimPunctuation(text, titled);
}

/** Whether a single word (a lone mention) is just a title ("President"). */
export function isOnlyTitle(name: string): boolean {
  return name.split(/\s+/u).every(isTitleWord);
}
