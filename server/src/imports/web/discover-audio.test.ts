import type http from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { discoverAudio, type DiscoveryOptions } from './discover-audio.js';
import { defaultFetchPolicy, type FetchPolicy } from './fetch-policy.js';
import { apacheListing, nginxListing, type ListingEntry } from './testing/listing-html.js';
import { startLocalHttpServer, type Handler, type LocalHttpServer } from './testing/local-http-server.js';

const servers: LocalHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler, host?: string): Promise<LocalHttpServer> {
  const server = await startLocalHttpServer(handler, host);
  servers.push(server);
  return server;
}

const policy: FetchPolicy = { ...defaultFetchPolicy, allowPrivate: true };
const options = (overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions => ({ policy, maxDepth: 3, maxFiles: 1000, ...overrides });

async function failure(operation: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await operation;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the operation to fail');
}

const EXTENSIONS = 'wav, wave, mp3, m4a, mp4, webm, ogg, oga, opus, flac, aac';
const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(64)]);

/** A folder tree, four levels deep, with links that a crawler must not follow. */
function recordingsTree(port: number): Record<string, ListingEntry[]> {
  return {
    '/rec/': [
      { name: 'a.wav' },
      { name: 'b 1.mp3' },
      { name: 'notes.txt' },
      { name: 'sub1', dir: true },
      { name: 'a again', href: './a.wav#t=10' }, // duplicate
      { name: 'elsewhere', href: 'http://other.example/rec/x.wav' }, // another host
      { name: 'foreign', href: `http://localhost:${port}/rec/foreign/` }, // same server, another origin
      { name: 'up', href: '../other/z.wav' }, // out of the folder
      { name: 'other folder', href: '/other/' },
      { name: 'CAPS.WAV' },
    ],
    '/rec/sub1/': [{ name: 'c.ogg' }, { name: 'deeper', dir: true }, { name: 'a absolute', href: '/rec/a.wav' }],
    '/rec/sub1/deeper/': [{ name: 'd.flac' }, { name: 'deepest', dir: true }],
    '/rec/sub1/deeper/deepest/': [{ name: 'e.opus' }, { name: 'more', dir: true }],
    '/rec/sub1/deeper/deepest/more/': [{ name: 'f.m4a' }],
    '/rec/foreign/': [{ name: 'foreign.wav' }],
    '/other/': [{ name: 'y.wav' }],
  };
}

/** Serves listings for the folders of `tree` (redirecting "/rec" to "/rec/" as Apache and nginx do), files otherwise. */
async function serveListings(style: 'apache' | 'nginx', extra: Record<string, Handler> = {}): Promise<LocalHttpServer> {
  let tree: Record<string, ListingEntry[]> = {};
  const server = await serve((request: http.IncomingMessage, response: http.ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const special = extra[path];
    if (special) return special(request, response);
    const entries = tree[path];
    if (entries) return void response.writeHead(200, { 'content-type': 'text/html;charset=UTF-8' }).end(style === 'apache' ? apacheListing(path, entries) : nginxListing(path, entries));
    if (tree[`${path}/`]) return void response.writeHead(301, { location: `${path}/` }).end();
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wav);
  });
  tree = recordingsTree(server.port);
  return server;
}

const listingPaths = (server: LocalHttpServer) => server.hits.filter((hit) => hit.endsWith('/') || !hit.includes('.'));

