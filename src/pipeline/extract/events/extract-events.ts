/**
 * Event candidates from text (English, Russian; a first Kazakh trigger set): sentence-level
 * trigger lexicons, voice-aware argument finding, counts, the sentence's date and place,
 * negation and hedging. Every candidate carries its trigger and evidence spans so a reviewer
 * sees why Chronicle suggests it; negated and hedged mentions are kept and flagged, not dropped.
 *
 *   extractEvents({ text: 'Police detained dozens of protesters in Atyrau on 24 April.', lang: 'en',
 *     entities, dates, places })
 *   // [{ type: 'detention', esfTerm: '03010200000004', acled: { eventType: 'Strategic developments',
 *   //    subEventType: 'Arrests' }, trigger: { start: 7, end: 15 }, participants: [{ role: 'perpetrator',
 *   //    text: 'Police', … }, { role: 'victim', text: 'protesters', … }], count: { value: 24,
 *   //    approximate: true, text: 'dozens' }, place: { name: 'Atyrau', … }, date: { from: '2016-04-24', … }, … },
 *   //  { type: 'protest', acled: { eventType: 'Protests', subEventType: 'Protest with intervention' }, … }]
 *
 * Confidence = the trigger's prior (how often the word reports such an event), plus a little for
 * each argument found, minus for hedging or negation; in [0.05, 0.98]. Cost is linear in the text:
 * every pattern runs once over the whole text and arguments are searched in a bounded window.
 */
import { scannerFor } from '../boundary-scan.js';
import { literalPrefilter, type Prefilter } from '../literal-prefilter.js';
import type { DateMention } from '../dates/types.js';
import type { ResolvedPlace } from '../places/place.types.js';
import { EN_LEXICON } from './lexicon-en.js';
import { KK_LEXICON } from './lexicon-kk.js';
import type { Lexicon, TriggerRule } from './lexicon.js';
import { RU_LEXICON } from './lexicon-ru.js';
import { findArguments } from './participants.js';
import { splitParagraphs, splitSentences } from './sentences.js';
import type { EventCandidate, EventContext, EventParticipant, Span } from './types.js';
import { ACLED_PROTEST, ESF_ASSEMBLY_LAW, EVENT_TYPES, type EventType } from './vocabulary.js';

export type { EventCandidate, EventContext } from './types.js';
export { EVENT_TYPES } from './vocabulary.js';

/** Extractor name and version, for provenance on stored suggestions. */
export const EVENT_EXTRACTOR = { name: 'chronicle-events-rules', version: '0.1.0' } as const;

const LEXICONS: Record<EventContext['lang'], Lexicon> = { en: EN_LEXICON, ru: RU_LEXICON, kk: KK_LEXICON };
const MAX_EVIDENCE = 600;
const HEDGE_WINDOW = 80;

interface Hit extends Span {
  rule: TriggerRule;
}

export function extractEvents(ctx: EventContext): EventCandidate[] {
  const lex = LEXICONS[ctx.lang] ?? EN_LEXICON;
  const { text } = ctx;
  if (text.length === 0) return [];
  const hits = findTriggers(text, lex);
  if (hits.length === 0) return [];
  const sentences = splitSentences(text);
  const paragraphs = splitParagraphs(text);
  const dates = [...ctx.dates].filter(usableDate).sort((a, b) => a.start - b.start);
  const places = [...ctx.places].sort((a, b) => a.start - b.start);

  // Group hits by sentence (both lists sorted: one sweep).
  const bySentence = new Map<number, Hit[]>();
  let si = 0;
  for (const h of hits) {
    while (si < sentences.length && sentences[si]!.end <= h.start) si++;
    const s = sentences[si];
    if (!s || s.start > h.start || h.end > s.end) continue; // a trigger across a sentence break
    const list = bySentence.get(si) ?? [];
    list.push(h);
    bySentence.set(si, list);
  }

  const out: EventCandidate[] = [];
  for (const [index, list] of bySentence) {
    const sentence = sentences[index]!;
    // One event per type per sentence: the strongest trigger (first on ties).
    const best = new Map<EventType, Hit>();
    for (const h of list) {
      const cur = best.get(h.rule.type);
      if (!cur || h.rule.strength > cur.rule.strength) best.set(h.rule.type, h);
    }
    const types = new Set(best.keys());
    for (const h of best.values()) out.push(buildCandidate(ctx, lex, sentence, h, types, dates, places, paragraphs));
  }
  return out.sort((a, b) => a.trigger.start - b.trigger.start);
}

