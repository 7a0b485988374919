import { essence, sniffMediaType, typeFromExtension } from './media-type.js';

/**
 * Intake checks for a file uploaded through the API, before it is captured.
 *
 * `safeFileName` keeps a recorded name from doing harm wherever it is shown or used again
 * (provenance, Content-Disposition, an export on someone's disk):
 *
 *   safeFileName('../../etc/passwd')          // 'passwd'
 *   safeFileName('C:\\temp\\a\u0000.html')   // 'a.html'
 *   safeFileName('report\u202Efdp.exe')       // 'reportfdp.exe' (no right-to-left override)
 *   safeFileName('..')                        // null
 *
 * `checkDeclaredType` compares what the uploader says the file is (its Content-Type, else its
 * extension) with what its bytes are. Chronicle decides by the bytes anyway; a disagreement
 * means a mislabelled or disguised file, which is refused rather than guessed at:
 *
 *   checkDeclaredType(Buffer.from('<html><script>…'), { contentType: 'application/pdf' })
 *   // { ok: false, declared: 'application/pdf', detected: 'text/html' }
 */
const MAX_NAME = 200;
// C0/C1 controls, DEL, bidirectional overrides/isolates and zero-width marks that disguise names.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function safeFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  const cleaned = name.normalize('NFC').replace(INVISIBLE, '');
  // Only the last path segment, whichever separator the uploader's system uses.
  let base = cleaned.split(/[\\/]/).filter((s) => s !== '').pop() ?? '';
  base = base.replace(RESERVED, '_').replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (base === '') return null;
  if (WINDOWS_DEVICE.test(base)) base = `_${base}`;
  if ([...base].length > MAX_NAME) {
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
    base = [...base.slice(0, base.length - ext.length)].slice(0, MAX_NAME - ext.length).join('') + ext;
  }
  return base;
}

export type DeclaredTypeCheck = { ok: true } | { ok: false; declared: string; detected: string };

type Kind = 'pdf' | 'html' | 'text' | 'other';

function kindOf(mediaType: string): Kind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType.startsWith('text/')) return 'text';
  return 'other';
}

export function checkDeclaredType(bytes: Buffer, hints: { contentType?: string | null; fileName?: string | null }): DeclaredTypeCheck {
  const detected = sniffMediaType(bytes).mediaType;
  const declaredTypes = [essence(hints.contentType), typeFromExtension(hints.fileName)].filter(
    (t): t is string => t !== null && t !== 'application/octet-stream',
  );
  for (const declared of declaredTypes) {
    if (!agrees(kindOf(declared), declared, kindOf(detected), detected)) return { ok: false, declared, detected };
  }
  return { ok: true };
}

function agrees(declaredKind: Kind, declared: string, detectedKind: Kind, detected: string): boolean {
  if (declaredKind === 'other' || detectedKind === 'other') return declared === detected;
  if (declaredKind === detectedKind) return true;
  // Markup without the tags the sniffer looks for reads as plain text: harmless, accepted.
  return declaredKind === 'html' && detectedKind === 'text';
}
