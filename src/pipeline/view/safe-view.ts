import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';

/**
 * A captured page made safe to show inside Chronicle. Captured HTML is hostile: it may
 * carry script, event handlers, `javascript:` links, frames, `<meta http-equiv=refresh>`,
 * SVG with script, CSS `url()` and tracking pixels, and a single request to another origin
 * would hand the monitor's address to the people being documented. So the view keeps text
 * and its structure only — paragraphs, headings, emphasis, lists, tables, quotes — and
 * nothing that can run or load: no images, media, frames, scripts, styles, forms, meta,
 * SVG/MathML, no `style`, `class`, `id`, `src` or `href` attributes at all. Links become
 * inert text (the address stays readable in a `title`, to be copied on purpose).
 *
 * The sanitiser is the first wall; the CSP sent with the view (`SAFE_VIEW_CSP`) is the
 * second: nothing may load (`default-src 'none'`), only Chronicle's own stylesheet applies
 * (allowed by its hash, not 'unsafe-inline'), and the document is sandboxed (no script,
 * no forms, no popups, an opaque origin) even if something slipped through.
 *
 *   renderSafeView({ kind: 'html', html: '<p onclick="x()">Hi <img src="//t.example/p.gif"><a href="https://e.example">there</a></p>' })
 *   // '<!doctype html>…<body><p>Hi <span title="https://e.example">there</span></p></body></html>'
 */

const ALLOWED_TAGS = [
  ...['p', 'br', 'hr', 'div', 'span', 'section', 'article', 'header', 'footer', 'main', 'aside', 'address', 'figure', 'figcaption'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'q', 'cite', 'abbr', 'dfn', 'time'],
  ...['b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'small', 'mark'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd'],
  ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col'],
];

/** Elements dropped with everything inside them (their text is code, chrome or fallback, not the article). */
const DROPPED_WITH_CONTENT = [
  ...['script', 'style', 'xmp', 'noscript', 'template', 'head', 'title', 'textarea', 'option', 'select', 'button'],
  ...['svg', 'math', 'iframe', 'frame', 'frameset', 'noframes', 'object', 'embed', 'noembed', 'applet', 'canvas', 'audio', 'video', 'map'],
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': ['title', 'lang', 'dir'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'reversed'],
    time: ['datetime'],
  },
  // No attribute that takes a URL is allowed, and no scheme either, belt and braces.
  allowedSchemes: [],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    // A link becomes its text; an http(s) address is shown on hover, never followed.
    a: (_tag, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? '';
      return { tagName: 'span', attribs: /^https?:\/\//i.test(href) ? { title: href } : {} };
    },
  },
  nestingLimit: 200,
};

/** The only style the view has: readable text, no fetches (no fonts, no images, no url()). */
const STYLE =
  'body{font:16px/1.55 system-ui,sans-serif;max-width:46em;margin:1.5em auto;padding:0 1em;color:#1b1b1b;background:#fff}' +
  'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .4em}' +
  'span[title]{text-decoration:underline dotted}pre{white-space:pre-wrap}';

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/**
 * The Content-Security-Policy the view must be served with. `frame-ancestors 'self'` lets
 * Chronicle's own pages (only) show it in an `<iframe sandbox>`.
 */
export const SAFE_VIEW_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox`;

export type SafeViewInput = { kind: 'html'; html: string } | { kind: 'text'; text: string };

/** Only the structure and text of captured HTML survive (see the module comment). */
export function sanitizeCapturedHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A whole document: the sanitised page, or a text (plain-text and PDF sources) escaped, one paragraph per block. */
export function renderSafeView(input: SafeViewInput, options: { title?: string | null; lang?: string | null } = {}): string {
  const body =
    input.kind === 'html'
      ? sanitizeCapturedHtml(input.html)
      : input.text
          .split(/\n\s*\n/)
          .map((block) => block.trim())
          .filter(Boolean)
          .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
          .join('\n');
  const lang = options.lang && /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(options.lang) ? ` lang="${options.lang}"` : '';
  return `<!doctype html>
<html${lang}><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? 'Captured page')}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
