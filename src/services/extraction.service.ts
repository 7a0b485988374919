import { AppError } from '../domain/errors.js';
import { isIsoDay, type Extraction, type ExtractionLanguage } from '../domain/extraction.js';
import { acquire } from '../pipeline/capture/acquire.js';
import { extractArticle, isSupportedLanguage, SUPPORTED_LANGUAGES } from '../pipeline/extract/extract.js';
import type { CaptureService, CaptureSettings } from './capture.service.js';

export interface ExtractSettings {
  /** How inputs are read (size limits, fetch options); used with and without `raw`. */
  capture: CaptureSettings;
  /** Take each input as clean plain text exactly as given: no cleaning, offsets index the input. */
  raw: boolean;
  lang?: ExtractionLanguage;
  /** Reference date YYYY-MM-DD for relative and year-less dates. */
  date?: string;
}

/** What one input became. `error` is set exactly when nothing was extracted. */
export type ExtractionOutcome =
  | { input: string; ok: true; extraction: Extraction }
  | { input: string; ok: false; error: string };

/** Options as typed by a person: checked once, before any input is read. */
export function parseExtractOptions(options: { lang?: string; date?: string }): { lang?: ExtractionLanguage; date?: string } {
  const out: { lang?: ExtractionLanguage; date?: string } = {};
  if (options.lang !== undefined) {
    const lang = options.lang.trim().toLowerCase();
    if (!isSupportedLanguage(lang)) {
      throw new AppError('INVALID_INPUT', `--lang must be one of ${SUPPORTED_LANGUAGES.join(', ')}, got "${options.lang}"`);
    }
    out.lang = lang;
  }
  if (options.date !== undefined) {
    if (!isIsoDay(options.date)) throw new AppError('INVALID_INPUT', `--date must be a calendar date YYYY-MM-DD, got "${options.date}"`);
    out.date = options.date;
  }
  return out;
}

/**
 * Extraction without storing: reads an input (capture+clean with nothing written, or the
 * raw text as given) and runs the extract stage on it. Models load once per process, so a
 * long list of inputs pays for them once.
 */
export class ExtractionService {
  constructor(private readonly captures: CaptureService) {}

  async extract(input: string, settings: ExtractSettings): Promise<ExtractionOutcome> {
    const options = { ...(settings.lang ? { lang: settings.lang } : {}), ...(settings.date ? { date: settings.date } : {}) };
    if (settings.raw) {
      const acquired = await acquire(input, settings.capture.acquire);
      if (!acquired.ok) return { input, ok: false, error: acquired.reason };
      const text = acquired.value.bytes.toString('utf8');
      const result = extractArticle(text, options);
      return result.ok ? { input, ok: true, extraction: result.value } : { input, ok: false, error: result.reason };
    }
    const captured = await this.captures.capture(input, settings.capture, { store: false });
    if (!captured.ok) return { input, ok: false, error: captured.error };
    const article = captured.article;
    if (!article) return { input, ok: false, error: captured.cleanError ?? 'no readable text' };
    const result = extractArticle(article.text, { ...options, publishedAt: article.publishedAt, languageHint: article.language });
    return result.ok ? { input, ok: true, extraction: result.value } : { input, ok: false, error: result.reason };
  }
}
