// The stub resolver of a pod: the resolv.conf the kubelet writes, and how a client walks its search list.
//
// resolv.conf (kubelet pkg/kubelet/network/dns/dns.go, GetPodDNS):
//  - dnsPolicy ClusterFirst (the default), or ClusterFirstWithHostNet: `nameserver <cluster DNS>`,
//    `search <ns>.svc.<zone> svc.<zone> <zone>` + the node's search domains, `options ndots:5`
//    (the node's options are dropped);
//  - ClusterFirst on a hostNetwork pod falls back to Default;
//  - Default: the node's resolv.conf (kubelet --resolv-conf). Not known offline: modelled as the node's
//    resolver, which does not serve the cluster zone, with no search domains and no options;
//  - None: nothing but dnsConfig;
//  - then dnsConfig: nameservers and searches appended without duplicates, options merged by name (a
//    dnsConfig option replaces the one of the same name; the kubelet goes through a Go map, so the
//    order of options in the real file varies — we keep base options first, then new ones);
//  - limits: at most 3 nameservers; search domains longer than 253 characters dropped, at most 32, and
//    the search line at most 2048 characters (domains cut from the end).
// The node's own search domains would follow the cluster ones under ClusterFirst; they are not known
// offline and are taken as none.
//
// The search walk (`candidates()`), per client:
//  - nslookup (BIND 9.18, bin/dig/dighost.c setup_lookup / next_origin): a name with a trailing dot, or
//    with at least ndots dots, is asked as is and only as is; otherwise each search domain in turn
//    (the first 8: lib/irs/resconf.c RESCONFMAXSEARCH), then the name as is. It moves on only after
//    NXDOMAIN: a NOERROR answer without records (NODATA) ends the search.
//  - glibc (res_search): a name with at least ndots dots is asked as is first, then with each search
//    domain; a shorter one with each search domain, then as is; a trailing dot: only as is. NXDOMAIN and
//    NODATA both move on. ndots is capped at 15.
//  - musl: like nslookup for the order (at least ndots dots: only as is), NXDOMAIN and NODATA move on;
//    ndots capped at 15; a search line longer than the 255-character line buffer is ignored whole.
import type { DnsConfigInfo, PodSpecInfo } from '../manifest/objects';
import type { PodState } from '../model/state';
import type { ClusterView } from '../model/view';
import type { Span } from '../types';
import { normalizeIP } from './ip';
import { Resolver, fqdn, invalidName, isSubDomain } from './resolver';
import type { DnsAnswer, DnsRecord, QType, Rcode } from './types';

export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
export type StubResolver = 'nslookup' | 'glibc' | 'musl';

/** Stands for the nameserver(s) of the node's resolv.conf, which no manifest tells. */
export const NODE_NAMESERVER = '<node resolver>';

export const MAX_NAMESERVERS = 3;
export const MAX_SEARCH_PATHS = 32;
export const MAX_SEARCH_CHARS = 2048;
export const MAX_SEARCH_DOMAIN_LENGTH = 253;
/** BIND's irs resconf keeps the first 8 search domains. */
export const NSLOOKUP_MAX_SEARCH = 8;

export interface ResolvConf {
  /** dnsPolicy as written, or `ClusterFirst` (the API default). */
  policy: string;
  /** What the kubelet made of it: the cluster DNS, the node's resolv.conf, or nothing (None). */
  base: 'cluster' | 'node' | 'none';
  nameservers: string[];
  searches: string[];
  /** `ndots:5`, `edns0`, … in file order. */
  options: string[];
  /** Effective ndots (1 when not set: the resolver default). */
  ndots: number;
  /** The file, as the kubelet would write it (the node's parts as comments). */
  text: string;
  /** Why it looks like this: fallbacks, limits. One sentence each. */
  notes: string[];
  /** dnsPolicy / dnsConfig / hostNetwork as written. */
  spans: Span[];
}

/** Where a lookup is made from: any pod of a namespace (ClusterFirst, no dnsConfig), or a given pod. */
export type LookupFrom = { namespace: string } | { pod: PodState };

export interface LookupStep {
  /** The candidate asked, fully qualified. */
  name: string;
  answer: DnsAnswer;
  /** What the client does next. */
  next: 'stop' | 'continue';
}

export interface LookupResult {
  input: string;
  type: QType;
  stub: StubResolver;
  resolvConf: ResolvConf;
  /** The nameserver asked (the first of resolv.conf), or undefined when there is none. */
  server?: string;
  /** The server is the cluster DNS (the kube-dns Service address). */
  clusterServer: boolean;
  /** Every candidate, in the order the client would ask them. */
  candidates: string[];
  /** The candidates asked, with answers, in order. */
  steps: LookupStep[];
  /** Candidates left unasked because an upstream answer is not known. */
  undetermined: string[];
  /** The step whose answer the client ends with. */
  final?: LookupStep;
  rcode: Rcode;
  answers: DnsRecord[];
  upstream: boolean;
  explanation: string[];
}

