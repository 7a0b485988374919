import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalEncoding, charsetParameter, decodeHtml, decodeText, detectEncoding } from '../src/pipeline/capture/charset.js';

/** Single-byte encoder built from TextDecoder itself, so the test needs no iconv. */
function encoderFor(encoding: string): (text: string) => Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return (text) =>
    Buffer.from(
      [...text].map((ch) => {
        const code = ch.codePointAt(0)!;
        if (code < 0x80) return code;
        const b = table.get(ch);
        if (b === undefined) throw new Error(`${ch} not in ${encoding}`);
        return b;
      }),
    );
}
const cp1251 = encoderFor('windows-1251');
const koi8 = encoderFor('koi8-r');
const cp1252 = encoderFor('windows-1252');

const RU = 'Суд в Алматы приговорил правозащитника к двум годам ограничения свободы. Наблюдатели считают приговор политически мотивированным.';
const FR = 'Le tribunal a condamné le défenseur des droits à deux ans. Les observateurs étaient présents à Genève; Müller über Straße.';

describe('decodeHtml: declared encodings', () => {
  it('honours a UTF-8 BOM over the header and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Привет</p>')]);
    assert.deepEqual(decodeHtml(bytes, 'text/html; charset=windows-1251'), { text: '<p>Привет</p>', charset: 'utf-8', source: 'bom' });
  });

  it('honours UTF-16 BOMs', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Сәлем</p>', 'utf16le')]);
    assert.deepEqual(decodeHtml(le), { text: '<p>Сәлем</p>', charset: 'utf-16le', source: 'bom' });
    const be = Buffer.from(Buffer.from('\ufeff<p>Ok</p>', 'utf16le')).swap16();
    assert.deepEqual(decodeHtml(be), { text: '<p>Ok</p>', charset: 'utf-16be', source: 'bom' });
  });

  it('uses the header charset, quoted or not, in any case, over <meta>', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8">'), cp1251(RU)]);
    for (const header of ['text/html; charset=windows-1251', 'text/html;charset="CP1251"', 'text/html; Charset = windows-1251 ; foo=bar']) {
      const d = decodeHtml(bytes, header);
      assert.equal(d.charset, 'windows-1251', header);
      assert.equal(d.source, 'header');
      assert.ok(d.text.endsWith(RU));
    }
  });

  it('maps latin1/iso-8859-1 labels to windows-1252 as browsers do', () => {
    const d = decodeHtml(Buffer.from([0x93, 0x68, 0x69, 0x94]), 'text/html; charset=ISO-8859-1');
    assert.deepEqual(d, { text: '\u201chi\u201d', charset: 'windows-1252', source: 'header' });
  });

  it('skips an unsupported header label and falls back to <meta>', () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="koi8-r"></head><body>'), koi8(RU)]);
    const d = decodeHtml(bytes, 'text/html; charset=klingon');
    assert.deepEqual([d.charset, d.source], ['koi8-r', 'meta']);
    assert.ok(d.text.includes(RU));
  });

  it('reads <meta http-equiv="Content-Type"> and an XML declaration', () => {
    const a = Buffer.concat([Buffer.from('<HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251"></HEAD>'), cp1251(RU)]);
    assert.deepEqual([decodeHtml(a).charset, decodeHtml(a).source], ['windows-1251', 'meta']);
    const b = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="koi8-r"?><html>'), koi8(RU)]);
    assert.deepEqual([decodeHtml(b).charset, decodeHtml(b).source], ['koi8-r', 'meta']);
  });

  it('prefers valid UTF-8 over a stale <meta> charset (a page re-saved as UTF-8)', () => {
    const bytes = Buffer.from('<html><head><meta charset="gb2312"></head><body><p>DeepMind的AlphaGo 人工智能 — Алматы</p>', 'utf8');
    const d = decodeHtml(bytes);
    assert.deepEqual([d.charset, d.source], ['utf-8', 'detected']);
    assert.match(d.text, /DeepMind的AlphaGo 人工智能 — Алматы/);
    // Real legacy bytes under the same kind of <meta> are still decoded as declared.
    const legacy = Buffer.concat([Buffer.from('<meta charset="windows-1251"><p>'), cp1251(RU)]);
    assert.deepEqual([decodeHtml(legacy).charset, decodeHtml(legacy).source], ['windows-1251', 'meta']);
  });

  it('ignores <meta> inside comments and beyond the first 2048 bytes', () => {
    const commented = Buffer.concat([Buffer.from('<!-- <meta charset="koi8-r"> --><p>'), cp1251(RU)]);
    assert.deepEqual([decodeHtml(commented).charset, decodeHtml(commented).source], ['windows-1251', 'detected']);
    const late = Buffer.from(`<p>${' '.repeat(2100)}</p><meta charset="windows-1251"><p>plain</p>`);
    assert.deepEqual([decodeHtml(late).charset, decodeHtml(late).source], ['utf-8', 'default']);
  });

  it('treats <meta charset=utf-16> as utf-8 (the tag was legible as ASCII)', () => {
    const d = decodeHtml(Buffer.from('<meta charset=utf-16><p>Қазақстан</p>'));
    assert.deepEqual([d.charset, d.source], ['utf-8', 'meta']);
    assert.ok(d.text.includes('Қазақстан'));
  });

  it('does not throw on invalid UTF-8 declared as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<p>ok '), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' Алматы</p>')]);
    const d = decodeHtml(bytes, 'text/html; charset=utf-8');
    assert.equal(d.charset, 'utf-8');
    assert.ok(d.text.includes('\ufffd'));
    assert.ok(d.text.includes('Алматы'));
  });

  it('decodeText ignores <meta> but honours header and BOM', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="koi8-r"> '), cp1251(RU)]);
    assert.deepEqual([decodeText(bytes).charset, decodeText(bytes).source], ['windows-1251', 'detected']);
    assert.deepEqual([decodeText(bytes, 'text/plain; charset=koi8-r').source], ['header']);
  });
});

