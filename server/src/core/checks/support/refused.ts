// The objects of a namespace the API server refuses, indexed once per namespace state: rules ask about
// them per Service, and a scan of every object per Service made a namespace of 10,000 Services take
// half a minute to check (100,000: never finished).
import type { K8sObject } from '../../manifest/objects';
import type { NamespaceState } from '../../model/state';
import type { CheckContext } from '../types';

interface RefusedIndex {
  /** `type/name` → refused objects. */
  byName: Map<string, K8sObject[]>;
  /** Service names refused EndpointSlices are labelled for. */
  sliceServices: Set<string>;
  /** Refused Pods and workloads (with their templates). */
  podSources: K8sObject[];
}

const cache = new WeakMap<NamespaceState, RefusedIndex>();

export function refusedIndex(ctx: CheckContext, ns: NamespaceState): RefusedIndex {
  let ix = cache.get(ns);
  if (ix) return ix;
  ix = { byName: new Map(), sliceServices: new Set(), podSources: [] };
  for (const o of ctx.model.objectsIn(ns.name)) {
    if (!o.rejected) continue;
    const name = o.meta.name?.value;
    if (name !== undefined) {
      const k = `${o.type}/${name}`;
      const l = ix.byName.get(k);
      if (l) l.push(o);
      else ix.byName.set(k, [o]);
    }
    if (o.type === 'EndpointSlice' && o.slice.serviceName) ix.sliceServices.add(o.slice.serviceName.value);
    if (o.type === 'Pod' || o.type === 'Workload') ix.podSources.push(o);
  }
  cache.set(ns, ix);
  return ix;
}
