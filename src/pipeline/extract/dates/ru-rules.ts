/**
 * Russian time expressions. Extents leave out a leading preposition ("в 2016 году" -> "2016
 * году"), like the English rules, so a span is the expression itself.
 */
import { type Pattern, RU_NUMBER, parseRuNumber, pickLongest, plausibleYear, runPatterns, toMod } from './rule-kit.js';
import type { Candidate, DateRules, Rel, Season, SpanUnit, Spec } from './types.js';

// Month stems; the endings cover nominative, genitive and prepositional (январь, января, январе).
const STEMS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const MONTH = '(?<mon>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])';
const GEN_MONTH = '(?<mon>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)';
const YEAR = '(?<year>1[0-9]\\d\\d|20\\d\\d)';
const YEAR_WORD = '(?:\\s*(?:года|году|год|г\\.|гг\\.))';
const YEAR_TAIL = `(?:\\s+${YEAR}${YEAR_WORD}?|\\s+(?<yrel>прошлого|этого|текущего|нынешнего|следующего|будущего)\\s+года)?`;
const MOD = '(?<mod>начал[аое]|середин[аеуы]|конц[аеу]|конец|перв(?:ой|ая)\\s+половин[аеы]|втор(?:ой|ая)\\s+половин[аеы])';
const SEASONS: Record<string, Season> = { лет: 'SU', зим: 'WI', весн: 'SP', осен: 'FA' };
const WEEKDAYS = ['воскресень', 'понедельник', 'вторник', 'сред', 'четверг', 'пятниц', 'суббот'];

const P = (src: string, make: Pattern['make']): Pattern => ({ re: new RegExp(src, 'giu'), make });
// \b does not see Cyrillic letters; these stand in for it.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

function monthOf(s: string | undefined): number | null {
  if (!s) return null;
  const t = s.toLowerCase();
  // Longest stem first: "ма" (май) would otherwise shadow "март".
  let best = -1;
  STEMS.forEach((stem, i) => {
    if (t.startsWith(stem) && (best < 0 || stem.length > STEMS[best]!.length)) best = i;
  });
  return best < 0 ? null : best + 1;
}
const yearRelOf = (s: string | undefined): number | undefined => {
  if (!s) return undefined;
  const t = s.toLowerCase();
  return t.startsWith('прошл') ? -1 : t.startsWith('следующ') || t.startsWith('будущ') ? 1 : 0;
};
const relOf = (s: string | undefined): Rel | undefined => {
  if (!s) return undefined;
  const t = s.toLowerCase();
  return /^(?:прошл|позапрошл)/.test(t) ? -1 : /^(?:следующ|будущ)/.test(t) ? 1 : 0;
};
function yearBits(g: Record<string, string | undefined>): { year?: number; yearRel?: number } {
  if (g.year) return { year: Number(g.year) };
  const r = yearRelOf(g.yrel);
  return r === undefined ? {} : { yearRel: r };
}
const unitOf = (s: string): SpanUnit => {
  const t = s.toLowerCase();
  return t.startsWith('д') ? 'day' : t.startsWith('недел') ? 'week' : t.startsWith('месяц') ? 'month' : 'year';
};

