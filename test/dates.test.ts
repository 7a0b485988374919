import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { extractDates, type DateMention, type ExtractDatesOptions } from '../src/pipeline/extract/dates/extract-dates.js';
import { TBAQ_DIR, evaluateTbaq, loadTbaq } from '../bench/extract-dates.js';

const find = (text: string, options: ExtractDatesOptions, span: string): DateMention => {
  const m = extractDates(text, options).find((x) => x.text === span);
  assert.ok(m, `no mention ${JSON.stringify(span)} in ${JSON.stringify(extractDates(text, options).map((x) => x.text))}`);
  return m;
};
const interval = (m: DateMention) => [m.from, m.to, m.precision];

test('en: a day in the publication month', () => {
  const m = find('Police detained him on December 16.', { lang: 'en', reference: '2016-12-20' }, 'December 16');
  assert.deepEqual(interval(m), ['2016-12-16', '2016-12-16', 'day']);
  assert.equal(m.timex, '2016-12-16');
});

test('en: months take the discourse year, mid-2016 is approximate', () => {
  const text = 'Events in mid-2016 led to protests. In April and May, police detained dozens.';
  const opts = { lang: 'en', reference: '2017-03-01' } as const;
  assert.deepEqual(interval(find(text, opts, 'mid-2016')), ['2016-05-01', '2016-08-31', 'approximate']);
  assert.deepEqual(interval(find(text, opts, 'April')), ['2016-04-01', '2016-04-30', 'month']);
  assert.deepEqual(interval(find(text, opts, 'May')), ['2016-05-01', '2016-05-31', 'month']);
});

test('en: the past two years, early 1990s, 1990s, last year, the third quarter', () => {
  const opts = { lang: 'en', reference: '2016-12-20' } as const;
  const text = 'Over the past two years arrests grew. In the early 1990s and the 1990s it was calmer. Last year, in the third quarter, it changed.';
  assert.deepEqual(interval(find(text, opts, 'the past two years')), ['2014-12-21', '2016-12-20', 'approximate']);
  assert.deepEqual(interval(find(text, opts, 'the early 1990s')), ['1990-01-01', '1993-12-31', 'approximate']);
  const decade = find(text, opts, 'the 1990s');
  assert.deepEqual(interval(decade), ['1990-01-01', '1999-12-31', 'decade']);
  assert.equal(decade.timex, '199X');
  assert.deepEqual(interval(find(text, opts, 'Last year')), ['2015-01-01', '2015-12-31', 'year']);
  assert.equal(find(text, opts, 'the third quarter').timex, '2016-Q3');
});

test('en: year-less dates lean to the past unless the sentence is future', () => {
  const opts = { lang: 'en', reference: '2016-12-10' } as const;
  assert.equal(find('The trial opened on December 20.', opts, 'December 20').from, '2015-12-20');
  assert.equal(find('The trial will open on December 20.', opts, 'December 20').from, '2016-12-20');
  assert.equal(find('The verdict came in March.', { lang: 'en', reference: '2016-02-10' }, 'March').timex, '2015-03');
  // 2016-12-10 is a Saturday.
  assert.equal(find('Police said Friday that he had fled.', opts, 'Friday').from, '2016-12-09');
  assert.equal(find('The court will rule Monday.', opts, 'Monday').from, '2016-12-12');
  assert.deepEqual(interval(find('He was released yesterday.', opts, 'yesterday')), ['2016-12-09', '2016-12-09', 'day']);
  assert.equal(find('He is now in custody.', opts, 'now').timex, 'PRESENT_REF');
});

test('en: an estimated publication interval widens relative dates', () => {
  const m = find('He was released yesterday.', { lang: 'en', reference: { from: '2016-12-01', to: '2016-12-31' } }, 'yesterday');
  assert.deepEqual(interval(m), ['2016-11-30', '2016-12-30', 'approximate']);
});

test('en: a year-less date inside an estimated publication window keeps its day', () => {
  const window = { from: '2016-12-01', to: '2016-12-31' };
  assert.deepEqual(interval(find('Celebrations on December 16 were muted.', { lang: 'en', reference: window }, 'December 16')), ['2016-12-16', '2016-12-16', 'day']);
  // A day after the whole window has not happened yet this year: it is last year's.
  assert.deepEqual(interval(find('Celebrations on November 16 were muted.', { lang: 'en', reference: { from: '2016-11-01', to: '2016-11-10' } }, 'November 16')), ['2015-11-16', '2015-11-16', 'day']);
});

test('ru: a day month takes the year of the previous date', () => {
  const text = '5 января 2022 года начались протесты. 7 января президент отдал приказ стрелять.';
  const opts = { lang: 'ru', reference: '2022-02-10' } as const;
  assert.deepEqual(interval(find(text, opts, '5 января 2022 года')), ['2022-01-05', '2022-01-05', 'day']);
  assert.deepEqual(interval(find(text, opts, '7 января')), ['2022-01-07', '2022-01-07', 'day']);
});

