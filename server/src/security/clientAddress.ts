// The client's address as the service sees it: behind a trusted proxy the hop the proxy names, and the network it
// stands for (an IPv6 /64 is one household or one phone, whatever its last 64 bits say).
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/**
 * The address one request came from. Without a trusted proxy, the socket's peer. With one (`TRUST_PROXY`), the
 * right-most X-Forwarded-For entry, which the proxy itself appended: the same address Express gives as `req.ip` with
 * `trust proxy` set to one hop, so that the REST, Socket.IO and raw Engine.IO entry points count one client alike.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const peer = req.socket?.remoteAddress;
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return peer;
  const hops = value.split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - 1] ?? peer;
}

/**
 * The key an address is counted, banned and remembered under: an IPv4 address as it is (`::ffff:1.2.3.4` is
 * `1.2.3.4`), an IPv6 address by its /64 network (`2001:db8:1:2::/64`). Anything else is kept as written.
 */
export function addressKey(ip: string): string {
  let a = ip.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) return mapped[1]!;
  if (net.isIPv4(a)) return a;
  if (!net.isIPv6(a)) return a;
  const groups = expandIpv6(a);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/**
 * The network an address belongs to, for privileges shared by a neighbourhood of addresses (the urgent line):
 * an IPv4 /24 (`203.0.113.0/24`) or an IPv6 /48. Never used to refuse anyone.
 */
export function networkKey(ip: string): string {
  const key = addressKey(ip);
  if (net.isIPv4(key)) return `${key.split('.').slice(0, 3).join('.')}.0/24`;
  if (key.endsWith('::/64')) return `${key.split(':').slice(0, 3).join(':')}::/48`;
  return key;
}

/** The eight 16-bit groups of a valid IPv6 address (with `::` and an embedded IPv4 tail). */
function expandIpv6(a: string): number[] {
  let text = a.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [b1, b2, b3, b4] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + ((b1 << 8) | b2).toString(16) + ':' + ((b3 << 8) | b4).toString(16);
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}
