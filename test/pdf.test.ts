import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPdfText } from '../src/pipeline/capture/pdf.js';
import { buildPdf } from './support/pdf.js';

const text = (s: string, y = 720): string => `BT /F1 12 Tf 72 ${y} Td (${s}) Tj ET`;

describe('extractPdfText', () => {
  it('extracts the text layer, page count and title', async () => {
    const pdf = buildPdf([text('Statement on the detention of activists')], { title: 'KIBHR statement' });
    const r = await extractPdfText(pdf);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.value.pages, 1);
    assert.equal(r.value.title, 'KIBHR statement');
    assert.match(r.value.text, /Statement on the detention of activists/);
  });

  it('merges several pages in order and reports a missing title as null', async () => {
    const pdf = buildPdf([text('First page'), text('Second page'), null]);
    const r = await extractPdfText(pdf);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.value.pages, 3);
    assert.equal(r.value.title, null);
    assert.ok(r.value.text.indexOf('First page') < r.value.text.indexOf('Second page'));
  });

  it('leaves the caller\'s bytes intact (they are evidence)', async () => {
    const pdf = new Uint8Array(buildPdf([text('Hello')]));
    const copy = Buffer.from(pdf);
    const r = await extractPdfText(pdf);
    assert.ok(r.ok);
    assert.equal(pdf.byteLength, copy.length);
    assert.ok(Buffer.from(pdf).equals(copy));
  });

  it('fails on a PDF without a text layer', async () => {
    for (const pdf of [buildPdf([null]), buildPdf([''])]) {
      assert.deepEqual(await extractPdfText(pdf), {
        ok: false,
        reason: 'PDF has no text layer (scanned image?); OCR is not available',
      });
    }
  });

  it('fails, without throwing, on corrupt, truncated and empty input', async () => {
    const good = buildPdf([text('Hello')]);
    const inputs = [
      Buffer.from('%PDF-1.4\nthis is not a pdf'),
      Buffer.from('<html>not a pdf</html>'),
      good.subarray(0, 40),
      Buffer.alloc(0),
      Buffer.alloc(1000, 0xff),
    ];
    for (const input of inputs) {
      const r = await extractPdfText(input);
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.reason.length > 0 && !r.reason.includes('\n'));
    }
  });
});
