/**
 * Canonical names of the people in one document: the mentions of one person share a name.
 *
 * - Mentions are compared word by word by `nameWordKey` (case endings off, Kazakh letters and
 *   Latin transliteration variants folded), in any order: "Ерлан Кошанов", "Кошанова Ерлана",
 *   "Қошанов Ерлан Маратович" are one person; so are "Yerlan Koshanov" and "Qoshanov".
 * - The longest full form wins. A shorter mention joins the one longer name that holds all its
 *   words, its surname among them ("Кошанов", "Е. Кошанова", "Ерлан Кошанов"); with two such
 *   names it stays on its own.
 * - Russian surnames show gender: "Кошанов" (bare) is a man and never joins "Гульнар Кошанова"
 *   (a first name that cannot be a masculine genitive, so a woman); "Кошановой" is a woman;
 *   "Кошанова" alone could be either. Patronymics tell too (-ович / -овна).
 * - Cyrillic names are shown in the nominative: "Назарбаеву" -> "Назарбаев", and a woman's
 *   surname keeps its "-а" ("Сауле Ермекова").
 *
 *   canonicalPersons(['Ерлан Кошанов', 'Гульнар Кошанова', 'Кошанов', 'Е. Кошанова'], 'ru')
 *   // ['Ерлан Кошанов', 'Гульнар Кошанова', 'Ерлан Кошанов', 'Ерлан Кошанов']
 */
import { foldCyrillic, isCyrillic, isInitial, nameWordKey, nameWords, SURNAME_KEY } from './name-key.js';

/** Masculine surname stems whose nominative is the stem itself (Назарбаев, Путин). */
const SURNAME_STEM = /(?:ов|ев|ин|ын|ұлы|улы|лы|ли)$/u;
/** Russian-type surname stems, which inflect for gender and case. */
const RU_SURNAME_STEM = /(?:ов|ев|ин|ын)$/u;
const FEMININE_FORM = /(?:ов|ев|ёв|ин|ын)(?:ой|ою)$/u;
const PATRONYMIC_M = /(?:ович|евич|ьич|улы|ұлы)$/u;
const PATRONYMIC_F = /(?:овна|евна|ична|кызы|қызы)$/u;
/** A module constant: tsx's esbuild turns a \p{…} literal into a `new RegExp` call at each evaluation. */
const LETTERS_ONLY = /^\p{L}{2,}$/u;

type Gender = 'm' | 'f' | null;

const keyOf = (name: string, lang: string): string[] => nameWords(name).map((w) => nameWordKey(w, lang));
const lowerFolded = (w: string): string => foldCyrillic(w.toLowerCase().replace(/ё/g, 'е'));

/** Surname-first order: "Кошанов Ерлан Маратович" (a patronymic last), "Кошанова Ерлана" (-ов/-ев first; not -ин, which ends given names too: Мартин, Kevin). */
const SURNAME_FIRST = /(?:ов|ев|ov|ev)$/u;
const PATRONYMIC_KEY = /(?:ович|евич|овн|евн|ичн|ьич|улы|кызы)$/u;

function surnameFirst(key: readonly string[]): boolean {
  if (key.length < 2) return false;
  const first = key[0]!;
  const last = key[key.length - 1]!;
  if (key.length >= 3 && PATRONYMIC_KEY.test(last) && SURNAME_KEY.test(first)) return true;
  return first.length >= 5 && SURNAME_FIRST.test(first) && !SURNAME_KEY.test(last) && !isInitial(last);
}

/** Where the surname is: the last word, or the first in surname-first order. */
function surnameIndex(key: readonly string[]): number {
  return surnameFirst(key) ? 0 : key.length - 1;
}

/** Word positions a lone surname may match: the last word, and the first in surname-first order. */
function surnamePositions(key: readonly string[]): number[] {
  return surnameFirst(key) ? [key.length - 1, 0] : [key.length - 1];
}

