// IP addresses the way CoreDNS (Go) reads and writes them. CoreDNS decides what a name means with
// `net.ParseIP` (pod names, ExternalName values, reverse names) and prints addresses with
// `net.IP.String()`; both differ from other libraries in small ways that change answers:
//  - IPv4 fields are 1–3 decimal digits without leading zeros (`10.0.0.01` is not an address);
//  - IPv6 groups are 1–4 hex digits; `::` once; an IPv4 tail only in the last 32 bits; no zone;
//  - an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) *is* IPv4 to CoreDNS (`To4() != nil`): it is
//    served as an A record and printed dotted;
//  - IPv6 is printed RFC 5952 style (lowercase, no leading zeros, the longest run of two or more zero
//    groups — the first on a tie — as `::`).

export type IpBytes = Uint8Array;

function parseV4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || !/^[0-9]+$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === '0') return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | undefined {
  const bytes: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest.length === 0) return new Array(16).fill(0);
  }
  while (rest.length > 0) {
    // an IPv4 tail
    const m = /^([0-9A-Fa-f]{1,4})(.*)$/.exec(rest);
    if (!m) return undefined;
    if (m[2].startsWith('.')) {
      if (ellipsis < 0 && bytes.length !== 12) return undefined;
      if (bytes.length + 4 > 16) return undefined;
      const v4 = parseV4(rest);
      if (!v4) return undefined;
      bytes.push(...v4);
      rest = '';
      break;
    }
    const n = parseInt(m[1], 16);
    bytes.push(n >> 8, n & 0xff);
    rest = m[2];
    if (rest.length === 0) break;
    if (rest[0] !== ':' || rest.length === 1) return undefined;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = bytes.length;
      rest = rest.slice(1);
      if (rest.length === 0) break;
    }
    if (bytes.length >= 16) return undefined;
  }
  if (bytes.length > 16) return undefined;
  if (bytes.length < 16) {
    if (ellipsis < 0) return undefined;
    const fill = 16 - bytes.length;
    bytes.splice(ellipsis, 0, ...new Array(fill).fill(0));
  } else if (ellipsis >= 0) {
    // `::` must stand for at least one group
    return undefined;
  }
  return bytes;
}

/** Go's `net.ParseIP`: 16 bytes (IPv4 as IPv4-mapped), or undefined when `s` is not an address. */
export function parseIP(s: string): IpBytes | undefined {
  for (const c of s) {
    if (c === '.') {
      const v4 = parseV4(s);
      return v4 ? Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]) : undefined;
    }
    if (c === ':') {
      const v6 = parseV6(s);
      return v6 ? Uint8Array.from(v6) : undefined;
    }
  }
  return undefined;
}

/** Go's `To4() != nil`: an IPv4 address, or an IPv4-mapped IPv6 one. */
export function isV4(ip: IpBytes): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** Go's `net.IP.String()`. */
export function formatIP(ip: IpBytes): string {
  if (isV4(ip)) return `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i] << 8) | ip[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Canonical text of an address as CoreDNS prints it, or undefined. */
export function normalizeIP(s: string): string | undefined {
  const ip = parseIP(s);
  return ip ? formatIP(ip) : undefined;
}

/** The reverse-lookup name of an address: `4.3.2.1.in-addr.arpa.` or the 32 nibbles under `ip6.arpa.`. */
export function reverseName(s: string): string | undefined {
  const ip = parseIP(s);
  if (!ip) return undefined;
  if (isV4(ip)) return `${ip[15]}.${ip[14]}.${ip[13]}.${ip[12]}.in-addr.arpa.`;
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) nibbles.push((ip[i] & 0xf).toString(16), (ip[i] >> 4).toString(16));
  return `${nibbles.join('.')}.ip6.arpa.`;
}

export const IP4ARPA = '.in-addr.arpa.';
export const IP6ARPA = '.ip6.arpa.';

/**
 * dnsutil.ExtractAddressFromReverse: the address a (lowercase, fully qualified) reverse name stands for,
 * or '' — reversing the labels exactly as CoreDNS does (IPv6: the reversed labels are joined four at a
 * time into groups; labels beyond a multiple of four are dropped).
 */
export function extractAddressFromReverse(name: string): string {
  let v6 = false;
  let search: string;
  if (name.endsWith(IP4ARPA)) search = name.slice(0, -IP4ARPA.length);
  else if (name.endsWith(IP6ARPA)) {
    search = name.slice(0, -IP6ARPA.length);
    v6 = true;
  } else return '';
  const labels = search.split('.').reverse();
  if (!v6) {
    const ip = parseIP(labels.join('.'));
    return ip && isV4(ip) ? formatIP(ip) : '';
  }
  const groups: string[] = [];
  for (let i = 0; i + 4 <= labels.length; i += 4) groups.push(labels.slice(i, i + 4).join(''));
  const ip = parseIP(groups.join(':'));
  return ip ? formatIP(ip) : '';
}

/** dnsutil.IsReverse: 1 under in-addr.arpa., 2 under ip6.arpa., else 0 (lowercase name). */
export function isReverse(name: string): 0 | 1 | 2 {
  if (name.endsWith(IP4ARPA)) return 1;
  if (name.endsWith(IP6ARPA)) return 2;
  return 0;
}

/**
 * The label CoreDNS uses for an endpoint without a hostname: the address with `.`/`:` replaced by `-`
 * (an IPv6 address ending in `::` gets a trailing `0`), as `endpointHostname()` builds it.
 */
export function dashedIP(ip: string): string {
  if (ip.includes('.')) return ip.replace(/\./g, '-');
  if (ip.includes(':')) {
    const d = ip.replace(/:/g, '-');
    return d.endsWith('-') ? `${d}0` : d;
  }
  return '';
}
