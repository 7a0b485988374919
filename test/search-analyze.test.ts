import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../src/domain/errors.js';
import { parseDateBound, stripSnippetMarks } from '../src/domain/search.js';
import { forEachWord, keysOf, phonetic, scanHashedWords, tokenize, valueKey, wordHash, type WordKeys } from '../src/storage/search/analyze.js';
import { parseQueryText, prefixesOf, wordMatches, type QueryWord } from '../src/storage/search/query-language.js';
import { dateTokensOf, queryDateTokens } from '../src/storage/search/doc-tokens.js';
import { FACET_TOP, tallyFacets, topValues } from '../src/storage/search/facet-count.js';
import { buildSnippet, escapeHtml, WordMatcher, wordMatcher } from '../src/storage/search/snippet.js';

const p = (w: string) => keysOf(w)!.p;
const s = (w: string) => keysOf(w)!.s;
const queryWord = (text: string): QueryWord => {
  const c = parseQueryText(text).clauses[0]!.items[0]!;
  assert.equal(c.kind, 'word');
  return (c as { word: QueryWord }).word;
};
/** Whether a document word is found by a bare query word. */
const finds = (query: string, docWord: string) => wordMatches(keysOf(docWord)!, queryWord(query));
const invalid = (text: string, message: RegExp) =>
  assert.throws(() => parseQueryText(text), (e: unknown) => isAppError(e) && e.code === 'INVALID_INPUT' && message.test(e.message));

