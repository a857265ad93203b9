// The StatefulSets of a namespace with what the rules about their governing Service need.
import type { WorkloadObject } from '../../manifest/objects';
import type { NamespaceState } from '../../model/state';
import { podSources, type PodSource } from './podSources';

export interface StatefulSetInfo {
  object: WorkloadObject;
  name: string;
  source: PodSource;
}

export function statefulSets(ns: NamespaceState): StatefulSetInfo[] {
  const out: StatefulSetInfo[] = [];
  for (const s of podSources(ns)) {
    const w = s.workload;
    if (!w || w.workload !== 'StatefulSet' || !w.meta.name) continue;
    out.push({ object: w, name: w.meta.name.value, source: s });
  }
  return out;
}

/** `web-0.nginx.default.svc.cluster.local` for the first pod (ordinals start included). */
export function firstPodName(st: StatefulSetInfo): string {
  return `${st.name}-${st.object.spec.ordinalsStart}`;
}