export interface LookupOptions {
  stub?: StubResolver;
  /** Reuse a resolver (its caches); must be over the same view. */
  resolver?: Resolver;
}

function specOf(from: LookupFrom): { namespace: string; spec?: PodSpecInfo; pod?: PodState } {
  return 'pod' in from ? { namespace: from.pod.namespace, spec: from.pod.spec, pod: from.pod } : { namespace: from.namespace };
}

function fileOf(pod: PodState | undefined): string | undefined {
  return pod ? (pod.declared?.file ?? pod.workload?.file) : undefined;
}

/** mergeDNSOptions: a dnsConfig option replaces the one of the same name; a value of "" means none. */
function mergeOptions(base: string[], extra: DnsConfigInfo['options']): string[] {
  const map = new Map<string, string>();
  for (const op of base) {
    const i = op.indexOf(':');
    if (i >= 0) map.set(op.slice(0, i), op.slice(i + 1));
    else map.set(op, '');
  }
  for (const op of extra) map.set(op.name.value, op.value?.value ?? '');
  return [...map].map(([k, v]) => (v !== '' ? `${k}:${v}` : k));
}

function dedup(list: string[]): string[] {
  return [...new Set(list)];
}

/** The resolv.conf the kubelet writes for a pod (or for a plain ClusterFirst pod of `namespace`). */
export function resolvConf(view: ClusterView, from: LookupFrom): ResolvConf {
  const { namespace, spec, pod } = specOf(from);
  const zone = view.settings.clusterDomain;
  const notes: string[] = [];
  const file = fileOf(pod);
  const sp: Span[] = [];
  if (file && spec?.dnsPolicy) sp.push({ file, start: spec.dnsPolicy.start, end: spec.dnsPolicy.end });
  if (file && spec?.dnsConfig) sp.push({ file, start: spec.dnsConfig.loc.start, end: spec.dnsConfig.loc.end });
  const written = spec?.dnsPolicy?.value;
  const policy = written ?? 'ClusterFirst';
  let base: ResolvConf['base'];
  switch (policy) {
    case 'None':
      base = 'none';
      notes.push('dnsPolicy None: the kubelet writes only what dnsConfig says.');
      break;
    case 'ClusterFirstWithHostNet':
      base = 'cluster';
      break;
    case 'Default':
      base = 'node';
      notes.push("dnsPolicy Default: the pod gets the node's resolv.conf; the node's resolver does not serve the cluster zone, so cluster names do not resolve.");
      break;
    case 'ClusterFirst':
      if (spec?.hostNetwork) {
        base = 'node';
        notes.push("dnsPolicy ClusterFirst on a hostNetwork pod falls back to Default (the node's resolv.conf): cluster names do not resolve. Use ClusterFirstWithHostNet.");
      } else base = 'cluster';
      break;
    default:
      base = 'cluster';
      notes.push(`dnsPolicy "${policy}" is not a DNS policy (the API server refuses it); the kubelet would fall back to ClusterFirst.`);
  }
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (base === 'cluster') {
    nameservers = [view.dnsServiceIP];
    searches = dedup([`${namespace}.svc.${zone}`, `svc.${zone}`, zone]);
    options = ['ndots:5'];
  } else if (base === 'node') {
    nameservers = [NODE_NAMESERVER];
  }
  const dc = spec?.dnsConfig;
  if (dc) {
    nameservers = dedup([...nameservers, ...dc.nameservers.map((v) => v.value)]);
    searches = dedup([...searches, ...dc.searches.map((v) => v.value)]);
    options = mergeOptions(options, dc.options);
  }
  if (nameservers.length > MAX_NAMESERVERS) {
    notes.push(`Only the first ${MAX_NAMESERVERS} nameservers are kept (${nameservers.slice(MAX_NAMESERVERS).join(', ')} dropped).`);
    nameservers = nameservers.slice(0, MAX_NAMESERVERS);
  }
  if (searches.length > MAX_SEARCH_PATHS) {
    notes.push(`Only the first ${MAX_SEARCH_PATHS} search domains are kept.`);
    searches = searches.slice(0, MAX_SEARCH_PATHS);
  }
  const tooLong = searches.filter((s) => s.length > MAX_SEARCH_DOMAIN_LENGTH);
  if (tooLong.length) {
    notes.push(`Search domains longer than ${MAX_SEARCH_DOMAIN_LENGTH} characters are dropped.`);
    searches = searches.filter((s) => s.length <= MAX_SEARCH_DOMAIN_LENGTH);
  }
  const lineLen = searches.join(' ').length;
  if (lineLen > MAX_SEARCH_CHARS) {
    let len = lineLen;
    let cut = 0;
    for (let i = searches.length - 1; i >= 0; i--) {
      len -= searches[i].length + 1;
      cut++;
      if (len <= MAX_SEARCH_CHARS) break;
    }
    notes.push(`The search line is longer than ${MAX_SEARCH_CHARS} characters: the last ${cut} domains are dropped.`);
    searches = searches.slice(0, searches.length - cut);
  }
  if (nameservers.length === 0) notes.push('No nameserver: the API server refuses dnsPolicy None without dnsConfig.nameservers, and nothing can be looked up.');
  let ndots = 1;
  for (const o of options) {
    const m = /^ndots:(\d+)$/.exec(o);
    if (m) ndots = Number(m[1]);
  }
  const lines: string[] = [];
  if (base === 'node') lines.push("# the node's resolv.conf (kubelet --resolv-conf): not known offline");
  for (const n of nameservers) lines.push(n === NODE_NAMESERVER ? "# nameserver <the node's nameservers>" : `nameserver ${n}`);
  if (searches.length) lines.push(`search ${searches.join(' ')}`);
  if (options.length) lines.push(`options ${options.join(' ')}`);
  return { policy, base, nameservers, searches, options, ndots, text: `${lines.join('\n')}\n`, notes, spans: sp };
}

