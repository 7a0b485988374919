import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { languageData } from '../src/pipeline/extract/ner/corpora/datasets.js';
import { evaluate } from '../src/pipeline/extract/ner/corpora/evaluate.js';
import { normaliseWord } from '../src/pipeline/extract/ner/gazetteer.js';
import { decodeModel, encodeModel } from '../src/pipeline/extract/ner/model-io.js';
import { decode, NUM_TAGS, trainPerceptron } from '../src/pipeline/extract/ner/perceptron.js';
import { toTrainingSentences } from '../src/pipeline/extract/ner/corpora/types.js';
import { extractFeatures } from '../src/pipeline/extract/ner/features.js';
import { tagEntities, tagEntitiesWith, type EntitySpan, type NerLanguage } from '../src/pipeline/extract/ner/tagger.js';
import { splitSentences, tokenize } from '../src/pipeline/extract/ner/tokenize.js';
import { evalRoot } from '../bench/data-paths.js';
import { SEED_PATH } from './support/tmp.js';

const seedPath = SEED_PATH;

// Pieces that stress the tokenizer: Latin, Cyrillic incl. Kazakh letters, possessives,
// abbreviations, punctuation, digits, emoji (surrogate pairs), combining marks, controls.
const PIECES = [
  'Nazarbayev', '’s', "'s", 'U.S.', 'Inc.', 'J.', ' ', '  ', '\n', '\t', '\u0000', '\u200b', 'Қазақстан', 'Өскемен',
  'Нью-Йорк', "O'Brien", '.', ',', '«', '»', '“', '”', '(', ')', '-', '—', '2016', '0.5', '😀', '👩‍👩‍👧', 'é', 'e\u0301',
  'ё', 'Ұлы', 'a', 'B', '?', '!', '…', '\ud800', 'ул.', '’',
];
const textArb = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(''));

function assertSpansSlice(text: string, spans: readonly EntitySpan[]): void {
  let last = -1;
  for (const s of spans) {
    assert.equal(text.slice(s.start, s.end), s.text);
    assert.ok(s.start >= last && s.end > s.start, 'spans ordered and non-empty');
    assert.doesNotMatch(s.text, /['’][sS]?$|[,;:!?]$/u, `no possessive or trailing punctuation: ${s.text}`);
    // A final dot only as part of an abbreviation token ("U.S.", "Inc."), never on its own.
    if (s.text.endsWith('.')) assert.ok(tokenize(s.text).at(-1)!.text.length > 1, `trailing dot: ${s.text}`);
    assert.doesNotMatch(s.text, /^\s|\s$/u);
    last = s.end;
  }
}

describe('NER tokenizer', () => {
  test('every token slices the text to exactly its text; tokens cover all non-space characters', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const tokens = tokenize(text);
        let pos = 0;
        for (const t of tokens) {
          assert.equal(text.slice(t.start, t.end), t.text);
          assert.ok(t.start >= pos && t.end > t.start);
          assert.equal(text.slice(pos, t.start).trim(), '', 'only whitespace between tokens');
          pos = t.end;
        }
        assert.equal(text.slice(pos).trim(), '');
        const sentences = splitSentences(text, tokens);
        assert.deepEqual(sentences.flat(), tokens);
      }),
      { numRuns: 500 },
    );
  });

  test('splits possessives and punctuation, keeps abbreviations and hyphenated names', () => {
    const words = tokenize('Nazarbayev’s U.S. visit to Ust-Kamenogorsk, Inc. (Астанада).').map((t) => t.text);
    assert.deepEqual(words, ['Nazarbayev', '’s', 'U.S.', 'visit', 'to', 'Ust-Kamenogorsk', ',', 'Inc.', '(', 'Астанада', ')', '.']);
  });

  test('Russian and Kazakh case endings normalise for the gazetteer', () => {
    assert.equal(normaliseWord('ru', 'Казахстане'), normaliseWord('ru', 'Казахстан'));
    assert.equal(normaliseWord('kk', 'Астанада'), normaliseWord('kk', 'Астана'));
  });
});

