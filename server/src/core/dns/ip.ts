// IP addresses the way CoreDNS (Go) reads and writes them. CoreDNS decides what a name means with
// `net.ParseIP` (pod names, ExternalName values, reverse names) and prints addresses with
// `net.IP.String()`; both differ from other libraries in small ways that change answers:
//  - IPv4 fields are 1–3 decimal digits without leading zeros (`10.0.0.01` is not an address);
//  - IPv6 groups are 1–4 hex digits; `::` once; an IPv4 tail only in the last 32 bits; no zone;
//  - an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) *is* IPv4 to CoreDNS (`To4() != nil`): it is
//    served as an A record and printed dotted;
//  - IPv6 is printed RFC 5952 style (lowercase, no leading zeros, the longest run of two or more zero
//    groups — the first on a tie — as `::`).

import { readDottedQuad } from '../util/ip';

export type IpBytes = Uint8Array;

// The parsers read character codes into one scratch buffer and copy it out only for an address: an
// nslookup reads a few dozen addresses (the DNS server's, every record's), and the split/regex/array
// version of these functions was an eighth of what a lookup allocated.

const DOT = 0x2e;
const COLON = 0x3a;
const scratch = new Uint8Array(16);

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** IPv6 (groups of 1–4 hex digits, one `::` standing for at least one group, an IPv4 tail in the last 32 bits) into out. */
function parseV6(s: string, out: Uint8Array): boolean {
  const len = s.length;
  let n = 0;
  let ellipsis = -1;
  let i = 0;
  if (s.charCodeAt(0) === COLON && s.charCodeAt(1) === COLON) {
    ellipsis = 0;
    i = 2;
    if (i === len) {
      out.fill(0);
      return true;
    }
  }
  while (i < len) {
    const start = i;
    let group = 0;
    for (let h = hexValue(s.charCodeAt(i)); h >= 0 && i - start < 4; h = hexValue(s.charCodeAt(++i))) group = group * 16 + h;
    if (i === start) return false;
    if (s.charCodeAt(i) === DOT) {
      // an IPv4 tail: the digits just read are its first field
      if ((ellipsis < 0 && n !== 12) || n + 4 > 16) return false;
      if (!readDottedQuad(s, start, out, n)) return false;
      n += 4;
      break;
    }
    out[n++] = group >> 8;
    out[n++] = group & 0xff;
    if (i === len) break;
    if (s.charCodeAt(i) !== COLON || i === len - 1) return false;
    i++;
    if (s.charCodeAt(i) === COLON) {
      if (ellipsis >= 0) return false;
      ellipsis = n;
      i++;
      if (i === len) break;
    }
    if (n >= 16) return false;
  }
  if (n < 16) {
    if (ellipsis < 0) return false;
    const tail = n - ellipsis;
    out.copyWithin(16 - tail, ellipsis, n);
    out.fill(0, ellipsis, 16 - tail);
  } else if (ellipsis >= 0) {
    // `::` must stand for at least one group
    return false;
  }
  return true;
}

/** Go's `net.ParseIP` into the scratch buffer: false when `s` is not an address. */
function parseToScratch(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === DOT) {
      if (!readDottedQuad(s, 0, scratch, 12)) return false;
      scratch.fill(0, 0, 10);
      scratch[10] = 0xff;
      scratch[11] = 0xff;
      return true;
    }
    if (c === COLON) return parseV6(s, scratch);
  }
  return false;
}

/** Go's `net.ParseIP`: 16 bytes (IPv4 as IPv4-mapped), or undefined when `s` is not an address. */
export function parseIP(s: string): IpBytes | undefined {
  return parseToScratch(s) ? scratch.slice() : undefined;
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
  return parseToScratch(s) ? formatIP(scratch) : undefined;
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
