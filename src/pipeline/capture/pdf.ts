/**
 * Extracts the text layer of a PDF with unpdf (a serverless build of PDF.js).
 *
 *   await extractPdfText(bytes)
 *   // ok({ text: 'Statement on the detention of …', pages: 3, title: 'Statement' })
 *
 * A scanned PDF has no text layer and Chronicle has no OCR: that is reported as a failure
 * rather than stored as an empty document. Corrupt and password-protected files fail too.
 * The caller's bytes are copied first because PDF.js may transfer (detach) the buffer it
 * is given, and the original bytes are evidence that must stay intact.
 */
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { fail, ok, type Result } from '../../domain/result.js';

export interface PdfText {
  text: string;
  pages: number;
  title: string | null;
}

export async function extractPdfText(bytes: Uint8Array): Promise<Result<PdfText>> {
  if (bytes.length === 0) return fail('PDF is empty');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | null = null;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
    const { totalPages, text } = await extractText(pdf, { mergePages: true });
    if (text.trim() === '') return fail('PDF has no text layer (scanned image?); OCR is not available');
    return ok({ text, pages: totalPages, title: await readTitle(pdf) });
  } catch (error) {
    return fail(pdfReason(error));
  } finally {
    await pdf?.destroy().catch(() => undefined);
  }
}

async function readTitle(pdf: Parameters<typeof getMeta>[0]): Promise<string | null> {
  try {
    const { info, metadata } = await getMeta(pdf);
    const fromInfo: unknown = info?.['Title'];
    if (typeof fromInfo === 'string' && fromInfo.trim() !== '') return fromInfo.trim();
    const fromXmp: unknown = metadata?.get?.('dc:title');
    if (typeof fromXmp === 'string' && fromXmp.trim() !== '') return fromXmp.trim();
  } catch {
    // A broken Info dictionary should not cost us the text.
  }
  return null;
}

function pdfReason(error: unknown): string {
  const e = error as { name?: string; message?: string };
  if (e?.name === 'PasswordException') return 'PDF is password-protected';
  if (e?.name === 'InvalidPDFException') return 'not a valid PDF (corrupt or truncated)';
  const message = String(e?.message ?? error).split('\n')[0]!.trim();
  return `could not read PDF: ${message || 'unknown error'}`;
}