/** The gender a Cyrillic name form shows, or null when it cannot be told. */
function genderOf(words: readonly string[], key: readonly string[]): Gender {
  if (!words.some(isCyrillic)) return null;
  if (words.length >= 3) {
    for (const w of words.slice(1)) {
      const l = w.toLowerCase();
      if (PATRONYMIC_F.test(l)) return 'f';
      if (PATRONYMIC_M.test(l)) return 'm';
    }
  }
  const si = surnameIndex(key);
  const stem = key[si]!;
  const surface = lowerFolded(words[si]!);
  if (!RU_SURNAME_STEM.test(stem) || !surface.startsWith(stem)) return null;
  const ending = surface.slice(stem.length);
  if (ending === '' || ending === 'ым' || ending === 'е') return 'm';
  if (ending === 'ой' || ending === 'ою') return 'f';
  if (ending === 'а' && words.length > 1) {
    // "Гульнар Кошанова", "Сауле Ермекова": a masculine genitive would end the first name in -а/-я too.
    // "Гульнар Кошанова", "Асель Нургалиева", "Сауле Ермекова": a masculine genitive would inflect the
    // first name too ("Ерлана Кошанова"). First names in -а/-я are either; in -и/-о/-у often foreign
    // and indeclinable ("Чарли Чаплина"); an initial tells nothing.
    const given = words[si === 0 ? 1 : 0]!.toLowerCase();
    if (LETTERS_ONLY.test(given) && /[бвгджзклмнпрстфхцчшщйье]$/u.test(foldCyrillic(given))) return 'f';
  }
  return null;
}

/** The form of a Cyrillic name word to show: nominative when it can be told. */
function nominativeWord(stem: string, forms: string[], feminine: boolean, isSurname: boolean, lang: string): string {
  const exact = forms.find((f) => lowerFolded(f) === stem);
  if (exact && !(feminine && isSurname)) return exact;
  const first = forms[0]!;
  if (isSurname && SURNAME_STEM.test(stem)) {
    const base = first.slice(0, stem.length);
    return feminine && RU_SURNAME_STEM.test(stem) ? `${base}а` : base;
  }
  if (feminine) {
    // A woman's first name in the nominative: the form in -а/-я or without ending, else the stem + -а/-я
    // ("Валентины", "Нину" -> "Валентина", "Нина"; "Юлии" -> "Юлия").
    const nominative = forms.find((f) => /^(?:а|я|ь)?$/u.test(lowerFolded(f).slice(stem.length)) && lowerFolded(f).startsWith(stem));
    if (nominative) return nominative;
    const ending = lowerFolded(first).slice(stem.length);
    if (['ы', 'у', 'ой', 'ою'].includes(ending)) return `${first.slice(0, stem.length)}а`;
    if (['и', 'ю', 'ей', 'ею'].includes(ending) && /[иеь]$/u.test(stem)) return `${first.slice(0, stem.length)}я`;
    return first;
  }
  // "Ивана", "Ивану" -> "Иван"; but "-и"/"-ы" also end foreign names in the nominative ("Келли").
  // Kazakh forms were already freed of their case endings ("Ерге" stays; its stem is too short).
  if (lang !== 'kk' && /[бвгджзклмнпрстфхцчшщ]$/u.test(stem) && !/^[иы]$/u.test(first.slice(stem.length).toLowerCase())) {
    return first.slice(0, stem.length);
  }
  return first;
}

interface PersonCluster {
  key: string[];
  /** All surface forms per word position of the longest key. */
  forms: string[][];
  display: string;
  members: number[];
  genders: Set<'m' | 'f'>;
}

function clusterGender(c: PersonCluster): Gender {
  return c.genders.size === 1 ? [...c.genders][0]! : null;
}

/**
 * Whether a mention (its key) names the person of `host`: every word is one of the host's
 * words (an initial, one of its first letters), its surname at a surname position.
 */
