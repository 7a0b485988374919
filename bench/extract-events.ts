/**
 * Benchmark: event extraction on NEREL v1.1 (Russian Wikinews, brat standoff), dev split by
 * default (`--split train` for the larger train split, which the rules were not tuned on).
 * The pipeline is the real one: our NER tagger, date and place extractors feed `extractEvents`.
 *
 * NEREL has no "event type" layer, so the gold is derived from what it does annotate:
 * - custody (arrest/detention): EVENT spans whose text contains a word starting арест-/задерж-
 *   (not задержк-, "delay"). Predicted: events of type arrest, detention, house-arrest.
 * - sentencing (EVENT): EVENT spans whose text contains приговор-/осужд-/осуд-/признан… виновн-.
 *   Predicted: events of type sentencing.
 *   Trigger detection is scored by overlap: a gold span is found when a predicted trigger of the
 *   class overlaps it; a predicted trigger is correct when it overlaps a gold span of the class.
 *   This is strict on precision: NEREL does not mark every generic mention ("аресты") as EVENT.
 * - sentencing (relations): every CONVICTED_OF / PENALIZED_AS relation is a sentencing fact about
 *   its Arg1 (the convicted person). One gold unit per (sentence holding Arg2, Arg1) pair — the
 *   two relations of one person in one sentence count once. Found when a predicted sentencing
 *   event's evidence covers that sentence.
 * - arguments: for a found custody EVENT, the gold persons are PARTICIPANT_IN Arg1 spans of type
 *   PERSON in the same sentence (PARTICIPANT_IN does not say victim/perpetrator; for arrests a
 *   PERSON participant is nearly always the one arrested); for a found sentencing unit, Arg1.
 *   Correct when one of the event's victim participants overlaps a gold person. Events whose
 *   gold person is only outside the sentence (coreference) are counted apart, not scored.
 *
 *   node --import tsx bench/extract-events.ts            # table
 *   node --import tsx bench/extract-events.ts --json     # one JSON object
 *   node --import tsx bench/extract-events.ts --errors   # misses and false alarms
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { extractDates } from '../src/pipeline/extract/dates/extract-dates.js';
import { extractEvents } from '../src/pipeline/extract/events/extract-events.js';
import { splitSentences } from '../src/pipeline/extract/events/sentences.js';
import type { EventCandidate, EventContext, Span } from '../src/pipeline/extract/events/types.js';
import { tagEntities } from '../src/pipeline/extract/ner/tagger.js';
import { extractPlaces } from '../src/pipeline/extract/places/index.js';
import { evalRoot } from './data-paths.js';

export const NEREL_DIR = join(evalRoot, 'nerel-ru/NEREL-v1.1');

interface AnnSpan extends Span { id: string; type: string; text: string }
interface Relation { type: string; arg1: string; arg2: string }
export interface NerelDoc { name: string; text: string; spans: Map<string, AnnSpan>; relations: Relation[] }

export function loadNerel(split: 'dev' | 'train' = 'dev', dir = NEREL_DIR): NerelDoc[] {
  const d = join(dir, split);
  if (!existsSync(d)) throw new Error(`NEREL not found at ${d}`);
  return readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const name = f.replace(/\.txt$/, '');
    const text = readFileSync(join(d, f), 'utf8');
    const spans = new Map<string, AnnSpan>();
    const relations: Relation[] = [];
    for (const line of readFileSync(join(d, `${name}.ann`), 'utf8').split('\n')) {
      const [id, body, t] = line.split('\t');
      if (!id || !body) continue;
      if (id.startsWith('T')) {
        const m = /^(\S+) (\d+) .*?(\d+)$/.exec(body); // discontinuous "a b;c d": first start, last end
        if (m) spans.set(id, { id, type: m[1]!, start: Number(m[2]), end: Number(m[3]), text: t ?? '' });
      } else if (id.startsWith('R')) {
        const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)/.exec(body);
        if (m) relations.push({ type: m[1]!, arg1: m[2]!, arg2: m[3]! });
      }
    }
    return { name, text, spans, relations };
  });
}

const CUSTODY_GOLD = /(?<![\p{L}])(?:арест|задерж(?!к))/iu;
const SENTENCING_GOLD = /(?<![\p{L}])(?:приговор|осужд|осуд|признан\p{L}* виновн|признал\p{L}* виновн)/iu;
const CUSTODY_TYPES = new Set(['arrest', 'detention', 'house-arrest']);
/** NEREL's CONVICTED_OF also links people to crimes they are only accused or fined for. */
const LEGAL_TYPES = new Set(['sentencing', 'charges', 'fine', 'arrest', 'detention', 'house-arrest']);

