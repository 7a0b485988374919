/**
 * Notes of the article: footnotes, endnotes and references that the kept text points to with
 * in-page note markers (`<sup><a href="#fn3">[3]</a></sup>` -> `<li id="fn3">…</li>`). They
 * are the article's sources and asides, whatever their list looks like (a link-heavy
 * citation list scores as furniture) and wherever the page keeps them (after the body, in a
 * sibling of the article container), so they join the body after container choice.
 *
 * The signal is the page's own markup, not a site's names: a link from the kept text whose
 * text is a note marker (a number, a letter, a roman numeral, an asterisk or dagger, with or
 * without brackets) and whose target is an element of the page with that id (or <a name>).
 *
 *   findNotes(allBlocks, keptBlocks, root, isBoilerplateText)
 *   // -> [heading "References", "^ Smith, J. (2019). Title. Publisher.", ...] in page order
 */
import { type El, BLOCK_TAGS, classWords, textOf, walk } from './html-dom.js';
import { type Block, THREAD_WORDS } from './html-blocks.js';

/** A footnote marker's text: "3", "[3]", "(a)", "iv", "*", "†", "[note 2]". */
const MARKER = /^[[(]?\s*(?:(?:note|n\.?|fn\.?)\s*)?(?:\d{1,4}[a-z]?|[a-z]|[ivxlc]{1,6}|[*†‡§¶]{1,3})\s*[\])]?$/i;
/** Longest single note: more than this is a section of the page (comments, a chapter), not a note. */
const NOTE_MAX = 2000;
const HEADING = /^h[1-6]$/;
/** Names of sections that are never notes, whatever links to them ("5" -> #comments). */
const NOT_NOTES = new Set([...THREAD_WORDS, 'respond', 'nav', 'navigation', 'menu']);
const STRUCTURAL = new Set(['html', 'body', 'main', 'article', '#root']);

function blockOwner(el: El): El {
  let p: El | null = el;
  while (p && !BLOCK_TAGS.has(p.tag)) p = p.parent;
  return p ?? el;
}

function within(el: El, container: El): boolean {
  for (let p: El | null = el; p; p = p.parent) if (p === container) return true;
  return false;
}

/** Ids that note markers inside the kept blocks point to. */
function markerTargets(kept: readonly Block[]): Set<string> {
  const ids = new Set<string>();
  const owners = new Set<El>(kept.map((b) => b.owner));
  for (const owner of owners) {
    // The owner's own inline content; nested block elements are owners of their own.
    const stack: El[] = [owner];
    while (stack.length) {
      const el = stack.pop()!;
      if (el.tag === 'a') {
        // "#fn3", or the page's own address with it (saved and absolutised pages); the
        // target must be on this page, which findNotes checks.
        const href = el.attrs.href ?? '';
        const hash = href.indexOf('#');
        if (hash >= 0 && hash < href.length - 1 && MARKER.test(textOf(el))) {
          let id = href.slice(hash + 1);
          try {
            id = decodeURIComponent(id);
          } catch {
            /* keep it raw */
          }
          ids.add(id);
        }
        continue;
      }
      for (const k of el.children) if (typeof k !== 'string' && (k === owner || !BLOCK_TAGS.has(k.tag) || k.tag === 'br')) stack.push(k);
    }
  }
  return ids;
}

/**
 * The note blocks to add after the kept blocks, in page order: the blocks of each marker's
 * target (its nearest block element), unless already kept, boilerplate, inside a comment
 * thread or a menu, or too long to be a note; a heading right before the
 * first note ("Notes", "References") comes with them.
 */
export function findNotes(all: readonly Block[], kept: readonly Block[], root: El, isBoilerplate: (t: string) => boolean): Block[] {
  if (!kept.length) return [];
  const ids = markerTargets(kept);
  if (!ids.size) return [];
  const targets = new Set<El>();
  walk(root, (el) => {
    const id = el.attrs.id ?? (el.tag === 'a' ? el.attrs.name : undefined);
    if (id !== undefined && ids.has(id)) targets.add(blockOwner(el));
  });
  if (!targets.size) return [];
  const keptOwners = new Set<El>(kept.map((b) => b.owner));
  // A target that holds kept text is a section of the article, not a note.
  const notes = new Set(
    [...targets].filter((t) => {
      for (const o of keptOwners) if (within(o, t)) return false;
      for (let p: El | null = t; p; p = p.parent) if (!STRUCTURAL.has(p.tag) && classWords(p).some((w) => NOT_NOTES.has(w))) return false;
      return true;
    }),
  );
  if (!notes.size) return [];
  const keptKey = new Set(kept.map((b) => b.text));
  const out: Block[] = [];
  const size = new Map<El, number>();
  let first = -1;
  for (let i = 0; i < all.length; i++) {
    const b = all[i]!;
    let note: El | null = null;
    for (let p: El | null = b.owner; p; p = p.parent) {
      if (targets.has(p)) {
        note = p;
        break;
      }
    }
    if (!note || !notes.has(note) || keptKey.has(b.text) || isBoilerplate(b.text)) continue;
    const n = (size.get(note) ?? 0) + b.text.length;
    size.set(note, n);
    if (n > NOTE_MAX) continue;
    if (first < 0) first = i;
    out.push(b);
  }
  if (!out.length) return [];
  const before = first > 0 ? all[first - 1]! : null;
  if (before && HEADING.test(before.tag) && !keptKey.has(before.text)) out.unshift(before);
  return out;
}
