/**
 * The browser UI: files under web/ (plain ES modules, no build step) and the few third-party modules it imports
 * (preact, preact/hooks, htm), served straight from node_modules so no copy of them is committed. Only names on
 * these lists are served: no path from the request reaches the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
};

const require = createRequire(import.meta.url);
/** The folder of a package's CommonJS entry, where its ES module build sits too (packages may not export package.json). */
const entryDir = (name: string) => dirname(require.resolve(name));

/** web/ sits two levels above dist/server (and src/server). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

function vendorFiles(): Map<string, string> {
  return new Map([
    ['preact.mjs', join(entryDir('preact'), 'preact.mjs')],
    ['preact-hooks.mjs', join(entryDir('preact/hooks'), 'hooks.mjs')],
    ['htm.mjs', join(entryDir('htm'), 'htm.mjs')],
  ]);
}

function webFiles(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.endsWith('.test.js') || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) for (const [k, v] of webFiles(p, `${prefix}${e.name}/`)) out.set(k, v);
    else if (TYPES[e.name.slice(e.name.lastIndexOf('.'))]) out.set(prefix + e.name, p);
  }
  return out;
}

function serveFile(path: string, body: string | Buffer = readFileSync(path)): Response {
  const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" } : {}),
    },
  });
}

export function mountStatic(app: Hono, webDir = WEB_DIR): void {
  const vendor = vendorFiles();
  let files: Map<string, string> | undefined;
  const web = () => {
    try {
      files ??= statSync(webDir).isDirectory() ? webFiles(webDir) : new Map();
    } catch {
      files = new Map();
    }
    return files;
  };
  app.get('/vendor/:name', (c) => {
    const p = vendor.get(c.req.param('name'));
    // preact/hooks imports the bare name "preact"; pointing it at our URL spares the page an inline import map
    // (which the Content-Security-Policy would have to allow).
    return p ? serveFile(p, readFileSync(p, 'utf8').replace(/from\s*"preact"/g, 'from"/vendor/preact.mjs"')) : c.json({ error: 'not found' }, 404);
  });
  app.get('/*', (c) => {
    const rel = c.req.path.replace(/^\/+/, '');
    const p = web().get(rel === '' ? 'index.html' : rel);
    if (p) return serveFile(p);
    const index = web().get('index.html');
    return index && !rel.includes('.') ? serveFile(index) : c.json({ error: `not found: ${c.req.path}` }, 404);
  });
}
