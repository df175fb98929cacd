import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FetchPolicy, HostResolver } from './fetch-policy.js';
import { AppError, errorMessage } from '../../lib/errors.js';
import { isMetadataAddress, nonPublicAddressClass, refusedHostnameReason } from './address-check.js';
import { fetchFailed, urlRefused } from './web-errors.js';

/** A URL that passed every check, with the address the connection must go to. */
export interface FetchTarget {
  url: URL;
  /** Lower case, no IPv6 brackets, no trailing dot. */
  hostname: string;
  /** The checked address: the request connects here and nowhere else (no second DNS lookup to rebind). */
  address: string;
  family: 4 | 6;
}

/** Parses `input` and refuses what may never be fetched: other schemes, credentials. The fragment is dropped. */
export function parseFetchUrl(input: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw urlRefused('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw urlRefused(`only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw urlRefused('URLs with credentials (user:password@host) are refused');
  url.hash = '';
  return url;
}

const systemResolver: HostResolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves the host of `url` and checks EVERY address it has (one private address among public ones is
 * enough to refuse: which one a later lookup returns is the attacker's choice). Refused before any
 * connection is made.
 */
export async function resolveFetchTarget(url: URL, policy: FetchPolicy, signal?: AbortSignal): Promise<FetchTarget> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (net.isIP(hostname)) {
    checkAddress(hostname, hostname, policy);
    return { url, hostname, address: hostname, family: net.isIPv6(hostname) ? 6 : 4 };
  }
  const nameReason = refusedHostnameReason(hostname, policy.allowPrivate);
  if (nameReason) throw urlRefused(`${nameReason}; only public hosts may be fetched`);
  const addresses = await resolveWithin(hostname, policy, signal);
  for (const address of addresses) checkAddress(address, hostname, policy);
  const address = addresses[0] as string;
  return { url, hostname, address, family: net.isIPv6(address) ? 6 : 4 };
}

function checkAddress(address: string, hostname: string, policy: FetchPolicy): void {
  const subject = address === hostname ? address : `${hostname} resolves to ${address}, which`;
  if (isMetadataAddress(address)) throw urlRefused(`${subject} is a cloud metadata address`);
  if (policy.allowPrivate || isAllowedAddress(address, policy.allowedAddresses)) return;
  const addressClass = nonPublicAddressClass(address);
  if (addressClass) throw urlRefused(`${subject} is not a public address (${addressClass}); only public addresses may be fetched`);
}

function isAllowedAddress(address: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return false;
  const normal = (value: string) => (net.isIP(value) ? ipaddr.parse(value).toString() : value);
  return allowed.some((entry) => normal(entry) === normal(address));
}

/** DNS lookup bounded by the connect timeout and the abort signal (getaddrinfo itself cannot be cancelled). */
async function resolveWithin(hostname: string, policy: FetchPolicy, signal?: AbortSignal): Promise<string[]> {
  signal?.throwIfAborted();
  const resolver = policy.resolve ?? systemResolver;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const addresses = await Promise.race([
      resolver(hostname),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(fetchFailed(`DNS lookup of ${hostname} timed out after ${policy.connectTimeoutMs} ms (connect timeout)`)), policy.connectTimeoutMs);
        onAbort = () => reject(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    const valid = addresses.filter((address) => net.isIP(address));
    if (valid.length === 0) throw fetchFailed(`DNS lookup of ${hostname} returned no address`);
    return valid;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof AppError) throw error;
    throw fetchFailed(`DNS lookup of ${hostname} failed (${dnsFailure(error)})`);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

function dnsFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOTFOUND') return 'no such host';
  if (code === 'EAI_AGAIN') return 'temporary DNS failure';
  return typeof code === 'string' ? code : errorMessage(error).slice(0, 100);
}
