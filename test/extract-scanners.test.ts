import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { dayNumber, fromDayNumber } from '../src/pipeline/extract/dates/calendar.js';
import { nextNameWord } from '../src/pipeline/extract/name-word-scan.js';

/**
 * Hand-written scanners and arithmetic that replaced a regular expression and Date objects for
 * speed must give exactly what those gave: checked against them on generated input.
 */

/** What name-word-scan.ts reads by character codes. */
const NAME_WORD = /(?<![\p{L}\p{N}.@/_])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?=(?:['’ʼ]s)?(?![\p{L}\p{N}]))/gu;

function byRegex(text: string, from: number): { index: number; text: string } | null {
  NAME_WORD.lastIndex = from;
  const m = NAME_WORD.exec(text);
  return m ? { index: m.index, text: m[0] } : null;
}

/** Characters where the expression's classes and lookarounds decide: letters of several scripts and cases, digits, the lookbehind's and possessive's marks, surrogate pairs. */
const PIECES = ['А', 'б', 'Ё', 'ё', 'Қ', 'ң', 'A', 'b', 'Z', 'z', 'É', 'é', 'Σ', 'ς', 'ǅ', '1', '٣', '-', '.', '@', '/', '_', "'", '’', 'ʼ', 's', ' ', '\n', '𝐀', '𝐚', '𐐀', '𐐨', '\ud800', 'Иванов', 'Касым-Жомарт', "Smith's", 'x'];

describe('name-word scan', () => {
  test('finds exactly the matches of the regular expression it replaced, from any position', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), fc.nat(), (parts, k) => {
        const text = parts.join('');
        // From every code point boundary, as the callers scan (each from the end of the last match).
        const from = Math.min(text.length, k % (text.length + 1));
        const start = from > 0 && /[\udc00-\udfff]/.test(text[from]!) && /[\ud800-\udbff]/.test(text[from - 1]!) ? from - 1 : from;
        assert.deepEqual(nextNameWord(text, start), byRegex(text, start), JSON.stringify({ text, start }));
      }),
      { numRuns: 5000 },
    );
  });

  test('a whole text scanned word by word gives the same words', () => {
    const text = 'В Астане Кошанов-Петров сказал: «Smith’s team» — Mr John Smith, г-н Иванов и 3Com, e.Mail @Twitter /Path _Under Касым-Жомарт Токаев-';
    const mine: string[] = [];
    for (let m = nextNameWord(text, 0); m; m = nextNameWord(text, m.index + m.text.length)) mine.push(m.text);
    NAME_WORD.lastIndex = 0; // matchAll starts where the last exec left it
    const theirs = [...text.matchAll(NAME_WORD)].map((m) => m[0]);
    assert.deepEqual(mine, theirs);
    assert.ok(mine.includes('Кошанов-Петров') && mine.includes('Smith') && mine.includes('Касым-Жомарт') && !mine.includes('Mail'));
  });
});

describe('calendar day numbers', () => {
  const viaDate = ({ y, m, d }: { y: number; m: number; d: number }) => {
    const dt = new Date(0);
    dt.setUTCFullYear(y, m - 1, d);
    return Math.round(dt.getTime() / 86_400_000);
  };

  test('dayNumber and fromDayNumber agree with Date, days past a month end included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -40, max: 70 }), (y, m, d) => {
        const n = dayNumber({ y, m, d });
        assert.equal(n, viaDate({ y, m, d }));
        const back = fromDayNumber(n);
        const dt = new Date(n * 86_400_000);
        assert.deepEqual(back, { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
      }),
      { numRuns: 20000 },
    );
  });

  test('fields it does not compute itself still go through Date', () => {
    assert.equal(dayNumber({ y: 2016, m: 13, d: 1 }), viaDate({ y: 2016, m: 13, d: 1 }));
    assert.equal(dayNumber({ y: 2016, m: 0, d: 1 }), viaDate({ y: 2016, m: 0, d: 1 }));
    assert.ok(Number.isNaN(dayNumber({ y: Number.NaN, m: 1, d: 1 })));
    assert.deepEqual(fromDayNumber(0), { y: 1970, m: 1, d: 1 });
    assert.deepEqual(fromDayNumber(dayNumber({ y: 2016, m: 2, d: 29 })), { y: 2016, m: 2, d: 29 });
  });
});
