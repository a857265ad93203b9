// What is at an offset of a manifest: the element an editor feature (hover, definition, references,
// completion…) works on. Uses only the offsets kept on the objects read from the file (no re-parse).
//
// An element is the most specific thing under the offset: a Service's `metadata.name`, a pod's
// `hostname`, one label of a selector, a DNS name inside an env value (a StringRef)… An offset inside an
// object but on none of these is the object itself (`object`), so callers still learn its namespace.
import type {
  ConfigMapObject,
  Container,
  ContainerPort,
  EndpointsObject,
  EndpointSliceObject,
  K8sObject,
  Label,
  PodObject,
  PodSpecInfo,
  ServiceObject,
  ServicePort,
  StringRef,
  TargetRef,
  WorkloadObject,
} from '../manifest/objects';
import { labelKey, labelValue } from '../manifest/objects';
import type { Loc, Val } from '../types';

export type PodLike = PodObject | WorkloadObject;
export type EndpointsLike = EndpointsObject | EndpointSliceObject;

export type Element =
  /** `metadata.name` of a Service. */
  | { kind: 'service-name'; object: ServiceObject }
  /** `spec.externalName` of a Service. */
  | { kind: 'external-name'; object: ServiceObject }
  /** `targetPort` of a Service port. */
  | { kind: 'target-port'; object: ServiceObject; port: ServicePort }
  /** `name` of a Service port (its SRV name). */
  | { kind: 'service-port-name'; object: ServiceObject; port: ServicePort }
  /** A Service selector or a workload's `selector.matchLabels`: the whole block, or one label's key or value. */
  | { kind: 'selector'; object: ServiceObject | WorkloadObject; label?: Label; part?: 'key' | 'value' }
  /** One label of a Pod or of a workload's pod template. */
  | { kind: 'pod-label'; object: PodLike; label: Label; part: 'key' | 'value' }
  /** `metadata.name` of a Pod. */
  | { kind: 'pod-name'; object: PodObject }
  /** `metadata.name` of a Deployment, StatefulSet, Job… */
  | { kind: 'workload-name'; object: WorkloadObject }
  | { kind: 'hostname'; object: PodLike; spec: PodSpecInfo }
  | { kind: 'subdomain'; object: PodLike; spec: PodSpecInfo }
  /** StatefulSet `spec.serviceName`. */
  | { kind: 'statefulset-service'; object: WorkloadObject }
  /** `name` or `containerPort` of a container port. */
  | { kind: 'container-port'; object: PodLike; spec: PodSpecInfo; container: Container; port: ContainerPort }
  /** `metadata.name` of an Endpoints or EndpointSlice. */
  | { kind: 'endpoints-name'; object: EndpointsLike }
  /** The `kubernetes.io/service-name` label value of an EndpointSlice. */
  | { kind: 'slice-service-label'; object: EndpointSliceObject }
  /** An address of an Endpoints subset or EndpointSlice endpoint. */
  | { kind: 'endpoint-address'; object: EndpointsLike; ip: Val<string>; hostname?: Val<string>; targetRef?: TargetRef }
  /** The `hostname` of an endpoint. */
  | { kind: 'endpoint-hostname'; object: EndpointsLike; hostname: Val<string>; ips: Val<string>[]; targetRef?: TargetRef }
  /** The `name` of an endpoint's `targetRef`. */
  | { kind: 'target-ref'; object: EndpointsLike; ref: TargetRef }
  /** A cluster DNS name candidate inside a string (env value, args, command, ConfigMap data). */
  | { kind: 'string-ref'; object: PodLike | ConfigMapObject; ref: StringRef; spec?: PodSpecInfo }
  /** `metadata.namespace` of any object, or the name of a Namespace object. */
  | { kind: 'namespace'; object: K8sObject }
  /** Anywhere else inside an object. */
  | { kind: 'object'; object: K8sObject };

export type Located = Element & {
  /** Offsets of the element in the file (the whole object for `object`). */
  at: Loc;
  /** Namespace of the object (a Namespace object: the one it declares). */
  namespace: string;
};

/** Is `offset` inside `loc`? The end counts: a cursor right after a word is on it. */
export function inside(loc: Loc | undefined, offset: number): loc is Loc {
  return !!loc && loc.start <= offset && offset <= loc.end;
}

/** Namespace of an object as the model files it. */
export function namespaceOf(o: K8sObject, defaultNamespace: string): string {
  if (o.type === 'Namespace') return o.meta.name?.value ?? defaultNamespace;
  return o.meta.namespace?.value || defaultNamespace;
}

