// Find references: everything in the workspace that points at a Service (pod subdomains, StatefulSet
// serviceNames, Endpoints/EndpointSlices, DNS names in strings) or at a Pod (targetRefs, DNS names in
// strings). Strings are found through a reverse index built once per model state (core/features/refIndex).
import type { Location } from 'vscode-languageserver';
import { buildRefIndex, podKey, serviceKey, type RefIndex } from '../core/features/refIndex';
import { locate, type Located } from '../core/features/locate';
import { podSpan } from '../core/features/names';
import { podsOf, serviceOf } from '../core/features/targets';
import type { ClusterModel } from '../core/model/cluster';
import type { TargetRef } from '../core/manifest/objects';
import type { PodState, ServiceState } from '../core/model/state';
import { span, type Span } from '../core/types';
import { toOffset } from '../lsp/convert';
import type { Feature, Workspace } from './context';
import { derived } from './derived';
import { locations } from './present';

export function refIndex(model: ClusterModel): RefIndex {
  return derived(model, 'refIndex', () => buildRefIndex(model));
}

export function referencesAt(ws: Workspace, uri: string, offset: number, includeDeclaration = true): Location[] {
  const file = ws.file(uri);
  if (!file) return [];
  const el = locate(file, offset, ws.model.settings.defaultNamespace);
  if (!el) return [];
  return locations(ws, referenceSpans(ws.model, el, includeDeclaration));
}

/** What the element stands for (a Service, else pods), and everything pointing at it. */
export function referenceSpans(model: ClusterModel, el: Located, includeDeclaration: boolean): Span[] {
  const podElement = el.kind === 'pod-name' || el.kind === 'workload-name' || el.kind === 'hostname' || el.kind === 'target-ref';
  const svc = podElement ? undefined : serviceOf(model, el);
  if (svc) return serviceReferences(model, svc, includeDeclaration);
  let pods: PodState[] = podsOf(model, el);
  if (el.kind === 'target-ref' && el.ref.name) {
    const p = model.pod(el.ref.namespace || el.namespace, el.ref.name.value);
    pods = p ? [p] : [];
  }
  if (!podElement || !pods.length) return [];
  return podReferences(model, pods, includeDeclaration);
}

export function serviceReferences(model: ClusterModel, svc: ServiceState, includeDeclaration: boolean): Span[] {
  const out: Span[] = [];
  if (includeDeclaration && !svc.builtin) out.push(svc.nameSpan);
  const ns = model.namespace(svc.namespace);
  if (ns) {
    const specs = new Set<unknown>();
    for (const p of ns.pods.values()) {
      const sub = p.spec.subdomain;
      if (!sub || sub.value !== svc.name || specs.has(p.spec)) continue;
      specs.add(p.spec);
      out.push(span(p.declared?.file ?? p.workload!.file, sub));
    }
    for (const w of ns.workloads) if (w.spec.serviceName?.value === svc.name) out.push(span(w.file, w.spec.serviceName));
    for (const e of ns.endpoints) if (e.meta.name?.value === svc.name) out.push(span(e.file, e.meta.name));
    for (const s of ns.slices) if (s.slice.serviceName?.value === svc.name) out.push(span(s.file, s.slice.serviceName));
  }
  for (const hit of refIndex(model).get(serviceKey(svc.namespace, svc.name)) ?? []) out.push(hit.span);
  return out;
}

export function podReferences(model: ClusterModel, pods: PodState[], includeDeclaration: boolean): Span[] {
  const out: Span[] = [];
  const index = refIndex(model);
  if (includeDeclaration) for (const p of pods) out.push(p.declared ? p.nameSpan : podSpan(p));
  const names = new Set(pods.map((p) => `${p.namespace}/${p.name}`));
  for (const nsName of new Set(pods.map((p) => p.namespace))) {
    const ns = model.namespace(nsName);
    if (!ns) continue;
    const check = (file: string, r: TargetRef | undefined) => {
      if (r?.name && (r.kind ?? 'Pod') === 'Pod' && names.has(`${r.namespace || nsName}/${r.name.value}`)) out.push(span(file, r.name));
    };
    for (const e of ns.endpoints) for (const s of e.endpoints.subsets) for (const a of s.addresses) check(e.file, a.targetRef);
    for (const s of ns.slices) for (const x of s.slice.endpoints) check(s.file, x.targetRef);
  }
  for (const p of pods) for (const hit of index.get(podKey(p.namespace, p.name)) ?? []) out.push(hit.span);
  return out;
}

export const references: Feature = {
  capabilities(caps) {
    caps.referencesProvider = true;
  },
  register({ index, connection }) {
    connection.onReferences((p) => {
      const f = index.file(p.textDocument.uri);
      if (!f) return null;
      return referencesAt(index, p.textDocument.uri, toOffset(f, p.position), p.context.includeDeclaration);
    });
  },
};
