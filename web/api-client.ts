/**
 * The one door from the browser to Chronicle's API (/api/v1). Same-origin fetch with the
 * session cookie; every state-changing request carries X-CSRF-Token. Failures arrive as
 * ApiError with the server's stable `{ error: { code, message, details } }` fields.
 *
 * An expired session does not lose work: a 401 on any request asks the registered
 * re-authentication handler (the re-login dialog) to sign in again, then retries the
 * request once, so whatever the user typed is still there and the action completes.
 */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface ErrorDetails {
  issues?: { in?: string; path?: string; message?: string; unknownFields?: string[] }[];
  reason?: string;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails | undefined;
  constructor(status: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** Do not open the re-login dialog on 401 (login, setup, the first /me). */
  noReauth?: boolean;
}

let csrfToken: string | null = null;
let reauth: (() => Promise<void>) | null = null;
let pendingReauth: Promise<void> | null = null;
let refreshCsrf: (() => Promise<void>) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registered by the session provider: resolves once the user has signed in again, rejects if they give up. */
export function setReauthHandler(handler: (() => Promise<void>) | null): void {
  reauth = handler;
}

/** Registered by the session provider: re-reads the CSRF token (GET /me) after a CSRF refusal. */
export function setCsrfRefresher(handler: (() => Promise<void>) | null): void {
  refreshCsrf = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

const SAFE = new Set(['GET', 'HEAD']);

async function send(method: string, path: string, o: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (o.form) body = o.form;
  else if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  }
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, o.query), { method, headers, body, credentials: 'same-origin', signal: o.signal, cache: 'no-store' });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'Chronicle could not be reached');
  }
}

async function toError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let details: ErrorDetails | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: ErrorDetails } };
    if (body?.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    /* not JSON: keep the status line */
  }
  return new ApiError(res.status, code, message, details);
}

export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, o);
  if (res.status === 401 && !o.noReauth && reauth) {
    pendingReauth ??= reauth().finally(() => {
      pendingReauth = null;
    });
    await pendingReauth.catch(() => {
      throw new ApiError(401, 'UNAUTHENTICATED', 'the session has expired: sign in again');
    });
    res = await send(method, path, o);
  } else if (res.status === 403 && !SAFE.has(method) && refreshCsrf) {
    const err = await toError(res.clone());
    if (err.details?.reason === 'csrf') {
      await refreshCsrf();
      res = await send(method, path, o);
    }
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, o: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, { ...o, query }),
  post: <T>(path: string, json?: unknown, o: RequestOptions = {}) => request<T>('POST', path, { ...o, json: json ?? {} }),
  put: <T>(path: string, json?: unknown, o: RequestOptions = {}) => request<T>('PUT', path, { ...o, json: json ?? {} }),
  patch: <T>(path: string, json?: unknown, o: RequestOptions = {}) => request<T>('PATCH', path, { ...o, json: json ?? {} }),
  delete: <T>(path: string, o: RequestOptions = {}) => request<T>('DELETE', path, o),
  upload: <T>(path: string, form: FormData, o: RequestOptions = {}) => request<T>('POST', path, { ...o, form }),
};

/** Lists come back as `{ items }` (sometimes with paging fields); tolerate a bare array too. */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}