test('ru: вчера, в прошлом году, в 2016 году, летом 2016 года, 1990-е', () => {
  const opts = { lang: 'ru', reference: '2022-02-10' } as const;
  assert.deepEqual(interval(find('Вчера суд вынес приговор.', opts, 'Вчера')), ['2022-02-09', '2022-02-09', 'day']);
  assert.deepEqual(interval(find('Его задержали в прошлом году.', opts, 'прошлом году')), ['2021-01-01', '2021-12-31', 'year']);
  assert.deepEqual(interval(find('Митинг прошёл в 2016 году.', opts, '2016 году')), ['2016-01-01', '2016-12-31', 'year']);
  const summer = find('Протесты летом 2016 года.', opts, 'летом 2016 года');
  assert.deepEqual(interval(summer), ['2016-06-01', '2016-08-31', 'season']);
  assert.equal(summer.timex, '2016-SU');
  assert.deepEqual(interval(find('Так было в начале 1990-х годов.', opts, 'начале 1990-х годов')), ['1990-01-01', '1993-12-31', 'approximate']);
  assert.deepEqual(interval(find('За последние два года задержаны 20 человек.', opts, 'последние два года')), ['2020-02-11', '2022-02-10', 'approximate']);
  assert.equal(find('Суд состоялся 20 декабря.', opts, '20 декабря').from, '2021-12-20');
  assert.equal(find('Суд будет рассматривать дело 20 марта.', opts, '20 марта').from, '2022-03-20');
  assert.equal(find('В апреле прошлого года его арестовали.', opts, 'апреле прошлого года').timex, '2021-04');
});

test('kk: year-first dates and кеше', () => {
  const opts = { lang: 'kk', reference: '2022-02-10' } as const;
  assert.deepEqual(interval(find('2022 жылғы 5 қаңтарда наразылық басталды.', opts, '2022 жылғы 5 қаңтарда')), ['2022-01-05', '2022-01-05', 'day']);
  assert.deepEqual(interval(find('Кеше сот үкім шығарды.', opts, 'Кеше')), ['2022-02-09', '2022-02-09', 'day']);
  assert.equal(find('2016 жылы митинг өтті.', opts, '2016 жылы').timex, '2016');
});

test('bad input: empty, control characters, a bad reference', () => {
  assert.deepEqual(extractDates('', { lang: 'en', reference: '2016-12-20' }), []);
  assert.doesNotThrow(() => extractDates('\u0000\u202e 💥 May 5\uFFFF 2016 г.', { lang: 'ru', reference: '2016-12-20' }));
  assert.throws(() => extractDates('x', { lang: 'en', reference: '2016-13-01' }), TypeError);
});

// Speed belongs in bench/extract-dates.ts; this only guards against super-linear blow-ups
// (e.g. regex backtracking), which would run into the test's time limit.
test('a long single paragraph (~0.9 MB) is handled whole', { timeout: 60_000 }, () => {
  const chunk = 'On Friday, March 5, police said that in mid-2016 and last year 2,000 people were detained. ';
  const out = extractDates(chunk.repeat(10_000), { lang: 'en', reference: '2016-12-20' });
  assert.ok(out.length >= 30_000, `only ${out.length} mentions`);
});

const FRAGMENTS = [
  'December 16', 'mid-2016', 'the early 1990s', 'last year', 'yesterday', 'Friday', 'the third quarter', 'now', 'May',
  '5 января 2022 года', '7 января', 'вчера', 'летом 2016 года', 'в прошлом году', '1990-х', '2022 жылғы 5 қаңтарда', 'кеше',
  '12/31/2016', '05.01.2022', 'Jan. 6', 'the past two years', ' ', '\n\n', ', ', '. ', 'will', 'будет', '2016',
];

test('property: every mention slices the text to exactly its text, with from <= to', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 25 }),
      fc.constantFrom('en', 'ru', 'kk'),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
      (parts, lang, date) => {
        const text = parts.join('');
        const reference = date.toISOString().slice(0, 10);
        for (const m of extractDates(text, { lang: lang as 'en', reference })) {
          assert.equal(text.slice(m.start, m.end), m.text);
          assert.match(m.from, /^\d{4}-\d{2}-\d{2}$/);
          assert.match(m.to, /^\d{4}-\d{2}-\d{2}$/);
          assert.ok(m.from <= m.to, `${m.text}: ${m.from} > ${m.to}`);
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('TBAQ (TempEval-3 TimeBank + AQUAINT): detection and value accuracy', () => {
  assert.ok(existsSync(TBAQ_DIR), `TBAQ missing at ${TBAQ_DIR}`);
  const docs = loadTbaq();
  assert.equal(docs.length, 256);
  const { score } = evaluateTbaq(docs);
  // Measured: strict F1 0.865, lenient F1 0.935, value accuracy 0.860.
  assert.ok(score.strict.f1 >= 0.855, `strict F1 ${score.strict.f1}`);
  assert.ok(score.lenient.f1 >= 0.925, `lenient F1 ${score.lenient.f1}`);
  assert.ok(score.valueAccuracy >= 0.85, `value accuracy ${score.valueAccuracy}`);
});
