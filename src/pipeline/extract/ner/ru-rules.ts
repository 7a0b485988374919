/**
 * Russian span rules applied to the tagger's tags of one sentence before its spans are read
 * (tagger.ts, the committed ru model only: `applyRussianRules`), each for a kind of error the
 * perceptron makes on NEREL and factRuEval that a general pattern of Russian names fixes:
 *
 * - `extendRussianOrganizations`: an organisation cut at its head noun gets its prepositional
 *   complement back: "[Агентство] по охране окружающей среды США", "[Федеральной службы] по
 *   надзору в сфере образования и науки", "[Фонд борьбы] с коррупцией", "[Движение] за развитие".
 * - `retypeRussianPlaces`: a one-word "person" after a place-kind noun is a place ("земли [Гессен]").
 * - `joinRussianNamedAfter`: "[Ассоциации имени] [Людвига ван Бетховена]" is one organisation.
 * - `retypeRussianHeadedPersons`: a "person" that begins with a head noun is an organisation
 *   ("[Театра Наций]", "[Института Пушкина]").
 * - `trimRussianRoles`: a capitalised role word leaves a person's span ("Певца [Ар Келли]").
 * - `joinGluedNames` (with `joinGluedSentences`, which tagger.ts applies before tagging): a dot
 *   glued to words on both sides is inside a name ("Mail.Ru Group", "Яндекс.Новости"), and a
 *   dot after "г", "ул", "им" … ends no sentence ("суд г. Атырау").
 * - `tagQuotedOrganizations`: a quoted name of words that begins with a head noun is an
 *   organisation ("«Движения за демократические перемены»").
 * - `joinAdjectivePlaces`: "[Нижнего] [Новгорода]" is one place.
 *
 * No list here names an organisation or place: the word lists are Russian head nouns, place
 * kinds, role words and the adverbial phrases that a complement is not. Each rule was checked
 * on NEREL train and the factRuEval devset (what it changes there against the gold) as well as
 * on the two evaluation sets; see models/README.md.
 */
import { TAGS } from './perceptron.js';
import type { Token } from './tokenize.js';

/** TAGS indices (perceptron.ts): each I- tag is its B- tag plus one (the rules rely on it). */
const O = TAGS.indexOf('O');
const B_PER = TAGS.indexOf('B-PERSON');
const I_PER = TAGS.indexOf('I-PERSON');
const B_ORG = TAGS.indexOf('B-ORGANIZATION');
const I_ORG = TAGS.indexOf('I-ORGANIZATION');
const B_LOC = TAGS.indexOf('B-LOCATION');

/** The end (exclusive, at most `n`) of the organisation span at `i`, or -1 when no organisation tag is at `i`. */
function orgSpanEnd(tags: Uint8Array, i: number, n: number): number {
  if (tags[i] !== B_ORG && tags[i] !== I_ORG) return -1;
  let b = i + 1;
  while (b < n && tags[b] === I_ORG) b++;
  return b;
}

