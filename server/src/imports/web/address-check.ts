import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** Human names of the non-public ranges, as ipaddr.js calls them. */
const IPV4_CLASSES: Record<string, string> = {
  unspecified: 'unspecified (0.0.0.0/8)',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local (169.254.0.0/16, cloud metadata)',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private (RFC 1918)',
  reserved: 'reserved',
  benchmarking: 'reserved (benchmarking)',
};

const IPV6_CLASSES: Record<string, string> = {
  unspecified: 'unspecified (::)',
  linkLocal: 'link-local (fe80::/10)',
  multicast: 'multicast',
  loopback: 'loopback (::1)',
  uniqueLocal: 'unique-local (fc00::/7)',
  deprecatedSiteLocal: 'site-local (fec0::/10)',
  discard: 'discard-only (100::/64)',
  teredo: 'Teredo tunnel',
  benchmarking: 'reserved (benchmarking)',
  reserved: 'reserved',
  deprecatedOrchid: 'reserved (ORCHID)',
  orchid2: 'reserved (ORCHIDv2)',
  droneRemoteIdProtocolEntityTags: 'reserved (DRIP)',
  segmentRouting: 'reserved (segment routing)',
};

/** IPv6 ranges that are public unicast although ipaddr.js names them. */
const PUBLIC_IPV6_RANGES = new Set(['unicast', 'amt', 'as112v6']);

/** Cloud metadata endpoints: refused even when private addresses are allowed, as they hold instance credentials. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);
const METADATA_HOSTNAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/**
 * Why `address` (an IP literal) is not a public address — e.g. "loopback", "private (RFC 1918)",
 * "IPv4-mapped loopback" — or undefined when it is public. Anything unparseable counts as not public.
 */
export function nonPublicAddressClass(address: string): string | undefined {
  if (!net.isIP(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return range === 'unicast' || range === 'as112' || range === 'amt' ? undefined : (IPV4_CLASSES[range] ?? range);
  }
  return ipv6Class(parsed as ipaddr.IPv6);
}

function ipv6Class(address: ipaddr.IPv6): string | undefined {
  const range = address.range();
  const bytes = address.toByteArray();
  // IPv6 forms that carry an IPv4 address are judged by that address (::ffff:127.0.0.1 is loopback).
  const embedded = (label: string, offset: number) => {
    const inner = nonPublicAddressClass(bytes.slice(offset, offset + 4).join('.'));
    return inner === undefined ? undefined : `${label} ${inner}`;
  };
  if (range === 'ipv4Mapped' || range === 'rfc6145') return embedded('IPv4-mapped', 12);
  if (range === 'rfc6052') return address.match(ipaddr.IPv6.parse('64:ff9b::'), 96) ? embedded('NAT64', 12) : 'reserved (local NAT64)';
  if (range === '6to4') return embedded('6to4', 2);
  if (!PUBLIC_IPV6_RANGES.has(range)) return IPV6_CLASSES[range] ?? range;
  // Deprecated IPv4-compatible ::a.b.c.d: no named range, but may still reach the IPv4 host.
  if (bytes.slice(0, 12).every((byte) => byte === 0)) return 'IPv4-compatible (::/96)';
  return undefined;
}

/** Metadata endpoints are refused whatever the policy says. */
export function isMetadataAddress(address: string): boolean {
  if (!net.isIP(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return METADATA_ADDRESSES.has(parsed.toString()); // toString() is the compressed form, as in the set
}

/**
 * Host names refused before any resolution: cloud metadata names always, and names that only ever mean
 * this machine or its local network (`localhost`, `*.localhost`, `*.local`, `*.internal`) unless private
 * addresses are allowed. `hostname` is lower case without brackets or a trailing dot.
 */
export function refusedHostnameReason(hostname: string, allowPrivate: boolean): string | undefined {
  if (METADATA_HOSTNAMES.has(hostname)) return `${hostname} is a cloud metadata host`;
  if (allowPrivate) return undefined;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return `${hostname} is a loopback host name`;
  if (/\.(local|internal|home\.arpa)$/.test(hostname)) return `${hostname} is a local-network host name`;
  return undefined;
}
