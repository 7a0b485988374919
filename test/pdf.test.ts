import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPdfText } from '../src/pipeline/capture/pdf.js';

/**
 * Writes a minimal PDF by hand: one page per entry of `pages` (a content stream, or null
 * for a page with no contents), Helvetica, and a correct xref table with computed offsets.
 */
function buildPdf(pages: (string | null)[], info?: { title?: string }): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const content of pages) {
    let contents = '';
    if (content !== null) {
      const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
      contents = ` /Contents ${stream} 0 R`;
    }
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >>${contents} >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const infoRef = info?.title ? add(`<< /Title (${info.title}) /Producer (Chronicle test) >>`) : null;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef ? ` /Info ${infoRef} 0 R` : ''} >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

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
