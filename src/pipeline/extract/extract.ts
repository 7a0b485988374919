/**
 * The extract stage: clean text in, an Extraction out — entities with canonical names,
 * dates normalised against the publication date, places resolved against the gazetteer,
 * and event candidates. Every item carries its span: `text.slice(start, end) === item.text`.
 * A stage: bad text gives `{ ok: false, reason }`, never an exception; nothing is saved.
 *
 *   extractArticle('Police detained Nazarbayev’s critic in Astana on 24 April.',
 *     { lang: 'en', date: '2016-05-01' })
 *   // ok: { language: 'en', entities: [{ text: 'Nazarbayev', type: 'PERSON', canonical: 'Nazarbayev', … },
 *   //   { text: 'Astana', type: 'LOCATION', canonical: 'Astana', … }],
 *   //   dates: [{ text: '24 April', from: '2016-04-24', to: '2016-04-24', precision: 'day', … }],
 *   //   places: [{ text: 'Astana', name: 'Astana', country: 'KZ', … }], events: [{ type: 'detention', … }], warnings: [] }
 *
 * Language: `lang` wins, else the detected language, else `languageHint`, else a guess from the
 * script (with a warning). For a language without models only dates written in digits and
 * gazetteer places are extracted, and a warning says so.
 * Reference date for dates: `date`, else `publishedAt.value`, else its `from`..`to` interval,
 * else today.
 */
import type { PublishedAt } from '../../domain/article.js';
import { isIsoDay, type Extraction, type ExtractionLanguage, type ExtractedEntity } from '../../domain/extraction.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { detectLanguage } from '../clean/language.js';
import { canonicalize } from './canonical.js';
import { joinDateRanges } from './date-ranges.js';
import { extractDates } from './dates/extract-dates.js';
import type { DateMention } from './dates/types.js';
import { isOnlyTitle, trimEntitySpan } from './entity-spans.js';
import { extractEvents } from './events/extract-events.js';
import { findPlaceMentions, inStreetName, resolvePlaces, type PlaceMention, type ResolvedPlace } from './places/index.js';
import { tagEntities } from './ner/tagger.js';
import { addPersonMentions } from './person-mentions.js';

export const EXTRACTOR = { name: 'chronicle-extract', version: '1.0.0' } as const;

export const SUPPORTED_LANGUAGES: readonly ExtractionLanguage[] = ['en', 'ru', 'kk'];

export interface ExtractOptions {
  /** Forces the language (the `--lang` option). */
  lang?: ExtractionLanguage;
  /** The source's declared language (e.g. html lang, Content-Language), used when detection cannot tell. */
  languageHint?: string | null;
  publishedAt?: PublishedAt | null;
  /** Reference date `YYYY-MM-DD` for relative and year-less dates (the `--date` option). */
  date?: string;
  /** Today's date `YYYY-MM-DD`, the last resort reference; injectable for tests. */
  today?: () => string;
}

type Entity = Omit<ExtractedEntity, 'canonical'>;

export function isSupportedLanguage(lang: string | null | undefined): lang is ExtractionLanguage {
  return lang === 'en' || lang === 'ru' || lang === 'kk';
}

/**
 * Last resort on short texts: the script. Kazakh-only letters say kk, other Russian Cyrillic
 * ru, Latin with English function words en; anything else stays unknown.
 */
function guessLanguageFromScript(text: string): string | null {
  const sample = text.slice(0, 5000);
  const cyr = (sample.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const lat = (sample.match(/\p{Script=Latin}/gu) ?? []).length;
  if (cyr === 0 && lat === 0) return null;
  if (cyr >= lat) {
    if (/[әғқңөұүһ]/iu.test(sample)) return 'kk';
    return /[іїєґў]/iu.test(sample) ? null : 'ru';
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
  return english >= Math.max(1, words.length * 0.1) ? 'en' : null;
}

const ENGLISH_FUNCTION_WORDS = new Set('the of and to in a is was that for on with as by at from he she they were said'.split(' '));

function chooseReference(options: ExtractOptions): Result<string | { from: string; to: string }> {
  if (options.date !== undefined) {
    return isIsoDay(options.date) ? ok(options.date) : fail(`invalid date "${options.date}": expected YYYY-MM-DD`);
  }
  const p = options.publishedAt;
  if (p?.value !== undefined && isIsoDay(p.value)) return ok(p.value);
  const from = p?.from !== undefined && isIsoDay(p.from) ? p.from : undefined;
  const to = p?.to !== undefined && isIsoDay(p.to) ? p.to : undefined;
  if (from !== undefined && to !== undefined && from <= to) return ok({ from, to });
  if (from !== undefined || to !== undefined) return ok((from ?? to)!);
  return ok((options.today ?? (() => new Date().toISOString().slice(0, 10)))());
}

/** Of overlapping spans the longest stays (the first on ties); text order out; linear after sorting. */
function dropOverlaps<T extends { start: number; end: number }>(items: readonly T[]): T[] {
  const sorted = items.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const item of sorted) {
    const last = kept[kept.length - 1];
    if (last && item.start < last.end) {
      if (item.end - item.start > last.end - last.start) kept[kept.length - 1] = item;
      continue;
    }
    kept.push(item);
  }
  return kept;
}

/** Tagger spans, trimmed of possessives, punctuation and titles, plus the person mentions they imply; no duplicates, in text order. */
function findEntities(text: string, lang: ExtractionLanguage): Entity[] {
  const out: Entity[] = [];
  const seen = new Set<string>();
  for (const e of tagEntities(text, lang)) {
    const span = trimEntitySpan(text, e);
    if (!span) continue;
    const name = text.slice(span.start, span.end);
    if (e.type === 'PERSON' && isOnlyTitle(name)) continue;
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: name, type: e.type, start: span.start, end: span.end });
  }
  // Surnames written again on their own or in another spelling, and names after "Mr"/"г-н".
  return addPersonMentions(text, lang, out.sort((a, b) => a.start - b.start || a.end - b.end));
}

