import type { RelatedInfo } from '../../types';
import type { PodState } from '../../model/state';
import type { Check } from '../types';
import { apiRefusesService, fqdn } from '../support/describe';
import { isDuplicated } from '../support/duplicates';
import { spanOf } from '../support/podSources';

/** A Service whose selected pods are all not ready (as their written status says). */
export const notReadyOnly: Check = {
  code: 'not-ready-only',
  title: 'Service selects only pods that are not ready',
  help: 'DNS publishes only ready endpoints: a pod is one when its Ready condition is True and it is running and not terminating (or always, with publishNotReadyAddresses: true). When the status written for every selected pod says otherwise, the Service has no address in DNS: a headless Service does not resolve (NXDOMAIN), a ClusterIP Service resolves to its cluster IP but has no backend. Only pods whose status is written in the manifests count (pods simulated from workloads are assumed ready).',
  severity: 'information',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || !svc.selector || svc.type === 'ExternalName' || svc.publishNotReadyAddresses || apiRefusesService(o)) continue;
      if (isDuplicated(ctx, ns, o)) continue;
      if (svc.selectedPods.length === 0 || svc.endpoints.some((e) => e.ready)) continue;
      // only written status counts: simulated pods are ready by assumption
      if (!svc.selectedPods.every((p) => p.declared && p.declared.status.present)) continue;
      const name = fqdn(ctx, svc.name, ns.name, 'svc');
      const effect = svc.headless ? `${name} does not resolve (NXDOMAIN)` : `${name} resolves to its cluster IP, but it has no ready backend`;
      const related: RelatedInfo[] = svc.selectedPods.slice(0, 5).map((p) => ({
        span: spanOf(p.declared!.file, p.declared!.status.loc ?? p.declared!.loc),
        message: `Pod "${p.name}": ${why(p)}`,
      }));
      report({
        file: o.file,
        at: o.spec.selectorLoc ?? o.meta.name!,
        message: `${svc.selectedPods.length === 1 ? `The only pod Service "${svc.name}" selects is not ready` : `None of the ${svc.selectedPods.length} pods Service "${svc.name}" selects is ready`} (per the status written for ${svc.selectedPods.length === 1 ? 'it' : 'them'}): ${effect}`,
        related,
      });
    }
  },
};

function why(p: PodState): string {
  if (p.terminating) return 'terminating';
  if (p.phase !== 'Running') return `phase ${p.phase}`;
  if (p.ips.length === 0) return 'no pod IP';
  return 'Ready condition is not True';
}