/**
 * Whether the global pattern `re` matches somewhere in `s`, as `re.lastIndex = 0; re.test(s)`
 * says, by its scanner (boundary-scan.ts: the leading lookbehind is not tested at every position).
 */
function matchesIn(re: RegExp, s: string): boolean {
  return scannerFor(re)(s, 0) !== null;
}

const prefilters = new WeakMap<readonly TriggerRule[], Prefilter>();

/** All trigger matches, overlaps resolved in favour of the longer match. */
function findTriggers(text: string, lex: Lexicon): Hit[] {
  const all: Hit[] = [];
  let prefilter = prefilters.get(lex.triggers);
  if (prefilter === undefined) {
    prefilter = literalPrefilter(lex.triggers.map((r) => r.re));
    prefilters.set(lex.triggers, prefilter);
  }
  // Rules none of whose literals occur in the text cannot match (literal-prefilter.ts).
  const may = prefilter(text);
  for (let r = 0; r < lex.triggers.length; r++) {
    if (!may[r]) continue;
    const rule = lex.triggers[r]!;
    const next = scannerFor(rule.re);
    for (let m = next(text, 0); m !== null; m = next(text, m[0].length === 0 ? m.index + 1 : m.index + m[0].length)) {
      if (m[0].length === 0) continue;
      all.push({ start: m.index, end: m.index + m[0].length, rule });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end || b.rule.strength - a.rule.strength);
  const kept: Hit[] = [];
  for (const h of all) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      // Same type, stronger wording ("adopted a law restricting"): keep the stronger trigger.
      if (h.rule.type === last.rule.type && h.rule.strength > last.rule.strength) kept[kept.length - 1] = h;
      continue;
    }
    kept.push(h);
  }
  return kept;
}

function buildCandidate(
  ctx: EventContext, lex: Lexicon, sentence: Span, hit: Hit, typesInSentence: Set<EventType>,
  dates: DateMention[], places: ResolvedPlace[], paragraphs: Span[],
): EventCandidate {
  const { text } = ctx;
  const type = hit.rule.type;
  const info = EVENT_TYPES[type];
  const trigger = { start: hit.start, end: hit.end };
  const isGathering = type === 'protest' || type === 'riot';

  const args = findArguments(ctx, lex, sentence, trigger, hit.rule.voice);
  const participants: EventParticipant[] = isGathering
    ? args.victims.map((v) => ({ ...v, role: 'other' as const }))
    : [...args.perpetrators, ...args.victims];

  let acled: EventCandidate['acled'] = info.acled ? { ...info.acled } : null;
  if (type === 'protest') {
    const s = text.slice(sentence.start, sentence.end);
    if (typesInSentence.has('attack-on-protest') || typesInSentence.has('killing') || matchesIn(lex.forceWords, s)) {
      acled = { ...ACLED_PROTEST.excessiveForce };
    } else if (['detention', 'arrest', 'dispersal'].some((t) => typesInSentence.has(t as EventType))) {
      acled = { ...ACLED_PROTEST.intervention };
    }
  }
  let esfTerm: string | null = info.esf?.id ?? null;
  if (type === 'restrictive-law') {
    if (matchesIn(lex.assemblyTopic, text.slice(sentence.start, sentence.end))) esfTerm = ESF_ASSEMBLY_LAW.id;
  }

  const left = text.slice(Math.max(sentence.start, hit.start - HEDGE_WINDOW), hit.start);
  const before = text.slice(sentence.start, hit.start);
  const afterText = text.slice(hit.end, sentence.end);
  const denied = matchesIn(lex.denial, before) || (lex.denialAfter && matchesIn(lex.denial, afterText.slice(0, HEDGE_WINDOW)));
  const negated = lex.negationNear.test(text.slice(Math.max(sentence.start, hit.start - 40), hit.start)) || denied;
  const hedged = matchesIn(lex.hedge, left);

  const victimEnds = args.victims.map((v) => v.start);
  const count = findCount(ctx, lex, sentence, trigger, victimEnds, dates);
  const date = pickDate(text, sentence, trigger, dates, paragraphs);
  const place = pickPlace(sentence, trigger, places, paragraphs, !NATIONWIDE.has(type));

  let confidence = hit.rule.strength;
  if (args.perpetrators.length > 0) confidence += 0.05;
  if (args.victims.length > 0) confidence += 0.07;
  if (date) confidence += 0.03;
  if (place) confidence += 0.02;
  if (hedged) confidence -= 0.15;
  if (negated) confidence -= 0.2;
  confidence = Math.round(Math.min(0.98, Math.max(0.05, confidence)) * 100) / 100;

  return {
    type,
    esfTerm,
    acled,
    trigger,
    evidence: clipEvidence(text, sentence, trigger),
    date,
    place: place ?? null,
    participants,
    count,
    negated,
    hedged,
    confidence,
  };
}

