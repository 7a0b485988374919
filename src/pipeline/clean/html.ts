/**
 * HTML cleaner: a captured HTML page -> Article (title, dek, byline, date, language hint,
 * body paragraphs in reading order, photo captions/credits kept out of the body).
 *
 *   cleanHtml('<html lang="en"><h1>Police detain activist</h1><article><p>ALMATY — Police
 *     detained ...</p><figure><figcaption>Photo: AP</figcaption></figure></article></html>')
 *   // -> ok({ title: 'Police detain activist', text: 'ALMATY — Police detained ...',
 *   //         credits: [{ caption: 'Photo: AP' }], language: 'en', ... })
 *
 * Returns fail(reason) when the page holds no article text. Never throws: a malformed page
 * is normal input. Parsing is htmlparser2 SAX into a small tree (`html-dom.ts`); metadata
 * in `html-metadata.ts`; blocks in `html-blocks.ts`; choice of blocks in `html-scoring.ts`.
 */
import type { Article } from '../../domain/article.js';
import { type Result, fail, ok } from '../../domain/result.js';
import { isBoilerplateText } from './boilerplate.js';
import { finishArticle } from './finish.js';
import { extractBlocks } from './html-blocks.js';
import { parseHtmlTree } from './html-dom.js';
import { readMetadata } from './html-metadata.js';
import { findNotes } from './html-notes.js';
import { chooseContainer, clearFalseAlarms, markListings, selectBlocks, widenContainer } from './html-scoring.js';

export interface CleanHtmlOptions {
  /** Page URL, for provenance and relative links (not used for site-specific rules: there are none). */
  url?: string;
  /** Declared language from the capture (e.g. Content-Language), used when the page declares none. */
  languageHint?: string | null;
}

/** Minimum body size: below this the page is a stub, index or error page, not an article. */
const MIN_BODY_CHARS = 20;
/** A page with no more visible text than this is taken whole when no article stands out. */
const SMALL_PAGE_CHARS = 200;

export function cleanHtml(html: string, options: CleanHtmlOptions = {}): Result<Article> {
  try {
    if (typeof html !== 'string' || !html.trim()) return fail('empty page');
    const root = parseHtmlTree(html);
    const meta = readMetadata(root);
    const scan = extractBlocks(root);
    const listings = markListings(scan.blocks);
    const blocks = clearFalseAlarms(scan.blocks.filter((b) => !listings.has(b)));
    if (!blocks.length) return fail('no text in page');
    const container = chooseContainer(blocks, root);
    const chosen = selectBlocks(blocks, widenContainer(blocks, container), {
      title: meta.title,
      byline: meta.byline,
      subtitle: meta.subtitle,
      isBoilerplate: isBoilerplateText,
    });
    // Footnotes and references the kept text points to are part of it, wherever they sit.
    const notes = findNotes(scan.blocks, chosen, root, isBoilerplateText);
    let text = (notes.length ? [...chosen, ...notes] : chosen).map((b) => b.text);
    if (text.join(' ').length < MIN_BODY_CHARS) {
      // A page that holds only a line or two of plain text (a note, a test page) is all body;
      // a stub whose little text is links, headings of nothing or an error is not.
      const all = blocks.filter((b) => b.negatives.length === 0);
      const chars = all.reduce((n, b) => n + b.text.length, 0);
      const links = all.reduce((n, b) => n + b.linkChars, 0);
      if (chars === 0 || chars > SMALL_PAGE_CHARS || links > 0.3 * chars) return fail('no article text found');
      text = all.map((b) => b.text);
    }
    const subtitle = meta.subtitle && !text.includes(meta.subtitle) ? meta.subtitle : null;
    const article = finishArticle({
      title: meta.title,
      subtitle,
      byline: meta.byline,
      publishedAt: meta.publishedAt,
      languageHint: meta.languageHint ?? options.languageHint ?? null,
      blocks: text,
      credits: scan.credits,
    });
    return article.text ? ok(article) : fail('no article text found');
  } catch (err) {
    return fail(`html cleaner error: ${err instanceof Error ? err.message : String(err)}`);
  }
}
