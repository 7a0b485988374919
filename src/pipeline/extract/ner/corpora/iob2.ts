/**
 * Reader for IOB2 CoNLL-style files (UNER English-EWT: `idx<TAB>token<TAB>tag<TAB>…` with
 * `# text = …` comments; KazNERD / wikigold: `token tag`). Each sentence becomes an
 * AnnotatedText: the `# text` line when the tokens can be found in it in order, otherwise
 * the tokens joined by single spaces.
 */
import { readFileSync } from 'node:fs';
import type { EntityType } from '../perceptron.js';
import type { AnnotatedText, GoldSpan } from './types.js';

export type TypeMap = (label: string) => EntityType | null;

export const UNER_TYPES: TypeMap = (l) => (l === 'PER' ? 'PERSON' : l === 'ORG' ? 'ORGANIZATION' : l === 'LOC' ? 'LOCATION' : null);

/** KazNERD: GPE and LOCATION -> LOCATION; FACILITY, NORP etc. are not names of our three types. */
export const KAZNERD_TYPES: TypeMap = (l) =>
  l === 'PERSON' ? 'PERSON' : l === 'ORGANISATION' ? 'ORGANIZATION' : l === 'GPE' || l === 'LOCATION' ? 'LOCATION' : null;

interface RawSentence {
  doc: number;
  text: string | null;
  tokens: string[];
  tags: string[];
}

function parse(content: string): RawSentence[] {
  const out: RawSentence[] = [];
  let doc = 0;
  let cur: RawSentence = { doc, text: null, tokens: [], tags: [] };
  const flush = (): void => {
    if (cur.tokens.length > 0) out.push(cur);
    cur = { doc, text: null, tokens: [], tags: [] };
  };
  for (const line of content.split(/\r?\n/)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('-DOCSTART-')) {
      cur.doc = ++doc;
      continue;
    }
    if (line.startsWith('# ')) {
      if (line.startsWith('# text = ')) cur.text = line.slice(9);
      if (line.startsWith('# newdoc')) cur.doc = ++doc;
      continue;
    }
    if (line.includes('\t')) {
      const cols = line.split('\t');
      if (cols.length >= 3 && /^\d+$/.test(cols[0]!)) {
        cur.tokens.push(cols[1]!);
        cur.tags.push(cols[2]!);
      } else {
        cur.tokens.push(cols[0]!);
        cur.tags.push(cols[cols.length - 1]!);
      }
    } else {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 2) continue;
      cur.tokens.push(cols.slice(0, -1).join(' '));
      cur.tags.push(cols[cols.length - 1]!);
    }
  }
  flush();
  return out;
}

/**
 * With `groupDocs`, consecutive sentences of one document (`# newdoc`, `-DOCSTART-`) become one
 * text, sentences joined by a line break, so the tagger sees document context.
 */
export function readIob2(path: string, map: TypeMap, idPrefix = '', opts: { groupDocs?: boolean } = {}): AnnotatedText[] {
  const raw = parse(readFileSync(path, 'utf8'));
  const sentences = raw.map((s, idx) => {
    let text = s.text ?? '';
    let offsets: Array<[number, number]> | null = [];
    let pos = 0;
    for (const tok of s.tokens) {
      const at = text.indexOf(tok, pos);
      if (at < 0 || text.slice(pos, at).trim() !== '') {
        offsets = null;
        break;
      }
      offsets.push([at, at + tok.length]);
      pos = at + tok.length;
    }
    if (offsets === null) {
      offsets = [];
      text = '';
      for (const tok of s.tokens) {
        if (text.length > 0) text += ' ';
        offsets.push([text.length, text.length + tok.length]);
        text += tok;
      }
    }
    const spans: GoldSpan[] = [];
    let open: GoldSpan | null = null;
    s.tags.forEach((tag, i) => {
      const [a, b] = offsets![i]!;
      const m = /^([BI])-(.+)$/.exec(tag);
      const type = m !== null ? map(m[2]!) : null;
      if (m !== null && type !== null && m[1] === 'I' && open !== null && open.type === type) {
        open.end = b;
        return;
      }
      if (open !== null) spans.push(open);
      open = type !== null ? { start: a, end: b, type } : null;
    });
    if (open !== null) spans.push(open);
    return { id: `${idPrefix}${idx}`, doc: s.doc, text, spans };
  });
  if (opts.groupDocs !== true) return sentences.map(({ id, text, spans }) => ({ id, text, spans }));
  const out: AnnotatedText[] = [];
  let lastDoc = -1;
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev === undefined || s.doc !== lastDoc) {
      out.push({ id: s.id, text: s.text, spans: [...s.spans] });
    } else {
      const shift = prev.text.length + 1;
      prev.text += `\n${s.text}`;
      for (const sp of s.spans) prev.spans.push({ ...sp, start: sp.start + shift, end: sp.end + shift });
    }
    lastDoc = s.doc;
  }
  return out;
}
