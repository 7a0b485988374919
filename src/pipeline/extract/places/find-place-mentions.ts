/**
 * Gazetteer-based place finder: finds place names without NER.
 *
 * Scans capitalised words and takes the longest run of up to five words (joined by spaces or
 * hyphens, inner words capitalised or administrative words such as "region", "области",
 * "облысы") that `lookupPlace` knows, so "East Kazakhstan Region" wins over "Kazakhstan".
 * Russian and Kazakh inflected forms match ("в Жанаозене" -> "Жанаозене"); possessives are
 * left outside the span ("Kazakhstan’s" -> "Kazakhstan"); "Astana-based" yields "Astana".
 *
 *   findPlaceMentions("…celebrations in Astana… Kazakhstan’s leader…", "en")
 *     -> [{ text: "Astana", start, end }, { text: "Kazakhstan", start, end }]
 */
import { placeKey } from './place-key.js';
import { lookupPlaceKinds } from './place-gazetteer.js';
import type { PlaceKind, PlaceMention } from './place.types.js';

export interface FindPlaceOptions {
  /** Longest name tried, in words. */
  maxWords: number;
}

const DEFAULTS: FindPlaceOptions = { maxWords: 5 };

interface Token { text: string; start: number; end: number }

const POSSESSIVE = /['’ʼ]s$/u;
/** Lower-case words allowed inside a name ("Republic of Kazakhstan", "Атырауской области"). */
const INNER_WORDS = new Set(['of', 'and', 'the', 'on', 'de', 'и', 'na']);
/** Capitalised words that are far more often not places ("Mary" is also a Turkmen city). */
const STOP_WORDS = new Set(['Mary', 'Nov', 'Roma', 'May', 'Can', 'Tom', 'Bor', 'Pop', 'Поп']);
/** Titles that may stand before a place without making it part of a person's name. */
const PLACE_PREFIXES = new Set(['north', 'south', 'east', 'west', 'central', 'northern',
  'southern', 'eastern', 'western', 'greater', 'lake', 'river', 'city', 'region', 'republic',
  'president', 'mayor', 'governor', 'akim', 'police', 'court', 'in', 'at', 'from', 'to', 'of',
  'near', 'the', 'а', 'в', 'во', 'на', 'из', 'к', 'по', 'под', 'у', 'и', 'г', 'город', 'аким',
  'суд', 'and', 'but', 'while', 'since', 'after', 'before', 'during', 'both']);
/** Words after which a capitalised word is a person or street, not a place ("улица Сатпаева"). */
const STREET_WORDS = new Set(['улица', 'ул', 'улицы', 'улице', 'проспект', 'проспекта',
  'пр', 'площадь', 'площади', 'имени', 'им', 'көшесі', 'даңғылы', 'street', 'avenue',
  'square', 'st', 'ave', 'named']);

/** Words after a name that make it a street or square ("Makhambet Square", "Abai Avenue"). */
const STREET_AFTER = /^[ \u00a0](?:Street|Square|Avenue|Boulevard|Prospect|Road|Lane|Embankment|Park|St|Ave)(?![\p{L}])/u;
const WORD_BEFORE = /(\p{L}+)\.?[ \u00a0]+$/u;

/**
 * Whether the name at [start, end) is part of a street, square or "named after" phrase
 * ("Isatay and Makhambet Square", "улица Сатпаева", "площади Исатая"): not a place of its own.
 */
export function inStreetName(text: string, start: number, end: number): boolean {
  if (STREET_AFTER.test(text.slice(end, end + 16))) return true;
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
  return before !== null && STREET_WORDS.has(before[1]!.toLowerCase());
}

function isCapitalised(word: string): boolean {
  // Basic Latin and Russian letters by their codes (no lower-cased copy); anything else as before.
  const c = word.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x430 && c <= 0x44f)) return false;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x410 && c <= 0x42f)) return true;
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

const genericCache = new Map<string, boolean>();

function isGeneric(word: string): boolean {
  let generic = genericCache.get(word);
  if (generic === undefined) {
    const key = placeKey(word);
    generic = key === 'oblast' || key === 'raion';
    if (genericCache.size >= 100_000) genericCache.clear();
    genericCache.set(word, generic);
  }
  return generic;
}

const LETTER_AT = /\p{L}/uy;
const LETTER_OR_MARK_AT = /[\p{L}\p{M}]/uy;

/** Basic Latin and Russian letters (ё, Ё included), told by their codes. */
function isSimpleLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x410 && c <= 0x44f) || c === 0x451 || c === 0x401;
}

/** End of the character at `k` when it is in `cls` (a sticky class; ASCII outside the basic letters never is), else -1. */
function classEnd(text: string, k: number, cls: RegExp): number {
  const c = text.charCodeAt(k);
  if (isSimpleLetter(c)) return k + 1;
  if (c < 128 || k >= text.length) return -1;
  cls.lastIndex = k;
  return cls.test(text) ? cls.lastIndex : -1;
}

/** End of a run of [\p{L}\p{M}] from `k`. */
function letterRunEnd(text: string, k: number): number {
  for (let e = classEnd(text, k, LETTER_OR_MARK_AT); e > 0; e = classEnd(text, k, LETTER_OR_MARK_AT)) k = e;
  return k;
}