function fits(key: readonly string[], host: readonly string[]): boolean {
  const hasInitial = key.some(isInitial);
  if (host.length < key.length || (host.length === key.length && !hasInitial)) return false;
  const used = new Set<number>();
  let surname = false;
  const surnameAt = surnamePositions(host);
  // Full words first, then initials, so an initial never takes a word a full one needs.
  const order = key.map((k, i) => i).sort((a, b) => Number(isInitial(key[a]!)) - Number(isInitial(key[b]!)));
  for (const i of order) {
    const k = key[i]!;
    const initial = isInitial(k);
    const at = host.findIndex((h, j) => !used.has(j) && (initial ? h.startsWith(k.charAt(0)) : h === k));
    if (at < 0) return false;
    used.add(at);
    if (!initial && surnameAt.includes(at)) surname = true;
  }
  return surname;
}

/** Canonical name per person mention (same order as `names`; titles already removed). */
export function canonicalPersons(names: readonly string[], lang: string): string[] {
  // Word counts once per name, not once per comparison of the sort.
  const wordCounts = names.map((n) => nameWords(n).length);
  const order = names.map((_, i) => i).sort((a, b) => wordCounts[b]! - wordCounts[a]!
    || names[b]!.length - names[a]!.length || a - b);
  const clusters: PersonCluster[] = [];
  const byKey = new Map<string, PersonCluster>();
  /** Clusters by the keys at their surname positions, so a long document does not compare every name with every cluster. */
  const bySurname = new Map<string, PersonCluster[]>();

  const findHost = (key: string[], gender: Gender): PersonCluster | undefined => {
    const hosts = new Set<PersonCluster>();
    for (const k of key) {
      if (isInitial(k)) continue;
      for (const c of bySurname.get(k) ?? []) {
        const g = clusterGender(c);
        if (gender !== null && g !== null && g !== gender) continue;
        if (fits(key, c.key)) hosts.add(c);
      }
    }
    return hosts.size === 1 ? [...hosts][0] : undefined;
  };

  for (const i of order) {
    const name = names[i]!;
    const w = nameWords(name);
    const key = keyOf(name, lang);
    if (key.length === 0) continue;
    const identity = [...key].sort().join(' ');
    const gender = genderOf(w, key);
    // A lone word tries the full names first, so that one ambiguous mention ("Кошанова") does
    // not catch a later one that can be told ("Кошанов").
    let cluster = key.length > 1 ? byKey.get(identity) ?? findHost(key, gender) : findHost(key, gender) ?? byKey.get(identity);
    if (!cluster) {
      cluster = { key, forms: key.map(() => []), display: name, members: [], genders: new Set() };
      clusters.push(cluster);
      byKey.set(identity, cluster);
      for (const p of surnamePositions(key)) {
        const k = key[p]!;
        bySurname.set(k, [...(bySurname.get(k) ?? []), cluster]);
      }
    }
    cluster.members.push(i);
    if (gender !== null) cluster.genders.add(gender);
    const host = cluster;
    const used = new Set<number>();
    key.forEach((k, j) => {
      const at = host.key.findIndex((h, n) => !used.has(n) && h === k);
      if (at >= 0) { used.add(at); host.forms[at]!.push(w[j]!); }
    });
  }

  const out: string[] = names.slice();
  for (const c of clusters) {
    let display = c.display;
    if (c.key.some((k) => isCyrillic(k))) {
      const si = surnameIndex(c.key);
      const surnameForms = c.forms[si] ?? [];
      const feminine = clusterGender(c) === 'f' || surnameForms.some((f) => FEMININE_FORM.test(f.toLowerCase()));
      display = c.key.map((k, j) => {
        if (!isCyrillic(k)) return c.forms[j]![0] ?? k;
        const isSurname = c.key.length === 1 ? SURNAME_STEM.test(k) : j === c.key.length - 1 || j === si;
        return nominativeWord(k, c.forms[j]!.length > 0 ? c.forms[j]! : [k], feminine, isSurname, lang);
      }).join(' ');
    }
    for (const m of c.members) out[m] = display;
  }
  return out;
}
