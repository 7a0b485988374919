/**
 * Who did it to whom: perpetrator and victim arguments of one trigger, found within its
 * sentence (a bounded window around the trigger, so the cost does not grow with sentence length).
 *
 * Candidates are agent nouns ("police", "суд") and ORGANIZATION entities (perpetrators), victim
 * nouns ("protesters", "активистов") and PERSON entities (victims, preferred over a victim noun
 * they follow: "activist Maxim Ivanov"). Voice decides the direction: active "Police detained X",
 * passive "X was detained by police", nominal "the detention of X". Russian and Kazakh word order
 * is freer, so there the nearest candidate on either side is taken.
 */
import { scannerFor } from '../boundary-scan.js';
import type { Lexicon, Voice } from './lexicon.js';
import type { EventContext, EventParticipant, Span } from './types.js';

const WINDOW = 200;

interface Cand extends Span {
  kind: 'agent' | 'victim';
  text: string;
  /** From an ORGANIZATION entity. */
  org?: boolean;
}

export interface ArgumentResult {
  perpetrators: EventParticipant[];
  victims: EventParticipant[];
  /** The voice actually used (auto resolved). */
  voice: Exclude<Voice, 'auto'>;
}

const BE_BEFORE = /(?<![\p{L}])(?:is|are|was|were|be|been|being|get|gets|got|getting|has|have|had)(?:\s+(?:not|never|reportedly|allegedly|also|later|then|briefly|subsequently|again|\p{L}+ly))*\s+$/iu;
const RU_LOCATIVE = /(?<![\p{L}])(?:в|во|из|у|к|от|для|на|о|об)\s+$/iu;
const RU_PASSIVE_FORM = /(?:[нт](?:а|о|ы)?|нн\p{L}*|ся|сь)$/u;
/** Module constants: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const HYPHEN_WORD_GAP = /^(?:-\p{L}+)?[\s,]{0,3}$/u;
const OF_VICTIM_GAP = /^\s+of\s+(?:the\s+)?(?:\p{L}+\s+){0,3}$/iu;

/** Collects candidates in [from, to) of the sentence. */
export function collectCandidates(ctx: EventContext, lex: Lexicon, from: number, to: number): Cand[] {
  const { text } = ctx;
  const slice = text.slice(from, to);
  const cands: Cand[] = [];
  for (const [re, kind] of [[lex.agents, 'agent'], [lex.victims, 'victim']] as const) {
    // The matches `re.exec` gives, found without evaluating the leading lookbehind everywhere (boundary-scan.ts).
    const next = scannerFor(re);
    for (let m = next(slice, 0); m !== null; m = next(slice, m[0].length === 0 ? m.index + 1 : m.index + m[0].length)) {
      if (m[0].length === 0) continue;
      cands.push({ start: from + m.index, end: from + m.index + m[0].length, kind, text: m[0] });
    }
  }
  for (const e of ctx.entities) {
    if (e.start < from || e.end > to || e.type === 'LOCATION') continue;
    const kind = e.type === 'PERSON' ? 'victim' : 'agent';
    // An entity replaces the nouns it overlaps or directly follows ("activist Maxim Ivanov").
    for (let i = cands.length - 1; i >= 0; i--) {
      const c = cands[i]!;
      const overlaps = c.start < e.end && e.start < c.end;
      const right = kind === 'victim' && c.kind === 'victim' && c.end <= e.start && HYPHEN_WORD_GAP.test(text.slice(c.end, e.start));
      if (overlaps || right) cands.splice(i, 1);
    }
    cands.push({ start: e.start, end: e.end, kind, text: text.slice(e.start, e.end), ...(e.type === 'ORGANIZATION' ? { org: true } : {}) });
  }
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop candidates nested inside a longer one.
  const out: Cand[] = [];
  for (const c of cands) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) continue;
    out.push(c);
  }
  return out;
}

