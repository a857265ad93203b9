// `k8sDnsLens/fqdnAt`: the cluster DNS name for what is under the cursor (a Service, a pod's hostname
// name, an endpoint, a DNS name written in a string…) and the manifest's namespace, which the client
// uses as the default "ask from" namespace.
import { locate, type Located } from '../core/features/locate';
import { endpointFqdn, hostnameFqdn, podAddressNames, serviceFqdn, servicesSelecting } from '../core/features/names';
import { meaningOf, podsOf, serviceOf } from '../core/features/targets';
import type { Resolver } from '../core/dns/resolver';
import type { ClusterModel } from '../core/model/cluster';
import { canonicalIp } from '../core/model/ipam';
import type { PodState } from '../core/model/state';
import { toOffset } from '../lsp/convert';
import { FqdnAtRequestMethod, type FqdnAtParams, type FqdnAtResult } from '../protocol';
import type { Feature, Workspace } from './context';

export function fqdnAt(ws: Workspace, uri: string, offset: number): FqdnAtResult {
  const file = ws.file(uri);
  if (!file) return {};
  const el = locate(file, offset, ws.model.settings.defaultNamespace);
  if (!el) return {};
  const fqdn = fqdnOf(ws.model, ws.engine.resolver, el);
  return fqdn ? { fqdn, namespace: el.namespace } : { namespace: el.namespace };
}

/** The name of a pod others would use: its hostname name, else its address name. */
function podName(model: ClusterModel, p: PodState | undefined): string | undefined {
  if (!p) return undefined;
  return hostnameFqdn(model, p) ?? podAddressNames(model, p)[0]?.name;
}

export function fqdnOf(model: ClusterModel, resolver: Resolver, el: Located): string | undefined {
  switch (el.kind) {
    case 'service-port-name': {
      const svc = serviceOf(model, el);
      const p = el.port;
      return svc && p.name ? `_${p.name.value.toLowerCase()}._${p.protocol.toLowerCase()}.${serviceFqdn(model, svc.namespace, svc.name)}` : undefined;
    }
    case 'hostname':
    case 'subdomain':
    case 'statefulset-service': {
      const p = podsOf(model, el)[0];
      const fq = p && hostnameFqdn(model, p);
      if (fq) return fq;
      const svc = serviceOf(model, el);
      return svc ? serviceFqdn(model, svc.namespace, svc.name) : undefined;
    }
    case 'pod-name':
      return podName(model, podsOf(model, el)[0]);
    case 'workload-name': {
      const p = podsOf(model, el)[0];
      if (!p) return undefined;
      if (p.hostname && p.subdomain) return hostnameFqdn(model, p);
      const svc = servicesSelecting(model, p)[0];
      return svc ? serviceFqdn(model, svc.namespace, svc.name) : podName(model, p);
    }
    case 'endpoint-address':
    case 'endpoint-hostname': {
      const svc = serviceOf(model, el);
      const ips = new Set((el.kind === 'endpoint-address' ? [el.ip] : el.ips).map((v) => canonicalIp(v.value) ?? v.value));
      const e = svc?.endpoints.find((x) => x.source.kind !== 'controller' && x.source.object === el.object && ips.has(x.ip));
      return svc && e ? endpointFqdn(model, resolver, svc, e) : svc ? serviceFqdn(model, svc.namespace, svc.name) : undefined;
    }
    case 'target-ref': {
      const name = el.ref.name?.value;
      return podName(model, name ? model.pod(el.ref.namespace || el.namespace, name) : undefined);
    }
    case 'string-ref':
      return meaningOf(model, el)?.fqdn ?? el.ref.name;
    case 'namespace':
    case 'object':
    case 'container-port':
      return undefined;
    default: {
      const svc = serviceOf(model, el);
      return svc ? serviceFqdn(model, svc.namespace, svc.name) : undefined;
    }
  }
}

export const fqdnAtFeature: Feature = {
  register({ index, connection }) {
    connection.onRequest(FqdnAtRequestMethod, (p: FqdnAtParams) => {
      const f = index.file(p.uri);
      if (!f) return {};
      return fqdnAt(index, p.uri, toOffset(f, p.position));
    });
  },
};
