// The cluster DNS server, simulated: CoreDNS's kubernetes plugin as kubeadm configures it
//
//   .:53 {
//       kubernetes cluster.local in-addr.arpa ip6.arpa {
//          pods insecure
//          fallthrough in-addr.arpa ip6.arpa
//          ttl 30
//       }
//       forward . /etc/resolv.conf
//       cache 30
//       loadbalance
//   }
//
// over the model's ClusterView. The code follows CoreDNS's own structure so each decision can be read
// next to its source (coredns/coredns, plugin/kubernetes and plugin/backend_lookup.go):
//   serve()          handler.go ServeDNS: the switch on the question type, NXDOMAIN vs NODATA, SOA
//   addr/srv/…       backend_lookup.go plugin.A/AAAA/SRV/TXT/CNAME/PTR/NS/SOA, checkForApex
//   services()       kubernetes.go Services: dns-version TXT, NS, ns.dns.<zone>, SRV without CNAMEs
//   recordsOf()      kubernetes.go Records: parseRequest (parse.go), namespace check, pods/services
//   findServices()   kubernetes.go findServices; findPods() kubernetes.go findPods
//   reverse()        reverse.go; nsAddrs() ns.go
// What CoreDNS reads: Services, and EndpointSlices (`object/endpoint.go`): only *ready* endpoints
// (a nil condition counts as ready), a slice without ports gets the port -1 sentinel (A records yes,
// SRV no), target-ref names of 64+ characters are ignored.
// Then the `cache 30` plugin caps every TTL of a response to the smallest one, within [5s, 30s]
// (plugin/cache/cache.go WriteMsg): dns-version's 28800 becomes 30. The `loadbalance` plugin shuffles
// address records on the wire; we keep CoreDNS's order (deterministic).
//
// Deliberate simplifications, each documented where it applies: the SOA serial is fixed (SOA_SERIAL);
// the address of CoreDNS itself is not modelled (the NS record names kube-dns, as in a kubeadm cluster);
// nothing outside the cluster is resolved (upstream.ts says what the public DNS is assumed to answer).
import type { ClusterView } from '../model/view';
import type { EndpointState, PodState, ServiceState } from '../model/state';
import type { Span } from '../types';
import { dashedIP, extractAddressFromReverse, formatIP, isReverse, isV4, normalizeIP, parseIP, reverseName } from './ip';
import { publicDnsUpstream, type UpstreamModel } from './upstream';
import type { DnsAnswer, DnsRecord, QType, RecordOrigin, RRType } from './types';

/** Version of the Kubernetes DNS specification CoreDNS implements (`dns-version.<zone>` TXT). */
export const DNS_SCHEMA_VERSION = '1.1.0';
/** TTL CoreDNS gives the dns-version TXT record (before the cache caps it). */
export const DNS_SCHEMA_TTL = 28800;
/**
 * SOA serial. CoreDNS uses the Unix time of the last change it saw to a Service or EndpointSlice
 * (dnsControl.Modified), which no manifest can tell; we use a fixed 1 so answers are reproducible.
 */
export const SOA_SERIAL = 1;
export const SOA_REFRESH = 7200;
export const SOA_RETRY = 1800;
export const SOA_EXPIRE = 86400;
/** kubeadm's `cache 30`: the largest TTL a response leaves CoreDNS with. */
export const CACHE_MAX_TTL = 30;
/** The cache plugin's floor (dnsutil.MinimalDefaultTTL). */
export const CACHE_MIN_TTL = 5;
const MAX_CNAME_CHAIN = 10;

/** A question inside a zone (handler.go's request.Request). */
interface Question {
  /** As asked, fully qualified. */
  qname: string;
  /** Lowercase (request.Name()). */
  name: string;
  /** The zone that matched, spelled as in the question (CoreDNS keeps the query's case). */
  zone: string;
  qtype: QType;
}

/** msg.Service: one thing the backend found. */
interface Entry {
  /** An address, or a name (ExternalName target, PTR target). */
  host: string;
  /** -1: the sentinel for "no ports". */
  port: number;
  ttl: number;
  text?: string;
  /** The name the entry lives at (msg.Domain(Key)): the SRV target / NS name. */
  key: string;
  origin: RecordOrigin;
}

/** CoreDNS's name errors: errNoItems, errNsNotExposed, errInvalidRequest. All answer NXDOMAIN. */
type NameError = 'noItems' | 'nsNotExposed' | 'invalid';

interface Found {
  items: Entry[];
  err?: NameError;
}

interface Built {
  records: DnsRecord[];
  extra?: DnsRecord[];
  err?: NameError;
}

interface Request {
  port: string;
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  podOrSvc: '' | 'pod' | 'svc';
}

const SENTINEL = { name: '', port: -1, protocol: '' };

/** Facts gathered while answering: the explanation. */
class Trace {
  readonly facts: string[] = [];
  readonly upstreamTargets: string[] = [];
  private seen = new Set<string>();
  constructor(readonly quiet = false) {}
  add(s: string): void {
    if (this.quiet || this.seen.has(s)) return;
    this.seen.add(s);
    this.facts.push(s);
  }
}

export interface ResolverOptions {
  /** What the resolver CoreDNS forwards to answers. Default: `publicDnsUpstream`. */
  upstream?: UpstreamModel;
}

/** Fully qualified (trailing dot). */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** dns.IsSubDomain(parent, child): case-insensitive, both fully qualified. */
export function isSubDomain(parent: string, child: string): boolean {
  const p = parent.toLowerCase();
  const c = child.toLowerCase();
  if (p === '.') return true;
  return c === p || c.endsWith(`.${p}`);
}

/** Why `name` is not a name a DNS client could send, or undefined. */
export function invalidName(name: string): string | undefined {
  const n = fqdn(name);
  if (n === '.') return undefined;
  const labels = n.slice(0, -1).split('.');
  if (labels.some((l) => l.length === 0)) return 'it has an empty label';
  const long = labels.find((l) => Buffer.byteLength(l) > 63);
  if (long) return `the label "${long.slice(0, 20)}…" is longer than 63 characters`;
  if (Buffer.byteLength(n) > 254) return 'it is longer than 253 characters';
  return undefined;
}

function lower(s: string): string {
  return s.toLowerCase();
}

/** strings.EqualFold for the names CoreDNS compares. */
function eqFold(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

function matchPortAndProtocol(aPort: string, bPort: string, aProtocol: string, bProtocol: string): boolean {
  return (aPort === '' || eqFold(aPort, bPort)) && (aProtocol === '' || eqFold(aProtocol, bProtocol));
}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

/** The labels of a lowercase FQDN left of the zone (dnsutil.TrimZone, by label count). */
function trimZone(name: string, zone: string): string[] {
  const labels = name.slice(0, -1).split('.');
  const zl = zone === '.' ? 0 : zone.slice(0, -1).split('.').length;
  return labels.length > zl ? labels.slice(0, labels.length - zl) : [];
}

/** parse.go parseRequest (zonal and multicluster off). */
function parseRequest(name: string, zone: string): Request | 'invalid' {
  const r: Request = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const segs = trimZone(name, zone);
  if (segs.length === 0 || (segs.length === 1 && (segs[0] === 'svc' || segs[0] === 'pod'))) return r;
  let last = segs.length - 1;
  const kind = segs[last];
  if (kind !== 'pod' && kind !== 'svc') return 'invalid';
  r.podOrSvc = kind;
  if (--last < 0) return r;
  r.namespace = segs[last];
  if (--last < 0) return r;
  r.service = segs[last];
  if (--last < 0) return r;
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]);
    r.port = stripUnderscore(segs[0]);
  } else return 'invalid';
  return r;
}

