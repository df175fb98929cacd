import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP server for tests, on an ephemeral port, recording every request it receives. */
export interface LocalHttpServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Path (with query) of every request received, in order. */
  hits: string[];
  /** Host header of every request received. */
  hosts: string[];
  close(): Promise<void>;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export async function startLocalHttpServer(handler: Handler, host = '127.0.0.1'): Promise<LocalHttpServer> {
  const hits: string[] = [];
  const hosts: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    hosts.push(request.headers.host ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    hits,
    hosts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // stalled test responses must not keep the server open
        server.close(() => resolve());
      }),
  };
}
