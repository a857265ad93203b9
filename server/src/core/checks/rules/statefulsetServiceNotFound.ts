import type { Check } from '../types';
import { fqdn, refusedService } from '../support/describe';
import { firstPodName, statefulSets } from '../support/statefulSets';
import { createHeadlessServiceFix } from './subdomainWithoutService';

/** A StatefulSet whose `serviceName` names no Service in its namespace. */
export const statefulsetServiceNotFound: Check = {
  code: 'statefulset-service-not-found',
  title: 'StatefulSet serviceName names no Service',
  help: 'The pods of a StatefulSet get their per-pod DNS names (<name>-<ordinal>.<serviceName>.<namespace>.svc.<cluster domain>) from the headless Service named by spec.serviceName, in the StatefulSet\'s namespace. When that Service does not exist, none of those names resolve. The quick fix appends the headless Service, selecting the StatefulSet\'s pods.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const st of statefulSets(ns)) {
      const sn = st.object.spec.serviceName;
      if (!sn || !sn.value) continue;
      if (ns.services.has(sn.value) || refusedService(ctx, ns, sn.value)) continue;
      report({
        file: st.object.file,
        at: sn,
        message: `StatefulSet "${st.name}" names serviceName "${sn.value}", but namespace "${ns.name}" has no Service "${sn.value}": per-pod names such as ${fqdn(ctx, firstPodName(st), sn.value, ns.name, 'svc')} do not resolve`,
        fix: createHeadlessServiceFix(ctx, ns, st.source, sn.value, [st.source]),
      });
    }
  },
};
