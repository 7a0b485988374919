/**
 * Joins coordinated date mentions into one interval: "in April and May" is one period,
 * 2016-04-01..2016-05-31, not two; likewise "from 2014 to 2016", "с мая по июль".
 * Only neighbours of the same precision merge, in order: joined by a range word or dash,
 * or by "and" when the second period starts the day after the first ends.
 *
 *   joinDateRanges('in April and May', [April 2016, May 2016])
 *   // [{ text: 'April and May', from: '2016-04-01', to: '2016-05-31', precision: 'month', … }]
 */
import type { DateMention } from './dates/types.js';

/** Range words: anything in between is covered. */
const RANGE = /^\s*(?:to|through|till|until|по|до|[-–—])\s*$/iu;
/** Coordination: merges only adjacent periods ("April and May", not "January and June"). */
const AND = /^\s*(?:and|и|және|мен)\s*$/iu;
const JOINABLE = new Set(['day', 'month', 'year', 'season']);

function nextDay(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function joins(between: string, a: DateMention, b: DateMention): boolean {
  if (RANGE.test(between)) return true;
  return AND.test(between) && nextDay(a.to) === b.from;
}

export function joinDateRanges(text: string, dates: readonly DateMention[]): DateMention[] {
  const out: DateMention[] = [];
  for (const d of dates) {
    const prev = out[out.length - 1];
    if (prev && prev.precision === d.precision && JOINABLE.has(d.precision) && prev.end <= d.start
      && prev.from <= d.from && prev.to <= d.to && joins(text.slice(prev.end, d.start), prev, d)) {
      out[out.length - 1] = {
        text: text.slice(prev.start, d.end), start: prev.start, end: d.end,
        from: prev.from, to: d.to, precision: d.precision,
      };
      continue;
    }
    out.push(d);
  }
  return out;
}
