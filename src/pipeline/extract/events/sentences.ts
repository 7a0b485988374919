/**
 * Sentence and paragraph spans for the event extractor: a light splitter (no model) that does
 * not break after initials ("U.S.", "Н. Назарбаев") or common abbreviations ("Mr.", "г.", "ст.").
 * Linear in the text length.
 *
 *   splitSentences('Police came. They left.') // [{start:0,end:12},{start:13,end:23}]
 */
import type { Span } from './types.js';

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'lt', 'sgt', 'jr', 'sr', 'vs', 'etc', 'no', 'nos', 'art', 'para',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co', 'corp',
  'e.g', 'i.e', 'approx', 'gov', 'rep', 'sen', 'prof', 'capt', 'maj',
  'г', 'гг', 'ул', 'т', 'д', 'им', 'р', 'руб', 'тыс', 'млн', 'млрд', 'ст', 'п', 'ч', 'пр', 'см', 'тел', 'обл', 'с', 'пос',
  'т.е', 'т.д', 'т.п', 'др', 'проф', 'акад', 'ген', 'корп', 'стр', 'кв', 'пер', 'просп', 'наб', 'каз',
]);

const BOUNDARY = /[.!?…]+["»”’)\]]*(?=\s)|\n/gu;
/** Module constants: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const SENTENCE_START_CHAR = /[\p{Lu}\p{N}"«“'‘(\[—–-]/u;
const WORD_OR_DOT_CHAR = /[\p{L}.]/u;
const UPPER_CHAR = /\p{Lu}/u;
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}?$/u;

/** Sentences, trimmed of surrounding whitespace; never empty, never overlapping. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n' && !isRealEnd(text, m.index, end)) continue;
    push(out, text, start, m[0] === '\n' ? m.index : end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

/** Paragraphs: text between line breaks. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    push(out, text, start, i);
    start = i + 1;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}

function isRealEnd(text: string, dotAt: number, end: number): boolean {
  const punct = text[dotAt];
  // What follows: the next non-space character must look like a sentence start.
  let j = end;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0')) j++;
  const next = text[j] ?? '';
  if (next === '' || next === '\n') return true;
  if (!SENTENCE_START_CHAR.test(next)) return false;
  if (punct !== '.') return true;
  // The word before the dot.
  let k = dotAt;
  while (k > 0 && WORD_OR_DOT_CHAR.test(text[k - 1] ?? '')) k--;
  const word = text.slice(k, dotAt);
  if (word.length === 1 && UPPER_CHAR.test(word)) return false; // an initial: "N. Nazarbayev"
  if (DOTTED_LETTERS.test(word)) return false; // "U.S", "т.е"
  return !ABBREVIATIONS.has(word.toLowerCase());
}
