// IP addresses as the API server reads them. Kubernetes validates the IP fields of Services, Endpoints,
// EndpointSlices and pod DNS config with k8s.io/utils/net.ParseIPSloppy: Go's net.ParseIP as it was
// before Go 1.17, which still accepts IPv4 octets with leading zeros ("010.1.2.3"). Stricter parsing
// (netip.ParseAddr) is only enforced behind the StrictIPCIDRValidation gate (alpha, off by default);
// without it the API server accepts such values and only warns that they are non-standard.
//
// Written from the behaviour of those functions, not from their code.

export interface ParsedIp {
  /** The 16-byte form (an IPv4 address is stored IPv4-mapped, as Go does). */
  bytes: number[];
  /** Go's `ip.To4() != nil`: an IPv4 address, written dotted or as an IPv4-mapped IPv6 address. */
  v4: boolean;
  /** An IPv4 octet was written with leading zeros ("010.1.2.3", also inside an IPv6 address). */
  leadingZeros: boolean;
  /** An IPv6 group was written with more than 4 hex digits ("00001::1"). */
  longGroup: boolean;
  /** Written as an IPv6 address that is IPv4-mapped (`::ffff:1.2.3.4`). */
  mapped: boolean;
}

/**
 * Why text the API server accepts would be read as another address, or not at all, by what serves and
 * uses it: Go's current net.ParseIP (CoreDNS) refuses leading zeros and over-long groups, and libc
 * resolvers read a leading-zero octet as octal ("010" is 8). The API server itself warns that such values
 * "will be considered invalid in a future Kubernetes release". Undefined when the text is unambiguous.
 */
export function ambiguousIpReason(ip: ParsedIp): string | undefined {
  if (ip.leadingZeros) return 'an octet has leading zeros, which CoreDNS cannot parse and libc reads as octal ("010" is 8)';
  if (ip.longGroup) return 'an IPv6 group has more than 4 hex digits, which CoreDNS cannot parse';
  return undefined;
}

/**
 * A dotted IPv4 address read the strict way: Go's net.ParseIP since Go 1.17 (what CoreDNS reads) and
 * the canonical text ipaddr.js prints. From `from` to the end of `s`: four decimal fields of 1–3 digits,
 * no leading zeros, each ≤ 255. The bytes go to out[at..at+4] (written also when false: out is scratch).
 * No allocation: the model and every lookup read addresses with it.
 */
export function readDottedQuad(s: string, from: number, out: Uint8Array, at: number): boolean {
  let i = from;
  for (let field = 0; field < 4; field++) {
    if (field > 0) {
      if (s.charCodeAt(i) !== 0x2e) return false;
      i++;
    }
    const start = i;
    let n = 0;
    for (let c = s.charCodeAt(i); c >= 0x30 && c <= 0x39; c = s.charCodeAt(++i)) {
      if (i - start === 3) return false;
      n = n * 10 + (c - 0x30);
    }
    if (i === start || (i - start > 1 && s.charCodeAt(start) === 0x30) || n > 255) return false;
    out[at + field] = n;
  }
  return i === s.length;
}

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

interface V4Parse {
  bytes: number[];
  leadingZeros: boolean;
}

/** A dotted IPv4 address: exactly four decimal fields, each ≤ 255, leading zeros tolerated. */
function parseV4(s: string): V4Parse | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  let leadingZeros = false;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    if (p.length > 1 && p[0] === '0') leadingZeros = true;
    bytes.push(n);
  }
  return { bytes, leadingZeros };
}

