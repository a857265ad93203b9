// The DNS vocabulary of the core: records, queries, answers. Plain data; every record says where it
// came from so every answer can point back at YAML.
import type { Span } from '../types';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS';
/**
 * Question types. Besides the record types the cluster DNS serves, `ANY` and a few others a client may
 * ask (CoreDNS answers them through its "fake A lookup": NODATA or NXDOMAIN), and the zone transfers
 * (refused: kubeadm's Corefile has no `transfer` plugin).
 */
export type QType = RRType | 'ANY' | 'MX' | 'HTTPS' | 'SVCB' | 'CAA' | 'NAPTR' | 'HINFO' | 'AXFR' | 'IXFR';
/**
 * Response codes. `UNKNOWN` is not a DNS rcode: the question is answered outside the cluster (the
 * upstream resolver CoreDNS forwards to) and the simulation cannot know the answer.
 */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP' | 'UNKNOWN';

export const QTYPES: readonly QType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS', 'ANY', 'MX', 'HTTPS', 'SVCB', 'CAA', 'NAPTR', 'HINFO', 'AXFR', 'IXFR'];

/** A question type from text (`srv`, `AAAA`), or undefined. */
export function parseQType(s: string): QType | undefined {
  const u = s.trim().toUpperCase();
  return (QTYPES as readonly string[]).includes(u) ? (u as QType) : undefined;
}

/** Where a record comes from: the objects that made it, and whether values in it were simulated. */
export interface RecordOrigin {
  /** Human summary, e.g. `Service default/headless1 (headless) → endpoint of Pod default/pod4`. */
  summary: string;
  /** The objects involved, most specific first (the Pod, then the Service…). */
  spans: Span[];
  /** True when the record's data is a simulated value (an IP nobody wrote down). */
  simulated: boolean;
}

export interface DnsRecord {
  /**
   * Owner name, fully qualified, trailing dot (`headless1.default.svc.cluster.local.`). Lowercase, except
   * in answers to a question spelled with capitals: CoreDNS echoes the question's spelling in the records
   * it owns (and in the zone part of names it builds), so `query()` does too.
   */
  name: string;
  type: RRType;
  ttl: number;
  /**
   * RDATA exactly as `dig +short` prints it: `10.244.0.5`, `0 100 80 pod-a.headless1.default.svc.cluster.local.`,
   * `github.github.io.`, `"1.1.0"`, SOA as `ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30`.
   */
  data: string;
  origin?: RecordOrigin;
}

export interface Query {
  /** As asked; relative names are completed by the search list when asked as a pod would (see search.ts). */
  name: string;
  type: QType;
}

/** One question sent to the cluster DNS server and what it answered. */
export interface DnsAnswer {
  /** The fully qualified name asked (trailing dot). */
  name: string;
  type: QType;
  rcode: Rcode;
  /** Answer section, in the order a server would send (CNAME first, then what it leads to). */
  answers: DnsRecord[];
  /** Authority section (SOA on negative answers, as CoreDNS sends). */
  authority: DnsRecord[];
  /** Additional section (A/AAAA of SRV targets). */
  additional: DnsRecord[];
  /**
   * True when the question is answered upstream: the name is not in a zone the cluster DNS serves, or it
   * is a reverse name the kubernetes plugin has nothing for (`fallthrough in-addr.arpa ip6.arpa`).
   * `rcode` is then `UNKNOWN`, or what the public DNS is assumed to answer (see `assumed`).
   */
  upstream: boolean;
  /** The rcode of an upstream answer is an assumption about the public DNS, not a simulation. */
  assumed?: boolean;
  /** Names outside the cluster CoreDNS resolves upstream to finish this answer (ExternalName targets): their records are not simulated. */
  upstreamTargets?: string[];
  /** The zone that answered, as spelled in the question (`cluster.local.`), when in one. */
  zone?: string;
  /** Why: which object produced each record, or why there is none. One sentence per entry. */
  explanation: string[];
}
