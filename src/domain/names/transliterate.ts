/**
 * Cyrillic (Russian and Kazakh) to Latin, and a lossy comparison key ("skeleton").
 *
 * `toLatin` is for display: English-press style (BGN/PCGN-like), because that is how the
 * Kazakhstan names Chronicle documents usually appear in English reports:
 *   toLatin('Назарбаев') -> 'Nazarbayev'   toLatin('Жаңаөзен') -> 'Zhanaozen'
 *   toLatin('Қайрат Ерланұлы') -> 'Kairat Yerlanuly'
 *
 * `toSkeleton` is only ever compared with other skeletons. It folds the spellings that
 * romanisation systems disagree on, so that every variant of one name gets one key:
 *   Nazarbayev, Nazarbaev, Nazarbaiev, Назарбаев -> 'nazarbaev'
 *   Boqaev, Bokayev, Bokaev, Бокаев              -> 'bokaev'
 *   Zhanaozen, Janaozen, Жаңаөзен                -> 'janaozen'
 *   Yuriy, Yury, Iurii, Юрий                     -> 'iuri'
 * It is deliberately lossy (q=k, y=i, w=v, x=ks, doubled letters collapsed): two different
 * names may share a skeleton, which is why matching never rests on the skeleton alone.
 */

/** Kazakh letters follow English-press usage (ғ g, қ k, ң n), not the 2021 Latin alphabet. */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  // Neighbouring alphabets (Ukrainian, Uzbek, Tajik) appear in the same reports.
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'u', ҳ: 'h', ӣ: 'i', ӯ: 'u', ҷ: 'j',
};

/**
 * Latin letters whose plain base would lose a distinction (ş is sh, not s). Kazakh 2021
 * Latin: ı is ы/й, ý is у (Naýryz = Nauryz), ǵ is ғ, ń is ң.
 */
const LATIN: Readonly<Record<string, string>> = {
  ş: 'sh', ș: 'sh', š: 'sh', ç: 'ch', č: 'ch', ž: 'zh', ğ: 'g', ǵ: 'g', ı: 'i', ń: 'n', ň: 'n',
  ñ: 'n', ý: 'u', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o',
};

const VOWELS = 'aeiouy';
const CYRILLIC_VOWELS = 'аеёиоуыэюяәөұүі';
const HUSHERS = 'жчшщ';
const APOSTROPHES = /['’ʼʻ`´‘]/gu;

/** True when the text contains any Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

/** True when the text has letters that only Kazakh (not Russian) Cyrillic uses. */
export function hasKazakhLetters(text: string): boolean {
  return /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u.test(text);
}

/** Latin letters with diacritics folded to plain ASCII (Kazakh 2021 Latin included). */
export function foldLatin(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const mapped = LATIN[lower];
    out += mapped === undefined ? ch : matchCase(ch, mapped, false);
  }
  return out.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Give `latin` the case of the Cyrillic letter it replaces; `allCaps` for words in capitals. */
function matchCase(original: string, latin: string, allCaps: boolean): string {
  if (original === original.toLowerCase()) return latin;
  if (allCaps) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

/** Romanise one Cyrillic letter in its context (е/ё depend on what precedes them). */
function romaniseLetter(lower: string, prev: string, atWordStart: boolean): string {
  if (lower === 'е' && (atWordStart || CYRILLIC_VOWELS.includes(prev) || 'ъьй'.includes(prev))) return 'ye';
  if (lower === 'ё') return HUSHERS.includes(prev) ? 'e' : 'yo';
  return CYRILLIC[lower] ?? lower;
}

/** Readable Latin form of a text in any script: Cyrillic romanised, Latin diacritics folded. */
export function toLatin(text: string): string {
  const source = text.normalize('NFC');
  const chars = [...source];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = ch.toLowerCase();
    if (!(lower in CYRILLIC)) {
      out += ch;
      continue;
    }
    const prev = (chars[i - 1] ?? '').toLowerCase();
    const atWordStart = !/\p{L}/u.test(prev);
    const next = chars[i + 1] ?? '';
    const allCaps = next !== '' && /\p{Lu}/u.test(next) || (/\p{Lu}/u.test(chars[i - 1] ?? '') && !/\p{Ll}/u.test(next));
    out += matchCase(ch, romaniseLetter(lower, prev, atWordStart), allCaps);
  }
  return foldLatin(out).replace(APOSTROPHES, '');
}

/**
 * Skeleton of one word (no spaces in the result). Steps, in order, each for a reason:
 * 1. letters to lower-case Latin; apostrophes, ъ, ь and hyphens dropped (Ust'-Kamenogorsk);
 * 2. multi-letter sounds to one placeholder, so later single-letter rules cannot split them;
 * 3. c is k or s by English reading, q k, x ks, w v, gh g, kh h (Talghat, Tokhtar/Tohtar);
 * 4. y-glides: ye -> e (Yerlan/Erlan, Nazarbayev/Nazarbaev), yo after a consonant -> e
 *    (Pyotr/Пётр); then y -> i (Kairat/Қайрат), and "aie" -> "ae" (Nazarbaiev);
 * 5. doubled letters collapsed (Asset/Aset, Yurii/Yury).
 */
export function toSkeleton(word: string): string {
  let w = '';
  for (const ch of word.normalize('NFC').toLowerCase()) w += CYRILLIC[ch] ?? LATIN[ch] ?? ch;
  w = w.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]/g, '');
  w = w
    .replace(/shch|sch|sh/g, 'S')
    .replace(/dzh|dj|zh|j/g, 'J')
    .replace(/tch|ch/g, 'C')
    .replace(/ts|tz/g, 'T')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/kh|gh/g, (m) => (m === 'kh' ? 'h' : 'g'))
    .replace(/ye/g, 'e')
    .replace(/([^aeiouy])yo/g, '$1e')
    .replace(/y/g, 'i')
    .replace(/([aeou])ie/g, '$1e')
    .replace(/(.)\1+/g, '$1');
  return w.replace(/S/g, 'sh').replace(/J/g, 'j').replace(/C/g, 'ch').replace(/T/g, 'c');
}

/** Skeleton of a whole text: one skeleton per word, joined by single spaces. */
export function toSkeletonText(text: string): string {
  return text
    .split(/[\s\u00a0,;:()/\\«»"“”„]+/u)
    .map((w) => toSkeleton(w.replace(APOSTROPHES, '')))
    .filter((w) => w.length > 0)
    .join(' ');
}

/** Consonant outline of a skeleton (first letter kept): a coarse key for near spellings. */
export function toConsonantKey(skeleton: string): string {
  if (skeleton.length === 0) return '';
  return skeleton.charAt(0) + skeleton.slice(1).replace(new RegExp(`[${VOWELS}]`, 'g'), '');
}

/** Levenshtein distance, capped: returns `cap + 1` as soon as the distance must exceed `cap`. */
export function computeEditDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length]!;
}
