import * as chrono from 'chrono-node';
import type { PublishedAt } from '../../domain/article.js';
import { classifyTense, type Tense } from './text-tense.js';

/**
 * Estimate when an undated article was written, from the dates it mentions.
 *
 * Heuristic (language-general, en and ru dates via chrono-node, bare years for any language):
 * 1. Collect date mentions: month/day expressions (chrono) and bare years ("in 2016",
 *    "mid-2016", "2016 году"); years that are part of a name ("Expo 2017") are skipped.
 * 2. Classify each mention's tense from its clause and sentence: past/present ("took place on
 *    December 16", "victory in 2016") or future ("expected to grow … in 2016", "beginning in
 *    January 2017", "by 2050").
 * 3. The anchor year is the year most often mentioned in past/present tense (ties: the latest);
 *    a month-day without a year ("December 16") is placed in it.
 * 4. Every past/present mention bounds the date from below (the day, the month's first day, or
 *    the year's first day); `from` is the latest such bound.
 * 5. Every future mention bounds it from above (the end of the period it names: a text
 *    expecting growth "in 2016" was written before 2016 was over); `to` is `from` plus a few
 *    months, capped by the earliest such bound that is not before `from`.
 *
 *   estimatePublishedAt('Celebrations on December 16 took place … growth is expected to be
 *     0.5 percent in 2016 …', 'en')  // { from: '2016-12-16', to: '2016-12-31', estimated: true }
 *
 * Returns null when the text mentions no usable date.
 */

export interface EstimateOptions {
  /** How far past the latest dated event the article may have been written (default 3). */
  windowMonths?: number;
}

export interface DateMention {
  index: number;
  end: number;
  year: number | null;
  month: number | null; // 1-12
  day: number | null;
  /** For year-only mentions: "mid-2016" starts at June, "late 2016" at September. */
  yearPart: 'early' | 'mid' | 'late' | null;
  tense: Tense;
}

const MONTH_NAME =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр/u;

const MONTH_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec',
]);

/** Words that may precede a year without making it part of a name ("In 2016", "Since 2014"). */
const YEAR_LEAD = new Set([
  'in', 'since', 'by', 'until', 'till', 'of', 'from', 'to', 'through', 'during', 'before',
  'after', 'early', 'late', 'mid', 'and', 'or', 'the', 'year', 'fiscal', 'summer', 'winter',
  'spring', 'autumn', 'fall', 'beginning', 'end', 'start', 'в', 'с', 'до', 'к', 'по', 'на',
  'и', 'году', 'год', 'начале', 'конце', 'середине',
]);

const YEAR_RE =
  /(^|[^\p{L}\p{N}$€£¥.,/#№-]|[\s(](?:mid|early|late)-)((?:1[89]|20)\d\d)(?![\p{N}%]|[.,]\d|s\b|-е|-х)/gu;

/** Words that show a bare 4-digit number is a year ("in 2016", "2016 году", "2016,"). */
const YEAR_CONTEXT_BEFORE =
  /(?:\b(?:in|since|by|until|till|of|from|to|through|during|before|after|early|late|the year|year|summer|winter|spring|autumn|fall|and|or)|(?:^|\s)(?:в|с|до|к|по|на|и|начале|конце|середине)|mid-|early-|late-|[–—-]|\b(?:January|February|March|April|May|June|July|August|September|October|November|December))\s*$/iu;
const YEAR_CONTEXT_AFTER = /^(?:\s*(?:год|г\.|жыл|ж\.)|\s*[,.;:!?)\]—–-]|\s*$)/iu;

function chronoParsers(text: string, language: string | null): chrono.Chrono[] {
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  if (language === 'en') return [chrono.en.casual];
  if (language === 'ru' || language === 'kk' || language === 'uk' || language === 'be') {
    return [chrono.ru.casual];
  }
  const parsers: chrono.Chrono[] = [];
  if (latin >= cyrillic / 4) parsers.push(chrono.en.casual);
  if (cyrillic > 0) parsers.push(chrono.ru.casual);
  return parsers;
}

const REF_DATE = new Date(Date.UTC(2000, 0, 1, 12));

function collectChronoMentions(text: string, language: string | null): DateMention[] {
  const out: DateMention[] = [];
  for (const parser of chronoParsers(text, language)) {
    let results: chrono.ParsedResult[];
    try {
      results = parser.parse(text, REF_DATE);
    } catch {
      continue; // a parser bug must not sink the estimate
    }
    for (const r of results) {
      const s = r.start;
      if (!s.isCertain('month')) continue;
      const m = MONTH_NAME.exec(r.text);
      // Only absolute month expressions; "May" must be capitalised to not be the modal verb.
      if (!m && !/\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(r.text)) continue;
      if (m && m[1] && /^may$/i.test(m[1]) && m[1] !== 'May') continue;
      const index = r.index + (r.text.length - r.text.trimStart().length);
      const end = r.index + r.text.trimEnd().length;
      const month = s.get('month');
      const day = s.isCertain('day') ? s.get('day') : null;
      const year = s.isCertain('year') ? s.get('year') : null;
      out.push({ index, end, year, month, day, yearPart: null, tense: classifyTense(text, index, end) });
      const e = r.end;
      if (e && e.isCertain('month')) {
        out.push({
          index, end,
          year: e.isCertain('year') ? e.get('year') : year,
          month: e.get('month'),
          day: e.isCertain('day') ? e.get('day') : null,
          yearPart: null,
          tense: classifyTense(text, index, end),
        });
      }
    }
  }
  return out;
}