/** Organisation head nouns by stem; a word is one when it is a stem plus one of ENDINGS. */
const HEAD_STEMS = [
  'бюро', 'комитет', 'комисси', 'центр', 'фонд', 'агентств', 'министерств', 'управлени', 'департамент', 'совет',
  'служб', 'союз', 'ассоциаци', 'движени', 'организаци', 'институт', 'инспекци', 'палат', 'суд', 'трибунал',
  'коллеги', 'федераци', 'конфедераци', 'конгресс', 'парти', 'фронт', 'коалици', 'альянс', 'объединени', 'обществ',
  'академи', 'корпораци', 'учреждени', 'ведомств', 'дирекци', 'штаб', 'форум', 'отдел', 'отделени', 'сектор',
  'лаборатори', 'полици', 'милици', 'консорциум', 'лиг', 'конвенци', 'сеть', 'сет', 'групп', 'прокуратур',
  'надзор', 'инициатив', 'собрани', 'дум', 'совещани', 'миссия', 'мисси', 'рад', 'ассамбле',
];
/** Heads after which "за" opens the name's complement ("Движение за развитие Мали"). */
const FOR_STEMS = ['движени', 'союз', 'парти', 'фронт', 'коалици', 'альянс', 'объединени', 'конвенци', 'конгресс', 'инициатив', 'лиг', 'ассоциаци', 'сеть', 'сет'];
const ENDINGS = ['', 'а', 'у', 'ом', 'е', 'ы', 'и', 'ов', 'ам', 'ами', 'ах', 'ой', 'ою', 'ей', 'ю', 'я', 'ям', 'ями', 'ях', 'о', 'й', 'ем', 'ь'];
const headRe = (stems: readonly string[]): RegExp =>
  new RegExp(`^(?:${[...stems].sort((a, b) => b.length - a.length).join('|')})(?:${ENDINGS.filter((e) => e !== '').join('|')})?$`, 'u');
const HEAD = headRe(HEAD_STEMS);
const FOR_HEAD = headRe(FOR_STEMS);
/** "борьбы с", "борьбе с" */
const STRUGGLE = /^борьб[аыеу]$/u;

const LOWER_WORD = /^[а-яё][а-яё-]*$/u;
const UPPER_WORD = /^\p{Lu}[\p{L}\p{N}-]*$/u;
/** Words that may stand inside the complement, between two content words, never at its end. */
const INNER = new Set(['и', 'в', 'во', 'на', 'по', 'с', 'со', 'при', 'за', 'для', 'от', 'о', 'об', 'к', 'из']);
/** First words after "по" / "при" / "за" that make an adverbial phrase, not a name's complement. */
const NOT_COMPLEMENT = new Set([
  // по
  'словам', 'данным', 'мнению', 'итогам', 'поводу', 'состоянию', 'сообщению', 'сообщениям', 'информации', 'факту',
  'фактам', 'причине', 'просьбе', 'приглашению', 'инициативе', 'решению', 'результатам', 'специальности', 'делу',
  'подозрению', 'обвинению', 'обвинениям', 'сравнению', 'всей', 'всему', 'всем', 'этому', 'этой', 'этим', 'его',
  'ее', 'её', 'их', 'своим', 'своей', 'своему', 'своих', 'оценкам', 'оценке', 'меньшей', 'крайней', 'сути', 'мере',
  'линии', 'адресу', 'телефону', 'радио', 'телевидению', 'поручению', 'указанию', 'требованию', 'сведениям',
  'версии', 'предварительным', 'официальным', 'последним', 'неофициальным', 'имеющимся', 'некоторым', 'разным',
  'случаю', 'времени', 'очереди', 'ошибке', 'собственному', 'собственной', 'закону', 'приказу', 'приговору', 'итогу',
  'окончании', 'прибытии', 'возвращении', 'мотивам', 'подсчетам', 'подсчётам', 'расчетам', 'расчётам', 'прогнозам',
  'прогнозу', 'праву', 'сей', 'традиции', 'просьбам', 'заказу', 'вине', 'случайности', 'ходу', 'пути', 'месту',
  'понедельникам', 'вторникам', 'средам', 'четвергам', 'пятницам', 'субботам', 'воскресеньям', 'выходным',
  'стране', 'миру', 'городу', 'словами', 'меньшей', 'большей', 'одной', 'одному', 'двум', 'трем', 'трём', 'нескольким',
  'многим', 'ряду', 'сравнению', 'аналогии', 'согласию', 'договоренности', 'договорённости', 'линией', 'отношению',
  // при
  'поддержке', 'участии', 'этом', 'помощи', 'содействии', 'условии', 'голосовании', 'попытке', 'необходимости',
  'жизни', 'встрече', 'том', 'подготовке', 'проведении', 'посредничестве', 'финансировании', 'обыске', 'задержании',
  'этой', 'этих', 'нем', 'нём', 'ней', 'них', 'первой', 'первом', 'возможности', 'наличии', 'отсутствии', 'поступлении',
  'въезде', 'выезде', 'входе', 'выходе', 'пересечении', 'рассмотрении', 'этих', 'всех', 'всей', 'таких', 'том',
  // за
  'последние', 'последний', 'последнюю', 'последнее', 'всю', 'весь', 'все', 'время', 'счет', 'счёт', 'рубеж',
  'рубежом', 'год', 'годы', 'месяц', 'неделю', 'день', 'сутки', 'это', 'этот', 'эту', 'что', 'него', 'нее', 'неё',
  'них', 'свой', 'свою', 'свои', 'границей', 'границу', 'исключением', 'пределами', 'пределы', 'несколько', 'два',
  'три', 'полгода', 'период', 'час', 'минуту', 'секунду',
]);
/** Words after which "при" may open a complement ("совета при президенте"). */
const BY_STEMS = ['совет', 'комисси', 'комитет', 'палат', 'центр', 'институт', 'академи', 'управлени', 'служб', 'отдел', 'штаб', 'инспекци'];
const BY_HEAD = headRe(BY_STEMS);

