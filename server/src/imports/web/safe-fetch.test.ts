import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { defaultFetchPolicy, type FetchPolicy } from './fetch-policy.js';
import { downloadToFile, fetchText, safeGet } from './safe-fetch.js';
import { startLocalHttpServer, type Handler, type LocalHttpServer } from './testing/local-http-server.js';

const servers: LocalHttpServer[] = [];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'safe-fetch-test-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function serve(handler: Handler, host?: string): Promise<LocalHttpServer> {
  const server = await startLocalHttpServer(handler, host);
  servers.push(server);
  return server;
}

const publicPolicy: FetchPolicy = { ...defaultFetchPolicy, allowPrivate: false };
const privatePolicy: FetchPolicy = { ...defaultFetchPolicy, allowPrivate: true };

/** The code and message an operation failed with. */
async function failure(operation: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the operation to fail');
}

/**
 * `public.example` stands for a host on the internet: an injected resolver sends it to 127.0.0.2 (a second
 * loopback server) and the policy treats that one address as public. Everything else keeps its real class.
 */
function simulatedDns(names: Record<string, string[]>) {
  const lookups: string[] = [];
  const resolve = async (hostname: string) => {
    lookups.push(hostname);
    const addresses = names[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  return { lookups, policy: { ...publicPolicy, resolve, allowedAddresses: ['127.0.0.2'] } satisfies FetchPolicy };
}

const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(1000, 7)]);

