/**
 * The unit a per-client-address limit counts in (online-approval requests, issue #9 review): an IPv4
 * address as it is (IPv4-mapped IPv6 included), an IPv6 address by its /56 prefix — one subscriber's
 * usual allocation, so a single host cannot multiply its share by walking through its own addresses.
 */
import { isIPv6 } from 'node:net';

/** Eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail counts as two). */
function ipv6Groups(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const text = dotted
    ? `${ip.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : ip;
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((g) => parseInt(g, 16));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  return [...h, ...Array<number>(Math.max(0, 8 - h.length - t.length)).fill(0), ...t];
}

/** The key a per-address limit counts `ip` under. */
export function clientAddressKey(ip: string): string {
  const bare = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(bare)) return bare;
  const g = ipv6Groups(bare.toLowerCase());
  return `${[g[0], g[1], g[2], (g[3] ?? 0) & 0xff00].map((x) => (x ?? 0).toString(16)).join(':')}::/56`;
}
