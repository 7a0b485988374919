/**
 * Organisations a Kazakhstan human-rights record names again and again, tagged as such
 * wherever their name occurs whole, in whatever case form (tagger.ts, committed models only:
 * `applyKnownOrganizations`, after the Russian span rules).
 *
 * Why a list: the taggers learn names from news and web corpora that rarely mention these
 * bodies, and get them wrong in ways that matter to a monitor: "Human Rights Watch" missed,
 * "Freedom House" a place, "Radio Azattyq" a person, "the OSCE" and "the KNB" missed,
 * "Демократического выбора Казахстана" missed. The names are exact (rules and gazetteers where
 * they are exact, the extraction issue says): international bodies, human-rights and press-
 * freedom groups, Kazakhstan's security, police, prosecution and courts, its parties and
 * banned movements, and the media that report on it, each in English, Russian and Kazakh
 * where it has a usual form. Nothing here is taken from an evaluation set.
 *
 * Matching: word by word on the tagger's tokens, each word normalised as the gazetteer does
 * (lower case; Russian and Kazakh case endings stripped), longest name first. A word that
 * begins with a capital in the list must begin with one in the text; an acronym ("OSCE",
 * "КНБ") must be written exactly. A name already inside a longer organisation the model found
 * is left to it ("the UN Human Rights Committee" stays whole).
 */
import { normaliseWord } from './gazetteer.js';
import { TAGS } from './perceptron.js';
import type { NerLanguage } from './tagger.js';
import { tokenize, type Token } from './tokenize.js';

const INTERNATIONAL = [
  'United Nations', 'UN Human Rights Council', 'UN Human Rights Committee', 'UN Committee against Torture',
  'UN Security Council', 'UN General Assembly', 'Office of the UN High Commissioner for Human Rights', 'OHCHR', 'UNHCR', 'UNICEF',
  'Organization for Security and Co-operation in Europe', 'Organization for Security and Cooperation in Europe', 'OSCE',
  'OSCE/ODIHR', 'ODIHR', 'Office for Democratic Institutions and Human Rights', 'Council of Europe', 'European Parliament',
  'European Commission', 'European Court of Human Rights', 'International Criminal Court', 'International Committee of the Red Cross',
  'Commonwealth of Independent States', 'Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization',
  'Collective Security Treaty Organization', 'CSTO', 'Eurasian Economic Union', 'NATO', 'Interpol', 'World Bank',
  'International Monetary Fund', 'IMF',
  'Human Rights Watch', 'Amnesty International', 'Freedom House', 'Reporters Without Borders', 'Reporters Sans Frontières',
  'Committee to Protect Journalists', 'Front Line Defenders', 'International Partnership for Human Rights',
  'Norwegian Helsinki Committee', 'Civil Rights Defenders', 'Open Dialogue Foundation', 'Transparency International',
  'Human Rights Foundation', 'International Federation for Human Rights', 'FIDH', 'Article 19', 'Memorial Human Rights Centre',
  'Kazakhstan International Bureau for Human Rights and the Rule of Law', 'Adil Soz', 'Legal Policy Research Centre',
  'Atajurt Kazakh Human Rights', 'Atajurt Eriktileri',
];

const KAZAKHSTAN_EN = [
  'National Security Committee', 'KNB', 'Ministry of Internal Affairs', 'Ministry of Interior', 'Ministry of Justice',
  'Ministry of Information and Social Development', 'Ministry of Foreign Affairs', 'General Prosecutor Office',
  'Prosecutor General Office', 'Supreme Court of Kazakhstan', 'Constitutional Court of Kazakhstan', 'Anti-Corruption Agency',
  'Anti-Corruption Service', 'Central Election Commission', 'National Guard of Kazakhstan', 'Mazhilis', 'Nur Otan', 'Amanat party',
  'Ak Zhol', 'Democratic Choice of Kazakhstan', 'DVK', 'Koshe Party', 'Oyan Qazaqstan', 'Alga Kazakhstan',
  'Radio Azattyq', 'Radio Free Europe/Radio Liberty', 'RFE/RL', 'Vlast.kz', 'Uralskaya Nedelya', 'Eurasianet', 'Reuters',
  'Associated Press', 'Agence France-Presse', 'Interfax-Kazakhstan', 'Kazinform', 'Tengrinews', 'Orda.kz', 'Ratel.kz',
];