const MAX_WORDS = 8;
/** Nominative and accusative endings (nouns in -ие, adjectives in -ое, -ые …) and adverbs in -о. */
const NOT_GENITIVE_CHAIN = /(?:[иье]е|[ыоаяи]е|о)$/u;
/** …but genitive adjectives end in -ого / -его. */
const ADJ_GENITIVE = /[оеё]го$/u;
/** An abbreviation in capitals ("США", "РФ", "ООН"). */
const ACRONYM = /^\p{Lu}{2,}$/u;
/** Marks after which a name has ended: closing quotes and brackets, a full stop. */
const CLOSING = /^[»"”)\].]$/u;
/** Words after an inner "в" that make an adverbial phrase ("в целом", "в связи с"). */
const NOT_INNER_NEXT = new Set(['целом', 'частности', 'том', 'итоге', 'результате', 'случае', 'связи', 'рамках', 'ходе', 'течение', 'качестве', 'составе', 'общем', 'среднем', 'основном', 'конце', 'начале', 'свою', 'этом', 'этой', 'том', 'пользу', 'отношении', 'интересах', 'период', 'день', 'год', 'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье']);
/** Verb forms end the phrase ("Фонд борьбы с коррупцией рассказал о …"): past tense, present/future, reflexive, infinitive. */
const VERB_LIKE = /(?:[аяиеуы]л[аои]?|[аяиеуыю]ть|[еиуюая]т(?:ся)?|[аеиуюя]ют|с[яь])$/u;
/** Nouns that VERB_LIKE takes for verbs. */
const NOT_VERB = /(?:совет|бюджет|комитет|институт|предмет|кабинет|интернет|статут|результат|мандат|депутат|кандидат|маршрут|объект|проект|аспект|контракт|конфликт|факт|сат|пакет|брат|сват|ракет|билет|лет)$/u;

function isLower(t: string): boolean {
  return LOWER_WORD.test(t);
}

/**
 * Whether the capitalised word at `k` closes an organisation's complement: an abbreviation or a
 * one-word place or organisation ("… среды США", "… ресурсов Мэриленда"), or any word that the
 * name's closing quote, a bracket or a full stop follows ("Движение за развитие Мали"); not the
 * first word of a name, nor a person the sentence goes on about ("… человека Иванов заявил").
 */
function closingWord(sent: readonly Token[], tags: Uint8Array, k: number): boolean {
  const n = sent.length;
  const t = sent[k]!.text;
  if (!UPPER_WORD.test(t) || (k + 1 < n && tags[k + 1] === tags[k]! + 1 && tags[k] !== O)) return false;
  const next = k + 1 < n ? sent[k + 1]!.text : '';
  if (next === '' || CLOSING.test(next)) return true;
  return !UPPER_WORD.test(next) && (tags[k] === B_LOC || tags[k] === B_ORG || (ACRONYM.test(t) && tags[k] === O));
}

/**
 * Extends organisation spans over a prepositional complement (see the module comment); `tags`
 * are TAGS indices (perceptron.ts), changed in place.
 */
export function extendRussianOrganizations(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  let i = 0;
  while (i < n) {
    const a = i;
    const b = orgSpanEnd(tags, i, n);
    if (b < 0) {
      i++;
      continue;
    }
    i = b;
    const words = sent.slice(a, b).map((t) => t.text.toLowerCase());
    if (!words.some((w) => HEAD.test(w))) continue;
    // The preposition: the span's last word ("комитета … по") or the word after it; or, when
    // the span already holds the complement ("Совета по иностранным делам"), only a closing
    // capitalised word may follow ("… делам ЕС").
    let p: number;
    if (b - a >= 2 && INNER.has(words[b - a - 1]!)) p = b - 1;
    else if (b < n && isLower(sent[b - 1]!.text) && words.some((w, x) => x > 0 && x < b - a - 1 && (w === 'по' || w === 'при') && HEAD.test(words[x - 1]!))) {
      if (closingWord(sent, tags, b)) {
        tags[b] = I_ORG;
        i = b + 1;
      }
      continue;
    } else if (b < n) p = b;
    else continue;
    const prep = sent[p]!.text;
    const before = sent[p - 1]!.text.toLowerCase();
    let ok = false;
    if (prep === 'по') ok = true;
    else if (prep === 'при') ok = BY_HEAD.test(before);
    else if (prep === 'за') ok = FOR_HEAD.test(before);
    else if (prep === 'с' || prep === 'со') ok = STRUGGLE.test(before);
    if (!ok) continue;
    let k = p + 1;
    if (k >= n || !isLower(sent[k]!.text) || INNER.has(sent[k]!.text) || NOT_COMPLEMENT.has(sent[k]!.text)) continue;
    let last = -1;
    let content = 0;
    while (k < n && content < MAX_WORDS) {
      const t = sent[k]!.text;
      if (isLower(t)) {
        if (INNER.has(t)) {
          const after = k + 1 < n ? sent[k + 1]!.text : '';
          if (last === k - 1 && isLower(after) && !INNER.has(after) && !NOT_INNER_NEXT.has(after) && !NOT_COMPLEMENT.has(after)) {
            k++;
            continue;
          }
          break;
        }
        if (VERB_LIKE.test(t) && !NOT_VERB.test(t)) break;
        // after the first word, a nominative or an adverb ends it ("бюро по правам человека
        // задержание …", "Комитет ООН по правам человека неоднократно …")
        if (last >= 0 && NOT_GENITIVE_CHAIN.test(t) && !ADJ_GENITIVE.test(t)) break;
        last = k;
        content++;
        k++;
        continue;
      }
      if (last === k - 1 && closingWord(sent, tags, k)) last = k;
      break;
    }
    if (last < 0) continue;
    for (let x = b; x <= last; x++) tags[x] = I_ORG;
    if (last + 1 < n && tags[last + 1]! !== O && tags[last + 1]! % 2 === 0) tags[last + 1] = tags[last + 1]! - 1;
    i = last + 1;
  }
}

/**
 * Place-kind nouns ("земли Гессен", "префектуре Канагава", "округа Чарльз"), any case form.
 * Not "город" or "государство": a person often follows them ("мэр города Лужков", "главы
 * государства Кастро", "родным городом Каддафи").
 */
const PLACE_KIND = headRe(['земл', 'штат', 'провинци', 'префектур', 'округ', 'област', 'район', 'сел', 'деревн', 'поселк', 'посёлк',
  'рек', 'озер', 'остров', 'столиц', 'республик', 'регион', 'графств', 'кантон', 'коммун', 'муниципалитет', 'эмират', 'княжеств']);

/**
 * A one-word person right after a lower-case place-kind noun is a place: "земли [Гессен]",
 * "префектуре [Канагава]". `tags` changed in place.
 */
export function retypeRussianPlaces(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 1; i < n; i++) {
    if (tags[i] !== B_PER || (i + 1 < n && tags[i + 1] === I_PER)) continue;
    const prev = sent[i - 1]!.text;
    if (tags[i - 1] !== O || !isLower(prev) || !PLACE_KIND.test(prev)) continue;
    // "штата Кэтлин Кеннеди": a capitalised word after it makes it a person's name
    if (i + 1 < n && UPPER_WORD.test(sent[i + 1]!.text)) continue;
    tags[i] = B_LOC;
  }
}

