import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sniffMediaType } from '../src/pipeline/capture/media-type.js';

const b = (text: string): Buffer => Buffer.from(text, 'utf8');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('sniffMediaType', () => {
  const cases: [string, Buffer, { contentType?: string | null; fileName?: string | null }, string, string][] = [
    ['PDF magic beats a text/html header', b('%PDF-1.7\n1 0 obj'), { contentType: 'text/html' }, 'application/pdf', 'pdf'],
    ['PDF magic after junk within the first KB', b(`junk\n${'x'.repeat(500)}%PDF-1.4\n`), {}, 'application/pdf', 'pdf'],
    ['doctype', b('<!DOCTYPE html><html><body>x</body></html>'), {}, 'text/html', 'html'],
    ['html after BOM and whitespace', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b('\n\n  <html lang="ru">')]), {}, 'text/html', 'html'],
    ['head tag', b('<head><title>x</title></head>'), {}, 'text/html', 'html'],
    ['body tag', b('<BODY>x'), {}, 'text/html', 'html'],
    ['html after a comment', b('<!-- generated --><html>'), {}, 'text/html', 'html'],
    ['html after an XML prolog', b('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), {}, 'text/html', 'html'],
    ['UTF-16LE html with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>x', 'utf16le')]), {}, 'text/html', 'html'],
    ['fragment starting with <p>', b('<p>Заявление правозащитников</p>'), {}, 'text/html', 'html'],
    ['html served as octet-stream', b('<html>'), { contentType: 'application/octet-stream' }, 'text/html', 'html'],
    ['HTML error page served as application/pdf', b('<!doctype html><title>404</title>'), { contentType: 'application/pdf' }, 'text/html', 'html'],
    ['prose mentioning <html> is not html', b('Use the <html> element for...'), { contentType: 'text/plain' }, 'text/plain', 'text'],
    ['text/plain header', b('Суд приговорил активиста.'), { contentType: 'text/plain; charset=utf-8' }, 'text/plain', 'text'],
    ['header case and parameters', b('plain words'), { contentType: 'TEXT/HTML; Charset=UTF-8' }, 'text/html', 'html'],
    ['xhtml header', b('plain words'), { contentType: 'application/xhtml+xml' }, 'application/xhtml+xml', 'html'],
    ['other text/* is text', b('a,b\n1,2\n'), { contentType: 'text/csv' }, 'text/csv', 'text'],
    ['pdf header without magic is still pdf (extraction will judge)', b('garbage'), { contentType: 'application/pdf' }, 'application/pdf', 'pdf'],
    ['extension .htm when header absent', b('plain words'), { fileName: 'report.HTM' }, 'text/html', 'html'],
    ['extension when header is octet-stream', b('plain words'), { contentType: 'application/octet-stream', fileName: 'notes.txt' }, 'text/plain', 'text'],
    ['extension .pdf', b('not really'), { fileName: '/tmp/x/statement.pdf' }, 'application/pdf', 'pdf'],
    ['extension from URL path with query', b('words'), { fileName: 'https://x.kz/a/b.html?x=1' }, 'text/html', 'html'],
    ['header wins over extension', b('words'), { contentType: 'text/plain', fileName: 'page.html' }, 'text/plain', 'text'],
    ['undeclared readable bytes are text', b('Just a statement.\nSecond line.'), {}, 'text/plain', 'text'],
    ['undeclared windows-1251 bytes are text', Buffer.from([0xd1, 0xf3, 0xe4, 0x20, 0xe8, 0xe4, 0xe5, 0xf2]), {}, 'text/plain', 'text'],
    ['PNG', PNG, { contentType: 'text/html' }, 'image/png', 'unsupported'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), {}, 'image/jpeg', 'unsupported'],
    ['GIF', b('GIF89a\x01\x00'), {}, 'image/gif', 'unsupported'],
    ['ZIP (docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), { fileName: 'x.docx' }, 'application/zip', 'unsupported'],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), {}, 'application/gzip', 'unsupported'],
    ['ELF', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), { contentType: 'text/plain' }, 'application/x-elf', 'unsupported'],
    ['MP4', Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]), {}, 'video/mp4', 'unsupported'],
    ['text starting with MZ is still text', b('MZ is an abbreviation used in this report.'), {}, 'text/plain', 'text'],
    ['NUL bytes under a text header', Buffer.from([0x41, 0, 0x42, 0, 0x43, 0]), { contentType: 'text/plain' }, 'application/octet-stream', 'unsupported'],
    ['binary garbage with an image header', Buffer.from([1, 2, 3, 0, 4, 5]), { contentType: 'image/x-icon' }, 'image/x-icon', 'unsupported'],
    ['unknown declared type', b('{"a":1}'), { contentType: 'application/json' }, 'application/json', 'unsupported'],
    ['empty', Buffer.alloc(0), { contentType: 'text/html' }, 'application/octet-stream', 'unsupported'],
  ];
  for (const [name, bytes, hints, mediaType, kind] of cases) {
    it(name, () => assert.deepEqual(sniffMediaType(bytes, hints), { mediaType, kind }));
  }

  it('treats random bytes with control characters as unsupported and never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.option(fc.string()), fc.option(fc.string()), (bytes, contentType, fileName) => {
        const r = sniffMediaType(Buffer.from(bytes), { contentType, fileName });
        assert.ok(['html', 'text', 'pdf', 'unsupported'].includes(r.kind));
        assert.equal(typeof r.mediaType, 'string');
      }),
      { numRuns: 300 },
    );
    const noise = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    assert.equal(sniffMediaType(noise, {}).kind, 'unsupported');
  });
});
