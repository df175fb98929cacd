import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type uWS from 'uWebSockets.js';
import { safeDecode } from './http.js';

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

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Call Assist</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>Call Assist</h1>
<p>The gateway is running. The web client has not been built (client/dist is missing).</p>
<p>API: <code>/api/talking-points</code>, <code>POST /api/live-calls</code>; live audio: <code>WS /ws/calls/:callId</code>.</p></body></html>`;

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
    const found = existsSync(file);
    const body = found ? readFileSync(file) : PLACEHOLDER;
    const type = found ? (CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream') : CONTENT_TYPES['.html']!;
    res.cork(() => {
      res.writeStatus('200 OK').writeHeader('content-type', type).writeHeader('x-content-type-options', 'nosniff').end(body);
    });
  });
}