/** Durations ("five years") and vague references are not the date of an event. */
function usableDate(d: DateMention): boolean {
  return !(d.timex && (/^P/.test(d.timex) || /_REF$/.test(d.timex)));
}

function nearest<T extends Span>(items: T[], trigger: Span): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const it of items) {
    const d = it.end <= trigger.start ? trigger.start - it.end : Math.max(0, it.start - trigger.end);
    if (d < bestD) { best = it; bestD = d; }
  }
  return best;
}

/** Acts of a state as a whole (a law, a ban, a shutdown): a report's local setting is not their place. */
const NATIONWIDE = new Set<EventType>(['restrictive-law', 'censorship', 'dissolution', 'travel-ban']);

/** Coarse to fine: a finer place inside a coarser one in the same sentence is the more precise answer. */
const PLACE_RANK: Record<ResolvedPlace['kind'], number> = { country: 0, admin1: 1, admin2: 2, city: 3, town: 3, village: 3 };

function within(fine: ResolvedPlace, coarse: ResolvedPlace): boolean {
  if (PLACE_RANK[fine.kind] <= PLACE_RANK[coarse.kind] || fine.country !== coarse.country) return false;
  return coarse.kind === 'country' || (fine.admin1 !== null && fine.admin1 === coarse.admin1);
}

/**
 * The place of an event: the mention in the sentence nearest the trigger, or a finer place in the
 * sentence that lies inside it ("the court of Atyrau … article 488 of the Code of the Republic of
 * Kazakhstan" -> Atyrau). Without one: the last place earlier in the paragraph; else (`useSetting`,
 * not for nationwide acts such as laws) the report's setting, when every city-level (or finer)
 * place named before the sentence is the same one.
 */
function pickPlace(sentence: Span, trigger: Span, places: ResolvedPlace[], paragraphs: Span[], useSetting: boolean): ResolvedPlace | null {
  const inSentence = places.filter((p) => p.start >= sentence.start && p.end <= sentence.end);
  const near = nearest(inSentence, trigger);
  if (near) {
    const finer = inSentence.filter((p) => within(p, near));
    return nearest(finer, trigger) ?? near;
  }
  const para = paragraphs.find((p) => p.start <= sentence.start && sentence.end <= p.end);
  const before = places.filter((p) => p.end <= sentence.start);
  const inPara = para ? before.filter((p) => p.start >= para.start) : [];
  if (inPara.length > 0) return inPara[inPara.length - 1]!;
  if (!useSetting) return null;
  const local = before.filter((p) => PLACE_RANK[p.kind] >= 2);
  const last = local[local.length - 1];
  return last && local.every((p) => p.name === last.name && p.country === last.country) ? last : null;
}