describe('safeGet refuses what it must not fetch (allowPrivate=false)', () => {
  it('refuses a loopback server and the server sees zero requests, in every spelling of its address', async () => {
    const server = await serve((_request, response) => response.end(wav));
    const port = server.port;
    const refused = [
      [`http://127.0.0.1:${port}/a.wav`, /127\.0\.0\.1 is not a public address \(loopback\)/],
      [`http://0x7f000001:${port}/a.wav`, /loopback/],
      [`http://2130706433:${port}/a.wav`, /loopback/],
      [`http://0177.0.0.1:${port}/a.wav`, /loopback/],
      [`http://localhost:${port}/a.wav`, /localhost is a loopback host name/],
      [`http://LOCALHOST.:${port}/a.wav`, /loopback host name/],
      [`http://[::1]:${port}/`, /::1 is not a public address \(loopback/],
      [`http://[::ffff:127.0.0.1]:${port}/`, /IPv4-mapped loopback/],
      [`http://[::ffff:7f00:1]:${port}/`, /IPv4-mapped loopback/],
      [`http://0.0.0.0:${port}/`, /unspecified/],
    ] as const;
    for (const [url, reason] of refused) {
      const { code, message } = await failure(safeGet(url, publicPolicy));
      expect([url, code]).toEqual([url, 'url_refused']);
      expect(message).toMatch(reason);
    }
    expect(server.hits).toEqual([]);
  });

  it('refuses private, CGNAT, link-local, metadata, unique-local and multicast addresses, naming the class', async () => {
    const cases = [
      ['http://10.1.2.3/', /private \(RFC 1918\)/],
      ['http://172.16.0.9/', /private \(RFC 1918\)/],
      ['http://192.168.1.1/', /private \(RFC 1918\)/],
      ['http://100.64.0.1/', /carrier-grade NAT/],
      ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
      ['http://169.254.10.10/', /link-local/],
      ['http://[fd00::1]/', /unique-local/],
      ['http://[fe80::1]/', /link-local/],
      ['http://[ff02::1]/', /multicast/],
      ['http://224.0.0.1/', /multicast/],
      ['http://[::ffff:10.0.0.1]/', /IPv4-mapped private/],
      ['http://[::ffff:169.254.169.254]/', /cloud metadata/],
      ['http://240.0.0.1/', /reserved/],
      ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata host/],
    ] as const;
    for (const [url, reason] of cases) {
      const { code, message } = await failure(safeGet(url, publicPolicy));
      expect([url, code]).toEqual([url, 'url_refused']);
      expect(message).toMatch(reason);
    }
  });

  it('refuses cloud metadata endpoints even when private addresses are allowed', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:169.254.169.254]/', 'http://[fd00:ec2::254]/', 'http://metadata.google.internal/']) {
      expect([url, (await failure(safeGet(url, { ...privatePolicy, allowedAddresses: ['169.254.169.254'] }))).code]).toEqual([url, 'url_refused']);
    }
  });

  it('refuses other schemes and credentials without repeating the credentials', async () => {
    expect(await failure(safeGet('file:///etc/passwd', publicPolicy))).toEqual({ code: 'url_refused', message: expect.stringMatching(/only http and https.*file:/) });
    expect(await failure(safeGet('ftp://ftp.example.com/a.wav', publicPolicy))).toMatchObject({ code: 'url_refused', message: expect.stringMatching(/ftp:/) });
    expect(await failure(safeGet('gopher://example.com/', publicPolicy))).toMatchObject({ code: 'url_refused' });
    const withCredentials = await failure(safeGet('http://alice:s3cret@example.com/a.wav', privatePolicy));
    expect(withCredentials.code).toBe('url_refused');
    expect(withCredentials.message).toMatch(/credentials/);
    expect(withCredentials.message).not.toMatch(/s3cret|alice/);
    expect(await failure(safeGet('not a url', publicPolicy))).toEqual({ code: 'url_refused', message: 'not a valid URL' });
  });

  it('checks every address a name resolves to: one private address among public ones is enough to refuse', async () => {
    const dns = simulatedDns({ 'mixed.example': ['93.184.216.34', '10.0.0.7'], 'v6.example': ['2606:4700::1111', 'fd12::7'] });
    expect(await failure(safeGet('http://mixed.example/a.wav', dns.policy))).toEqual({
      code: 'url_refused',
      message: expect.stringMatching(/mixed\.example resolves to 10\.0\.0\.7, which is not a public address \(private \(RFC 1918\)\)/),
    });
    expect(await failure(safeGet('http://v6.example/a.wav', dns.policy))).toMatchObject({ code: 'url_refused', message: expect.stringMatching(/fd12::7.*unique-local/) });
    expect(dns.lookups).toEqual(['mixed.example', 'v6.example']);
  });

  it('refuses a redirect from a public host to loopback before any request reaches the private server', async () => {
    const privateServer = await serve((_request, response) => response.end(wav));
    const dns = simulatedDns({ 'public.example': ['127.0.0.2'], 'private.example': ['127.0.0.1'] });
    const targets = [
      `http://127.0.0.1:${privateServer.port}/secret.wav`,
      `http://private.example:${privateServer.port}/secret.wav`,
      `http://localhost:${privateServer.port}/secret.wav`,
      `http://[::ffff:127.0.0.1]:${privateServer.port}/secret.wav`,
      'file:///etc/passwd',
    ];
    const publicServer = await serve((request, response) => {
      const index = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('to'));
      response.writeHead(302, { location: targets[index] }).end();
    }, '127.0.0.2');
    for (const [index, target] of targets.entries()) {
      const { code } = await failure(safeGet(`http://public.example:${publicServer.port}/start?to=${index}`, dns.policy));
      expect([target, code]).toEqual([target, 'url_refused']);
    }
    expect(publicServer.hits).toHaveLength(targets.length);
    expect(privateServer.hits).toEqual([]);
  });

  it('connects to the address it checked: no second DNS lookup that could rebind the name', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'audio/wav' }).end(wav), '127.0.0.2');
    const rebinding = simulatedDns({ 'public.example': ['127.0.0.2'] });
    let calls = 0;
    const policy: FetchPolicy = {
      ...rebinding.policy,
      // First answer checked and public; any later lookup would hand out loopback.
      resolve: async (hostname) => (calls++ === 0 ? rebinding.policy.resolve(hostname) : ['127.0.0.1']),
    };
    const file = path.join(dir, 'a.wav');
    const result = await downloadToFile(`http://public.example:${server.port}/a.wav`, file, policy);
    expect(result).toEqual({ bytes: wav.length, finalUrl: `http://public.example:${server.port}/a.wav`, contentType: 'audio/wav' });
    expect(await readFile(file)).toEqual(wav);
    expect(calls).toBe(1);
    // The system resolver knows no public.example: the request got there only through the pinned address,
    // and it still carried the name.
    expect(server.hosts).toEqual([`public.example:${server.port}`]);
  });

  it('reports a name that does not resolve as fetch_failed', async () => {
    const dns = simulatedDns({});
    expect(await failure(safeGet('http://nowhere.example/a.wav', dns.policy))).toEqual({
      code: 'fetch_failed',
      message: 'DNS lookup of nowhere.example failed (no such host)',
    });
  });
});

