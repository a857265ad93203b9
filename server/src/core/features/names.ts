// The cluster DNS names of the model's Services and Pods, and which Service or Pod a name means: what
// the editor features show, list and jump to. Structural (no question is asked of the resolver here):
// answers come from the Resolver, so that hover and nslookup never disagree.
import type { K8sObject, WorkloadObject } from '../manifest/objects';
import type { ClusterView } from '../model/view';
import type { EndpointState, PodState, ServiceState } from '../model/state';
import { matchesSelector } from '../manifest/labels';
import { dashedIP } from '../dns/ip';
import type { Resolver } from '../dns/resolver';
import { candidates, resolvConf, type ResolvConf } from '../dns/search';
import type { Span } from '../types';

/** `name.ns.svc.zone` (no trailing dot). */
export function serviceFqdn(view: ClusterView, namespace: string, name: string): string {
  return `${name}.${namespace}.svc.${view.settings.clusterDomain}`;
}

/** The names a pod may use to reach a Service, shortest first, and where each works from. */
export function reachingNames(view: ClusterView, svc: Pick<ServiceState, 'name' | 'namespace'>): { name: string; from: string }[] {
  return [
    { name: svc.name, from: `pods in namespace ${svc.namespace}` },
    { name: `${svc.name}.${svc.namespace}`, from: 'pods in any namespace' },
    { name: serviceFqdn(view, svc.namespace, svc.name), from: 'anywhere (FQDN)' },
  ];
}

/** The shortest name that reaches `svc` from a pod of `fromNamespace` (ClusterFirst search list). */
export function shortestName(view: ClusterView, svc: Pick<ServiceState, 'name' | 'namespace'>, fromNamespace: string): string {
  return svc.namespace === fromNamespace ? svc.name : `${svc.name}.${svc.namespace}`;
}

/** The pod A record names of a pod: `10-244-0-5.ns.pod.zone` per address (none when pod records are disabled). */
export function podAddressNames(view: ClusterView, pod: PodState): { name: string; ip: string; simulated: boolean }[] {
  const mode = view.settings.podRecords;
  if (mode === 'disabled') return [];
  const ips = mode === 'verified' ? pod.ips.slice(0, 1) : pod.ips;
  return ips.map((i) => ({ name: `${dashedIP(i.ip)}.${pod.namespace}.pod.${view.settings.clusterDomain}`, ip: i.ip, simulated: i.simulated }));
}

/** `hostname.subdomain.ns.svc.zone` when the pod sets both (whether or not a record exists). */
export function hostnameFqdn(view: ClusterView, pod: PodState): string | undefined {
  if (!pod.hostname || !pod.subdomain) return undefined;
  return `${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${view.settings.clusterDomain}`;
}

/** The name of an endpoint: `<hostname or dashed IP>.svc.ns.svc.zone`. */
export function endpointFqdn(view: ClusterView, resolver: Resolver, svc: ServiceState, ep: EndpointState): string {
  return `${resolver.endpointHostname(ep)}.${serviceFqdn(view, svc.namespace, svc.name)}`;
}

/** SRV names of a Service's named ports (a headless Service: the ports of its ready endpoints). */
export function srvNames(view: ClusterView, svc: ServiceState): { name: string; port: string; protocol: string }[] {
  if (svc.type === 'ExternalName') return [];
  const base = serviceFqdn(view, svc.namespace, svc.name);
  const ports = svc.headless ? svc.endpoints.filter((e) => e.ready).flatMap((e) => e.ports) : svc.ports;
  const out = new Map<string, { name: string; port: string; protocol: string }>();
  for (const p of ports) {
    if (!p.name) continue;
    const name = `_${p.name.toLowerCase()}._${p.protocol.toLowerCase()}.${base}`;
    if (!out.has(name)) out.set(name, { name, port: p.name, protocol: p.protocol });
  }
  return [...out.values()];
}

/** The pods of the model an object stands for: a declared Pod, or the pods simulated from a workload. */
export function podsOfObject(view: ClusterView, o: K8sObject, namespace: string): PodState[] {
  if (o.type === 'Pod') {
    const byName = o.meta.name ? view.pod(namespace, o.meta.name.value) : undefined;
    if (byName?.declared === o) return [byName];
    return view.pods(namespace).filter((p) => p.declared === o);
  }
  if (o.type === 'Workload') {
    const ns = view.namespace(namespace);
    if (!ns) return [];
    const out: PodState[] = [];
    for (const p of ns.pods.values()) if (p.workload === o) out.push(p);
    return out;
  }
  return [];
}

