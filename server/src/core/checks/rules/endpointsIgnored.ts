import type { Check } from '../types';
import { apiRefusesService } from '../support/describe';
import { everyServiceDefinition } from '../support/duplicates';
import { spanOf } from '../support/podSources';
import { kindAt } from '../../manifest/objects';

/** Endpoints or EndpointSlices that DNS never reads: of an ExternalName Service, or of addressType FQDN. */
export const endpointsIgnored: Check = {
  code: 'endpoints-ignored',
  title: 'Endpoints or EndpointSlice that DNS ignores',
  help: 'An ExternalName Service has no endpoints: cluster DNS answers its name with a CNAME to spec.externalName and kube-proxy ignores it, so Endpoints or EndpointSlices written for it are never used. EndpointSlices of addressType FQDN are not read by CoreDNS or kube-proxy either (only IPv4 and IPv6 slices are).',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      if (!svc.object || svc.builtin || apiRefusesService(svc.object)) continue;
      const o = svc.object;
      for (const ig of svc.ignoredSources) {
        const e = ig.object;
        if (svc.type === 'ExternalName') {
          if (!everyServiceDefinition(ctx, ns, svc.name, (d) => d.spec.type === 'ExternalName')) continue;
          report({
            file: e.file,
            at: e.type === 'EndpointSlice' ? (e.slice.serviceName ?? e.meta.name ?? kindAt(e)) : (e.meta.name ?? kindAt(e)),
            message: `${e.kind} "${e.meta.name?.value ?? ''}" is never used: Service "${svc.name}" is an ExternalName Service, which DNS answers with a CNAME to "${svc.externalName ?? ''}" and which has no endpoints`,
            related: [{ span: spanOf(o.file, o.spec.typeLoc ?? o.meta.name!), message: `Service "${svc.name}" is type ExternalName` }],
          });
        } else if (e.type === 'EndpointSlice' && e.slice.addressType?.value === 'FQDN') {
          report({
            file: e.file,
            at: e.slice.addressType,
            severity: 'information',
            message: `EndpointSlice "${e.meta.name?.value ?? ''}" has addressType FQDN: CoreDNS and kube-proxy read only IPv4 and IPv6 slices, so Service "${svc.name}" gets nothing from it`,
          });
        }
      }
    }
  },
};
