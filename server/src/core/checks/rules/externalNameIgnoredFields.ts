import type { Check } from '../types';
import { apiRefusesService } from '../support/describe';
import { entryRemovalRange } from '../support/yamlEdits';

const WHY: Record<string, { severity: 'warning' | 'information'; why: string }> = {
  selector: { severity: 'warning', why: 'an ExternalName Service selects no pods: the endpoints controllers skip it and DNS answers with a CNAME' },
  externalIPs: { severity: 'warning', why: 'kube-proxy does not program ExternalName Services, so nothing accepts traffic on these addresses' },
  sessionAffinity: { severity: 'information', why: 'no proxying happens for an ExternalName Service' },
  loadBalancerIP: { severity: 'information', why: 'an ExternalName Service gets no load balancer' },
  publishNotReadyAddresses: { severity: 'information', why: 'an ExternalName Service has no endpoints' },
};

/**
 * Fields an ExternalName Service carries but nothing uses. Not reported: `ports` (Kubernetes ignores
 * them, but Ingress controllers such as Traefik and ingress-nginx, and meshes such as Istio, read them),
 * and the fields the API server refuses on an ExternalName Service (clusterIP, clusterIPs, ipFamilies,
 * ipFamilyPolicy: API validation reports those, and the Service is then refused as a whole).
 */
export const externalNameIgnoredFields: Check = {
  code: 'external-name-ignored-fields',
  title: 'ExternalName Service carries fields it ignores',
  help: 'An ExternalName Service is only a DNS alias: cluster DNS answers its name with a CNAME to spec.externalName. It has no endpoints, no cluster IP and no proxying, so a selector, externalIPs, sessionAffinity, loadBalancerIP or publishNotReadyAddresses written on it does nothing — usually a sign that the Service was expected to route to pods. (Ports are not reported: Ingress controllers and meshes use them.) The quick fix removes the field.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || svc.type !== 'ExternalName' || apiRefusesService(o)) continue;
      if (o.spec.extraForExternalName.length === 0) continue;
      const text = ctx.text(o.file);
      for (const extra of o.spec.extraForExternalName) {
        const info = WHY[extra.field];
        if (!info) continue;
        if (extra.field === 'selector' && o.spec.selector?.length === 0) continue;
        if (extra.field === 'publishNotReadyAddresses' && !o.spec.publishNotReadyAddresses) continue;
        if (extra.field === 'sessionAffinity') {
          // `None` is the default every Service has
          if (text === undefined || /:\s*["']?None["']?\s*$/.test(text.slice(extra.loc.start, extra.loc.end))) continue;
        }
        const quoted = text !== undefined && (text[extra.loc.start] === '"' || text[extra.loc.start] === "'");
        const keyEnd = extra.loc.start + extra.field.length + (quoted ? 2 : 0);
        const range = text !== undefined ? entryRemovalRange(text, extra.loc.start, extra.loc.end) : undefined;
        report({
          file: o.file,
          at: { start: extra.loc.start, end: keyEnd },
          severity: info.severity,
          message: `ExternalName Service "${svc.name}" ignores ${extra.field}: ${info.why}`,
          fix: range ? { title: `Remove ${extra.field}`, edits: [{ file: o.file, start: range.start, end: range.end, newText: '' }] } : undefined,
        });
      }
    }
  },
};
