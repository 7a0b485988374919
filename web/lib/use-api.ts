import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again; the current data stays on screen meanwhile. */
  reload: () => Promise<void>;
  setData: (update: T | ((old: T | undefined) => T)) => void;
}

/**
 * Loads something for a view and reloads when `deps` change. Stale answers (a slower
 * earlier request) are dropped. With `pollMs`, reloads on that interval while the tab is
 * visible and `shouldPoll(data)` says so (e.g. while a capture is still processing).
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  options: { pollMs?: number; shouldPoll?: (data: T | undefined) => boolean; enabled?: boolean } = {},
): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(options.enabled !== false);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const dataRef = useRef<T | undefined>(undefined);
  const enabled = options.enabled !== false;

  const run = useCallback(async (quiet = false) => {
    const mine = ++seq.current;
    const ctl = new AbortController();
    if (!quiet) setLoading(true);
    try {
      const value = await loadRef.current(ctl.signal);
      if (mine !== seq.current) return;
      dataRef.current = value;
      setDataState(() => value);
      setError(null);
    } catch (e) {
      if (mine !== seq.current || (e as Error)?.name === 'AbortError') return;
      setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    void run();
    return () => {
      seq.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled]);

  const { pollMs } = options;
  const shouldPollRef = useRef(options.shouldPoll);
  shouldPollRef.current = options.shouldPoll;
  useEffect(() => {
    if (!pollMs || !enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      const shouldPoll = shouldPollRef.current;
      if (shouldPoll && !shouldPoll(dataRef.current)) return;
      void run(true);
    }, pollMs);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pollMs, enabled, ...deps]);

  const setData = useCallback((update: T | ((old: T | undefined) => T)) => {
    setDataState((old) => {
      const v = typeof update === 'function' ? (update as (o: T | undefined) => T)(old) : update;
      dataRef.current = v;
      return v;
    });
  }, []);

  return { data, error, loading, reload: () => run(true), setData };
}

/** A value that follows `value` after `ms` of quiet (typeahead, filter boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}