/** msg.Service.HostType. */
function hostType(e: Entry): { type: 'A' | 'AAAA' | 'CNAME' | 'TXT'; ip?: string } {
  const ip = parseIP(e.host);
  if (!ip) return { type: e.text ? 'TXT' : 'CNAME' };
  return isV4(ip) ? { type: 'A', ip: formatIP(ip) } : { type: 'AAAA', ip: formatIP(ip) };
}

function nsOf(s: { namespace: string; name: string }): string {
  return `${s.namespace}/${s.name}`;
}

function serviceKind(s: ServiceState): string {
  if (s.type === 'ExternalName') return 'ExternalName Service';
  if (s.headless) return 'headless Service';
  return s.type === 'ClusterIP' ? 'Service' : `${s.type} Service`;
}

function spans(...list: (Span | undefined)[]): Span[] {
  const out: Span[] = [];
  for (const s of list) if (s && s.file && !out.some((o) => o.file === s.file && o.start === s.start && o.end === s.end)) out.push(s);
  return out;
}

function serviceDesc(s: ServiceState): string {
  return `${serviceKind(s)} ${nsOf(s)}${s.builtin ? ' (built in)' : ''}`;
}

function endpointDesc(svc: ServiceState, ep: EndpointState): string {
  switch (ep.source.kind) {
    case 'controller':
      return ep.pod ? `Pod ${nsOf(ep.pod)}` : ep.ip;
    case 'Endpoints':
      return `${ep.ip} in Endpoints ${svc.namespace}/${ep.source.object.meta.name?.value ?? svc.name}${ep.pod ? ` (Pod ${nsOf(ep.pod)})` : ''}`;
    case 'EndpointSlice':
      return `${ep.ip} in EndpointSlice ${svc.namespace}/${ep.source.object.meta.name?.value ?? '?'}${ep.pod ? ` (Pod ${nsOf(ep.pod)})` : ''}`;
  }
}

/** Where an endpoint comes from, briefly: `Pod ns/x`, `Endpoints ns/x`, `EndpointSlice ns/x`. */
function endpointSource(svc: ServiceState, ep: EndpointState): string {
  switch (ep.source.kind) {
    case 'controller':
      return ep.pod ? `Pod ${nsOf(ep.pod)}` : 'the endpoints controller';
    case 'Endpoints':
      return `Endpoints ${svc.namespace}/${ep.source.object.meta.name?.value ?? svc.name}`;
    case 'EndpointSlice':
      return `EndpointSlice ${svc.namespace}/${ep.source.object.meta.name?.value ?? '?'}`;
  }
}

function endpointOrigin(svc: ServiceState, ep: EndpointState, what: string): RecordOrigin {
  const src = ep.source.kind === 'controller' ? undefined : ep.source.span;
  return {
    summary: `${what} ${endpointDesc(svc, ep)} of ${serviceDesc(svc)}`,
    spans: spans(src, ep.pod?.nameSpan, svc.nameSpan),
    simulated: ep.simulated,
  };
}

