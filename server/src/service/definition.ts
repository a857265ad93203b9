// Go to definition ("go to endpoint"): from a Service to its Endpoints/EndpointSlices and the pods or
// pod templates it selects; from what names a Service (a subdomain, a StatefulSet's serviceName, an
// Endpoints/EndpointSlice, a DNS name in a string) to the Service; from a selector to the pods it
// matches; from a named targetPort to the container ports it resolves to; from a targetRef to the Pod.
import type { Location } from 'vscode-languageserver';
import { locate, type Located } from '../core/features/locate';
import { podSpan, podsClaimedBy, podsOfObject, servicesSelecting } from '../core/features/names';
import { meaningOf, serviceOf } from '../core/features/targets';
import type { ClusterModel } from '../core/model/cluster';
import { canonicalIp } from '../core/model/ipam';
import type { PodState, ServiceState } from '../core/model/state';
import { span, type Span } from '../core/types';
import { toOffset } from '../lsp/convert';
import type { Feature, Workspace } from './context';
import { locations } from './present';

export function definitionAt(ws: Workspace, uri: string, offset: number): Location[] {
  const file = ws.file(uri);
  if (!file) return [];
  const el = locate(file, offset, ws.model.settings.defaultNamespace);
  if (!el) return [];
  return locations(ws, definitionSpans(ws.model, el));
}

/** Where the element leads, most relevant first. */
export function definitionSpans(model: ClusterModel, el: Located): Span[] {
  switch (el.kind) {
    case 'service-name': {
      const svc = serviceOf(model, el);
      if (!svc || svc.object !== el.object) return [];
      return [...endpointObjects(svc), ...svc.selectedPods.map(podSpan)];
    }
    case 'selector': {
      if (el.object.type === 'Service') {
        const svc = serviceOf(model, el);
        return svc && svc.object === el.object ? svc.selectedPods.map(podSpan) : [];
      }
      return podsClaimedBy(model, el.object, el.namespace).map(podSpan);
    }
    case 'pod-label': {
      const k = el.label.key;
      const v = el.label.value;
      const out: Span[] = [];
      for (const p of podsOfObject(model, el.object, el.namespace)) {
        for (const s of servicesSelecting(model, p)) if (s.selector?.get(k) === v) out.push(s.nameSpan);
      }
      return out;
    }
    case 'pod-name':
    case 'workload-name': {
      const out: Span[] = [];
      for (const p of podsOfObject(model, el.object, el.namespace).slice(0, 1)) for (const s of servicesSelecting(model, p)) out.push(s.nameSpan);
      return out;
    }
    case 'hostname':
    case 'subdomain':
    case 'statefulset-service':
    case 'endpoints-name':
    case 'slice-service-label': {
      const name = el.kind === 'hostname' ? el.spec.subdomain?.value : undefined;
      const svc = name ? model.service(el.namespace, name) : serviceOf(model, el);
      return svc && !svc.builtin ? [svc.nameSpan] : [];
    }
    case 'endpoint-address':
    case 'endpoint-hostname': {
      const svc = serviceOf(model, el);
      const out: Span[] = [];
      const ips = new Set((el.kind === 'endpoint-address' ? [el.ip] : el.ips).map((v) => canonicalIp(v.value) ?? v.value));
      for (const e of svc?.endpoints ?? []) {
        if (e.source.kind !== 'controller' && e.source.object === el.object && ips.has(e.ip) && e.pod) out.push(podSpan(e.pod));
      }
      if (!out.length) for (const ip of ips) for (const p of model.podsByIP(ip)) out.push(podSpan(p));
      if (svc && !svc.builtin) out.push(svc.nameSpan);
      return out;
    }
    case 'target-ref': {
      const name = el.ref.name?.value;
      const pod = name && (el.ref.kind ?? 'Pod') === 'Pod' ? model.pod(el.ref.namespace || el.namespace, name) : undefined;
      return pod ? [podSpan(pod)] : [];
    }
    case 'target-port':
    case 'service-port-name': {
      const svc = serviceOf(model, el);
      if (!svc || svc.object !== el.object) return [];
      return containerPorts(svc, el.port);
    }
    case 'container-port': {
      const pods = podsOfObject(model, el.object, el.namespace);
      const out: Span[] = [];
      for (const svc of model.services(el.namespace)) {
        for (const r of svc.targetPorts) {
          if (!pods.includes(r.pod) || !r.span) continue;
          if (r.span.file === el.object.file && r.span.start === el.port.loc.start) out.push(portSpan(svc, r.servicePort) ?? svc.nameSpan);
        }
      }
      return out;
    }
    case 'string-ref': {
      const m = meaningOf(model, el);
      if (!m) return [];
      if (m.pods.length) return m.pods.map(podSpan);
      return m.kind === 'service' && !m.service.builtin ? [m.service.nameSpan] : [];
    }
    case 'namespace': {
      const decl = model.objectsIn(el.namespace).filter((o) => o.type === 'Namespace' && !o.rejected);
      return decl.map((o) => span(o.file, o.meta.name ?? o.loc));
    }
    default:
      return [];
  }
}

/** The Endpoints/EndpointSlices of a Service (those DNS reads first, then the ignored ones). */
export function endpointObjects(svc: ServiceState): Span[] {
  const objs = [...svc.sources, ...svc.ignoredSources.map((i) => i.object)];
  return objs.map((o) => span(o.file, o.meta.name ?? o.loc));
}

/** The container ports a Service port's targetPort resolves to, in the selected pods. */
function containerPorts(svc: ServiceState, port: ServiceState['targetPorts'][number]['servicePort']): Span[] {
  const out: Span[] = [];
  const tp = port.targetPort?.value ?? port.port?.value;
  for (const r of svc.targetPorts) {
    if (r.servicePort !== port) continue;
    if (r.span) out.push(r.span);
    else if (typeof tp === 'number') out.push(...numberedPorts(r.pod, tp, port.protocol));
  }
  return out;
}

function numberedPorts(pod: PodState, n: number, protocol: string): Span[] {
  const file = pod.declared?.file ?? pod.workload?.file;
  if (!file) return [];
  const out: Span[] = [];
  for (const c of pod.spec.containers) for (const cp of c.ports) if (cp.containerPort?.value === n && cp.protocol === protocol) out.push(span(file, cp.containerPort));
  return out;
}

function portSpan(svc: ServiceState, p: ServiceState['targetPorts'][number]['servicePort']): Span | undefined {
  if (!svc.object) return undefined;
  const at = p.targetPort ?? p.name ?? p.port;
  return at ? span(svc.object.file, at) : undefined;
}

export const definition: Feature = {
  capabilities(caps) {
    caps.definitionProvider = true;
  },
  register({ index, connection }) {
    connection.onDefinition((p) => {
      const f = index.file(p.textDocument.uri);
      if (!f) return null;
      return definitionAt(index, p.textDocument.uri, toOffset(f, p.position));
    });
  },
  warm(ws, sample) {
    definitionAt(ws, sample.uri, sample.offset);
  },
};
