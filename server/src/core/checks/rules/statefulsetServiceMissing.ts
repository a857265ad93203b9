import type { Check } from '../types';
import { fqdn } from '../support/describe';
import { firstPodName, statefulSets } from '../support/statefulSets';

/** A StatefulSet without `serviceName`. */
export const statefulsetServiceMissing: Check = {
  code: 'statefulset-service-missing',
  title: 'StatefulSet has no serviceName',
  help: 'The StatefulSet controller sets each pod\'s hostname to the pod name and its subdomain to spec.serviceName; with the headless Service of that name the pods get stable DNS names (<name>-0.<serviceName>.<namespace>.svc.<cluster domain>). Without serviceName they get none, only the names of whatever Services select them. The API server has never required the field (Kubernetes 1.33 documents it as optional), but older kubectl and Helm versions refuse a StatefulSet without it in client-side validation. Leave it out only when no pod needs to be reached by its own name.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const st of statefulSets(ns)) {
      const sn = st.object.spec.serviceName;
      if (sn && sn.value) continue;
      report({
        file: st.object.file,
        at: sn ?? st.object.meta.name!,
        message: `StatefulSet "${st.name}" has no serviceName: its pods get no per-pod DNS names (such as ${fqdn(ctx, firstPodName(st), '<service>', ns.name, 'svc')})`,
      });
    }
  },
};
