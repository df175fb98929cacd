import { describe, expect, it } from 'vitest';
import { isMetadataAddress, nonPublicAddressClass, refusedHostnameReason } from './address-check.js';

describe('nonPublicAddressClass', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.31.255.255', 'private (RFC 1918)'],
    ['192.168.0.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'carrier-grade NAT (100.64.0.0/10)'],
    ['100.127.255.255', 'carrier-grade NAT (100.64.0.0/10)'],
    ['169.254.169.254', 'link-local (169.254.0.0/16, cloud metadata)'],
    ['0.0.0.0', 'unspecified (0.0.0.0/8)'],
    ['0.1.2.3', 'unspecified (0.0.0.0/8)'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback (::1)'],
    ['::', 'unspecified (::)'],
    ['fe80::1', 'link-local (fe80::/10)'],
    ['fc00::1', 'unique-local (fc00::/7)'],
    ['fd00:ec2::254', 'unique-local (fc00::/7)'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'site-local (fec0::/10)'],
    ['2001:db8::1', 'reserved'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::ffff:10.1.1.1', 'IPv4-mapped private (RFC 1918)'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local (169.254.0.0/16, cloud metadata)'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['2002:a00:1::1', '6to4 private (RFC 1918)'],
    ['::7f00:1', 'IPv4-compatible (::/96)'],
    ['2001:0:4136:e378::1', 'Teredo tunnel'],
    ['localhost', 'not an IP address'],
  ])('%s is %s', (address, expected) => {
    expect(nonPublicAddressClass(address)).toBe(expected);
  });

  it.each(['8.8.8.8', '93.184.216.34', '1.1.1.1', '100.63.255.255', '100.128.0.0', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (address) => {
      expect(nonPublicAddressClass(address)).toBeUndefined();
    },
  );
});

describe('metadata endpoints and host names', () => {
  it('knows the metadata addresses in their IPv4, mapped and IPv6 forms', () => {
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '100.100.100.200', 'fd00:ec2::254', 'fd00:ec2:0:0:0:0:0:254']) expect([address, isMetadataAddress(address)]).toEqual([address, true]);
    for (const address of ['169.254.169.253', '8.8.8.8', 'fd00:ec2::255']) expect([address, isMetadataAddress(address)]).toEqual([address, false]);
  });

  it('refuses metadata names always and local names unless private addresses are allowed', () => {
    expect(refusedHostnameReason('metadata.google.internal', true)).toMatch(/cloud metadata/);
    expect(refusedHostnameReason('localhost', false)).toMatch(/loopback/);
    expect(refusedHostnameReason('api.localhost', false)).toMatch(/loopback/);
    expect(refusedHostnameReason('nas.local', false)).toMatch(/local-network/);
    expect(refusedHostnameReason('localhost', true)).toBeUndefined();
    expect(refusedHostnameReason('example.com', false)).toBeUndefined();
    expect(refusedHostnameReason('notlocalhost.com', false)).toBeUndefined();
  });
});