const RUSSIAN = [
  'Организация Объединенных Наций', 'ООН', 'Совет ООН по правам человека', 'Комитет ООН по правам человека',
  'Комитет ООН против пыток', 'Совет Безопасности ООН', 'Управление Верховного комиссара ООН по правам человека', 'УВКПЧ',
  'Организация по безопасности и сотрудничеству в Европе', 'ОБСЕ', 'БДИПЧ', 'Бюро по демократическим институтам и правам человека',
  'Совет Европы', 'Европейский парламент', 'Европарламент', 'Европейская комиссия', 'Еврокомиссия', 'Европейский суд по правам человека', 'ЕСПЧ',
  'Международный уголовный суд', 'Международный комитет Красного Креста', 'Содружество Независимых Государств', 'СНГ',
  'Шанхайская организация сотрудничества', 'ШОС', 'Организация Договора о коллективной безопасности', 'ОДКБ',
  'Евразийский экономический союз', 'ЕАЭС', 'НАТО', 'Интерпол', 'Всемирный банк', 'Международный валютный фонд', 'МВФ',
  'Human Rights Watch', 'Amnesty International', 'Международная амнистия', 'Freedom House', 'Репортеры без границ',
  'Комитет защиты журналистов', 'Front Line Defenders', 'Норвежский Хельсинкский комитет', 'Transparency International',
  'Мемориал', 'Правозащитный центр Мемориал', 'Фонд Открытый диалог',
  'Казахстанское международное бюро по правам человека и соблюдению законности', 'КМБПЧ', 'Адил соз', 'Адил Соз',
  'Центр исследования правовой политики', 'Атажурт', 'Атажурт еріктілері',
  'Комитет национальной безопасности', 'КНБ', 'Министерство внутренних дел', 'МВД', 'Министерство юстиции',
  'Министерство информации и общественного развития', 'Министерство иностранных дел', 'МИД', 'Генеральная прокуратура',
  'Генпрокуратура', 'Верховный суд', 'Конституционный суд', 'Агентство по противодействию коррупции', 'Антикоррупционная служба',
  'Центральная избирательная комиссия', 'ЦИК', 'Национальная гвардия', 'Мажилис', 'Нур Отан', 'Аманат', 'Ак жол', 'Ак Жол',
  'Демократический выбор Казахстана', 'ДВК', 'Ояну Казахстан', 'Алга', 'Радио Азаттык', 'Азаттык', 'Радио Свобода',
  'Власть.kz', 'Уральская неделя', 'Интерфакс-Казахстан', 'Казинформ', 'Тенгриньюс', 'Рейтер', 'Ассошиэйтед Пресс',
];

const KAZAKH = [
  'Біріккен Ұлттар Ұйымы', 'БҰҰ', 'БҰҰ Адам құқықтары жөніндегі кеңесі', 'Еуропадағы қауіпсіздік және ынтымақтастық ұйымы', 'ЕҚЫҰ',
  'Human Rights Watch', 'Amnesty International', 'Freedom House', 'Адам құқықтары жөніндегі қазақстандық халықаралық бюро',
  'Ұлттық қауіпсіздік комитеті', 'ҰҚК', 'Ішкі істер министрлігі', 'ІІМ', 'Әділет министрлігі', 'Бас прокуратура', 'Жоғарғы сот',
  'Конституциялық сот', 'Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі', 'Орталық сайлау комиссиясы', 'ОСК', 'Ұлттық ұлан',
  'Мәжіліс', 'Нұр Отан', 'Аманат', 'Ақ жол', 'Қазақстанның демократиялық таңдауы', 'Азаттық радиосы', 'Азаттық', 'Әділ сөз',
  'Атажұрт', 'Атажұрт еріктілері',
];

const LISTS: Record<NerLanguage, readonly string[]> = {
  en: [...INTERNATIONAL, ...KAZAKHSTAN_EN],
  ru: RUSSIAN,
  kk: KAZAKH,
};

interface Entry {
  /** per word: must the text's word begin with a capital; must it be written exactly */
  capital: boolean[];
  exact: (string | null)[];
}

interface KnownOrganizations {
  entries: Map<string, Entry>;
  firstWords: Set<string>;
  maxLen: number;
  /** the keys of every name's first 1 … n-1 words: a longer match is tried only after one */
  prefixes: Set<string>;
  /** normaliseWord's answers by word */
  normalised: Map<string, string>;
}

const STARTS_NAME = /^[\p{Lu}\p{N}]/u;

/** A name's words as the tagger's tokenizer splits them, so that names and text line up. */
function nameWords(name: string): string[] {
  return tokenize(name).map((t) => t.text);
}

