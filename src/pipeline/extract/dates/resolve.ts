/**
 * Anchors a rule's Spec to an inclusive interval. Year-less dates take the discourse year (the
 * most recent explicit year mentioned earlier in the text) when there is one, otherwise the
 * reference year with a past bias: news speaks mostly of the past, so "December 20" in an
 * article of 10 December is last year's, unless the sentence reads as future ("will", "next").
 */
import {
  type Ymd, addDays, addMonths, compareYmd, daysInMonth, isoWeek, mondayOf, monthEnd, monthStart, toIso, weekday,
} from './calendar.js';
import type { DatePrecision, Mod, Season, Spec } from './types.js';

export interface Resolved { from: Ymd; to: Ymd; precision: DatePrecision; timex?: string; explicitYear?: number }

/** Discourse state carried through the document in reading order. */
export interface Discourse {
  /** Offset of the expression being resolved. */
  at: number;
  /** Year of the latest explicit date with month or finer grain ("5 января 2022", "mid-2016"). */
  year?: number;
  /** Latest quarter mentioned, and where: "a year earlier" right after it means that quarter a year before. */
  quarter?: { y: number; q: number; at: number };
}

/** How close (characters) a quarter must be for "a year ago" to mean that quarter. */
const QUARTER_REACH = 400;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const SEASON_MONTHS: Record<Season, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function seasonRange(s: Season, y: number): [Ymd, Ymd] {
  // Winter Y is the winter that ends in Y (Dec Y-1 .. Feb Y): "зимой 2022 года" is January 2022.
  if (s === 'WI') return [monthStart(y - 1, 12), monthEnd(y, 2)];
  const m = SEASON_MONTHS[s];
  return [monthStart(y, m), monthEnd(y, m + 2)];
}

function modRange(from: Ymd, to: Ymd, mod: Mod | undefined): [Ymd, Ymd] {
  if (!mod) return [from, to];
  const a = from.y * 372 + from.m * 31 + from.d;
  const span = to.y * 372 + to.m * 31 + to.d - a;
  if (span > 300 && from.m === 1 && to.m === 12 && from.y === to.y) {
    return mod === 'early' ? [from, monthEnd(from.y, 4)] : mod === 'mid' ? [monthStart(from.y, 5), monthEnd(from.y, 8)] : [monthStart(from.y, 9), to];
  }
  if (from.y === to.y && from.m === to.m) {
    const last = daysInMonth(from.y, from.m);
    return mod === 'early' ? [from, { ...from, d: 10 }] : mod === 'mid' ? [{ ...from, d: 11 }, { ...from, d: 20 }] : [{ ...from, d: 21 }, { ...from, d: last }];
  }
  if (to.y - from.y === 9) {
    return mod === 'early' ? [from, monthEnd(from.y + 3, 12)] : mod === 'mid' ? [monthStart(from.y + 4, 1), monthEnd(from.y + 6, 12)] : [monthStart(from.y + 7, 1), to];
  }
  return [from, to];
}

const yearRange = (y: number): [Ymd, Ymd] => [monthStart(y, 1), monthEnd(y, 12)];
const quarterRange = (y: number, q: number): [Ymd, Ymd] => [monthStart(y, q * 3 - 2), monthEnd(y, q * 3)];
const quarterOf = (d: Ymd): number => Math.ceil(d.m / 3);

/** The year for a year-less month/day: discourse year, else the reference year biased to the past. */
function yearFor(m: number, d: number, dLast: number, anchor: Ymd, dc: Discourse, future: Future): number {
  if (dc.year !== undefined) return dc.year;
  const y = anchor.y;
  const ahead = future();
  if (!ahead && compareYmd({ y, m, d }, anchor) > 0) return y - 1;
  if (ahead && compareYmd({ y, m, d: dLast }, anchor) < 0) return y + 1;
  return y;
}

function result(from: Ymd, to: Ymd, precision: DatePrecision, timex?: string, explicitYear?: number): Resolved {
  return explicitYear === undefined ? { from, to, precision, ...(timex ? { timex } : {}) } : { from, to, precision, ...(timex ? { timex } : {}), explicitYear };
}

const weekTimex = (d: Ymd): string => {
  const w = isoWeek(d);
  return `${w.year}-W${pad2(w.week)}`;
};

/**
 * Whether the sentence around the expression reads as future, asked only by the expressions
 * whose reading depends on it (a year-less date, a bare weekday…): extract-dates.ts works it out
 * on the first call and remembers it.
 */
export type Future = () => boolean;

