import type { Check } from '../types';
import { apiRefusesService, fqdn, isIPv4 } from '../support/describe';

/** An ExternalName Service whose externalName is an IPv4 address. */
export const externalNameIsIp: Check = {
  code: 'external-name-is-ip',
  title: 'ExternalName is an IP address',
  help: 'The API server accepts an IPv4 address as spec.externalName (it is a valid DNS-1123 subdomain), but a CNAME must name a host, not an address. CoreDNS publishes nothing for such a Service — its kubernetes plugin only answers ExternalName targets that are host names — so the Service name does not resolve (NXDOMAIN); kube-dns answers a CNAME to "1.2.3.4." that resolvers then fail to follow. To give an outside address a cluster name, use a Service without a selector and an Endpoints (or EndpointSlice) with that address.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || svc.type !== 'ExternalName' || apiRefusesService(o)) continue;
      const en = o.spec.externalName;
      if (!en) continue;
      const ip = en.value.replace(/\.$/, '');
      if (!isIPv4(ip)) continue;
      report({
        file: o.file,
        at: en,
        message: `ExternalName Service "${svc.name}" points at the IP address ${ip}: CoreDNS publishes no record for it, so ${fqdn(ctx, svc.name, ns.name, 'svc')} does not resolve (use a Service without a selector and an Endpoints object with that address)`,
      });
    }
  },
};