describe('search analysis', () => {
  test('romanisations of one name share a phonetic key', () => {
    const groups = [
      ['Назарбаев', 'Nazarbayev', 'Nazarbaev', 'NAZARBAYEV'],
      ['Бокаев', 'Boqaev', 'Bokayev', 'Bokaev'],
      ['Жаңаөзен', 'Zhanaozen', 'Janaozen', 'Жанаозен'],
      ['Ерлан', 'Yerlan'],
      ['Юрий', 'Yuri', 'Yuriy', 'Iurii'],
      ['Қасым', 'Kassym', 'Qasym', 'Kasym'],
      ['Ақтөбе', 'Aktobe', 'Aqtöbe'],
      ['Тоқаев', 'Tokayev', 'Toqaev'],
      ['Алматы', 'Almaty'],
      ['Мұхтар', 'Mukhtar', 'Muhtar'],
      ['Алексей', 'Aleksey', 'Alexei'],
    ];
    for (const g of groups) for (const w of g) assert.equal(p(w), p(g[0]!), `${w} ~ ${g[0]}`);
    assert.notEqual(p('Bokaev'), p('Nazarbaev'));
    assert.notEqual(p('police'), p('policy'));
  });

  test('the phonetic key is the plain chain of folds, whichever folds a word needs', () => {
    // The chain phonetic() applies, written out as in its comment: every fold on every word.
    const chain = (s: string) =>
      s
        .replace(/shch|sch/g, 'sh')
        .replace(/tch/g, 'ch')
        .replace(/dzh|dj|zh/g, 'j')
        .replace(/kh/g, 'h')
        .replace(/gh/g, 'g')
        .replace(/ph/g, 'f')
        .replace(/ck|q/g, 'k')
        .replace(/x/g, 'ks')
        .replace(/w/g, 'v')
        .replace(/([aeiou])y(?=[aeiou])/g, '$1')
        .replace(/y/g, 'i')
        .replace(/([a-z])\1+/g, '$1');
    // Letters the folds look for, often, so that folds meet and feed each other ("tchh", "gkh", "ayya").
    const letter = fc.constantFrom(...'schtdzjkhgpqxwyaeiouvfbn0'.split(''));
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 16 }), (cs) => {
        const s = cs.join('');
        assert.equal(phonetic(s), chain(s), s);
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['shchedrin', 'tschudi', 'dzhumabaev', 'khodzhaev', 'ghaffar', 'phillips', 'quick', 'xaxa', 'wyatt', 'ayaya', 'mississippi', '', 'y', 'kkhh'])
      assert.equal(phonetic(s), chain(s), s);
  });

  test('English and Russian stems', () => {
    assert.equal(s('arrested'), s('arrest'));
    assert.equal(s('arrests'), s('arresting'));
    assert.equal(s('задержали'), s('задержан'));
    assert.equal(s('задержание'), s('задержания'));
    assert.equal(s('протестующих'), s('протест'));
    assert.notEqual(s('arrest'), s('art'));
  });

  test('query words match inflected and transliterated document words', () => {
    assert.ok(finds('arrested', 'arrest'));
    assert.ok(finds('arrest', 'arrested'));
    assert.ok(finds('Nazarbaev', 'Назарбаевтың'));
    assert.ok(finds('Nazarbaev', 'Назарбаева'));
    assert.ok(finds('Назарбаева', 'Nazarbayev'));
    assert.ok(finds('Назарбаев', 'Nazarbayev’s'));
    assert.ok(finds('Жаңаөзен', 'Жаңаөзенде'));
    assert.ok(finds('Zhanaozen', 'Жаңаөзендегі'));
    assert.ok(finds('задержан', 'задержание'));
    assert.ok(finds('задержание', 'задержали'));
    assert.ok(!finds('police', 'policy'));
    assert.ok(!finds('art', 'arrested'), 'short words are not prefixes');
    assert.ok(!finds('Nazarbaev', 'Nazar'));
    // Quoted: exact forms (stem or phonetic key), no prefix.
    assert.deepEqual(queryWord('"Nazarbaev"').prefixes, []);
    assert.deepEqual(queryWord('Назарба*').prefixes, ['nazarba']);
    assert.deepEqual(prefixesOf(keysOf('Назарбаева')!), ['nazarba']);
    assert.deepEqual(prefixesOf(keysOf('police')!), ['police']);
  });

  test('every key is lower-case ASCII letters and digits, at most 48 long, and analysis is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        for (const t of tokenize(text)) {
          assert.match(t.keys.s, /^[a-z0-9]{1,48}$/);
          assert.match(t.keys.p, /^[a-z0-9]{1,48}$/);
          assert.ok(t.start < t.end && t.end <= text.length);
          assert.deepEqual(keysOf(text.slice(t.start, t.end)), t.keys);
        }
      }),
      { numRuns: 300 },
    );
    assert.match(p('中国'), /^[a-z]+$/);
    assert.match(p('Ελλάδα'), /^[a-z]+$/);
  });

  test('tokens: letters and digits, hyphens split, apostrophes inside words kept, offsets exact', () => {
    const text = 'Nur-Sultan, O’Brien’s 5-year «ban» on Қасым-Жомарт';
    const tokens = tokenize(text);
    assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['Nur', 'Sultan', 'O’Brien’s', '5', 'year', 'ban', 'on', 'Қасым', 'Жомарт']);
    assert.equal(tokens[2]!.keys.p, 'obrien');
  });

  test('facet values: one key for a name in either script', () => {
    assert.equal(valueKey('Атырау'), valueKey('Atyrau'));
    assert.equal(valueKey('Nur-Sultan'), valueKey('Нур-Султан'));
    assert.equal(valueKey('Max Bokayev'), valueKey('Макс Бокаев'));
    assert.notEqual(valueKey('Talgat Ayan'), valueKey('Max Bokayev'));
  });

  test('query language: words, phrases, OR, exclusion, explicit prefix', () => {
    const q = parseQueryText('Bokaev "land protests" -police court OR суд Назарба* AND');
    assert.deepEqual(
      q.clauses.map((c) => ({ negated: c.negated, items: c.items.map((i) => (i.kind === 'word' ? i.word.text : i.words.map((w) => w.text).join(' '))) })),
      [
        { negated: false, items: ['Bokaev'] },
        { negated: false, items: ['land protests'] },
        { negated: true, items: ['police'] },
        { negated: false, items: ['court', 'суд'] },
        { negated: false, items: ['Назарба'] },
      ],
    );
    // An unclosed quote runs to the end; «guillemets» quote too.
    assert.equal(parseQueryText('"land protests').clauses[0]!.items[0]!.kind, 'phrase');
    assert.equal(parseQueryText('«права человека»').clauses[0]!.items[0]!.kind, 'phrase');
    // A dangling OR is ignored.
    assert.equal(parseQueryText('OR police OR').clauses.length, 1);
  });

  test('bad queries: empty, too long, nothing to search for, only exclusions, too many words', () => {
    invalid('', /empty/);
    invalid(' \t\n', /empty/);
    invalid('x'.repeat(1001), /1001 characters long; the limit is 1000/);
    invalid('a '.repeat(5000), /10000 characters/);
    assert.doesNotThrow(() => parseQueryText(`${'word '.repeat(32)}`.padEnd(1000, ' ')));
    invalid('"" "   " OR AND - * && ||', /no word to search for/);
    invalid('!!! ??? ...', /no word to search for/);
    invalid('-police', /only excludes/);
    invalid('-a -"b c"', /only excludes/);
    invalid('a -b OR c', /excluded.*OR/);
    invalid('w '.repeat(33), /33 words; the limit is 32/);
  });

  test('snippets: the densest passage, matches marked, text escaped, cuts marked', () => {
    const words = (q: string) =>
      parseQueryText(q).clauses.flatMap((c) => c.items.flatMap((i) => (i.kind === 'word' ? [i.word] : i.words)));
    const long = `${'Filler words about nothing in particular. '.repeat(30)}Police detained Max Bokayev & <b>others</b> in Atyrau. ${'More filler text follows here. '.repeat(30)}`;
    const snip = buildSnippet(long, words('Бокаев Атырау'));
    assert.match(snip, /^…/);
    assert.match(snip, /…$/);
    assert.match(snip, /<mark>Bokayev<\/mark> &amp; &lt;b&gt;others&lt;\/b&gt; in <mark>Atyrau<\/mark>/);
    assert.ok(stripSnippetMarks(snip).includes('Max Bokayev & <b>others</b> in Atyrau.'));
    assert.ok(snip.length < 400);
    // No match in the text (the title matched): the opening, unmarked.
    assert.equal(buildSnippet('Short text.', words('absent')), 'Short text.');
    assert.equal(buildSnippet('', words('x')), '');
  });

  test('date tokens: per year and month covered; open and long intervals marked', async () => {
    assert.deepEqual(dateTokensOf('2016-04-24', '2016-05-02'), ['_y2016', '_m201604', '_m201605']);
    assert.deepEqual(dateTokensOf('2016-12-30', '2017-01-02'), ['_y2016', '_y2017', '_m201612', '_m201701']);
    assert.deepEqual(dateTokensOf('2020-01-10', null), ['_yw', '_mw']);
    assert.deepEqual(dateTokensOf(null, null), []);
    assert.deepEqual(dateTokensOf('1950-01-01', '2020-12-31'), ['_yw', '_mw']);
    const none = async () => [] as string[];
    assert.deepEqual(await queryDateTokens('2016-05-18', '2016-06-30', none), ['_m201605', '_m201606', '_mw']);
    assert.deepEqual(await queryDateTokens('2016-01-01', '2017-12-31', async () => ['2016', '2017']), ['_y2016', '_y2017', '_yw']);
    const many = async () => Array.from({ length: 40 }, (_, i) => String(1980 + i));
    assert.equal(await queryDateTokens('1980-01-01', '2019-12-31', many), null);
  });

  test('facet tallies read concatenated facet strings', () => {
    const t = tallyFacets(' _ksource _t3 _l12 _p40 _y2016  _kevent _t3 _t5 _yw  _ksource _p40 _y2016 _y2017 ');
    assert.deepEqual(Object.fromEntries(t.k), { source: 2, event: 1 });
    assert.deepEqual(Object.fromEntries(t.t), { 3: 2, 5: 1 });
    assert.deepEqual(Object.fromEntries(t.p), { 40: 2 });
    assert.deepEqual(Object.fromEntries(t.y), { 2016: 2, 2017: 1 });
    assert.equal(tallyFacets('').k.size, 0);
  });

  test('date bounds as people type them', () => {
    assert.equal(parseDateBound('2016', 'from'), '2016-01-01');
    assert.equal(parseDateBound('2016', 'to'), '2016-12-31');
    assert.equal(parseDateBound('2016-02', 'to'), '2016-02-29');
    assert.equal(parseDateBound('2016-05-17', 'to'), '2016-05-17');
    assert.throws(() => parseDateBound('2016-13', 'to'), /not a calendar date/);
    assert.throws(() => parseDateBound('May 2016', 'from'), /YYYY/);
  });
});