function clusterIpOrigin(svc: ServiceState, ip: string): RecordOrigin {
  const info = svc.clusterIPs.find((c) => c.ip === ip);
  const o = svc.object;
  const written = o ? (o.spec.clusterIPs.find((v) => normalizeIP(v.value) === ip) ?? (o.spec.clusterIP && normalizeIP(o.spec.clusterIP.value) === ip ? o.spec.clusterIP : undefined)) : undefined;
  return {
    summary: `ClusterIP of ${serviceDesc(svc)}`,
    spans: spans(written && o ? { file: o.file, start: written.start, end: written.end } : undefined, svc.nameSpan),
    simulated: info?.simulated ?? false,
  };
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

function quoteList(items: string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

const TYPE_ORDER: Record<string, number> = { SOA: 0, NS: 1, A: 2, AAAA: 3, CNAME: 4, SRV: 5, PTR: 6, TXT: 7 };

/** DNS canonical name order (RFC 4034 §6.1): by labels from the right, case-insensitive; a parent before its children. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return compareLabels(a.toLowerCase().replace(/\.$/, '').split('.').reverse(), b.toLowerCase().replace(/\.$/, '').split('.').reverse());
}

function compareLabels(al: string[], bl: string[]): number {
  for (let i = 0; i < Math.min(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return al[i] < bl[i] ? -1 : 1;
  }
  return al.length - bl.length;
}

/** A sort key of a name: its labels from the right, lowercase, each followed by U+0000 (compareNames order). */
function nameKey(name: string): string {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  let k = '';
  for (let i = labels.length - 1; i >= 0; i--) k += `${labels[i]}\u0000`;
  return k;
}

/** Sort order of records: name (canonical DNS order), then type (SOA, NS, A, AAAA, CNAME, SRV, PTR, TXT), then data. */
export function compareRecords(a: DnsRecord, b: DnsRecord): number {
  const n = compareNames(a.name, b.name);
  if (n !== 0) return n;
  const at = TYPE_ORDER[a.type] ?? 99;
  const bt = TYPE_ORDER[b.type] ?? 99;
  if (at !== bt) return at - bt;
  return a.data < b.data ? -1 : a.data > b.data ? 1 : 0;
}

/** The explanation sentence for a record: which object produced it (no TTL, no file:line). */
export function describeRecord(r: DnsRecord): string {
  if (!r.origin) return `${r.name} ${r.type} ${r.data}.`;
  return `${r.name} ${r.type} ${r.data}: ${r.origin.summary}${r.origin.simulated ? ' (simulated value)' : ''}.`;
}

/** A record as `dig` prints it: `name ttl IN TYPE data`. */
export function recordText(r: DnsRecord): string {
  return `${r.name} ${r.ttl} IN ${r.type} ${r.data}`;
}

export class Resolver {
  private readonly upstreamModel: UpstreamModel;
  private hostIndex = new WeakMap<ServiceState, Map<string, EndpointState[]>>();
  /** While records() runs: endpoint → the origin of its records (an endpoint belongs to one Service state). */
  private origins: Map<EndpointState, RecordOrigin> | undefined;
  private indexVersion = -1;

  constructor(
    readonly view: ClusterView,
    options: ResolverOptions = {},
  ) {
    this.upstreamModel = options.upstream ?? publicDnsUpstream;
  }

  private get ttl(): number {
    return this.view.settings.ttl;
  }

  /** The cluster zone as configured: `cluster.local.`. */
  private get primaryZone(): string {
    const d = this.view.settings.clusterDomain;
    return d ? `${d}.` : '.';
  }

  /** Zones the cluster DNS is authoritative for, e.g. `cluster.local.`, `in-addr.arpa.`, `ip6.arpa.`. */
  zones(): string[] {
    return [this.primaryZone, 'in-addr.arpa.', 'ip6.arpa.'];
  }

  /** plugin.Zones.Matches: the longest zone `qname` is in, or undefined. */
  zoneOf(qname: string): string | undefined {
    let best: string | undefined;
    for (const z of this.zones()) if (isSubDomain(z, qname) && (!best || z.length > best.length)) best = z;
    return best;
  }

  /** One question, fully qualified (a missing trailing dot is added): what CoreDNS would answer. */
  query(name: string, type: QType): DnsAnswer {
    const qname = fqdn(name.trim());
    const bad = invalidName(qname);
    if (bad) {
      return {
        name: qname,
        type,
        rcode: 'FORMERR',
        answers: [],
        authority: [],
        additional: [],
        upstream: false,
        explanation: [`${qname} is not a valid DNS name (${bad}): no client sends it.`],
      };
    }
    const zone = this.zoneOf(qname);
    if (!zone) {
      return this.upstream(qname, type, [
        `${qname} is outside the zones the cluster DNS serves (${this.zones().join(', ')}): CoreDNS forwards it to the upstream resolver (forward . /etc/resolv.conf), and the upstream would answer.`,
      ]);
    }
    return this.serve({ qname, name: lower(qname), zone: qname.slice(qname.length - zone.length), qtype: type });
  }

  private upstream(qname: string, type: QType, why: string[]): DnsAnswer {
    const u = this.upstreamModel(lower(qname), type);
    return {
      name: qname,
      type,
      rcode: u.rcode,
      answers: u.answers,
      authority: [],
      additional: [],
      upstream: true,
      assumed: u.assumed,
      explanation: [...why, ...u.explanation],
    };
  }

  // ------------------------------------------------------------------ handler.go

  private serve(q: Question): DnsAnswer {
    const t = new Trace();
    let built: Built = { records: [] };
    switch (q.qtype) {
      case 'A':
      case 'AAAA':
        built = this.addr(q, [], t);
        break;
      case 'TXT':
        built = this.txt(q, t);
        break;
      case 'CNAME':
        built = this.cname(q, t);
        break;
      case 'PTR':
        built = this.ptr(q, t);
        break;
      case 'MX': {
        // plugin.MX: only entries marked as mail records answer; the kubernetes plugin makes none
        const f = this.services(q, t);
        built = { records: [], err: f.err };
        if (!f.err) t.add('The kubernetes plugin serves no MX records.');
        break;
      }
      case 'SRV':
        built = this.srv(q, t);
        break;
      case 'SOA':
        if (q.qname === q.zone) built = { records: [this.soaRecord(q.zone)] };
        else t.add(`CoreDNS answers SOA questions only at the zone apex ${q.zone}; for any other name it answers NOERROR without data, whether the name exists or not.`);
        break;
      case 'AXFR':
      case 'IXFR':
        return {
          name: q.qname,
          type: q.qtype,
          rcode: 'REFUSED',
          answers: [],
          authority: [],
          additional: [],
          upstream: false,
          zone: q.zone,
          explanation: ['Zone transfers are refused: kubeadm\'s Corefile has no `transfer` plugin.'],
        };
      case 'NS':
        if (q.name === q.zone) built = this.ns(q, t);
        else built = this.fakeA(q, t);
        break;
      default:
        built = this.fakeA(q, t);
    }

    // written out, not `{ ...base, … }`: the spread took a slow path (a tenth of records()' time)
    const make = (rcode: DnsAnswer['rcode'], answers: DnsRecord[], authority: DnsRecord[], additional: DnsRecord[], explanation: string[]): DnsAnswer => ({
      name: q.qname,
      type: q.qtype,
      upstream: false,
      zone: q.zone,
      rcode,
      answers,
      authority,
      additional,
      explanation,
    });
    let answer: DnsAnswer;
    if (built.err) {
      if (this.fallsThrough(q.name)) {
        const a = this.upstream(q.qname, q.qtype, [
          ...t.facts,
          `The kubernetes plugin has no answer for ${q.qname} and falls through (fallthrough in-addr.arpa ip6.arpa): CoreDNS forwards the question upstream.`,
        ]);
        return { ...a, zone: q.zone };
      }
      answer = make('NXDOMAIN', [], [this.soaRecord(q.zone)], [], t.facts);
    } else if (built.records.length === 0) {
      answer = make('NOERROR', [], [this.soaRecord(q.zone)], [], t.facts);
      if (!t.facts.length) t.add(`${q.qname} exists but has no ${q.qtype} record.`);
    } else {
      answer = make('NOERROR', built.records, [], built.extra ?? [], []);
      answer.explanation = [...this.describeRecords(built.records), ...t.facts];
    }
    if (t.upstreamTargets.length) answer.upstreamTargets = [...new Set(t.upstreamTargets)];
    applyCacheTtl(answer);
    return answer;
  }

  /** handler.go's default branch: "Do a fake A lookup, so we can distinguish between NODATA and NXDOMAIN". */
  private fakeA(q: Question, t: Trace): Built {
    const f = this.checkForApex({ ...q, qtype: 'A' }, t);
    if (q.qtype === 'ANY') t.add('CoreDNS answers ANY like a type it does not serve: a fake A lookup decides between NXDOMAIN and NOERROR, and the answer carries no records.');
    else if (q.qtype === 'NS' && q.name === lower(q.zone)) {
      t.add(`CoreDNS compares the lowercased question with the zone as spelled in it: an NS question for the apex written with capitals (${q.qname}) is not recognized and gets NOERROR without data.`);
    } else if (q.qtype === 'NS') t.add(`Only the zone apex (${q.zone}) has NS records.`);
    else t.add(`The kubernetes plugin serves no ${q.qtype} records: a fake A lookup decides between NXDOMAIN and NOERROR without data.`);
    return { records: [], err: f.err };
  }

  private fallsThrough(name: string): boolean {
    return isSubDomain('in-addr.arpa.', name) || isSubDomain('ip6.arpa.', name);
  }

  private describeRecords(records: DnsRecord[]): string[] {
    return records.filter((r) => r.origin).map(describeRecord);
  }

  // ------------------------------------------------------------------ backend_lookup.go

  private rec(name: string, type: RRType, ttl: number, data: string, origin?: RecordOrigin): DnsRecord {
    return origin ? { name, type, ttl, data, origin } : { name, type, ttl, data };
  }

  /** checkForApex: at the apex, look for `apex.dns.<zone>` first (never found here), then the name itself. */
  private checkForApex(q: Question, t: Trace): Found {
    if (q.name !== q.zone) return this.services(q, t);
    const apex = `apex.dns.${q.zone}`;
    const f = this.services({ ...q, qname: apex, name: lower(apex) }, new Trace(true));
    if (!f.err) return f;
    return this.services(q, t);
  }

  /** plugin.A / plugin.AAAA. */
  private addr(q: Question, previous: DnsRecord[], t: Trace): Built {
    const want: 'A' | 'AAAA' = q.qtype === 'AAAA' ? 'AAAA' : 'A';
    const f = this.checkForApex(q, t);
    if (f.err) return { records: [], err: f.err };
    const records: DnsRecord[] = [];
    const dup = new Set<string>();
    let other = 0;
    for (const e of f.items) {
      const ht = hostType(e);
      if (ht.type === 'CNAME') {
        const target = fqdn(e.host);
        if (isSubDomain(q.name, target)) {
          t.add(`The CNAME target ${target} is ${q.name} itself or below it: CoreDNS drops the loop.`);
          continue;
        }
        const cname = this.rec(q.qname, 'CNAME', e.ttl, target, e.origin);
        if (previous.length > MAX_CNAME_CHAIN) {
          t.add(`The CNAME chain is longer than ${MAX_CNAME_CHAIN}: CoreDNS stops following it.`);
          continue;
        }
        if (previous.some((p) => p.type === 'CNAME' && p.data === target)) {
          t.add(`The CNAME chain comes back to ${target}: CoreDNS stops following it.`);
          continue;
        }
        if (isSubDomain(q.zone, target)) {
          const sub = this.addr({ qname: target, name: lower(target), zone: q.zone, qtype: q.qtype }, [...previous, cname], t);
          if (!sub.err && sub.records.length) records.push(cname, ...sub.records);
          else t.add(`${target} has no ${want} record, so CoreDNS leaves out the CNAME to it as well and answers without data.`);
          continue;
        }
        // "This means we can not complete the CNAME, try to look else where": the upstream answers
        t.upstreamTargets.push(target);
        t.add(`${target} is outside the cluster zone: CoreDNS asks the upstream resolver for its ${want} records and appends them after the CNAME (not simulated).`);
        records.push(cname);
        continue;
      }
      if (ht.type === want) {
        if (!dup.has(e.host)) {
          dup.add(e.host);
          records.push(this.rec(q.qname, want, e.ttl, ht.ip!, e.origin));
        }
      } else if (ht.type === 'A' || ht.type === 'AAAA') other++;
    }
    if (records.length === 0 && other > 0) {
      t.add(`${q.qname} has only ${want === 'A' ? 'IPv6 (AAAA)' : 'IPv4 (A)'} addresses: NOERROR without ${want} data.`);
    }
    return { records };
  }

  /** plugin.TXT (the kubernetes plugin only ever returns the dns-version text). */
  private txt(q: Question, t: Trace): Built {
    const f = this.services(q, t);
    if (f.err) return { records: [], err: f.err };
    const dup = new Set<string>();
    const records: DnsRecord[] = [];
    for (const e of f.items) {
      if (e.text === undefined || dup.has(e.text)) continue;
      dup.add(e.text);
      records.push(this.rec(q.qname, 'TXT', e.ttl, `"${e.text}"`, e.origin));
    }
    return { records };
  }

  /** plugin.CNAME: the first entry, when it is a name. */
  private cname(q: Question, t: Trace): Built {
    const f = this.services(q, t);
    if (f.err) return { records: [], err: f.err };
    const first = f.items[0];
    if (first && !parseIP(first.host)) return { records: [this.rec(q.qname, 'CNAME', first.ttl, fqdn(first.host), first.origin)] };
    if (first) t.add(`${q.qname} has address records, not a CNAME: NOERROR without data.`);
    return { records: [] };
  }

  /** plugin.PTR over reverse.go. */
  private ptr(q: Question, t: Trace): Built {
    const ip = extractAddressFromReverse(q.name);
    if (!ip) {
      const r = this.recordsOf(q, t);
      if (!r.err) t.add(`${q.qname} is not a reverse name: it has no PTR record.`);
      return { records: [], err: r.err };
    }
    const items = this.serviceRecordForIP(ip, t);
    if (!items.length) return { records: [], err: 'noItems' };
    const dup = new Set<string>();
    const records: DnsRecord[] = [];
    for (const e of items) {
      if (parseIP(e.host) || dup.has(e.host)) continue;
      dup.add(e.host);
      records.push(this.rec(q.qname, 'PTR', e.ttl, fqdn(e.host), e.origin));
    }
    return { records };
  }

  /** plugin.SRV: weights are 100/n percent over all n entries (ports -1 included), at least 1; priority 0. */
  private srv(q: Question, t: Trace): Built {
    const f = this.services(q, t);
    if (f.err) return { records: [], err: f.err };
    const total = f.items.length * 100;
    const records: DnsRecord[] = [];
    const extra: DnsRecord[] = [];
    const dup = new Set<string>();
    let portless = 0;
    for (const e of f.items) {
      if (e.port === -1) {
        portless++;
        continue;
      }
      const weight = Math.max(1, Math.floor((100 / total) * 100));
      const ht = hostType(e);
      if (ht.type === 'A' || ht.type === 'AAAA') {
        const target = e.key;
        const k1 = `${target}\u0000${e.port}\u0000`;
        if (!dup.has(k1)) {
          dup.add(k1);
          records.push(this.rec(q.qname, 'SRV', e.ttl, `0 ${weight} ${e.port} ${target}`, e.origin));
        }
        const k2 = `${target}\u00000\u0000${e.host}`;
        if (!dup.has(k2)) {
          dup.add(k2);
          extra.push(this.rec(target, ht.type, e.ttl, ht.ip!, e.origin));
        }
      } else if (ht.type === 'CNAME') {
        records.push(this.rec(q.qname, 'SRV', e.ttl, `0 ${weight} ${e.port} ${fqdn(e.host)}`, e.origin));
      }
    }
    if (portless) {
      t.add(
        records.length
          ? `${portless} of the ${f.items.length} endpoint entries ${portless === 1 ? 'has' : 'have'} no port (the -1 sentinel): no SRV record for ${portless === 1 ? 'it' : 'them'}, but ${portless === 1 ? 'it counts' : 'they count'} in the weights.`
          : 'No port is published for these endpoints (the -1 sentinel of a slice without ports, or a Service without ports): A/AAAA records yes, SRV records no.',
      );
    }
    return { records, extra, err: undefined };
  }

  /** plugin.NS: the NS names from nsAddrs, their addresses in the additional section. */
  private ns(q: Question, _t: Trace): Built {
    const records: DnsRecord[] = [];
    const extra: DnsRecord[] = [];
    const seen = new Set<string>();
    for (const n of this.nsAddrs(q.zone)) {
      const ip = parseIP(n.ip)!;
      extra.push(this.rec(n.name, isV4(ip) ? 'A' : 'AAAA', this.ttl, formatIP(ip), n.origin));
      if (seen.has(n.name)) continue;
      seen.add(n.name);
      records.push(this.rec(q.qname, 'NS', this.ttl, n.name, n.origin));
    }
    return { records, extra };
  }

  soaRecord(zone: string): DnsRecord {
    return {
      name: zone,
      type: 'SOA',
      ttl: Math.min(this.ttl, 300),
      data: `ns.dns.${zone} hostmaster.${zone} ${SOA_SERIAL} ${SOA_REFRESH} ${SOA_RETRY} ${SOA_EXPIRE} ${this.ttl}`,
      origin: { summary: `apex of the zone ${zone} served by the CoreDNS kubernetes plugin (serial fixed at ${SOA_SERIAL})`, spans: [], simulated: true },
    };
  }

  // ------------------------------------------------------------------ kubernetes.go

  /** Kubernetes.Services. */
  private services(q: Question, t: Trace): Found {
    if (q.qtype === 'TXT') {
      const segs = trimZone(q.name, q.zone);
      if (segs.length === 1 && segs[0] === 'dns-version') {
        return {
          items: [
            {
              host: '',
              port: 0,
              ttl: DNS_SCHEMA_TTL,
              text: DNS_SCHEMA_VERSION,
              key: q.qname,
              origin: { summary: `version of the Kubernetes DNS specification the cluster DNS implements`, spans: [], simulated: false },
            },
          ],
        };
      }
      const r = this.recordsOf(q, new Trace(true));
      if (r.items.length) {
        t.add(`${q.qname} exists but has no TXT record: the only TXT record is dns-version.${q.zone}`);
        return { items: [] };
      }
      if (r.err) this.recordsOf(q, t);
      else t.add(`For TXT questions CoreDNS answers NXDOMAIN unless the name has records of another type (it only serves the dns-version TXT record).`);
      return { items: [], err: 'noItems' };
    }
    if (q.qtype === 'NS') {
      return { items: this.nsAddrs(q.zone).map((n) => ({ host: n.ip, port: 0, ttl: this.ttl, key: n.name, origin: n.origin })) };
    }
    if (q.name.indexOf('ns.dns.') === 0 && q.name.indexOf(q.zone) === 'ns.dns.'.length) {
      const items: Entry[] = [];
      for (const n of this.nsAddrs(q.zone)) {
        const ip = parseIP(n.ip)!;
        if ((q.qtype === 'A' && isV4(ip)) || (q.qtype === 'AAAA' && !isV4(ip))) items.push({ host: n.ip, port: 0, ttl: this.ttl, key: q.qname, origin: n.origin });
      }
      t.add(`${q.qname} is the name of the cluster DNS server in the SOA record: CoreDNS answers its addresses.`);
      return { items };
    }
    const r = this.recordsOf(q, t);
    if (q.qtype !== 'SRV') return r;
    const internal = r.items.filter((e) => hostType(e).type !== 'CNAME');
    if (internal.length < r.items.length) t.add('An ExternalName Service has no SRV records: CoreDNS leaves its CNAME out of SRV answers.');
    return { items: internal, err: r.err };
  }

  /** Kubernetes.Records. */
  private recordsOf(q: Question, t: Trace): Found {
    const r = parseRequest(q.name, q.zone);
    if (r === 'invalid') {
      this.explainInvalid(q, t);
      return { items: [], err: 'invalid' };
    }
    if (r.podOrSvc === '') {
      const segs = trimZone(q.name, q.zone);
      t.add(
        segs.length === 0
          ? `${q.qname} is the zone apex: it exists but has no records of this type.`
          : `${q.qname} is the ${segs[0]} subtree of the zone: it exists (NOERROR) but holds no records itself.`,
      );
      return { items: [] };
    }
    if (isReverse(q.name)) {
      t.add(`${q.qname} is in a reverse zone: only PTR questions are answered there.`);
      return { items: [], err: 'noItems' };
    }
    if (!this.view.namespaceExists(r.namespace)) {
      this.explainNoNamespace(r.namespace, t);
      return { items: [], err: 'nsNotExposed' };
    }
    return r.podOrSvc === 'pod' ? this.findPods(r, q, t) : this.findServices(r, q, t);
  }

  /** The name a ready endpoint is published under (kubernetes.go endpointHostname). */
  endpointHostname(ep: EndpointState): string {
    if (ep.hostname) return ep.hostname;
    if (this.view.settings.endpointPodNames && ep.targetRefName && ep.targetRefName.length < 64) return ep.targetRefName;
    return dashedIP(ep.ip);
  }

  /**
   * The origin of an endpoint's records. While records() runs, made once per endpoint: the Service
   * name, the endpoint's own name and their SRV names answer with the same one (a Service of 100,000
   * endpoints has 500,000 such records). Origins are never modified.
   */
  private endpointOrigin(svc: ServiceState, ep: EndpointState): RecordOrigin {
    if (!this.origins) return endpointOrigin(svc, ep, 'endpoint');
    let o = this.origins.get(ep);
    if (!o) this.origins.set(ep, (o = endpointOrigin(svc, ep, 'endpoint')));
    return o;
  }

  private endpointsNamed(svc: ServiceState, label: string): EndpointState[] {
    if (this.indexVersion !== this.view.version) {
      this.hostIndex = new WeakMap();
      this.indexVersion = this.view.version;
    }
    let m = this.hostIndex.get(svc);
    if (!m) {
      m = new Map();
      for (const ep of svc.endpoints) {
        if (!ep.ready) continue;
        const k = lower(this.endpointHostname(ep));
        const l = m.get(k);
        if (l) l.push(ep);
        else m.set(k, [ep]);
      }
      this.hostIndex.set(svc, m);
    }
    return m.get(lower(label)) ?? [];
  }

  /** Kubernetes.findServices. */
  private findServices(r: Request, q: Question, t: Trace): Found {
    if (r.service === '') {
      t.add(`${q.qname} is the namespace "${r.namespace}" under svc: it exists (NOERROR) but holds no records itself.`);
      return { items: [] };
    }
    const svc = this.view.service(r.namespace, r.service);
    if (!svc) {
      this.explainNoService(r, t);
      return { items: [], err: 'noItems' };
    }
    const zoneKey = `${svc.name}.${svc.namespace}.svc.${q.zone}`;

    if (svc.type === 'ExternalName') {
      if (r.endpoint || r.port || r.protocol) {
        t.add(`${serviceDesc(svc)} has no endpoints or ports: names below it (${q.qname}) do not exist.`);
        return { items: [], err: 'noItems' };
      }
      const target = svc.externalName ?? '';
      if (!target) {
        t.add(`${serviceDesc(svc)} has no externalName: CoreDNS has nothing to answer.`);
        return { items: [], err: 'noItems' };
      }
      const o = svc.object;
      const e: Entry = {
        host: target,
        port: 0,
        ttl: this.ttl,
        key: zoneKey,
        origin: {
          summary: `externalName of ${serviceDesc(svc)}`,
          spans: spans(o?.spec.externalName ? { file: o.file, start: o.spec.externalName.start, end: o.spec.externalName.end } : undefined, svc.nameSpan),
          simulated: false,
        },
      };
      if (hostType(e).type !== 'CNAME') {
        t.add(`${serviceDesc(svc)} has externalName ${target}, an IP address: CoreDNS makes no record from it (an ExternalName must be a DNS name).`);
        return { items: [], err: 'noItems' };
      }
      t.add(`${serviceDesc(svc)} has externalName ${target.replace(/\.$/, '')}: CoreDNS answers with a CNAME.`);
      return { items: [e] };
    }

    if (svc.headless || r.endpoint) {
      const items: Entry[] = [];
      const eps = r.endpoint ? this.endpointsNamed(svc, r.endpoint) : svc.endpoints;
      for (const ep of eps) {
        if (!ep.ready) continue;
        const host = this.endpointHostname(ep);
        const ports = ep.ports.length ? ep.ports : [SENTINEL];
        for (const p of ports) {
          if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol)) continue;
          items.push({ host: ep.ip, port: p.port, ttl: this.ttl, key: `${host}.${zoneKey}`, origin: this.endpointOrigin(svc, ep) });
        }
      }
      if (!items.length) {
        this.explainNoEndpoints(svc, r, q, t);
        return { items, err: 'noItems' };
      }
      if (!r.endpoint) this.explainUnpublished(svc, t);
      return { items };
    }

    // ClusterIP service
    const items: Entry[] = [];
    let matched = false;
    const ports = svc.ports.length ? svc.ports : [SENTINEL];
    for (const p of ports) {
      if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol)) continue;
      matched = true;
      for (const c of svc.clusterIPs) items.push({ host: c.ip, port: p.port, ttl: this.ttl, key: zoneKey, origin: clusterIpOrigin(svc, c.ip) });
    }
    if (!matched) {
      this.explainNoPort(svc, r, svc.ports, t);
      return { items: [], err: 'noItems' };
    }
    if (!svc.clusterIPs.length) t.add(`${serviceDesc(svc)} has no ClusterIP (the service range is exhausted): the name exists without addresses.`);
    this.explainBehindClusterIP(svc, q, t);
    return { items };
  }

  /** Kubernetes.findPods. */
  private findPods(r: Request, q: Question, t: Trace): Found {
    const mode = this.view.settings.podRecords;
    if (mode === 'disabled') {
      t.add('Pod records are disabled (CoreDNS `pods disabled`): every name under pod. is NXDOMAIN.');
      return { items: [], err: 'noItems' };
    }
    const podname = r.service;
    if (podname === '') {
      t.add(`${q.qname} is the namespace "${r.namespace}" under pod: it exists (NOERROR) but holds no records itself.`);
      return { items: [] };
    }
    if (r.endpoint || r.port) t.add(`CoreDNS reads only the label "${podname}" of a pod name and ignores the labels left of it.`);
    const ipText = (podname.split('-').length - 1 === 3 && !podname.includes('--')) ? podname.replace(/-/g, '.') : podname.replace(/-/g, ':');
    const key = `${podname}.${r.namespace}.pod.${q.zone}`;
    if (mode === 'insecure') {
      const ip = parseIP(ipText);
      if (!ip) {
        t.add(`"${podname}" does not read as an address (${ipText}): pod names are the pod IP with dashes, like 10-244-0-5 or fd00-10-244--5.`);
        return { items: [], err: 'noItems' };
      }
      const addr = formatIP(ip);
      const pods = this.view.podsByIP(addr).filter((p) => p.namespace === r.namespace);
      const others = pods.length ? [] : this.view.podsByIP(addr);
      t.add('In `pods insecure` mode CoreDNS answers any well-formed address name in an existing namespace, without checking that a pod has the address.');
      if (others.length) t.add(`The pod with address ${addr} is ${quoteList(others.map((p) => `Pod ${nsOf(p)}`))}, in another namespace.`);
      else if (!pods.length) t.add(`No pod of the workspace has address ${addr}.`);
      const pod = pods[0];
      const info = pod?.ips.find((i) => i.ip === addr);
      return {
        items: [
          {
            host: ipText,
            port: 0,
            ttl: this.ttl,
            key,
            origin: {
              summary: pod ? `address of Pod ${nsOf(pod)} (pods insecure: read from the name)` : 'address read from the name (pods insecure)',
              spans: spans(pod?.nameSpan),
              simulated: info?.simulated ?? false,
            },
          },
        ],
      };
    }
    // pods verified: the pod's primary address (status.podIP), compared as text
    const items: Entry[] = [];
    for (const p of this.view.podsByIP(ipText)) {
      const primary = p.ips[0];
      if (!primary || primary.ip !== ipText || !eqFold(p.namespace, r.namespace) || p.terminating) continue;
      items.push({
        host: ipText,
        port: 0,
        ttl: this.ttl,
        key,
        origin: { summary: `address of Pod ${nsOf(p)} (pods verified)`, spans: spans(p.nameSpan), simulated: primary.simulated },
      });
    }
    if (!items.length) {
      t.add(`In \`pods verified\` mode CoreDNS answers only for a running pod of namespace "${r.namespace}" whose address (status.podIP) is ${ipText}.`);
      const near = this.view.podsByIP(ipText);
      for (const p of near.slice(0, 3)) {
        if (p.namespace !== r.namespace) t.add(`Pod ${nsOf(p)} has this address, but in namespace "${p.namespace}".`);
        else if (p.terminating) t.add(`Pod ${nsOf(p)} has this address but is terminating: CoreDNS drops terminating pods.`);
        else if (p.ips[0]?.ip !== ipText) t.add(`Pod ${nsOf(p)} has this address only as a secondary one: CoreDNS indexes the primary address.`);
      }
      return { items, err: 'noItems' };
    }
    return { items };
  }

  /** ns.go nsAddrs: the Services whose endpoints hold CoreDNS's own address — kube-dns in a kubeadm cluster. */
  private nsAddrs(zone: string): { name: string; ip: string; origin: RecordOrigin }[] {
    const svc = this.view.service('kube-system', 'kube-dns');
    if (svc && svc.type !== 'ExternalName' && !svc.headless && svc.clusterIPs.length) {
      return svc.clusterIPs.map((c) => ({
        name: `${svc.name}.${svc.namespace}.svc.${zone}`,
        ip: c.ip,
        origin: { summary: `the cluster DNS ${serviceDesc(svc)}, whose endpoints are the CoreDNS pods`, spans: spans(svc.nameSpan), simulated: c.simulated },
      }));
    }
    // no Service fronts CoreDNS: it names itself ns.dns.<zone> with its own (pod) address; the DNS
    // address the kubelet hands out stands in for it
    return [
      {
        name: `ns.dns.${zone}`,
        ip: this.view.dnsServiceIP,
        origin: { summary: 'the cluster DNS server (no kube-dns Service with a ClusterIP: CoreDNS names itself ns.dns)', spans: [], simulated: true },
      },
    ];
  }

  /** reverse.go serviceRecordForIP: the first Service with that ClusterIP, else every ready endpoint with it. */
  private serviceRecordForIP(ip: string, t: Trace): Entry[] {
    const svcs = this.view.servicesByClusterIP(ip);
    if (svcs.length) {
      const s = svcs[0];
      if (svcs.length > 1) t.add(`Several Services have ClusterIP ${ip} (${quoteList(svcs.map(nsOf))}): CoreDNS answers with the first it finds (here: the first by namespace and name).`);
      return [{ host: `${s.name}.${s.namespace}.svc.${this.primaryZone}`, port: 0, ttl: this.ttl, key: '', origin: { ...clusterIpOrigin(s, ip), summary: `reverse of the ${clusterIpOrigin(s, ip).summary}` } }];
    }
    const out: Entry[] = [];
    const notReady: string[] = [];
    for (const hit of this.view.endpointsByIP(ip)) {
      const ep = hit.endpoint;
      if (!ep.ready) {
        notReady.push(`Endpoint ${endpointDesc(hit.service, ep)} of ${serviceDesc(hit.service)}`);
        continue;
      }
      const host = `${this.endpointHostname(ep)}.${hit.service.name}.${hit.service.namespace}.svc.${this.primaryZone}`;
      out.push({ host, port: 0, ttl: this.ttl, key: '', origin: endpointOrigin(hit.service, ep, 'reverse of endpoint') });
    }
    if (!out.length) {
      t.add(`No Service has ClusterIP ${ip} and no ready endpoint has address ${ip}: the kubernetes plugin has no PTR record for it.`);
      if (notReady.length) t.add(`${quoteList(notReady)} has this address but is not ready: CoreDNS only indexes ready endpoints.`);
      const pods = this.view.podsByIP(ip);
      if (pods.length) t.add(`${quoteList(pods.map((p) => `Pod ${nsOf(p)}`))} has this address, but CoreDNS serves no PTR records for pod addresses (only for ClusterIPs and endpoints).`);
    }
    return out;
  }

  // ------------------------------------------------------------------ explanations

  private explainInvalid(q: Question, t: Trace): void {
    const segs = trimZone(q.name, q.zone);
    if (isReverse(q.name) || q.zone === 'in-addr.arpa.' || q.zone === 'ip6.arpa.') {
      t.add(`${q.qname} is in a reverse zone: only PTR questions for whole addresses are answered there.`);
      return;
    }
    const kind = segs[segs.length - 1];
    if (kind === 'svc' || kind === 'pod') {
      t.add(`${q.qname} has too many labels: CoreDNS serves at most two labels left of <service>.<namespace>.svc (an endpoint, or _port._protocol) and answers NXDOMAIN for longer names.`);
      return;
    }
    if (segs.includes('*') || segs.includes('any')) {
      t.add('CoreDNS no longer supports wildcard queries: "*" and "any" are plain labels.');
    }
    t.add(`${q.qname} is not a name the kubernetes plugin serves: the label before ${q.zone} must be "svc" or "pod" (<service>.<namespace>.svc.${q.zone}, <pod-ip>.<namespace>.pod.${q.zone}).`);
  }

  private explainNoNamespace(ns: string, t: Trace): void {
    if (ns === '*' || ns === 'any') t.add('CoreDNS no longer supports wildcard queries: "*" and "any" are plain labels.');
    t.add(`No namespace "${ns}" exists in the workspace (no Namespace object and no object in it): every name in it is NXDOMAIN.`);
    const similar = this.view.namespaces().filter((n) => distance(n, ns) <= 2);
    if (similar.length) t.add(`Similar namespaces: ${quoteList(similar)}.`);
  }

  private explainNoService(r: Request, t: Trace): void {
    if (r.service === '*' || r.service === 'any') t.add('CoreDNS no longer supports wildcard queries: "*" and "any" are plain labels.');
    t.add(`No Service "${r.service}" in namespace "${r.namespace}".`);
    for (const o of this.view.refused(r.namespace, 'Service', r.service).slice(0, 1)) {
      const why = o.problems.find((p) => p.severity === 'error');
      t.add(`A Service "${r.service}" is written in the workspace, but the API server would refuse it${why ? `: ${why.message}` : ''}.`);
    }
    const similar: string[] = [];
    for (const s of this.view.services(r.namespace)) if (s.name !== r.service && distance(s.name, r.service) <= 2) similar.push(nsOf(s));
    for (const ns of this.view.namespaces()) if (ns !== r.namespace && this.view.service(ns, r.service)) similar.push(`${ns}/${r.service}`);
    if (similar.length) t.add(`Similarly named Services: ${quoteList(similar)}.`);
    const pod = this.view.pod(r.namespace, r.service);
    if (pod) t.add(`Pod ${nsOf(pod)} has that name, but pods get no name under svc. (only <pod-ip>.${r.namespace}.pod, or <hostname>.<subdomain> through a Service).`);
    if (r.endpoint) {
      const sub = this.view.pods(r.namespace).filter((p) => p.subdomain === r.service && eqFold(p.hostname ?? '', r.endpoint));
      for (const p of sub.slice(0, 2)) t.add(`Pod ${nsOf(p)} sets hostname "${p.hostname}" and subdomain "${r.service}", but no Service "${r.service}" exists to publish it (create a headless Service of that name).`);
    }
  }

  private explainNoPort(svc: ServiceState, r: Request, ports: { name?: string; port: number; protocol: string }[], t: Trace): void {
    const named = [...new Set(ports.filter((p) => p.name).map((p) => `_${p.name}._${p.protocol.toLowerCase()}`))];
    t.add(`CoreDNS reads the two labels left of the Service name as port "${r.port}" and protocol "${r.protocol}" (_<port>._<protocol>).`);
    t.add(
      `${serviceDesc(svc)} has no port named "${r.port}"${r.protocol ? ` with protocol ${r.protocol.toUpperCase()}` : ''}${named.length ? ` (its SRV names: ${quoteList(named)})` : ' (it has no named ports, and unnamed ports have no SRV name)'}.`,
    );
  }

  private explainBehindClusterIP(svc: ServiceState, q: Question, t: Trace): void {
    const ready = svc.endpoints.filter((e) => e.ready);
    if (svc.builtin && !ready.length) {
      t.add(`${serviceDesc(svc)} exists in every cluster; its endpoints (${svc.name === 'kubernetes' ? 'the API servers' : 'the CoreDNS pods'}) are not part of the workspace.`);
      return;
    }
    if (!ready.length) {
      t.add(`${serviceDesc(svc)} has no ready endpoints: the name resolves, but connections to the ClusterIP will fail.`);
      this.explainWhyNoEndpoints(svc, t);
      return;
    }
    const shown = ready.map((e) => `${e.ip}${e.ports.length ? `:${e.ports.map((p) => p.port).join(',')}` : ''} (${endpointSource(svc, e)})`);
    t.add(`Connections to the ClusterIP go to its ready endpoints: ${quoteList(shown)}.`);
    this.explainUnresolvedPorts(svc, t);
    t.add(`CoreDNS also serves each endpoint by name, e.g. ${this.endpointHostname(ready[0])}.${svc.name}.${svc.namespace}.svc.${q.zone}`);
  }

  private explainUnpublished(svc: ServiceState, t: Trace): void {
    const notReady = svc.endpoints.filter((e) => !e.ready);
    if (notReady.length) t.add(`Not published (not ready): ${quoteList(notReady.map((e) => `${e.ip} (${endpointSource(svc, e)})`))}.`);
    this.explainUnresolvedPorts(svc, t);
  }

  /** Named targetPorts a selected pod does not declare: its endpoint lacks that port. */
  private explainUnresolvedPorts(svc: ServiceState, t: Trace): void {
    for (const tp of svc.targetPorts) {
      if (tp.port !== undefined || typeof tp.servicePort.targetPort?.value !== 'string') continue;
      const pn = tp.servicePort.name?.value ?? String(tp.servicePort.port?.value ?? '');
      t.add(`Pod ${nsOf(tp.pod)} has no container port named "${tp.servicePort.targetPort.value}" (the targetPort of port ${pn}): its endpoint has no ${pn} port.`);
    }
  }

  private explainWhyNoEndpoints(svc: ServiceState, t: Trace): void {
    const notReady = svc.endpoints.filter((e) => !e.ready);
    if (notReady.length) {
      for (const e of notReady.slice(0, 3)) {
        const why = e.pod?.terminating ? 'terminating' : e.source.kind === 'controller' ? 'its pod is not Ready' : 'marked not ready';
        t.add(`Endpoint ${endpointDesc(svc, e)} is not ready (${why}): CoreDNS publishes only ready endpoints${svc.publishNotReadyAddresses ? '' : ' (publishNotReadyAddresses would publish it)'}.`);
      }
    } else if (svc.selector) {
      const sel = [...svc.selector].map(([k, v]) => `${k}=${v}`).join(',');
      const noIp = svc.selectedPods.filter((p) => p.ips.length === 0);
      const terminal = svc.selectedPods.filter((p) => p.phase === 'Succeeded' || p.phase === 'Failed');
      if (!svc.selectedPods.length) t.add(`Its selector ${sel} matches no pod in namespace "${svc.namespace}".`);
      else {
        if (terminal.length) t.add(`${quoteList(terminal.map((p) => `Pod ${nsOf(p)}`))} matched by ${sel} has finished (${terminal[0].phase}): finished pods are never endpoints.`);
        if (noIp.length) t.add(`${quoteList(noIp.map((p) => `Pod ${nsOf(p)}`))} matched by ${sel} has no address yet (${noIp[0].phase}).`);
        if (!terminal.length && !noIp.length) t.add(`The pods matched by ${sel} have no address of the Service's IP family.`);
      }
    } else if (!svc.sources.length) {
      t.add(`It has no selector, and no Endpoints or EndpointSlice that DNS reads (labelled kubernetes.io/service-name=${svc.name}) gives it endpoints.`);
    }
    for (const ig of svc.ignoredSources.slice(0, 3)) t.add(`${ig.object.kind} ${svc.namespace}/${ig.object.meta.name?.value ?? '?'} is ignored: ${ig.reason}.`);
  }

  private explainNoEndpoints(svc: ServiceState, r: Request, q: Question, t: Trace): void {
    if (r.endpoint) {
      const host = r.endpoint;
      const all = svc.endpoints.filter((e) => eqFold(this.endpointHostname(e), host));
      if (all.length && all.every((e) => !e.ready)) {
        t.add(`The endpoint "${host}" of ${serviceDesc(svc)} exists but is not ready: CoreDNS publishes only ready endpoints.`);
        return;
      }
      if (all.length && (r.port || r.protocol)) {
        this.explainNoPort(svc, r, all.flatMap((e) => e.ports), t);
        return;
      }
      t.add(`No ready endpoint of ${serviceDesc(svc)} is named "${host}".`);
      const ready = svc.endpoints.filter((e) => e.ready);
      if (ready.length) t.add(`Its endpoint names: ${quoteList([...new Set(ready.map((e) => `${this.endpointHostname(e)}.${svc.name}`))])}.`);
      // pods that look like they meant to be published under this name
      for (const p of svc.selectedPods) {
        if (p.hostname && eqFold(p.hostname, host) && p.subdomain !== svc.name) {
          t.add(`Pod ${nsOf(p)} sets hostname "${p.hostname}" but its subdomain is ${p.subdomain ? `"${p.subdomain}"` : 'not set'}, not "${svc.name}": the hostname is published only when the pod's subdomain names the Service.`);
        }
      }
      for (const p of this.view.pods(svc.namespace)) {
        if (p.subdomain === svc.name && p.hostname && eqFold(p.hostname, host) && !svc.selectedPods.includes(p)) {
          t.add(`Pod ${nsOf(p)} has hostname "${p.hostname}" and subdomain "${svc.name}", but the Service's selector does not match its labels, so it is not an endpoint.`);
        }
      }
      if (!svc.headless && !ready.length) this.explainWhyNoEndpoints(svc, t);
      return;
    }
    if (r.port || r.protocol) {
      const ready = svc.endpoints.filter((e) => e.ready);
      if (ready.length) {
        const ports = ready.flatMap((e) => e.ports);
        this.explainNoPort(svc, r, ports, t);
        return;
      }
    }
    t.add(`${serviceDesc(svc)} has no ready endpoints, so its name does not exist (NXDOMAIN).`);
    this.explainWhyNoEndpoints(svc, t);
    void q;
  }

  // ------------------------------------------------------------------ the zone, as a transfer would list it

  /**
   * Every record the server serves, sorted by name then type: for each name CoreDNS answers, the
   * records a query of each type returns (same code path as query(), so the two agree).
   * Names enumerated: the apex (SOA, NS) and ns.dns.<zone>; dns-version TXT; per Service its name
   * (A/AAAA/SRV, or the CNAME of an ExternalName), its _port._proto SRV names, its endpoint names
   * (A/AAAA/SRV); the PTR of every ClusterIP and ready endpoint address; pod names.
   * Pod names: in `pods insecure` mode CoreDNS answers *any* well-formed address name, without looking
   * at pods; only the addresses of the model's pods are listed (in their dashed form). In `verified`
   * mode the primary address of each non-terminating pod; `disabled`: none.
   */
  records(): DnsRecord[] {
    this.origins = new Map();
    try {
      return this.allRecords();
    } finally {
      this.origins = undefined;
    }
  }

  private allRecords(): DnsRecord[] {
    const zone = this.primaryZone;
    const out = new Map<string, DnsRecord>();
    const ask = (name: string, types: QType[]) => {
      const n = lower(fqdn(name));
      for (const type of types) {
        const a = this.query(n, type);
        if (a.rcode !== 'NOERROR' || a.upstream) continue;
        for (const r of a.answers) {
          if (lower(r.name) !== n) continue;
          out.set(`${r.name}\u0000${r.type}\u0000${r.data}`, r);
        }
      }
    };
    ask(zone, ['SOA', 'NS']);
    ask(`ns.dns.${zone}`, ['A', 'AAAA']);
    ask(`dns-version.${zone}`, ['TXT']);
    const ptrs = new Set<string>();
    for (const ns of this.view.namespaces()) {
      for (const svc of this.view.services(ns)) {
        const base = `${svc.name}.${svc.namespace}.svc.${zone}`;
        if (svc.type === 'ExternalName') {
          ask(base, ['CNAME']);
          continue;
        }
        ask(base, ['A', 'AAAA', 'SRV']);
        const portNames = new Set<string>();
        const ready = svc.endpoints.filter((e) => e.ready);
        const portSources = svc.headless ? ready.flatMap((e) => e.ports) : svc.ports;
        for (const p of portSources) if (p.name) portNames.add(`_${lower(p.name)}._${lower(p.protocol)}.${base}`);
        for (const n of portNames) ask(n, ['SRV']);
        const hosts = new Set<string>();
        for (const e of ready) hosts.add(`${lower(this.endpointHostname(e))}.${base}`);
        for (const h of hosts) ask(h, ['A', 'AAAA', 'SRV']);
        for (const c of svc.clusterIPs) ptrs.add(reverseName(c.ip)!);
        for (const e of ready) {
          const rn = reverseName(e.ip);
          if (rn) ptrs.add(rn);
        }
      }
      const mode = this.view.settings.podRecords;
      if (mode !== 'disabled') {
        for (const p of this.view.pods(ns)) {
          const ips = mode === 'verified' ? (p.terminating ? [] : p.ips.slice(0, 1)) : p.ips;
          for (const ip of ips) ask(`${dashedIP(ip.ip)}.${ns}.pod.${zone}`, [ip.family === 4 ? 'A' : 'AAAA']);
        }
      }
    }
    for (const p of ptrs) ask(p, ['PTR']);
    // sort with the name keys computed once: the labels from the right, each ended by U+0000 (below
    // every character of a label), compare as strings as compareLabels compares the label lists
    // (one string a record, not an array of labels: 600,000 records of a big headless Service)
    if ([...out.values()].some((r) => r.name.includes('\u0000'))) return [...out.values()].sort(compareRecords);
    const keys = new Map<string, string>();
    const keyed = [...out.values()].map((r) => {
      let k = keys.get(r.name);
      if (k === undefined) keys.set(r.name, (k = nameKey(r.name)));
      return { r, k };
    });
    keys.clear();
    keyed.sort((a, b) => (a.k !== b.k ? (a.k < b.k ? -1 : 1) : compareRecords(a.r, b.r)));
    return keyed.map((x) => x.r);
  }
}

/** The `cache 30` plugin: every record of the response gets the smallest TTL, kept within [5, 30]. */
function applyCacheTtl(a: DnsAnswer): void {
  let min = CACHE_MAX_TTL;
  let any = false;
  for (const list of [a.answers, a.authority, a.additional]) {
    for (const r of list) {
      any = true;
      if (r.ttl < min) min = r.ttl;
    }
  }
  if (!any) return;
  const ttl = Math.min(Math.max(min, CACHE_MIN_TTL), CACHE_MAX_TTL);
  // the records of an answer are built for it: set in place
  for (const list of [a.answers, a.authority, a.additional]) for (const r of list) r.ttl = ttl;
}