describe('NER perceptron model', () => {
  test('encodes and decodes with the same decisions', () => {
    const bits = 12;
    const weights = new Float32Array((1 << bits) * NUM_TAGS);
    for (let i = 0; i < weights.length; i++) weights[i] = Math.sin(i * 7.1) * (i % 3 === 0 ? 2 : 0.01);
    const model = { bits, weights, transitions: new Float32Array((NUM_TAGS + 1) * NUM_TAGS) };
    const { model: back, header } = decodeModel(encodeModel(model, { lang: 'test' }, { pruneFraction: 0 }));
    assert.equal(header.meta['lang'], 'test');
    const feats = extractFeatures(['Almaty', 'is', 'in', 'Kazakhstan', '.'], bits);
    assert.deepEqual([...decode(back, feats)], [...decode(model, feats)]);
  });
});

describe('NER training', () => {
  test('a model trained here tags held-out sentences (training decodes with the transitions it learns)', () => {
    // The first 150 documents of the ru training part, scored on the first 60 of its dev part
    // (every tenth NEREL train document; no evaluation set). Measured 0.695; a trainer whose
    // Viterbi kept using its first, all-zero copy of the transitions scored 0.125.
    const data = languageData(evalRoot, 'ru');
    const bits = 16;
    const model = trainPerceptron(toTrainingSentences(data.train().slice(0, 150), bits), { bits, epochs: 5 });
    const f1 = evaluate(data.dev().slice(0, 60), (t) => tagEntitiesWith({ model }, t)).micro.f1;
    assert.ok(f1 >= 0.6, `micro F1 ${f1.toFixed(3)}`);
  });
});

