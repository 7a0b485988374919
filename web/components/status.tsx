import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';

/**
 * Status messages ("Suggestion accepted"): read out by screen readers through one polite
 * live region and shown briefly as a toast. Errors are shown in place, not here.
 */
interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'info' | 'warn';
}
interface StatusApi {
  announce: (text: string, kind?: Toast['kind']) => void;
  /** Drops every message (at sign-out: they can name people). */
  clear: () => void;
}
const StatusContext = createContext<StatusApi>({ announce: () => {}, clear: () => {} });

export function StatusProvider({ children }: { children: ComponentChildren }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const announce = useCallback((text: string, kind: Toast['kind'] = 'ok') => {
    const id = next.current++;
    setToasts((list) => [...list.slice(-3), { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), 4500);
  }, []);
  const clear = useCallback(() => setToasts([]), []);
  const value = useMemo(() => ({ announce, clear }), [announce, clear]);
  return (
    <StatusContext.Provider value={value}>
      {children}
      <div class="toasts" role="status" aria-live="polite" data-testid="status">
        {toasts.map((x) => (
          <div key={x.id} class={`toast toast-${x.kind}`}>
            {x.text}
          </div>
        ))}
      </div>
    </StatusContext.Provider>
  );
}

export function useStatus(): StatusApi {
  return useContext(StatusContext);
}
