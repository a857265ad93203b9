// Where the pods of a namespace are written: declared Pods, and pod templates of workloads. Checks
// about pod fields report once per place the field is written (a Deployment's template, not each of
// its replicas), and also look at templates that run no pod right now (replicas: 0).
import type { Loc, Span, Val } from '../../types';
import type { PodObject, PodSpecInfo, WorkloadObject } from '../../manifest/objects';
import { labelMap } from '../../manifest/labels';
import { fit } from '../../util/fit';
import type { NamespaceState, PodState } from '../../model/state';
import { kindAt } from '../../manifest/objects';

export interface PodSource {
  file: string;
  declared?: PodObject;
  workload?: WorkloadObject;
  spec: PodSpecInfo;
  /** The labels written on the Pod or the template (controller-added labels not included). */
  labels: ReadonlyMap<string, string>;
  labelsLoc?: Loc;
  /** Pods of the model that came from here (none for a template of a workload scaled to 0). */
  pods: PodState[];
  /** `Pod "pod4"`, `Deployment "web"`. */
  label: string;
  /** `Pod "pod4"`, `the pod template of Deployment "web"`. */
  what: string;
  /** The object's name (for spans when no field fits). */
  nameLoc: Loc;
  /** `metadata.namespace` as written, if any. */
  namespaceWritten?: Val<string>;
  /** The pod or template spec mapping. */
  specLoc: Loc;
}

/** One list per namespace state: the model builds a new state whenever the namespace's objects change. */
const cache = new WeakMap<NamespaceState, PodSource[]>();
const bySource = new WeakMap<NamespaceState, Map<PodState, PodSource>>();

/** Every place pods are written in a namespace, in file order: declared Pods, then workload templates. */
export function podSources(ns: NamespaceState): PodSource[] {
  let out = cache.get(ns);
  if (!out) cache.set(ns, (out = collect(ns)));
  return out;
}

/**
 * The sources some of `pods` came from, in podSources order: what `podSources(ns).filter((s) =>
 * s.pods.some((p) => pods.includes(p)))` gives, without visiting every source for every pod.
 */
export function sourcesOf(ns: NamespaceState, pods: readonly PodState[]): PodSource[] {
  const all = podSources(ns);
  let index = bySource.get(ns);
  if (!index) {
    index = new Map();
    for (const s of all) for (const p of s.pods) if (!index.has(p)) index.set(p, s);
    bySource.set(ns, index);
  }
  const hit = new Set<PodSource>();
  for (const p of pods) {
    const s = index.get(p);
    if (s) hit.add(s);
  }
  if (hit.size === 0) return [];
  return hit.size === 1 ? [...hit] : all.filter((s) => hit.has(s));
}

/** A PodSource whose phrases are made when a message asks for them (most sources never appear in one). */
class Source implements PodSource {
  constructor(
    readonly file: string,
    readonly declared: PodObject | undefined,
    readonly workload: WorkloadObject | undefined,
    readonly spec: PodSpecInfo,
    readonly labels: ReadonlyMap<string, string>,
    readonly labelsLoc: Loc | undefined,
    readonly pods: PodState[],
    /** The Pod's or the workload's name. */
    private readonly name: string,
    readonly nameLoc: Loc,
    readonly namespaceWritten: Val<string> | undefined,
    readonly specLoc: Loc,
  ) {}

  get label(): string {
    return this.workload ? `${this.workload.workload} "${this.name}"` : `Pod "${this.name}"`;
  }

  get what(): string {
    return this.workload ? `the pod template of ${this.label}` : this.label;
  }
}

function collect(ns: NamespaceState): PodSource[] {
  const out: PodSource[] = [];
  const byWorkload = new Map<WorkloadObject, PodState[]>();
  for (const p of ns.pods.values()) {
    if (p.declared) {
      const d = p.declared;
      out.push(new Source(d.file, d, undefined, d.spec, p.labels, d.meta.labelsLoc, [p], p.name, d.meta.name ?? d.meta.generateName ?? kindAt(d), d.meta.namespace, d.spec.loc));
    } else if (p.workload) {
      let l = byWorkload.get(p.workload);
      if (!l) byWorkload.set(p.workload, (l = []));
      l.push(p);
    }
  }
  for (const w of ns.workloads) {
    const t = w.spec.template;
    if (!t || !w.meta.name) continue;
    out.push(new Source(w.file, undefined, w, t.spec, labelMap(t.labels), t.labelsLoc, fit(byWorkload.get(w) ?? []), w.meta.name.value, w.meta.name, w.meta.namespace, t.spec.loc));
  }
  return out;
}

/** The controller sets hostname and subdomain itself (StatefulSet: pod name / serviceName). */
export function controllerSetsIdentity(s: PodSource): boolean {
  return s.workload?.workload === 'StatefulSet';
}

/** Labels controllers add to the pods they create: never part of what a user writes in a selector fix. */
export const CONTROLLER_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

/**
 * The labels that identify a source's pods, for a selector: the workload's own matchLabels when it
 * has a plain selector (the template may carry version labels that change), else the written labels.
 */
export function identityLabels(s: PodSource): Map<string, string> {
  const sel = s.workload?.spec.selector;
  if (sel && sel.matchExpressions.length === 0 && sel.matchLabels.length > 0) return labelMap(sel.matchLabels);
  const out = new Map<string, string>();
  for (const [k, v] of s.labels) if (!CONTROLLER_LABELS.has(k)) out.set(k, v);
  return out;
}

export function spanOf(file: string, loc: Loc): Span {
  return { file, start: loc.start, end: loc.end };
}
