/** Time scale and ticks for the timelines (days are UTC; no library needed). */
export const DAY = 86_400_000;

export function dayMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? null : t;
}

export interface Span {
  from: number;
  to: number;
}

/** An event's interval in ms (to is the end of its last day); null when undated. */
export function spanOf(e: { dateFrom: string | null; dateTo: string | null }): Span | null {
  const a = dayMs(e.dateFrom ?? e.dateTo);
  const b = dayMs(e.dateTo ?? e.dateFrom);
  if (a === null || b === null) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) + DAY };
}

export type Unit = 'year' | 'quarter' | 'month' | 'week' | 'day';

/** Tick positions for a domain, about one per `minPx` pixels. */
export function ticks(d0: number, d1: number, widthPx: number, minPx = 70): { at: number; unit: Unit; major: boolean }[] {
  const span = d1 - d0;
  const maxTicks = Math.max(2, Math.floor(widthPx / minPx));
  const candidates: [Unit, number][] = [
    ['day', DAY],
    ['week', 7 * DAY],
    ['month', 30.4 * DAY],
    ['quarter', 91 * DAY],
    ['year', 365 * DAY],
  ];
  let unit: Unit = 'year';
  let step = 1;
  for (const [u, ms] of candidates) {
    if (span / ms <= maxTicks) {
      unit = u;
      break;
    }
  }
  if (unit === 'year') step = Math.max(1, Math.ceil(span / (365 * DAY) / maxTicks));
  const out: { at: number; unit: Unit; major: boolean }[] = [];
  const start = new Date(d0);
  let cur: Date;
  switch (unit) {
    case 'day':
      cur = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
      break;
    case 'week': {
      cur = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
      cur = new Date(cur.getTime() - ((cur.getUTCDay() + 6) % 7) * DAY);
      break;
    }
    case 'month':
      cur = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
      break;
    case 'quarter':
      cur = new Date(Date.UTC(start.getUTCFullYear(), Math.floor(start.getUTCMonth() / 3) * 3, 1));
      break;
    default:
      cur = new Date(Date.UTC(Math.floor(start.getUTCFullYear() / step) * step, 0, 1));
  }
  for (let guard = 0; cur.getTime() <= d1 && guard < 500; guard++) {
    const at = cur.getTime();
    const major = unit === 'year' || (unit !== 'day' && unit !== 'week' ? cur.getUTCMonth() === 0 : cur.getUTCDate() === 1);
    if (at >= d0) out.push({ at, unit, major });
    switch (unit) {
      case 'day':
        cur = new Date(at + DAY);
        break;
      case 'week':
        cur = new Date(at + 7 * DAY);
        break;
      case 'month':
        cur = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth() + 1, 1));
        break;
      case 'quarter':
        cur = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth() + 3, 1));
        break;
      default:
        cur = new Date(Date.UTC(cur.getUTCFullYear() + step, 0, 1));
    }
  }
  return out;
}

export function tickLabel(at: number, unit: Unit, locale: string): string {
  const d = new Date(at);
  const opts: Intl.DateTimeFormatOptions =
    unit === 'year'
      ? { year: 'numeric' }
      : unit === 'month' || unit === 'quarter'
        ? d.getUTCMonth() === 0
          ? { year: 'numeric', month: 'short' }
          : { month: 'short' }
        : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' }).format(d);
}
