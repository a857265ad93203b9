// Pods of a namespace: the declared ones, and the ones the workload controllers would create from
// their templates (unless declared pods already stand for that workload).
import type { K8sObject, PodObject, WorkloadObject } from '../manifest/objects';
import { kindAt } from '../manifest/objects';
import { span } from '../types';
import { hash32 } from './ipam';
import { labelMap, matchesMap, matchesSelector } from '../manifest/labels';
import type { PodState } from './state';

/** Pods simulated for one workload at most; the checks say so when a workload asks for more. */
export const MAX_SIMULATED_REPLICAS = 10_000;

/** The alphabet of generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic stand-in for the random suffix the API server appends to generateName. */
export function nameSuffix(seed: string, length = 5): string {
  let out = '';
  let h = hash32(seed);
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % 6 === 0) h = hash32(`${seed}#${i}`);
    out += SAFE[h % SAFE.length];
    h = Math.floor(h / SAFE.length);
  }
  return out;
}

/** Does declared pod `p` stand for (some of) workload `w`'s pods? */
function belongsTo(p: PodObject, w: WorkloadObject, podLabels: ReadonlyMap<string, string>): boolean {
  const wname = w.meta.name?.value;
  if (!wname) return false;
  for (const o of p.meta.ownerReferences) {
    if (o.kind === w.workload && o.name === wname) return true;
    if (w.workload === 'Deployment' && o.kind === 'ReplicaSet' && o.name.startsWith(`${wname}-`)) return true;
    if (w.workload === 'CronJob' && o.kind === 'Job' && o.name.startsWith(`${wname}-`)) return true;
  }
  const sel = w.spec.selector;
  if (!sel) return false;
  if (w.workload === 'ReplicationController') {
    return matchesMap(labelMap(sel.matchLabels), podLabels);
  }
  if (sel.matchLabels.length === 0 && sel.matchExpressions.length === 0) return false;
  return matchesSelector(sel, podLabels);
}

/** Is `w` represented by another declared workload it owns (a ReplicaSet of a Deployment, a Job of a CronJob)? */
function ownedByDeclared(w: WorkloadObject, all: readonly WorkloadObject[]): boolean {
  const name = w.meta.name?.value;
  if (!name) return false;
  const childKind = w.workload === 'Deployment' ? 'ReplicaSet' : w.workload === 'CronJob' ? 'Job' : undefined;
  if (!childKind) return false;
  return all.some((c) => c !== w && c.workload === childKind && c.meta.ownerReferences.some((o) => o.kind === w.workload && o.name === name));
}

export function declaredPodState(p: PodObject, namespace: string): PodState | undefined {
  const name = p.meta.name?.value ?? (p.meta.generateName ? p.meta.generateName.value + nameSuffix(`${namespace}/${p.meta.generateName.value}/${p.file}/${p.doc}`) : undefined);
  if (!name) return undefined;
  const st = p.status;
  const phase = st.phase ?? (st.present && st.podIPs.length === 0 ? 'Pending' : 'Running');
  const ready = st.ready ?? phase === 'Running';
  return {
    namespace,
    name,
    declared: p,
    labels: labelMap(p.meta.labels),
    spec: p.spec,
    hostname: p.spec.hostname?.value,
    subdomain: p.spec.subdomain?.value,
    ips: [], // filled by the model (declared status IPs, else simulated)
    phase,
    ready,
    readySimulated: st.ready === undefined,
    terminating: p.meta.deleting,
    hostNetwork: p.spec.hostNetwork,
    span: span(p.file, p.loc),
    nameSpan: span(p.file, p.meta.name ?? p.meta.generateName ?? kindAt(p)),
  };
}

