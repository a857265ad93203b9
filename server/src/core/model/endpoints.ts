// The endpoints of a Service, as Kubernetes' controllers would publish them and CoreDNS would read them:
//  - a Service with a selector: the EndpointSlice controller's slices of the matching pods
//    (pkg/controller/endpointslice: ready = publishNotReadyAddresses || (Ready && !terminating);
//    terminal pods and pods without an IP never; hostname when the pod's subdomain is the Service's
//    name; targetPort resolved per pod, a named port on no container leaves that port out);
//  - a Service without a selector: hand-written Endpoints of the same name, mirrored into slices by the
//    EndpointSliceMirroring controller, and EndpointSlices labelled `kubernetes.io/service-name`.
//    EndpointSlices with that label count for Services with a selector too (CoreDNS reads every slice
//    by that label); hand-written Endpoints of a Service with a selector are replaced by the controller.
import type { EndpointAddressInfo, EndpointsObject, EndpointSliceObject, EndpointSubsetInfo, ServiceObject, ServicePort } from '../manifest/objects';
import { span } from '../types';
import { canonicalIp, familyOf, type Family } from './ipam';
import { matchesMap } from '../manifest/labels';
import { EMPTY, fit } from '../util/fit';
import type { EndpointPortState, EndpointState, IpInfo, PodState, ResolvedTargetPort, ServiceState, ServiceType } from './state';

const SERVICE_TYPES = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

export interface ServiceInputs {
  namespace: string;
  object: ServiceObject;
  /** Pods that may match a selector (a superset; each is still matched). */
  candidates(selector: ReadonlyMap<string, string>): readonly PodState[];
  podsByName: ReadonlyMap<string, PodState>;
  endpoints: readonly EndpointsObject[];
  slices: readonly EndpointSliceObject[];
  clusterIPs: IpInfo[];
  /** IP families the Service's endpoints are published for. */
  families: Family[];
}

export function serviceType(o: ServiceObject): ServiceType {
  return (SERVICE_TYPES.has(o.spec.type) ? o.spec.type : 'ClusterIP') as ServiceType;
}

export function isHeadless(o: ServiceObject): boolean {
  return o.spec.clusterIP?.value === 'None' || (o.spec.clusterIP === undefined && o.spec.clusterIPs[0]?.value === 'None');
}

const selectors = new WeakMap<ServiceObject, ReadonlyMap<string, string> | null>();

/** The selector the controller uses: none when absent or empty. One map per Service object (do not modify it). */
export function selectorOf(o: ServiceObject): ReadonlyMap<string, string> | undefined {
  const known = selectors.get(o);
  if (known !== undefined) return known ?? undefined;
  let m: Map<string, string> | null = null;
  if (o.spec.selector && o.spec.selector.length > 0) {
    m = new Map<string, string>();
    for (const l of o.spec.selector) m.set(l.key, l.value);
  }
  selectors.set(o, m);
  return m ?? undefined;
}

function samePorts(a: readonly EndpointPortState[], b: readonly EndpointPortState[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].port !== b[i].port || a[i].protocol !== b[i].protocol) return false;
  return true;
}

export function servicePorts(o: ServiceObject): EndpointPortState[] {
  return o.spec.ports.filter((p) => p.port).map((p) => ({ name: p.name?.value, port: p.port!.value, protocol: p.protocol }));
}

/** What FindPort finds in a pod spec, for every pod of that spec: the number, and for a named port its container. */
type PortMatch = Omit<ResolvedTargetPort, 'pod'>;

/** podutil.FindPort: the container port a Service port's targetPort means for the pods of one spec (in `file`). */
function portIn(spec: PodState['spec'], file: string, sp: ServicePort): PortMatch {
  const tp = sp.targetPort?.value ?? sp.port?.value;
  if (typeof tp === 'number') return { servicePort: sp, port: tp };
  if (typeof tp === 'string') {
    for (const sidecarPass of [false, true]) {
      for (const c of spec.containers) {
        if (sidecarPass ? !c.sidecar : c.init) continue;
        for (const cp of c.ports) {
          if (cp.name?.value === tp && cp.protocol === sp.protocol && cp.containerPort) {
            return { servicePort: sp, port: cp.containerPort.value, containerName: c.name?.value, span: span(file, cp.loc) };
          }
        }
      }
    }
  }
  return { servicePort: sp };
}

