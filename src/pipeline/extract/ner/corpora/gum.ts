/**
 * Reader for GUM CoNLL-U documents (Wikinews news and interviews) as a named-entity test set.
 * GUM marks every mention (pronouns, "the biologist", names) with its entity type; this keeps
 * the *named* person / organization / place mentions and reduces each to its name:
 *   - the span runs from the mention's first to its last proper-noun token (PROPN or NNP/NNPS);
 *   - the mention is skipped if an ADP or VERB (other than a participle right before the
 *     name, "a united Germany") precedes the first PROPN inside the mention ("the president
 *     of Kazakhstan" is a person, not a person named "Kazakhstan"), or if a non-PUNCT/PART
 *     token follows the last PROPN ("Helsinki's mayor");
 *   - if the inner part contains anything but PROPN, NUM, DET, ADP, PUNCT or PART tokens, the
 *     name is the proper-noun run after the last such token ("Republican Party nominee Ken
 *     Cuccinelli" -> "Ken Cuccinelli");
 *   - a possessor, or a separate place / party / employer joined by a comma or preposition,
 *     that GUM marks as a mention of its own is cut off ("Sochi, Russia" -> "Sochi" + "Russia",
 *     "Ann Chiang of DAB" -> "Ann Chiang" + "DAB"), and a person's name starts after the last
 *     title ("NASA Administrator Charles Bolden" -> "Charles Bolden");
 *   - person -> PERSON, organization -> ORGANIZATION, place -> LOCATION; outermost spans kept
 *     (the nested ones go to `ignored`: evaluation neither requires nor counts them).
 * This is an approximation of a CoNLL-style gold standard (titles tagged PROPN such as
 * "President" may be included), so scores here are a lower bound for a names-only tagger.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityType } from '../perceptron.js';
import { outermost, type AnnotatedText, type GoldSpan } from './types.js';

const TYPES: Record<string, EntityType> = { person: 'PERSON', organization: 'ORGANIZATION', place: 'LOCATION' };
/** Words joining an organisation or place name to a separate place ("Fisht Stadium in Sochi", "Sochi, Russia"). */
const CUT_ADP = new Set(['in', 'at', 'from', 'near']);
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
    'former foreign state house deputy first administrator attorney spokesman spokeswoman spokesperson ' +
    'commissioner undersecretary premier councillor councilor candidate nominee founder')
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
  const mentions: Array<{ id: string; type: string; first: number; last: number }> = [];
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
        if (m[3] === ')') mentions.push({ id: m[1], type: m[2]!, first: idx, last: idx });
        else {
          const stack = open.get(m[1]) ?? [];
          stack.push({ type: m[2]!, first: idx });
          open.set(m[1], stack);
        }
      } else if (m[4] !== undefined) {
        const o = open.get(m[4])?.pop();
        if (o !== undefined) mentions.push({ id: m[4], type: o.type, first: o.first, last: idx });
      }
    }
  }
  const hasProper = (x: number, y: number): boolean => {
    for (let i = x; i <= y; i++) if (isProper(toks[i]!)) return true;
    return false;
  };
  const spans: GoldSpan[] = [];
  for (const m of mentions) {
    // a possessor that is a named mention of its own ends just before the possessive marker
    const startsOtherBefore = (i: number): boolean =>
      mentions.some((o) => o.id !== m.id && o.last === i - 1 && o.first >= m.first && hasProper(o.first, o.last));
    const type = TYPES[m.type];
    if (type === undefined) continue;
    let a = -1;
    let b = -1;
    for (let i = m.first; i <= m.last; i++) if (isProper(toks[i]!)) (a < 0 ? (a = i) : 0, (b = i));
    if (a < 0) continue;
    let ok = true;
    // A common noun inside ("Republican Party nominee Ken Cuccinelli", "activist and
    // philosopher Noam Chomsky") ends a description; the name is the proper-noun run after it.
    for (let i = b; i >= a; i--) {
      if (!isProper(toks[i]!) && !INSIDE_OK.has(toks[i]!.upos)) {
        // A capitalised common noun is part of a name ("National Air and Space Museum") and a
        // conjunction joins two ("Republic Windows and Doors"): such mentions stay skipped.
        if (/^\p{Lu}/u.test(toks[i]!.form) || toks[i]!.upos === 'CCONJ') ok = false;
        a = i + 1;
        while (a <= b && !isProper(toks[a]!)) a++;
        break;
      }
    }
    // "a united Germany": a participle right before the name is a modifier, not a clause; any
    // other verb or a preposition before it is ("the president of Kazakhstan" is a person, not
    // one named "Kazakhstan"; "a fan caught ... in late September").
    for (let i = m.first; i < a; i++) {
      if (toks[i]!.upos === 'ADP' || (toks[i]!.upos === 'VERB' && !(i === a - 1 && toks[i]!.xpos === 'VBN'))) ok = false;
    }
    for (let i = b + 1; i <= m.last; i++) if (toks[i]!.upos !== 'PUNCT' && toks[i]!.upos !== 'PART') ok = false;
    // A name part that is another named mention is a separate entity, not part of this name:
    // a possessor ("DAB's Starry Lee", "Mecca's Grand Mosque") and a place, party or employer
    // joined by a comma or preposition ("Sochi, Russia", "Wu Chi-wai of the Democratic Party",
    // "Cosmic Dust Lab in Building 31 at Johnson Space Center"). "of" stays inside organisation
    // and place names ("University of Copenhagen", "Bay of Bengal").
    const otherAt = (j: number): { last: number } | undefined => {
      while (j <= b && toks[j]!.upos === 'DET') j++;
      return mentions.find((o) => o.id !== m.id && o.first === j && o.last <= b && o.last >= j && hasProper(o.first, o.last));
    };
    for (let i = b; i > a; i--) {
      const f = toks[i]!.form.toLowerCase();
      if (toks[i]!.upos === 'PART' && /^['’]s?$/.test(f) && startsOtherBefore(i)) {
        a = i + 1;
        break;
      }
    }
    for (let i = a + 1; i <= b; i++) {
      const f = toks[i]!.form.toLowerCase();
      const connector = type === 'PERSON' ? toks[i]!.upos === 'ADP' : CUT_ADP.has(f) || f === ',';
      const other = connector ? otherAt(i + 1) : undefined;
      if (other === undefined) continue;
      if (type === 'PERSON' && other.last < b) {
        // "Governor of Washington Chris Gregoire": the name follows the office
        a = other.last + 1;
        i = other.last;
        continue;
      }
      b = i - 1;
      while (b >= a && !isProper(toks[b]!) && !(toks[b]!.form === ')' && toks.slice(a, b).some((x) => x.form === '('))) b--;
      break;
    }
    // A person's name follows the last title ("Pennsylvania Senator Rick Santorum", "NASA
    // Administrator Charles Bolden"); a mention that is only a title is not a name.
    if (type === 'PERSON') {
      let t = -1;
      for (let i = a; i < b; i++) if (TITLES.has(toks[i]!.form.toLowerCase()) && isProper(toks[i + 1]!)) t = i;
      if (t >= 0) a = t + 1;
      while (a <= b && TITLES.has(toks[a]!.form.toLowerCase())) a++;
    }
    while (a <= b && !isProper(toks[a]!)) a++;
    if (a > b) continue;
    // Plural proper nouns ("Afghans", "Muslims") are groups, not named entities; a plural
    // place name ("the Netherlands") is a name.
    if (a === b && toks[a]!.xpos === 'NNPS' && type !== 'LOCATION') continue;
    if (ok) spans.push({ start: toks[a]!.start, end: toks[b]!.end, type });
  }
  const kept = outermost(spans);
  const keptSet = new Set(kept);
  // a name nested in a longer one is gold too: evaluation neither requires nor counts it
  return { id: path.basename(file), text, spans: kept, ignored: spans.filter((s) => !keptSet.has(s)) };
}

export function readGum(dir: string): AnnotatedText[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conllu'))
    .sort()
    .map((f) => readGumDocument(path.join(dir, f)));
}
