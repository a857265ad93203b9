import type { K8sObject } from '../../manifest/objects';
import type { RelatedInfo } from '../../types';
import { selectorOf } from '../../model/endpoints';
import { labelMap, matchesMap } from '../../manifest/labels';
import type { NamespaceState } from '../../model/state';
import type { Check, CheckContext } from '../types';
import { apiRefusesService, cap, fmtLabels } from '../support/describe';
import { serviceDefinitions } from '../support/duplicates';
import { podSources, spanOf, type PodSource } from '../support/podSources';
import { refusedIndex } from '../support/refused';

/**
 * A Service with a selector that no pod or pod template in its namespace carries.
 *
 * Decisions:
 *  - A template of a workload that runs no pod right now (`replicas: 0`, or one whose pods are written
 *    out as Pods of their own) counts as a match: scaling to zero is deliberate (HPA, KEDA, a paused
 *    environment) and the selector is right — the Service just has no endpoints until pods run.
 *  - A Service whose EndpointSlices are written out (a cluster dump, a test fixture) has endpoints
 *    without its pods being in the workspace: the slices stand for the pods, as written-out Pods stand
 *    for a workload's replicas. Not reported.
 *  - When a custom resource in the namespace is named like a selector value (CloudNativePG `Cluster`,
 *    `LeaderWorkerSet`, `RedisFailover`, Prometheus…), its operator most likely creates the pods: the
 *    finding is a hint that says so, not a warning.
 *  - A Service defined more than once is reported only when no definition's selector matches anything.
 *  - When a Pod or workload the API server refuses carries the labels, its refusal (reported by API
 *    validation) is what to fix: not reported.
 *  - In kube-system, a selector for the control plane's own pods (kubeadm's static pods
 *    `component: kube-scheduler`…, `k8s-app: kube-dns` / `kube-proxy`) matches pods every cluster runs.
 */
export const selectorMatchesNoPod: Check = {
  code: 'selector-matches-no-pod',
  title: 'Service selector matches no pod or pod template',
  help: 'A Service with a selector gets its endpoints from the pods whose labels match every key=value of the selector, in the Service\'s namespace. When nothing matches, the Service has no endpoints: a headless Service has no DNS records at all (NXDOMAIN) and a ClusterIP Service resolves to its cluster IP but connections find no backend. Templates of workloads scaled to zero count as matches. When a custom resource is named like a selector value, the pods probably come from its operator: reported as a hint.',
  severity: 'warning',
  run(ctx, ns, report) {
    let sources: PodSource[] | undefined;
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || !svc.selector || svc.type === 'ExternalName' || apiRefusesService(o)) continue;
      if (svc.selectedPods.length > 0 || svc.endpoints.length > 0) continue;
      if (ns.name === 'kube-system' && selectsControlPlane(svc.selector)) continue;
      sources ??= podSources(ns);
      const srcs = sources;
      const selector = svc.selector;
      const matchesAny = (sel: ReadonlyMap<string, string>) => srcs.some((s) => matchesMap(sel, s.labels) || s.pods.some((p) => matchesMap(sel, p.labels)));
      if (matchesAny(selector)) continue;
      // pods the API server refuses (or a refused workload's template) carry the labels: their refusal is the finding
      if (refusedPodsMatch(ctx, ns, selector)) continue;
      // another definition of the Service whose selector matches: which one wins decides, not reported
      if (serviceDefinitions(ctx, ns, svc.name).some((d) => d !== o && (!selectorOf(d) || matchesAny(selectorOf(d)!)))) continue;
      const operator = operatorResource(ctx, ns, selector);
      const related = closest(srcs, selector);
      if (operator) related.unshift({ span: spanOf(operator.file, operator.meta.name!), message: `${operator.kind} "${operator.meta.name!.value}"` });
      report({
        file: o.file,
        at: o.spec.selectorLoc ?? o.meta.name!,
        severity: operator ? 'hint' : undefined,
        message: operator
          ? `Service "${svc.name}" selects no pod written in the workspace (labels ${fmtLabels(selector)}): they are probably created by the operator of ${operator.kind} "${operator.meta.name!.value}"`
          : `Service "${svc.name}" selects no pod: no Pod or pod template in namespace "${ns.name}" has the labels ${fmtLabels(selector)}`,
        related: related.length ? related : undefined,
      });
    }
  },
};