describe.each(['apache', 'nginx'] as const)('%s directory listings', (style) => {
  it('lists audio files of the folder and its sub-folders to maxDepth, same origin, never above the folder', async () => {
    const server = await serveListings(style);
    const result = await discoverAudio(`${server.origin}/rec`, options({ maxDepth: 3 }));
    expect(result.files).toEqual([
      { url: `${server.origin}/rec/a.wav`, name: 'a.wav' },
      { url: `${server.origin}/rec/b%201.mp3`, name: 'b 1.mp3' },
      { url: `${server.origin}/rec/sub1/c.ogg`, name: 'c.ogg' },
      { url: `${server.origin}/rec/sub1/deeper/d.flac`, name: 'd.flac' },
      { url: `${server.origin}/rec/sub1/deeper/deepest/e.opus`, name: 'e.opus' },
      { url: `${server.origin}/rec/CAPS.WAV`, name: 'CAPS.WAV' },
    ]);
    expect(result.truncated).toBe(false);
    expect(result.warnings).toEqual(['1 sub-folder(s) deeper than 3 level(s) were not listed']);
    // Only the listings themselves were read: no parent, no other folder, no other origin, no file downloaded.
    expect(server.hits).toEqual(['/rec', '/rec/', '/rec/sub1/', '/rec/sub1/deeper/', '/rec/sub1/deeper/deepest/']);
  });

  it('respects a smaller depth and the file cap', async () => {
    const server = await serveListings(style);
    const shallow = await discoverAudio(`${server.origin}/rec/`, options({ maxDepth: 1 }));
    expect(shallow.files.map((file) => file.name)).toEqual(['a.wav', 'b 1.mp3', 'c.ogg', 'CAPS.WAV']);
    expect(listingPaths(server)).toEqual(['/rec/', '/rec/sub1/']);
    const flat = await discoverAudio(`${server.origin}/rec/`, options({ maxDepth: 0 }));
    expect(flat.files.map((file) => file.name)).toEqual(['a.wav', 'b 1.mp3', 'CAPS.WAV']);

    const capped = await discoverAudio(`${server.origin}/rec/`, options({ maxFiles: 4 }));
    expect(capped.files.map((file) => file.name)).toEqual(['a.wav', 'b 1.mp3', 'c.ogg', 'd.flac']);
    expect(capped.truncated).toBe(true);
    expect(capped.warnings).toContain('stopped at 4 files (the limit): the source has more');
    const exact = await discoverAudio(`${server.origin}/rec/`, options({ maxFiles: 6 }));
    expect([exact.files.length, exact.truncated]).toEqual([6, false]);
  });
});

describe('directory listing edge cases', () => {
  it('goes on past a sub-folder that fails or redirects out of the folder, saying so', async () => {
    const root: ListingEntry[] = [{ name: 'broken', dir: true }, { name: 'jump', dir: true }, { name: 'page', dir: true }, { name: 'ok.wav' }];
    const server = await serve((request, response) => {
      const listing = (path: string, entries: ListingEntry[]) => response.writeHead(200, { 'content-type': 'text/html' }).end(apacheListing(path, entries));
      if (request.url === '/rec/') return listing('/rec/', root);
      if (request.url === '/rec/broken/') return void response.writeHead(500).end();
      if (request.url === '/rec/jump/') return void response.writeHead(302, { location: '/private/' }).end();
      if (request.url === '/rec/page/') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<a href="x.wav">x</a>');
      if (request.url === '/private/') return listing('/private/', [{ name: 'secret.wav' }]);
      response.writeHead(404).end();
    });
    const result = await discoverAudio(`${server.origin}/rec/`, options());
    expect(result.files.map((file) => file.name)).toEqual(['ok.wav']);
    expect(result.warnings).toEqual([
      `could not list ${server.origin}/rec/broken/: HTTP 500 Internal Server Error from ${server.origin}/rec/broken/`,
      `${server.origin}/rec/jump/ redirects outside the listed folder; not followed`,
      `${server.origin}/rec/page/ is not a directory listing; not followed`,
    ]);
  });

  it('says when a listing holds no audio', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(nginxListing('/docs/', [{ name: 'a.txt' }, { name: 'b.pdf' }])));
    expect(await failure(discoverAudio(`${server.origin}/docs/`, options()))).toEqual({
      code: 'no_audio_found',
      message: `no audio files (${EXTENSIONS}) in the directory listing ${server.origin}/docs/ (1 folder(s) listed, sub-folders to depth 3)`,
    });
  });
});