/** The innermost object of the file containing `offset` (a `List` item before the List's other parts). */
export function objectAt(file: { readonly objects: readonly K8sObject[] }, offset: number): K8sObject | undefined {
  const objects = file.objects;
  if (objects.length <= 16) {
    let best: K8sObject | undefined;
    for (const o of objects) {
      if (!inside(o.loc, offset)) continue;
      if (!best || o.loc.end - o.loc.start < best.loc.end - best.loc.start) best = o;
    }
    return best;
  }
  // many objects (a file of thousands of documents): binary search over them by start
  const ix = objectIndex(objects);
  let lo = 0;
  let hi = ix.order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (objects[ix.order[mid]].loc.start <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  let best = -1;
  for (let i = hi; i >= 0 && ix.maxEnd[i] >= offset; i--) {
    const k = ix.order[i];
    const o = objects[k];
    if (!inside(o.loc, offset)) continue;
    const size = o.loc.end - o.loc.start;
    const bestSize = best < 0 ? Infinity : objects[best].loc.end - objects[best].loc.start;
    // the smallest; among equals, the first in the file (as a scan in file order finds)
    if (size < bestSize || (size === bestSize && k < best)) best = k;
  }
  return best < 0 ? undefined : objects[best];
}

interface ObjectIndex {
  /** Indexes into the objects, by start offset. */
  order: number[];
  /** maxEnd[i]: the largest end among order[0..i] (no object before i reaches past it). */
  maxEnd: number[];
}

const objectIndexes = new WeakMap<readonly K8sObject[], ObjectIndex>();

function objectIndex(objects: readonly K8sObject[]): ObjectIndex {
  let ix = objectIndexes.get(objects);
  if (ix) return ix;
  const order = objects.map((_, i) => i).sort((a, b) => objects[a].loc.start - objects[b].loc.start || a - b);
  const maxEnd: number[] = [];
  let m = -1;
  for (const i of order) maxEnd.push((m = Math.max(m, objects[i].loc.end)));
  ix = { order, maxEnd };
  objectIndexes.set(objects, ix);
  return ix;
}

/** The element at `offset` of a file, or undefined outside every object. */
export function locate(file: { readonly objects: readonly K8sObject[] }, offset: number, defaultNamespace: string): Located | undefined {
  const o = objectAt(file, offset);
  if (!o) return undefined;
  const namespace = namespaceOf(o, defaultNamespace);
  const el = elementIn(o, offset);
  if (el) return { ...el.element, at: el.at, namespace } as Located;
  return { kind: 'object', object: o, at: o.loc, namespace };
}

interface Found {
  element: Element;
  at: Loc;
}

function found(element: Element, at: Loc): Found {
  return { element, at };
}

function elementIn(o: K8sObject, offset: number): Found | undefined {
  const m = o.meta;
  if (inside(m.namespace, offset)) return found({ kind: 'namespace', object: o }, m.namespace);
  switch (o.type) {
    case 'Service':
      return inService(o, offset);
    case 'Pod':
      if (inside(m.name, offset)) return found({ kind: 'pod-name', object: o }, m.name);
      return inLabels(o, o.meta.labels, offset) ?? inPodSpec(o, o.spec, offset);
    case 'Workload':
      return inWorkload(o, offset);
    case 'Endpoints':
    case 'EndpointSlice':
      return inEndpoints(o, offset);
    case 'Namespace':
      if (inside(m.name, offset)) return found({ kind: 'namespace', object: o }, m.name);
      return undefined;
    case 'ConfigMap':
      for (const ref of o.refs) if (inside(ref.loc, offset)) return found({ kind: 'string-ref', object: o, ref }, ref.loc);
      return undefined;
    default:
      return undefined;
  }
}

function inService(o: ServiceObject, offset: number): Found | undefined {
  const s = o.spec;
  if (inside(o.meta.name, offset)) return found({ kind: 'service-name', object: o }, o.meta.name);
  if (inside(s.externalName, offset)) return found({ kind: 'external-name', object: o }, s.externalName);
  if (inside(s.selectorLoc, offset)) {
    for (const l of s.selector ?? []) {
      const at = labelPart(l, offset);
      if (at) return found({ kind: 'selector', object: o, label: l, part: at.part }, at.loc);
    }
    return found({ kind: 'selector', object: o }, s.selectorLoc);
  }
  for (const p of s.ports) {
    if (!inside(p.loc, offset)) continue;
    if (inside(p.targetPort, offset)) return found({ kind: 'target-port', object: o, port: p }, p.targetPort);
    if (inside(p.name, offset)) return found({ kind: 'service-port-name', object: o, port: p }, p.name);
  }
  return undefined;
}

function inLabels(o: PodLike, labels: readonly Label[], offset: number): Found | undefined {
  for (const l of labels) {
    const at = labelPart(l, offset);
    if (at) return found({ kind: 'pod-label', object: o, label: l, part: at.part }, at.loc);
  }
  return undefined;
}

/** The part of a label (its key or its value) written at `offset`, and where. */
function labelPart(l: Label, offset: number): { part: 'key' | 'value'; loc: Loc } | undefined {
  const key = labelKey(l);
  if (inside(key, offset)) return { part: 'key', loc: key };
  const value = labelValue(l);
  if (inside(value, offset)) return { part: 'value', loc: value };
  return undefined;
}

function inPodSpec(o: PodLike, spec: PodSpecInfo, offset: number): Found | undefined {
  if (!inside(spec.loc, offset)) return undefined;
  if (inside(spec.hostname, offset)) return found({ kind: 'hostname', object: o, spec }, spec.hostname);
  if (inside(spec.subdomain, offset)) return found({ kind: 'subdomain', object: o, spec }, spec.subdomain);
  for (const ref of spec.refs) if (inside(ref.loc, offset)) return found({ kind: 'string-ref', object: o, ref, spec }, ref.loc);
  for (const c of spec.containers) {
    if (!inside(c.loc, offset)) continue;
    for (const p of c.ports) {
      if (!inside(p.loc, offset)) continue;
      if (inside(p.name, offset)) return found({ kind: 'container-port', object: o, spec, container: c, port: p }, p.name);
      if (inside(p.containerPort, offset)) return found({ kind: 'container-port', object: o, spec, container: c, port: p }, p.containerPort);
    }
  }
  return undefined;
}

function inWorkload(o: WorkloadObject, offset: number): Found | undefined {
  const s = o.spec;
  if (inside(o.meta.name, offset)) return found({ kind: 'workload-name', object: o }, o.meta.name);
  if (inside(s.serviceName, offset)) return found({ kind: 'statefulset-service', object: o }, s.serviceName);
  if (s.selector && inside(s.selector.loc, offset)) {
    for (const l of s.selector.matchLabels) {
      const at = labelPart(l, offset);
      if (at) return found({ kind: 'selector', object: o, label: l, part: at.part }, at.loc);
    }
    return found({ kind: 'selector', object: o }, s.selector.loc);
  }
  const t = s.template;
  if (t && inside(t.loc, offset)) return inLabels(o, t.labels, offset) ?? inPodSpec(o, t.spec, offset);
  return undefined;
}

function inEndpoints(o: EndpointsLike, offset: number): Found | undefined {
  if (inside(o.meta.name, offset)) return found({ kind: 'endpoints-name', object: o }, o.meta.name);
  if (o.type === 'Endpoints') {
    for (const sub of o.endpoints.subsets) {
      if (!inside(sub.loc, offset)) continue;
      for (const a of sub.addresses) {
        if (!inside(a.loc, offset)) continue;
        if (a.targetRef && inside(a.targetRef.name, offset)) return found({ kind: 'target-ref', object: o, ref: a.targetRef }, a.targetRef.name);
        if (inside(a.hostname, offset)) return found({ kind: 'endpoint-hostname', object: o, hostname: a.hostname, ips: [a.ip], targetRef: a.targetRef }, a.hostname);
        if (inside(a.ip, offset)) return found({ kind: 'endpoint-address', object: o, ip: a.ip, hostname: a.hostname, targetRef: a.targetRef }, a.ip);
      }
    }
    return undefined;
  }
  if (inside(o.slice.serviceName, offset)) return found({ kind: 'slice-service-label', object: o }, o.slice.serviceName);
  for (const ep of o.slice.endpoints) {
    if (!inside(ep.loc, offset)) continue;
    if (ep.targetRef && inside(ep.targetRef.name, offset)) return found({ kind: 'target-ref', object: o, ref: ep.targetRef }, ep.targetRef.name);
    if (inside(ep.hostname, offset)) return found({ kind: 'endpoint-hostname', object: o, hostname: ep.hostname, ips: ep.addresses, targetRef: ep.targetRef }, ep.hostname);
    for (const a of ep.addresses) {
      if (inside(a, offset)) return found({ kind: 'endpoint-address', object: o, ip: a, hostname: ep.hostname, targetRef: ep.targetRef }, a);
    }
  }
  return undefined;
}
