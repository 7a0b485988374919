import type { JSX } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';

export type AnnotationKind = 'person' | 'org' | 'place' | 'date' | 'event' | 'evidence' | 'target' | 'focus';

export interface Annotation {
  start: number;
  end: number;
  kind: AnnotationKind;
  /** Shown on hover: "Person: Nursultan Nazarbayev". */
  label?: string;
}

export interface TextSelection {
  start: number;
  end: number;
  quote: string;
}

/**
 * The article body with highlighted spans. Offsets are JavaScript string indices into
 * `text`. Overlapping annotations are flattened into segments; every segment is one
 * element with one text node and its offset in `data-o`, which is how a selection in the
 * page is turned back into character offsets (for coding a violation from a passage).
 */
export function ArticleText(props: {
  text: string;
  paragraphs: { start: number; end: number }[];
  annotations: Annotation[];
  onSelect: (sel: TextSelection | null) => void;
  /** Scrolls to and focuses the first segment of this kind when it changes. */
  scrollTo?: { kind: AnnotationKind; key: string } | null;
}) {
  const root = useRef<HTMLDivElement>(null);
  const paragraphs = useMemo(() => (props.paragraphs.length ? props.paragraphs : splitParagraphs(props.text)), [props.paragraphs, props.text]);

  const rendered = useMemo(() => {
    const sorted = props.annotations.filter((a) => a.end > a.start).sort((a, b) => a.start - b.start);
    return paragraphs.map((p) => renderParagraph(props.text, p, sorted));
  }, [props.text, paragraphs, props.annotations]);

  useEffect(() => {
    if (!props.scrollTo) return;
    const el = root.current?.querySelector<HTMLElement>(`.hl-${props.scrollTo.kind}`);
    if (el) {
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
    }
  }, [props.scrollTo?.key, rendered]);

  useEffect(() => {
    const onSelection = () => {
      const sel = document.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !root.current) return props.onSelect(null);
      const range = sel.getRangeAt(0);
      if (!root.current.contains(range.commonAncestorContainer)) return;
      let start = offsetAt(range.startContainer, range.startOffset, 'start');
      let end = offsetAt(range.endContainer, range.endOffset, 'end');
      if (start === null || end === null) return props.onSelect(null);
      if (start > end) [start, end] = [end, start];
      while (start < end && /\s/.test(props.text[start]!)) start++;
      while (end > start && /\s/.test(props.text[end - 1]!)) end--;
      props.onSelect(end > start ? { start, end, quote: props.text.slice(start, end) } : null);
    };
    let timer = 0;
    const debounced = () => {
      clearTimeout(timer);
      timer = window.setTimeout(onSelection, 120);
    };
    document.addEventListener('selectionchange', debounced);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', debounced);
    };
  }, [props.text, props.onSelect]);

  return (
    <div class="article-text" ref={root} data-testid="article-text">
      {rendered}
    </div>
  );
}

function renderParagraph(text: string, p: { start: number; end: number }, sorted: Annotation[]): JSX.Element {
  const inside = sorted.filter((a) => a.start < p.end && a.end > p.start);
  const cuts = new Set<number>([p.start, p.end]);
  for (const a of inside) {
    cuts.add(Math.max(a.start, p.start));
    cuts.add(Math.min(a.end, p.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: JSX.Element[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const covering = inside.filter((a) => a.start <= s && a.end >= e);
    const chunk = text.slice(s, e);
    if (covering.length === 0) {
      parts.push(
        <span key={s} data-o={s} data-e={e}>
          {chunk}
        </span>,
      );
    } else {
      const kinds = [...new Set(covering.map((a) => a.kind))];
      const title = covering
        .map((a) => a.label)
        .filter(Boolean)
        .join(' · ');
      parts.push(
        <mark key={s} data-o={s} data-e={e} class={`hl ${kinds.map((k) => `hl-${k}`).join(' ')}`} title={title || undefined} data-kinds={kinds.join(' ')}>
          {chunk}
        </mark>,
      );
    }
  }
  const isHeading = p.end - p.start < 90 && !/[.!?:;"”»]$/.test(text.slice(p.start, p.end).trim()) && p.start > 0;
  return (
    <p key={p.start} class={`para${isHeading ? ' para-short' : ''}`} data-ps={p.start}>
      {parts}
    </p>
  );
}

export function splitParagraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\n\s*\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ start: last, end: m.index });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ start: last, end: text.length });
  return out.filter((p) => text.slice(p.start, p.end).trim());
}

/** The text offset of a DOM boundary point inside the rendered article. */
function offsetAt(node: Node, offset: number, side: 'start' | 'end'): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement?.closest<HTMLElement>('[data-o]');
    if (!seg) return null;
    return Number(seg.dataset.o) + offset;
  }
  const el = node as Element;
  if (el.hasAttribute?.('data-o')) {
    const he = el as HTMLElement;
    return offset === 0 ? Number(he.dataset.o) : Number(he.dataset.e);
  }
  const children = el.childNodes;
  if (offset < children.length) {
    const first = firstSegment(children[offset]!);
    if (first) return Number(first.dataset.o);
  }
  // After the last child: the end of the last segment before this point.
  for (let i = Math.min(offset, children.length) - 1; i >= 0; i--) {
    const last = lastSegment(children[i]!);
    if (last) return Number(last.dataset.e);
  }
  return side === 'start' ? 0 : null;
}

function firstSegment(n: Node): HTMLElement | null {
  if (n.nodeType !== Node.ELEMENT_NODE) return n.parentElement?.closest<HTMLElement>('[data-o]') ?? null;
  const el = n as HTMLElement;
  return el.hasAttribute('data-o') ? el : el.querySelector<HTMLElement>('[data-o]');
}

function lastSegment(n: Node): HTMLElement | null {
  if (n.nodeType !== Node.ELEMENT_NODE) return n.parentElement?.closest<HTMLElement>('[data-o]') ?? null;
  const el = n as HTMLElement;
  if (el.hasAttribute('data-o')) return el;
  const all = el.querySelectorAll<HTMLElement>('[data-o]');
  return all.length ? all[all.length - 1]! : null;
}
