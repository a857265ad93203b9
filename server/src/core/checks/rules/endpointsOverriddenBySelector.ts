import type { Check } from '../types';
import { selectorOf } from '../../model/endpoints';
import { apiRefusesService, fmtLabels } from '../support/describe';
import { everyServiceDefinition } from '../support/duplicates';
import { spanOf } from '../support/podSources';

/** Hand-written Endpoints of a Service that has a selector. */
export const endpointsOverriddenBySelector: Check = {
  code: 'endpoints-overridden-by-selector',
  title: 'Hand-written Endpoints of a Service with a selector',
  help: 'For a Service with a selector, the endpoints controller owns the Endpoints object of the same name and rewrites it from the selected pods, and the EndpointSlice controller publishes the pods, not these addresses: what is written here is replaced, and DNS never answers with it. Either remove the selector (the Service then uses these Endpoints), or remove the Endpoints.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      if (!svc.object || svc.builtin || !svc.selector || apiRefusesService(svc.object)) continue;
      if (!everyServiceDefinition(ctx, ns, svc.name, (d) => !!selectorOf(d))) continue;
      const o = svc.object;
      for (const ig of svc.ignoredSources) {
        const e = ig.object;
        if (e.type !== 'Endpoints' || !e.meta.name) continue;
        report({
          file: e.file,
          at: e.meta.name,
          message: `Endpoints "${e.meta.name.value}" is replaced by the endpoints controller: Service "${svc.name}" has a selector (${fmtLabels(svc.selector)}), so its endpoints are the pods it selects, not these addresses`,
          related: [{ span: spanOf(o.file, o.spec.selectorLoc ?? o.meta.name!), message: `selector of Service "${svc.name}"` }],
        });
      }
    }
  },
};
