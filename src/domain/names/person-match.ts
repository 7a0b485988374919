/**
 * Comparing two readings of persons' names, part by part. Each part is equal, matches by
 * an initial, differs by one letter ("near"), conflicts, or is absent on one side; the
 * score comes from a small table over the surname and given-name outcomes, so every score
 * can be explained by its reasons. A conflict in any written part is a hard 0: two people
 * who share a surname are exactly the case Chronicle must not merge.
 *
 *   surname equal + given equal          0.95   (Max Bokayev / Бокаев Макс)
 *   surname equal + initial matches      0.85   (Н. Назарбаев / Nursultan Nazarbayev)
 *   surname equal, one side has no given 0.80   (Nazarbayev / Nursultan Nazarbayev)
 *   surname equal + both only initials   0.70   (N. Nazarbayev / Н. Назарбаев)
 *   surname equal but other gender       0.40-0.45 (Ivanov / Ivanova)
 *   bare given name equal                0.40   (Max / Max Bokayev)
 *   any written part conflicts           0      (A. Nazarbayev / Nursultan Nazarbayev)
 */
import type { Gender, WordForm } from './inflection.js';
import type { NamePart, ParsedPerson, PersonReading } from './name-parse.js';
import { COMMON_SURNAMES, SURNAME_SHAPE } from './name-tables.js';
import { computeEditDistance, hasCyrillic } from './transliterate.js';

export interface Scored {
  score: number;
  reasons: string[];
  /** Set when the match rests on the surname with at most an initial: context may change it. */
  partialSurname: string | null;
}

type Outcome = 'equal' | 'initial' | 'initials' | 'near' | 'suffix' | 'gender' | 'conflict' | 'absent';
interface PartResult {
  outcome: Outcome;
  oblique: boolean;
  reason: string;
  /** Surnames: the matched word may be a man's or a woman's form (Назарбаева, Бокаеву). */
  ambiguous?: boolean;
}

const areCompatible = (a: readonly Gender[], b: readonly Gender[]): boolean =>
  a.length === 0 || b.length === 0 || a.some((g) => b.includes(g));

/** Genders a side's title and patronymic state (empty: unknown). */
function collectSideGenders(p: ParsedPerson, r: PersonReading): Gender[] {
  const stated: Gender[][] = [];
  if (p.titleGender) stated.push([p.titleGender]);
  for (const m of r.middle) {
    const g = m.forms?.[0]?.genders ?? [];
    if (g.length > 0) stated.push([...g]);
  }
  return stated.reduce<Gender[]>((acc, g) => (acc.length === 0 ? g : acc.filter((x) => g.includes(x))), []);
}

/** Forms of a part that agree with what the rest of the name says about gender. */
function selectForms(part: NamePart, side: Gender[]): readonly WordForm[] {
  const forms = part.forms ?? [];
  const ok = forms.filter((f) => areCompatible(f.genders, side));
  return ok.length > 0 ? ok : forms;
}

/** Compare two written parts (given names, patronymics): equal, by initial, near, or not. */
function compareParts(a: NamePart, b: NamePart): PartResult {
  if (a.forms === null || b.forms === null) {
    if (a.forms === null && b.forms === null) {
      const ok = a.initial.startsWith(b.initial) || b.initial.startsWith(a.initial);
      return ok ? { outcome: 'initials', oblique: false, reason: `initials ${a.text} and ${b.text} agree` }
        : { outcome: 'conflict', oblique: false, reason: `initials differ (${a.text} vs ${b.text})` };
    }
    const [init, full] = a.forms === null ? [a, b] : [b, a];
    const ok = (full.forms ?? []).some((f) => f.key.startsWith(init.initial));
    return ok ? { outcome: 'initial', oblique: false, reason: `initial ${init.text.replace(/\.$/u, '')} matches ${full.text}` }
      : { outcome: 'conflict', oblique: false, reason: `initial ${init.text} does not match ${full.text}` };
  }
  let oblique: boolean | null = null;
  for (const fa of a.forms) for (const fb of b.forms) {
    if (fa.key === fb.key && (oblique === null || oblique)) oblique = fa.oblique || fb.oblique;
  }
  if (oblique !== null) {
    const how = a.text === b.text ? 'identical' : oblique ? 'equal once the case ending is removed' : 'equal after transliteration';
    return { outcome: 'equal', oblique, reason: `${a.text} / ${b.text}: ${how}` };
  }
  const ka = a.forms[0]!.key;
  const kb = b.forms[0]!.key;
  if (Math.min(ka.length, kb.length) >= 5 && computeEditDistance(ka, kb, 1) <= 1) {
    return { outcome: 'near', oblique: false, reason: `${a.text} and ${b.text} differ by one letter` };
  }
  return { outcome: 'conflict', oblique: false, reason: `${a.text} and ${b.text} differ` };
}

const DROPPABLE_SUFFIX = ['ov', 'ev', 'in', 'uli'];

