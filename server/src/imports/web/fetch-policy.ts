/** Resolves a host name to every address it has (IPv4 and IPv6, as strings). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** What the web-fetching layer may reach and how much it may take. Built from config by the caller. */
export interface FetchPolicy {
  /** Allow loopback, private, link-local and other non-public addresses (IMPORT_ALLOW_PRIVATE=1; tests set it). */
  allowPrivate: boolean;
  /** DNS resolution + TCP connect + TLS handshake of one hop. */
  connectTimeoutMs: number;
  /** Longest silence from the server, waiting for the response headers or between two chunks of the body. */
  readTimeoutMs: number;
  /** Largest body of one response, enforced while it streams (and from Content-Length before it does). */
  maxBytes: number;
  maxRedirects: number;
  userAgent?: string;
  /** Exact addresses allowed although not public (an intranet archive; tests stand a loopback server in for a public host). */
  allowedAddresses?: readonly string[];
  /** DNS resolver; default: the system's (`dns.lookup`, all addresses). Tests inject one to simulate public host names. */
  resolve?: HostResolver;
}

export const defaultFetchPolicy: FetchPolicy = {
  allowPrivate: false,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  maxBytes: 500 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'call-assist-import/1.0',
};
