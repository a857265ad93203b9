// The resolver CoreDNS forwards to (kubeadm's Corefile: `forward . /etc/resolv.conf`, the node's
// resolver, in the end the public DNS). Nothing outside the cluster is simulated: the default model
// only says what the public DNS is known to answer without asking it —
//  - NXDOMAIN for names under special-use top-level domains (RFC 6761 `test`/`example`/`invalid`,
//    RFC 6762 `local`, RFC 7686 `onion`, RFC 9476 `alt`, ICANN's `internal`) and under labels that
//    cannot be a top-level domain (with a digit or a hyphen, unless an IDN `xn--` label);
//  - NXDOMAIN for single-label names that are not a top-level domain (a short list of real ones is
//    known; a top-level domain itself has no address: NOERROR without data);
//  - NXDOMAIN for reverse names of private and special addresses (RFC 6303 locally served zones:
//    10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, documentation ranges, fc00::/7, fe80::/10…);
//  - otherwise UNKNOWN: the upstream answers, and we do not know what.
// These rcodes are marked `assumed`: a private upstream (a corporate resolver) could know more.
import { extractAddressFromReverse, isV4, parseIP } from './ip';
import type { DnsRecord, QType, Rcode } from './types';

export interface UpstreamAnswer {
  rcode: Rcode;
  answers: DnsRecord[];
  /** The rcode is an assumption about the public DNS (always true for the default model). */
  assumed: boolean;
  explanation: string[];
}

/** What the upstream resolver answers for a fully qualified, lowercase name. */
export type UpstreamModel = (name: string, type: QType) => UpstreamAnswer;

const SPECIAL_TLDS: Record<string, string> = {
  test: 'RFC 6761 reserves "test" for testing',
  example: 'RFC 6761 reserves "example" for documentation',
  invalid: 'RFC 6761 reserves "invalid" for names that must not resolve',
  local: '"local" is the multicast DNS domain (RFC 6762): unicast resolvers do not serve it',
  onion: 'RFC 7686 reserves "onion" for Tor',
  alt: 'RFC 9476 reserves "alt" for non-DNS resolution',
  internal: 'ICANN reserves "internal" for private use: the public DNS never delegates it',
};

/** A sample of real top-level domains (not exhaustive: any other single label is assumed not to be one). */
const KNOWN_TLDS = new Set(
  (
    'com net org edu gov mil int arpa info biz name pro mobi aero coop museum io co ai app dev cloud page site online ' +
    'tech store shop blog xyz top me tv cc ws us uk de fr es it nl be ch at se no dk fi pl cz ru ua cn jp kr in au nz ca mx br ar cl ' +
    'za ng ke eg il tr gr pt ie is hu ro bg sk si hr rs lt lv ee lu li mc sg hk tw th my id ph vn pk bd ir sa ae qa eu asia'
  ).split(' '),
);

function inV4(ip: Uint8Array, base: [number, number, number, number], bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
    if ((ip[12 + i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

/** RFC 6303 / RFC 7793 locally served reverse zones: resolvers answer NXDOMAIN without asking anyone. */
function locallyServedReverse(ipText: string): string | undefined {
  const ip = parseIP(ipText);
  if (!ip) return undefined;
  if (isV4(ip)) {
    const ranges: [[number, number, number, number], number, string][] = [
      [[10, 0, 0, 0], 8, '10.0.0.0/8 (RFC 1918)'],
      [[172, 16, 0, 0], 12, '172.16.0.0/12 (RFC 1918)'],
      [[192, 168, 0, 0], 16, '192.168.0.0/16 (RFC 1918)'],
      [[169, 254, 0, 0], 16, '169.254.0.0/16 (link local)'],
      [[100, 64, 0, 0], 10, '100.64.0.0/10 (shared address space)'],
      [[0, 0, 0, 0], 8, '0.0.0.0/8'],
      [[192, 0, 2, 0], 24, '192.0.2.0/24 (documentation)'],
      [[198, 51, 100, 0], 24, '198.51.100.0/24 (documentation)'],
      [[203, 0, 113, 0], 24, '203.0.113.0/24 (documentation)'],
    ];
    for (const [base, bits, label] of ranges) if (inV4(ip, base, bits)) return label;
    return undefined;
  }
  if ((ip[0] & 0xfe) === 0xfc) return 'fc00::/7 (unique local)';
  if (ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80) return 'fe80::/10 (link local)';
  if (ip[0] === 0x20 && ip[1] === 0x01 && ip[2] === 0x0d && ip[3] === 0xb8) return '2001:db8::/32 (documentation)';
  if (ip.every((b, i) => (i < 15 ? b === 0 : b <= 1))) return ip[15] === 1 ? '::1' : '::';
  return undefined;
}

/** The default upstream: the public DNS, known only where its answer is certain enough to state. */
export const publicDnsUpstream: UpstreamModel = (name) => {
  const n = name.toLowerCase();
  const unknown = (why: string): UpstreamAnswer => ({ rcode: 'UNKNOWN', answers: [], assumed: true, explanation: [why] });
  const nx = (why: string): UpstreamAnswer => ({ rcode: 'NXDOMAIN', answers: [], assumed: true, explanation: [why] });
  if (n.endsWith('.in-addr.arpa.') || n.endsWith('.ip6.arpa.')) {
    const ip = extractAddressFromReverse(n);
    const local = ip ? locallyServedReverse(ip) : undefined;
    if (local) return nx(`${ip} is in ${local}: resolvers answer its reverse name NXDOMAIN themselves (RFC 6303), assuming the upstream has no zone for it.`);
    return unknown(`The upstream resolver answers ${name} (not simulated).`);
  }
  const labels = n.replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length === 0) return unknown('The upstream resolver answers the root name (not simulated).');
  const tld = labels[labels.length - 1];
  if (SPECIAL_TLDS[tld]) return nx(`The upstream resolver answers NXDOMAIN: ${SPECIAL_TLDS[tld]}.`);
  if (!/^[a-z]+$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) {
    return nx(`The upstream resolver answers NXDOMAIN: "${tld}" cannot be a top-level domain (they are letters only, or xn-- labels), assuming the public DNS.`);
  }
  if (labels.length === 1) {
    if (KNOWN_TLDS.has(tld)) {
      return { rcode: 'NOERROR', answers: [], assumed: true, explanation: [`"${tld}" is a top-level domain: the upstream resolver answers without addresses (top-level domains have none).`] };
    }
    return nx(`The upstream resolver answers NXDOMAIN, assuming "${tld}" is not a top-level domain of the public DNS.`);
  }
  return unknown(`The upstream resolver answers ${name} (not simulated).`);
};
