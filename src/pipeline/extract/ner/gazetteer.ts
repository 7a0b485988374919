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
import { GAZ_CUE_ORG_BEFORE, GAZ_CUE_ORG_HEAD, type Gazetteer } from './features.js';
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

export function gazetteerFromEntries(lang: NerLanguage, list: ReadonlyArray<readonly [string, number]>, opts: { context?: boolean } = {}): Gazetteer {
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
  return { entries, firstWords, maxLen, normalise, ...(opts.context === true ? { context: true } : {}) };
}

/** Cue-word classes learned from training data, as bits of the gazetteer code (with GAZ_CUE_ORG_HEAD, GAZ_CUE_ORG_BEFORE of features.ts). */
export const GAZ_CUE_PERSON_BEFORE = 32;
export const GAZ_CUE_LOCATION_BEFORE = 64;

/**
 * Cue words learned from tagged training sentences (never hand-picked): a common word (as the
 * gazetteer normalises it; seen in lower case too) that often begins an organisation name ("министерство", "партия"),
 * or often stands right before an organisation, person or place name (skipping an opening
 * quote: "компания «…»", "президент …", "город …"). A word qualifies with at least `minCount`
 * such uses that are at least `minShare` of all its uses.
 */
export function learnCueWords(
  lang: NerLanguage,
  sentences: Iterable<{ words: readonly string[]; tags: Uint8Array }>,
  opts: { minCount?: number; minShare?: number } = {},
): Array<[string, number]> {
  const minCount = opts.minCount ?? 5;
  const minShare = opts.minShare ?? 0.2;
  const total = new Map<string, number>();
  const surface = new Map<string, string>();
  const lowerUses = new Map<string, number>();
  const hits = new Map<string, number[]>();
  const LETTERS = /\p{L}{3,}/u;
  const bump = (w: string, k: number): void => {
    let h = hits.get(w);
    if (h === undefined) hits.set(w, (h = [0, 0, 0, 0]));
    h[k]!++;
  };
  // tag ids: 0 O, 1/2 PERSON, 3/4 ORGANIZATION, 5/6 LOCATION (B odd)
  for (const s of sentences) {
    const norms = s.words.map((w) => (LETTERS.test(w) ? normaliseWord(lang, w) : ''));
    for (let i = 0; i < norms.length; i++) {
      const w = norms[i]!;
      if (w === '') continue;
      if (!surface.has(w)) surface.set(w, s.words[i]!.toLowerCase());
      if (/^\p{Ll}/u.test(s.words[i]!)) lowerUses.set(w, (lowerUses.get(w) ?? 0) + 1);
      total.set(w, (total.get(w) ?? 0) + 1);
      const t = s.tags[i]!;
      if (t === 3) bump(w, 0);
      if (t !== 0) continue;
      let j = i + 1;
      if (j < norms.length && norms[j] === '' && /^[«"„“]$/u.test(s.words[j]!)) j++;
      const next = j < norms.length ? s.tags[j]! : 0;
      if (next === 3) bump(w, 1);
      else if (next === 1) bump(w, 2);
      else if (next === 5) bump(w, 3);
    }
  }
  const bits = [GAZ_CUE_ORG_HEAD, GAZ_CUE_ORG_BEFORE, GAZ_CUE_PERSON_BEFORE, GAZ_CUE_LOCATION_BEFORE];
  const out: Array<[string, number]> = [];
  for (const [w, h] of hits) {
    const n = total.get(w)!;
    let code = 0;
    h.forEach((c, k) => {
      if (c >= minCount && c / n >= minShare) code |= bits[k]!;
    });
    // a head word is a common word (also written in lower case), not a name itself ("Газпром")
    if ((lowerUses.get(w) ?? 0) < 2) code &= ~GAZ_CUE_ORG_HEAD;
    if (code !== 0) out.push([surface.get(w)!, code]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
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