/** An IPv6 address: hex groups, one `::`, an optional trailing dotted IPv4 part. No zones. */
function parseV6(s: string): { bytes: number[]; leadingZeros: boolean; longGroup: boolean } | undefined {
  if (s.includes('%')) return undefined;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return undefined;
  const halves = dbl >= 0 ? [s.slice(0, dbl), s.slice(dbl + 2)] : [s];
  const groups: number[][] = [];
  let leadingZeros = false;
  let longGroup = false;
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h];
    const out: number[] = [];
    if (half !== '') {
      const fields = half.split(':');
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        const last = h === halves.length - 1 && i === fields.length - 1;
        if (last && f.includes('.')) {
          const v4 = parseV4(f);
          if (!v4) return undefined;
          leadingZeros ||= v4.leadingZeros;
          out.push(...v4.bytes);
          continue;
        }
        if (!/^[0-9a-fA-F]+$/.test(f)) return undefined;
        const n = parseInt(f, 16);
        if (n > 0xffff) return undefined;
        if (f.length > 4) longGroup = true;
        out.push(n >> 8, n & 0xff);
      }
    }
    groups.push(out);
  }
  if (dbl < 0) {
    return groups[0].length === 16 ? { bytes: groups[0], leadingZeros, longGroup } : undefined;
  }
  const [a, b] = groups;
  // `::` stands for at least one group of zeros
  if (a.length + b.length > 14) return undefined;
  const bytes = [...a, ...new Array<number>(16 - a.length - b.length).fill(0), ...b];
  return { bytes, leadingZeros, longGroup };
}

/** ParseIPSloppy: undefined when the API server would refuse the text as an IP address. */
export function parseIpSloppy(s: string): ParsedIp | undefined {
  // Go decides by the first '.' or ':' in the text
  const dot = s.indexOf('.');
  const colon = s.indexOf(':');
  if (dot < 0 && colon < 0) return undefined;
  if (colon < 0 || (dot >= 0 && dot < colon)) {
    const v4 = parseV4(s);
    if (!v4) return undefined;
    return { bytes: [...V4_MAPPED_PREFIX, ...v4.bytes], v4: true, leadingZeros: v4.leadingZeros, longGroup: false, mapped: false };
  }
  const v6 = parseV6(s);
  if (!v6) return undefined;
  const mapped = V4_MAPPED_PREFIX.every((b, i) => v6.bytes[i] === b);
  return { bytes: v6.bytes, v4: mapped, leadingZeros: v6.leadingZeros, longGroup: v6.longGroup, mapped };
}

/** `ip.IsUnspecified()`: 0.0.0.0 or ::. */
export function isUnspecified(ip: ParsedIp): boolean {
  if (ip.v4) return ip.bytes.slice(12).every((b) => b === 0);
  return ip.bytes.every((b) => b === 0);
}

/** `ip.IsLoopback()`: 127.0.0.0/8 or ::1. */
export function isLoopback(ip: ParsedIp): boolean {
  if (ip.v4) return ip.bytes[12] === 127;
  return ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1;
}

/** `ip.IsLinkLocalUnicast()`: 169.254.0.0/16 or fe80::/10. */
export function isLinkLocalUnicast(ip: ParsedIp): boolean {
  if (ip.v4) return ip.bytes[12] === 169 && ip.bytes[13] === 254;
  return ip.bytes[0] === 0xfe && (ip.bytes[1] & 0xc0) === 0x80;
}

/** `ip.IsLinkLocalMulticast()`: 224.0.0.0/24 or ff02::/16 (any multicast flags). */
export function isLinkLocalMulticast(ip: ParsedIp): boolean {
  if (ip.v4) return ip.bytes[12] === 224 && ip.bytes[13] === 0 && ip.bytes[14] === 0;
  return ip.bytes[0] === 0xff && (ip.bytes[1] & 0x0f) === 0x02;
}

/**
 * What ValidateEndpointIP (used for Endpoints, EndpointSlices and Service externalIPs) refuses:
 * addresses that cannot be a destination. Undefined when the address is acceptable.
 */
export function specialIpReason(ip: ParsedIp): string | undefined {
  if (isUnspecified(ip)) return 'it is the unspecified address';
  if (isLoopback(ip)) return 'it is in the loopback range (127.0.0.0/8, ::1/128)';
  if (isLinkLocalUnicast(ip)) return 'it is in the link-local range (169.254.0.0/16, fe80::/10)';
  if (isLinkLocalMulticast(ip)) return 'it is in the link-local multicast range (224.0.0.0/24, ff02::/16)';
  return undefined;
}

/** `IPv4` or `IPv6`, the way Service `ipFamilies` name them (an IPv4-mapped address is IPv4). */
export function ipFamilyName(ip: ParsedIp): 'IPv4' | 'IPv6' {
  return ip.v4 ? 'IPv4' : 'IPv6';
}
