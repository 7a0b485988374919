/**
 * Nominative candidates of one name word, for comparison. Russian declines names
 * ("Назарбаева", "Бокаеву", "Бокаевым") and Kazakh glues case endings to them
 * ("Назарбаевтың", "Тоқаевқа"). A form can be read several ways: "Назарбаева" is both the
 * feminine surname and the genitive of "Назарбаев". So each word yields every plausible
 * reading, each with the genders it allows and whether it is an oblique (non-nominative)
 * case; two words match when any readings agree. Over-generating is safe because a match
 * also needs the other parts of the name to agree.
 *
 *   readSurname('Назарбаева') -> [{ key: 'nazarbaev', genders: ['f'] }, { key: 'nazarbaev', genders: ['m'], oblique: true }]
 *   readSurname('Nazarbayeva') -> [{ key: 'nazarbaev', genders: ['f'] }]
 */
import { toSkeleton } from './transliterate.js';

export type Gender = 'm' | 'f';

/** One reading of a name word: its skeleton key, the genders it allows (empty: unknown). */
export interface WordForm {
  key: string;
  genders: readonly Gender[];
  oblique: boolean;
}

const M: readonly Gender[] = ['m'];
const F: readonly Gender[] = ['f'];
const ANY: readonly Gender[] = [];

const isCyrillic = (w: string): boolean => /\p{Script=Cyrillic}/u.test(w);
const lowerRu = (w: string): string => w.toLowerCase().replace(/ё/g, 'е');

/**
 * Kazakh case endings (genitive, dative, accusative, locative, ablative, instrumental),
 * longest first. "-на/-не" (dative after a possessive) is left out: too many names end so.
 */
const KAZAKH_ENDINGS = ['тың', 'тің', 'дың', 'дің', 'ның', 'нің', 'тан', 'тен', 'дан', 'ден', 'нан', 'нен',
  'пен', 'бен', 'мен', 'ға', 'ге', 'қа', 'ке', 'ты', 'ті', 'ды', 'ді', 'ны', 'ні', 'та', 'те', 'да', 'де'];

/** Stems left after cutting one Kazakh case ending (at least three letters remain). */
export function cutKazakhEnding(word: string): string[] {
  const w = lowerRu(word);
  const out: string[] = [];
  for (const e of KAZAKH_ENDINGS) {
    if (w.endsWith(e) && w.length - e.length >= 3) out.push(w.slice(0, -e.length));
  }
  return out;
}

/** Russian surname declension: [ending regex, genders, oblique] for -ов/-ев/-ин and -ский. */
const RU_SURNAME: ReadonlyArray<[RegExp, ReadonlyArray<[readonly Gender[], boolean]>]> = [
  [/(ов|ев|ин|ын)$/u, [[M, false]]],
  [/(ов|ев|ин|ын)а$/u, [[F, false], [M, true]]],
  [/(ов|ев|ин|ын)у$/u, [[M, true], [F, true]]],
  [/(ов|ев|ин|ын)(ым|ом)$/u, [[M, true]]],
  [/(ов|ев|ин|ын)е$/u, [[M, true]]],
  [/(ов|ев|ин|ын)(ой|ою)$/u, [[F, true]]],
  [/(ов|ев|ин|ын)(ых|ыми)$/u, [[M, true], [F, true]]],
];

/** Readings of a Cyrillic -ский/-цкий surname: base is always the masculine nominative. */
function readSkySurname(w: string): WordForm[] {
  const m = /^(.+[сц]к)(ий|ой|ая|ого|ому|им|ом|ую|ие|их)$/u.exec(w);
  if (!m) return [];
  const key = toSkeleton(`${m[1]}ий`);
  const ending = m[2]!;
  if (ending === 'ий') return [{ key, genders: M, oblique: false }];
  if (ending === 'ая') return [{ key, genders: F, oblique: false }];
  if (ending === 'ой') return [{ key, genders: F, oblique: true }, { key, genders: M, oblique: false }];
  if (ending === 'ую') return [{ key, genders: F, oblique: true }];
  return [{ key, genders: M, oblique: true }];
}

