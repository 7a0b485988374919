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
import { lookupPlace } from './place-gazetteer.js';
import type { PlaceCandidate, PlaceMention } from './place.types.js';

export interface FindPlaceOptions {
  /** Longest name tried, in words. */
  maxWords: number;
}

const DEFAULTS: FindPlaceOptions = { maxWords: 5 };

interface Token { text: string; start: number; end: number }

const WORD = /\p{L}[\p{L}\p{M}]*(?:[-‐'’ʼ]\p{L}[\p{L}\p{M}]*)*/gu;
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

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
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
/** Lookups of one `findPlaceMentions` call; the candidates are only read here. */
let spanLookups = new Map<string, readonly PlaceCandidate[]>();
function lookupSpan(phrase: string): readonly PlaceCandidate[] {
  let candidates = spanLookups.get(phrase);
  if (candidates === undefined) {
    candidates = lookupPlace(phrase, { exactSpan: true, lang: spanLang });
    spanLookups.set(phrase, candidates);
  }
  return candidates;
}

/** A capitalised neighbour that is not a place: the match is likely part of a longer name. */
function partOfLongerName(text: string, tokens: Token[], i: number, j: number,
  candidates: readonly PlaceCandidate[]): boolean {
  if (candidates.some((c) => c.kind === 'country' || c.kind === 'admin1')) return false;
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
    && candidates.every((c) => c.kind === 'village' || c.kind === 'admin2');
}

/**
 * Place-name spans in `text`, in order, not overlapping. `lang` is the document language;
 * inflected forms are matched for Cyrillic words whatever it says.
 */
export function findPlaceMentions(text: string, lang: string,
  options: Partial<FindPlaceOptions> = {}): PlaceMention[] {
  spanLang = lang;
  spanLookups = new Map();
  const { maxWords } = { ...DEFAULTS, ...options };
  const tokens = tokenize(text);
  const found: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!isCapitalised(first.text) || STOP_WORDS.has(first.text)) { i += 1; continue; }
    let matched = false;
    for (let n = Math.min(maxWords, tokens.length - i); n >= 1 && !matched; n -= 1) {
      const j = i + n - 1;
      if (!spanAllowed(text, tokens, i, j)) continue;
      const last = tokens[j] as Token;
      const end = POSSESSIVE.test(last.text) ? last.end - 2 : last.end;
      const phrase = text.slice(first.start, end);
      const candidates = lookupSpan(phrase);
      if (candidates.length === 0 || partOfLongerName(text, tokens, i, j, candidates)) continue;
      found.push({ text: phrase, start: first.start, end });
      i = j + 1;
      matched = true;
    }
    if (matched) continue;
    // "Astana-based", "Алматы-2": the part before the hyphen.
    const head = /^[^-‐]+(?=[-‐])/.exec(first.text)?.[0];
    if (head && head.length >= 3 && lookupSpan(head).some((c) => c.kind !== 'village')) {
      found.push({ text: head, start: first.start, end: first.start + head.length });
    }
    i += 1;
  }
  spanLookups = new Map();
  return found;
}

function spanAllowed(text: string, tokens: Token[], i: number, j: number): boolean {
  for (let k = i + 1; k <= j; k += 1) {
    const tok = tokens[k] as Token;
    if (!joinable(text, tokens[k - 1] as Token, tok)) return false;
    const inner = k < j && INNER_WORDS.has(tok.text);
    if (!isCapitalised(tok.text) && !isGeneric(tok.text) && !inner) return false;
  }
  return true;
}