const INITIAL = /^\p{Lu}\.$/u;

/**
 * An organisation named after a person takes the person's name: "[Ассоциации имени] [Людвига ван
 * Бетховена]", "[театра драмы им. В.] [М. Шукшина]" → one organisation. `tags` changed in place.
 */
export function joinRussianNamedAfter(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  let i = 0;
  while (i < n) {
    const b = orgSpanEnd(tags, i, n);
    if (b < 0) {
      i++;
      continue;
    }
    // "имени" / "им." (and initials) inside the span's end or right after it
    let k = b;
    let named = false;
    // inside: the span ends at the word or at initials after it ("театра драмы им. В.")
    let y = b - 1;
    while (y > i && INITIAL.test(sent[y]!.text)) y--;
    if (y > i && (sent[y]!.text === 'имени' || sent[y]!.text === 'им.')) named = true;
    if (!named && b < n && (sent[b]!.text === 'имени' || sent[b]!.text === 'им.')) {
      named = true;
      k = b + 1;
    }
    if (!named || k >= n || tags[k] !== B_PER) {
      i = b;
      continue;
    }
    let e = k + 1;
    while (e < n && tags[e] === I_PER) e++;
    for (let x = b; x < e; x++) tags[x] = I_ORG;
    i = e;
  }
}

