// Objects defined more than once (same kind, namespace and name). The model keeps the first definition
// by file order; applying the workspace would keep the last applied. A finding that rests on which
// definition wins is not true of the workspace, so rules ask here before concluding from a duplicated
// object, and conclude only what holds for every definition.
import type { K8sObject, ServiceObject } from '../../manifest/objects';
import type { NamespaceState } from '../../model/state';
import type { CheckContext } from '../types';

const cache = new WeakMap<NamespaceState, Map<string, K8sObject[]>>();
/** Per namespace state: its accepted, named objects, and those of them that have another definition. */
const duplicated = new WeakMap<NamespaceState, { members: Set<K8sObject>; dups: Set<K8sObject> }>();

/** Kinds that are one resource whatever the API group version (`apps/v1` and `extensions/v1beta1` Deployments). */
export function kindKey(o: K8sObject): string {
  return o.type === 'Workload' ? o.workload : o.type === 'Other' ? `Other:${o.kind.value}` : o.type;
}

export function objectOrder(a: K8sObject, b: K8sObject): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.doc !== b.doc) return a.doc - b.doc;
  return (a.item ?? -1) - (b.item ?? -1);
}

/** Every accepted, named object of the namespace by `kind/name`, each list in file order. */
export function definitions(ctx: CheckContext, ns: NamespaceState): Map<string, K8sObject[]> {
  let m = cache.get(ns);
  if (m) return m;
  m = new Map();
  for (const o of ctx.model.objectsIn(ns.name)) {
    if (o.rejected || !o.meta.name || o.type === 'Namespace') continue;
    const k = `${kindKey(o)}/${o.meta.name.value}`;
    const l = m.get(k);
    if (l) l.push(o);
    else m.set(k, [o]);
  }
  const dups = new Set<K8sObject>();
  const members = new Set<K8sObject>();
  for (const l of m.values()) {
    for (const o of l) members.add(o);
    if (l.length > 1) {
      l.sort(objectOrder);
      for (const o of l) dups.add(o);
    }
  }
  cache.set(ns, m);
  duplicated.set(ns, { members, dups });
  return m;
}

export function isDuplicated(ctx: CheckContext, ns: NamespaceState, o: K8sObject | undefined): boolean {
  if (!o || !o.meta.name) return false;
  let d = duplicated.get(ns);
  if (!d) {
    definitions(ctx, ns);
    d = duplicated.get(ns)!;
  }
  // one of the namespace's definitions: known; anything else is looked up by kind and name
  if (d.members.has(o)) return d.dups.has(o);
  return (definitions(ctx, ns).get(`${kindKey(o)}/${o.meta.name.value}`)?.length ?? 0) > 1;
}

/** Every accepted definition of the Service `name` (usually one). */
export function serviceDefinitions(ctx: CheckContext, ns: NamespaceState, name: string): ServiceObject[] {
  return (definitions(ctx, ns).get(`Service/${name}`) ?? []) as ServiceObject[];
}

/** Does `pred` hold for every definition of the Service `name`? (True when there is one definition and it holds.) */
export function everyServiceDefinition(ctx: CheckContext, ns: NamespaceState, name: string, pred: (o: ServiceObject) => boolean): boolean {
  const defs = serviceDefinitions(ctx, ns, name);
  return defs.length > 0 && defs.every(pred);
}
