import type { Check } from '../types';
import { isHeadless } from '../../model/endpoints';
import { apiRefusesService, cap, fqdn } from '../support/describe';
import { everyServiceDefinition } from '../support/duplicates';
import { controllerSetsIdentity, podSources, spanOf } from '../support/podSources';

/** A pod's `subdomain` names a Service that is not headless. */
export const subdomainServiceNotHeadless: Check = {
  code: 'subdomain-service-not-headless',
  title: 'Pod subdomain names a Service that is not headless',
  help: 'The Kubernetes DNS specification publishes pod hostname records (<hostname>.<subdomain>.<namespace>.svc.<cluster domain>) only for headless Services (clusterIP: None). CoreDNS goes further and answers them for a ClusterIP Service too, as long as the pod is a ready endpoint of it, but kube-dns and other implementations do not, and the Service name itself then resolves to the cluster IP rather than to the pods. An ExternalName Service has no endpoints at all: no pod gets a name under it.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const s of podSources(ns)) {
      if (controllerSetsIdentity(s)) continue;
      const sub = s.spec.subdomain;
      if (!sub || !sub.value) continue;
      const svc = ns.services.get(sub.value);
      if (!svc || !svc.object || svc.builtin || apiRefusesService(svc.object)) continue;
      const o = svc.object;
      const host = s.spec.hostname?.value ?? (s.pods.length === 1 ? s.pods[0].hostname : undefined);
      const name = host ? fqdn(ctx, host, sub.value, ns.name, 'svc') : `<hostname>.${fqdn(ctx, sub.value, ns.name, 'svc')}`;
      if (svc.type === 'ExternalName') {
        if (!everyServiceDefinition(ctx, ns, svc.name, (d) => d.spec.type === 'ExternalName')) continue;
        report({
          file: s.file,
          at: sub,
          severity: 'warning',
          message: `${cap(s.what)} sets subdomain "${sub.value}", but Service "${sub.value}" is an ExternalName Service: it has no endpoints, so ${name} does not resolve`,
          related: [{ span: spanOf(o.file, o.spec.typeLoc ?? o.meta.name!), message: `Service "${sub.value}" is type ExternalName` }],
        });
        continue;
      }
      if (svc.headless || !everyServiceDefinition(ctx, ns, svc.name, (d) => d.spec.type !== 'ExternalName' && !isHeadless(d))) continue;
      report({
        file: s.file,
        at: sub,
        message: `${cap(s.what)} sets subdomain "${sub.value}", but Service "${sub.value}" is not headless: the DNS specification publishes ${name} only for a headless Service (CoreDNS answers it anyway while the pod is a ready endpoint; kube-dns does not), and "${sub.value}" resolves to its cluster IP, not to the pods`,
        related: [{ span: spanOf(o.file, o.spec.clusterIP ?? o.spec.typeLoc ?? o.meta.name!), message: `Service "${sub.value}" has a cluster IP (set clusterIP: None when creating it to make it headless)` }],
      });
    }
  },
};