/**
 * Heads that make an organisation of a "person" they begin ("Театра Наций", "Института Пушкина");
 * not the short stems that begin first names or surnames ("Рада", "Лига").
 */
const PERSON_HEAD = headRe([...HEAD_STEMS.filter((h) => !['рад', 'лиг', 'дум', 'сет'].includes(h)), 'театр', 'музе', 'университет', 'банк', 'клуб', 'издательств', 'компани', 'концерн', 'завод', 'комбинат', 'колледж', 'лице', 'гимнази', 'школ', 'госпитал', 'больниц', 'библиотек', 'консерватори', 'оркестр', 'ансамбл', 'хор']);

/**
 * A "person" of two or more words whose first word is an organisation head noun is that
 * organisation: "[Театра Наций]", "[Института Пушкина]". `tags` changed in place.
 */
export function retypeRussianHeadedPersons(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 0; i < n; i++) {
    if (tags[i] !== B_PER) continue;
    let e = i + 1;
    while (e < n && tags[e] === I_PER) e++;
    if (e - i >= 2 && PERSON_HEAD.test(sent[i]!.text.toLowerCase())) {
      tags[i] = B_ORG;
      for (let x = i + 1; x < e; x++) tags[x] = I_ORG;
    }
    i = e - 1;
  }
}

