/**
 * Matching keys for place names in any script.
 *
 * A key is a lossy Latin "skeleton": Cyrillic (Russian, Kazakh, Kyrgyz, Uzbek, Tajik) is
 * transliterated with one Kazakh-aware table, then the spelling variants that English,
 * Russian-style and Kazakh/Uzbek/Turkmen Latin romanisations disagree on are folded together
 * (zh/j/dzh, kh/h/x, q/k, gh/g, y/i, w/u, doubled letters). So "Жаңаөзен", "Жанаозен",
 * "Zhanaozen" and "Janaozen" share the key "janaozen"; "Ust-Kamenogorsk" and
 * "Усть-Каменогорск" share "ust kamenogorsk". The key is only ever compared with other keys.
 *
 *   placeKey("Атырауской области")  -> "atirauskoi oblast"
 *   inflectedKeys(placeKey("Атырауская область")) includes "atirauskoi oblast"
 */

/** Cyrillic letter -> Latin, Kazakh letters included (ә ғ қ ң ө ұ ү һ і), plus Uzbek/Tajik extras. */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye',
  ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', ӣ: 'i', й: 'y', к: 'k', қ: 'q', л: 'l', м: 'm',
  н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u',
  ў: 'u', ӯ: 'u', ф: 'f', х: 'kh', һ: 'h', ҳ: 'h', ц: 'ts', ч: 'ch', ҷ: 'j', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin letters with diacritics whose plain ASCII base would lose a distinction we need. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ş: 'sh', ș: 'sh', ç: 'ch', ğ: 'g', ı: 'i', ñ: 'n', ň: 'n', ž: 'zh', ý: 'y', ä: 'a',
  ö: 'o', ü: 'u', ā: 'a', ū: 'u', ï: 'i', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ł: 'l',
};

/**
 * Generic words for administrative units, folded to one token so that "Atyrau Region",
 * "Atyrau oblast", "Атырау облысы" and "Атырау облысында" (after suffix removal) agree.
 */
const GENERIC_WORDS: ReadonlyMap<string, string> = new Map([
  ...['oblast', 'oblasti', 'oblastiu', 'oblastei', 'oblastah', 'oblastam', 'obl', 'oblis',
    'oblisi', 'oblisina', 'oblisinda', 'oblisinin', 'oblisindagi', 'oblisinan', 'region',
    'regions', 'province', 'viloiat', 'viloiati', 'oblusu', 'velaiat', 'velaiati']
    .map((w) => [w, 'oblast'] as const),
  ...['raion', 'raiona', 'raione', 'raionom', 'raionu', 'raioni', 'raionah', 'district',
    'audani', 'audaninda', 'audaninin', 'tumani', 'nohiia', 'etrap', 'etrapi']
    .map((w) => [w, 'raion'] as const),
]);