const DATE_JOIN = /^\s*(?:and|to|through|until|or|-|–|—|и|по|до|или|және)\s*$/iu;
/** What may stand between a count and its victim noun (a module constant: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation). */
const COUNT_TO_VICTIM = /^\s*(?:of\s+)?(?:(?:the|other|more|young|local|peaceful|opposition|\p{L}+(?:ых|их|ые|ие|ful|al|ed|ing))\s+){0,2}$/iu;

/** The date mention in the sentence nearest the trigger (coordinated dates merged), else the
 *  last one before the sentence in its paragraph. */
function pickDate(text: string, sentence: Span, trigger: Span, dates: DateMention[], paragraphs: Span[]): DateMention | null {
  const inSentence = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const d = nearest(inSentence, trigger);
  if (d) {
    let first = d;
    let last = d;
    const i = inSentence.indexOf(d);
    for (let j = i; j + 1 < inSentence.length && DATE_JOIN.test(text.slice(inSentence[j]!.end, inSentence[j + 1]!.start)); j++) last = inSentence[j + 1]!;
    for (let j = i; j > 0 && DATE_JOIN.test(text.slice(inSentence[j - 1]!.end, inSentence[j]!.start)); j--) first = inSentence[j - 1]!;
    if (first === last) return d;
    return {
      text: text.slice(first.start, last.end),
      start: first.start,
      end: last.end,
      from: first.from < last.from ? first.from : last.from,
      to: first.to > last.to ? first.to : last.to,
      precision: first.precision === last.precision ? first.precision : 'approximate',
    };
  }
  const para = paragraphs.find((p) => p.start <= sentence.start && sentence.end <= p.end);
  if (!para) return null;
  const earlier = dates.filter((x) => x.start >= para.start && x.end <= sentence.start);
  return earlier[earlier.length - 1] ?? null;
}

function findCount(
  ctx: EventContext, lex: Lexicon, sentence: Span, trigger: Span, victimStarts: number[], dates: DateMention[],
): EventCandidate['count'] {
  if (victimStarts.length === 0) return null;
  const { text } = ctx;
  const from = Math.max(sentence.start, trigger.start - 200);
  const to = Math.min(sentence.end, trigger.end + 200);
  const slice = text.slice(from, to);
  // The matches `lex.counts.re.exec` gives, without its leading lookbehind tested everywhere (boundary-scan.ts).
  const next = scannerFor(lex.counts.re);
  for (let m = next(slice, 0); m !== null; m = next(slice, m[0].length === 0 ? m.index + 1 : m.index + m[0].length)) {
    if (m[0].length === 0) continue;
    const start = from + m.index;
    const end = start + m[0].length;
    if (dates.some((d) => d.start < end && start < d.end)) continue;
    // The number must directly qualify a victim: "dozens of protesters", "5 человек".
    const qualifies = victimStarts.some((v) => v >= end && v - end <= 30
      && COUNT_TO_VICTIM.test(text.slice(end, v)));
    if (!qualifies) continue;
    const value = lex.counts.value(m);
    if (value === null || !Number.isFinite(value) || value <= 0 || value > 10_000_000) continue;
    const numText = text.slice(start, end).replace(/\s+of$/iu, '');
    return { value, approximate: lex.counts.approximate(m), text: numText };
  }
  return null;
}

function clipEvidence(text: string, sentence: Span, trigger: Span): Span {
  if (sentence.end - sentence.start <= MAX_EVIDENCE) return { ...sentence };
  let start = Math.max(sentence.start, trigger.start - MAX_EVIDENCE / 2);
  let end = Math.min(sentence.end, trigger.end + MAX_EVIDENCE / 2);
  // Snap to whitespace so no word is cut, without losing the trigger.
  const sp = text.indexOf(' ', start);
  if (sp !== -1 && sp < trigger.start) start = sp + 1;
  const ep = text.lastIndexOf(' ', end);
  if (ep >= trigger.end) end = ep;
  return { start, end };
}
