/**
 * A minimal, fast element tree for the HTML cleaner, built straight from htmlparser2's
 * SAX callbacks (no full DOM: we only need tags, attributes, text and parents).
 * Every walk over it is iterative, so 10,000 nested elements cannot blow the stack.
 *
 *   parseHtmlTree('<p class="x">Hi <b>there</b></p>')
 *   // -> root { children: [ El p { attrs: { class: 'x' }, children: ['Hi ', El b] } ] }
 */
import { Parser } from 'htmlparser2';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: El | null;
  /** Depth from the root, for bounded ancestor walks. */
  depth: number;
  /** Cached `classWords` result. */
  words?: string[];
}
export type Node = El | string;

/** Elements whose content is never page text. */
const RAW_TAGS = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Parses HTML into an El tree; the root has tag '#root'. Never throws on malformed input. */
export function parseHtmlTree(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [], parent: null, depth: 0 };
  let current = root;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: El = { tag: name, attrs: attribs, children: [], parent: current, depth: current.depth + 1 };
        current.children.push(el);
        current = el;
      },
      onclosetag(name) {
        // htmlparser2 balances tags itself; walk up to the matching element to stay in step.
        let el: El | null = current;
        while (el && el.tag !== name) el = el.parent;
        if (el && el.parent) current = el.parent;
      },
      ontext(data) {
        const kids = current.children;
        const last = kids[kids.length - 1];
        if (typeof last === 'string') kids[kids.length - 1] = last + data;
        else kids.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

export function isEl(n: Node): n is El {
  return typeof n !== 'string';
}

/** Pre-order traversal without recursion; `visit` returns false to skip an element's subtree. */
export function walk(root: El, visit: (el: El) => boolean | void): void {
  const stack: El[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (visit(el) === false) continue;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (typeof k !== 'string') stack.push(k);
    }
  }
}

/** All elements with one of the given tags, in document order. */
export function findAll(root: El, tags: ReadonlySet<string> | string): El[] {
  const out: El[] = [];
  const match = typeof tags === 'string' ? (t: string) => t === tags : (t: string) => tags.has(t);
  walk(root, (el) => {
    if (match(el.tag)) out.push(el);
  });
  return out;
}

/** Raw text of an element (script contents included); iterative. */
export function rawText(el: El): string {
  let out = '';
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Visible-ish text of an element: skips scripts/styles, collapses whitespace. */
export function textOf(el: El): string {
  let out = '';
  const stack: Node[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    if (n !== el && RAW_TAGS.has(n.tag)) continue;
    if (n.tag === 'br' || BLOCK_TAGS.has(n.tag)) out += ' ';
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return collapse(out);
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ').trim();
}

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'caption', 'legend', 'option', 'select', 'br',
]);

export { RAW_TAGS };

/** Lower-cased class + id words, split on separators and camelCase ("articleBody" -> article, body). */
export function classWords(el: El): string[] {
  if (el.words) return el.words;
  const id = el.attrs.id ?? '';
  const raw = `${el.attrs.class ?? ''} ${isHeadingSlug(el, id) ? '' : id}`;
  if (raw.length < 2) return (el.words = []);
  return (el.words = raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean));
}

const slug = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');

/**
 * An id made from the section's own heading ("sharing-with-multiple-developers" on a section
 * titled "Sharing with multiple developers"), as documentation generators and wikis write
 * them: it names the text, not a widget, so its words say nothing about furniture.
 */
function isHeadingSlug(el: El, id: string): boolean {
  if (id.split(/[-_]+/).length < 3) return false;
  const target = slug(id);
  const queue: El[] = [el];
  for (let seen = 0; queue.length && seen < 12; seen++) {
    const e = queue.shift()!;
    if (/^h[1-6]$/.test(e.tag)) {
      const h = slug(textOf(e));
      return h.length > 0 && (h === target || h.startsWith(target) || target.startsWith(h));
    }
    for (const k of e.children) if (typeof k !== 'string') queue.push(k);
  }
  return false;
}
