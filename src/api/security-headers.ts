import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response (errors and 404s included).
 *
 * The CSP allows only Chronicle's own files: no inline script or style, no eval, no plugins,
 * no framing of Chronicle (`frame-ancestors 'none'`), frames only of Chronicle's own safe
 * view of a captured page (the one response that allows being framed), forms post only to
 * itself, `<base>` cannot be changed. Captured pages are hostile and are never served under
 * this policy as pages: originals go out as sandboxed attachments (sources.routes.ts), the
 * view sanitised under its own stricter policy (source-views.routes.ts).
 * HSTS and upgrade-insecure-requests only when Chronicle is served over TLS (they would
 * break plain-HTTP loopback).
 */
export function cspDirectives(secure: boolean): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    // Only to show a captured page through GET /api/v1/sources/:id/view in an <iframe sandbox>:
    // every other response forbids being framed (frame-ancestors 'none'), see source-views.routes.ts.
    frameSrc: ["'self'"],
    childSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    ...(secure ? { upgradeInsecureRequests: [] } : {}),
  };
}

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

/** `scriptSrc` -> `script-src`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The Content-Security-Policy header value of these directives. */
export function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [kebab(name), ...values].join(' '))
    .join(';');
}

/**
 * The headers every response carries, computed once: the ones helmet sets by default (this
 * list was checked against @fastify/helmet 13 with the same options, which rebuilt them on
 * every request), plus the permissions policy.
 */
export function securityHeaders(secure: boolean): Record<string, string> {
  return {
    'content-security-policy': cspHeader(cspDirectives(secure)),
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    'permissions-policy': PERMISSIONS_POLICY,
  };
}

export async function installSecurityHeaders(app: FastifyInstance, options: { secure: boolean }): Promise<void> {
  const headers = securityHeaders(options.secure);
  // Set before the handler runs, so a route can replace one (the safe view's own CSP).
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers hold names of people at risk: never left in a browser or proxy cache.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