/** Labels of the pods every kubeadm cluster runs in kube-system (static control-plane pods, CoreDNS, kube-proxy). */
const CONTROL_PLANE: Record<string, string[]> = {
  component: ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'],
  'k8s-app': ['kube-dns', 'kube-proxy'],
  tier: ['control-plane'],
};

function selectsControlPlane(selector: ReadonlyMap<string, string>): boolean {
  return [...selector].every(([k, v]) => CONTROL_PLANE[k]?.includes(v));
}

function refusedPodsMatch(ctx: CheckContext, ns: NamespaceState, selector: ReadonlyMap<string, string>): boolean {
  return refusedIndex(ctx, ns).podSources.some(
    (o) =>
      o.rejected &&
      ((o.type === 'Pod' && matchesMap(selector, labelMap(o.meta.labels))) || (o.type === 'Workload' && !!o.spec.template && matchesMap(selector, labelMap(o.spec.template.labels)))),
  );
}

/** Pods or templates that carry most of the selector, with what differs. */
function closest(sources: PodSource[], selector: ReadonlyMap<string, string>): RelatedInfo[] {
  const scored = sources.map((s) => ({ s, hits: [...selector].filter(([k, v]) => s.labels.get(k) === v).length })).filter((x) => x.hits > 0);
  const best = Math.max(0, ...scored.map((x) => x.hits));
  return scored
    .filter((x) => x.hits === best)
    .slice(0, 3)
    .map(({ s }) => {
      const diffs = [...selector]
        .filter(([k, v]) => s.labels.get(k) !== v)
        .map(([k, v]) => (s.labels.has(k) ? `${k}=${s.labels.get(k)} (selector wants ${v})` : `no label ${k} (selector wants ${v})`));
      return { span: spanOf(s.file, s.labelsLoc ?? s.nameLoc), message: `${cap(s.what)} has ${diffs.join(', ')}` };
    });
}

/** Custom resources that configure something (monitoring, routing, policy, certificates): no operator runs pods for them. */
const CONFIG_KINDS = new Set([
  'ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'ScrapeConfig', 'AlertmanagerConfig', 'PodMonitoring', 'ClusterPodMonitoring',
  'VirtualService', 'DestinationRule', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup', 'EnvoyFilter', 'WasmPlugin', 'ProxyConfig', 'Telemetry',
  'AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication',
  'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Middleware', 'MiddlewareTCP', 'TraefikService', 'TLSOption', 'TLSStore', 'ServersTransport', 'ServersTransportTCP',
  'Certificate', 'CertificateRequest', 'Issuer', 'ClusterIssuer', 'ManagedCertificate', 'BackendConfig', 'FrontendConfig', 'HealthCheckPolicy', 'GCPBackendPolicy', 'GCPGatewayPolicy',
  'Application', 'ApplicationSet', 'AppProject', 'HTTPProxy',
]);

/** A custom resource (not of a built-in API group) of a kind that may run pods through an operator. */
function isCustomResource(o: K8sObject): boolean {
  if (o.type !== 'Other' || CONFIG_KINDS.has(o.kind)) return false;
  const av = o.apiVersion;
  const slash = av.indexOf('/');
  if (slash < 0) return false;
  const group = av.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

/** A custom resource of the namespace named like one of the selector's values. */
function operatorResource(ctx: CheckContext, ns: NamespaceState, selector: ReadonlyMap<string, string>): K8sObject | undefined {
  const values = new Set(selector.values());
  return customResources(ctx, ns).find((o) => !!o.meta.name && values.has(o.meta.name.value));
}

const customResourceCache = new WeakMap<NamespaceState, K8sObject[]>();

/** The custom resources of a namespace, once per namespace state (asked per Service that selects nothing). */
function customResources(ctx: CheckContext, ns: NamespaceState): K8sObject[] {
  let l = customResourceCache.get(ns);
  if (!l) customResourceCache.set(ns, (l = ctx.model.objectsIn(ns.name).filter(isCustomResource)));
  return l;
}
