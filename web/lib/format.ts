import type { I18n, MessageKey } from '../i18n/index.js';

/** Chronicle's event type ids (src/pipeline/extract/events/vocabulary.ts), in display order. */
export const EVENT_TYPE_IDS = [
  'protest',
  'arrest',
  'detention',
  'house-arrest',
  'sentencing',
  'charges',
  'search',
  'fine',
  'travel-ban',
  'torture',
  'ill-treatment',
  'killing',
  'death-in-custody',
  'disappearance',
  'attack-on-protest',
  'assembly-ban',
  'dispersal',
  'censorship',
  'restrictive-law',
  'harassment',
  'threats',
  'dissolution',
  'riot',
] as const;

export const EVENT_STATUSES = ['proposed', 'confirmed', 'rejected', 'withdrawn'] as const;
export const PRECISIONS = ['day', 'month', 'season', 'year', 'decade', 'approximate'] as const;

export function typeLabel(i18n: I18n, type: string): string {
  const key = `type.${type}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : type;
}

export function statusLabel(i18n: I18n, status: string): string {
  const key = `status.${status}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : status;
}

export function entityTypeLabel(i18n: I18n, type: string): string {
  const key = `entityType.${type}`;
  return i18n.has(key) ? i18n.t(key as MessageKey) : type;
}

/**
 * A date interval as people read it, honest about precision: "May 2016", "2016",
 * "12 May 2016", "12–14 May 2016", "≈ May–Jun 2016". Never a fake single day.
 */
export function formatInterval(i18n: I18n, from: string | null | undefined, to: string | null | undefined, precision?: string | null): string {
  if (!from && !to) return i18n.t('date.unknown');
  const a = from ?? to!;
  const b = to ?? from!;
  const approx = precision === 'approximate' || precision === 'season' || precision === 'decade' ? '≈ ' : '';
  if (precision === 'year' || (a.endsWith('-01-01') && b.endsWith('-12-31') && a.slice(0, 4) === b.slice(0, 4))) {
    return approx + a.slice(0, 4) + (b.slice(0, 4) !== a.slice(0, 4) ? `–${b.slice(0, 4)}` : '');
  }
  const wholeMonths = a.endsWith('-01') && isLastDay(b);
  if (precision === 'month' || wholeMonths) {
    const month = { year: 'numeric', month: 'long' } as const;
    if (a.slice(0, 7) === b.slice(0, 7)) return approx + i18n.date(a, month);
    // Several months ("in April and May"): both ends, the year once when it is the same.
    const first = a.slice(0, 4) === b.slice(0, 4) ? i18n.date(a, { month: 'long' }) : i18n.date(a, month);
    return `${approx}${first} – ${i18n.date(b, month)}`;
  }
  if (a === b) return approx + i18n.date(a);
  return `${approx}${i18n.date(a)} – ${i18n.date(b)}`;
}

function isLastDay(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return false;
  const next = new Date(d.getTime() + 86_400_000);
  return next.getUTCDate() === 1;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A short readable form of a claimed value ({from,to}, {name}, arrays, primitives). */
export function formatValue(i18n: I18n, field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => (field === 'types' && typeof v === 'string' ? typeLabel(i18n, v) : formatValue(i18n, field, v))).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o || 'to' in o) return formatInterval(i18n, o.from as string, o.to as string, o.precision as string);
    if (typeof o.name === 'string') return o.name;
    if (typeof o.text === 'string') return o.text;
    if ('value' in o) return `${o.approximate ? '≈ ' : ''}${String(o.value)}`;
    // A record as created: its main fields, readable.
    if (typeof o.title === 'string') {
      const when = 'dateFrom' in o || 'dateTo' in o ? formatInterval(i18n, o.dateFrom as string, o.dateTo as string) : '';
      const types = Array.isArray(o.types) ? (o.types as string[]).map((ty) => typeLabel(i18n, ty)).join(', ') : '';
      return [o.title, types, when].filter(Boolean).join(' · ');
    }
    return Object.entries(o)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
  if (field === 'status' && typeof value === 'string') return statusLabel(i18n, value);
  return String(value);
}

/** Colour slot (1..12) for an event type: the same type always gets the same colour. */
export function typeColorIndex(type: string): number {
  const i = (EVENT_TYPE_IDS as readonly string[]).indexOf(type);
  if (i >= 0) return (i % 12) + 1;
  let h = 0;
  for (const c of type) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (h % 12) + 1;
}

/** The twelve type colours, also used by the charts (CSS classes carry the same values). */
export const TYPE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e', '#393b79', '#637939'];

export function typeColor(type: string): string {
  return TYPE_COLORS[typeColorIndex(type) - 1]!;
}

/** External identifiers worth showing (GeoNames, Wikidata…); coordinates and internal keys are not. */
export function externalIds(ids: Record<string, string> | undefined): [string, string][] {
  return Object.entries(ids ?? {}).filter(([k]) => !['lat', 'lon', 'place'].includes(k));
}
