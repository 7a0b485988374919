/**
 * Turns captured bytes into text, choosing the character encoding the way a browser would
 * and then guessing sensibly when nothing is declared. Russian-language sources in the
 * region still serve windows-1251 and KOI8-R, often undeclared, so those are detected.
 *
 *   decodeHtml(bytes, 'text/html; charset=windows-1251')
 *   // { text: '<p>Суд приговорил…', charset: 'windows-1251', source: 'header' }
 *
 * Precedence: byte-order mark > HTTP header charset > <meta> (HTML only) > detection > UTF-8.
 * A declared label this runtime cannot decode is skipped, not fatal. Bytes that are invalid
 * in the chosen encoding become U+FFFD; decoding never throws.
 */

export type CharsetSource = 'bom' | 'header' | 'meta' | 'detected' | 'default';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name, e.g. 'utf-8', 'windows-1251', 'koi8-r'. */
  charset: string;
  source: CharsetSource;
}

const META_SCAN_BYTES = 2048;
const DETECT_SCAN_BYTES = 64 * 1024;

/** Decodes an HTML document. */
export function decodeHtml(bytes: Buffer, contentTypeHeader?: string | null): DecodedText {
  return decodeWith(bytes, contentTypeHeader, true);
}

/** Decodes a plain-text document (no <meta> to look at). */
export function decodeText(bytes: Buffer, contentTypeHeader?: string | null): DecodedText {
  return decodeWith(bytes, contentTypeHeader, false);
}

function decodeWith(bytes: Buffer, contentType: string | null | undefined, html: boolean): DecodedText {
  const bom = encodingFromBom(bytes);
  if (bom) return { text: decode(bytes, bom), charset: bom, source: 'bom' };

  const fromHeader = canonicalEncoding(charsetParameter(contentType));
  if (fromHeader) return { text: decode(bytes, fromHeader), charset: fromHeader, source: 'header' };

  if (html) {
    const fromMeta = metaCharset(bytes);
    // A page saved to disk is often re-encoded as UTF-8 while its <meta> still names the old
    // charset; non-ASCII bytes that form valid UTF-8 are practically never legacy-encoded text.
    if (fromMeta && fromMeta !== 'utf-8' && detectEncoding(bytes) === 'utf-8') {
      return { text: decode(bytes, 'utf-8'), charset: 'utf-8', source: 'detected' };
    }
    if (fromMeta) return { text: decode(bytes, fromMeta), charset: fromMeta, source: 'meta' };
  }

  const detected = detectEncoding(bytes);
  if (detected) return { text: decode(bytes, detected), charset: detected, source: 'detected' };
  return { text: decode(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
}

function encodingFromBom(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Non-fatal decode: invalid sequences become U+FFFD. A leading BOM is removed. */
function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

// Node 20's TextDecoder decodes 'windows-1252' (and every label mapped to it: latin1,
// iso-8859-1, ascii) as ISO-8859-1, turning curly quotes, dashes and the euro sign into
// C1 control characters. Bytes 0x80-0x9F are therefore mapped here, per the WHATWG table.
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** Maps a label ('cp1251', 'latin1', 'UTF8') to its WHATWG name, or null if unsupported. */
export function canonicalEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a Content-Type value, unquoted. */
export function charsetParameter(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = (match?.[1] ?? match?.[2] ?? '').trim();
  return value === '' ? null : value;
}

function metaCharset(bytes: Buffer): string | null {
  // Bytes are read as latin1 so that any ASCII-compatible encoding's markup is legible.
  const head = bytes.subarray(0, META_SCAN_BYTES).toString('latin1').replace(/<!--[\s\S]*?(-->|$)/g, '');
  const candidates: string[] = [];
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct?.[1]) candidates.push(direct[1]);
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) candidates.push(xml[1]);
  for (const label of candidates) {
    let encoding = canonicalEncoding(label);
    if (encoding === null && label.trim().toLowerCase() === 'x-user-defined') encoding = 'windows-1252';
    if (encoding === null) continue;
    // A meta tag readable as ASCII cannot really be UTF-16 (HTML spec says: use UTF-8).
    if (encoding === 'utf-16le' || encoding === 'utf-16be') encoding = 'utf-8';
    return encoding;
  }
  return null;
}

/**
 * Returns 'utf-8' for valid non-ASCII UTF-8, the most plausible single-byte encoding for
 * other non-ASCII bytes, and null for pure ASCII (nothing to detect).
 */
export function detectEncoding(bytes: Buffer): string | null {
  const sample = bytes.subarray(0, DETECT_SCAN_BYTES);
  if (!sample.some((b) => b >= 0x80)) return null;
  if (isValidUtf8(sample)) return 'utf-8';
  let best = 'windows-1252';
  let bestScore = -Infinity;
  for (const encoding of ['windows-1251', 'koi8-r', 'windows-1252']) {
    const text = decode(sample, encoding);
    const score = encoding === 'windows-1252' ? latinScore(text) : cyrillicScore(text);
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return best;
}

function isValidUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch (error) {
    // The sample may end inside a multi-byte character: accept if only the tail is cut.
    if (sample.length < DETECT_SCAN_BYTES) return false;
    for (let cut = 1; cut <= 3; cut++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
        return true;
      } catch {
        // try a shorter cut
      }
    }
    return false;
  }
}