describe('NER tagger', () => {
  const find = (spans: readonly EntitySpan[], text: string): EntitySpan | undefined => spans.find((s) => s.text === text);

  test('English seed-like sentence', () => {
    const text =
      'Kazakh President Nursultan Nazarbayev’s approach was praised in Astana, and Kazakhstan won a seat on the UN Security Council, said Donald Trump.';
    const spans = tagEntities(text, 'en');
    assertSpansSlice(text, spans);
    assert.equal(find(spans, 'Nursultan Nazarbayev')?.type, 'PERSON');
    assert.equal(find(spans, 'Kazakhstan')?.type, 'LOCATION');
    assert.equal(find(spans, 'Astana')?.type, 'LOCATION');
    assert.equal(find(spans, 'UN Security Council')?.type, 'ORGANIZATION');
    assert.equal(find(spans, 'Donald Trump')?.type, 'PERSON');
  });

  test('the seed article: its people, places and organisation; no nationality words', () => {
    const text = readFileSync(seedPath, 'utf8');
    const spans = tagEntities(text, 'en');
    assertSpansSlice(text, spans);
    const has = (name: string, type: string): boolean => spans.some((s) => s.text === name && s.type === type);
    for (const name of ['Nursultan Nazarbayev', 'Donald Trump']) assert.ok(has(name, 'PERSON'), name);
    for (const name of ['Kazakhstan', 'Astana']) assert.ok(has(name, 'LOCATION'), name);
    assert.ok(has('UN Security Council', 'ORGANIZATION'));
    assert.ok(!spans.some((s) => s.text === 'Kazakh'));
  });

  test('known organisations of the field, whole and in any case form; lower case and longer names left alone', () => {
    const cases: Array<[NerLanguage, string, string[], string[]]> = [
      ['en', 'Human Rights Watch and Freedom House urged the release; the OSCE and the KNB did not comment.', ['Human Rights Watch', 'Freedom House', 'OSCE', 'KNB'], []],
      ['en', 'Radio Azattyq, the Kazakh service of Radio Free Europe/Radio Liberty, reported it.', ['Radio Azattyq', 'Radio Free Europe/Radio Liberty'], []],
      ['en', 'The Kazakhstan International Bureau for Human Rights and the Rule of Law monitored the trial.', ['Kazakhstan International Bureau for Human Rights and the Rule of Law'], []],
      // lower case is not the name; a longer organisation the model found stays whole
      ['en', 'He said that human rights watch groups and the UN Human Rights Committee agreed.', ['UN Human Rights Committee'], ['human rights watch', 'Human Rights Committee']],
      ['en', 'Delegates of the OSCE Parliamentary Assembly met in Astana.', ['OSCE Parliamentary Assembly'], ['OSCE']],
      ['ru', 'Сотрудники КНБ задержали активиста Демократического выбора Казахстана в Алматы.', ['КНБ', 'Демократического выбора Казахстана'], []],
      ['ru', 'Кнб и кнб: не аббревиатура.', [], ['Кнб', 'кнб']],
      // two spellings of one name in the list: the laxer one's case holds
      ['ru', 'Партия Ак жол и фонд Адил соз выступили против.', ['Ак жол', 'Адил соз'], []],
      ['kk', 'Ұлттық қауіпсіздік комитеті белсендіні ұстады.', ['Ұлттық қауіпсіздік комитеті'], []],
    ];
    for (const [lang, text, orgs, not] of cases) {
      const spans = tagEntities(text, lang);
      assertSpansSlice(text, spans);
      for (const name of orgs) assert.equal(find(spans, name)?.type, 'ORGANIZATION', `${name} in: ${text} -> ${JSON.stringify(spans)}`);
      for (const name of not) assert.equal(find(spans, name), undefined, `${name} in: ${text}`);
    }
  });

  test('Russian sentence', () => {
    const text = 'Президент Казахстана Касым-Жомарт Токаев провёл встречу в Москве с Владимиром Путиным.';
    const spans = tagEntities(text, 'ru');
    assertSpansSlice(text, spans);
    assert.equal(find(spans, 'Касым-Жомарт Токаев')?.type, 'PERSON');
    assert.equal(find(spans, 'Владимиром Путиным')?.type, 'PERSON');
    assert.equal(find(spans, 'Казахстана')?.type, 'LOCATION');
    assert.equal(find(spans, 'Москве')?.type, 'LOCATION');
  });

  test('Kazakh sentence', () => {
    // KazNERD spans are whole tokens, case suffixes included ("Астанада" = in Astana).
    const text = 'Қасым-Жомарт Тоқаев Астанада Нұрсұлтан Назарбаевпен кездесті, кейін Қазақстанның батысына сапар шекті.';
    const spans = tagEntities(text, 'kk');
    assertSpansSlice(text, spans);
    assert.equal(find(spans, 'Қасым-Жомарт Тоқаев')?.type, 'PERSON');
    assert.equal(find(spans, 'Астанада')?.type, 'LOCATION');
    assert.equal(find(spans, 'Қазақстанның')?.type, 'LOCATION');
  });

  test('bad input: empty, emoji, control characters, mixed scripts; spans always slice the text', () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      assert.deepEqual(tagEntities('', lang), []);
      fc.assert(
        fc.property(textArb, (text) => assertSpansSlice(text, tagEntities(text, lang))),
        { numRuns: 100 },
      );
    }
  });

  // The time limit only catches a super-linear blow-up; speed is measured in bench/extract-ner.ts.
  test('a 5 MB single paragraph is tagged whole', { timeout: 60_000 }, () => {
    const unit = 'Nursultan Nazarbayev met officials in Astana and Almaty without a pause ';
    const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const spans = tagEntities(text, 'en');
    assert.ok(spans.length > 1000);
  });
});

