/**
 * Reader for GUM CoNLL-U documents (Wikinews news and interviews) as a named-entity test set.
 * GUM marks every mention (pronouns, "the biologist", names) with its entity type; this keeps
 * the *named* person / organization / place mentions and reduces each to its name:
 *   - the span runs from the mention's first to its last proper-noun token (PROPN or NNP/NNPS);
 *   - the mention is skipped if that inner part contains anything but PROPN, NUM, DET, ADP,
 *     PUNCT or PART tokens, if an ADP/VERB precedes the first PROPN inside the mention
 *     ("the president of Kazakhstan" is a person, not a person named "Kazakhstan"), or if a
 *     non-PUNCT/PART token follows the last PROPN ("Helsinki's mayor");
 *   - person -> PERSON, organization -> ORGANIZATION, place -> LOCATION; outermost spans kept.
 * This is an approximation of a CoNLL-style gold standard (titles tagged PROPN such as
 * "President" may be included), so scores here are a lower bound for a names-only tagger.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityType } from '../perceptron.js';
import { outermost, type AnnotatedText, type GoldSpan } from './types.js';

const TYPES: Record<string, EntityType> = { person: 'PERSON', organization: 'ORGANIZATION', place: 'LOCATION' };
const INSIDE_OK = new Set(['PROPN', 'NUM', 'DET', 'ADP', 'PUNCT', 'PART']);
const ENTITY_RE = /\((\d+)-([a-z]+)-[^()]*(\)?)|(\d+)\)/g;

interface Tok {
  start: number;
  end: number;
  upos: string;
  xpos: string;
  form: string;
}

// Titles GUM tags PROPN inside person mentions; a CoNLL-style name excludes them.
const TITLES = new Set(
  ('president vice prime minister secretary ambassador senator sen. governor gov. representative rep. mayor ' +
    'general gen. colonel col. captain capt. lieutenant lt. sergeant sgt. admiral commander chief judge justice ' +
    'king queen prince princess pope saint st. sir lord lady dame mr. mrs. ms. miss dr. prof. professor rev. ' +
    'reverend father sister brother chairman chancellor director agent officer detective u.s. us american ' +
    'former foreign state house deputy first')
    .split(' '),
);

/** Proper noun by the Penn tag (NNP/NNPS): UD calls "United" in "United States" a VERB. */
function isProper(t: Tok): boolean {
  return t.xpos === 'NNP' || t.xpos === 'NNPS' || t.upos === 'PROPN';
}

export function readGumDocument(file: string): AnnotatedText {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  let text = '';
  const toks: Tok[] = [];
  const mentions: Array<{ type: string; first: number; last: number }> = [];
  const open = new Map<string, Array<{ type: string; first: number }>>();
  let sentText: string | null = null;
  let cursor = 0;
  let sentBase = 0;
  for (const line of lines) {
    if (line.startsWith('# text = ')) {
      sentText = line.slice(9);
      if (text.length > 0) text += '\n';
      sentBase = text.length;
      text += sentText;
      cursor = 0;
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const cols = line.split('\t');
    if (cols.length < 10 || !/^\d+$/.test(cols[0]!)) continue;
    const form = cols[1]!;
    const at = sentText === null ? -1 : sentText.indexOf(form, cursor);
    const start = at < 0 ? sentBase + cursor : sentBase + at;
    if (at >= 0) cursor = at + form.length;
    const idx = toks.length;
    toks.push({ start, end: start + form.length, upos: cols[3]!, xpos: cols[4]!, form });
    const ent = /(?:^|\|)Entity=([^|]*)/.exec(cols[9]!);
    if (ent === null) continue;
    for (const m of ent[1]!.matchAll(ENTITY_RE)) {
      if (m[1] !== undefined) {
        if (m[3] === ')') mentions.push({ type: m[2]!, first: idx, last: idx });
        else {
          const stack = open.get(m[1]) ?? [];
          stack.push({ type: m[2]!, first: idx });
          open.set(m[1], stack);
        }
      } else if (m[4] !== undefined) {
        const o = open.get(m[4])?.pop();
        if (o !== undefined) mentions.push({ type: o.type, first: o.first, last: idx });
      }
    }
  }
  const spans: GoldSpan[] = [];
  for (const m of mentions) {
    const type = TYPES[m.type];
    if (type === undefined) continue;
    let a = -1;
    let b = -1;
    for (let i = m.first; i <= m.last; i++) if (isProper(toks[i]!)) (a < 0 ? (a = i) : 0, (b = i));
    if (a < 0) continue;
    let ok = true;
    for (let i = m.first; i < a; i++) if (toks[i]!.upos === 'ADP' || toks[i]!.upos === 'VERB') ok = false;
    for (let i = a; i <= b; i++) if (!isProper(toks[i]!) && !INSIDE_OK.has(toks[i]!.upos)) ok = false;
    for (let i = b + 1; i <= m.last; i++) if (toks[i]!.upos !== 'PUNCT' && toks[i]!.upos !== 'PART') ok = false;
    if (type === 'PERSON') while (a <= b && TITLES.has(toks[a]!.form.toLowerCase())) a++;
    while (a <= b && !isProper(toks[a]!)) a++;
    if (a > b) continue;
    // Plural proper nouns ("Afghans", "Muslims") are groups, not named entities.
    if (a === b && toks[a]!.xpos === 'NNPS') continue;
    if (ok) spans.push({ start: toks[a]!.start, end: toks[b]!.end, type });
  }
  return { id: path.basename(file), text, spans: outermost(spans) };
}

export function readGum(dir: string): AnnotatedText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conllu'))
    .sort()
    .map((f) => readGumDocument(path.join(dir, f)));
}
