/**
 * Kazakh time expressions (the cheap, unambiguous part), plus the Russian rules: Kazakh reports
 * quote Russian dates often enough. Kazakh puts the year first: "2022 жылғы 5 қаңтарда".
 */
import { type Pattern, pickLongest, plausibleYear, runPatterns } from './rule-kit.js';
import { FUTURE_RU, ruPatterns } from './ru-rules.js';
import type { Candidate, DateRules } from './types.js';

const STEMS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
// Month plus any case ending (қаңтарда, қаңтардың, қаңтары).
const MONTH = `(?<mon>(?:${STEMS.join('|')})\\p{L}*)`;
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const YEAR_HEAD = '(?:(?<year>1[0-9]\\d\\d|20\\d\\d)\\s*(?:жылғы|жылдың|ж\\.)\\s+)';

const monthOf = (s: string): number => STEMS.findIndex((st) => s.toLowerCase().startsWith(st)) + 1;
const P = (src: string, make: Pattern['make']): Pattern => ({ re: new RegExp(src, 'giu'), make });

const PATTERNS: Pattern[] = [
  // 2022 жылғы 5 қаңтарда, 5 қаңтар
  P(`${B}${YEAR_HEAD}?(?<day>\\d{1,2})(?:-?(?:ші|шы|і|ы))?\\s+${MONTH}${E}`, (g) => ({
    kind: 'date', month: monthOf(g.mon!), day: Number(g.day), ...(g.year ? { year: Number(g.year) } : {}),
  })),
  // 2022 жылғы қаңтарда; a bare month needs a year: "қазан" is also Kazan and a cauldron.
  P(`${B}${YEAR_HEAD}${MONTH}${E}`, (g) => ({ kind: 'month', month: monthOf(g.mon!), year: Number(g.year) })),
  // 2016 жылы, 2016 жылдың
  P(`${B}(?<year>1[0-9]\\d\\d|20\\d\\d)\\s*(?:жылы|жылдың|жылға|жыл)${E}`, (g, m, text) => {
    const y = Number(g.year);
    return plausibleYear(text, m.index, m.index + 4, y) ? { kind: 'year', year: y } : null;
  }),
  P(`${B}(?<w>кеше|бүгін|ертең)${E}`, (g) => ({ kind: 'relative', unit: 'day', offset: ({ кеше: -1, бүгін: 0, ертең: 1 } as Record<string, number>)[g.w!.toLowerCase()]! })),
  P(`${B}(?<w>биыл|былтыр|өткен\\s+жылы|келесі\\s+жылы)${E}`, (g) => {
    const w = g.w!.toLowerCase();
    return { kind: 'relative', unit: 'year', offset: w === 'биыл' ? 0 : w.startsWith('келесі') ? 1 : -1 };
  }),
];

const FUTURE_KK = new RegExp(`${FUTURE_RU.source}|(?:^|[^\\p{L}])(?:болады|өтеді|жоспарла\\p{L}*|келесі)(?![\\p{L}])`, 'iu');

/** Kazakh patterns, then the Russian ones (one list, so its prefilter is built once). */
const ALL_PATTERNS = [...PATTERNS, ...ruPatterns];

export const kkRules: DateRules = {
  find: (text: string): Candidate[] => pickLongest(runPatterns(ALL_PATTERNS, text)),
  future: FUTURE_KK,
};
