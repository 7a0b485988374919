/**
 * English time expressions, TimeML-style extents: no leading preposition ("in 1990" -> "1990"),
 * a leading determiner kept where it belongs to the phrase ("the third quarter", "the 1990s").
 */
import { EN_NUMBER, type Groups, type Pattern, parseEnNumber, pickLongest, plausibleYear, runPatterns, toMod } from './rule-kit.js';
import type { Candidate, DateRules, Rel, Season, Spec, SpanUnit } from './types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Abbreviations without a full stop only before a day number: "Jan Kavan" is a name.
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\\s*\\d))';
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\\.|Tues?\\.|Wed\\.|Thu(?:rs?)?\\.|Fri\\.|Sat\\.)';
const YEAR = '(?:1[0-9]\\d\\d|20\\d\\d)';
const MOD = "(?:early|mid|late|the\\s+(?:beginning|start|middle|end)\\s+of|(?:beginning|start|middle|end)\\s+of)";
const ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };
const SEASONS: Record<string, Season> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
const REL: Record<string, Rel> = { last: -1, 'this past': -1, past: -1, previous: -1, this: 0, current: 0, next: 1, 'this coming': 1, coming: 1, following: 1 };
const DECADE_WORDS: Record<string, number> = { twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9 };

/** "Sept." -> 9; rejects lower-case "may"/"march" (verbs) and any lower-case month. */
function monthOf(s: string | undefined): number | null {
  if (!s || !/^[A-Z]/.test(s)) return null;
  const i = MONTHS.indexOf(s.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}
const weekdayOf = (s: string): number => WEEKDAYS.indexOf(s.slice(0, 3).toLowerCase());
const rel = (s: string | undefined): Rel | undefined => (s ? REL[s.toLowerCase().replace(/\s+/g, ' ')] : undefined);
const num = (s: string | undefined): number | undefined => (s ? Number(s) : undefined);
const yearRelOf = (s: string | undefined): number | undefined => (s ? ({ last: -1, this: 0, next: 1 } as Record<string, number>)[s.toLowerCase()] : undefined);
const unitOf = (s: string): SpanUnit => s.toLowerCase().replace(/s$/, '') as SpanUnit;

function withYear<T extends Spec>(spec: T, g: Groups): T {
  const y = num(g.year);
  const yr = yearRelOf(g.yrel);
  return { ...spec, ...(y !== undefined ? { year: y } : {}), ...(yr !== undefined ? { yearRel: yr } : {}) };
}

const P = (src: string, make: Pattern['make'], flags = 'gi'): Pattern => ({ re: new RegExp(src, flags), make });
const YEAR_TAIL = `(?:,?\\s+(?:of\\s+)?(?<year>${YEAR})\\b|\\s+(?<yrel>last|this|next)\\s+year\\b)?`;

const PATTERNS: Pattern[] = [
  // Friday, Oct. 23, 1998 / August 8 / May 26, 1980 / April 24-25
  P(`\\b(?:(?:last|this|next)\\s+)?(?:${WEEKDAY},?\\s+)?(?<mon>${MONTH})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(?<day2>\\d{1,2}))?\\b(?!:\\d|\\.\\d|,\\d{3})${YEAR_TAIL}`, (g) => {
    const month = monthOf(g.mon);
    return month ? withYear({ kind: 'date', month, day: Number(g.day), ...(g.day2 ? { dayTo: Number(g.day2) } : {}) }, g) : null;
  }),
  // 16 December 2016 / the 5th of May
  P(`\\b(?:${WEEKDAY},?\\s+)?(?:the\\s+)?(?<day>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*(?<day2>\\d{1,2}))?\\s+(?:of\\s+)?(?<mon>${MONTH})(?![a-z])${YEAR_TAIL}`, (g) => {
    const month = monthOf(g.mon);
    return month && (g.day2 === undefined || Number(g.day2) > Number(g.day)) ? withYear({ kind: 'date', month, day: Number(g.day), ...(g.day2 ? { dayTo: Number(g.day2) } : {}) }, g) : null;
  }),
  // 2016-12-16, 12/16/2016
  P(`\\b(?<year>${YEAR})-(?<m>\\d\\d)-(?<d>\\d\\d)\\b`, (g) => ({ kind: 'date', year: Number(g.year), month: Number(g.m), day: Number(g.d) })),
  P(`\\b(?<m>\\d{1,2})/(?<d>\\d{1,2})/(?<year>${YEAR})\\b`, (g) => (Number(g.m) <= 12 ? { kind: 'date', year: Number(g.year), month: Number(g.m), day: Number(g.d) } : null)),
  // early December, mid-November 1990, last April, June last year, the end of March
  P(`(?:\\b(?<mod>${MOD})[-\\s]+|\\b(?<rel>last|this|next|this past|this coming)\\s+)?\\b(?<mon>${MONTH})(?![a-z])${YEAR_TAIL}`, (g, m, text) => {
    const month = monthOf(g.mon);
    if (!month) return null;
    // A bare "May"/"March" at a sentence start is too often a name or verb; keep with context only.
    if (!g.mod && !g.rel && !g.year && !g.yrel && /^(?:May|March)$/.test(g.mon ?? '') && !/\b(?:in|since|by|until|of|early|late|last|this|next|before|after|during|and|or|to|through|between)\s+$/i.test(text.slice(Math.max(0, m.index - 9), m.index))) return null;
    return withYear({ kind: 'month', month, ...(g.mod ? { mod: toMod(g.mod)! } : {}), ...(rel(g.rel) !== undefined ? { rel: rel(g.rel)! } : {}) }, g);
  }),
  // 1990, mid-2016, the end of 1990, fiscal 1989
  P(`(?:\\b(?<mod>${MOD})[-\\s]+|\\b(?:fiscal(?:\\s+year)?|FY)\\s*|\\bthe\\s+year\\s+)?\\b(?<year>${YEAR})(?![\\d'’]?s\\b)(?![\\w-])`, (g, m, text) => {
    const y = Number(g.year);
    const s = m.index + m[0].length - (g.year?.length ?? 0);
    return plausibleYear(text, s, s + 4, y) ? { kind: 'year', year: y, ...(g.mod ? { mod: toMod(g.mod)! } : {}) } : null;
  }),
  // the 1990s, early 1990s, the mid-'80s, the nineties
  P(`(?<the>\\bthe\\s+)?(?:\\b(?<mod>${MOD})[-\\s]+)?(?:\\b(?<c>1[0-9]|20)(?<d>\\d)0['’]?s\\b|['’](?<d2>\\d)0s\\b|\\b(?<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b)`, (g) => {
    const decade = g.c ? Number(g.c) * 10 + Number(g.d) : g.d2 ? 190 + Number(g.d2) : 190 + DECADE_WORDS[g.w!.toLowerCase()]!;
    if (g.w && !g.the && !g.mod) return null;
    return { kind: 'decade', decade, ...(g.mod ? { mod: toMod(g.mod)! } : {}) };
  }),
  // the 20th century, this century
  P(`(?:\\bthe\\s+)?\\b(?<n>1\\d|2[01])(?:st|nd|rd|th)\\s+century\\b`, (g) => ({ kind: 'century', century: Number(g.n) })),
  // the third quarter (of 1990), third-quarter, the fiscal first quarter, the latest quarter, this quarter
  P(`(?:\\b(?<det>the|this|last|next|that|its|a)\\s+)?(?:(?<yrel0>last|this|next)\\s+year['’]s\\s+)?(?:(?<y1>${YEAR})\\s+)?(?:(?<q>latest|current|comparable|same|previous|prior|fiscal|year-earlier|year-ago|flat)\\s+)*(?:\\b(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\\s](?:fiscal[-\\s])?)?quarter\\b(?:\\s+of\\s+(?:fiscal\\s+)?(?<year>${YEAR})|\\s+(?<yrel>last|this|next)\\s+year)?`, (g) => {
    const det = g.det?.toLowerCase();
    const q = g.q?.toLowerCase() ?? '';
    if (!g.ord && (!det || det === 'a' || det === 'its') && !q) return null;
    if (det === 'a' && !g.ord) return null;
    if (/year-earlier|year-ago/.test(q)) return { kind: 'yearEarlier', grain: 'quarter' };
    if (g.yrel0 && !g.ord) return { kind: 'quarter', rel: 0, yearRel: yearRelOf(g.yrel0)! };
    const quarter = g.ord ? ORD[g.ord.toLowerCase()] : undefined;
    const r: Rel | undefined = det === 'last' || q === 'previous' || q === 'prior' ? -1 : det === 'this' || q === 'current' ? 0 : det === 'next' ? 1 : q === 'latest' ? -1 : undefined;
    const year = num(g.year ?? g.y1);
    return withYear({ kind: 'quarter', ...(quarter ? { quarter } : {}), ...(r !== undefined ? { rel: r } : {}), ...(year ? { year } : {}) }, { yrel: g.yrel ?? g.yrel0 });
  }),
  P(`(?:\\bthe\\s+)?\\b(?<ord>first|second)[-\\s]half(?:\\s+of\\s+(?<year>${YEAR}))?\\b`, (g) => ({ kind: 'half', half: g.ord!.toLowerCase() === 'first' ? 1 : 2, ...(g.year ? { year: Number(g.year) } : {}) })),
  // this summer, last fall, the winter of 1994, summer 2016
  P(`(?:\\bthe\\s+)?(?:\\b(?<pre>this|last|next|this past|this coming|early|late)\\s+)?\\b(?<s>spring|summer|fall|autumn|winter)\\b(?:\\s+(?:of\\s+)?(?<year>${YEAR})\\b|\\s+(?<yrel>last|this|next)\\s+year\\b)?`, (g, m, text) => {
    const pre = g.pre?.toLowerCase();
    if (g.s!.toLowerCase() === 'fall' && !pre && !g.year) return null;
    if (!pre && !g.year && /^\s+of\b/.test(text.slice(m.index + m[0].length))) return null;
    const r = pre === 'early' || pre === 'late' ? undefined : rel(pre);
    return withYear({ kind: 'season', season: SEASONS[g.s!.toLowerCase()]!, ...(r !== undefined ? { rel: r } : {}) }, g);
  }),
  // yesterday, late yesterday, today, tomorrow, tonight
  P(`\\b(?:(?:early|late|earlier|later)\\s+)?(?<w>the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow|yesterday|today|tomorrow|tonight)\\b`, (g) => {
    const w = g.w!.toLowerCase();
    const offset = w.includes('before') ? -2 : w.includes('after') ? 2 : w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
    return { kind: 'relative', unit: 'day', offset };
  }),
  // last week, earlier this year, early next year, the end of this month, late last week, this weekend
  P(`\\b(?:(?<mod>${MOD}|earlier|later)[-\\s]+)?(?<rel>last|this|next|this past|this coming|the\\s+(?:current|previous|following|coming))\\s+(?<u>week|weekend|month|year|decade|century)\\b`, (g) => {
    const u = g.u!.toLowerCase();
    const r = rel(g.rel!.replace(/^the\s+/i, ''))!;
    const m = /earlier|later/i.test(g.mod ?? '') ? undefined : toMod(g.mod);
    if (u === 'century') return { kind: 'century', century: r === 0 ? 21 : 20 };
    return { kind: 'relative', unit: u as 'week', offset: r, ...(m ? { mod: m } : {}) };
  }),
  P(`\\b(?<the>the\\s+)weekend\\b`, () => ({ kind: 'relative', unit: 'weekend', offset: 0 })),
  // the past two years, the last few months, the next three weeks
  P(`\\b(?:the\\s+)?(?<dir>past|last|previous|next|coming|following)\\s+(?<n>${EN_NUMBER}|few|several)\\s+(?<u>days|weeks|months|years|decades)\\b`, (g) => {
    const vague = /few|several/i.test(g.n!);
    const count = vague ? 3 : parseEnNumber(g.n!);
    if (count === null || count === 0) return null;
    return { kind: 'span', unit: unitOf(g.u!), count, dir: /past|last|previous/i.test(g.dir!) ? -1 : 1, ...(vague ? { vague } : {}) };
  }),
  // two years ago, a decade ago, six weeks ago, several years ago
  P(`\\b(?:(?:nearly|almost|about|some|more\\s+than|over|roughly|just)\\s+)?(?<n>${EN_NUMBER}|a\\s+few|several|a\\s+couple\\s+of)\\s+(?<u>days?|weeks?|months?|years?|decades?)\\s+(?<dir>ago|earlier)\\b`, (g) => {
    const vague = /few|several/i.test(g.n!);
    const count = vague ? 3 : parseEnNumber(g.n!);
    if (count === null) return null;
    const unit = unitOf(g.u!);
    if (unit === 'year' && count === 1) return { kind: 'yearEarlier', grain: 'auto' };
    return { kind: 'ago', unit, count, ...(vague ? { vague } : {}) };
  }),
  P(`\\b(?:the\\s+)?(?:comparable\\s+)?(?:year-earlier|year-ago|year\\s+earlier|a\\s+year\\s+ago)(?<q>\\s+(?:period|quarter|third\\s+quarter|second\\s+quarter|first\\s+quarter|fourth\\s+quarter))?\\b`, (g, m) => ({ kind: 'yearEarlier', grain: g.q ? 'quarter' : 'auto' })),
  // nineteen ninety-six, the year two thousand
  P(`\\b(?:the\\s+year\\s+)?(?<c>nineteen|two\\s+thousand)(?:\\s+(?:and\\s+)?(?<t>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?\\b`, (g, m) => {
    const c = g.c!.toLowerCase();
    if (c === 'nineteen' && !g.t) return null;
    if (c !== 'nineteen' && !g.t && !/^the/i.test(m[0])) return null;
    const t = g.t ? parseEnNumber(g.t) : 0;
    return t === null ? null : { kind: 'year', year: (c === 'nineteen' ? 1900 : 2000) + t };
  }),
  // now, currently, recently, the future
  P(`\\b(?:right\\s+now|now|currently|at\\s+present|nowadays|these\\s+days|at\\s+the\\s+moment)\\b`, (_g, m, text) => (/^\s+that\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6)) && /^now$/i.test(m[0]) ? null : { kind: 'ref', ref: 'PRESENT' })),
  P(`\\b(?:recently|lately|recent\\s+(?:years|months|weeks|days))\\b`, () => ({ kind: 'ref', ref: 'PAST' })),
  P(`\\b(?:the\\s+(?:near\\s+|foreseeable\\s+)?future)\\b`, () => ({ kind: 'ref', ref: 'FUTURE' })),
  // the year, that year, the same year: the discourse year
  P(`\\b(?:the|that)\\s+(?:same\\s+)?year\\b(?!\\s+(?:ago|earlier|before|after|to|of|in|when|that|[0-9]))`, () => ({ kind: 'thatYear' })),
  // Monday, last Friday, early Tuesday, Wednesday night
  P(`\\b(?:(?<mod>early|late|earlier|later)\\s+)?(?:(?<rel>last|this|next|this past|this coming)\\s+)?(?<wd>${WEEKDAY})(?:\\s+(?:morning|afternoon|evening|night))?(?!\\w)`, (g) => {
    const wd = weekdayOf(g.wd!);
    const r = rel(g.rel);
    return { kind: 'weekday', weekday: wd, ...(r !== undefined ? { rel: r } : {}) };
  }),
  P(`\\b(?:(?:last|this|next)\\s+)?(?<h>Christmas(?:\\s+Eve|\\s+Day)?|New\\s+Year's\\s+(?:Day|Eve)|Thanksgiving(?:\\s+Day)?)\\b`, (g) => {
    const h = g.h!.toLowerCase();
    if (h.startsWith('thanksgiving')) return null; // needs a year to place; left to the date patterns
    return { kind: 'date', month: h.startsWith('new') ? (h.endsWith('eve') ? 12 : 1) : 12, day: h.startsWith('new') ? (h.endsWith('eve') ? 31 : 1) : h.endsWith('eve') ? 24 : 25 };
  }, 'g'),
];

export const FUTURE_EN = /\b(?:will|won't|shall|'ll|going\s+to|next|upcoming|scheduled|expected\s+to|plans?\s+to|planned|planning|intends?\s+to|set\s+(?:for|to)|is\s+to|are\s+to|due|payable|effective|takes\s+effect|deadline|expires?|of\s+record|record\s+date|as\s+soon\s+as|as\s+early\s+as|between\s+now\s+and)\b/i;

export const enRules: DateRules = {
  find: (text: string): Candidate[] => pickLongest(runPatterns(PATTERNS, text)),
  future: FUTURE_EN,
};