/** Compare surnames by their masculine base; gender and dropped Russian suffixes noted. */
function compareSurnames(a: NamePart, b: NamePart, ga: Gender[], gb: Gender[]): PartResult {
  if (a.forms === null || b.forms === null) return compareParts(a, b);
  let best: PartResult | null = null;
  // A side is ambiguous when its word reads as both genders and nothing else in the name decides.
  const ambiguousSide = (p: NamePart, side: Gender[], key: string): boolean => side.length === 0
    && (['m', 'f'] as const).every((g) => (p.forms ?? []).some((f) => f.key === key && f.genders.includes(g)));
  for (const fa of selectForms(a, ga)) for (const fb of selectForms(b, gb)) {
    if (fa.key !== fb.key) continue;
    const sideA = fa.genders.length > 0 ? fa.genders : ga;
    const sideB = fb.genders.length > 0 ? fb.genders : gb;
    const oblique = fa.oblique || fb.oblique;
    if (areCompatible(sideA, sideB)) {
      const how = oblique ? 'equal once the case ending is removed' : 'equal after transliteration';
      const ambiguous = ambiguousSide(a, ga, fa.key) || ambiguousSide(b, gb, fb.key);
      if (!best || best.outcome !== 'equal' || best.oblique) best = { outcome: 'equal', oblique, ambiguous, reason: `surname ${a.text} / ${b.text} ${how}` };
    } else if (!best) {
      best = { outcome: 'gender', oblique, reason: `surname forms ${a.text} / ${b.text} are a man's and a woman's` };
    }
  }
  if (best) return best;
  const ka = a.forms[0]!.key;
  const kb = b.forms[0]!.key;
  const [s, l] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  if (s.length >= 3 && DROPPABLE_SUFFIX.some((x) => l === s + x)) {
    return { outcome: 'suffix', oblique: false, reason: `surnames ${a.text} / ${b.text} differ only by a Russian or Kazakh suffix` };
  }
  if (s.length >= 6 && computeEditDistance(ka, kb, 1) <= 1) {
    return { outcome: 'near', oblique: false, reason: `surnames ${a.text} / ${b.text} differ by one letter` };
  }
  return { outcome: 'conflict', oblique: false, reason: `surnames differ (${a.text} vs ${b.text})` };
}

/** Given names, with "Kasym Zhomart" read as the hyphenless "Kasym-Zhomart". */
function compareGiven(a: PersonReading, b: PersonReading): PartResult {
  const [ga, gb] = [a.given[0], b.given[0]];
  if (!ga || !gb) return { outcome: 'absent', oblique: false, reason: '' };
  const direct = compareParts(ga, gb);
  if (direct.outcome !== 'conflict') return direct;
  const joined = (r: PersonReading): string | null => {
    const m = r.middle[0];
    return r.given[0]?.forms && m?.forms ? r.given[0].forms[0]!.key + m.forms[0]!.key : null;
  };
  const ja = joined(a);
  const jb = joined(b);
  if (ja !== null && gb.forms?.some((f) => f.key === ja) || jb !== null && ga.forms?.some((f) => f.key === jb)) {
    return { outcome: 'equal', oblique: false, reason: 'given names equal once written as one word' };
  }
  return direct;
}

/** Middle parts (patronymic or second given name): only the first is compared. */
function compareMiddle(a: PersonReading, b: PersonReading, givenJoined: boolean): PartResult {
  const [ma, mb] = [a.middle[0], b.middle[0]];
  if (!ma || !mb || givenJoined) return { outcome: 'absent', oblique: false, reason: '' };
  return compareParts(ma, mb);
}

/** "Abish Nazarbayev" vs "Nursultan Abishevich Nazarbayev": the first may be the father. */
function describeParentHint(a: PersonReading, b: PersonReading): string | null {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const given = x.given[0]?.forms?.[0]?.key;
    const patronymic = y.middle[0]?.forms?.[0]?.key;
    if (given && patronymic && given === patronymic) return `${x.given[0]!.text} matches the patronymic ${y.middle[0]!.text}: possibly parent and child`;
  }
  return null;
}

/** Whether a given name matched only as a case form could itself be a feminine nominative (-а/-я). */
function mayBeFeminineNominative(a: PersonReading, b: PersonReading): boolean {
  const [ga, gb] = [a.given[0]?.forms, b.given[0]?.forms];
  if (!ga || !gb) return false;
  const direct = ga.some((x) => !x.oblique && gb.some((y) => !y.oblique && x.key === y.key));
  // "-ея" is a man's genitive (Сергея, Андрея), hardly ever a woman's name.
  return !direct && [ga[0]!, gb[0]!].some((f) => /a$/.test(f.key) && !/eia$/.test(f.key) && !f.oblique);
}

const hasName = (r: PersonReading): boolean => r.given.length > 0 || r.middle.length > 0;