export function resolveSpec(spec: Spec, anchor: Ymd, dc: Discourse, future: Future): Resolved | null {
  switch (spec.kind) {
    case 'date': {
      const { month: m, day } = spec;
      const dTo = spec.dayTo ?? day;
      const y = spec.year ?? (spec.yearRel !== undefined ? anchor.y + spec.yearRel : yearFor(m, day, dTo, anchor, dc, future));
      if (day < 1 || dTo < day || dTo > daysInMonth(y, m)) return null;
      const from = { y, m, d: day };
      return result(from, { y, m, d: dTo }, 'day', dTo === day ? toIso(from) : undefined, spec.year);
    }
    case 'month': {
      const m = spec.month;
      let y: number;
      if (spec.year !== undefined) y = spec.year;
      else if (spec.yearRel !== undefined) y = anchor.y + spec.yearRel;
      else if (spec.rel === -1) y = m < anchor.m ? anchor.y : anchor.y - 1;
      else if (spec.rel === 1) y = m > anchor.m ? anchor.y : anchor.y + 1;
      else if (spec.rel === 0) y = anchor.y;
      else y = yearFor(m, 1, daysInMonth(anchor.y, m), anchor, dc, future);
      const [from, to] = modRange(monthStart(y, m), monthEnd(y, m), spec.mod);
      return result(from, to, spec.mod ? 'approximate' : 'month', `${y}-${pad2(m)}`, spec.year);
    }
    case 'year': {
      const [from, to] = modRange(...yearRange(spec.year), spec.mod);
      return result(from, to, spec.mod ? 'approximate' : 'year', String(spec.year), spec.year);
    }
    case 'decade': {
      const [from, to] = modRange(monthStart(spec.decade * 10, 1), monthEnd(spec.decade * 10 + 9, 12), spec.mod);
      return result(from, to, spec.mod ? 'approximate' : 'decade', `${spec.decade}X`);
    }
    case 'century': {
      const c = spec.century - 1;
      return result(monthStart(c * 100, 1), monthEnd(c * 100 + 99, 12), 'approximate', pad2(c));
    }
    case 'season': {
      const s = spec.season;
      let y: number;
      if (spec.year !== undefined) y = spec.year;
      else if (spec.yearRel !== undefined) y = anchor.y + spec.yearRel;
      else if (spec.rel === 0) y = s === 'WI' && anchor.m === 12 ? anchor.y + 1 : anchor.y;
      else if (spec.rel === -1) {
        y = anchor.y + 1;
        while (compareYmd(seasonRange(s, y)[1], anchor) >= 0) y--;
      } else if (spec.rel === 1) {
        y = anchor.y - 1;
        while (compareYmd(seasonRange(s, y)[0], anchor) <= 0) y++;
      } else if (dc.year !== undefined) y = dc.year;
      else {
        y = anchor.y + 1;
        if (future()) while (compareYmd(seasonRange(s, y - 1)[1], anchor) >= 0) y--;
        else while (compareYmd(seasonRange(s, y)[0], anchor) > 0) y--;
      }
      const [from, to] = seasonRange(s, y);
      return result(from, to, 'season', `${y}-${s}`, spec.year);
    }
    case 'quarter': {
      let y: number;
      let q: number;
      if (spec.quarter === undefined) {
        const cur = quarterOf(anchor);
        if (spec.rel === 0) [y, q] = [anchor.y, cur];
        else if (spec.rel === 1) [y, q] = cur === 4 ? [anchor.y + 1, 1] : [anchor.y, cur + 1];
        else [y, q] = cur === 1 ? [anchor.y - 1, 4] : [anchor.y, cur - 1];
      } else {
        q = spec.quarter;
        if (spec.year !== undefined) y = spec.year;
        else if (spec.yearRel !== undefined) y = anchor.y + spec.yearRel;
        else {
          y = anchor.y;
          const start = quarterRange(y, q)[0];
          if (!future() && compareYmd(start, anchor) > 0) y--;
          if (spec.rel === -1 && compareYmd(quarterRange(y, q)[1], anchor) >= 0) y--;
        }
      }
      dc.quarter = { y, q, at: dc.at };
      const [from, to] = quarterRange(y, q);
      return result(from, to, 'month', `${y}-Q${q}`, spec.year);
    }
    case 'half': {
      const y = spec.year ?? dc.year ?? anchor.y;
      return result(monthStart(y, spec.half * 6 - 5), monthEnd(y, spec.half * 6), 'month', `${y}-H${spec.half}`, spec.year);
    }
    case 'weekday': {
      const cur = weekday(anchor);
      let delta: number;
      if (spec.rel === -1) delta = -(((cur - spec.weekday) + 6) % 7 + 1);
      else if (spec.rel === 1) delta = ((spec.weekday - cur) + 6) % 7 + 1;
      else if (spec.rel === 0) delta = ((spec.weekday + 6) % 7) - ((cur + 6) % 7);
      else delta = future() ? (spec.weekday - cur + 7) % 7 : -((cur - spec.weekday + 7) % 7);
      const d = addDays(anchor, delta);
      return result(d, d, 'day', toIso(d));
    }
    case 'relative': return resolveRelative(spec, anchor, future);
    case 'ago': {
      const { unit, count } = spec;
      if (unit === 'day') {
        const d = addDays(anchor, -count);
        return spec.vague ? result(addDays(anchor, -count * 2), addDays(anchor, -Math.ceil(count / 2)), 'approximate', 'PAST_REF') : result(d, d, 'day', toIso(d));
      }
      if (unit === 'week') {
        const mon = mondayOf(addDays(anchor, -7 * count));
        return result(mon, addDays(mon, 6), spec.vague ? 'approximate' : 'day', spec.vague ? 'PAST_REF' : weekTimex(mon));
      }
      if (unit === 'month') {
        const d = addMonths(anchor, -count);
        return result(monthStart(d.y, d.m), monthEnd(d.y, d.m), spec.vague ? 'approximate' : 'month', spec.vague ? 'PAST_REF' : `${d.y}-${pad2(d.m)}`);
      }
      const years = unit === 'decade' ? count * 10 : count;
      const y = anchor.y - years;
      if (spec.vague) return result(monthStart(anchor.y - years * 2, 1), monthEnd(anchor.y - Math.ceil(years / 2), 12), 'approximate', 'PAST_REF');
      return result(monthStart(y, 1), monthEnd(y, 12), unit === 'decade' ? 'approximate' : 'year', String(y));
    }
    case 'span': {
      const { unit, count, dir } = spec;
      const months = unit === 'month' ? count : unit === 'year' ? count * 12 : unit === 'decade' ? count * 120 : 0;
      const days = unit === 'day' ? count : unit === 'week' ? count * 7 : 0;
      const far = months ? addMonths(anchor, dir * months) : addDays(anchor, dir * days);
      const letter = unit === 'day' ? 'D' : unit === 'week' ? 'W' : unit === 'month' ? 'M' : unit === 'year' ? 'Y' : 'DE';
      const timex = spec.vague ? `P${'X'}${letter}` : `P${count}${letter}`;
      return dir < 0 ? result(addDays(far, 1), anchor, 'approximate', timex) : result(anchor, addDays(far, -1), 'approximate', timex);
    }
    case 'yearEarlier': {
      const near = dc.quarter && dc.at - dc.quarter.at < QUARTER_REACH ? dc.quarter : undefined;
      if (spec.grain === 'quarter' || (spec.grain === 'auto' && near)) {
        const cur = quarterOf(anchor);
        const { y, q } = near ?? (cur === 1 ? { y: anchor.y - 1, q: 4 } : { y: anchor.y, q: cur - 1 });
        const [from, to] = quarterRange(y - 1, q);
        return result(from, to, 'month', `${y - 1}-Q${q}`);
      }
      const [from, to] = yearRange(anchor.y - 1);
      return result(from, to, 'year', String(anchor.y - 1));
    }
    case 'thatYear': {
      const y = dc.year ?? anchor.y;
      return result(...yearRange(y), 'year', String(y));
    }
    case 'ref': {
      if (spec.ref === 'PRESENT') return result(anchor, anchor, 'day', 'PRESENT_REF');
      if (spec.ref === 'PAST') return result(addMonths(anchor, -12), anchor, 'approximate', 'PAST_REF');
      return result(anchor, addMonths(anchor, 12), 'approximate', 'FUTURE_REF');
    }
  }
}