describe('HTML pages', () => {
  it('finds <a href>, <audio src> and <source src> links, relative and absolute, deduplicated in page order', async () => {
    const page = `<!doctype html><html><head><title>Call recordings</title></head><body>
      <h1>Recordings of May</h1>
      <a href="calls/one.mp3">One</a>
      <a href="https://cdn.example.net/store/two.m4a?sig=abc">Two (CDN)</a>
      <audio controls src="/media/stream?id=3"></audio>
      <audio controls><source src="four.ogg" type="audio/ogg"><source src="four.mp3"></audio>
      <video><source src="movie.mkv" type="video/x-matroska"></video>
      <a href="report.pdf">Report</a> <a href="page2.html">Next</a> <a href="mailto:ops@example.com">Mail</a>
      <a href="CALLS/One.MP3#t=5">Again, other case</a>
      <a href="./calls/one.mp3#t=5">One again</a>
      <a href="Tom%20%26%20Jerry.wav">Tom &amp; Jerry</a>
      <a href="file%E2%80%AEvaw.mp3">bidi trick</a>
      <a href="http://alice:secret@cdn.example.net/x.mp3">with credentials</a>
      <a href="javascript:play('x.mp3')">play</a>
    </body></html>`;
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
    const result = await discoverAudio(`${server.origin}/library/may.html`, options());
    expect(result.files).toEqual([
      { url: `${server.origin}/library/calls/one.mp3`, name: 'one.mp3' },
      { url: 'https://cdn.example.net/store/two.m4a?sig=abc', name: 'two.m4a' },
      { url: `${server.origin}/media/stream?id=3`, name: 'stream' },
      { url: `${server.origin}/library/four.ogg`, name: 'four.ogg' },
      { url: `${server.origin}/library/four.mp3`, name: 'four.mp3' },
      { url: `${server.origin}/library/CALLS/One.MP3`, name: 'One.MP3' },
      { url: `${server.origin}/library/Tom%20%26%20Jerry.wav`, name: 'Tom & Jerry.wav' },
      { url: `${server.origin}/library/file%E2%80%AEvaw.mp3`, name: 'filevaw.mp3' },
    ]);
    expect(result.warnings).toEqual(['1 audio link(s) with credentials (user:password@) skipped']);
    expect(result.warnings.join(' ')).not.toMatch(/secret/);
    expect(server.hits).toEqual(['/library/may.html']); // discovery reads the page only
  });

  it('resolves links against <base href>', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<head><base href="/archive/2024/"></head><a href="q1/call.wav">q1</a>'));
    const result = await discoverAudio(`${server.origin}/index.html`, options());
    expect(result.files).toEqual([{ url: `${server.origin}/archive/2024/q1/call.wav`, name: 'call.wav' }]);
  });

  it('fails with no_audio_found for a page without audio links', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<a href="a.pdf">a</a><a href="b/">b</a>'));
    expect(await failure(discoverAudio(`${server.origin}/`, options()))).toEqual({
      code: 'no_audio_found',
      message: `the page ${server.origin}/ has no links to audio files (${EXTENSIONS}) and no <audio> players (2 link(s) looked at)`,
    });
  });
});