/**
 * Words: the matches of /\p{L}[\p{L}\p{M}]*(?:[-‐'’ʼ]\p{L}[\p{L}\p{M}]*)*\/gu, in order, found
 * with character codes for the Latin and Russian letters (and the sticky classes for anything
 * else) instead of a `matchAll` over the text, which cost a match object per word.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const first = classEnd(text, i, LETTER_AT);
    if (first < 0) {
      i++;
      continue;
    }
    let end = letterRunEnd(text, first);
    for (;;) {
      const j = text.charCodeAt(end);
      // [-‐'’ʼ] then a letter
      if (j !== 0x2d && j !== 0x2010 && j !== 0x27 && j !== 0x2019 && j !== 0x2bc) break;
      const next = classEnd(text, end + 1, LETTER_AT);
      if (next < 0) break;
      end = letterRunEnd(text, next);
    }
    tokens.push({ text: text.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

/** True when `tokens[i]` starts a sentence (nothing but opening punctuation before it). */
function sentenceInitial(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const gap = text.slice(prev ? prev.end : 0, tokens[i]?.start ?? 0);
  return prev === undefined || /[.!?…:\n]/.test(gap);
}

function joinable(text: string, left: Token, right: Token): boolean {
  return /^[ \t\u00a0-]{1,2}$/.test(text.slice(left.end, right.start));
}

let spanLang = '';
/** The kinds of the places `phrase` may name (`lookupPlaceKinds`, remembered there): all the finder reads of them. */
function lookupSpan(phrase: string): readonly PlaceKind[] {
  return lookupPlaceKinds(phrase, { exactSpan: true, lang: spanLang });
}

/** A capitalised neighbour that is not a place: the match is likely part of a longer name. */
function partOfLongerName(text: string, tokens: Token[], i: number, j: number,
  kinds: readonly PlaceKind[]): boolean {
  if (kinds.some((kind) => kind === 'country' || kind === 'admin1')) return false;
  const prev = tokens[i - 1];
  const before = prev?.text.toLowerCase().replace(/\.$/, '') ?? '';
  if (prev && joinable(text, prev, tokens[i] as Token) && STREET_WORDS.has(before)) return true;
  if (prev && joinable(text, prev, tokens[i] as Token) && isCapitalised(prev.text)
    && !PLACE_PREFIXES.has(before) && !sentenceInitial(text, tokens, i - 1)
    && lookupSpan(prev.text).length === 0) return true;
  const next = tokens[j + 1];
  if (next && /^ $/.test(text.slice(tokens[j]?.end ?? 0, next.start)) && isCapitalised(next.text)
    && next.text !== next.text.toUpperCase() && !isGeneric(next.text)
    && lookupSpan(next.text).length === 0) return true;
  // A sentence-initial word that only names villages is usually an ordinary word.
  return i === j && sentenceInitial(text, tokens, i)
    && kinds.every((kind) => kind === 'village' || kind === 'admin2');
}

/**
 * Place-name spans in `text`, in order, not overlapping. `lang` is the document language;
 * inflected forms are matched for Cyrillic words whatever it says.
 */
export function findPlaceMentions(text: string, lang: string,
  options: Partial<FindPlaceOptions> = {}): PlaceMention[] {
  spanLang = lang;
  const { maxWords } = { ...DEFAULTS, ...options };
  const tokens = tokenize(text);
  const found: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!isCapitalised(first.text) || STOP_WORDS.has(first.text)) { i += 1; continue; }
    let matched = false;
    const longest = Math.min(maxWords, tokens.length - i);
    // `spanAllowed(i, j)` for every length at once: the words after `first` that may stand inside
    // a name reach to `reach`, and the last word must also not be a lower-case inner word.
    let reach = i;
    while (reach < i + longest - 1 && innerAllowed(text, tokens, reach + 1)) reach += 1;
    for (let n = longest; n >= 1 && !matched; n -= 1) {
      const j = i + n - 1;
      if (j > reach || (j > i && !lastAllowed(tokens[j] as Token))) continue;
      const last = tokens[j] as Token;
      const end = POSSESSIVE.test(last.text) ? last.end - 2 : last.end;
      const phrase = text.slice(first.start, end);
      const kinds = lookupSpan(phrase);
      if (kinds.length === 0 || partOfLongerName(text, tokens, i, j, kinds)) continue;
      found.push({ text: phrase, start: first.start, end });
      i = j + 1;
      matched = true;
    }
    if (matched) continue;
    // "Astana-based", "Алматы-2": the part before the hyphen.
    const head = /^[^-‐]+(?=[-‐])/.exec(first.text)?.[0];
    if (head && head.length >= 3 && lookupSpan(head).some((kind) => kind !== 'village')) {
      found.push({ text: head, start: first.start, end: first.start + head.length });
    }
    i += 1;
  }
  return found;
}

/**
 * Whether words i..j may form one name: every word after the first joined to the one before it
 * and capitalised, generic ("region", "области"), or, inside the span, an inner word ("of").
 * `findPlaceMentions` tests it for all j at once with `innerAllowed` and `lastAllowed`.
 */
function innerAllowed(text: string, tokens: Token[], k: number): boolean {
  const tok = tokens[k] as Token;
  if (!joinable(text, tokens[k - 1] as Token, tok)) return false;
  return isCapitalised(tok.text) || isGeneric(tok.text) || INNER_WORDS.has(tok.text);
}

/** The last word of a span of more than one word (already `innerAllowed`): not an inner word alone. */
function lastAllowed(tok: Token): boolean {
  return isCapitalised(tok.text) || isGeneric(tok.text);
}
