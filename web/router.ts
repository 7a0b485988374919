import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routing (`#/events/evt_1?type=protest`): the server only ever serves index.html,
 * so deep links work whatever the server does with unknown paths, and a reload keeps
 * the view. `href()` builds links; `navigate()` moves; `useRoute()` re-renders on change.
 */
export interface Route {
  name: RouteName;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The path part of the hash, e.g. `/events/evt_1`. */
  path: string;
}

export type RouteName =
  | 'home'
  | 'inbox'
  | 'reader'
  | 'review'
  | 'events'
  | 'event'
  | 'entities'
  | 'entity'
  | 'search'
  | 'timeline'
  | 'map'
  | 'trends'
  | 'users'
  | 'account'
  | 'login'
  | 'setup'
  | 'notFound';

const PATTERNS: [RouteName, RegExp, string[]][] = [
  ['home', /^\/?$/, []],
  ['inbox', /^\/inbox$/, []],
  ['reader', /^\/sources\/([^/]+)$/, ['id']],
  ['review', /^\/review$/, []],
  ['events', /^\/events$/, []],
  ['event', /^\/events\/([^/]+)$/, ['id']],
  ['entities', /^\/entities$/, []],
  ['entity', /^\/entities\/([^/]+)$/, ['id']],
  ['search', /^\/search$/, []],
  ['timeline', /^\/timeline$/, []],
  ['map', /^\/map$/, []],
  ['trends', /^\/trends$/, []],
  ['users', /^\/users$/, []],
  ['account', /^\/account$/, []],
  ['login', /^\/login$/, []],
  ['setup', /^\/setup$/, []],
];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2) as [string, string?];
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  const query = new URLSearchParams(queryPart);
  for (const [name, re, keys] of PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    keys.forEach((k, i) => {
      params[k] = safeDecode(m[i + 1] ?? '');
    });
    return { name, params, query, path };
  }
  return { name: 'notFound', params: {}, query, path };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type QueryInput = Record<string, string | number | null | undefined | boolean>;

/** `#/path?query` with empty values dropped. */
export function href(path: string, query?: QueryInput): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query?: QueryInput, options: { replace?: boolean } = {}): void {
  const target = href(path, query);
  if (options.replace) history.replaceState(null, '', target);
  else if (location.hash !== target) location.hash = target;
  else return;
  if (options.replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Encodes a path segment (ids are url-safe, but never trust that). */
export const seg = (s: string) => encodeURIComponent(s);
