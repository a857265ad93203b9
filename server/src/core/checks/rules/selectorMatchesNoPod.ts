import type { Check } from '../types';

/** A Service with a selector that no pod or pod template in its namespace carries. */
export const selectorMatchesNoPod: Check = {
  code: 'selector-matches-no-pod',
  title: 'Service selector matches no pod or pod template',
  help: 'A Service with a selector gets its endpoints from the pods whose labels match it. When nothing matches, the Service has no endpoints: a headless Service has no DNS records at all (NXDOMAIN) and a ClusterIP Service resolves but connections fail.',
  severity: 'warning',
  run(_ctx, ns, report) {
    for (const svc of ns.services.values()) {
      if (!svc.object || !svc.selector || svc.type === 'ExternalName') continue;
      if (svc.selectedPods.length > 0) continue;
      const sel = [...svc.selector].map(([k, v]) => `${k}=${v}`).join(', ');
      const at = svc.object.spec.selectorLoc ?? svc.object.meta.name!;
      report({
        file: svc.object.file,
        at,
        message: `Service "${svc.name}" selects no pod: no Pod or pod template in namespace "${ns.name}" has the labels ${sel}`,
      });
    }
  },
};