/** Role words that begin a sentence before a name ("Певца Ар Келли обвиняют …", "Вдова Солженицына"). */
const ROLE = headRe(['президент', 'премьер', 'министр', 'генерал', 'депутат', 'журналист', 'журналистк', 'певц', 'певиц', 'певец',
  'актер', 'актёр', 'актрис', 'режиссер', 'режиссёр', 'писател', 'поэт', 'художник', 'вдов', 'судь', 'адвокат', 'активист',
  'правозащитник', 'губернатор', 'сенатор', 'посол', 'посл', 'лидер', 'председател', 'директор', 'тренер', 'футболист',
  'хоккеист', 'теннисист', 'боксер', 'боксёр', 'блогер', 'рэпер', 'музыкант', 'композитор', 'бизнесмен', 'олигарх', 'политик']);

/**
 * A person span that starts with a capitalised role word followed by a capitalised name loses the
 * role word ("[Певца Ар Келли]" → "Ар Келли"). `tags` changed in place.
 */
export function trimRussianRoles(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 0; i + 1 < n; i++) {
    if (tags[i] !== B_PER || tags[i + 1] !== I_PER) continue;
    const w = sent[i]!.text;
    if (!UPPER_WORD.test(w) || !UPPER_WORD.test(sent[i + 1]!.text) || !ROLE.test(w.toLowerCase())) continue;
    tags[i] = O;
    tags[i + 1] = B_PER;
  }
}

const GLUE_WORD = /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u;

/**
 * An organisation or place name glued to the next word by a dot, no space on either side, goes
 * on over it: "Mail.Ru Group", "Яндекс.Новости", "F5.ru". `tags` changed in place.
 */
export function joinGluedNames(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 0; i + 2 < n; i++) {
    const t = tags[i]!;
    if (t !== B_ORG && t !== I_ORG) continue;
    if (tags[i + 1] === I_ORG) continue;
    const dot = sent[i + 1]!;
    const w = sent[i + 2]!;
    if (dot.text !== '.' || dot.start !== sent[i]!.end || w.start !== dot.end || !GLUE_WORD.test(w.text)) continue;
    tags[i + 1] = I_ORG;
    tags[i + 2] = I_ORG;
    // the rest of a name that went on after the glued word ("Ru Group")
    let k = i + 3;
    if (k < n && tags[k] === B_ORG) tags[k] = I_ORG;
    while (k < n && tags[k] === I_ORG) k++;
    if (k < n && tags[k]! !== O && tags[k]! % 2 === 0) tags[k] = tags[k]! - 1;
  }
}

/** Abbreviations that stand before a name ("г. Атырау", "ул. Ленина", "им. Пушкина", "р. Урал"). */
const NAME_ABBREVIATIONS = new Set(['г', 'ул', 'пр', 'просп', 'пер', 'пл', 'им', 'пос', 'дер', 'ст', 'р', 'оз', 'св', 'ген', 'акад', 'проф', 'кн', 'гр', 'тов', 'мкр', 'наб', 'б-р']);
const NUMBER = /^\p{N}/u;

/** Whether the sentence `prev` ends with such an abbreviation and its dot ("г." not after a year). */
function abbreviationBeforeName(prev: readonly Token[], abbr: string): boolean {
  if (!NAME_ABBREVIATIONS.has(abbr)) return false;
  const year = prev[prev.length - 3];
  return !(abbr === 'г' && year !== undefined && NUMBER.test(year.text));
}

/**
 * Sentences that `splitSentences` cut at a dot glued to words on both sides ("Mail.Ru Group",
 * "Яндекс.Новости", "F5.ru") joined again: such a dot is part of a name, not a full stop.
 */
export function joinGluedSentences(sentences: Token[][]): Token[][] {
  let out: Token[][] | undefined;
  for (let s = 1; s < sentences.length; s++) {
    const prev = sentences[s - 1]!;
    const dot = prev[prev.length - 1]!;
    const before = prev[prev.length - 2];
    const next = sentences[s]![0]!;
    const glued = dot.text === '.' && before !== undefined && before.end === dot.start
      && ((next.start === dot.end && GLUE_WORD.test(next.text) && GLUE_WORD.test(before.text)) || abbreviationBeforeName(prev, before.text));
    if (out === undefined) {
      if (!glued) continue;
      out = sentences.slice(0, s);
    }
    if (glued) out[out.length - 1] = [...out[out.length - 1]!, ...sentences[s]!];
    else out.push(sentences[s]!);
  }
  return out ?? sentences;
}