/** The names a client asks for `name`, in order. */
export function candidates(name: string, rc: ResolvConf, stub: StubResolver = 'nslookup'): string[] {
  const n = name.trim();
  if (n.endsWith('.')) return [n];
  const dots = (n.match(/\./g) ?? []).length;
  let searches = rc.searches;
  let ndots = rc.ndots;
  if (stub === 'nslookup') {
    searches = searches.slice(0, NSLOOKUP_MAX_SEARCH);
    ndots = Math.min(ndots, 255);
  } else {
    ndots = Math.min(ndots, 15);
    if (stub === 'musl' && `search ${searches.join(' ')}`.length > 254) searches = [];
  }
  const searched = searches.map((s) => `${n}.${fqdn(s)}`);
  if (dots >= ndots) return stub === 'glibc' ? dedup([`${n}.`, ...searched]) : [`${n}.`];
  return dedup([...searched, `${n}.`]);
}

/** How `candidates()` ordered the names, in one sentence. */
export function searchRule(name: string, rc: ResolvConf, stub: StubResolver = 'nslookup'): string {
  const n = name.trim();
  if (n.endsWith('.')) return `${n} ends with a dot: it is asked as is, without the search list.`;
  const dots = (n.match(/\./g) ?? []).length;
  const ndots = stub === 'nslookup' ? Math.min(rc.ndots, 255) : Math.min(rc.ndots, 15);
  const d = `${n} has ${dots} dot${dots === 1 ? '' : 's'}`;
  if (!rc.searches.length) return `${d} and there is no search list: it is asked as is.`;
  if (dots >= ndots) {
    return stub === 'glibc'
      ? `${d}, at least ndots ${ndots}: it is asked as is first, then with each search domain.`
      : `${d}, at least ndots ${ndots}: it is asked as is, and only as is.`;
  }
  return `${d}, fewer than ndots ${ndots}: each search domain is tried first, then the name as is.`;
}

/** Ask `server` one question: the cluster DNS is simulated, any other server is not (see askOther). */
export function askServer(view: ClusterView, resolver: Resolver, server: string, name: string, type: QType): DnsAnswer {
  return normalizeIP(server) === normalizeIP(view.dnsServiceIP) ? resolver.query(name, type) : askOther(view, resolver, server, name, type);
}

/** A server that is not the cluster DNS: cluster names do not resolve there; other names as upstream. */
function askOther(view: ClusterView, resolver: Resolver, server: string, name: string, type: QType): DnsAnswer {
  const who = server === NODE_NAMESERVER ? "the node's resolver" : `nameserver ${server}`;
  const zone = `${view.settings.clusterDomain}.`;
  const bad = invalidName(name);
  if (!bad && isSubDomain(zone, name)) {
    return {
      name,
      type,
      rcode: 'NXDOMAIN',
      answers: [],
      authority: [],
      additional: [],
      upstream: true,
      assumed: true,
      explanation: [`The pod asks ${who}, not the cluster DNS: ${zone} names do not resolve there (assumed NXDOMAIN).`],
    };
  }
  const a = resolver.query(name, type);
  if (!a.upstream) {
    // a reverse name CoreDNS would answer, or the like: another server does not know it
    return { ...a, rcode: 'UNKNOWN', answers: [], authority: [], additional: [], upstream: true, assumed: true, explanation: [`The pod asks ${who}, not the cluster DNS: its answer is not simulated.`] };
  }
  return { ...a, explanation: [`The pod asks ${who}, not the cluster DNS.`, ...a.explanation.slice(1)] };
}