const APOSTROPHES = /['’ʼʻ`´‘"«»]/g;
const SEPARATORS = /[\s\-‐-―.,;:()/\\]+/g;

/*
 * Expressions with \p{…} are module constants rather than literals inside the functions: the
 * esbuild that tsx runs rewrites such a literal into `new RegExp("…", "u")`, a constructor call
 * at every evaluation. `replace` starts from 0 whatever a g expression's lastIndex holds.
 */
const COMBINING_MARKS = /\p{M}/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Lower-case, script-folded Latin form of one string (no generic-word folding). */
export function toSkeleton(input: string): string {
  let text = input.normalize('NFC').toLowerCase().replace(APOSTROPHES, '');
  let out = '';
  for (const ch of text) {
    out += CYRILLIC_TO_LATIN[ch] ?? LATIN_SPECIAL[ch] ?? ch;
  }
  text = out.normalize('NFD').replace(COMBINING_MARKS, '').replace(SEPARATORS, ' ').trim();
  return text
    .split(' ')
    .map(foldWord)
    .filter((w) => w.length > 0)
    .join(' ');
}

function foldWord(word: string): string {
  return word
    .replace(/^ye/, 'e')
    .replace(/dzh|zh|dj/g, 'j')
    .replace(/kh|x/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/q/g, 'k')
    .replace(/w/g, 'u')
    .replace(/y/g, 'i')
    .replace(/ng/g, 'n')
    .replace(/[^a-z0-9]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** The exact-match key: skeleton with administrative generic words folded. */
export function placeKey(input: string): string {
  return toSkeleton(input)
    .split(' ')
    .map((w) => GENERIC_WORDS.get(w) ?? w)
    .join(' ');
}

/** Collapse letters doubled by joining a stem and an ending ("seme" + "e" -> "seme"). */
const collapse = (w: string): string => w.replace(/(.)\1+/g, '$1');

/**
 * Russian oblique-case forms of one skeleton word, by its nominative ending (skeleton
 * spelling: а->a, я->ia, ы/и/й->i, ая->aia, ий/ый->i). Indeclinable endings (-о, -е, -у, -ю)
 * give none. Generated on the gazetteer side so a mention matches only real forms of a name:
 * "Астане" is a form of "Астана", but "Как" is not a form of "Kaka".
 */
export function russianForms(word: string, lastLetter = ''): string[] {
  if (word.length < 3 || word === 'oblast' || word === 'raion') return [];
  const forms: string[] = [];
  const withStem = (cut: number, endings: string[]): void => {
    const stem = word.slice(0, word.length - cut);
    if (stem.length >= 2) for (const e of endings) forms.push(collapse(stem + e));
  };
  // The Cyrillic last letter tells "Мары" (plural -ы) from "Семей" (-й) and "Тбилиси" (-и).
  if (word.endsWith('skaia')) withStem(3, ['oi', 'uiu']);
  else if (/sk(i|oe)$/.test(word)) withStem(word.endsWith('oe') ? 2 : 1, ['ogo', 'omu', 'om', 'im']);
  else if (word.endsWith('ia')) withStem(2, ['i', 'e', 'iu', 'iei', 'ii']);
  else if (word.endsWith('a')) withStem(1, ['i', 'e', 'u', 'oi', 'ou']);
  else if (lastLetter === 'ы') withStem(1, ['ah', 'am', 'ami', 'ov']);
  else if (lastLetter === 'й') withStem(1, ['ia', 'iu', 'e', 'em']);
  else if (/[bcdfghjklmnprstvz]$/.test(word)) withStem(0, ['a', 'u', 'om', 'e', 'i', 'ah']);
  return [...new Set(forms)].filter((f) => f !== word);
}

/**
 * Russian oblique-case keys of a name ("Атырауская область" -> "atirauskoi oblast", …):
 * every word in each of its forms, capped.
 */
export function inflectedKeys(name: string, cap = 40): string[] {
  const rawWords = name.normalize('NFC').toLowerCase().replace(APOSTROPHES, '').split(SEPARATORS)
    .filter((w) => w.length > 0);
  let combos: string[][] = [[]];
  for (const raw of rawWords) {
    const w = placeKey(raw);
    if (w.length === 0) continue;
    const options = [w, ...russianForms(w, raw.charAt(raw.length - 1))];
    combos = combos.flatMap((c) => options.map((o) => [...c, o])).slice(0, cap);
  }
  const key = placeKey(name);
  return combos.map((c) => c.join(' ')).filter((k) => k !== key);
}

/**
 * Kazakh case suffixes (after skeleton folding: ғ->g, қ->k, ң->n, і->i), longest first:
 * locative-attributive -дағы, locative -да/-нда, ablative -дан, genitive -ның, dative -ға,
 * accusative -ны, instrumental -мен, and -лық "from". Kazakh suffixes do not change the stem,
 * so stripping one gives candidate nominatives to look up exactly.
 */
const KAZAKH_SUFFIXES = [
  'ndagi', 'ndegi', 'dagi', 'degi', 'tagi', 'tegi', 'nda', 'nde', 'dan', 'den', 'tan',
  'ten', 'nan', 'nen', 'nin', 'din', 'tin', 'men', 'ben', 'pen', 'lik', 'dik', 'tik', 'da',
  'de', 'ta', 'te', 'ga', 'ge', 'ka', 'ke', 'na', 'ne', 'ni', 'di', 'ti', 'a', 'e',
];

/** Candidate nominative keys for a key whose last word may carry a Kazakh suffix. */
export function kazakhBaseKeys(key: string): string[] {
  const words = key.split(' ');
  const last = words[words.length - 1] ?? '';
  const head = words.slice(0, -1);
  const bases: string[] = [];
  for (const suffix of KAZAKH_SUFFIXES) {
    if (last.length - suffix.length >= 3 && last.endsWith(suffix)) {
      const base = last.slice(0, -suffix.length);
      // Doubled letters were collapsed: "Шымкентте" -> "shimkente", so also try "shimkent".
      for (const form of [base, base + suffix.charAt(0)]) {
        bases.push([...head, GENERIC_WORDS.get(form) ?? form].join(' '));
      }
    }
  }
  return bases;
}

/** True when the string contains Cyrillic letters (inflection rules apply only then). */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** True when the string has letters only Kazakh (not Russian) Cyrillic uses. */
export function hasKazakhLetters(text: string): boolean {
  return /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u.test(text);
}
