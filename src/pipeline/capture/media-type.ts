/**
 * Decides what a captured item is, trusting the bytes first, then the server's
 * Content-Type, then the file name. Servers and uploaders mislabel constantly (PDFs sent as
 * application/octet-stream, HTML error pages sent as application/pdf), and choosing the
 * wrong intake would store garbage as text.
 *
 *   sniffMediaType(Buffer.from('%PDF-1.7 ...'), { contentType: 'text/html' })
 *   // { mediaType: 'application/pdf', kind: 'pdf' }
 *
 * Pure. Only the first few KB are examined.
 */

export type MediaKind = 'html' | 'text' | 'pdf' | 'unsupported';

export interface SniffedMediaType {
  mediaType: 'text/html' | 'text/plain' | 'application/pdf' | string;
  kind: MediaKind;
}

export interface MediaHints {
  contentType?: string | null;
  fileName?: string | null;
}

const SNIFF_BYTES = 1024;
const BINARY_SCAN_BYTES = 8192;
const OCTET_STREAM = 'application/octet-stream';

const BINARY_SIGNATURES: { magic: (number | null)[]; at?: number; mediaType: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mediaType: 'image/png' },
  { magic: [0xff, 0xd8, 0xff], mediaType: 'image/jpeg' },
  { magic: bytesOf('GIF87a'), mediaType: 'image/gif' },
  { magic: bytesOf('GIF89a'), mediaType: 'image/gif' },
  { magic: [...bytesOf('RIFF'), null, null, null, null, ...bytesOf('WEBP')], mediaType: 'image/webp' },
  { magic: [0x49, 0x49, 0x2a, 0x00], mediaType: 'image/tiff' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], mediaType: 'image/tiff' },
  { magic: bytesOf('ftyp'), at: 4, mediaType: 'video/mp4' },
  { magic: bytesOf('OggS'), mediaType: 'application/ogg' },
  { magic: [0x1a, 0x45, 0xdf, 0xa3], mediaType: 'video/webm' },
  { magic: bytesOf('ID3'), mediaType: 'audio/mpeg' },
  { magic: [0x50, 0x4b, 0x03, 0x04], mediaType: 'application/zip' },
  { magic: [0x50, 0x4b, 0x05, 0x06], mediaType: 'application/zip' },
  { magic: [0x1f, 0x8b], mediaType: 'application/gzip' },
  { magic: [...bytesOf('BZh')], mediaType: 'application/x-bzip2' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], mediaType: 'application/x-xz' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], mediaType: 'application/x-7z-compressed' },
  { magic: bytesOf('Rar!'), mediaType: 'application/vnd.rar' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], mediaType: 'application/zstd' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], mediaType: 'application/x-ole-storage' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], mediaType: 'application/x-elf' },
  { magic: [0x4d, 0x5a], mediaType: 'application/x-msdownload' },
  { magic: [0x00, 0x61, 0x73, 0x6d], mediaType: 'application/wasm' },
  { magic: bytesOf('SQLite format 3\0'), mediaType: 'application/vnd.sqlite3' },
  { magic: bytesOf('{\\rtf'), mediaType: 'application/rtf' },
];

// The WHATWG "text/html" sniffing tags, plus a doctype; each must be followed by a space or >.
const HTML_START = /^<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|link)[\s>/]/i;
const HTML_ANYWHERE = /<!doctype\s+html[\s>]|<html[\s>]|<head[\s>]|<body[\s>]/i;

const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'xht', 'shtml']);
const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'log']);

function bytesOf(ascii: string): number[] {
  return [...ascii].map((c) => c.charCodeAt(0));
}

export function sniffMediaType(bytes: Buffer, hints: MediaHints = {}): SniffedMediaType {
  if (bytes.length === 0) return unsupported(OCTET_STREAM);

  // 1. The bytes themselves.
  const signature = binarySignature(bytes);
  if (signature) return unsupported(signature);
  if (bytes.subarray(0, SNIFF_BYTES).includes('%PDF-', 0, 'latin1')) return { mediaType: 'application/pdf', kind: 'pdf' };
  const binary = looksBinary(bytes);
  if (!binary && looksLikeHtml(bytes)) return { mediaType: 'text/html', kind: 'html' };

  // 2. The server's Content-Type, then 3. the file name.
  const declared = essence(hints.contentType) ?? typeFromExtension(hints.fileName);
  const fromHint = declared === OCTET_STREAM ? typeFromExtension(hints.fileName) : declared;
  if (fromHint === 'application/pdf') return { mediaType: fromHint, kind: 'pdf' };
  if (binary) return unsupported(fromHint && !isTextual(fromHint) ? fromHint : OCTET_STREAM);
  if (fromHint === 'text/html' || fromHint === 'application/xhtml+xml') return { mediaType: fromHint, kind: 'html' };
  if (fromHint && isTextual(fromHint)) return { mediaType: fromHint, kind: 'text' };
  if (fromHint) return unsupported(fromHint);

  // 4. Nothing declared and nothing recognised: readable bytes are plain text.
  return { mediaType: 'text/plain', kind: 'text' };
}

function unsupported(mediaType: string): SniffedMediaType {
  return { mediaType, kind: 'unsupported' };
}

function binarySignature(bytes: Buffer): string | null {
  for (const { magic, at = 0, mediaType } of BINARY_SIGNATURES) {
    if (bytes.length < at + magic.length) continue;
    if (magic.every((b, i) => b === null || bytes[at + i] === b)) {
      // "MZ" and "BZh" are short enough to start a text file; require binary content too.
      if ((mediaType === 'application/x-msdownload' || mediaType === 'application/x-bzip2') && !looksBinary(bytes)) continue;
      return mediaType;
    }
  }
  return null;
}

/** Control bytes that never occur in text (WHATWG "binary data bytes"), NUL above all. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, BINARY_SCAN_BYTES);
  if (isUtf16WithBom(sample)) return false;
  let controls = 0;
  for (const b of sample) {
    if (b === 0x00) return true;
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) controls++;
  }
  return controls > Math.max(1, sample.length * 0.01);
}

function isUtf16WithBom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function looksLikeHtml(bytes: Buffer): boolean {
  const head = headText(bytes).replace(/^[\s\uFEFF]+/, '');
  if (!head.startsWith('<')) return false;
  return HTML_START.test(head) || HTML_ANYWHERE.test(head);
}

/** The first KB as text, honouring a BOM; other bytes are read as latin1 (markup is ASCII). */
function headText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(0, SNIFF_BYTES * 2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(0, SNIFF_BYTES * 2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.subarray(start, start + SNIFF_BYTES).toString('latin1');
}

/** 'Text/HTML; charset=UTF-8' -> 'text/html'; null if absent or malformed. */
export function essence(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const value = contentType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(value) ? value : null;
}

export function typeFromExtension(fileName: string | null | undefined): string | null {
  if (!fileName) return null;
  const base = fileName.split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = base.slice(dot + 1).toLowerCase();
  if (HTML_EXTENSIONS.has(ext)) return 'text/html';
  if (TEXT_EXTENSIONS.has(ext)) return 'text/plain';
  if (ext === 'pdf') return 'application/pdf';
  return null;
}

function isTextual(mediaType: string): boolean {
  return mediaType.startsWith('text/');
}