function outcome(a: DnsAnswer): 'data' | 'nodata' | 'nxdomain' | 'unknown' | 'error' {
  if (a.rcode === 'UNKNOWN') return 'unknown';
  if (a.rcode === 'NXDOMAIN') return 'nxdomain';
  if (a.rcode === 'NOERROR') return a.answers.length || (a.upstreamTargets?.length ?? 0) ? 'data' : 'nodata';
  return 'error';
}

/**
 * Look `name` up as a client in a pod would: build the pod's resolv.conf, walk the search list, ask the
 * cluster DNS (or the pod's other nameserver) for each candidate, and end where the client ends.
 */
export function lookup(view: ClusterView, name: string, type: QType, from: LookupFrom, options: LookupOptions = {}): LookupResult {
  const stub = options.stub ?? 'nslookup';
  const resolver = options.resolver ?? new Resolver(view);
  const rc = resolvConf(view, from);
  const server = rc.nameservers[0];
  const clusterServer = server !== undefined && normalizeIP(server) === normalizeIP(view.dnsServiceIP);
  const cands = candidates(name, rc, stub);
  const steps: LookupStep[] = [];
  const undetermined: string[] = [];
  const explanation: string[] = [];
  const who = 'pod' in from ? `Pod ${from.pod.namespace}/${from.pod.name}` : `a pod in namespace "${from.namespace}"`;
  explanation.push(`resolv.conf of ${who} (dnsPolicy ${rc.policy}): ${rc.text.trim().split('\n').join('; ')}.`);
  explanation.push(...rc.notes);
  if (server === undefined) {
    return { input: name, type, stub, resolvConf: rc, clusterServer, candidates: cands, steps, undetermined: cands, rcode: 'UNKNOWN', answers: [], upstream: false, explanation };
  }
  explanation.push(searchRule(name, rc, stub));
  let final: LookupStep | undefined;
  let nodata: LookupStep | undefined;
  for (let i = 0; i < cands.length; i++) {
    const cand = cands[i];
    const answer = askServer(view, resolver, server, cand, type);
    const o = outcome(answer);
    let next: LookupStep['next'] = 'stop';
    if (o === 'nxdomain') next = 'continue';
    else if (o === 'nodata' && stub !== 'nslookup') next = 'continue';
    const step: LookupStep = { name: cand, answer, next };
    steps.push(step);
    if (o === 'nodata' && !nodata) nodata = step;
    if (o === 'unknown') {
      undetermined.push(...cands.slice(i + 1));
      final = step;
      break;
    }
    if (next === 'stop' || i === cands.length - 1) {
      final = step;
      break;
    }
  }
  if (final && stub !== 'nslookup' && outcome(final.answer) === 'nxdomain' && nodata) final = nodata;
  for (const s of steps) {
    const a = s.answer;
    const n = a.answers.length;
    const o = outcome(a);
    const why = o === 'data' ? ` — ${n} record${n === 1 ? '' : 's'}` : s !== final && a.explanation[0] ? ` — ${a.explanation[0]}` : '';
    explanation.push(`Asked ${s.name} ${type}: ${a.rcode}${a.upstream ? ' (upstream)' : ''}${o === 'nodata' ? ' without data' : ''}${why}${why.endsWith('.') ? '' : '.'}`);
  }
  if (undetermined.length) {
    explanation.push(`Whether the client goes on to ${undetermined.join(', ')} depends on the upstream answer (only NXDOMAIN moves on${stub === 'nslookup' ? '' : ', or NODATA'}).`);
  }
  if (final && stub === 'nslookup' && outcome(final.answer) === 'nodata' && cands.indexOf(final.name) < cands.length - 1) {
    explanation.push(`nslookup stops at ${final.name}: it answers NOERROR without data, and nslookup goes on only after NXDOMAIN.`);
  }
  const fa = final?.answer;
  if (fa) {
    // a Set, not explanation.includes(): an answer of 100,000 records explains each of them
    const seen = new Set(explanation);
    for (const e of fa.explanation) {
      if (seen.has(e)) continue;
      seen.add(e);
      explanation.push(e);
    }
  }
  return {
    input: name,
    type,
    stub,
    resolvConf: rc,
    server,
    clusterServer,
    candidates: cands,
    steps,
    undetermined,
    final,
    rcode: fa?.rcode ?? 'UNKNOWN',
    answers: fa?.answers ?? [],
    upstream: fa?.upstream ?? false,
    explanation,
  };
}