/** Whether the year at `index` follows a capitalised word that makes it a name ("Expo 2017"). */
function isPartOfName(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  const m = /([\p{L}][\p{L}'’.]*)[\s-]$/u.exec(before);
  if (!m || !m[1]) return false;
  const word = m[1];
  if (!/^\p{Lu}/u.test(word)) return false;
  if (YEAR_LEAD.has(word.toLowerCase()) || MONTH_WORDS.has(word.toLowerCase().replace(/\.$/, ''))) {
    return false;
  }
  // Sentence-initial capitals are not names ("Since 2014" handled above, but also "Year 2016").
  const preceding = before.slice(0, before.length - word.length - 1).trimEnd();
  return !(preceding === '' || /[.!?…"“”«»]$/.test(preceding));
}

function collectYearMentions(text: string, covered: DateMention[]): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.matchAll(YEAR_RE)) {
    const lead = m[1] ?? '';
    const yearText = m[2] ?? '';
    const index = (m.index ?? 0) + lead.length;
    const end = index + yearText.length;
    if (covered.some((c) => c.year !== null && index >= c.index && end <= c.end)) continue;
    const before = text.slice(Math.max(0, index - 30), index);
    const after = text.slice(end, end + 12);
    if (!YEAR_CONTEXT_BEFORE.test(before) && !YEAR_CONTEXT_AFTER.test(after)) continue;
    if (isPartOfName(text, index)) continue;
    const part = /\b(mid|middle of|середине)[\s-]*$/iu.test(before)
      ? 'mid'
      : /\b(late|end of|конце)[\s-]*$/iu.test(before)
        ? 'late'
        : /\b(early|beginning of|начале)[\s-]*$/iu.test(before)
          ? 'early'
          : null;
    out.push({
      index, end, year: Number(yearText), month: null, day: null, yearPart: part,
      tense: classifyTense(text, index, end),
    });
  }
  return out;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Earliest day the text can have been written if the mention is past: the period's start. */
function lowerBound(m: DateMention, year: number): string {
  if (m.month !== null) {
    const day = m.day !== null ? Math.min(m.day, daysInMonth(year, m.month)) : 1;
    return iso(year, m.month, day);
  }
  if (m.yearPart === 'mid') return iso(year, 6, 1);
  if (m.yearPart === 'late') return iso(year, 9, 1);
  return iso(year, 1, 1);
}

/** Latest day the text can have been written if the mention is future: the period's end. */
function upperBound(m: DateMention, year: number): string {
  if (m.month !== null) {
    return iso(year, m.month, m.day !== null ? Math.min(m.day, daysInMonth(year, m.month)) : daysInMonth(year, m.month));
  }
  if (m.yearPart === 'early') return iso(year, 4, 30);
  if (m.yearPart === 'mid') return iso(year, 9, 30);
  return iso(year, 12, 31);
}

function pickAnchorYear(mentions: DateMention[]): number | null {
  const count = (tense: Tense | null) => {
    const counts = new Map<number, number>();
    for (const m of mentions) {
      if (m.year === null || (tense && m.tense !== tense)) continue;
      counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
    }
    let best: number | null = null;
    let bestCount = 0;
    for (const [year, c] of counts) {
      if (c > bestCount || (c === bestCount && best !== null && year > best)) {
        best = year;
        bestCount = c;
      }
    }
    return best;
  };
  return count('past') ?? count(null);
}

/** The date mentions the estimate is built from, with their tense (exposed for diagnostics). */
export function collectDateMentions(text: string, language: string | null): DateMention[] {
  const sample = text.length > 50_000 ? text.slice(0, 50_000) : text;
  const dated = collectChronoMentions(sample, language);
  return [...dated, ...collectYearMentions(sample, dated)]
    .filter((m) => m.year === null || (m.year >= 1800 && m.year <= 2200))
    .sort((a, b) => a.index - b.index);
}

export function estimatePublishedAt(
  text: string,
  language: string | null,
  options: EstimateOptions = {},
): PublishedAt | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const mentions = collectDateMentions(text, language);
  if (mentions.length === 0) return null;

  const anchor = pickAnchorYear(mentions);
  let from: string | null = null;
  const caps: string[] = [];
  for (const m of mentions) {
    const year = m.year ?? anchor;
    if (year === null) continue;
    if (m.tense === 'past') {
      const lb = lowerBound(m, year);
      if (from === null || lb > from) from = lb;
    } else {
      caps.push(upperBound(m, year));
    }
  }

  const window = options.windowMonths ?? 3;
  if (from === null) {
    // Only future references: the text was written some time before the earliest of them.
    if (caps.length === 0) return null;
    const to = caps.reduce((a, b) => (b < a ? b : a));
    return { from: addMonths(to, -12), to, estimated: true };
  }
  let to = addMonths(from, window);
  for (const cap of caps) if (cap >= from && cap < to) to = cap;
  return { from, to, estimated: true };
}