describe('NER evaluation rules', () => {
  const doc = {
    id: 'd',
    text: 'Правительство РФ и российские власти, МВД России.',
    spans: [
      { start: 0, end: 16, type: 'ORGANIZATION' as const, alt: { start: 14, end: 16 } },
      { start: 38, end: 48, type: 'ORGANIZATION' as const },
    ],
    ignored: [
      { start: 19, end: 29, type: 'LOCATION' as const },
      { start: 42, end: 48, type: 'LOCATION' as const },
    ],
  };
  const score = (pred: Array<[number, number, 'PERSON' | 'ORGANIZATION' | 'LOCATION']>) =>
    evaluate([doc], () => pred.map(([start, end, type]) => ({ start, end, type }))).micro;

  test('an ignored mention is neither a true nor a false positive, and is not needed for recall', () => {
    assert.deepEqual(pickCounts(score([[19, 29, 'LOCATION'], [38, 48, 'ORGANIZATION']])), { tp: 1, fp: 0, fn: 1 });
    // the same extent with another type, or another extent, is still an error
    assert.deepEqual(pickCounts(score([[19, 29, 'ORGANIZATION'], [19, 28, 'LOCATION']])), { tp: 0, fp: 2, fn: 2 });
  });

  test("a gold span's alternative extent counts as the span, once", () => {
    assert.deepEqual(pickCounts(score([[14, 16, 'ORGANIZATION']])), { tp: 1, fp: 0, fn: 1 });
    assert.deepEqual(pickCounts(score([[0, 16, 'ORGANIZATION']])), { tp: 1, fp: 0, fn: 1 });
    assert.deepEqual(pickCounts(score([[0, 16, 'ORGANIZATION'], [14, 16, 'ORGANIZATION']])), { tp: 1, fp: 1, fn: 1 });
  });

  test('factRuEval: unnamed and nested mentions are ignored, descriptor-inclusive extents are alternatives', () => {
    const docs = languageData(evalRoot, 'ru').evaluation['factrueval-ru-test']!();
    const all = docs.flatMap((d) => (d.ignored ?? []).map((s) => d.text.slice(s.start, s.end)));
    assert.ok(all.includes('российской'), 'the adjective mention "российской" is ignored');
    let alts = 0;
    for (const d of docs) {
      for (const s of d.spans) {
        if (s.alt === undefined) continue;
        alts++;
        assert.ok(s.alt.start <= s.start && s.alt.end >= s.end, 'the alternative extent contains the name part');
      }
    }
    assert.ok(alts > 100, `${alts} descriptor-inclusive alternatives`);
  });
});

function pickCounts(p: { tp: number; fp: number; fn: number }): { tp: number; fp: number; fn: number } {
  return { tp: p.tp, fp: p.fp, fn: p.fn };
}

// Thresholds a little under the figures measured by bench/extract-ner.ts, so a regression fails.
const THRESHOLDS: Array<[NerLanguage, string, number]> = [
  ['en', 'uner-en-ewt-test', 0.695], // measured 0.7146 (0.7127 before the known organisations of known-orgs.ts)
  ['en', 'gum-wikinews-en', 0.645], // measured 0.6629 (names-only GUM gold, see corpora/gum.ts; nested names ignored)
  // Russian: with the span rules of ru-rules.ts; NEREL's nested entities, and factRuEval's
  // unnamed and nested mentions, are ignored and its descriptor words optional (corpora/*.ts)
  ['ru', 'nerel-ru-dev', 0.84], // measured 0.855 (0.8458 when a nested entity found alone counted as an error)
  ['ru', 'factrueval-ru-test', 0.83], // measured 0.8425 (0.8145 with names-only exact extents)
  ['kk', 'kaznerd-kk-heldout', 0.885], // measured 0.9041
];

describe('NER held-out quality', () => {
  for (const [lang, set, min] of THRESHOLDS) {
    test(`${set}: micro F1 >= ${min}`, () => {
      const docs = languageData(evalRoot, lang).evaluation[set]!();
      const f1 = evaluate(docs, (t) => tagEntities(t, lang)).micro.f1;
      assert.ok(f1 >= min, `${set} micro F1 ${f1} < ${min}`);
    });
  }
});
