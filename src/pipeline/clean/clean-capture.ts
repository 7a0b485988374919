import type { Article } from '../../domain/article.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { decodeHtml, decodeText } from '../capture/charset.js';
import { sniffMediaType } from '../capture/media-type.js';
import { extractPdfText } from '../capture/pdf.js';
import { cleanHtml } from './html.js';
import { cleanPlainText } from './plain-text.js';

/** Name and version recorded with every derived article, so it can be regenerated. */
export const CLEANER = { name: 'chronicle-clean', version: '1.0.0' } as const;

export interface CaptureBytes {
  bytes: Buffer;
  contentType: string | null;
  fileName: string | null;
  url: string | null;
  /** Declared language, e.g. from a Content-Language header. */
  languageHint: string | null;
}

export interface CleanedCapture {
  mediaType: string;
  /** Whether the bytes are of a kind Chronicle captures at all (HTML, text, PDF). */
  supported: boolean;
  article: Result<Article>;
}

/**
 * Turns captured bytes into an Article: sniff the media type, decode the charset,
 * then the HTML, plain-text or PDF cleaner.
 *
 * Example: a windows-1251 HTML page with `<h1>Новости</h1><p>…</p>` ->
 *   `{ mediaType: 'text/html', supported: true, article: { ok: true, value: { title: 'Новости', … } } }`
 */
export async function cleanCapture(input: CaptureBytes): Promise<CleanedCapture> {
  const sniffed = sniffMediaType(input.bytes, { contentType: input.contentType, fileName: input.fileName });
  const mediaType = sniffed.mediaType;
  const languageHint = input.languageHint;
  switch (sniffed.kind) {
    case 'html': {
      const { text } = decodeHtml(input.bytes, input.contentType);
      return { mediaType, supported: true, article: cleanHtml(text, { url: input.url ?? undefined, languageHint }) };
    }
    case 'text': {
      const { text } = decodeText(input.bytes, input.contentType);
      return { mediaType, supported: true, article: cleanPlainText(text, { languageHint }) };
    }
    case 'pdf': {
      const pdf = await extractPdfText(new Uint8Array(input.bytes));
      if (!pdf.ok) return { mediaType, supported: true, article: pdf };
      const cleaned = cleanPlainText(pdf.value.text, { languageHint });
      if (cleaned.ok && !cleaned.value.title && pdf.value.title) {
        return { mediaType, supported: true, article: ok({ ...cleaned.value, title: pdf.value.title }) };
      }
      return { mediaType, supported: true, article: cleaned };
    }
    default:
      return {
        mediaType,
        supported: false,
        article: fail(`unsupported content (${mediaType}): Chronicle captures HTML, plain text and PDF`),
      };
  }
}
