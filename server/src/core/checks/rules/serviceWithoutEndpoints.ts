import type { Check } from '../types';
import { selectorOf } from '../../model/endpoints';
import { apiRefusesService, fqdn, quoteList, refusedNamed } from '../support/describe';
import { everyServiceDefinition } from '../support/duplicates';
import { refusedIndex } from '../support/refused';

/** A Service without a selector and without any endpoints written for it. */
export const serviceWithoutEndpoints: Check = {
  code: 'service-without-endpoints',
  title: 'Service without selector has no endpoints',
  help: 'A Service without a selector gets endpoints only from an Endpoints object of the same name (mirrored into EndpointSlices) or from EndpointSlices labelled kubernetes.io/service-name with its name. With none in the workspace, a ClusterIP Service resolves to its cluster IP but connections find no backend, and a headless Service does not resolve at all (NXDOMAIN). This is expected when a controller outside the workspace writes the endpoints (a service mesh, an operator, a multi-cluster controller), hence information only.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || svc.selector || svc.type === 'ExternalName' || apiRefusesService(o)) continue;
      if (!everyServiceDefinition(ctx, ns, svc.name, (d) => !selectorOf(d) && d.spec.type !== 'ExternalName')) continue;
      // the API server writes the endpoints of default/kubernetes itself
      if (ns.name === 'default' && svc.name === 'kubernetes') continue;
      if (svc.endpoints.length > 0) continue;
      // endpoints written for it that the API server refuses: their refusal is the finding to fix
      if (refusedNamed(ctx, ns, 'Endpoints', svc.name).length > 0) continue;
      if (refusedIndex(ctx, ns).sliceServices.has(svc.name)) continue;
      const name = fqdn(ctx, svc.name, ns.name, 'svc');
      const effect = svc.headless ? `${name} does not resolve (NXDOMAIN)` : `${name} resolves to its cluster IP, but connections find no backend`;
      const emptySelector = o.spec.selector && o.spec.selector.length === 0 ? ' (its selector is empty, which selects nothing)' : '';
      let why: string;
      if (svc.sources.length > 0) {
        why = `its ${svc.sources.map((s) => s.kind).filter((k, i, a) => a.indexOf(k) === i).join(' and ')} ${quoteList(svc.sources.map((s) => s.meta.name?.value ?? ''))} list no address`;
      } else if (svc.ignoredSources.length > 0) {
        why = `${quoteList(svc.ignoredSources.map((s) => s.object.meta.name?.value ?? ''))} ${svc.ignoredSources.length === 1 ? 'is' : 'are'} not used (${svc.ignoredSources[0].reason})`;
      } else {
        why = `no Endpoints or EndpointSlice is written for it`;
      }
      report({
        file: o.file,
        at: o.meta.name!,
        message: `Service "${svc.name}" has no selector${emptySelector} and no endpoints — ${why}: ${effect}`,
      });
    }
  },
};