/** A match for one pod, shaped as FindPort's answer always was (no `port` key when nothing matched). */
function forPod(m: PortMatch, pod: PodState): ResolvedTargetPort {
  if (m.port === undefined) return { servicePort: m.servicePort, pod };
  if (m.span === undefined) return { servicePort: m.servicePort, pod, port: m.port };
  return { servicePort: m.servicePort, pod, port: m.port, containerName: m.containerName, span: m.span };
}

export function computeServiceState(inp: ServiceInputs): ServiceState {
  const o = inp.object;
  const name = o.meta.name!.value;
  const type = serviceType(o);
  const selector = selectorOf(o);
  const st: ServiceState = {
    namespace: inp.namespace,
    name,
    object: o,
    builtin: false,
    type,
    headless: type !== 'ExternalName' && isHeadless(o),
    clusterIPs: type === 'ExternalName' ? [] : inp.clusterIPs,
    ports: servicePorts(o),
    externalName: type === 'ExternalName' ? o.spec.externalName?.value : undefined,
    selector,
    publishNotReadyAddresses: o.spec.publishNotReadyAddresses,
    selectedPods: [],
    endpoints: [],
    ignoredSources: [],
    sources: [],
    unmirrored: [],
    targetPorts: [],
    span: span(o.file, o.loc),
    nameSpan: span(o.file, o.meta.name!),
  };
  if (type === 'ExternalName') {
    for (const e of inp.endpoints) st.ignoredSources.push({ object: e, reason: 'an ExternalName Service has no endpoints: DNS answers with a CNAME' });
    for (const s of inp.slices) st.ignoredSources.push({ object: s, reason: 'an ExternalName Service has no endpoints: DNS answers with a CNAME' });
    return fitLists(st);
  }

  if (selector) {
    // The pods of one template (replicas share their spec) resolve the same ports: FindPort runs once
    // per spec, the replicas share its matches (and their spans) and one list of endpoint ports.
    const numbered = o.spec.ports.filter((p) => p.port);
    let lastSpec: PodState['spec'] | undefined;
    let matches: PortMatch[] = [];
    let endpointPorts: EndpointPortState[] = EMPTY;
    for (const pod of inp.candidates(selector)) {
      if (!matchesMap(selector, pod.labels)) continue;
      st.selectedPods.push(pod);
      // a spec belongs to one object (the pod, or the workload whose template it is): one file
      if (pod.spec !== lastSpec) {
        lastSpec = pod.spec;
        const file = pod.declared?.file ?? pod.workload!.file;
        matches = numbered.map((p) => portIn(pod.spec, file, p));
        const ports: EndpointPortState[] = [];
        for (const m of matches) {
          if (m.port !== undefined) ports.push({ name: m.servicePort.name?.value, port: m.port, protocol: m.servicePort.protocol });
        }
        if (!samePorts(endpointPorts, ports)) endpointPorts = fit(ports);
      }
      for (const m of matches) st.targetPorts.push(forPod(m, pod));
      if (pod.ips.length === 0) continue;
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      const ready = o.spec.publishNotReadyAddresses || (pod.ready && !pod.terminating);
      const hostname = pod.hostname && pod.subdomain === name ? pod.hostname : undefined;
      for (const ip of pod.ips) {
        if (!inp.families.includes(ip.family)) continue;
        st.endpoints.push({
          ip: ip.ip,
          family: ip.family,
          hostname,
          ready,
          serving: pod.ready,
          terminating: pod.terminating,
          pod,
          targetRefKind: 'Pod',
          targetRefName: pod.name,
          ports: endpointPorts,
          source: CONTROLLER,
          simulated: ip.simulated,
        });
      }
    }
    for (const e of inp.endpoints) {
      st.ignoredSources.push({
        object: e,
        reason: `Service "${name}" has a selector, so the endpoints controller owns the Endpoints of that name and replaces what is written here`,
      });
    }
  } else {
    for (const e of inp.endpoints) {
      if (e.rejected) continue;
      if (e.meta.labels.some((l) => l.key === 'endpointslice.kubernetes.io/skip-mirror' && l.value === 'true')) {
        st.ignoredSources.push({ object: e, reason: 'labelled endpointslice.kubernetes.io/skip-mirror=true: not mirrored to EndpointSlices, so DNS does not see it' });
        continue;
      }
      st.sources.push(e);
      for (const sub of e.endpoints.subsets) {
        const ports: EndpointPortState[] = sub.ports.filter((p) => p.port).map((p) => ({ name: p.name?.value, port: p.port!.value, protocol: p.protocol }));
        const { kept, skipped } = mirroredAddresses(sub);
        if (skipped) st.unmirrored.push({ object: e, subset: sub, total: kept.length + skipped, skipped });
        for (const { a, ip, family } of kept) {
          const refName = a.targetRef?.name?.value;
          const pod = a.targetRef && (a.targetRef.kind ?? 'Pod') === 'Pod' && refName ? inp.podsByName.get(refName) : undefined;
          st.endpoints.push({
            ip,
            family,
            hostname: a.hostname?.value,
            ready: a.ready,
            serving: a.ready,
            terminating: false,
            pod,
            targetRefKind: a.targetRef?.kind,
            targetRefName: refName,
            nodeName: a.nodeName,
            ports,
            source: { kind: 'Endpoints', object: e, span: span(e.file, a.loc) },
            simulated: false,
          });
        }
      }
    }
  }
  for (const s of inp.slices) {
    if (s.rejected) continue;
    const at = s.slice.addressType?.value;
    if (at !== 'IPv4' && at !== 'IPv6') {
      st.ignoredSources.push({ object: s, reason: `addressType ${at ?? '(missing)'}: CoreDNS only reads IPv4 and IPv6 EndpointSlices` });
      continue;
    }
    st.sources.push(s);
    const ports: EndpointPortState[] = s.slice.ports.filter((p) => p.port).map((p) => ({ name: p.name?.value, port: p.port!.value, protocol: p.protocol }));
    for (const ep of s.slice.endpoints) {
      const refName = ep.targetRef?.name?.value;
      const pod = ep.targetRef && (ep.targetRef.kind ?? 'Pod') === 'Pod' && refName ? inp.podsByName.get(refName) : undefined;
      for (const a of ep.addresses) {
        const ip = canonicalIp(a.value);
        const family = ip ? familyOf(ip) : undefined;
        if (!ip || !family) continue;
        st.endpoints.push({
          ip,
          family,
          hostname: ep.hostname?.value,
          // EndpointSlice API: a nil ready condition means ready
          ready: ep.ready ?? true,
          serving: ep.serving ?? ep.ready ?? true,
          terminating: ep.terminating ?? false,
          pod,
          targetRefKind: ep.targetRef?.kind,
          targetRefName: refName,
          nodeName: ep.nodeName,
          ports,
          source: { kind: 'EndpointSlice', object: s, span: span(s.file, ep.loc) },
          simulated: false,
        });
      }
    }
  }
  return fitLists(st);
}