test('facet top values: the same as sorting every value (count, then value), on random facets', () => {
  const sorted = (m: Map<number | string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, FACET_TOP);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let t = 0; t < 500; t++) {
    const m = new Map<number | string, number>();
    const strings = t % 3 === 0;
    for (let i = Math.floor(rnd() * 200); i > 0; i--) m.set(strings ? `v${Math.floor(rnd() * 300)}` : Math.floor(rnd() * 300), 1 + Math.floor(rnd() * (t % 2 ? 3 : 40)));
    assert.deepEqual(topValues(m), sorted(m));
  }
});

/**
 * The snippet algorithm as it was before the hashed scan and the matcher's own table (one JS
 * array push and Map count per word): buildSnippet must give exactly what this gives.
 */
function referenceSnippet(text: string, words: QueryWord[], match = referenceMatcher(words)): string {
  const WINDOW = 28;
  const SCAN_CHARS = 200_000;
  const MAX_CHARS = 320;
  const SCAN_AFTER_FIRST = 300;
  const starts: number[] = [];
  const ends: number[] = [];
  const hit: number[] = [];
  const distinctWanted = new Set(words.map((w) => `${w.keys.s} ${w.keys.p}`)).size;
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  const counts = new Map<number, number>();
  let count = 0;
  let firstHit = -1;
  forEachWord(
    text,
    (start, end, keys) => {
      const i = starts.length;
      starts.push(start);
      ends.push(end);
      const h = match(keys);
      hit.push(h);
      if (h >= 0) {
        counts.set(h, (counts.get(h) ?? 0) + 1);
        count++;
      }
      const out = i - WINDOW;
      if (out >= 0 && hit[out]! >= 0) {
        const o = hit[out]!;
        const c = counts.get(o)! - 1;
        if (c === 0) counts.delete(o);
        else counts.set(o, c);
        count--;
      }
      const windowStart = Math.max(0, i - WINDOW + 1);
      if (counts.size > bestDistinct || (counts.size === bestDistinct && count > bestCount)) {
        bestDistinct = counts.size;
        bestCount = count;
        best = windowStart;
      }
      if (firstHit < 0 && h >= 0) firstHit = i;
      return !((bestDistinct >= distinctWanted && i >= best + 2 * WINDOW) || (firstHit >= 0 && i >= firstHit + SCAN_AFTER_FIRST));
    },
    SCAN_CHARS,
  );
  if (starts.length === 0) return escapeHtml(text.slice(0, MAX_CHARS).trim());
  if (bestDistinct <= 0) best = 0;
  const firstInBest = hit.findIndex((h, i) => i >= best && h >= 0);
  let lastHit = -1;
  for (let i = best; i < Math.min(starts.length, best + WINDOW); i++) if (hit[i]! >= 0) lastHit = i;
  if (lastHit >= 0 && lastHit < WINDOW - 4) best = 0;
  else if (firstInBest >= 0) best = Math.max(best, firstInBest - 4);
  const last = Math.min(starts.length - 1, best + WINDOW - 1);
  const from = best === 0 ? 0 : starts[best]!;
  let out = best === 0 ? '' : '…';
  let pos = from;
  let cut = false;
  for (let i = best; i <= last; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    if (end - from > MAX_CHARS && i > best) {
      cut = true;
      break;
    }
    out += escapeHtml(text.slice(pos, start));
    const word = escapeHtml(text.slice(start, end));
    out += hit[i]! >= 0 ? `<mark>${word}</mark>` : word;
    pos = end;
  }
  const rest = text.slice(pos);
  if (!cut && rest.length < 40 && !/[\p{L}\p{N}]/u.test(rest)) out += escapeHtml(rest);
  else out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

function referenceMatcher(words: QueryWord[]): (keys: WordKeys) => number {
  const seen = new Map<WordKeys, number>();
  return (keys) => {
    let h = seen.get(keys);
    if (h === undefined) {
      h = words.findIndex((w) => wordMatches(keys, w));
      seen.set(keys, h);
    }
    return h;
  };
}

describe('snippets: the same as the reference algorithm', () => {
  const queryWords = (q: string): QueryWord[] | null => {
    try {
      return parseQueryText(q).clauses.flatMap((c) => c.items.flatMap((i) => (i.kind === 'word' ? [i.word] : i.words)));
    } catch {
      return null;
    }
  };
  const VOCABULARY = [
    'Bokayev', 'Бокаев', 'BOKAEV', 'Atyrau', 'Атырау', 'Жаңаөзен', 'Zhanaozen', 'Janaozen', 'police', 'полиция', 'полиции',
    'Nazarbayev', 'Назарбаевтың', 'Назарбаева', 'the', 'and', 'и', 'в', 'қазақ', 'Үкімет', 'ұлттық', 'арестованы', '2011',
    '17', 'land', 'protests', 'O’Brien', "Nazarbayev's", 'Ёлка', 'Ерлан', 'café', 'naïve', 'x',
  ];
  const LETTERS = [...'abcxyzABQkhзжщъьыёЁәғқңөұүһіӘҒҚҢӨҰҮҺІ0123456789'];
  const SEPARATORS = [' ', ' ', ' ', '. ', ', ', ' - ', '-', "'", '’', 'ʼ', ' & ', ' <b>', '</b> ', '"', '\n', '  ', '!', '«', '»', ' (', ') '];
  const word = fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 9 }));
  const text = fc
    .oneof(
      fc.array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 40 }),
      fc.array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 700, size: 'max' }),
    )
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
  /** 1–4 query words from the text's own words (an absent word sometimes). */
  const drawQuery = (t: string, picks: number[], absent: boolean): QueryWord[] | null => {
    const ws = tokenize(t).map((tok) => t.slice(tok.start, tok.end));
    const q = picks.flatMap((i) => (ws.length ? [ws[i % ws.length]!] : []));
    if (absent || q.length === 0) q.push('qqqzzz');
    return queryWords(q.join(' '));
  };
  const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

  test('on random texts in Latin, Cyrillic and Kazakh, with query words from the text', () => {
    fc.assert(
      fc.property(text, picks, fc.boolean(), (t, ps, absent) => {
        const words = drawQuery(t, ps, absent);
        fc.pre(words !== null && words.length > 0);
        assert.equal(buildSnippet(t, words!), referenceSnippet(t, words!));
      }),
      { numRuns: 400 },
    );
  });

  test('the hashed scan finds the words tokenize finds, with the hash keysAt uses', () => {
    fc.assert(
      fc.property(text, (t) => {
        const got: [number, number, number][] = [];
        scanHashedWords(t, (start, end, h) => {
          got.push([start, end, h]);
        });
        const words: [number, number][] = [];
        // Every word, with keys or not (tokenize skips words without keys).
        for (const m of t.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu)) words.push([m.index, m.index + m[0].length]);
        assert.deepEqual(got.map(([s, e]) => [s, e]), words);
        for (const [s, e, h] of got) assert.equal(h, wordHash(t, s, e));
      }),
      { numRuns: 200 },
    );
  });

  test('one matcher shared by the documents of an answer gives what fresh matchers give', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 6 }), picks, (texts, ps) => {
        const words = drawQuery(texts.join(' '), ps, false);
        fc.pre(words !== null && words.length > 0);
        const shared = wordMatcher(words!);
        const sharedTiny = new WordMatcher(words!, 1);
        for (const t of texts) {
          const fresh = buildSnippet(t, words!);
          assert.equal(buildSnippet(t, words!, shared), fresh);
          assert.equal(buildSnippet(t, words!, sharedTiny), fresh);
          assert.equal(fresh, referenceSnippet(t, words!));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('words skipped by their first letter are words no query word matches (and have keys)', () => {
    // Letters whose keys fold (tch, dzh, kh, ph, ck, q, x, w, y, Е, Ж, Х, Щ…), marks that NFC
    // merges into the letter before them, letters without keys of their own (ъ, ь).
    const letters = 'tchdzjkpfqxwyaeioushgnlr09TCDZKPQXWYEАЕЁЖЗХЦЧШЩЮЯЙЫЪЬЭКПТДаеёжзхцчшщюяйыъьэкптдҚқҒғӘәӨөҰұҮүҺһІі'.split('');
    const marks = ['\u0301', '\u0306', '\u0308', '\u0483', "'", '’'];
    const word = fc.array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...letters) }, { weight: 1, arbitrary: fc.constantFrom(...marks) }), { minLength: 1, maxLength: 7 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 3 }), (docWords, queryTexts) => {
        const words = queryWords(queryTexts.join(' '));
        fc.pre(words !== null && words.length > 0);
        const text = docWords.join(' ');
        const matcher = wordMatcher(words!);
        scanHashedWords(text, (start, end, h) => {
          const keys = keysOf(text.slice(start, end));
          const want = keys === null ? -2 : words!.findIndex((w) => wordMatches(keys, w));
          assert.equal(matcher.at(text, start, end, h), want, `${text.slice(start, end)} for ${queryTexts.join(' ')}`);
        });
        assert.equal(buildSnippet(text, words!), referenceSnippet(text, words!));
      }),
      { numRuns: 3000 },
    );
    // Each fold that changes a first letter, written the other way in the query.
    const pairs = [['Tchen', 'Chen'], ['Dzhumabaev', 'Jumabaev'], ['Djamal', 'Jamal'], ['Zhanaozen', 'Janaozen'], ['Khan', 'Han'], ['Phillips', 'Fillips'], ['Qasym', 'Kasym'], ['Xenia', 'Ksenia'], ['Wolf', 'Volf'], ['Yuri', 'Iuri'], ['Ерлан', 'Ierlan'], ['Жанаозен', 'Janaozen'], ['Хан', 'Han'], ['Щукин', 'Shukin'], ['Чен', 'Chen'], ['Цой', 'Tsoi'], ['Қасым', 'Kasym'], ['Юрий', 'Iurii'], ['Ckay', 'Kay']];
    for (const [doc, query] of pairs) {
      const text = `the ${doc} said`;
      assert.equal(buildSnippet(text, queryWords(query!)!), `the <mark>${doc}</mark> said`, `${doc} for ${query}`);
    }
  });

  test('words with the same hash, and a table of two slots that must grow, are told apart', () => {
    // FNV-1a collides on these two: the matcher's table must compare the characters.
    assert.equal(wordHash('glbvs', 0, 5), wordHash('yacxa', 0, 5));
    const doc = 'glbvs yacxa glbvs. Yacxa yacxa glbvs yacxa, glbvs';
    for (const q of ['yacxa', 'glbvs', 'absent']) {
      const words = queryWords(q)!;
      for (const match of [undefined, new WordMatcher(words, 1), new WordMatcher(words, 3)]) {
        const other = q === 'yacxa' ? 'glbvs yacxa' : 'yacxa glbvs';
        assert.equal(buildSnippet(other, words, match), referenceSnippet(other, words));
        assert.equal(buildSnippet(doc, words, match), referenceSnippet(doc, words));
      }
    }
    const words = queryWords('yacxa')!;
    assert.equal(buildSnippet('glbvs yacxa', words, new WordMatcher(words, 1)), 'glbvs <mark>yacxa</mark>');
  });

  test('long texts: only the first 200,000 characters are scanned, as before', () => {
    const words = queryWords('Bokayev Атырау')!;
    const filler = 'Filler words about nothing in particular, один два. ';
    const before = filler.repeat(Math.ceil(200_000 / filler.length));
    for (const cut of [0, 3, 7]) {
      const t = `${before.slice(0, 200_000 - cut)}Bokayev Атырау Bokayev ${filler.repeat(3)}`;
      assert.equal(buildSnippet(t, words), referenceSnippet(t, words));
    }
    const t = `${filler.repeat(20)}Bokayev ${before}Атырау`;
    assert.equal(buildSnippet(t, words), referenceSnippet(t, words));
  });

  test('the stop rules: a better passage just before or just after the last word read', () => {
    const words = queryWords('alpha beta')!;
    for (let gap = 290; gap <= 305; gap++) {
      for (const tail of ['beta alpha', 'beta beta alpha', 'alpha beta']) {
        const t = `alpha ${'filler '.repeat(gap)}${tail} and more words after it, enough to be cut. ${'end '.repeat(40)}`;
        assert.equal(buildSnippet(t, words), referenceSnippet(t, words));
      }
    }
    // Every query word in a window early, a denser window around where reading stops.
    for (let gap = 20; gap <= 75; gap++) {
      const t = `${'filler '.repeat(30)}alpha beta ${'filler '.repeat(gap)}alpha beta alpha ${'filler '.repeat(40)}`;
      assert.equal(buildSnippet(t, words), referenceSnippet(t, words));
    }
  });
});
