/**
 * Calendar arithmetic on proleptic Gregorian ISO dates (YYYY-MM-DD), done on UTC day numbers so
 * no time zone or DST can shift a day. Pure functions; no Date objects leak out.
 */

export interface Ymd { y: number; m: number; d: number }

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function toIso({ y, m, d }: Ymd): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function parseIso(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return ymd.m >= 1 && ymd.m <= 12 && ymd.d >= 1 && ymd.d <= daysInMonth(ymd.y, ymd.m) ? ymd : null;
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/*
 * Day numbers by arithmetic (H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian
 * like Date) rather than a Date object per call: every comparison of two dates made two. Integer
 * fields within ±100,000 years give the same numbers as the Date computation, which still does
 * anything else (fractions, out-of-range months, NaN).
 */
const ARITHMETIC_YEARS = 100_000;

/** Days since 1970-01-01 (setUTCFullYear, unlike Date.UTC, keeps years 0..99 as given). */
export function dayNumber({ y, m, d }: Ymd): number {
  if (Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12
    && Math.abs(y) < ARITHMETIC_YEARS && Math.abs(d) < ARITHMETIC_YEARS) {
    // d past the month's end (or below 1) runs on into the next (previous) days, as with Date.
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
    return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  }
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.round(dt.getTime() / 86_400_000);
}

export function fromDayNumber(n: number): Ymd {
  if (Number.isInteger(n) && Math.abs(n) < ARITHMETIC_YEARS * 365) {
    const z = n + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
  }
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(ymd: Ymd, days: number): Ymd {
  return fromDayNumber(dayNumber(ymd) + days);
}

/** Adds months, clamping the day to the target month's length (Mar 31 - 1 month = Feb 28/29). */
export function addMonths(ymd: Ymd, months: number): Ymd {
  const idx = ymd.y * 12 + (ymd.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = (idx % 12 + 12) % 12 + 1;
  return { y, m, d: Math.min(ymd.d, daysInMonth(y, m)) };
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(ymd: Ymd): number {
  return ((dayNumber(ymd) % 7) + 7 + 4) % 7;
}

/** ISO-8601 week: { year, week } (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(ymd: Ymd): { year: number; week: number } {
  const n = dayNumber(ymd);
  const dow = (weekday(ymd) + 6) % 7; // Monday = 0
  const thursday = fromDayNumber(n - dow + 3);
  const jan1 = dayNumber({ y: thursday.y, m: 1, d: 1 });
  return { year: thursday.y, week: Math.floor((dayNumber(thursday) - jan1) / 7) + 1 };
}

/** Monday of the ISO week that holds `ymd`. */
export function mondayOf(ymd: Ymd): Ymd {
  return addDays(ymd, -((weekday(ymd) + 6) % 7));
}

export const monthStart = (y: number, m: number): Ymd => ({ y, m, d: 1 });
export const monthEnd = (y: number, m: number): Ymd => ({ y, m, d: daysInMonth(y, m) });

export function compareYmd(a: Ymd, b: Ymd): number {
  return dayNumber(a) - dayNumber(b);
}
