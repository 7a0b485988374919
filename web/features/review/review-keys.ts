import { useEffect, useRef } from 'preact/hooks';
import { isTyping } from '../../lib/keys.js';
import type { CardHandle } from './suggestion-card.js';

/**
 * Review shortcuts over a list of suggestion cards: j / k move, a accepts, r rejects,
 * e edits, o or Enter opens. Ignored while typing in a field or when a dialog is open.
 */
export function useReviewKeys(opts: { count: number; index: number; setIndex: (i: number) => void; open?: (i: number) => void; enabled?: boolean }) {
  const handle = useRef<CardHandle | null>(null);
  const o = useRef(opts);
  o.current = opts;
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const { count, index, setIndex, open, enabled } = o.current;
      if (enabled === false || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || count === 0) return;
      const tag = (e.target as HTMLElement)?.tagName;
      switch (e.key) {
        case 'j':
          e.preventDefault();
          setIndex(Math.min(count - 1, index + 1));
          break;
        case 'k':
          e.preventDefault();
          setIndex(Math.max(0, index - 1));
          break;
        case 'a':
          e.preventDefault();
          handle.current?.accept();
          break;
        case 'r':
          e.preventDefault();
          handle.current?.reject();
          break;
        case 'e':
          e.preventDefault();
          handle.current?.edit();
          break;
        case 'o':
          e.preventDefault();
          open?.(index);
          break;
        case 'Enter':
          if (tag === 'BUTTON' || tag === 'A') return;
          e.preventDefault();
          open?.(index);
          break;
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);
  return (h: CardHandle | null) => {
    handle.current = h;
  };
}
