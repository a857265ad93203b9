import type { Check } from '../types';
import { isHeadless } from '../../model/endpoints';
import { apiRefusesService, fqdn } from '../support/describe';
import { everyServiceDefinition } from '../support/duplicates';
import { spanOf } from '../support/podSources';
import { firstPodName, statefulSets } from '../support/statefulSets';

/** A StatefulSet whose governing Service is not headless. */
export const statefulsetServiceNotHeadless: Check = {
  code: 'statefulset-service-not-headless',
  title: 'StatefulSet serviceName names a Service that is not headless',
  help: 'A StatefulSet\'s governing Service (spec.serviceName) must be headless (clusterIP: None): the Kubernetes DNS specification publishes the per-pod names <name>-<ordinal>.<service>.<namespace>.svc.<cluster domain> only for headless Services. CoreDNS answers them for a ClusterIP Service too while the pods are ready endpoints of it, kube-dns does not; and the Service name resolves to a cluster IP instead of the pod addresses peers usually want. clusterIP cannot be changed on an existing Service: recreate it, or add a second, headless Service and point serviceName at it. An ExternalName Service has no endpoints: no pod gets a name.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const st of statefulSets(ns)) {
      const sn = st.object.spec.serviceName;
      if (!sn || !sn.value) continue;
      const svc = ns.services.get(sn.value);
      if (!svc || !svc.object || svc.builtin || apiRefusesService(svc.object)) continue;
      const o = svc.object;
      const example = fqdn(ctx, firstPodName(st), sn.value, ns.name, 'svc');
      if (svc.type === 'ExternalName') {
        if (!everyServiceDefinition(ctx, ns, svc.name, (d) => d.spec.type === 'ExternalName')) continue;
        report({
          file: st.object.file,
          at: sn,
          severity: 'warning',
          message: `StatefulSet "${st.name}" names serviceName "${sn.value}", an ExternalName Service: it has no endpoints, so per-pod names such as ${example} do not resolve`,
          related: [{ span: spanOf(o.file, o.spec.typeLoc ?? o.meta.name!), message: `Service "${sn.value}" is type ExternalName` }],
        });
        continue;
      }
      if (svc.headless || !everyServiceDefinition(ctx, ns, svc.name, (d) => d.spec.type !== 'ExternalName' && !isHeadless(d))) continue;
      report({
        file: st.object.file,
        at: sn,
        message: `StatefulSet "${st.name}" names serviceName "${sn.value}", which is not headless: the DNS specification publishes per-pod names such as ${example} only for a headless Service (CoreDNS answers them anyway; kube-dns does not), and "${sn.value}" resolves to its cluster IP`,
        related: [{ span: spanOf(o.file, o.spec.clusterIP ?? o.spec.typeLoc ?? o.meta.name!), message: `Service "${sn.value}" has a cluster IP` }],
      });
    }
  },
};
