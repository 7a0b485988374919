import * as chrono from 'chrono-node';
import type { Article, Credit, PublishedAt } from '../../domain/article.js';
import { fail, ok, type Result } from '../../domain/result.js';
import { isBoilerplateText } from './boilerplate.js';
import { finishArticle, normaliseWhitespace } from './finish.js';
import { splitCaptionCredit } from './text-caption.js';

/**
 * Cleans a captured plain-text document (a scraped page saved as text: blank-line-separated
 * blocks) into an Article.
 *
 * The head of the document is read block by block until the body starts:
 * - site chrome (isBoilerplateText) is dropped;
 * - a photo caption ending in a credit becomes `credits` (anywhere in the document);
 * - "By Name" / "Автор: Name" becomes the byline; a line that is only a date, the date;
 * - the first short line without terminal punctuation is the title, a short unpunctuated line
 *   right after it the subtitle.
 * Lines inside a block are joined when they are hard-wrapped (a long line without terminal
 * punctuation, a hyphen, a lower-case continuation); otherwise each line is its own block.
 * The rest goes to `finishArticle`.
 *
 *   cleanPlainText('Title Here\n\nSub title\n\nBody sentence one. Body two.')
 *   // ok: title 'Title Here', subtitle 'Sub title', text 'Body sentence one. Body two.'
 *
 * Fails (never throws) on empty input, binary data (NUL bytes) or garbled text.
 */

export interface CleanPlainTextOptions {
  /** Declared language of the source ('en', 'ru-RU', …), used when detection is unsure. */
  languageHint?: string | null;
}

const TERMINAL = /[.!?…:;,]$/u;
const MAX_TITLE = 200;
const MAX_SUBTITLE = 300;
/** How many leading blocks may be title/subtitle/byline/date/caption before the body. */
const MAX_HEAD = 10;

/** Control characters that do not occur in text (tab, newlines and form feed do). */
const GARBAGE = /[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g;

function validate(text: unknown): string | null {
  if (typeof text !== 'string') return 'not a text document';
  if (text.includes('\u0000')) return 'binary data: the document contains NUL bytes';
  const garbage = (text.match(GARBAGE) ?? []).length;
  if (garbage > Math.max(3, text.length * 0.01)) {
    return `garbled text: ${garbage} control or undecodable characters (binary data or a wrong encoding)`;
  }
  if (text.trim() === '') return 'empty document';
  return null;
}

function endsSentence(line: string): boolean {
  return /[.!?…»”"')\]]$/u.test(line);
}

/** Split into blocks: blank lines separate; lines inside a chunk join only when hard-wrapped. */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  const chunks = text.replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0\f\v]*\n/);
  for (const chunk of chunks) {
    let current = '';
    for (const rawLine of chunk.split('\n')) {
      const line = normaliseWhitespace(rawLine);
      if (line === '') continue;
      if (current === '') {
        current = line;
        continue;
      }
      const wrapped =
        !isBoilerplateText(line) &&
        !isBoilerplateText(current) &&
        (/\p{L}-$/u.test(current) || /^\p{Ll}/u.test(line) || (current.length >= 50 && !endsSentence(current)));
      if (wrapped) {
        current += /\p{L}-$/u.test(current) ? line : ' ' + line;
      } else {
        blocks.push(current);
        current = line;
      }
    }
    if (current !== '') blocks.push(current);
  }
  return blocks;
}

function isHeadingLike(block: string, max: number): boolean {
  if (block.length > max || block.split(/\s+/).length > 30) return false;
  if (!/^[\p{Lu}\p{N}"“«‘'(]/u.test(block) || !/\p{L}/u.test(block)) return false;
  return !TERMINAL.test(block);
}

const BYLINE = /^(?:by|автор(?:ы)?(?: материала)?|текст)\s*[:：]?\s+(.{2,120})$/iu;

function parseByline(block: string): string | null {
  const m = BYLINE.exec(block);
  if (!m || !m[1]) return null;
  const name = m[1].trim();
  const words = name.split(/\s+/);
  if (words.length > 12 || (/[.!?]$/.test(name) && !/\b\p{Lu}\.$/u.test(name))) return null;
  // Names: most words capitalised (joiners like "and", "и", "de" allowed).
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised >= Math.ceil(words.length / 2) ? name : null;
}

const DATE_LABEL = /^(?:published|posted|updated|date|опубликовано|обновлено|дата публикации|жарияланды)\s*[:：]?\s*/iu;

/** A block that is only a date ("December 20, 2016", "20 декабря 2016, 14:05") -> that day. */
function parseDateLine(block: string): PublishedAt | null {
  if (block.length > 60) return null;
  const body = block.replace(DATE_LABEL, '');
  for (const parser of [chrono.en.casual, chrono.ru.casual]) {
    let results: chrono.ParsedResult[];
    try {
      results = parser.parse(body, new Date(Date.UTC(2000, 0, 1, 12)));
    } catch {
      continue;
    }
    const r = results[0];
    if (!r || r.text.length < body.replace(/[\s,|–—-]*\d{1,2}:\d{2}.*$/, '').length * 0.8) continue;
    const s = r.start;
    if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
    const pad = (n: number) => String(n).padStart(2, '0');
    return { value: `${s.get('year')}-${pad(s.get('month') ?? 1)}-${pad(s.get('day') ?? 1)}`, estimated: false };
  }
  return null;
}

export function cleanPlainText(text: string, options: CleanPlainTextOptions = {}): Result<Article> {
  const problem = validate(text);
  if (problem) return fail(problem);
  const clean = text.replace(/^\ufeff/, '').replace(GARBAGE, '');
  const blocks = splitBlocks(clean);

  let title: string | null = null;
  let subtitle: string | null = null;
  let byline: string | null = null;
  let publishedAt: PublishedAt | null = null;
  const credits: Credit[] = [];
  const body: string[] = [];

  let inHead = true;
  let headSeen = 0;
  let previousWasTitle = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] ?? '';
    const isLast = i === blocks.length - 1;
    if (isBoilerplateText(b)) {
      body.push(b); // finishArticle drops it, and reads paywall notices among it
      continue;
    }
    const credit = splitCaptionCredit(b);
    if (credit) {
      credits.push(credit);
      previousWasTitle = false;
      continue;
    }
    if (inHead && headSeen < MAX_HEAD) {
      headSeen++;
      const name: string | null = byline === null ? parseByline(b) : null;
      if (name) {
        byline = name;
        previousWasTitle = false;
        continue;
      }
      const date: PublishedAt | null = publishedAt === null ? parseDateLine(b) : null;
      if (date) {
        publishedAt = date;
        previousWasTitle = false;
        continue;
      }
      if (title === null && !isLast && isHeadingLike(b, MAX_TITLE)) {
        title = b;
        previousWasTitle = true;
        continue;
      }
      if (previousWasTitle && subtitle === null && !isLast && isHeadingLike(b, MAX_SUBTITLE)) {
        subtitle = b;
        previousWasTitle = false;
        continue;
      }
      inHead = false;
    }
    previousWasTitle = false;
    body.push(b);
  }

  const article = finishArticle({
    title, subtitle, byline, publishedAt, credits, blocks: body,
    languageHint: options.languageHint ?? null,
  });
  if (article.text === '' && article.title === null) return fail('no article text: only site boilerplate');
  return ok(article);
}
