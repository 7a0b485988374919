import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../domain/errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// No inline script or style: the page must pass the same CSP as the real UI.
const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chronicle</title></head>
<body><h1>Chronicle</h1>
<p>The server is running. The web workbench has not been built yet (<code>web/dist</code> is missing).</p>
<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. On first run, create the first administrator with
<code>POST /api/v1/setup</code>; there is no default password.</p>
</body></html>
`;

/**
 * The web workbench: files from `web/dist` (built by Vite), `index.html` for client-side
 * routes, or a small placeholder page while there is no build. Files are served only from
 * inside that folder; anything under /api/ that reached here is a JSON 404.
 */
export function webRoutes(webDir: string | null): FastifyPluginAsync {
  return async (app) => {
    const root = webDir && fs.existsSync(path.join(webDir, 'index.html')) ? fs.realpathSync(webDir) : null;
    app.get('/*', { config: { policy: { minRole: 'public' } }, schema: { hide: true } }, async (request, reply) => {
      const pathname = decodePath(request.url);
      if (pathname === null || pathname.startsWith('/api/')) throw new AppError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
      if (!root) {
        if (path.extname(pathname) !== '') throw new AppError('NOT_FOUND', 'not found');
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PLACEHOLDER);
      }
      const file = resolveInside(root, pathname) ?? (path.extname(pathname) === '' ? path.join(root, 'index.html') : null);
      if (!file) throw new AppError('NOT_FOUND', 'not found');
      // Vite puts content-hashed files under assets/: they never change.
      const immutable = pathname.startsWith('/assets/');
      return reply
        .type(TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(fs.createReadStream(file));
    });
  };
}

function decodePath(url: string): string | null {
  try {
    const p = decodeURIComponent(url.split('?')[0]!);
    return p.includes('\0') ? null : p;
  } catch {
    return null;
  }
}

/** A regular file under `root` named by the URL path, or null (no traversal, no symlinks out). */
function resolveInside(root: string, pathname: string): string | null {
  const candidate = path.resolve(root, `.${pathname}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  try {
    const real = fs.realpathSync(candidate);
    if (!real.startsWith(root + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