/** Pods the controllers would run for workload `w` (none when declared pods or a declared child stand for it). */
export function simulatedPods(
  w: WorkloadObject,
  namespace: string,
  declared: readonly PodState[],
  workloads: readonly WorkloadObject[],
  nodes: number,
): PodState[] {
  const wname = w.meta.name?.value;
  const tpl = w.spec.template;
  // at most MAX_SIMULATED_REPLICAS pods per workload (2^31 - 1 replicas is a valid manifest)
  const replicas = Math.min(w.workload === 'DaemonSet' ? nodes : w.spec.replicas, MAX_SIMULATED_REPLICAS);
  if (!wname || !tpl || replicas <= 0) return [];
  if (declared.some((p) => p.declared && belongsTo(p.declared, w, p.labels))) return [];
  if (ownedByDeclared(w, workloads)) return [];
  const out: PodState[] = [];
  const base = labelMap(tpl.labels);
  // Pods with the same labels share one (read-only) map: replicas of a Deployment, ReplicaSet or Job.
  const withLabels = (extra: readonly (readonly [string, string])[]): ReadonlyMap<string, string> => {
    if (extra.length === 0) return base;
    const labels = new Map(base);
    for (const [k, v] of extra) labels.set(k, v);
    return labels;
  };
  const podSpan = span(w.file, tpl.loc);
  const nameSpan = span(w.file, w.meta.name ?? kindAt(w));
  const make = (name: string, labels: ReadonlyMap<string, string>, hostname: string | undefined, subdomain: string | undefined, ordinal?: number): PodState => {
    return {
      namespace,
      name,
      workload: w,
      ordinal,
      labels,
      spec: tpl.spec,
      hostname,
      subdomain,
      ips: [],
      phase: 'Running',
      ready: true,
      readySimulated: true,
      terminating: false,
      hostNetwork: tpl.spec.hostNetwork,
      span: podSpan,
      nameSpan,
    };
  };
  const tplHost = tpl.spec.hostname?.value;
  const tplSub = tpl.spec.subdomain?.value;
  const seed = `${namespace}/${w.workload}/${wname}`;
  // names joined, not concatenated: a concatenation is a V8 rope of ropes (four nodes of 32 bytes and
  // their parts for a Deployment's pod), kept as long as the pod; joined, one flat string
  switch (w.workload) {
    case 'StatefulSet': {
      const svc = w.spec.serviceName?.value || undefined;
      for (let i = 0; i < replicas; i++) {
        const ord = w.spec.ordinalsStart + i;
        const name = [wname, ord].join('-');
        const labels = withLabels([
          ['statefulset.kubernetes.io/pod-name', name],
          ['apps.kubernetes.io/pod-index', String(ord)],
        ]);
        out.push(make(name, labels, name, svc, ord));
      }
      break;
    }
    case 'Deployment': {
      const hash = nameSuffix(`${seed}#template`, 10);
      const labels = withLabels([['pod-template-hash', hash]]);
      for (let i = 0; i < replicas; i++) {
        out.push(make([wname, hash, nameSuffix(`${seed}#${i}`)].join('-'), labels, tplHost, tplSub));
      }
      break;
    }
    case 'Job':
    case 'CronJob': {
      const job = w.workload === 'CronJob' ? `${wname}-${(hash32(`${seed}#schedule`) % 90000000) + 10000000}` : wname;
      const jobLabels: [string, string][] = [
        ['job-name', job],
        ['batch.kubernetes.io/job-name', job],
      ];
      const shared = withLabels(jobLabels);
      for (let i = 0; i < replicas; i++) {
        if (w.spec.indexed) {
          const labels = withLabels([...jobLabels, ['batch.kubernetes.io/job-completion-index', String(i)]]);
          out.push(make([job, i, nameSuffix(`${seed}#${i}`)].join('-'), labels, tplHost || [job, i].join('-'), tplSub, i));
        } else {
          out.push(make([job, nameSuffix(`${seed}#${i}`)].join('-'), shared, tplHost, tplSub));
        }
      }
      break;
    }
    default: {
      // ReplicaSet, ReplicationController, DaemonSet
      for (let i = 0; i < replicas; i++) {
        out.push(make([wname, nameSuffix(`${seed}#${i}`)].join('-'), base, tplHost, tplSub, w.workload === 'DaemonSet' ? i : undefined));
      }
    }
  }
  return out;
}

export function isWorkload(o: K8sObject): o is WorkloadObject {
  return o.type === 'Workload';
}