describe('JSON APIs', () => {
  it('finds audio URLs anywhere in nested objects and arrays, absolute or relative to the document', async () => {
    const document = {
      data: {
        items: [
          { id: 1, title: 'First call', recording: { url: 'https://cdn.example.net/r/1.wav', name: '1.wav' } },
          { id: 2, files: ['/api/files/2.mp3', 'parts/3.flac', { deep: [[{ href: '//media.example.net/4.ogg' }]] }] },
          { id: 5, media: { mimeType: 'audio/mpeg', downloadUrl: '/streams/5' } },
          { id: 6, media: { mimeType: 'text/plain', downloadUrl: '/streams/6' }, avatar: 'https://cdn.example.net/u/6.png' },
        ],
        duplicate: 'https://cdn.example.net/r/1.wav',
        next: 'https://api.example.net/calls?page=2',
        notes: 'say hello.mp3 to everyone',
      },
    };
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document)));
    const result = await discoverAudio(`${server.origin}/api/v1/calls`, options());
    expect(result.files).toEqual([
      { url: 'https://cdn.example.net/r/1.wav', name: '1.wav' },
      { url: `${server.origin}/api/files/2.mp3`, name: '2.mp3' },
      { url: `${server.origin}/api/v1/parts/3.flac`, name: '3.flac' },
      { url: 'http://media.example.net/4.ogg', name: '4.ogg' },
      { url: `${server.origin}/streams/5`, name: '5' },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('takes bare file names only when the document has no real links', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('["a.mp3", "b.wav", "readme.txt"]'));
    const result = await discoverAudio(`${server.origin}/list/index.json`, options());
    expect(result.files.map((file) => file.url)).toEqual([`${server.origin}/list/a.mp3`, `${server.origin}/list/b.wav`]);
  });

  it('detects JSON by its first bytes when the server sends no useful type, and caps the files', async () => {
    const urls = Array.from({ length: 5 }, (_unused, index) => `https://cdn.example.net/${index}.opus`);
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(`\n  ${JSON.stringify({ urls })}`));
    const result = await discoverAudio(`${server.origin}/feed`, options({ maxFiles: 3 }));
    expect(result.files.map((file) => file.name)).toEqual(['0.opus', '1.opus', '2.opus']);
    expect(result.truncated).toBe(true);
  });

  it('fails with no_audio_found when no string is an audio URL', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"calls":[{"id":1,"url":"https://x.example/calls/1"}]}'));
    expect(await failure(discoverAudio(`${server.origin}/api`, options()))).toMatchObject({ code: 'no_audio_found', message: expect.stringMatching(/JSON document .* holds no URL of an audio file/) });
  });
});

describe('direct links', () => {
  it('recognises audio by Content-Type, first bytes or extension, and reads only the first bytes', async () => {
    let closedEarly = false;
    const server = await serve((request, response) => {
      if (request.url === '/download?id=7') return void response.writeHead(302, { location: '/files/Call%207.wav' }).end();
      if (request.url === '/files/Call%207.wav') {
        // 64 MB, far more than socket buffers hold: only an early close stops it before the end.
        response.writeHead(200, { 'content-type': 'audio/wav' });
        response.on('close', () => (closedEarly = !response.writableFinished));
        let left = 1024;
        return void Readable.from((function* () { while (left-- > 0) yield Buffer.alloc(64 * 1024); })()).pipe(response);
      }
      if (request.url === '/sniffed') return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(wav);
      if (request.url === '/text-named.mp3') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('not really audio');
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    });
    expect(await discoverAudio(`${server.origin}/download?id=7`, options())).toEqual({
      files: [{ url: `${server.origin}/download?id=7`, name: 'Call 7.wav' }],
      truncated: false,
      warnings: [],
    });
    expect((await discoverAudio(`${server.origin}/sniffed`, options())).files).toEqual([{ url: `${server.origin}/sniffed`, name: 'sniffed' }]);
    // The real format check is ffprobe's, later: an audio extension is enough here.
    expect((await discoverAudio(`${server.origin}/text-named.mp3`, options())).files).toHaveLength(1);
    expect(await failure(discoverAudio(`${server.origin}/hello.txt`, options()))).toEqual({
      code: 'no_audio_found',
      message: `${server.origin}/hello.txt is neither audio nor an HTML page, directory listing or JSON document (Content-Type: text/plain)`,
    });
    await server.close();
    expect(closedEarly).toBe(true);
  });
});

describe('discovery is as safe as safeGet', () => {
  it('refuses a private source without requesting anything from it', async () => {
    const server = await serveListings('apache');
    expect(await failure(discoverAudio(`${server.origin}/rec/`, options({ policy: { ...defaultFetchPolicy, allowPrivate: false } })))).toMatchObject({
      code: 'url_refused',
      message: expect.stringMatching(/loopback/),
    });
    expect(server.hits).toEqual([]);
  });
});
