import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type uWS from 'uWebSockets.js';
import { safeDecode } from './http.js';
import { PAGE_SECURITY_HEADERS } from './security-headers.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * Serves the built web client (single-process mode; nginx does this in docker-compose). Unknown
 * paths get index.html so client-side routes work; paths never leave the root.
 */
export function registerStaticFiles(app: uWS.TemplatedApp, root: string): void {
  const resolvedRoot = path.resolve(root);
  app.get('/*', (res, req) => {
    const url = req.getUrl();
    res.onAborted(() => {});
    const candidate = path.resolve(resolvedRoot, `.${safeDecode(url)}`);
    const inside = candidate.startsWith(resolvedRoot + path.sep);
    const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : path.join(resolvedRoot, 'index.html');
    if (!existsSync(file)) {
      res.cork(() => res.writeStatus('404 Not Found').end());
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.cork(() => {
      res.writeStatus('200 OK').writeHeader('content-type', type);
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.writeHeader(name, value);
      res.end(readFileSync(file));
    });
  });
  // Pages are only read: any other method (HEAD from a monitor, a stray POST) gets a clear 405
  // rather than a dropped connection.
  app.any('/*', (res) => {
    res.onAborted(() => {});
    res.cork(() => res.writeStatus('405 Method Not Allowed').writeHeader('allow', 'GET').end());
  });
}
