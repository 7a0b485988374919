import type { JSX } from 'preact';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|#39|amp);/g, (m) => ENTITIES[m] ?? m);
}

/**
 * A search snippet: server-escaped text with matches in <mark>…</mark>. It is split on
 * those two tags and rendered as text and <mark> elements, never as HTML, so nothing in
 * a captured document can become markup here even if the server's escaping failed.
 */
export function Snippet({ html }: { html: string }) {
  const parts: (string | JSX.Element)[] = [];
  let marked = false;
  let key = 0;
  for (const piece of html.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push(marked ? <mark key={key++}>{decode(piece)}</mark> : decode(piece));
  }
  return <span class="snippet">{parts}</span>;
}