describe('HTTPS through a pinned address', () => {
  it('sends the host name as SNI and checks the certificate against it', async () => {
    const certDir = path.join(dir, 'tls');
    execFileSync('mkdir', ['-p', certDir]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=public.example', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { stdio: 'ignore' });
    const serverNames: string[] = [];
    let requests = 0;
    const server = https.createServer(
      {
        key: await readFile(path.join(certDir, 'key.pem')),
        cert: await readFile(path.join(certDir, 'cert.pem')),
        // Called with the SNI of the ClientHello; no context → the default one above.
        SNICallback: (name, callback) => {
          serverNames.push(name);
          callback(null, undefined);
        },
      },
      (_request, response) => {
        requests += 1;
        response.end('never');
      },
    );
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const dns = simulatedDns({ 'public.example': ['127.0.0.2'] });
      const { code, message } = await failure(safeGet(`https://public.example:${port}/a.wav`, dns.policy));
      expect(code).toBe('fetch_failed');
      // Self-signed: refused by the certificate check, which means the check ran (against the name).
      expect(message).toMatch(/TLS certificate of public\.example was not accepted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
      expect(requests).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(serverNames).toEqual(['public.example']);
  });
});

describe('downloads (allowPrivate=true)', () => {
  it('streams a file to disk, following redirects, and reports the final URL', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/old') return void response.writeHead(301, { location: '/files/call%201.wav?v=2' }).end();
      response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length }).end(wav);
    });
    const file = path.join(dir, 'call.wav');
    const result = await downloadToFile(`${server.origin}/old`, file, privatePolicy);
    expect(result).toEqual({ bytes: wav.length, finalUrl: `${server.origin}/files/call%201.wav?v=2`, contentType: 'audio/wav' });
    expect(await readFile(file)).toEqual(wav);
  });

  it('refuses a Content-Length over the cap before reading the body, and leaves no file', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': 10 * 1024 * 1024 });
      response.write(Buffer.alloc(1024));
    });
    const file = path.join(dir, 'big.wav');
    expect(await failure(downloadToFile(`${server.origin}/big.wav`, file, { ...privatePolicy, maxBytes: 64 * 1024 }))).toEqual({
      code: 'too_large',
      message: 'the file is larger than the 64 KB limit (Content-Length: 10485760 bytes)',
    });
    expect(existsSync(file)).toBe(false);
  });

  it('stops a chunked body (no Content-Length) once it passes the cap, and deletes the partial file', async () => {
    let serverSawClose = false;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'audio/mpeg' });
      let sent = 0;
      const send = () => {
        while (sent < 100 * 1024 * 1024 && !response.destroyed) {
          sent += 16 * 1024;
          if (!response.write(Buffer.alloc(16 * 1024, 1))) return void response.once('drain', send);
        }
        response.end();
      };
      response.on('close', () => (serverSawClose = !response.writableFinished));
      send();
    });
    const file = path.join(dir, 'stream.mp3');
    const result = await failure(downloadToFile(`${server.origin}/stream.mp3`, file, { ...privatePolicy, maxBytes: 256 * 1024 }));
    expect(result).toEqual({ code: 'too_large', message: 'the file is larger than the 256 KB limit' });
    expect(existsSync(file)).toBe(false);
    await server.close();
    expect(serverSawClose).toBe(true); // the connection was dropped, not drained to the end
  });

  it('fails a stalled server with a read timeout and deletes the partial file', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/no-headers') return; // never answers
      response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': 100_000 });
      response.write(wav.subarray(0, 500)); // then nothing more
    });
    const policy = { ...privatePolicy, readTimeoutMs: 300 };
    const file = path.join(dir, 'stall.wav');
    expect(await failure(downloadToFile(`${server.origin}/stall.wav`, file, policy))).toEqual({
      code: 'fetch_failed',
      message: 'read timeout: 127.0.0.1 sent nothing for 300 ms',
    });
    expect(existsSync(file)).toBe(false);
    expect(await failure(safeGet(`${server.origin}/no-headers`, policy))).toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/^read timeout/) });
  });

  it('fails with a connect timeout when the connection (here: the TLS handshake) never completes, and when DNS hangs', async () => {
    const silent = net.createServer(() => undefined); // accepts TCP, never answers the ClientHello
    const sockets = new Set<net.Socket>();
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      expect(await failure(safeGet(`https://127.0.0.1:${port}/a.wav`, { ...privatePolicy, connectTimeoutMs: 300 }))).toEqual({
        code: 'fetch_failed',
        message: 'connect timeout: no connection to 127.0.0.1 within 300 ms',
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    const hangingDns: FetchPolicy = { ...privatePolicy, connectTimeoutMs: 300, resolve: () => new Promise<string[]>(() => undefined) };
    expect(await failure(safeGet('http://slow.example/a.wav', hangingDns))).toEqual({
      code: 'fetch_failed',
      message: 'DNS lookup of slow.example timed out after 300 ms (connect timeout)',
    });
  });

  it('fails on a redirect loop and on too many redirects', async () => {
    const server = await serve((request, response) => {
      const url = request.url ?? '/';
      if (url === '/a') return void response.writeHead(302, { location: '/b' }).end();
      if (url === '/b') return void response.writeHead(307, { location: `${server.origin}/a` }).end();
      const step = Number(url.slice('/chain/'.length));
      response.writeHead(302, { location: `/chain/${step + 1}` }).end();
    });
    expect(await failure(safeGet(`${server.origin}/a`, privatePolicy))).toEqual({
      code: 'fetch_failed',
      message: `redirect loop: ${server.origin}/b leads back to ${server.origin}/a`,
    });
    server.hits.length = 0;
    expect(await failure(safeGet(`${server.origin}/chain/0`, { ...privatePolicy, maxRedirects: 3 }))).toEqual({
      code: 'fetch_failed',
      message: `too many redirects (more than 3) from ${server.origin}/chain/0`,
    });
    expect(server.hits).toEqual(['/chain/0', '/chain/1', '/chain/2', '/chain/3']);
  });

  it('reports HTTP errors and refused connections as fetch_failed, without the query string', async () => {
    const server = await serve((_request, response) => response.writeHead(404).end('not here'));
    expect(await failure(safeGet(`${server.origin}/missing.wav?token=abc`, privatePolicy))).toEqual({
      code: 'fetch_failed',
      message: `HTTP 404 Not Found from ${server.origin}/missing.wav?…`,
    });
    const closed = await startLocalHttpServer(() => undefined);
    await closed.close();
    expect(await failure(safeGet(`${closed.origin}/a.wav`, privatePolicy))).toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/refused the connection/) });
  });

  it('stops when aborted and deletes the partial file', async () => {
    const controller = new AbortController();
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'audio/wav' });
      response.write(wav, () => controller.abort(new Error('import cancelled')));
    });
    const file = path.join(dir, 'cancelled.wav');
    await expect(downloadToFile(`${server.origin}/a.wav`, file, privatePolicy, controller.signal)).rejects.toThrow('import cancelled');
    expect(existsSync(file)).toBe(false);
  });
});

