// The DNS vocabulary of the core: records, queries, answers. Plain data; every record says where it
// came from so every answer can point back at YAML.
import type { Span } from '../types';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS';
export type QType = RRType | 'ANY';
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP';

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
  /** Owner name: lowercase, fully qualified, trailing dot (`headless1.default.svc.cluster.local.`). */
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
  /** True when the name is not in a zone the cluster DNS serves: CoreDNS forwards it upstream. */
  upstream: boolean;
  /** Why: which object produced each record, or why there is none. One sentence per entry. */
  explanation: string[];
}
