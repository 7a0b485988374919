/**
 * SSRF guard: decides whether an IP address is one Chronicle may connect to when it
 * fetches a URL on a user's behalf. A capture server usually sits next to things an
 * attacker would love to reach (cloud metadata at 169.254.169.254, the database, an admin
 * port on localhost), so anything that is not plain global unicast is refused.
 *
 *   isForbiddenAddress('93.184.216.34')      // null (public)
 *   isForbiddenAddress('::ffff:7f00:1')      // 'IPv4-mapped IPv6 of 127.0.0.1: loopback'
 *
 * Pure. Input is an IP literal as produced by `dns.lookup` or a URL hostname (brackets and
 * an IPv6 zone id are tolerated). Anything that is not a valid IP literal is refused: the
 * guard fails closed.
 */
import { isIPv4, isIPv6 } from 'node:net';

interface V4Range {
  base: number;
  bits: number;
  reason: string;
}

function v4(text: string): number {
  const parts = text.split('.').map(Number);
  return (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0);
}

// Order matters only for the reason reported: more specific ranges come first.
const V4_RANGES: V4Range[] = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private network (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.169.254', 32, 'cloud metadata endpoint (link-local 169.254.169.254)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private network (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation range (192.0.2.0/24)'],
  ['192.31.196.0', 24, 'AS112 service (192.31.196.0/24)'],
  ['192.52.193.0', 24, 'AMT relay (192.52.193.0/24)'],
  ['192.88.99.0', 24, '6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private network (192.168.0.0/16)'],
  ['192.175.48.0', 24, 'AS112 service (192.175.48.0/24)'],
  ['198.18.0.0', 15, 'benchmarking range (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation range (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation range (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['255.255.255.255', 32, 'broadcast (255.255.255.255)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4)'],
].map(([base, bits, reason]) => ({ base: v4(base as string), bits: bits as number, reason: reason as string }));

function inV4Range(addr: number, range: V4Range): boolean {
  if (range.bits === 0) return true;
  const mask = (0xffffffff << (32 - range.bits)) >>> 0;
  return ((addr & mask) >>> 0) === ((range.base & mask) >>> 0);
}

function forbiddenV4(addr: number): string | null {
  for (const range of V4_RANGES) if (inV4Range(addr, range)) return range.reason;
  return null;
}

function formatV4(addr: number): string {
  return [addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255].join('.');
}

/** Parses a valid IPv6 literal (already checked by `isIPv6`) into eight 16-bit groups. */
function parseV6(text: string): number[] {
  let head = text;
  const tailGroups: number[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::10.0.0.1) stands for the last two groups.
  const lastColon = head.lastIndexOf(':');
  const last = head.slice(lastColon + 1);
  if (last.includes('.')) {
    const n = v4(last);
    tailGroups.push(n >>> 16, n & 0xffff);
    head = head.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const toGroups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  let groups: number[];
  const gap = head.indexOf('::');
  if (gap >= 0) {
    const left = toGroups(head.slice(0, gap));
    const right = toGroups(head.slice(gap + 2));
    const missing = 8 - left.length - right.length - tailGroups.length;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    groups = toGroups(head);
  }
  return [...groups, ...tailGroups];
}

function groupsMatch(groups: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function embeddedV4(groups: number[], at: number): number {
  return (((groups[at]! << 16) | groups[at + 1]!) >>> 0);
}

function forbiddenV6(groups: number[]): string | null {
  const isZero = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  if (isZero(0, 8)) return 'unspecified address (::)';
  if (isZero(0, 7) && groups[7] === 1) return 'loopback (::1)';

  // Forms that carry an IPv4 address: judge by the IPv4 address they lead to.
  if (isZero(0, 5) && groups[5] === 0xffff) {
    const inner = embeddedV4(groups, 6);
    const why = forbiddenV4(inner);
    return why ? `IPv4-mapped IPv6 of ${formatV4(inner)}: ${why}` : null;
  }
  if (groupsMatch(groups, [0x64, 0xff9b, 0, 0, 0, 0], 96)) {
    const inner = embeddedV4(groups, 6);
    const why = forbiddenV4(inner);
    return why ? `NAT64 (64:ff9b::/96) of ${formatV4(inner)}: ${why}` : null;
  }
  if (groups[0] === 0x2002) {
    const inner = embeddedV4(groups, 1);
    const why = forbiddenV4(inner);
    return why ? `6to4 (2002::/16) of ${formatV4(inner)}: ${why}` : null;
  }
  if (isZero(0, 6)) return 'IPv4-compatible IPv6 (deprecated ::/96)';
  if (isZero(0, 4) && groups[4] === 0xffff && groups[5] === 0) return 'IPv4-translated IPv6 (::ffff:0:0:0/96)';

  const ranges: [number[], number, string][] = [
    [[0x64, 0xff9b, 0x1], 48, 'local-use NAT64 (64:ff9b:1::/48)'],
    [[0x100, 0, 0, 0], 64, 'discard-only (100::/64)'],
    [[0x2001, 0x0], 32, 'Teredo tunnelling (2001::/32)'],
    [[0x2001, 0x2, 0], 48, 'benchmarking range (2001:2::/48)'],
    [[0x2001, 0x10], 28, 'ORCHID (2001:10::/28)'],
    [[0x2001, 0x20], 28, 'ORCHIDv2 (2001:20::/28)'],
    [[0x2001, 0xdb8], 32, 'documentation range (2001:db8::/32)'],
    [[0x2001], 23, 'IETF protocol assignments (2001::/23)'],
    [[0x3fff], 20, 'documentation range (3fff::/20)'],
    [[0x5f00], 16, 'segment routing SIDs (5f00::/16)'],
    [[0xfc00], 7, 'unique local address (fc00::/7)'],
    [[0xfe80], 10, 'link-local (fe80::/10)'],
    [[0xfec0], 10, 'site-local, deprecated (fec0::/10)'],
    [[0xff00], 8, 'multicast (ff00::/8)'],
  ];
  for (const [prefix, bits, reason] of ranges) if (groupsMatch(groups, prefix, bits)) return reason;
  // Everything outside 2000::/3 is unassigned or special-purpose: not somewhere a public
  // web page lives.
  if (!groupsMatch(groups, [0x2000], 3)) return 'reserved (outside global unicast 2000::/3)';
  return null;
}

/**
 * Returns why `ip` must not be connected to, or null if it is an ordinary public address.
 */
export function isForbiddenAddress(ip: string): string | null {
  let text = ip.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (isIPv4(text)) return forbiddenV4(v4(text));
  if (isIPv6(text)) return forbiddenV6(parseV6(text.toLowerCase()));
  return `not a valid IP address literal: ${JSON.stringify(ip)}`;
}