const isAcronym = (w: string): boolean => w.length >= 2 && /^[\p{Lu}\p{N}/-]+$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w);

const built = new Map<NerLanguage, KnownOrganizations>();

function knownOrganizations(lang: NerLanguage): KnownOrganizations {
  let k = built.get(lang);
  if (k === undefined) {
    k = { entries: new Map(), firstWords: new Set(), maxLen: 1, prefixes: new Set(), normalised: new Map() };
    for (const name of LISTS[lang]) {
      const words = nameWords(name);
      if (words.length === 0 || !STARTS_NAME.test(words[0]!)) throw new Error(`known organisation "${name}" must begin with a capital or a digit`);
      const norm = words.map((w) => normaliseWord(lang, w));
      const key = norm.join(' ');
      for (let n = 1; n < norm.length; n++) k.prefixes.add(norm.slice(0, n).join(' '));
      const entry: Entry = { capital: words.map((w) => /^\p{Lu}/u.test(w)), exact: words.map((w) => (isAcronym(w) ? w : null)) };
      // Spellings of one name ("Ак жол", "Ак Жол") share a key: a word must have a capital, or
      // be written exactly, only where every spelling says so.
      const seen = k.entries.get(key);
      k.entries.set(
        key,
        seen === undefined
          ? entry
          : { capital: seen.capital.map((c, w) => c && entry.capital[w]!), exact: seen.exact.map((x, w) => (x === entry.exact[w] ? x : null)) },
      );
      k.firstWords.add(norm[0]!);
      k.maxLen = Math.max(k.maxLen, words.length);
    }
    built.set(lang, k);
  }
  return k;
}

const O = TAGS.indexOf('O');
const B_ORG = TAGS.indexOf('B-ORGANIZATION');
const I_ORG = TAGS.indexOf('I-ORGANIZATION');

/** Tags the known organisations of one sentence (tags changed in place; see the header). */
export function applyKnownOrganizations(lang: NerLanguage, sent: readonly Token[], tags: Uint8Array): void {
  const k = knownOrganizations(lang);
  let i = 0;
  while (i < sent.length) {
    // every name begins with a capital (or digit): most words are passed over on their first letter
    if (!STARTS_NAME.test(sent[i]!.text) || !k.firstWords.has(normalised(k, lang, sent[i]!.text))) {
      i++;
      continue;
    }
    let found = 0;
    let key = '';
    for (let n = 1; n <= k.maxLen && i + n <= sent.length; n++) {
      const w = normalised(k, lang, sent[i + n - 1]!.text);
      key = n === 1 ? w : `${key} ${w}`;
      const e = k.entries.get(key);
      if (e !== undefined && matchesCase(e, sent, i)) found = n;
      if (!k.prefixes.has(key)) break;
    }
    if (found === 0 || insideLongerOrganization(tags, i, i + found)) {
      i++;
      continue;
    }
    const end = i + found;
    for (let j = i; j < end; j++) tags[j] = j === i ? B_ORG : I_ORG;
    // a span the model began inside the name and carried past it starts afresh after it
    if (end < tags.length && tags[end] !== O && TAGS[tags[end]!]!.startsWith('I-')) tags[end] = TAGS.indexOf(`B-${TAGS[tags[end]!]!.slice(2)}` as (typeof TAGS)[number]);
    i = end;
  }
}

function normalised(k: KnownOrganizations, lang: NerLanguage, word: string): string {
  let v = k.normalised.get(word);
  if (v === undefined) {
    v = normaliseWord(lang, word);
    if (k.normalised.size > 50_000) k.normalised.clear();
    k.normalised.set(word, v);
  }
  return v;
}

function matchesCase(e: Entry, sent: readonly Token[], i: number): boolean {
  for (let w = 0; w < e.capital.length; w++) {
    const text = sent[i + w]!.text;
    const exact = e.exact[w];
    if (exact !== null ? text !== exact : e.capital[w] && !/^\p{Lu}/u.test(text)) return false;
  }
  return true;
}

/** Whether tokens [a, b) lie inside one organisation span of the tags that is longer than they are. */
function insideLongerOrganization(tags: Uint8Array, a: number, b: number): boolean {
  if (tags[a] !== B_ORG && tags[a] !== I_ORG) return false;
  for (let j = a + 1; j < b; j++) if (tags[j] !== I_ORG) return false;
  let start = a;
  while (start > 0 && tags[start] === I_ORG) start--;
  if (tags[start] !== B_ORG) return false;
  return start < a || (b < tags.length && tags[b] === I_ORG);
}
