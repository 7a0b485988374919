import helmet from '@fastify/helmet';
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

export async function installSecurityHeaders(app: FastifyInstance, options: { secure: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(options.secure) },
    strictTransportSecurity: options.secure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: { policy: 'require-corp' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // API answers hold names of people at risk: never left in a browser or proxy cache.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