/** Declared pods that a workload's selector claims (when they stand for its pods, none are simulated). */
export function podsClaimedBy(view: ClusterView, w: WorkloadObject, namespace: string): PodState[] {
  const sel = w.spec.selector;
  const ns = view.namespace(namespace);
  if (!ns) return [];
  const simulated = podsOfObject(view, w, namespace);
  if (!sel || (sel.matchLabels.length === 0 && sel.matchExpressions.length === 0)) return simulated;
  const out = [...simulated];
  for (const p of ns.pods.values()) if (p.declared && matchesSelector(sel, p.labels)) out.push(p);
  return out;
}

/** Services of the pod's namespace whose selector matches it. */
export function servicesSelecting(view: ClusterView, pod: PodState): ServiceState[] {
  return view.services(pod.namespace).filter((s) => s.selectedPods.includes(pod));
}

/** Where a pod is written: the Pod's name, or the workload's pod template (its `template` key). */
export function podSpan(pod: PodState): Span {
  if (pod.declared) return pod.nameSpan;
  const t = pod.workload?.spec.template;
  if (t?.key) return { file: pod.span.file, start: t.key.start, end: t.key.end };
  return pod.nameSpan;
}

/** A label for a pod's origin: `Pod ns/name`, or `StatefulSet ns/web (pod web-0)`. */
export function podOrigin(pod: PodState): string {
  if (pod.declared || !pod.workload) return `Pod ${pod.namespace}/${pod.name}`;
  return `${pod.workload.workload} ${pod.namespace}/${pod.workload.meta.name?.value ?? '?'}`;
}

// ------------------------------------------------------------------ what a name means

/** A name inside the cluster zone, read as CoreDNS reads it. */
export type ZoneName =
  | { kind: 'service'; namespace: string; service: string; endpoint?: string; port?: string; protocol?: string }
  | { kind: 'pod'; namespace: string; label: string };

/** Reads a fully qualified name (trailing dot optional) of the cluster zone; undefined outside it or when malformed. */
export function parseZoneName(name: string, zone: string): ZoneName | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase();
  if (z && !n.endsWith(`.${z}`)) return undefined;
  const labels = (z ? n.slice(0, n.length - z.length - 1) : n).split('.');
  const kind = labels.pop();
  if (kind === 'pod') {
    if (labels.length < 2) return undefined;
    return { kind: 'pod', namespace: labels[labels.length - 1], label: labels[labels.length - 2] };
  }
  if (kind !== 'svc' || labels.length < 2 || labels.length > 4) return undefined;
  const namespace = labels.pop()!;
  const service = labels.pop()!;
  if (labels.length === 1) return { kind: 'service', namespace, service, endpoint: labels[0] };
  if (labels.length === 2) return { kind: 'service', namespace, service, port: labels[0].replace(/^_/, ''), protocol: labels[1].replace(/^_/, '') };
  return { kind: 'service', namespace, service };
}

export type NameMeaning =
  | { kind: 'service'; service: ServiceState; fqdn: string; endpoint?: string; pods: PodState[] }
  | { kind: 'pod'; namespace: string; fqdn: string; pods: PodState[] };

/**
 * Which Service (or pod address name) `name` means for a pod of `fromNamespace`: the first name of the
 * search walk that names something the workspace has (a Service; an endpoint name of it; an existing
 * namespace's pod address name). Structural, so a Service without endpoints is still "meant".
 */
export function nameMeant(view: ClusterView, name: string, rc: ResolvConf): NameMeaning | undefined {
  const zone = view.settings.clusterDomain;
  for (const cand of candidates(name, rc)) {
    const z = parseZoneName(cand, zone);
    if (!z) continue;
    const fq = cand.replace(/\.$/, '').toLowerCase();
    if (z.kind === 'pod') {
      if (!view.namespaceExists(z.namespace)) continue;
      const ip = podLabelIp(z.label);
      return { kind: 'pod', namespace: z.namespace, fqdn: fq, pods: ip ? view.podsByIP(ip).filter((p) => p.namespace === z.namespace) : [] };
    }
    const svc = view.service(z.namespace, z.service);
    if (!svc) continue;
    if (z.endpoint) {
      const host = z.endpoint;
      const pods = new Set<PodState>();
      for (const e of svc.endpoints) if (e.pod && ((e.hostname ?? '').toLowerCase() === host || dashedIP(e.ip) === host)) pods.add(e.pod);
      const named = svc.endpoints.some((e) => (e.hostname ?? '').toLowerCase() === host || dashedIP(e.ip) === host);
      if (!named) for (const p of view.pods(svc.namespace)) if (p.subdomain === svc.name && p.hostname?.toLowerCase() === host) pods.add(p);
      if (!named && !pods.size) continue;
      return { kind: 'service', service: svc, fqdn: fq, endpoint: host, pods: [...pods] };
    }
    return { kind: 'service', service: svc, fqdn: fq, pods: [] };
  }
  return undefined;
}

