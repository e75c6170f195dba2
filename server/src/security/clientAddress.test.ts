// The address a request is counted under: the proxy's last hop when trusted, and an IPv6 /64 as one network.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './clientAddress.js';

const req = (peer: string, xff?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever the header claims', () => {
    expect(clientAddress(req('10.0.0.1', '203.0.113.9'), false)).toBe('10.0.0.1');
  });
  it('is the hop the trusted proxy appended (the right-most), not one the client wrote', () => {
    expect(clientAddress(req('10.0.0.1', '198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1', ['198.51.100.1', '203.0.113.9 ']), true)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});

describe('addressKey', () => {
  it('keys IPv4 as itself, mapped or not', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:cb00:7109')).toBe('203.0.113.9');
  });
  it('keys every address of one IPv6 /64 alike, however written', () => {
    const key = addressKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const a of ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:9', '[2001:db8:1:2::abcd]', 'fe80::1%eth0'.replace('fe80::', '2001:db8:1:2::')]) {
      expect(addressKey(a), a).toBe(key);
    }
    expect(addressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
