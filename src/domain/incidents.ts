/**
 * Whether two reports describe the same incident. Pure rules; the service gathers the data.
 *
 * Reports of one arrest differ in wording, language, spelling and detail, so the decision
 * rests on what stays stable: the kind of act (by family: an "arrest" in one report is a
 * "detention" in another), when (intervals that overlap, with a few days' slack for
 * "yesterday" and statements issued the day after), who (the same resolved victim) and
 * where (the same place). Type and date alone are not enough: two detentions in one week
 * are common. A shared victim, or a shared place when neither report names a victim, is.
 *
 * Example: { family custody, 2024-03-12, victim ent_A, place ent_P } vs
 *          { family custody, 2024-03-12..2024-03-13, victim ent_A, place null } → 0.9, same.
 */

/** Event types grouped by what one incident is reported as. */
const FAMILY: Record<string, string> = {
  arrest: 'custody',
  detention: 'custody',
  'house-arrest': 'custody',
  sentencing: 'prosecution',
  charges: 'prosecution',
  fine: 'prosecution',
  torture: 'ill-treatment',
  'ill-treatment': 'ill-treatment',
  killing: 'killing',
  'death-in-custody': 'killing',
  protest: 'protest',
  riot: 'protest',
  'attack-on-protest': 'protest-response',
  dispersal: 'protest-response',
  'assembly-ban': 'protest-response',
  harassment: 'harassment',
  threats: 'harassment',
};

export function typeFamilyOf(type: string): string {
  return FAMILY[type] ?? type;
}

export interface IncidentView {
  types: string[];
  dateFrom: string | null;
  dateTo: string | null;
  /** Root entity ids of named victims. */
  victimIds: string[];
  placeId: string | null;
  /** Sources already attached; a source never joins an event twice. */
  sourceIds: string[];
}

export interface IncidentMatch {
  score: number;
  same: boolean;
  reasons: string[];
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;
}

/** Days between two intervals (0 when they overlap), or null when either is unknown. */
export function intervalGapDays(aFrom: string | null, aTo: string | null, bFrom: string | null, bTo: string | null): number | null {
  if (!aFrom || !aTo || !bFrom || !bTo) return null;
  const gap = Math.max(dayNumber(aFrom) - dayNumber(bTo), dayNumber(bFrom) - dayNumber(aTo));
  return Math.max(0, gap);
}

const SLACK_DAYS = 3;

export function matchIncident(candidate: IncidentView, existing: IncidentView): IncidentMatch {
  const reasons: string[] = [];
  const families = new Set(existing.types.map(typeFamilyOf));
  if (!candidate.types.some((t) => families.has(typeFamilyOf(t)))) return { score: 0, same: false, reasons: ['different kinds of act'] };
  reasons.push('same kind of act');

  const gap = intervalGapDays(candidate.dateFrom, candidate.dateTo, existing.dateFrom, existing.dateTo);
  if (gap !== null && gap > SLACK_DAYS) return { score: 0, same: false, reasons: [`dates ${gap} days apart`] };
  let score = 0.3;
  if (gap !== null) {
    score += gap === 0 ? 0.2 : 0.1;
    reasons.push(gap === 0 ? 'dates overlap' : `dates within ${gap} days`);
  }

  const sharedVictim = candidate.victimIds.some((v) => existing.victimIds.includes(v));
  const bothNamed = candidate.victimIds.length > 0 && existing.victimIds.length > 0;
  if (sharedVictim) {
    score += 0.4;
    reasons.push('same victim');
  } else if (bothNamed) {
    return { score: 0, same: false, reasons: [...reasons, 'different victims'] };
  }
  const samePlace = candidate.placeId !== null && candidate.placeId === existing.placeId;
  const placesDiffer = candidate.placeId !== null && existing.placeId !== null && !samePlace;
  if (samePlace) {
    score += 0.2;
    reasons.push('same place');
  } else if (placesDiffer && !sharedVictim) {
    return { score: 0, same: false, reasons: [...reasons, 'different places'] };
  }
  // Without a shared victim, type + place + overlapping date is the most we can go on.
  const same = sharedVictim ? gap !== null || samePlace : samePlace && gap === 0;
  return { score: Math.min(1, score), same, reasons };
}

/**
 * How many independent sources support an event: near-duplicate and syndicated copies
 * (a `duplicateOf` chain) and several pages of one site count once.
 */
export function countIndependentSources(
  sources: { sourceId: string; duplicateOf: string | null; finalUrl: string | null }[],
): { count: number; groups: string[][] } {
  const byId = new Map(sources.map((s) => [s.sourceId, s]));
  const groups = new Map<string, string[]>();
  for (const s of sources) {
    let root = s.sourceId;
    const seen = new Set<string>();
    while (!seen.has(root)) {
      seen.add(root);
      const next: string | null = byId.get(root)?.duplicateOf ?? (root === s.sourceId ? s.duplicateOf : null);
      if (!next) break;
      root = next;
    }
    const host = hostOf(byId.get(root)?.finalUrl ?? s.finalUrl);
    const key = host ? `host:${host}` : `src:${root}`;
    groups.set(key, [...(groups.get(key) ?? []), s.sourceId]);
  }
  return { count: groups.size, groups: [...groups.values()] };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export interface Term {
  value: number;
  unit: 'day' | 'month' | 'year';
}

const TERM_UNITS: [RegExp, Term['unit']][] = [
  [/^(?:days?|суток|сутки|сут\.?|дн(?:я|ей|ень)|күн\p{L}*)$/iu, 'day'],
  [/^(?:months?|месяц\p{L}*|ай\p{L}*)$/iu, 'month'],
  [/^(?:years?|лет|год\p{L}*|жыл\p{L}*)$/iu, 'year'],
];

/**
 * A custodial term written in a passage: "10 days of administrative arrest" → 10 day,
 * "15 суток административного ареста" → 15 day, "сроком на 2 года" → 2 year. Null when the
 * passage names no term. Sources often disagree on it, so it is coded as its own claim.
 */
export function parseTerm(passage: string): Term | null {
  const m = /(\d{1,4})\s*(?:-?\s*)(days?|months?|years?|суток|сутки|сут\.?|дн(?:я|ей|ень)|месяц\p{L}*|лет|год\p{L}*|күн\p{L}*|ай\p{L}*|жыл\p{L}*)(?![\p{L}])/iu.exec(passage);
  if (!m) return null;
  const unit = TERM_UNITS.find(([re]) => re.test(m[2]!))?.[1];
  return unit ? { value: Number(m[1]), unit } : null;
}