/** Readings of an adjectival -ный surname (Навальный, Навальная, Навального). */
function readAdjectiveSurname(w: string): WordForm[] {
  const m = /^(.{3,}н)(ый|ий|ая|ого|ому|ым|ом|ой|ую)$/u.exec(w);
  if (!m) return [];
  const key = toSkeleton(`${m[1]}ый`);
  const ending = m[2]!;
  if (ending === 'ый' || ending === 'ий') return [{ key, genders: M, oblique: false }];
  if (ending === 'ая') return [{ key, genders: F, oblique: false }];
  if (ending === 'ой' || ending === 'ую') return [{ key, genders: F, oblique: true }];
  return [{ key, genders: M, oblique: true }];
}

/** Readings of a Cyrillic surname already freed of any Kazakh ending. */
function readRussianSurname(w: string, oblique: boolean): WordForm[] {
  const kazakh = /^(.{2,}?)(ұлы|улы|қызы|кызы)$/u.exec(w);
  if (kazakh) {
    const female = kazakh[2]!.endsWith('ызы');
    // Son and daughter of one father share a key; gender tells them apart.
    return [{ key: toSkeleton(`${kazakh[1]}улы`), genders: female ? F : M, oblique }];
  }
  const sky = [...readSkySurname(w), ...readAdjectiveSurname(w)];
  if (sky.length > 0) return sky.map((f) => ({ ...f, oblique: f.oblique || oblique }));
  for (const [re, readings] of RU_SURNAME) {
    const m = re.exec(w);
    if (!m) continue;
    // Keep the -ов/-ев/-ин suffix, drop only the case ending after it.
    const base = w.slice(0, w.length - m[0].length + m[1]!.length);
    if (base.length < 4) break;
    return readings.map(([genders, obl]) => ({ key: toSkeleton(base), genders, oblique: obl || oblique }));
  }
  // Undeclined shapes (Аян, Мамай, Ким): the word itself, plus a Russian case ending cut.
  const forms: WordForm[] = [{ key: toSkeleton(w), genders: ANY, oblique }];
  const cut = /^(.{3,}[бвгджзклмнпрстфхцчшщ])(а|у|ом|ым|е)$/u.exec(w);
  if (cut) forms.push({ key: toSkeleton(cut[1]!), genders: M, oblique: true });
  return forms;
}

/** Readings of a Latin surname: feminine forms map to the masculine base. */
function readLatinSurname(word: string): WordForm[] {
  const s = toSkeleton(word);
  let m: RegExpExecArray | null;
  if ((m = /^(.{2,})kizi$/.exec(s))) return [{ key: `${m[1]}uli`, genders: F, oblique: false }];
  if (/^.{2,}uli$/.test(s)) return [{ key: s, genders: M, oblique: false }];
  if ((m = /^(.{2,}(?:sk|ck))aia$/.exec(s))) return [{ key: `${m[1]}i`, genders: F, oblique: false }];
  if (/^.{2,}(?:sk|ck)i$/.test(s)) return [{ key: s, genders: M, oblique: false }];
  // Adjectival -ny/-naya (Navalny, Navalnaya); -y/-iy/-yy all fold to -i in the skeleton.
  if ((m = /^(.{3,}n)aia$/.exec(s))) return [{ key: `${m[1]}i`, genders: F, oblique: false }];
  if (/^.{3,}ni$/.test(s) && /(?:y|iy|yi|yy)$/iu.test(word)) return [{ key: s, genders: M, oblique: false }];
  if ((m = /^(.{3,}(?:ov|ev|in))a$/.exec(s))) return [{ key: m[1]!, genders: F, oblique: false }];
  if (/^.{3,}(?:ov|ev|in)$/.test(s)) return [{ key: s, genders: M, oblique: false }];
  return [{ key: s, genders: ANY, oblique: false }];
}

/**
 * Readings of a surname. Kazakh endings are cut only when what remains is surname-shaped
 * (Назарбаевтың -> Назарбаев) or the text is Kazakh, because many bare names end alike.
 */
