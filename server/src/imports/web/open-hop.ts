import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../../lib/errors.js';
import type { FetchPolicy } from './fetch-policy.js';
import type { FetchTarget } from './fetch-target.js';
import { ByteLimit } from './byte-limit.js';
import { fetchFailed } from './web-errors.js';

/** One HTTP exchange: the response head, and its body already size-capped and watched for stalls. */
export interface Hop {
  response: http.IncomingMessage;
  /** Fails with the layer's AppErrors (read timeout, too_large, connection lost), or the abort reason. */
  body: Readable;
  /** The body was compressed (Content-Encoding) and is delivered decoded: Content-Length is not its size. */
  decoded: boolean;
}

const DECODERS: Record<string, (() => Transform) | undefined> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * GETs `target.url` over a connection to `target.address` only. The URL keeps its host name, so the
 * Host header, TLS SNI and certificate check all use the name, while the custom `lookup` hands the
 * socket the already-checked address instead of asking DNS again.
 */
export function openHop(target: FetchTarget, policy: FetchPolicy, signal?: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    let body: ByteLimit | undefined;
    const fail = (error: Error) => {
      if (body) body.destroy(error);
      else reject(error);
      request.destroy();
    };
    const transport = target.url.protocol === 'https:' ? https : http;
    const request = transport.request(target.url, {
      method: 'GET',
      agent: false, // a fresh connection per request: no pooled socket can skip the address check
      lookup: pinnedLookup(target.address, target.family),
      headers: { 'user-agent': policy.userAgent ?? 'call-assist-import', accept: '*/*', 'accept-encoding': 'identity' },
      signal,
    });
    request.on('socket', (socket) => {
      const connectTimer = setTimeout(
        () => fail(fetchFailed(`connect timeout: no connection to ${target.hostname} within ${policy.connectTimeoutMs} ms`)),
        policy.connectTimeoutMs,
      );
      socket.once(transport === https ? 'secureConnect' : 'connect', () => {
        clearTimeout(connectTimer);
        // Idle time on the socket: waiting for the headers, then between two chunks of the body.
        socket.setTimeout(policy.readTimeoutMs, () =>
          fail(fetchFailed(`read timeout: ${target.hostname} sent nothing for ${policy.readTimeoutMs} ms`)),
        );
      });
      socket.once('close', () => clearTimeout(connectTimer));
    });
    request.on('error', (error) => fail(describeFailure(error, target, signal)));
    request.on('response', (response) => {
      const limited = new ByteLimit(policy.maxBytes);
      body = limited;
      response.on('error', (error) => fail(describeFailure(error, target, signal)));
      limited.on('close', () => request.destroy());
      // We ask for identity; a server that compresses anyway is decoded, and the cap counts decoded bytes (no zip bombs).
      const encoding = response.headers['content-encoding']?.trim().toLowerCase();
      const decoder = encoding ? DECODERS[encoding]?.() : undefined;
      if (decoder) {
        decoder.on('error', () => fail(fetchFailed(`${target.hostname} sent a corrupt ${encoding} body`)));
        limited.on('close', () => decoder.destroy());
        response.pipe(decoder).pipe(limited);
      } else {
        response.pipe(limited);
      }
      resolve({ response, body: limited, decoded: decoder !== undefined });
    });
    request.end();
  });
}

function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL/;

/** Node's network errors as messages a user can act on; the abort reason passes through unchanged. */
function describeFailure(error: Error, target: FetchTarget, signal?: AbortSignal): Error {
  if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : new Error('aborted');
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const host = target.hostname;
  if (error.message === 'aborted') return fetchFailed(`${host} closed the connection before the whole body arrived`);
  if (code === 'ECONNREFUSED') return fetchFailed(`${host} refused the connection (${target.address}:${target.url.port || defaultPort(target)})`);
  if (code === 'ECONNRESET') return fetchFailed(`${host} reset the connection`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return fetchFailed(`${host} is unreachable (${code})`);
  if (code === 'ETIMEDOUT') return fetchFailed(`connect timeout: ${host} did not answer (ETIMEDOUT)`);
  if (TLS_CODE.test(code)) return fetchFailed(`the TLS certificate of ${host} was not accepted (${code})`);
  if (code.startsWith('HPE_')) return fetchFailed(`${host} sent an invalid HTTP response (${code})`);
  return fetchFailed(`request to ${host} failed (${code || error.message.slice(0, 100)})`);
}

const defaultPort = (target: FetchTarget) => (target.url.protocol === 'https:' ? '443' : '80');