/**
 * Places from the gazetteer finder and from LOCATION entities, resolved together (one
 * document context); where spans overlap the longer one stays ("East Kazakhstan Region").
 * Also returns the resolved name of each LOCATION entity span.
 */
function findPlaces(text: string, lang: string, entities: readonly Entity[]):
{ places: ResolvedPlace[]; nameOfSpan: Map<string, string> } {
  const mentions = new Map<string, PlaceMention>();
  for (const m of findPlaceMentions(text, lang)) mentions.set(`${m.start}:${m.end}`, m);
  for (const e of entities) {
    if (e.type !== 'LOCATION' || mentions.has(`${e.start}:${e.end}`)) continue;
    // The finder already leaves out names in streets and squares; the tagger's spans get the same test.
    if (!inStreetName(text, e.start, e.end)) mentions.set(`${e.start}:${e.end}`, { text: e.text, start: e.start, end: e.end });
  }
  // Every mention is given, so the resolver needs no second scan of the text for context.
  const resolved = resolvePlaces([...mentions.values()], { text, lang }, { maxContextChars: 0 });
  const nameOfSpan = new Map(resolved.map((p) => [`${p.start}:${p.end}`, p.name]));
  return { places: dropOverlaps(resolved), nameOfSpan };
}

/**
 * Dates in a language without rules: only those written in digits are safe to read. English
 * rules read ISO and month-first forms, Russian rules day-first ones ("16.12.2016").
 */
function findDigitDates(text: string, reference: string | { from: string; to: string }): DateMention[] {
  const found = new Map<string, DateMention>();
  for (const lang of ['ru', 'en'] as const) {
    for (const d of extractDates(text, { lang, reference })) {
      const key = `${d.start}:${d.end}`;
      if (/^[\d\s./\-–]+$/u.test(d.text) && !found.has(key)) found.set(key, d);
    }
  }
  return dropOverlaps([...found.values()]);
}

export function extractArticle(text: string, options: ExtractOptions = {}): Result<Extraction> {
  if (typeof text !== 'string') return fail('not a text');
  if (text.trim() === '') return fail('empty text');
  const reference = chooseReference(options);
  if (!reference.ok) return reference;
  if (options.lang !== undefined && !isSupportedLanguage(options.lang)) return fail(`unsupported language "${String(options.lang)}"`);

  const warnings: string[] = [];
  let language = options.lang ?? detectLanguage(text, options.languageHint ?? null);
  if (language === null) {
    language = guessLanguageFromScript(text);
    if (language !== null) warnings.push(`language not detected: guessed "${language}" from the script`);
  }

  let entities: Entity[] = [];
  let dates: DateMention[];
  if (isSupportedLanguage(language)) {
    entities = findEntities(text, language);
    dates = extractDates(text, { lang: language, reference: reference.value });
  } else {
    warnings.push(`${language === null ? 'unknown language' : `unsupported language "${language}"`}: `
      + 'no entities or events; only dates written in digits and gazetteer places');
    dates = findDigitDates(text, reference.value);
  }
  dates = joinDateRanges(text, dates);

  const { places, nameOfSpan } = findPlaces(text, language ?? 'und', entities);
  const canonical = canonicalize(entities, language ?? 'und', (e) => nameOfSpan.get(`${e.start}:${e.end}`) ?? null);
  const events = isSupportedLanguage(language)
    ? extractEvents({ text, lang: language, entities, dates, places })
    : [];

  return ok({
    language,
    publishedAt: options.publishedAt ?? null,
    text,
    // Field by field rather than `{ ...e, canonical }` (the same keys in the same order: an Entity
    // has these four): the spread went through V8's slow generic object copy here.
    entities: entities.map((e, i) => ({ text: e.text, type: e.type, start: e.start, end: e.end, canonical: canonical[i]! })),
    dates,
    places,
    events,
    warnings,
  });
}