export function findArguments(
  ctx: EventContext, lex: Lexicon, sentence: Span, trigger: Span, voice: Voice,
): ArgumentResult {
  const { text } = ctx;
  const from = Math.max(sentence.start, trigger.start - WINDOW);
  const to = Math.min(sentence.end, trigger.end + WINDOW);
  const cands = collectCandidates(ctx, lex, from, to).filter((c) => (c.end <= trigger.start || c.start >= trigger.end)
    // "сообщили в МВД", "в суде": an agent after a locative preposition is a source or a place, not the actor.
    && !(ctx.lang !== 'en' && c.kind === 'agent' && RU_LOCATIVE.test(text.slice(Math.max(0, c.start - 5), c.start)))
    // "The Bureau said/condemned …", "Бюро выражает обеспокоенность задержанием": an organisation
    // speaking about the event is its source. State agents stay ("Police said they detained …").
    && !(c.org === true && lex.speech.test(text.slice(c.end, Math.min(to, c.end + 60))) && !isStateAgent(lex, c.text)));
  const before = cands.filter((c) => c.end <= trigger.start).reverse(); // nearest first
  const after = cands.filter((c) => c.start >= trigger.end);
  const agentsB = before.filter((c) => c.kind === 'agent');
  const victimsB = before.filter((c) => c.kind === 'victim');
  const agentsA = after.filter((c) => c.kind === 'agent');
  const victimsA = after.filter((c) => c.kind === 'victim');

  const resolved = resolveVoice(ctx, trigger, voice);
  let perp: Cand | undefined;
  let victim: Cand | undefined;
  if (ctx.lang === 'en') {
    const byAgent = after.find((c) => lex.byMarker?.test(text.slice(Math.max(trigger.end, c.start - 12), c.start)) && c.start - trigger.end < 60);
    if (resolved === 'active') {
      perp = agentsB[0];
      victim = victimsA[0];
    } else if (resolved === 'passive') {
      victim = victimsB[0];
      perp = byAgent;
    } else {
      const ofVictim = victimsA.find((c) => OF_VICTIM_GAP.test(text.slice(trigger.end, c.start)));
      victim = ofVictim ?? victimsB.find((c) => trigger.start - c.end < 40);
      perp = byAgent ?? agentsB.find((c) => trigger.start - c.end < 40);
    }
  } else {
    const nearest = (a: Cand[], b: Cand[]): Cand | undefined => {
      const x = a[0];
      const y = b[0];
      if (!x) return y;
      if (!y) return x;
      return trigger.start - x.end <= y.start - trigger.end ? x : y;
    };
    perp = nearest(agentsB, agentsA);
    if (resolved === 'active') victim = victimsA[0] ?? victimsB[0];
    else if (resolved === 'passive') victim = victimsB[0] ?? victimsA[0];
    else victim = victimsA.find((c) => c.start - trigger.end < 40) ?? victimsB[0] ?? victimsA[0];
  }
  const victims = victim ? coordinate(text, victim, cands) : [];
  return {
    perpetrators: perp ? [toParticipant(perp, 'perpetrator')] : [],
    victims: victims.map((v) => toParticipant(v, 'victim')),
    voice: resolved,
  };
}

/** Whether an organisation's name is one of the lexicon's state agents ("Atyrau police department", "КНБ"). */
function isStateAgent(lex: Lexicon, name: string): boolean {
  lex.agents.lastIndex = 0;
  const hit = lex.agents.test(name);
  lex.agents.lastIndex = 0;
  return hit;
}

function resolveVoice(ctx: EventContext, trigger: Span, voice: Voice): Exclude<Voice, 'auto'> {
  if (voice !== 'auto') return voice;
  const { text } = ctx;
  const left = text.slice(Math.max(0, trigger.start - 60), trigger.start);
  if (ctx.lang === 'en') {
    if (BE_BEFORE.test(left)) return 'passive';
    // Reduced relative: "protesters detained by police".
    if (/^\s+by\s/iu.test(text.slice(trigger.end, trigger.end + 5))) return 'passive';
    return 'active';
  }
  const word = text.slice(trigger.start, trigger.end).split(/\s+/u)[0] ?? '';
  return RU_PASSIVE_FORM.test(word) ? 'passive' : 'active';
}

/** "Ivanov, Petrov and Sidorov" → all three. */
function coordinate(text: string, first: Cand, cands: Cand[]): Cand[] {
  const joined = (a: Cand, b: Cand): boolean => a.kind === 'victim' && b.kind === 'victim'
    && /^\s*(?:,|and|и|,\s*and|және|мен)\s*$/iu.test(text.slice(a.end, b.start));
  const at = cands.indexOf(first);
  const out = [first];
  for (let i = at; i > 0 && joined(cands[i - 1]!, cands[i]!); i--) out.unshift(cands[i - 1]!);
  for (let i = at; i >= 0 && i + 1 < cands.length && joined(cands[i]!, cands[i + 1]!); i++) out.push(cands[i + 1]!);
  return out;
}

function toParticipant(c: Cand, role: EventParticipant['role']): EventParticipant {
  return { role, text: c.text, start: c.start, end: c.end };
}
