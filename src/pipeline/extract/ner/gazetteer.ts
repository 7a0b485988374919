/**
 * Small exact-name gazetteers used as tagger features (not as rules): country names in
 * English, Russian and Kazakh, Central Asian cities and regions, and a short list of
 * Kazakhstan places in Cyrillic. Russian and Kazakh tokens are compared after stripping case
 * endings, so "Казахстане" matches "Казахстан" and "Астанада" matches "Астана".
 * The entries are stored inside each model file (see model-io.ts), so a model always runs
 * with exactly the gazetteer it was trained with.
 *
 *   const g = gazetteerFromEntries('ru', [['Казахстан', GAZ_LOCATION]]);
 *   g.entries.get(normaliseWord('ru', 'Казахстане')) // GAZ_LOCATION
 */
import type { Gazetteer } from './features.js';
import type { NerLanguage } from './tagger.js';

export const GAZ_LOCATION = 1;
export const GAZ_ORGANIZATION = 2;
export const GAZ_PERSON = 4;

const RU_ENDINGS = ['ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ой', 'ей', 'ий', 'ом', 'ем', 'ах', 'ях', 'ам', 'ям', 'ию', 'ия', 'ии', 'ие', 'ы', 'и', 'а', 'я', 'у', 'ю', 'е', 'о', 'й'];
const KK_ENDINGS = [
  'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі', 'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'нан', 'нен', 'дан', 'ден',
  'тан', 'тен', 'мен', 'бен', 'пен', 'нда', 'нде', 'ға', 'ге', 'қа', 'ке', 'на', 'не', 'да', 'де', 'та', 'те', 'ны', 'ні',
  'ды', 'ді', 'ты', 'ті', 'ын', 'ін',
];

/** Lowercases and, for Russian and Kazakh, strips case endings (keeping at least 3 letters). */
export function normaliseWord(lang: NerLanguage, word: string): string {
  let w = word.toLowerCase().replace(/ё/g, 'е');
  if (lang === 'en') return w;
  const endings = lang === 'ru' ? RU_ENDINGS : KK_ENDINGS;
  for (let pass = 0; pass < (lang === 'kk' ? 2 : 1); pass++) {
    const e = endings.find((x) => w.endsWith(x) && w.length - x.length >= 3);
    if (e === undefined) break;
    w = w.slice(0, -e.length);
  }
  return w;
}

/** Splits a name into words the same way the tokenizer would (letters/digits runs, hyphens kept). */
function nameWords(name: string): string[] {
  return name.match(/[\p{L}\p{M}\p{N}]+(?:[-‐'’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

export function gazetteerFromEntries(lang: NerLanguage, list: ReadonlyArray<readonly [string, number]>): Gazetteer {
  const entries = new Map<string, number>();
  const firstWords = new Set<string>();
  let maxLen = 1;
  for (const [name, code] of list) {
    const words = nameWords(name);
    if (words.length === 0) continue;
    maxLen = Math.max(maxLen, words.length);
    const norm = words.map((w) => normaliseWord(lang, w));
    if (norm.length > 1) firstWords.add(norm[0]!);
    const key = norm.join(' ');
    entries.set(key, (entries.get(key) ?? 0) | code);
  }
  const cache = new Map<string, string>();
  const normalise = (w: string): string => {
    let v = cache.get(w);
    if (v === undefined) {
      v = normaliseWord(lang, w);
      if (cache.size > 100_000) cache.clear();
      cache.set(w, v);
    }
    return v;
  };
  return { entries, firstWords, maxLen, normalise };
}

const KZ_PLACES_CYRILLIC = [
  'Астана', 'Нур-Султан', 'Алматы', 'Алма-Ата', 'Шымкент', 'Чимкент', 'Караганда', 'Қарағанды', 'Актобе', 'Ақтөбе',
  'Атырау', 'Актау', 'Ақтау', 'Жанаозен', 'Жаңаөзен', 'Усть-Каменогорск', 'Өскемен', 'Семей', 'Семипалатинск', 'Павлодар',
  'Костанай', 'Қостанай', 'Тараз', 'Кызылорда', 'Қызылорда', 'Уральск', 'Орал', 'Петропавловск', 'Петропавл', 'Талдыкорган',
  'Талдықорған', 'Туркестан', 'Түркістан', 'Экибастуз', 'Екібастұз', 'Темиртау', 'Теміртау', 'Жезказган', 'Жезқазған',
  'Кокшетау', 'Көкшетау', 'Байконур', 'Байқоңыр', 'Сарыагаш', 'Кентау', 'Аксу', 'Ақсу', 'Рудный', 'Балхаш', 'Балқаш',
  'Абай', 'Жетысу', 'Жетісу', 'Улытау', 'Ұлытау', 'Мангистау', 'Маңғыстау', 'Бишкек', 'Ташкент', 'Душанбе', 'Ашхабад',
  'Москва', 'Мәскеу', 'Пекин', 'Бейжің', 'Вашингтон', 'Лондон', 'Париж', 'Берлин', 'Киев', 'Киев', 'Минск', 'Стамбул', 'Анкара',
];

export interface GazetteerSources {
  countryNames: Record<string, Record<string, string | string[]>>;
  placeNames: string[];
}

/** Builds the gazetteer entry list for `lang` (done at training time; the list is saved with the model). */
export function buildGazetteerEntries(lang: NerLanguage, src: GazetteerSources): Array<[string, number]> {
  const out = new Map<string, number>();
  const add = (n: string): void => void out.set(n, GAZ_LOCATION);
  for (const v of Object.values(src.countryNames[lang] ?? {})) for (const n of Array.isArray(v) ? v : [v]) add(n);
  const display = new Intl.DisplayNames([lang], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const n = display.of(code);
        if (n !== undefined && n !== code) add(n);
      } catch {
        // not a region code
      }
    }
  }
  if (lang === 'en') for (const n of src.placeNames) add(n);
  else for (const n of KZ_PLACES_CYRILLIC) add(n);
  return [...out.entries()];
}

/**
 * English nationality words. A span that is only one of these ("Kazakh" in "Kazakh
 * President ...") is a nationality, not a person, organisation or place; the tagger drops it.
 */
export const ENGLISH_DEMONYMS: ReadonlySet<string> = new Set(
  (
    'Kazakh Kazakhs Kazakhstani Kazakhstanis Kyrgyz Kirghiz Kyrgyzstani Uzbek Uzbeks Uzbekistani Tajik Tajiks Tajikistani ' +
    'Turkmen Turkmens Russian Russians Soviet Chinese American Americans British English French German Germans Italian ' +
    'Spanish Turkish Iranian Iranians Afghan Afghans Pakistani Indian Indians Japanese Korean Koreans Ukrainian Ukrainians ' +
    'Belarusian Georgian Georgians Armenian Armenians Azerbaijani Azeri Mongolian Uyghur Uighur Uyghurs Uighurs Tatar Tatars ' +
    'European Europeans Asian Asians Western Eastern Arab Arabs Arabic Israeli Israelis Palestinian Palestinians Syrian ' +
    'Syrians Iraqi Iraqis Saudi Egyptian Canadian Australian Polish Dutch Swedish Norwegian Finnish Danish Greek Czech ' +
    'Hungarian Romanian Bulgarian Serbian Croatian Brazilian Mexican Cuban Venezuelan African Africans Muslim Muslims ' +
    'Christian Christians Jewish Jews Orthodox Catholic Sunni Shia'
  ).split(' '),
);
