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

/** Days since 1970-01-01 (setUTCFullYear, unlike Date.UTC, keeps years 0..99 as given). */
export function dayNumber({ y, m, d }: Ymd): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.round(dt.getTime() / 86_400_000);
}

export function fromDayNumber(n: number): Ymd {
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