function resolveRelative(spec: Extract<Spec, { kind: 'relative' }>, anchor: Ymd, future: Future): Resolved {
  const { unit, offset, mod } = spec;
  switch (unit) {
    case 'day': {
      const d = addDays(anchor, offset);
      return result(d, d, 'day', toIso(d));
    }
    case 'week': {
      const mon = mondayOf(addDays(anchor, offset * 7));
      const sun = addDays(mon, 6);
      if (mod === 'early') return result(mon, addDays(mon, 2), 'approximate', weekTimex(mon));
      if (mod === 'late') return result(addDays(mon, 3), sun, 'approximate', weekTimex(mon));
      return result(mon, sun, 'day', weekTimex(mon));
    }
    case 'weekend': {
      const dow = weekday(anchor);
      const inWeekend = dow === 0 || dow === 6;
      // "the weekend" said on a weekday is the one just past, unless the sentence looks ahead.
      const shift = offset === 0 && !inWeekend && !future() ? -1 : offset;
      const sat = addDays(mondayOf(addDays(anchor, shift * 7)), 5);
      return result(sat, addDays(sat, 1), 'day', `${weekTimex(sat)}-WE`);
    }
    case 'month': {
      const d = addMonths({ ...anchor, d: 1 }, offset);
      const [from, to] = modRange(monthStart(d.y, d.m), monthEnd(d.y, d.m), mod);
      return result(from, to, mod ? 'approximate' : 'month', `${d.y}-${pad2(d.m)}`);
    }
    case 'quarter': {
      const idx = anchor.y * 4 + quarterOf(anchor) - 1 + offset;
      const y = Math.floor(idx / 4);
      const q = (idx % 4) + 1;
      return result(...quarterRange(y, q), 'month', `${y}-Q${q}`);
    }
    case 'year': {
      const y = anchor.y + offset;
      const [from, to] = modRange(...yearRange(y), mod);
      return result(from, to, mod ? 'approximate' : 'year', String(y));
    }
    case 'decade': {
      const dec = Math.floor(anchor.y / 10) + offset;
      const [from, to] = modRange(monthStart(dec * 10, 1), monthEnd(dec * 10 + 9, 12), mod);
      return result(from, to, mod ? 'approximate' : 'decade', `${dec}X`);
    }
  }
}