const HAS_DIGIT = /\p{N}/u;
const OPEN_QUOTES = new Set(['«', '"', '„', '“']);
const CLOSE_QUOTES = new Set(['»', '"', '“', '”']);

/**
 * A quoted name that begins with a capitalised organisation head noun is an organisation, all of
 * it: "«Сеть поддержки выборов в Зимбабве»", "«Движения за демократические перемены»". `tags`
 * changed in place.
 */
export function tagQuotedOrganizations(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 0; i + 2 < n; i++) {
    if (!OPEN_QUOTES.has(sent[i]!.text)) continue;
    const first = sent[i + 1]!.text;
    if (!UPPER_WORD.test(first) || !HEAD.test(first.toLowerCase())) continue;
    let e = i + 2;
    while (e < n && e - i <= 10 && GLUE_WORD.test(sent[e]!.text)) e++;
    if (e >= n || !CLOSE_QUOTES.has(sent[e]!.text) || e - i < 3) continue;
    if (tags[i + 1] === B_ORG && tags.subarray(i + 2, e).every((t) => t === I_ORG)) continue;
    // A name of words ("поддержки выборов в"), no numbers ("«Союз ТМА-9»"), not one inside an
    // organisation's name ("Ассоциации «Совет …»", "отдела … «Лаборатории Касперского»").
    let lower = 0;
    for (let x = i + 2; x < e; x++) if (isLower(sent[x]!.text) && !INNER.has(sent[x]!.text)) lower++;
    if (lower < 1 || sent.slice(i + 1, e).some((t) => HAS_DIGIT.test(t.text))) continue;
    if (i > 0 && (tags[i - 1] !== O || HEAD.test(sent[i - 1]!.text.toLowerCase()) || PERSON_HEAD.test(sent[i - 1]!.text.toLowerCase()))) continue;
    tags[i + 1] = B_ORG;
    for (let x = i + 2; x < e; x++) tags[x] = I_ORG;
    if (e + 1 < n && tags[e + 1]! !== O && tags[e + 1]! % 2 === 0) tags[e + 1] = tags[e + 1]! - 1;
    i = e;
  }
}

/** Adjective endings of a capitalised first word of a place name ("Нижнего", "Южной", "Новый"). */
const ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)$/u;

/**
 * Two places that touch, the first a capitalised adjective, are one place: "[Нижнего]
 * [Новгорода]" → "Нижнего Новгорода". `tags` changed in place.
 */
export function joinAdjectivePlaces(sent: readonly Token[], tags: Uint8Array): void {
  const n = sent.length;
  for (let i = 0; i + 1 < n; i++) {
    if (tags[i] !== B_LOC || tags[i + 1] !== B_LOC) continue;
    const w = sent[i]!.text;
    const next = sent[i + 1]!.text;
    // the second a noun: "Новгород-Северский Черниговской области" is two places
    if (!UPPER_WORD.test(w) || !ADJECTIVE.test(w) || !UPPER_WORD.test(next) || ADJECTIVE.test(next)) continue;
    tags[i + 1] = B_LOC + 1;
  }
}

/** All of the above, in order, on one sentence's tags (changed in place). */
export function applyRussianRules(sent: readonly Token[], tags: Uint8Array): void {
  extendRussianOrganizations(sent, tags);
  retypeRussianPlaces(sent, tags);
  joinRussianNamedAfter(sent, tags);
  retypeRussianHeadedPersons(sent, tags);
  trimRussianRoles(sent, tags);
  joinGluedNames(sent, tags);
  tagQuotedOrganizations(sent, tags);
  joinAdjectivePlaces(sent, tags);
}
