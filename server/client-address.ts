import { isIP } from 'node:net';

/*
 * Who a request counts for: the rate limits and the upload slots are per client. Behind a reverse proxy
 * every request comes from the proxy, so the proxies named in TRUST_PROXY are believed about the
 * address they forwarded (`X-Forwarded-For`, read by Fastify's `trustProxy`); no other sender is.
 */

/** An address (`127.0.0.1`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`), as TRUST_PROXY takes them. */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded; an IPv4 tail counts as two groups). */
function groups(address: string): number[] {
  const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [Number(a) * 256 + Number(b), Number(c) * 256 + Number(d)].map((n) => n.toString(16)).join(':'),
  );
  const [head, tail] = hex.split('::');
  const parse = (part?: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  return tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The key a client is counted under. IPv4: the address. IPv6: its /64 network, the smallest block one
 * line is given, from which one host can take a new address with every request; an IPv4 address
 * written as IPv6 (`::ffff:192.0.2.1`, from a dual-stack socket) counts as that IPv4 address.
 */
export function clientKey(ip: string): string {
  const address = ip.replace(/%.*$/, ''); // a link-local zone (fe80::1%eth0)
  if (isIP(address) !== 6) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const prefix = groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':');
  return `${prefix}::/64`;
}
