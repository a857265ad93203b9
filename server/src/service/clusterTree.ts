// `k8sDnsLens/clusterTree`: the cluster as a tree for the client's views — namespaces → Services →
// endpoints → pods, with DNS names, addresses, readiness, what is simulated, locations and the problems
// of each Service — plus the counters of the status bar.
import { podAddressNames, podSpan, serviceFqdn } from '../core/features/names';
import type { Problem } from '../core/types';
import type { EndpointState, PodState, ServiceState } from '../core/model/state';
import { ClusterTreeRequestMethod, type ClusterTreeResult, type ServiceKind, type TreeEndpoint, type TreeNamespace, type TreePod, type TreeService } from '../protocol';
import type { Feature, Workspace } from './context';
import { derived } from './derived';
import { location } from './present';

export function clusterStats(index: Workspace): ClusterTreeResult['stats'] {
  // counted without listing (this runs after every change)
  const { services, pods } = index.model.counts();
  return {
    services,
    pods,
    problems: index.engine.problemCount(index.settings.severity),
    files: index.model.fileCount,
    indexing: index.indexing,
  };
}

export function clusterTree(ws: Workspace): ClusterTreeResult {
  return derived(ws.model, 'clusterTree', () => buildTree(ws));
}

function buildTree(ws: Workspace): ClusterTreeResult {
  const model = ws.model;
  const resolver = ws.engine.resolver;
  const problemsByFile = new Map<string, Problem[]>();
  const problemsIn = (svc: ServiceState): TreeService['problems'] => {
    const o = svc.object;
    if (!o) return [];
    let list = problemsByFile.get(o.file);
    if (!list) problemsByFile.set(o.file, (list = ws.engine.problemsFor(o.file, ws.settings.severity)));
    return list.filter((p) => p.span.start >= o.loc.start && p.span.end <= o.loc.end).map((p) => ({ code: p.code, severity: p.severity, message: p.message }));
  };
  const podNode = (p: PodState, names: string[] = []): TreePod => {
    const dnsNames = [...names];
    for (const a of podAddressNames(model, p)) dnsNames.push(a.name);
    return {
      name: p.name,
      namespace: p.namespace,
      dnsNames,
      ips: p.ips.map((i) => i.ip),
      ready: p.ready && !p.terminating,
      simulated: !p.declared || p.ips.some((i) => i.simulated) || p.readySimulated,
      location: location(ws, podSpan(p)),
    };
  };
  const namespaces: TreeNamespace[] = [];
  for (const nsName of model.namespaces()) {
    const ns = model.namespace(nsName);
    if (!ns) continue;
    const inService = new Set<PodState>();
    const services: TreeService[] = [];
    for (const svc of [...ns.services.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const fqdn = serviceFqdn(model, svc.namespace, svc.name);
      const endpoints = svc.endpoints.map((e): TreeEndpoint => {
        if (e.pod) inService.add(e.pod);
        const dnsName = `${resolver.endpointHostname(e)}.${fqdn}`;
        return {
          ip: e.ip,
          dnsName,
          hostname: e.hostname,
          ready: e.ready,
          simulated: e.simulated,
          source: e.source.kind,
          ports: e.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
          pod: e.pod ? podNode(e.pod, e.hostname && e.ready ? [dnsName] : []) : undefined,
          location: location(ws, e.pod ? podSpan(e.pod) : sourceSpan(e)),
        };
      });
      for (const p of svc.selectedPods) inService.add(p);
      services.push({
        name: svc.name,
        namespace: svc.namespace,
        kind: kindOf(svc),
        fqdn,
        clusterIPs: svc.clusterIPs.map((c) => c.ip),
        externalName: svc.externalName,
        builtin: svc.builtin,
        simulated: svc.clusterIPs.some((c) => c.simulated),
        endpoints,
        problems: problemsIn(svc),
        location: svc.builtin ? undefined : location(ws, svc.nameSpan),
      });
    }
    // a pod no Service selects and no endpoint names has no hostname record: its address names only
    const otherPods: TreePod[] = [];
    for (const p of ns.pods.values()) if (!inService.has(p)) otherPods.push(podNode(p));
    namespaces.push({ name: nsName, declared: ns.declared, services, otherPods });
  }
  return { clusterDomain: model.settings.clusterDomain, dnsServiceIP: model.dnsServiceIP, namespaces, stats: clusterStats(ws) };
}

function kindOf(svc: ServiceState): ServiceKind {
  if (svc.type === 'ExternalName') return 'ExternalName';
  if (svc.headless) return 'Headless';
  return svc.type;
}

function sourceSpan(e: EndpointState) {
  return e.source.kind === 'controller' ? undefined : e.source.span;
}

export const clusterTreeFeature: Feature = {
  register({ index, connection }) {
    connection.onRequest(ClusterTreeRequestMethod, () => clusterTree(index));
  },
};
