/**
 * People the tagger missed, found from what it did find (label consistency within a document):
 *
 * - a surname of a full name the tagger found, written again on its own or in another spelling
 *   ("Yerlan Koshanov" … "who spells his name Qoshanov"; "Ерлан Кошанов" … "Кошанову");
 * - a capitalised name after an honorific ("Mr Koshanov", "Dr. Ivanova", "г-н Петров");
 * - a first name the tagger took for a place, right before the rest of the name
 *   ("Касым-Жомарт" + "Токаев" -> "Касым-Жомарт Токаев").
 *
 * Only gaps are filled: a span overlapping any entity is left to the tagger. Spans follow the
 * rules of every entity: no title, no possessive (`text.slice(start, end)` is the name).
 *
 *   addPersonMentions('Yerlan Koshanov was held. Mr Qoshanov’s lawyer…', 'en',
 *     [{ text: 'Yerlan Koshanov', type: 'PERSON', start: 0, end: 15 }])
 *   // + { text: 'Qoshanov', type: 'PERSON', start: 29, end: 37 }
 */
import type { EntityType } from '../../domain/extraction.js';
import { scannerFor } from './boundary-scan.js';
import { isOnlyTitle, stripLeadingTitles } from './entity-spans.js';
import { isCyrillic, nameWordKey, nameWords, SURNAME_KEY } from './name-key.js';
import { nextNameWord } from './name-word-scan.js';
import { lookupPlaceKinds } from './places/place-gazetteer.js';

export interface EntitySpan {
  text: string;
  type: EntityType;
  start: number;
  end: number;
}

/**
 * Honorifics followed by a name ("Mr Koshanov", "Mrs. Smith", "г-н Петров", "госпожа Иванова"),
 * from a position. One lookbehind before both alternatives rather than one in each (the same
 * matches: either way it is tested at the match's start, A tried before B) lets the scanner test
 * it only where a match starts (boundary-scan.ts), not at every position of the text.
 */
const nextHonorific = scannerFor(/(?<![\p{L}])(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+|(?:г-н|г-жа|господин[\p{L}]*|госпож[\p{L}]*)\s+)/gu);

const DETERMINER_BEFORE = /(?<![\p{L}])(?:the|a|an|this|that|these|those|my|his|her|its|our|their|your)\s+$/iu;
const CAPITALISED_BESIDE = /\p{Lu}[\p{L}.]*[ \u00a0]$/u;
const CAPITALISED_AFTER = /^[ \u00a0-]\p{Lu}/u;
/** Module constants: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const CAPITALISED_WORD_OR_PAIR = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;

/** Surname keys of the multi-word PERSON names in the document (last word; first word when it looks like a surname). */
function surnameKeys(entities: readonly EntitySpan[], lang: string): Set<string> {
  const keys = new Set<string>();
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    const words = nameWords(stripLeadingTitles(e.text));
    if (words.length < 2) continue;
    const last = nameWordKey(words[words.length - 1]!, lang);
    if (last.length >= 3) keys.add(last);
    const first = nameWordKey(words[0]!, lang);
    if (first.length >= 3 && SURNAME_KEY.test(first)) keys.add(first);
  }
  return keys;
}

/** Whether [start, end) overlaps a span of `sorted` (in text order, not overlapping each other): a binary search. */
function overlapsAny(sorted: readonly EntitySpan[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < end) lo = mid + 1;
    else hi = mid;
  }
  // sorted[lo - 1] is the last span starting before `end`; the one before it may be the longer.
  for (let i = lo - 1; i >= 0 && i >= lo - 2; i--) if (sorted[i]!.end > start) return true;
  return false;
}

/**
 * A first name the tagger split off as a place ("Касым-Жомарт" LOCATION + "Токаев" PERSON): one
 * capitalised word that the place gazetteer does not know, right before a lone surname, is part
 * of the name. A full name after a place stays apart ("житель Калифорнии Эдвин Хардман").
 */
function joinSplitNames(text: string, lang: string, entities: readonly EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const e of entities) {
    const prev = out[out.length - 1];
    if (prev && prev.type === 'LOCATION' && e.type === 'PERSON' && text.slice(prev.end, e.start) === ' '
      && CAPITALISED_WORD_OR_PAIR.test(prev.text) && CAPITALISED_WORD.test(e.text)
      && SURNAME_KEY.test(nameWordKey(e.text, lang)) && lookupPlaceKinds(prev.text, { exactSpan: true, lang }).length === 0) {
      out[out.length - 1] = { text: text.slice(prev.start, e.end), type: 'PERSON', start: prev.start, end: e.end };
      continue;
    }
    out.push(e);
  }
  return out;
}

/** `entities` (in text order) plus the PERSON mentions found here, in text order. */
export function addPersonMentions(text: string, lang: string, tagged: readonly EntitySpan[]): EntitySpan[] {
  const entities = joinSplitNames(text, lang, tagged);
  const added: EntitySpan[] = [];
  const taken = (start: number, end: number) => overlapsAny(entities, start, end) || added.some((a) => a.start < end && start < a.end);
  const add = (start: number, end: number) => {
    if (!taken(start, end)) added.push({ text: text.slice(start, end), type: 'PERSON', start, end });
  };

  for (let m = nextHonorific(text, 0); m !== null; m = nextHonorific(text, m.index + m[0].length)) {
    // Capitalised name words (name-word-scan.ts), possibly hyphenated; a possessive is left outside.
    const w = nextNameWord(text, m.index + m[0].length);
    if (!w || w.index !== m.index + m[0].length) continue;
    if (isOnlyTitle(w.text)) continue; // "Mr. President"
    let end = w.index + w.text.length;
    // A second capitalised word on the same line belongs to the name ("Mr John Smith").
    const next = nextNameWord(text, end);
    if (next && /^ $/u.test(text.slice(end, next.index))) end = next.index + next.text.length;
    add(w.index, end);
  }

  const keys = surnameKeys(entities, lang);
  if (keys.size > 0) {
    for (let m = nextNameWord(text, 0); m !== null; m = nextNameWord(text, m.index + m.text.length)) {
      const word = m.text;
      if (isCyrillic(word) !== (lang !== 'en')) continue;
      if (!keys.has(nameWordKey(word, lang))) continue;
      // "the Santorum cocktail", "Savage Love": a determiner before, or another capitalised word
      // beside it, makes the word part of something else that the tagger chose not to tag.
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (DETERMINER_BEFORE.test(before) || CAPITALISED_BESIDE.test(before) || CAPITALISED_AFTER.test(text.slice(m.index + word.length, m.index + word.length + 3))) continue;
      // "Washington", "Astana": a name the place gazetteer knows is left to the tagger.
      if (lookupPlaceKinds(word, { exactSpan: true, lang }).length > 0) continue;
      add(m.index, m.index + word.length);
    }
  }
  if (added.length === 0) return entities;
  return [...entities, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}