export function readSurname(word: string, lang?: string): WordForm[] {
  if (!isCyrillic(word)) return readLatinSurname(word);
  const w = lowerRu(word);
  const forms = readRussianSurname(w, false);
  for (const stem of cutKazakhEnding(w)) {
    if (lang === 'kk' || /(ов|ев|ин|ын|ова|ева|ина|ұлы|улы|қызы|кызы)$/u.test(stem)) forms.push(...readRussianSurname(stem, true));
  }
  return dedupe(forms);
}

/**
 * Readings of a given name: the word, and for Cyrillic the nominatives its case ending
 * allows (Нурсултана -> Нурсултан, Дариги -> Дарига, Сергея -> Сергей, Игорем -> Игорь).
 */
export function readGivenName(word: string, lang?: string): WordForm[] {
  const forms: WordForm[] = [{ key: toSkeleton(word), genders: ANY, oblique: false }];
  if (!isCyrillic(word)) return forms;
  const w = lowerRu(word);
  const add = (stem: string): void => { forms.push({ key: toSkeleton(stem), genders: ANY, oblique: true }); };
  let m: RegExpExecArray | null;
  if ((m = /^(.{2,}[бвгджзклмнпрстфхцчшщь])(а|я|у|ю|ом|ем|е)$/u.exec(w))) add(m[1]!);
  if ((m = /^(.{2,}?)(ы|и|е|у|ю|ой|ей|ою)$/u.exec(w))) { add(`${m[1]}а`); add(`${m[1]}я`); }
  if ((m = /^(.{2,}[еиая])(я|ю|ем|е)$/u.exec(w))) add(`${m[1]}й`);
  if (lang === 'kk' || /[әғқңөұүһі]/u.test(w)) for (const stem of cutKazakhEnding(w)) add(stem);
  return dedupe(forms);
}

const PATRONYMIC_RU = /^(.{2,}?)(ович|евич|ич|овна|евна|ична|инична)(а|у|ем|е|ы|ой|ою)?$/u;
const PATRONYMIC_KK = /^(.{2,}?)(ұлы|улы|қызы|кызы)$/u;
const PATRONYMIC_LATIN = /^(.{2,}?)(ovich|evich|ovna|evna|ichna|uli|kizi)$/;

/** Whether a word has the shape of a patronymic (Абишевич, Абишевна, Әбішұлы, Kemeluly). */
export function isPatronymicShaped(word: string): boolean {
  if (isCyrillic(word)) {
    const w = lowerRu(word);
    return /(ович|евич|овна|евна|ична)(а|у|ем|е|ы|ой|ою)?$/u.test(w) || PATRONYMIC_KK.test(w) && w.length >= 6;
  }
  const s = toSkeleton(word);
  return PATRONYMIC_LATIN.test(s) && s.length >= 6;
}

/**
 * The patronymic's reading: its key is the father's name (the root), so the Russian and
 * Kazakh forms of one patronymic agree: Абишевич, Abishevich, Әбішұлы -> 'abish'.
 */
export function readPatronymic(word: string): WordForm[] {
  if (isCyrillic(word)) {
    const w = lowerRu(word);
    const kk = PATRONYMIC_KK.exec(w);
    if (kk) return [{ key: toSkeleton(kk[1]!), genders: kk[2]!.endsWith('ызы') ? F : M, oblique: false }];
    const ru = PATRONYMIC_RU.exec(w);
    if (ru) {
      const female = ru[2]!.endsWith('на');
      return [{ key: toSkeleton(ru[1]!), genders: female ? F : M, oblique: ru[3] !== undefined }];
    }
    return [{ key: toSkeleton(w), genders: ANY, oblique: false }];
  }
  const s = toSkeleton(word);
  const m = PATRONYMIC_LATIN.exec(s);
  if (!m) return [{ key: s, genders: ANY, oblique: false }];
  const female = /(?:na|kizi)$/.test(m[2]!);
  return [{ key: m[1]!, genders: female ? F : M, oblique: false }];
}

function dedupe(forms: WordForm[]): WordForm[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const id = `${f.key}|${f.genders.join('')}|${f.oblique}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
