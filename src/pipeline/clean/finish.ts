import type { Article, Credit, Paragraph, PublishedAt } from '../../domain/article.js';
import { endsWithPaywallMarker, isBoilerplateText, isPaywallText } from './boilerplate.js';
import { estimatePublishedAt } from './date-estimate.js';
import { detectLanguage } from './language.js';
import { countWords, fixDropCap } from './text-drop-cap.js';
import { findPullQuotes } from './text-pull-quote.js';

/**
 * What a format-specific cleaner (HTML, plain text, PDF) hands over: the parts it found,
 * body blocks in reading order. `finishArticle` does the format-independent rest.
 */
export interface ArticleDraft {
  title: string | null;
  subtitle: string | null;
  byline: string | null;
  /** From page metadata when the page states it; null lets finishArticle estimate one. */
  publishedAt: PublishedAt | null;
  /** Declared language (html lang, Content-Language), used when detection is unsure. */
  languageHint: string | null;
  /** Body paragraphs in reading order, as plain text. */
  blocks: string[];
  credits: Credit[];
}

/** Invisible or layout-only characters: zero-width spaces, BOM, soft hyphen, C0/C1 controls. */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** Collapse whitespace runs, NBSP -> space, trim; the text is otherwise kept exactly. */
export function normaliseWhitespace(s: string): string {
  return s.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

function normaliseNullable(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const t = normaliseWhitespace(s);
  return t === '' ? null : t;
}

/** Ends like a finished sentence: . ! ? and closing quotes/brackets after them. */
const TERMINAL = /[.!?。！？»”"’')\]]$/u;

function looksTruncated(lastBlock: string | undefined): boolean {
  if (lastBlock === undefined) return false;
  if (endsWithPaywallMarker(lastBlock)) return true;
  return !TERMINAL.test(lastBlock);
}

function sameText(a: string, b: string | null): boolean {
  return b !== null && a.toLowerCase() === b.toLowerCase();
}

/**
 * The format-independent end of cleaning:
 * - whitespace normalised in every block; empty and boilerplate blocks dropped
 *   (a leading repeat of the title/subtitle and repeats of photo captions too);
 * - drop-cap artefacts at paragraph starts repaired ("U .S." -> "U.S.", "T he" -> "The");
 * - pull quotes (short blocks repeating a passage of a longer one) removed;
 * - `truncated` when the body ends mid-sentence or at a paywall marker/notice;
 * - language detected with franc (declared language for short or undetectable text);
 * - paragraph offsets into `text` (blocks joined by a blank line);
 * - a missing publication date estimated from the text as an interval.
 *
 *   finishArticle({ title: 'T', subtitle: null, byline: null, publishedAt: null,
 *     languageHint: 'en-US', credits: [], blocks: ['T he court ruled.', 'Related Articles'] })
 *   // text 'The court ruled.', paragraphs [{start: 0, end: 16}], language 'en', truncated false
 */
export function finishArticle(draft: ArticleDraft): Article {
  const title = normaliseNullable(draft.title);
  const subtitle = normaliseNullable(draft.subtitle);
  const byline = normaliseNullable(draft.byline);
  const credits: Credit[] = [];
  for (const c of Array.isArray(draft.credits) ? draft.credits : []) {
    const caption = normaliseNullable(c?.caption);
    const credit = normaliseNullable(c?.credit);
    if (caption === null && credit === null) continue;
    credits.push({ ...(caption !== null ? { caption } : {}), ...(credit !== null ? { credit } : {}) });
  }
  const captionTexts = new Set<string>();
  for (const c of credits) {
    if (c.caption) captionTexts.add(c.caption.toLowerCase());
    if (c.caption && c.credit) captionTexts.add(`${c.caption} ${c.credit}`.toLowerCase());
  }

  let blocks: string[] = [];
  let paywallAfterBody = false;
  for (const raw of Array.isArray(draft.blocks) ? draft.blocks : []) {
    if (typeof raw !== 'string') continue;
    const b = normaliseWhitespace(raw);
    if (!/[\p{L}\p{N}]/u.test(b)) continue; // empty, or a separator like "* * *"
    if (isBoilerplateText(b)) {
      if (isPaywallText(b)) paywallAfterBody = true;
      continue;
    }
    if (blocks.length <= 1 && (sameText(b, title) || sameText(b, subtitle))) continue;
    if (captionTexts.has(b.toLowerCase())) continue;
    blocks.push(b);
    paywallAfterBody = false;
  }

  const words = countWords(blocks);
  blocks = blocks.map((b) => fixDropCap(b, words));
  const pullQuotes = findPullQuotes(blocks);
  blocks = blocks.filter((_, i) => !pullQuotes.has(i));

  const paragraphs: Paragraph[] = [];
  let text = '';
  for (const b of blocks) {
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + b.length });
    text += b;
  }

  const truncated = paywallAfterBody || looksTruncated(blocks[blocks.length - 1]);
  const detectionText = text.length >= 200 ? text : [title, subtitle, text].filter(Boolean).join('\n\n');
  const language = detectLanguage(detectionText, draft.languageHint ?? null);
  const publishedAt =
    draft.publishedAt ?? estimatePublishedAt([title, subtitle, text].filter(Boolean).join('\n\n'), language);

  return { title, subtitle, byline, publishedAt, language, text, paragraphs, credits, truncated };
}