const PATTERNS: Pattern[] = [
  // 5 января 2022 года, 7 января, 5-7 января
  P(`${B}(?<day>\\d{1,2})(?:\\s*[-–—]\\s*(?<day2>\\d{1,2}))?\\s+${GEN_MONTH}${E}${YEAR_TAIL}`, (g) => {
    const month = monthOf(g.mon)!;
    const day = Number(g.day);
    return { kind: 'date', month, day, ...(g.day2 && Number(g.day2) > day ? { dayTo: Number(g.day2) } : {}), ...yearBits(g) };
  }),
  // 05.01.2022
  P(`${B}(?<d>\\d{1,2})\\.(?<m>\\d{1,2})\\.${YEAR}${E}`, (g) => (Number(g.m) >= 1 && Number(g.m) <= 12 ? { kind: 'date', year: Number(g.year), month: Number(g.m), day: Number(g.d) } : null)),
  P(`${B}${YEAR}-(?<m>\\d\\d)-(?<d>\\d\\d)${E}`, (g) => ({ kind: 'date', year: Number(g.year), month: Number(g.m), day: Number(g.d) })),
  // январь 2022 года, в апреле, в начале января 2022 года, в апреле прошлого года
  P(`(?:${B}${MOD}\\s+)?${B}${MONTH}${E}${YEAR_TAIL}`, (g, m, text) => {
    const month = monthOf(g.mon);
    if (!month) return null;
    // "мая"/"марта" alone are too often other words (марта as a name); keep with context.
    if (!g.year && !g.yrel && !g.mod && !/(?:^|[\s(])(?:в|во|с|до|к|по|между|конца|начала|середины|прошлого|этого)\s+$/iu.test(text.slice(Math.max(0, m.index - 12), m.index))) return null;
    const mod = toMod(g.mod);
    const half = g.mod && /половин/i.test(g.mod) ? undefined : mod;
    return { kind: 'month', month, ...(half ? { mod: half } : {}), ...yearBits(g) };
  }),
  // 2016 год, в 2016 году, начала 2016 года, в 2016-м
  P(`(?:${B}${MOD}\\s+)?${B}${YEAR}(?:-м|-го)?(?<w>${YEAR_WORD})?${E}`, (g, m, text) => {
    const y = Number(g.year);
    const s = m.index + m[0].indexOf(g.year!);
    if (!g.w && !/(?:^|\s)(?:в|с|до|по|к|на)\s+$/iu.test(text.slice(Math.max(0, s - 4), s))) return null;
    if (!plausibleYear(text, s, s + 4, y)) return null;
    if (g.mod && /половин/i.test(g.mod)) return { kind: 'half', half: /перв/i.test(g.mod) ? 1 : 2, year: y };
    const mod = toMod(g.mod);
    return { kind: 'year', year: y, ...(mod ? { mod } : {}) };
  }),
  // 1990-х годах, начале 1990-х, 90-х
  P(`(?:${B}${MOD}\\s+)?${B}(?<dec>\\d{2,3})0-(?:х|е|ые|ых)(?:\\s+(?:годах|годов|годы|гг\\.))?${E}`, (g) => {
    const d = Number(g.dec);
    const decade = d < 10 ? 190 + d : d;
    const mod = toMod(g.mod);
    return { kind: 'decade', decade, ...(mod ? { mod } : {}) };
  }),
  // летом 2016 года, прошлой осенью, этой зимой
  P(`(?:${B}(?<rel>прошл(?:ым|ой)|эт(?:им|ой)|следующ(?:им|ей)|нынешн(?:им|ей))\\s+)?${B}(?<s>летом|зимой|весной|осенью|лето|зима|весна|осень|лета|зимы|весны|осени)${E}${YEAR_TAIL}`, (g) => {
    const s = g.s!.toLowerCase();
    if (!g.year && !g.rel && !g.yrel && !/ом$|ой$|ью$/.test(s)) return null;
    const season = SEASONS[Object.keys(SEASONS).find((k) => s.startsWith(k))!]!;
    const rel = relOf(g.rel);
    return { kind: 'season', season, ...(rel !== undefined ? { rel } : {}), ...yearBits(g) };
  }),
  // вчера, сегодня, завтра, позавчера, послезавтра
  P(`${B}(?<w>позавчера|вчера|сегодня|завтра|послезавтра)${E}`, (g) => {
    const w = g.w!.toLowerCase();
    return { kind: 'relative', unit: 'day', offset: ({ позавчера: -2, вчера: -1, сегодня: 0, завтра: 1, послезавтра: 2 } as Record<string, number>)[w]! };
  }),
  // прошлом году, этом месяце, прошлой неделе, начале следующего года
  P(`(?:${B}${MOD}\\s+)?${B}(?<rel>прошл(?:ом|ого|ый)|позапрошл(?:ом|ого)|эт(?:ом|ого|от)|текущ(?:ем|его|ий)|нынешн(?:ем|его)|следующ(?:ем|его|ий)|будущ(?:ем|его))\\s+(?<u>году|года|год|месяце|месяца|месяц)${E}`, (g) => {
    const r = g.rel!.toLowerCase().startsWith('позапрошл') ? -2 : relOf(g.rel)!;
    const mod = g.mod && !/половин/i.test(g.mod) ? toMod(g.mod) : undefined;
    return { kind: 'relative', unit: g.u!.toLowerCase().startsWith('год') ? 'year' : 'month', offset: r, ...(mod ? { mod } : {}) };
  }),
  P(`${B}(?<rel>прошлой|этой|текущей|следующей|будущей)\\s+неделе${E}`, (g) => ({ kind: 'relative', unit: 'week', offset: relOf(g.rel)! })),
  // два года назад, неделю назад, месяц назад, несколько лет назад
  P(`(?:${B}(?<n>${RU_NUMBER}|несколько)\\s+)?${B}(?<u>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)\\s+(?:тому\\s+)?назад${E}`, (g) => {
    const vague = g.n?.toLowerCase() === 'несколько';
    const count = vague ? 3 : g.n ? parseRuNumber(g.n) : 1;
    if (count === null) return null;
    const unit = unitOf(g.u!);
    return { kind: 'ago', unit, count, ...(vague ? { vague } : {}) };
  }),
  // за последние два года, в последние годы, в ближайшие три месяца
  P(`${B}(?<dir>последние|прошедшие|ближайшие|следующие)\\s+(?:(?<n>${RU_NUMBER}|несколько)\\s+)?(?<u>дня|дней|недели|недель|месяца|месяцев|года|лет|годы)${E}`, (g): Spec | null => {
    const vague = !g.n || g.n.toLowerCase() === 'несколько';
    const count = vague ? 3 : parseRuNumber(g.n!);
    if (count === null) return null;
    const dir = /последние|прошедшие/i.test(g.dir!) ? -1 : 1;
    if (!g.n && g.u!.toLowerCase() === 'годы') return { kind: 'ref', ref: dir < 0 ? 'PAST' : 'FUTURE' };
    return { kind: 'span', unit: unitOf(g.u!), count, dir, ...(vague ? { vague } : {}) };
  }),
  // в понедельник, в среду, в прошлую пятницу
  P(`${B}(?:(?<rel>прошл(?:ый|ую|ое)|следующ(?:ий|ую|ее)|эт(?:от|у))\\s+)?(?<wd>понедельник|вторник|среду|четверг|пятницу|пятница|субботу|суббота|воскресенье)${E}`, (g) => {
    const w = g.wd!.toLowerCase();
    const weekday = WEEKDAYS.findIndex((s) => w.startsWith(s));
    const rel = relOf(g.rel);
    return { kind: 'weekday', weekday, ...(rel !== undefined ? { rel } : {}) };
  }),
  P(`${B}(?:сейчас|в\\s+настоящее\\s+время|ныне|на\\s+данный\\s+момент)${E}`, () => ({ kind: 'ref', ref: 'PRESENT' })),
  P(`${B}(?:недавно|в\\s+последнее\\s+время)${E}`, () => ({ kind: 'ref', ref: 'PAST' })),
];

export const FUTURE_RU = /(?:^|[^\p{L}])(?:будет|будут|буду|станет|планиру\p{L}*|намерен\p{L}*|собира\p{L}*|предстоящ\p{L}*|следующ\p{L}*|назначен\p{L}*|состоится|пройд[её]т|вступит|вступают|истекает|ожида\p{L}*ся)(?![\p{L}])/iu;

export const ruPatterns: readonly Pattern[] = PATTERNS;

export const ruRules: DateRules = {
  find: (text: string): Candidate[] => pickLongest(runPatterns(PATTERNS, text)),
  future: FUTURE_RU,
};
