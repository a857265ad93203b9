// The features run once on the workspace when the server falls idle after indexing, their answers
// dropped. V8 compiles a function the first time it runs and tunes its property accesses over the first
// calls: the first hover on a container port took 1.7–3.4 ms at 10,000 files and the next 0.3 ms, the
// first on a Service name 4.4 ms and then 0.7, and each kind of element runs its own code. Run here,
// that cost is paid at a moment nobody waits (a step per element, in the idle slices the index gives).
import { locate } from '../core/features/locate';
import type { K8sObject } from '../core/manifest/objects';
import { isHeadless, serviceType } from '../core/model/endpoints';
import type { Feature, WarmSample, Workspace } from './context';

/** Files looked at for samples: the first ones hold every kind of element a workspace usually has. */
const MAX_FILES = 100;
/**
 * Samples of each kind and variety of object, from different objects: one element of a kind does not
 * run every branch its answer can take (a StatefulSet's pod, a Deployment's, a bare Pod; a headless
 * Service, an ExternalName one).
 */
const PER_KIND = 4;

/** What makes objects of one kind answer through different code: a Service's type, a workload's kind. */
function variety(o: K8sObject): string {
  switch (o.type) {
    case 'Service':
      return `${serviceType(o)}${isHeadless(o) ? ' headless' : ''}${o.spec.selector ? '' : ' selectorless'}`;
    case 'Workload':
      return o.workload;
    case 'Pod':
      return `${o.spec.hostname ? 'hostname' : ''}${o.spec.subdomain ? ' subdomain' : ''}`;
    default:
      return '';
  }
}

/** The warm-up: samples gathered (a step per file), then each feature's `warm` once per sample (a step each). */
export function* warmUp(ws: Workspace, features: readonly Feature[], log?: (message: string) => void): Generator<void, void> {
  const t0 = performance.now();
  let busy = 0;
  const byKind = new Map<string, WarmSample[]>();
  let n = 0;
  for (const file of ws.model.allFiles()) {
    if (++n > MAX_FILES) break;
    for (const o of file.objects) {
      const kinds = new Set<string>();
      for (const offset of offsetsIn(o)) {
        const el = locate(file, offset, ws.model.settings.defaultNamespace);
        if (!el || el.kind === 'object' || kinds.has(el.kind)) continue;
        kinds.add(el.kind);
        const key = `${el.kind} ${variety(o)}`;
        const list = byKind.get(key) ?? [];
        if (list.length < PER_KIND) byKind.set(key, [...list, { uri: file.file, offset, kind: el.kind }]);
      }
    }
    yield;
  }
  const samples = [...byKind.values()].flat();
  let runs = 0;
  for (const f of features) {
    if (!f.warm) continue;
    for (const s of samples) {
      const t = performance.now();
      try {
        f.warm(ws, s);
      } catch {
        // a warm-up answer is dropped, and so is its failure (the request itself reports it)
      }
      busy += performance.now() - t;
      runs++;
      yield;
    }
  }
  const kinds = new Set(samples.map((x) => x.kind)).size;
  log?.(`warm-up: ${runs} requests on ${kinds} kinds of element (${byKind.size} with the varieties of their objects) in ${busy.toFixed(0)} ms (over ${(performance.now() - t0).toFixed(0)} ms of idle slices)`);
}

/** Start offsets of everything read with a location in an object (its values, keys and sections). */
export function offsetsIn(o: K8sObject): number[] {
  const out = new Set<number>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 12 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const r = v as Record<string, unknown>;
    if (typeof r.start === 'number' && typeof r.end === 'number') out.add(r.start);
    for (const k in r) if (k !== 'problems') walk(r[k], depth + 1);
  };
  walk(o, 0);
  return [...out].sort((a, b) => a - b);
}
