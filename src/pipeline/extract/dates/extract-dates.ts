/**
 * Time expressions in English, Russian and Kazakh news, normalised to inclusive ISO intervals
 * with a precision (never a single fake day for a vague expression) and a TIMEX3-style value.
 *
 * Rules per language find the expressions (en-rules.ts, ru-rules.ts, kk-rules.ts); resolve.ts
 * anchors them: explicit years as given; year-less dates to the discourse year (the latest
 * explicit year mentioned earlier in the text) or else to the publication year with a past
 * bias unless the sentence reads as future; relative ones ("yesterday", "last year") to the
 * publication date.
 *
 * @example
 * extractDates('Events in mid-2016 ... in April and May. Police detained him on December 16.',
 *   { lang: 'en', reference: '2016-12-20' })
 * // [ { text: 'mid-2016', start: 10, end: 18, from: '2016-05-01', to: '2016-08-31', precision: 'approximate', timex: '2016' },
 * //   { text: 'April', start: 26, end: 31, from: '2016-04-01', to: '2016-04-30', precision: 'month', timex: '2016-04' },
 * //   { text: 'May', start: 36, end: 39, from: '2016-05-01', to: '2016-05-31', precision: 'month', timex: '2016-05' },
 * //   { text: 'December 16', start: 64, end: 75, from: '2016-12-16', to: '2016-12-16', precision: 'day', timex: '2016-12-16' } ]
 *
 * TIMEX3 values drop the modifier as TimeML does ("mid-2016" is 2016 with mod MID); the interval
 * keeps it. Quarters and weeks have no precision of their own: their bounds are exact to the
 * month (quarter, precision 'month', timex 2016-Q3) or the day (week, 'day', 2016-W07).
 */
import { scannerFor } from '../boundary-scan.js';
import { type Ymd, compareYmd, parseIso, toIso } from './calendar.js';
import { enRules } from './en-rules.js';
import { kkRules } from './kk-rules.js';
import { type Discourse, type Future, type Resolved, resolveSpec } from './resolve.js';
import { ruRules } from './ru-rules.js';
import type { Candidate, DateLang, DateMention, DateRules, ExtractDatesOptions } from './types.js';

export type { DateMention, DateLang, DatePrecision, ExtractDatesOptions } from './types.js';

const RULES: Record<DateLang, DateRules> = { en: enRules, ru: ruRules, kk: kkRules };

/** A reporting verb right before the date ("said Friday") fixes the date in the past. */
const REPORTED = /(?<![\p{L}])(?:said|says|told|announced|reported|added|disclosed|confirmed|stated|сообщил[аи]?|заявил[аи]?)\s+(?:on\s+)?$/giu;
/** `REPORTED.test(s)` without evaluating its lookbehind at every position (boundary-scan.ts): `reported(s, 0) !== null`. */
const reported = scannerFor(REPORTED);

const PARAGRAPH = /\n\s*\n/;
/** How far (characters, within the sentence) a tense cue may be from the date. */
const NEAR_BEFORE = 100;
const NEAR_AFTER = 40;

/** "by Jan. 14", "до 15 января": a deadline, usually ahead. */
const DEADLINE = /(?:\bby|\bdeadline\s+of|(?:^|\s)до|(?:^|\s)к)\s+$/i;

function parseReference(ref: ExtractDatesOptions['reference']): [Ymd, Ymd] {
  const [a, b] = typeof ref === 'string' ? [ref, ref] : [ref.from, ref.to];
  const from = parseIso(a);
  const to = parseIso(b);
  if (!from || !to || compareYmd(from, to) > 0) throw new TypeError(`extractDates: bad reference ${JSON.stringify(ref)}`);
  return [from, to];
}

/** Does the sentence around the candidate speak of the future? */
function readsAsFuture(text: string, c: Candidate, cue: RegExp): boolean {
  const lo = Math.max(0, c.start - NEAR_BEFORE);
  const before = text.slice(lo, c.start);
  if (reported(before, 0) !== null) return false;
  if (DEADLINE.test(before)) return true;
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const after = text.slice(c.end, Math.min(text.length, c.end + NEAR_AFTER));
  const stop = after.search(/[.!?,;:](?:\s|$)|\n/);
  return cue.test(before.slice(cut + 1)) || cue.test(stop < 0 ? after : after.slice(0, stop));
}

function union(a: Resolved, b: Resolved): Resolved {
  if (compareYmd(a.from, b.from) === 0 && compareYmd(a.to, b.to) === 0) return a;
  const from = compareYmd(a.from, b.from) <= 0 ? a.from : b.from;
  const to = compareYmd(a.to, b.to) >= 0 ? a.to : b.to;
  return { ...b, from, to, precision: 'approximate' };
}

export function extractDates(text: string, options: ExtractDatesOptions): DateMention[] {
  const [refFrom, refTo] = parseReference(options.reference);
  const rules = RULES[options.lang];
  const dc: Discourse = { at: 0 };
  let yearAt = -1;
  const out: DateMention[] = [];
  for (const c of rules.find(text)) {
    // Read only if the expression's reading depends on it (most do not: "2016 году", "5 января
    // 2022 года"), once; `readsAsFuture` depends on the text and the span alone.
    let ahead: boolean | undefined;
    const future: Future = () => (ahead ??= readsAsFuture(text, c, rules.future));
    dc.at = c.start;
    // The discourse year holds within its paragraph only.
    if (dc.year !== undefined && PARAGRAPH.test(text.slice(yearAt, c.start))) dc.year = undefined;
    // Resolve against both ends of an estimated publication date; a fixed date gives one answer.
    const snapshot = { ...dc };
    const late = resolveSpec(c.spec, refTo, dc, future);
    const early = compareYmd(refFrom, refTo) === 0 ? late : resolveSpec(c.spec, refFrom, { ...snapshot }, future);
    if (!late || !early) continue;
    // A year-less calendar date ("December 16") that the late reading puts inside the
    // publication window is taken as it is: news names recent days without a year, but would
    // name the year of one a year back. Relative dates ("yesterday") still span the window.
    const yearless = (c.spec.kind === 'date' || c.spec.kind === 'month') && c.spec.year === undefined && c.spec.yearRel === undefined;
    const r = yearless && compareYmd(late.from, refFrom) >= 0 ? late : union(early, late);
    if (r.explicitYear !== undefined && r.precision !== 'year') {
      dc.year = r.explicitYear;
      yearAt = c.end;
    }
    out.push({
      text: text.slice(c.start, c.end), start: c.start, end: c.end,
      from: toIso(r.from), to: toIso(r.to), precision: r.precision,
      ...(r.timex ? { timex: r.timex } : {}),
    });
  }
  return out;
}