/** The resolv.conf of a plain pod of a namespace (cached by the caller when asked often). */
export function namespaceResolvConf(view: ClusterView, namespace: string): ResolvConf {
  return resolvConf(view, { namespace });
}

/** The address a pod name label stands for (`10-244-0-5` → `10.244.0.5`, `fd00--5` → `fd00::5`). */
export function podLabelIp(label: string): string | undefined {
  const dashes = label.split('-').length - 1;
  const text = dashes === 3 && !label.includes('--') ? label.replace(/-/g, '.') : label.replace(/-/g, ':');
  return /^[0-9a-f.:]+$/i.test(text) && /[.:]/.test(text) ? text : undefined;
}

// ------------------------------------------------------------------ the zone, as names

export type ZoneEntryType = 'Service' | 'headless Service' | 'ExternalName Service' | 'endpoint' | 'SRV' | 'pod';

export interface ZoneEntry {
  /** Fully qualified, without the trailing dot, lowercase. */
  name: string;
  type: ZoneEntryType;
  namespace: string;
  /** One line: what the name answers. */
  detail: string;
  /** The manifest that makes the name (undefined for built-in Services). */
  span?: Span;
  service?: ServiceState;
  pod?: PodState;
}

/**
 * Every name of the simulated zone the workspace makes: Services, the names of their ready endpoints,
 * the SRV names of named ports, and pod address names. (Structural: what `Resolver.records()` would list,
 * without asking for each.)
 */
export function zoneEntries(view: ClusterView, resolver: Resolver): ZoneEntry[] {
  const out: ZoneEntry[] = [];
  for (const ns of view.namespaces()) {
    for (const svc of view.services(ns)) {
      const fq = serviceFqdn(view, svc.namespace, svc.name);
      const span = svc.builtin ? undefined : svc.nameSpan;
      const ready = svc.endpoints.filter((e) => e.ready);
      if (svc.type === 'ExternalName') {
        out.push({ name: fq, type: 'ExternalName Service', namespace: ns, detail: `CNAME ${svc.externalName ?? '(none)'}`, span, service: svc });
        continue;
      }
      if (svc.headless) {
        const ips = [...new Set(ready.map((e) => e.ip))];
        out.push({ name: fq, type: 'headless Service', namespace: ns, detail: ips.length ? `${ips.length} endpoint${ips.length === 1 ? '' : 's'}: ${ips.slice(0, 3).join(', ')}${ips.length > 3 ? ', …' : ''}` : 'no ready endpoints (NXDOMAIN)', span, service: svc });
      } else {
        out.push({ name: fq, type: 'Service', namespace: ns, detail: `${svc.type} ${svc.clusterIPs.map((c) => c.ip).join(', ') || '(no address)'}`, span, service: svc });
      }
      const hosts = new Map<string, EndpointState[]>();
      for (const e of ready) {
        const h = resolver.endpointHostname(e).toLowerCase();
        const l = hosts.get(h);
        if (l) l.push(e);
        else hosts.set(h, [e]);
      }
      for (const [h, eps] of hosts) {
        const pod = eps.find((e) => e.pod)?.pod;
        const src = eps[0].source;
        const epSpan = pod ? podSpan(pod) : src.kind !== 'controller' ? src.span : span;
        out.push({ name: `${h}.${fq}`, type: 'endpoint', namespace: ns, detail: `${eps.map((e) => e.ip).join(', ')}${pod ? ` (${podOrigin(pod)}${pod.declared ? '' : `, pod ${pod.name}`})` : ''}`, span: epSpan, service: svc, pod });
      }
      for (const s of srvNames(view, svc)) {
        const port = svc.object?.spec.ports.find((p) => p.name?.value.toLowerCase() === s.port.toLowerCase() && p.protocol === s.protocol);
        const portSpan = port?.name && svc.object ? { file: svc.object.file, start: port.name.start, end: port.name.end } : span;
        out.push({ name: s.name, type: 'SRV', namespace: ns, detail: `SRV of port ${s.port}/${s.protocol} of ${svc.name}`, span: portSpan, service: svc });
      }
    }
    for (const pod of view.pods(ns)) {
      for (const a of podAddressNames(view, pod)) {
        out.push({ name: a.name, type: 'pod', namespace: ns, detail: `${a.ip} (${podOrigin(pod)}${pod.declared ? '' : `, pod ${pod.name}`})`, span: podSpan(pod), pod });
      }
    }
  }
  return out;
}