/** The source of every endpoint the controller makes (one object: there are tens of thousands of them). */
const CONTROLLER: EndpointState['source'] = Object.freeze({ kind: 'controller' as const });

/** The state's lists, built by `push`, at their length (they live as long as the namespace's state). */
function fitLists(st: ServiceState): ServiceState {
  st.selectedPods = fit(st.selectedPods);
  st.endpoints = fit(st.endpoints);
  st.ignoredSources = fit(st.ignoredSources);
  st.sources = fit(st.sources);
  st.unmirrored = fit(st.unmirrored);
  st.targetPorts = fit(st.targetPorts);
  return st;
}

export type { EndpointState };

/**
 * Addresses the EndpointSliceMirroring controller copies from one subset of hand-written Endpoints
 * (kube-controller-manager `--mirroring-max-endpoints-per-subset`, default 1000).
 */
export const MIRRORED_PER_SUBSET = 1000;

export interface MirroredAddress {
  a: EndpointAddressInfo;
  ip: string;
  family: Family;
}

/**
 * What the mirroring controller makes of a subset: its valid addresses, ready ones first, at most
 * MIRRORED_PER_SUBSET of them; `skipped` valid addresses beyond that (the controller records an
 * AddressesSkipped event, and DNS never sees them). Invalid IPs are skipped without counting.
 */
export function mirroredAddresses(sub: EndpointSubsetInfo): { kept: MirroredAddress[]; skipped: number } {
  const kept: MirroredAddress[] = [];
  let skipped = 0;
  for (const ready of [true, false]) {
    for (const a of sub.addresses) {
      if (a.ready !== ready) continue;
      const ip = canonicalIp(a.ip.value);
      const family = ip ? familyOf(ip) : undefined;
      if (!ip || !family) continue;
      if (kept.length < MIRRORED_PER_SUBSET) kept.push({ a, ip, family });
      else skipped++;
    }
  }
  return { kept, skipped };
}
