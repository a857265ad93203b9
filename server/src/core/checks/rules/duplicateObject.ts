import type { K8sObject } from '../../manifest/objects';
import type { Check } from '../types';
import { plural } from '../support/describe';
import { spanOf } from '../support/podSources';
import { definitions } from '../support/duplicates';

/** Kinds whose duplicates change what DNS answers. */
const DNS_KINDS = new Set<K8sObject['type']>(['Service', 'Pod', 'Workload', 'Endpoints', 'EndpointSlice']);

/**
 * The same kind, namespace and name defined more than once in the workspace. Only kinds that make DNS
 * records are reported (Services, Pods, workloads, Endpoints, EndpointSlices): a duplicate ConfigMap or
 * Role changes nothing this extension shows. Only definitions in the same file are reported: a file is
 * always applied as a whole, so the second definition silently replaces the first; definitions in
 * different files are alternatives workspaces legitimately hold (environment folders, kustomize bases
 * and overlays, examples) — the hover says which one the model uses.
 */
export const duplicateObject: Check = {
  code: 'duplicate-object',
  title: 'Object defined more than once',
  help: 'Two definitions of the same object (kind, namespace, name) cannot both exist in a cluster: applied together, the one applied last replaces the others (`kubectl apply -f` on a folder applies files in name order). K8s DNS Lens models the first definition in file order and ignores the rest, so its DNS answers may differ from what applying the workspace would give. Reported on each later definition in the same file, for the kinds that make DNS records.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const list of definitions(ctx, ns)) {
      if (list.length < 2 || !DNS_KINDS.has(list[0].type)) continue;
      const first = list[0];
      for (const o of list.slice(1)) {
        if (o.file !== first.file) continue;
        const where = first.file === o.file ? 'earlier in this file' : `in ${baseName(first.file)}`;
        const model =
          o.type === 'Endpoints' || o.type === 'EndpointSlice'
            ? `K8s DNS Lens counts the addresses of every definition (the first is ${where})`
            : `this definition is ignored — DNS answers use the first one (${where})`;
        report({
          file: o.file,
          at: o.meta.name!,
          message: `${o.kind} "${o.meta.name!.value}" is defined ${plural(list.length, 'time')} in namespace "${ns.name}": ${model}; applied together, the one applied last would replace the others`,
          related: [{ span: spanOf(first.file, first.meta.name!), message: `first definition of ${o.kind} "${o.meta.name!.value}"` }],
        });
      }
    }
  },
};

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i >= 0 ? file.slice(i + 1) : file;
}
