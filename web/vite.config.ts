import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web workbench. Served by `chronicle serve` from web/dist under a strict CSP
 * (script-src and style-src 'self', no eval, no inline), so the build emits only files:
 * no inlined assets (data: URIs), no inline scripts, no module-preload polyfill.
 * Heavy views (charts, map) are dynamic imports so the first load stays small.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