export function contextFor(text: string): EventContext {
  return {
    text, lang: 'ru', entities: tagEntities(text, 'ru'),
    dates: extractDates(text, { lang: 'ru', reference: '2020-01-01' }), places: extractPlaces(text, 'ru'),
  };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

interface Prf { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
function prf(tpGold: number, goldN: number, tpPred: number, predN: number): Prf {
  const precision = predN ? tpPred / predN : 0;
  const recall = goldN ? tpGold / goldN : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { tp: tpGold, fp: predN - tpPred, fn: goldN - tpGold, precision: r(precision), recall: r(recall), f1: r(f1) };
}

export function evaluateEvents(docs: NerelDoc[], log?: (s: string) => void) {
  const c = { custody: { gold: 0, found: 0, pred: 0, predOk: 0 }, sentEv: { gold: 0, found: 0, pred: 0, predOk: 0 } };
  const rel = { gold: 0, found: 0, pred: 0, predOk: 0 };
  let relLegalFound = 0;
  const arg = { custody: { scored: 0, correct: 0, outside: 0 }, sentencing: { scored: 0, correct: 0, outside: 0 } };
  const polarity = { negated: 0, hedged: 0 };
  const words = docs.reduce((n, d) => n + (d.text.match(/\S+/g)?.length ?? 0), 0);
  const contexts = docs.map((d) => contextFor(d.text));
  // Speed of the event step alone (the other extractors are measured by their own benches):
  // one warm-up pass, then the median of five.
  let all = contexts.map((c) => extractEvents(c));
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    all = contexts.map((c) => extractEvents(c));
    runs.push(performance.now() - t0);
  }
  const ms = runs.sort((a, b) => a - b)[2]!;
  for (const [di, doc] of docs.entries()) {
    const events = all[di]!;
    const sentences = splitSentences(doc.text);
    const sentenceOf = (pos: number): Span | undefined => sentences.find((s) => s.start <= pos && pos < s.end);
    const victimsHit = (e: EventCandidate, g: Span): boolean => e.participants.some((p) => p.role === 'victim' && overlaps(p, g));
    const ctxOf = (s: Span): string => doc.text.slice(Math.max(0, s.start - 70), s.end + 50).replace(/\s+/g, ' ');

    for (const [cls, goldRe, isType] of [
      ['custody', CUSTODY_GOLD, (t: string) => CUSTODY_TYPES.has(t)],
      ['sentEv', SENTENCING_GOLD, (t: string) => t === 'sentencing'],
    ] as const) {
      const gold = [...doc.spans.values()].filter((s) => s.type === 'EVENT' && goldRe.test(s.text));
      const pred = events.filter((e) => isType(e.type));
      const acc = c[cls];
      acc.gold += gold.length;
      acc.pred += pred.length;
      for (const e of pred) {
        polarity.negated += e.negated ? 1 : 0;
        polarity.hedged += e.hedged ? 1 : 0;
        if (gold.some((g) => overlaps(e.trigger, g))) acc.predOk++;
        else log?.(`FP   ${cls} ${doc.name} ${JSON.stringify(doc.text.slice(e.trigger.start, e.trigger.end))} …${ctxOf(e.trigger)}`);
      }
      for (const g of gold) {
        const e = pred.find((p) => overlaps(p.trigger, g));
        if (!e) { log?.(`MISS ${cls} ${doc.name} ${JSON.stringify(g.text)} …${ctxOf(g)}`); continue; }
        acc.found++;
        if (cls !== 'custody') continue;
        const sent = sentenceOf(g.start);
        const persons = doc.relations.filter((r) => r.type === 'PARTICIPANT_IN' && r.arg2 === g.id)
          .map((r) => doc.spans.get(r.arg1)).filter((s): s is AnnSpan => s?.type === 'PERSON');
        const inSent = persons.filter((p) => sent && p.start >= sent.start && p.end <= sent.end);
        if (inSent.length === 0) { if (persons.length > 0) arg.custody.outside++; continue; }
        arg.custody.scored++;
        if (inSent.some((p) => victimsHit(e, p))) arg.custody.correct++;
        else log?.(`ARG  custody ${doc.name} gold=${inSent.map((p) => p.text).join('|')} ours=${e.participants.map((p) => `${p.role}:${p.text}`).join('|')} …${ctxOf(g)}`);
      }
    }

    // Sentencing facts from CONVICTED_OF / PENALIZED_AS relations.
    const units = new Map<string, { sent: Span; person: AnnSpan }>();
    for (const r of doc.relations) {
      if (r.type !== 'CONVICTED_OF' && r.type !== 'PENALIZED_AS') continue;
      const a1 = doc.spans.get(r.arg1);
      const a2 = doc.spans.get(r.arg2);
      const sent = a2 && sentenceOf(a2.start);
      if (!a1 || !sent) continue;
      units.set(`${sent.start}:${a1.start}`, { sent, person: a1 });
    }
    const sentencingPred = events.filter((e) => e.type === 'sentencing');
    const goldSentEvents = [...doc.spans.values()].filter((s) => s.type === 'EVENT' && SENTENCING_GOLD.test(s.text));
    rel.gold += units.size;
    rel.pred += sentencingPred.length;
    for (const e of sentencingPred) {
      const ok = [...units.values()].some((u) => overlaps(e.evidence, u.sent)) || goldSentEvents.some((g) => overlaps(e.evidence, g));
      if (ok) rel.predOk++;
    }
    const legalPred = events.filter((e) => LEGAL_TYPES.has(e.type));
    for (const u of units.values()) {
      if (legalPred.some((p) => overlaps(p.evidence, u.sent))) relLegalFound++;
      const e = sentencingPred.find((p) => overlaps(p.evidence, u.sent));
      if (!e) { log?.(`MISS rel ${doc.name} ${u.person.text} …${ctxOf(u.sent).slice(0, 200)}`); continue; }
      rel.found++;
      const inside = u.person.start >= u.sent.start && u.person.end <= u.sent.end;
      if (!inside) { arg.sentencing.outside++; continue; }
      arg.sentencing.scored++;
      if (victimsHit(e, u.person)) arg.sentencing.correct++;
      else log?.(`ARG  sentencing ${doc.name} gold=${u.person.text} ours=${e.participants.map((p) => `${p.role}:${p.text}`).join('|')}`);
    }
  }
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  const acc = (a: { scored: number; correct: number; outside: number }) => ({ ...a, accuracy: a.scored ? r4(a.correct / a.scored) : 0 });
  return {
    corpus: 'NEREL v1.1', documents: docs.length, words,
    custodyTrigger: prf(c.custody.found, c.custody.gold, c.custody.predOk, c.custody.pred),
    sentencingTrigger: prf(c.sentEv.found, c.sentEv.gold, c.sentEv.predOk, c.sentEv.pred),
    sentencingRelations: prf(rel.found, rel.gold, rel.predOk, rel.pred),
    /** Share of CONVICTED_OF/PENALIZED_AS units whose sentence holds any legal-process event. */
    relationsRecallAnyLegalType: rel.gold ? r4(relLegalFound / rel.gold) : 0,
    custodyPersonArgument: acc(arg.custody),
    sentencingPersonArgument: acc(arg.sentencing),
    predictedNegated: polarity.negated, predictedHedged: polarity.hedged,
    msPer1000WordsEventsOnly: r4((ms / words) * 1000),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const split = args.includes('--split') && args[args.indexOf('--split') + 1] === 'train' ? 'train' : 'dev';
  const out = { split, ...evaluateEvents(loadNerel(split), args.includes('--errors') ? (s) => console.log(s) : undefined) };
  if (args.includes('--json')) { console.log(JSON.stringify(out)); return; }
  const row = (name: string, p: Prf) => `${name.padEnd(24)} P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  console.log(`${out.corpus} ${split}: ${out.documents} documents, ${out.words} words`);
  console.log(row('custody EVENT trigger', out.custodyTrigger));
  console.log(row('sentencing EVENT trigger', out.sentencingTrigger));
  console.log(row('sentencing relations', out.sentencingRelations));
  console.log(`relations, any legal type R ${out.relationsRecallAnyLegalType.toFixed(3)}`);
  const a = (name: string, x: { accuracy: number; correct: number; scored: number; outside: number }) => `${name.padEnd(24)} ${x.accuracy.toFixed(3)} (${x.correct}/${x.scored}; ${x.outside} with the person only outside the sentence)`;
  console.log(a('custody person argument', out.custodyPersonArgument));
  console.log(a('sentencing person arg.', out.sentencingPersonArgument));
  console.log(`speed (events only)      ${out.msPer1000WordsEventsOnly.toFixed(3)} ms / 1,000 words`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
