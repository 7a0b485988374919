/**
 * Comparison keys for the words of a name: lower case, Russian/Kazakh case endings off, and
 * spelling variants folded, so that the forms of one name in one document compare equal:
 * "Қошанова" and "Кошанов" -> "кошанов"; "Qoshanov" and "Koshanov" -> "koshanov";
 * "Bokayev" and "Bokaev" -> "bokaev". Keys are for comparison only; nothing shows them.
 *
 *   nameWordKey('Қошанова', 'ru') // 'кошанов'
 *   nameWordKey('Qoshanov', 'en') // 'koshanov'
 */

/** Russian/Kazakh case endings stripped from a name word, longest first. */
const CASE_ENDINGS = ['ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ой', 'ей', 'ым', 'им', 'ом', 'ем',
  'ых', 'их', 'ую', 'юю', 'ая', 'яя', 'ое', 'ее', 'ою', 'ий', 'ый', 'а', 'у', 'е', 'ы', 'и', 'я', 'ю'];
/** Kazakh case endings on names ("Назарбаевтың", "Алматыда"). */
const KK_ENDINGS = ['тың', 'тің', 'дың', 'дің', 'ның', 'нің', 'ға', 'ге', 'қа', 'ке', 'на', 'не',
  'ды', 'ді', 'ты', 'ті', 'ны', 'ні', 'да', 'де', 'та', 'те', 'нан', 'нен', 'дан', 'ден', 'тан',
  'тен', 'мен', 'пен', 'бен'];
export const MIN_STEM = 3;

/** Kazakh letters written as their Russian neighbours in Russian text (Қошанов / Кошанов). One to one, so lengths stay. */
const KAZAKH_TO_RUSSIAN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

/*
 * Expressions with \p{…} are module constants rather than literals inside the functions: the
 * esbuild that tsx runs rewrites such a literal into `new RegExp("…", "u")`, a constructor call
 * at every evaluation. Those with the g flag are used only by `replace`, which starts from 0 whatever lastIndex holds.
 */
const CYRILLIC = /\p{Script=Cyrillic}/u;
const DOUBLED_LETTER = /(\p{L})\1/gu;
const NOT_NAME_CHAR = /[^\p{L}\p{N}-]/gu;
const INITIAL = /^\p{L}\.?$/u;

export function isCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/** Folds Kazakh letters of a lower-case Cyrillic word into Russian ones; length is kept. */
export function foldCyrillic(word: string): string {
  return word.replace(/[әғқңөұүһі]/gu, (c) => KAZAKH_TO_RUSSIAN[c] ?? c);
}

/**
 * Latin spellings of Central Asian and Russian names vary by transliteration: q/k (Qoshanov),
 * zh/j, kh/h, "y" between vowels (Bokayev/Bokaev), initial "ye" (Yerlan/Erlan), doubled letters.
 */
function foldLatin(word: string): string {
  return word
    .replace(/q/g, 'k')
    .replace(/dzh|dj/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/^ye/, 'e')
    .replace(/([aeiou])y(?=[aeiou])/g, '$1')
    .replace(DOUBLED_LETTER, '$1');
}

/**
 * Keys already computed, per language then word (no joined lookup string to build per call):
 * documents and corpora repeat names. Cleared when full.
 */
const keyCaches = new Map<string, Map<string, string>>();
let cachedKeys = 0;

/** Stem of one name word for comparison (lower-case; case endings off for Cyrillic; spelling variants folded). */
export function nameWordKey(word: string, lang: string): string {
  let cache = keyCaches.get(lang);
  if (cache === undefined) {
    cache = new Map();
    keyCaches.set(lang, cache);
  }
  let key = cache.get(word);
  if (key === undefined) {
    key = computeKey(word, lang);
    if (cachedKeys >= 100_000) {
      for (const c of keyCaches.values()) c.clear();
      cachedKeys = 0;
    }
    cache.set(word, key);
    cachedKeys++;
  }
  return key;
}

function computeKey(word: string, lang: string): string {
  // Cyrillic keys keep their punctuation ("б.обам", "е."): a key's letters line up with the written word.
  let w = word.toLowerCase().replace(/ё/g, 'е').replace(/['’ʼ]s$/u, '');
  if (!isCyrillic(w)) return foldLatin(w.replace(NOT_NAME_CHAR, ''));
  if (lang === 'kk') {
    for (const e of KK_ENDINGS) {
      if (w.endsWith(e) && w.length - e.length >= MIN_STEM + 1) { w = w.slice(0, -e.length); break; }
    }
  }
  for (const e of CASE_ENDINGS) {
    if (w.endsWith(e) && w.length - e.length >= MIN_STEM) return foldCyrillic(w.slice(0, -e.length));
  }
  return foldCyrillic(w);
}

/** Name words as written (split on spaces). */
export const nameWords = (name: string): string[] => name.split(/[\s\u00a0]+/u).filter(Boolean);

/** A key that looks like a surname: Russian/Kazakh -ов/-ев/-ин/-ын (and their Latin spellings), -ұлы/-uly. */
export const SURNAME_KEY = /(?:ов|ев|ин|ын|ұлы|улы|ov|ev|in|yn|uly|ova|eva|ina)$/u;

/** An initial: one letter, with or without its dot ("Е.", "J"). */
export const isInitial = (key: string): boolean => INITIAL.test(key);
