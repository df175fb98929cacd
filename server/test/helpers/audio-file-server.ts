import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface AudioFileServer {
  url: string;
  /** Requests received, by path: SSRF tests assert that nothing reached the server. */
  hits: string[];
  /** Extra routes (an HTML page, a JSON API), answered before the files. */
  route(pathname: string, contentType: string, body: string): void;
  close(): Promise<void>;
}

/** Folder as nginx's autoindex lists it. */
function nginxListing(urlPath: string, entries: { name: string; dir: boolean; size: number }[]): string {
  const lines = entries.map((entry) => {
    const href = encodeURIComponent(entry.name) + (entry.dir ? '/' : '');
    const label = entry.name + (entry.dir ? '/' : '');
    return `<a href="${href}">${label}</a>${' '.repeat(Math.max(1, 51 - label.length))}21-Nov-2026 09:00 ${entry.dir ? '      -' : String(entry.size).padStart(8)}`;
  });
  return `<html>\r\n<head><title>Index of ${urlPath}</title></head>\r\n<body>\r\n<h1>Index of ${urlPath}</h1><hr><pre><a href="../">../</a>\r\n${lines.join('\r\n')}\r\n</pre><hr></body>\r\n</html>\r\n`;
}

/** A plain web server over a folder, with directory listings: what a customer's recording archive looks like. */
export async function startAudioFileServer(root: string): Promise<AudioFileServer> {
  const hits: string[] = [];
  const routes = new Map<string, { contentType: string; body: string }>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      hits.push(pathname);
      const extra = routes.get(pathname);
      if (extra) return void res.writeHead(200, { 'content-type': extra.contentType }).end(extra.body);
      const file = path.join(root, path.normalize(pathname));
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      const info = await stat(file).catch(() => undefined);
      if (!info) return void res.writeHead(404).end('not found');
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) return void res.writeHead(301, { location: `${pathname}/` }).end();
        const names = (await readdir(file)).sort();
        const entries = await Promise.all(names.map(async (name) => {
          const entry = await stat(path.join(file, name));
          return { name, dir: entry.isDirectory(), size: entry.size };
        }));
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(nginxListing(pathname, entries));
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size });
      createReadStream(file).pipe(res);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    route: (pathname, contentType, body) => routes.set(pathname, { contentType, body }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