// Frequent Russian letter pairs; both wrong decodings (KOI8 read as 1251 and vice versa)
// scramble letters, so these rarely survive a wrong guess.
const RU_BIGRAMS = new Set(
  'ст но то на ен ов ни ра во ко пр ро ре по ал ер не го та ли ос ка ан ол ет ва от ел ле ом ло ат ит де ти ла ор ин ри ны ки'.split(' '),
);
// Russian letter frequencies in per cent (lowercase).
const RU_FREQ = new Map<string, number>(
  Object.entries({
    о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, с: 5.47, р: 4.73, в: 4.54, л: 4.4, к: 3.49,
    м: 3.21, д: 2.98, п: 2.81, у: 2.62, я: 2.01, ы: 1.9, ь: 1.74, г: 1.7, з: 1.65, б: 1.59, ч: 1.44,
    й: 1.21, х: 0.97, ж: 0.94, ш: 0.73, ю: 0.64, ц: 0.48, щ: 0.36, э: 0.32, ф: 0.26, ъ: 0.04, ё: 0.04,
  }),
);
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Plausibility of text as Russian. Real Russian scores about 1.5-2.5; a wrong single-byte
 * guess scores well below, and text whose words mix Latin and Cyrillic goes negative.
 */
function cyrillicScore(text: string): number {
  let words = 0;
  let pure = 0;
  let caseScore = 0;
  let pairs = 0;
  let pairHits = 0;
  let letters = 0;
  let freq = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    words++;
    const chars = [...word];
    if (!chars.every((c) => CYRILLIC.test(c))) continue; // Latin glued to Cyrillic: a wrong guess
    pure++;
    const rest = chars.slice(1).join('');
    // The two encodings swap case, so ALL CAPS in one reads as lowercase in the other:
    // case only tells them apart through mIxEd words (the swap of a Capitalised word).
    if (rest === rest.toLowerCase()) caseScore += 1;
    else if (word === word.toUpperCase()) caseScore += 0.8;
    else caseScore -= 1;
    const lower = word.toLowerCase();
    for (const c of lower) {
      letters++;
      freq += RU_FREQ.get(c) ?? 0;
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      pairs++;
      if (RU_BIGRAMS.has(lower.slice(i, i + 2))) pairHits++;
    }
  }
  if (words === 0) return -1;
  const pureShare = pure / words;
  if (pure === 0) return -2;
  // The constant 1 is the evidence a Cyrillic reading must show before it beats "no idea"
  // (a stray 0x80 in English reads as the lone Cyrillic letter Ђ in windows-1251).
  const quality = (0.3 * caseScore) / pure + (pairs ? (3 * pairHits) / pairs : 0) + (letters ? (0.3 * freq) / letters : 0) - 1;
  return pureShare * quality - (1 - pureShare) * 2;
}

/** Plausibility of text as a Western European language in windows-1252, on the same scale. */
function latinScore(text: string): number {
  let words = 0;
  let good = 0;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const chars = [...word];
    if (chars.length < 2 || !/[^\x00-\x7f]/.test(word)) continue;
    words++;
    // In real Latin-script words accented letters are a minority ("café", "Müller", "où").
    const accented = chars.filter((c) => c > '\x7f').length;
    if (accented * 2 <= chars.length) good++;
  }
  // Bytes undefined in windows-1252 decode to C1 controls: a sign of a wrong guess.
  const controls = (text.match(/[\x80-\x9f]/g) ?? []).length;
  if (words === 0) return controls > 0 ? -1 : 0;
  return (2.5 * good) / words - Math.min(2, (5 * controls) / words);
}
