// Objects defined more than once (same kind, namespace and name). The model keeps the first definition
// by file order; applying the workspace would keep the last applied. A finding that rests on which
// definition wins is not true of the workspace, so rules ask here before concluding from a duplicated
// object, and conclude only what holds for every definition.
import type { K8sObject, ServiceObject } from '../../manifest/objects';
import type { NamespaceState } from '../../model/state';
import type { CheckContext } from '../types';

/**
 * Per namespace state: its accepted, named objects by kind then name (each list in file order), and
 * every list in the order its first object was met. Kind and name are two map levels, not one
 * `kind/name` key: a namespace of thousands of objects built a concatenated key per object.
 */
interface Definitions {
  byKind: Map<string, Map<string, K8sObject[]>>;
  lists: K8sObject[][];
}

const cache = new WeakMap<NamespaceState, Definitions>();

/** Kinds that are one resource whatever the API group version (`apps/v1` and `extensions/v1beta1` Deployments). */
export function kindKey(o: K8sObject): string {
  return o.type === 'Workload' ? o.workload : o.type === 'Other' ? `Other:${o.kind}` : o.type;
}

export function objectOrder(a: K8sObject, b: K8sObject): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.doc !== b.doc) return a.doc - b.doc;
  return (a.item ?? -1) - (b.item ?? -1);
}

function index(ctx: CheckContext, ns: NamespaceState): Definitions {
  let d = cache.get(ns);
  if (d) return d;
  d = { byKind: new Map(), lists: [] };
  for (const o of ctx.model.objectsIn(ns.name)) {
    if (o.rejected || !o.meta.name || o.type === 'Namespace') continue;
    const kind = kindKey(o);
    let byName = d.byKind.get(kind);
    if (!byName) d.byKind.set(kind, (byName = new Map()));
    const name = o.meta.name.value;
    const l = byName.get(name);
    if (l) l.push(o);
    else {
      const list = [o];
      byName.set(name, list);
      d.lists.push(list);
    }
  }
  for (const l of d.lists) if (l.length > 1) l.sort(objectOrder);
  cache.set(ns, d);
  return d;
}

/** Every accepted, named object of the namespace, one list per kind and name (each in file order). */
export function definitions(ctx: CheckContext, ns: NamespaceState): readonly K8sObject[][] {
  return index(ctx, ns).lists;
}

export function isDuplicated(ctx: CheckContext, ns: NamespaceState, o: K8sObject | undefined): boolean {
  if (!o || !o.meta.name) return false;
  // one of two definitions or more (`o` itself among them, or a refused object named like them)
  return (index(ctx, ns).byKind.get(kindKey(o))?.get(o.meta.name.value)?.length ?? 0) > 1;
}

const none: K8sObject[] = [];

/** Every accepted definition of the Service `name` (usually one). */
export function serviceDefinitions(ctx: CheckContext, ns: NamespaceState, name: string): ServiceObject[] {
  return (index(ctx, ns).byKind.get('Service')?.get(name) ?? none) as ServiceObject[];
}

/** Does `pred` hold for every definition of the Service `name`? (True when there is one definition and it holds.) */
export function everyServiceDefinition(ctx: CheckContext, ns: NamespaceState, name: string, pred: (o: ServiceObject) => boolean): boolean {
  const defs = serviceDefinitions(ctx, ns, name);
  return defs.length > 0 && defs.every(pred);
}
