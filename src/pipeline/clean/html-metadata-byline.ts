/**
 * Bylines: tidying a candidate ("By Jane Doe | March 5, 2024" -> "Jane Doe") and refusing
 * what is not a byline (a paragraph, a date, a URL, "Share", "Comments", "Follow author").
 * The rules are about the shape of the text, never about particular sites.
 *
 *   tidyByline('Автор: Иван Петров, 5 марта 2024') // -> 'Иван Петров'
 *   acceptByline('Share this article')              // -> null
 */

/** Leading "By", "Written by", "Автор:", "Авторы:", "Мақала авторы:", "Par", "Por". */
const PREFIX =
  /^(?:(?:written|posted|reported|story|text|words|published|compiled)\s+by|by|par|por|авторы?(?:\s+(?:материала|статьи|текста))?|мақала\s+авторы|текст|материал\s+подготовил[аи]?|подготовил[аи]?)(?:\s*[:：—–-]\s*|\s+)/iu;

const MONTH_WORD =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?|январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[йя]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан';

/** Where a date, a time or a relative age starts inside a byline ("Jane Doe • 8h", "Jane Doe March 5, 2024"). */
const DATE_START = new RegExp(
  [
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH_WORD})`,
    '\\b\\d{1,2}\\s+de\\s+\\p{L}{3,}\\s+de\\s+\\d{4}',
    `(?:^|\\s)(?:${MONTH_WORD})\\s+\\d{1,2}\\b`,
    '\\b\\d{4}-\\d{1,2}-\\d{1,2}',
    '\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b',
    '\\b\\d{1,2}:\\d{2}\\b',
    '(?:^|\\s)\\d{1,3}\\s*(?:h|hrs?|hours?|m|mins?|minutes?|d|days?|ч|мин|дн)\\.?(?:\\s+ago)?(?=\\s|$)',
    '\\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b|(?:mon|tue|wed|thu|fri|sat|sun)[,.])',
    '(?:^|\\s)(?:updated|published|posted on|last updated|обновлено|опубликовано|жарияланды)(?!\\p{L})',
    '(?:^|\\s)(?:понедельник|вторник|сред[аы]|четверг|пятниц[аы]|суббот[аы]|воскресенье)(?!\\p{L})',
  ].join('|'),
  'iu',
);

/** Words of page furniture that are never a person's name. */
const FURNITURE =
  /(?:^|[^\p{L}])(?:share|shares|comments?|follow(?:ing)?|subscribe|print|e-?mail|view (?:my |full )?profile|read more|more by|sign (?:in|up)|log ?in|advert\w*|sponsored|loading|поделиться|комментари\p{L}*|подписаться|читать|войти|реклама|пікірлер|бөлісу)(?=[^\p{L}]|$)/iu;

const TRAILING_JUNK = /[\s,;:|•·/\\—–-]+$/u;
const LEADING_JUNK = /^[\s,;:|•·/\\—–-]+/u;

/** Strips a leading "By"/"Автор:" and a trailing date, time, handle or separator. */
export function tidyByline(raw: string): string {
  let s = raw.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ').trim();
  // A link or address after the name ("Jane Doe (https://…)", "Jane Doe <jane@x.org>") is contact detail.
  s = s.replace(/\s*[(<\[]\s*(?:https?:\/\/|www\.|mailto:|[^\s()<>@]+@)[^)>\]]*[)>\]]/giu, '');
  for (let i = 0; i < 2; i++) s = s.replace(LEADING_JUNK, '').replace(PREFIX, '');
  const date = DATE_START.exec(s);
  if (date) s = s.slice(0, date.index);
  // A trailing social handle ("Jane Doe @janedoe") is a link to the person, not part of the name.
  s = s.replace(/(?:\s+@[\w.]+)+$/u, '');
  return s.replace(TRAILING_JUNK, '').replace(LEADING_JUNK, '').trim();
}

/** The tidied byline, or null when the text is not a plausible byline. */
export function acceptByline(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length > 400) return null;
  const s = tidyByline(raw);
  if (s.length < 2 || s.length > 100 || !/\p{L}/u.test(s)) return null;
  if (/^(?:by|par|por|авторы?|текст|от)$/iu.test(s)) return null;
  if (/^(?:https?:|www\.)|\S+@\S+\.\w|\.(?:com|org|net|ru|kz)\b/i.test(s)) return null;
  if (FURNITURE.test(s)) return null;
  const words = s.split(' ');
  // A sentence, not a name list: many words ending in a full stop, or too many words.
  if (words.length > 14 || (words.length > 6 && /[.!?]$/.test(s))) return null;
  return s;
}

/** "Автор: Иван Петров" / "By Jane Doe": a visible byline written without any class hint. */
export function looksLikeBylineText(text: string): boolean {
  if (text.length > 80) return false;
  const rest = text.replace(PREFIX, '');
  return rest !== text && /^\p{Lu}/u.test(rest) && rest.split(' ').length <= 8 && !/[.!?]$/.test(rest);
}
