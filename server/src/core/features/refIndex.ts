// The reverse index of DNS names written in strings (env values, args, command, ConfigMap data) across
// every file of the workspace: which Service or Pod each one means, so "find references" need not scan.
// Built from the model in one pass; the caller keeps it until the model changes.
import type { ClusterModel } from '../model/cluster';
import type { K8sObject, StringRef } from '../manifest/objects';
import type { ResolvConf } from '../dns/search';
import type { Span } from '../types';
import { namespaceOf } from './locate';
import { nameMeant, namespaceResolvConf } from './names';

export interface RefHit {
  span: Span;
  ref: StringRef;
  object: K8sObject;
  /** The name the string means, fully qualified (no trailing dot). */
  fqdn: string;
}

export type RefIndex = Map<string, RefHit[]>;

export function serviceKey(namespace: string, name: string): string {
  return `svc\u0000${namespace}\u0000${name}`;
}

export function podKey(namespace: string, name: string): string {
  return `pod\u0000${namespace}\u0000${name}`;
}

/** The strings of an object that may name cluster DNS names. */
export function refsOf(o: K8sObject): readonly StringRef[] {
  if (o.type === 'Pod') return o.spec.refs;
  if (o.type === 'Workload') return o.spec.template?.spec.refs ?? [];
  if (o.type === 'ConfigMap') return o.refs;
  return [];
}

export function buildRefIndex(model: ClusterModel): RefIndex {
  const index: RefIndex = new Map();
  const confs = new Map<string, ResolvConf>();
  const add = (key: string, hit: RefHit) => {
    const l = index.get(key);
    if (l) l.push(hit);
    else index.set(key, [hit]);
  };
  const def = model.settings.defaultNamespace;
  for (const f of model.allFiles()) {
    for (const o of f.objects) {
      const refs = refsOf(o);
      if (!refs.length) continue;
      const ns = namespaceOf(o, def);
      let rc = confs.get(ns);
      if (!rc) confs.set(ns, (rc = namespaceResolvConf(model, ns)));
      for (const ref of refs) {
        const m = nameMeant(model, ref.name, rc);
        if (!m) continue;
        const hit: RefHit = { span: { file: f.file, start: ref.loc.start, end: ref.loc.end }, ref, object: o, fqdn: m.fqdn };
        if (m.kind === 'service') add(serviceKey(m.service.namespace, m.service.name), hit);
        for (const p of m.pods) add(podKey(p.namespace, p.name), hit);
      }
    }
  }
  return index;
}