describe('decodeHtml: detection', () => {
  it('pure ASCII is utf-8 by default', () => {
    assert.deepEqual(decodeHtml(Buffer.from('<p>hello</p>')), { text: '<p>hello</p>', charset: 'utf-8', source: 'default' });
    assert.deepEqual(decodeHtml(Buffer.alloc(0)), { text: '', charset: 'utf-8', source: 'default' });
  });

  it('valid non-ASCII UTF-8 is detected as utf-8 (Russian and Kazakh)', () => {
    const text = `<p>${RU} Қазақстан Республикасы, Әділет министрлігі, Өскемен, Ұлытау, Үкімет, Һ, Ғ, Ң, І</p>`;
    assert.deepEqual(decodeHtml(Buffer.from(text)), { text, charset: 'utf-8', source: 'detected' });
  });

  const cases: [string, (t: string) => Buffer, string, string][] = [
    ['windows-1251 prose', cp1251, RU, 'windows-1251'],
    ['koi8-r prose', koi8, RU, 'koi8-r'],
    ['windows-1252 prose', cp1252, FR, 'windows-1252'],
    ['windows-1251 capitals headline', cp1251, 'СУД ПРИГОВОРИЛ АКТИВИСТА', 'windows-1251'],
    ['koi8-r capitals headline', koi8, 'СУД ПРИГОВОРИЛ АКТИВИСТА', 'koi8-r'],
    ['windows-1251 short word', cp1251, 'Привет', 'windows-1251'],
    ['koi8-r short word', koi8, 'Привет', 'koi8-r'],
    ['windows-1252 single word', cp1252, 'café', 'windows-1252'],
    ['windows-1251 with Ukrainian і and ё', cp1251, 'Її сім’ї ще не повідомили; ёлка', 'windows-1251'],
  ];
  for (const [name, encode, text, expected] of cases) {
    it(`detects ${name}`, () => {
      const bytes = Buffer.concat([Buffer.from('<html><body><p>'), encode(text), Buffer.from('</p></body></html>')]);
      const d = decodeHtml(bytes);
      assert.equal(d.charset, expected);
      assert.equal(d.source, 'detected');
      assert.ok(d.text.includes(text));
    });
  }

  it('detects English with windows-1252 smart quotes and decodes them properly', () => {
    const bytes = Buffer.from([...Buffer.from('He said '), 0x93, ...Buffer.from('no'), 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]);
    assert.deepEqual(decodeHtml(bytes), { text: 'He said \u201cno\u201d \u2013 \u20ac5', charset: 'windows-1252', source: 'detected' });
  });

  it('tells windows-1251 from koi8-r for random Russian sentences (property)', () => {
    const words = 'суд приговорил активиста задержан полиция митинг свобода слова журналист Алматы Астана Жанаозен правозащитник штраф арест оппозиция протест власти'.split(' ');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 12 }), fc.boolean(), (picked, upper) => {
        const sentence = picked.join(' ') + '.';
        const text = upper ? sentence.toUpperCase() : sentence;
        assert.equal(detectEncoding(cp1251(text)), 'windows-1251', text);
        assert.equal(detectEncoding(koi8(text)), 'koi8-r', text);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary bytes and headers (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.option(fc.string()), (bytes, header) => {
        const d = decodeHtml(Buffer.from(bytes), header);
        assert.equal(typeof d.text, 'string');
        assert.ok(canonicalEncoding(d.charset) === d.charset);
        decodeText(Buffer.from(bytes), header);
      }),
      { numRuns: 300 },
    );
  });
});

describe('charset helpers', () => {
  it('charsetParameter and canonicalEncoding', () => {
    assert.equal(charsetParameter('text/html; charset=UTF-8'), 'UTF-8');
    assert.equal(charsetParameter('text/html; charset="koi8-r"'), 'koi8-r');
    assert.equal(charsetParameter('text/html'), null);
    assert.equal(charsetParameter(null), null);
    assert.equal(canonicalEncoding('cp1251'), 'windows-1251');
    assert.equal(canonicalEncoding(' UTF8 '), 'utf-8');
    assert.equal(canonicalEncoding('x-nonsense'), null);
    assert.equal(canonicalEncoding('iso-2022-kr'), null);
  });
});