/** Score one reading of each name against the other; the caller takes the best pair. */
export function scoreReadings(pa: ParsedPerson, a: PersonReading, pb: ParsedPerson, b: PersonReading): Scored {
  const ga = collectSideGenders(pa, a);
  const gb = collectSideGenders(pb, b);
  const sur = a.surname && b.surname ? compareSurnames(a.surname, b.surname, ga, gb) : { outcome: 'absent' as const, oblique: false, reason: '' };
  const giv = compareGiven(a, b);
  const mid = compareMiddle(a, b, giv.reason.includes('one word'));
  const parts = [sur, giv, mid].filter((p) => p.reason !== '');
  const reasons = parts.map((p) => p.reason);
  const conflict = parts.find((p) => p.outcome === 'conflict');
  if (conflict) {
    const hint = describeParentHint(a, b);
    return { score: 0, reasons: hint ? [...reasons, hint] : reasons, partialSurname: null };
  }
  if (pa.generation !== null && pb.generation !== null && pa.generation !== pb.generation) {
    return { score: 0, reasons: [...reasons, `generation marks differ (${pa.generation} vs ${pb.generation})`], partialSurname: null };
  }
  if (!areCompatible(ga, gb)) {
    return { score: 0, reasons: [...reasons, 'titles or patronymics say one is a man, the other a woman'], partialSurname: null };
  }
  let score = lookupBaseScore(sur.outcome, giv.outcome, a, b);
  if (sur.outcome === 'equal' && giv.outcome === 'absent' && !hasName(a) !== !hasName(b)) {
    reasons.push('surname-only mention with no conflicting given name');
  }
  if (sur.outcome === 'absent' && giv.outcome === 'equal' && mid.outcome === 'equal' && (a.surname || b.surname)) {
    score = 0.6;
    reasons.push('given name and patronymic agree, but one name has no surname');
  } else if (sur.outcome === 'absent' && giv.outcome === 'equal') reasons.push('only a given name in common');
  if (sur.outcome === 'equal' && giv.outcome === 'absent' && COMMON_SURNAMES.has(a.surname!.forms?.[0]?.key ?? '')) {
    score = Math.min(score, 0.55);
    reasons.push('a common surname on its own is weak evidence');
  }
  if (score >= 0.8 && mid.outcome === 'equal') score += 0.03;
  if (score >= 0.7 && mid.outcome === 'initial') score += 0.05;
  if (score >= 0.7 && mid.outcome === 'initials') score += 0.1;
  if (mid.outcome === 'near') score = Math.min(score, 0.6);
  const partial = sur.outcome === 'equal' && ['absent', 'initial', 'initials'].includes(giv.outcome);
  if (partial && sur.ambiguous) {
    score -= 0.02;
    reasons.push('the surname form may also be a woman\'s, so the short mention may be someone else');
  }
  if (giv.outcome === 'equal' && giv.oblique && sur.ambiguous && mayBeFeminineNominative(a, b)) {
    score = Math.min(score, 0.75);
    reasons.push('read as nominative, the name may be a woman\'s (Александра Иванова / Aleksandr Ivanov)');
  }
  if (pa.generation !== pb.generation && score > 0.7) {
    score = 0.7;
    reasons.push('only one name carries a generation mark (Jr/Sr)');
  }
  if (a.guessed || b.guessed) {
    score = Math.min(score, 0.7);
    reasons.push('matches only with the name order reversed');
  }
  return { score: Math.max(0, Math.min(1, score)), reasons, partialSurname: partial ? a.surname!.forms?.[0]?.key ?? null : null };
}

/**
 * Two bare words ("Nazarbayev" / "Назарбаев"): 0.85 when the word has a surname's shape,
 * else 0.6 — "Max" / "Макс" may as well be a given name. Null when either has a given name.
 */
function scoreBareWords(a: PersonReading, b: PersonReading): number | null {
  if (hasName(a) || hasName(b)) return null;
  // A surname ending on the key itself, or a Cyrillic nominative with a gender (Путин); a case
  // reading alone does not count: "Нурсултана" is read as a case form of anything ending in -а.
  const shaped = (r: PersonReading): boolean => (r.surname?.forms ?? []).some((f) => SURNAME_SHAPE.test(f.key)
    || !f.oblique && f.genders.length > 0 && hasCyrillic(r.surname!.text));
  return shaped(a) || shaped(b) ? 0.85 : 0.6;
}

/** The score table (see the file comment). */
function lookupBaseScore(sur: Outcome, giv: Outcome, a: PersonReading, b: PersonReading): number {
  if (sur === 'absent') {
    if (!a.surname && !b.surname) return giv === 'equal' ? 0.4 : giv === 'absent' ? 0.1 : 0.2;
    return giv === 'equal' ? 0.4 : 0.1;
  }
  const table: Partial<Record<Outcome, Partial<Record<Outcome, number>>>> = {
    equal: { equal: 0.95, initial: 0.85, initials: 0.7, near: 0.6, absent: scoreBareWords(a, b) ?? 0.8 },
    gender: { equal: 0.45, initial: 0.45, initials: 0.4, near: 0.4, absent: 0.4 },
    suffix: { equal: 0.6, initial: 0.5, initials: 0.45, near: 0.45, absent: 0.4 },
    near: { equal: 0.65, initial: 0.5, initials: 0.45, near: 0.45, absent: 0.45 },
    initials: { equal: 0.6, initial: 0.5, initials: 0.4, near: 0.4, absent: 0.3 },
    initial: { equal: 0.6, initial: 0.5, initials: 0.4, near: 0.4, absent: 0.3 },
  };
  return table[sur]?.[giv] ?? 0.1;
}
