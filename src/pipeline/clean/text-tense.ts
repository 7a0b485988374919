/**
 * Rough grammatical tense of the words around a date mention, for estimating when a text was
 * written: "celebrations on December 16 took place" speaks of the past, "growth is expected …
 * in 2016" and "a term beginning in January 2017" of the future.
 *
 * Checked in order, most local first:
 * 1. the words right before the mention: "since 2014" past; "beginning in", "next" future;
 *    "by 2050" future unless past perfect; "through/until March 11" past unless the clause
 *    says it is still running or will;
 * 2. the clause around it (split at , ; : — – and brackets): a future or past marker;
 * 3. the whole sentence: a future marker without a past one.
 * Anything else counts as past/present (news mostly reports what has happened).
 *
 *   classifyTense('It will open on May 5.', 17, 22) // 'future'
 */

export type Tense = 'past' | 'future';

/** Words right before a mention that settle its tense on their own. */
const PAST_LEAD = /(?:\b(?:since|ago|last|earlier|previous|former)|(?:^|\s)(?:в прошлом|прошлого|прошлом))\s*$/iu;
const FUTURE_LEAD =
  /(?:\b(?:beginning(?: in| on| from)?|starting(?: in| on| from)?|as of|effective|next|coming|upcoming|ahead of|due in|due by|planned for|scheduled for|slated for)|(?:^|\s)(?:начиная с|начиная со|со следующего|в следующем|в предстоящем|в наступающем|в будущем))\s*(?:the\s+)?(?:early|late|mid|end of|beginning of|начале|конце)?[\s-]*$/iu;
/**
 * Weaker leads: "by 2050" is a target unless the clause is past perfect ("by 2015 it had
 * doubled"); "runs through/until March 11" is still going on unless the clause is past
 * ("he was held until March 5").
 */
const WEAK_FUTURE_LEAD = /(?:\bby|(?:^|\s)к)\s*(?:the\s+)?(?:end of\s+|концу\s+)?$/iu;
const RANGE_END_LEAD = /\b(?:through|until|till|to)\s*$|(?:^|\s)(?:до|по)\s*$/iu;
const PAST_PERFECT = /\b(?:had|already)\b|(?:^|\s)уже(?![\p{L}])/iu;
/** "с 1998 года" (since) is past unless the clause speaks of the future ("с 1 января вступит"). */
const WEAK_PAST_LEAD = /(?:^|\s)(?:с|со)\s*(?:\d{1,2}\s+)?$/iu;

const FUTURE_MARKERS =
  /\b(?:will|won['’]t|shall|going to|(?:is|are) to (?:be|take|run|begin|start|open|close|hold|host|last)|expected|expects|expect|anticipated|forecast|forecasts|projected|scheduled|slated|plans? to|planned|set to|intends?|intended|aims? to|due to|would|upcoming|forthcoming)\b|(?:^|[^\p{L}])(?:буд(?:ет|ут|у|ем|ете|ешь)|стан(?:ет|ут)|состо(?:ится|ятся)|планиру\p{L}*|ожида\p{L}*|намерен\p{L}*|предстоящ\p{L}*|собира(?:ется|ются)|предполага\p{L}*|прогноз\p{L}*|грядущ\p{L}*|наме(?:чен|чено|чена)|вступ(?:ит|ят)|пройд[её]т|пройдут|начн[её]тся|начнутся|откро(?:ется|ются)|рассмотр(?:ит|ят)|вынес(?:ет|ут)|прим(?:ет|ут)|провед(?:[её]т|ут)|заверш(?:ится|атся)|объяв(?:ит|ят)|огласит)(?![\p{L}])/iu;

/** Past markers: common English past forms and -ed verbs (not the modal "expected" kind). */
const PAST_MARKERS =
  /\b(?:was|were|had|did|took|held|said|came|went|began|became|left|got|saw|made|gave|told|found|fled|fell|rose|won|lost|met|sent|brought|kept|ago|earlier|yesterday|previously)\b|\b(?!expected\b|scheduled\b|planned\b|proposed\b|projected\b|anticipated\b|intended\b|supposed\b|slated\b|forecasted\b)[a-z]{2,}ed\b|(?:^|[^\p{L}])(?:был|была|было|были|ранее|назад|прошл\p{L}*|вчера|[а-яё]{2,}[аяиеуыо](?:л|ла|ло|ли|лся|лась|лось|лись))(?![\p{L}])/u;

/** The sentence containing [index, end), bounded by . ! ? … or a line break, and its start. */
export function sentenceAround(text: string, index: number, end: number): { start: number; text: string } {
  let start = index;
  while (start > 0) {
    const c = text[start - 1] ?? '';
    if (c === '\n' || ((c === '.' || c === '!' || c === '?' || c === '…') && /\s/.test(text[start] ?? ''))) break;
    start--;
    if (index - start > 600) break;
  }
  let stop = end;
  while (stop < text.length) {
    const c = text[stop] ?? '';
    if (c === '\n') break;
    stop++;
    if ((c === '.' || c === '!' || c === '?' || c === '…') && /^(\s|$)/.test(text[stop] ?? '')) break;
    if (stop - end > 600) break;
  }
  return { start, text: text.slice(start, stop) };
}

const CLAUSE_BREAK = /[,;:—–()[\]]/;

/** The clause around [index, end) (the mention itself may contain a comma: "May 5, 2016"). */
function clauseAround(sentence: string, index: number, end: number): { start: number; text: string } {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.test(sentence[start - 1] ?? '')) start--;
  let stop = end;
  while (stop < sentence.length && !CLAUSE_BREAK.test(sentence[stop] ?? '')) stop++;
  return { start, text: sentence.slice(start, stop) };
}

function mask(s: string, from: number, to: number): string {
  return s.slice(0, Math.max(0, from)) + ' ' + s.slice(Math.max(0, to));
}

export function classifyTense(text: string, index: number, end: number): Tense {
  const sentence = sentenceAround(text, index, end);
  const local = { index: index - sentence.start, end: end - sentence.start };
  const lead = sentence.text.slice(Math.max(0, local.index - 40), local.index);
  const leadClause = lead.split(/[;—–]/).pop() ?? '';
  const around = clauseAround(sentence.text, local.index, local.end);
  // Mask the mention itself so month names ("May") don't count as markers.
  const clause = mask(around.text, local.index - around.start, local.end - around.start);
  const whole = mask(sentence.text, local.index, local.end);
  const clauseFuture = FUTURE_MARKERS.test(clause);
  const clausePast = PAST_MARKERS.test(clause);

  if (PAST_LEAD.test(leadClause)) return 'past';
  if (FUTURE_LEAD.test(leadClause)) return 'future';
  if (WEAK_FUTURE_LEAD.test(leadClause)) return PAST_PERFECT.test(clause) ? 'past' : 'future';
  if (RANGE_END_LEAD.test(leadClause)) {
    if (clauseFuture) return 'future';
    return clausePast || !/\b(?:runs?|continues?|lasts?|open|remains?|идет|идёт|продлится|продолжается)\b/iu.test(clause) ? 'past' : 'future';
  }
  if (WEAK_PAST_LEAD.test(leadClause)) return clauseFuture ? 'future' : 'past';
  if (clauseFuture) return 'future';
  if (clausePast) return 'past';
  if (FUTURE_MARKERS.test(whole) && !PAST_MARKERS.test(whole)) return 'future';
  return 'past';
}
