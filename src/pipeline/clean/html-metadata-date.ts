/**
 * Publication dates as the page states them, reduced to the publisher's own calendar day.
 *
 *   toIsoDay('2024-03-05T23:30:00+05:00') // -> '2024-03-05' (not shifted to UTC)
 *   toIsoDay('5 марта 2024')               // -> '2024-03-05'
 *   toIsoDay('Updated 2 hours ago')        // -> null
 */

/** Month-name stems (English, Russian, Kazakh, a few Western European) -> month number. */
const MONTH_STEMS: [RegExp, number][] = [
  [/^(jan|janv|ene|gen|январ|янв|қаңтар)/, 1],
  [/^(feb|fév|fev|feb|феврал|фев|ақпан)/, 2],
  [/^(mar|mär|мар[тə]|мар|наурыз)/, 3],
  [/^(apr|avr|abr|апрел|апр|сәуір)/, 4],
  [/^(may|mai|mag|ма[йяе]|мамыр)/, 5],
  [/^(jun|juin|июн|маусым)/, 6],
  [/^(jul|juil|июл|шілде)/, 7],
  [/^(aug|août|ago|авг|тамыз)/, 8],
  [/^(sep|сент|сен|қыркүйек)/, 9],
  [/^(oct|okt|out|окт|қазан)/, 10],
  [/^(nov|ноя|қараша)/, 11],
  [/^(dec|déc|dic|dez|дек|желтоқсан)/, 12],
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  for (const [re, n] of MONTH_STEMS) if (re.test(w)) return n;
  return null;
}

function day(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const WORD = '(\\p{L}{3,})\\.?';
const DAY_MONTH_YEAR = new RegExp(`(?:^|[^\\p{L}\\p{N}])(\\d{1,2})(?:-?ші|-?шы|-?ый)?[\\s-]+${WORD},?\\s+(\\d{4})`, 'u');
const MONTH_DAY_YEAR = new RegExp(`(?:^|[^\\p{L}])${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'u');
const YEAR_DAY_MONTH = new RegExp(`(\\d{4})\\s*(?:ж\\.|жылғы|жыл)?\\s+(\\d{1,2})(?:-?ші|-?шы)?\\s+${WORD}`, 'u');

/** 'YYYY-MM-DD' from a date string as published (keeps the publisher's own calendar day). */
export function toIsoDay(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().slice(0, 200);
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  // "5 March 2024", "5 марта 2024 г.", "5-наурыз 2024"
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const mo = monthOf(m[2]!);
    if (mo) return day(+m[3]!, mo, +m[1]!);
  }
  // "March 5, 2024"
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const mo = monthOf(m[1]!);
    if (mo) return day(+m[3]!, mo, +m[2]!);
  }
  // "2024 жылғы 5 наурыз" (Kazakh order: year, day, month)
  m = YEAR_DAY_MONTH.exec(s);
  if (m) {
    const mo = monthOf(m[3]!);
    if (mo) return day(+m[1]!, mo, +m[2]!);
  }
  m = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(s);
  if (m) return day(+m[3]!, +m[2]!, +m[1]!);
  return null;
}