describe('compressed bodies (sent although identity was asked for)', () => {
  it('decodes them and applies the cap to the decoded bytes: a gzip bomb is too_large', async () => {
    const page = gzipSync(Buffer.from('<a href="x.wav">x</a>'));
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024)); // ~4 KB on the wire
    const server = await serve((request, response) => {
      const body = request.url === '/bomb.wav' ? bomb : page;
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    });
    expect((await fetchText(`${server.origin}/page`, privatePolicy, 1000)).text).toBe('<a href="x.wav">x</a>');
    const file = path.join(dir, 'bomb.wav');
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await failure(downloadToFile(`${server.origin}/bomb.wav`, file, { ...privatePolicy, maxBytes: 1024 * 1024 }))).toEqual({
      code: 'too_large',
      message: 'the file is larger than the 1 MB limit',
    });
    expect(existsSync(file)).toBe(false);
  });
});

describe('fetchText', () => {
  it('decodes the charset the server declares and caps the length', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/latin1') return void response.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from('<p>Café</p>', 'latin1'));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ padding: 'x'.repeat(5000) }));
    });
    expect(await fetchText(`${server.origin}/latin1`, privatePolicy, 1000)).toEqual({
      text: '<p>Café</p>',
      finalUrl: `${server.origin}/latin1`,
      contentType: 'text/html; charset=iso-8859-1',
    });
    expect(await failure(fetchText(`${server.origin}/big.json`, privatePolicy, 1000))).toEqual({ code: 'too_large', message: 'the document is longer than 1000 characters' });
  });
});

it('writes nothing when refused (downloadToFile)', async () => {
  const file = path.join(dir, 'x.wav');
  await writeFile(file, 'existing');
  expect(await failure(downloadToFile('http://127.0.0.1:9/x.wav', file, publicPolicy))).toMatchObject({ code: 'url_refused' });
  expect(await readFile(file, 'utf8')).toBe('existing');
});
