import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDeclaredType, safeFileName } from '../src/pipeline/capture/upload.js';

describe('safeFileName', () => {
  const cases: [string | null, string | null][] = [
    ['report.html', 'report.html'],
    ['../../etc/passwd', 'passwd'],
    ['/absolute/path/statement.pdf', 'statement.pdf'],
    ['C:\\Users\\monitor\\Desktop\\notes.txt', 'notes.txt'],
    ['a\u0000b.html', 'ab.html'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['zero\u200Bwidth.txt', 'zerowidth.txt'],
    ['..', null],
    ['../', null],
    ['...', null],
    ['.hidden', 'hidden'],
    ['trailing. ', 'trailing'],
    ['what?<>|*:.txt', 'what______.txt'],
    ['CON.txt', '_CON.txt'],
    ['lpt1', '_lpt1'],
    ['Отчёт о задержании.pdf', 'Отчёт о задержании.pdf'],
    ['', null],
    [null, null],
  ];
  for (const [given, expected] of cases) {
    test(`${JSON.stringify(given)} -> ${JSON.stringify(expected)}`, () => assert.equal(safeFileName(given), expected));
  }

  test('long names are cut, keeping the extension', () => {
    const name = safeFileName(`${'й'.repeat(500)}.html`)!;
    assert.equal([...name].length, 200);
    assert.ok(name.endsWith('.html'));
  });

  test('decomposed Unicode is composed (NFC)', () => {
    assert.equal(safeFileName('Qazaqstan\u0306.txt'), 'Qazaqstan\u0306.txt'.normalize('NFC'));
  });
});

describe('checkDeclaredType', () => {
  const html = Buffer.from('<!doctype html><html><body><p>Text</p></body></html>');
  const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n');
  const text = Buffer.from('Police detained three activists in Oral on Friday.');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

  test('agreeing declarations pass', () => {
    assert.deepEqual(checkDeclaredType(html, { contentType: 'text/html; charset=utf-8', fileName: 'a.html' }), { ok: true });
    assert.deepEqual(checkDeclaredType(pdf, { contentType: 'application/pdf', fileName: 'a.pdf' }), { ok: true });
    assert.deepEqual(checkDeclaredType(text, { contentType: 'text/plain', fileName: 'a.txt' }), { ok: true });
    assert.deepEqual(checkDeclaredType(text, { contentType: 'text/csv', fileName: null }), { ok: true });
    // Markup the sniffer reads as text is harmless.
    assert.deepEqual(checkDeclaredType(text, { contentType: 'text/html' }), { ok: true });
  });

  test('nothing declared, or only application/octet-stream, leaves the decision to the bytes', () => {
    assert.deepEqual(checkDeclaredType(html, {}), { ok: true });
    assert.deepEqual(checkDeclaredType(pdf, { contentType: 'application/octet-stream', fileName: 'upload' }), { ok: true });
  });

  test('disagreements name both types', () => {
    assert.deepEqual(checkDeclaredType(html, { contentType: 'application/pdf' }), { ok: false, declared: 'application/pdf', detected: 'text/html' });
    assert.deepEqual(checkDeclaredType(html, { contentType: 'text/plain' }), { ok: false, declared: 'text/plain', detected: 'text/html' });
    assert.deepEqual(checkDeclaredType(pdf, { contentType: 'text/html' }), { ok: false, declared: 'text/html', detected: 'application/pdf' });
    assert.deepEqual(checkDeclaredType(png, { contentType: 'text/plain' }), { ok: false, declared: 'text/plain', detected: 'image/png' });
    // The extension is a declaration too.
    assert.deepEqual(checkDeclaredType(html, { contentType: 'application/octet-stream', fileName: 'scan.pdf' }), {
      ok: false,
      declared: 'application/pdf',
      detected: 'text/html',
    });
    assert.deepEqual(checkDeclaredType(html, { contentType: 'text/html', fileName: 'scan.pdf' }), {
      ok: false,
      declared: 'application/pdf',
      detected: 'text/html',
    });
  });
});
