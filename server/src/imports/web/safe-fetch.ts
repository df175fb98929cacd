import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FetchPolicy } from './fetch-policy.js';
import { parseFetchUrl, resolveFetchTarget } from './fetch-target.js';
import { openHop } from './open-hop.js';
import { fetchFailed, formatBytes, redactUrl, tooLarge } from './web-errors.js';
import { readText } from './read-text.js';

export interface SafeResponse {
  /** Final URL after redirects. */
  url: string;
  /** Always 2xx: other statuses are `fetch_failed`. */
  status: number;
  contentType: string | undefined;
  /** From the Content-Length header; undefined when absent or when the body arrives compressed. */
  contentLength: number | undefined;
  /**
   * Capped at `policy.maxBytes` while it streams (decoded, if the server compressed it anyway); errors are
   * AppErrors (or the abort reason). Keep reading it: a body left paused longer than `readTimeoutMs` fails
   * with a read timeout. Destroy it to stop early (the connection is closed).
   */
  body: Readable;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GET `url` safely: http/https only; DNS resolved by us and EVERY resolved address checked (loopback, private
 * RFC 1918, CGNAT, link-local and cloud metadata, unique-local, multicast, reserved, IPv4-mapped IPv6 of those,
 * metadata host names) unless `policy.allowPrivate` (metadata stays refused even then); the connection goes to
 * the checked address (no DNS rebinding between check and connect); redirects followed by hand, each hop checked
 * again; credentials in URLs refused. Nothing is requested from a refused address.
 *
 * Errors: AppError `url_refused`, `fetch_failed` (HTTP status, DNS, connect/read timeout, redirects), `too_large`;
 * when `signal` aborts, its reason.
 */
export async function safeGet(url: string, policy: FetchPolicy, signal?: AbortSignal): Promise<SafeResponse> {
  let current = parseFetchUrl(url);
  const visited = new Set<string>();
  for (let redirects = 0; ; redirects += 1) {
    visited.add(current.href);
    const target = await resolveFetchTarget(current, policy, signal);
    const { response, body, decoded } = await openHop(target, policy, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      body.destroy();
      if (redirects >= policy.maxRedirects) throw fetchFailed(`too many redirects (more than ${policy.maxRedirects}) from ${redactUrl(url)}`);
      const next = nextHop(location, current);
      if (visited.has(next.href)) throw fetchFailed(`redirect loop: ${redactUrl(current)} leads back to ${redactUrl(next)}`);
      current = next;
      continue;
    }
    if (status < 200 || status > 299) {
      body.destroy();
      throw fetchFailed(`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} from ${redactUrl(current)}`);
    }
    const contentLength = decoded ? undefined : parseContentLength(response.headers['content-length']);
    if (contentLength !== undefined && contentLength > policy.maxBytes) {
      body.destroy();
      throw tooLarge(`the file is larger than the ${formatBytes(policy.maxBytes)} limit (Content-Length: ${contentLength} bytes)`);
    }
    return { url: current.href, status, contentType: response.headers['content-type'], contentLength, body };
  }
}

function nextHop(location: string, current: URL): URL {
  try {
    new URL(location, current);
  } catch {
    throw fetchFailed(`${redactUrl(current)} redirects to an invalid URL`);
  }
  return parseFetchUrl(location, current);
}

function parseContentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/** Streams `url` into `file` (created or replaced); the partial file is deleted on any failure. */
export async function downloadToFile(
  url: string,
  file: string,
  policy: FetchPolicy,
  signal?: AbortSignal,
): Promise<{ bytes: number; finalUrl: string; contentType: string | undefined }> {
  const response = await safeGet(url, policy, signal);
  const output = createWriteStream(file);
  try {
    await pipeline(response.body, output, { signal });
  } catch (error) {
    response.body.destroy();
    await rm(file, { force: true });
    throw signal?.aborted ? signal.reason : error;
  }
  return { bytes: output.bytesWritten, finalUrl: response.url, contentType: response.contentType };
}

/** GETs a page or document as text (charset from Content-Type, UTF-8 by default); longer than `maxChars` is `too_large`. */
export async function fetchText(
  url: string,
  policy: FetchPolicy,
  maxChars: number,
  signal?: AbortSignal,
): Promise<{ text: string; finalUrl: string; contentType?: string }> {
  const response = await safeGet(url, policy, signal);
  const text = await readText(response.body, response.contentType, maxChars);
  return { text, finalUrl: response.url, contentType: response.contentType };
}
