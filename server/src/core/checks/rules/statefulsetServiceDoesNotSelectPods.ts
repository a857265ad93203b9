import { matchesMap } from '../../manifest/labels';
import type { Check } from '../types';
import { selectorOf } from '../../model/endpoints';
import { apiRefusesService, fmtLabels, fqdn, plural } from '../support/describe';
import { serviceDefinitions } from '../support/duplicates';
import { spanOf } from '../support/podSources';
import { firstPodName, statefulSets } from '../support/statefulSets';

/** A StatefulSet whose governing Service does not select its pods. */
export const statefulsetServiceDoesNotSelectPods: Check = {
  code: 'statefulset-service-does-not-select-pods',
  title: 'StatefulSet serviceName names a Service that does not select its pods',
  help: 'Per-pod names of a StatefulSet come from the pods\' entries in the endpoints of the governing Service (spec.serviceName): the endpoints controller copies each pod\'s hostname onto its endpoint. A governing Service whose selector does not match the pod template\'s labels has no such entries, so the per-pod names do not resolve.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const st of statefulSets(ns)) {
      const sn = st.object.spec.serviceName;
      if (!sn || !sn.value) continue;
      const svc = ns.services.get(sn.value);
      if (!svc || !svc.object || svc.builtin || svc.type === 'ExternalName' || apiRefusesService(svc.object)) continue;
      // another definition of the Service may select the pods: then which one wins decides
      const others = serviceDefinitions(ctx, ns, svc.name).filter((d) => d !== svc.object);
      if (others.some((d) => { const sel = selectorOf(d); return !sel || matchesMap(sel, st.source.labels); })) continue;
      const o = svc.object;
      const pods = st.source.pods;
      const example = fqdn(ctx, firstPodName(st), sn.value, ns.name, 'svc');
      if (svc.selector) {
        const sel = svc.selector;
        const missed = pods.filter((p) => !svc.selectedPods.includes(p));
        const none = pods.length ? missed.length === pods.length : !matchesMap(sel, st.source.labels);
        if (!none && missed.length === 0) continue;
        const lacks = [...sel].filter(([k, v]) => st.source.labels.get(k) !== v);
        const what = none
          ? `does not select its pods (selector ${fmtLabels(sel)}${lacks.length ? `; the pod template lacks ${fmtLabels(new Map(lacks))}` : ''})`
          : `selects only ${pods.length - missed.length} of its ${plural(pods.length, 'pod')} (selector ${fmtLabels(sel)})`;
        report({
          file: st.object.file,
          at: sn,
          message: `StatefulSet "${st.name}" names serviceName "${sn.value}", but Service "${sn.value}" ${what}: ${none ? `per-pod names such as ${example} do not resolve` : `${missed.map((p) => p.name).slice(0, 3).join(', ')}${missed.length > 3 ? '…' : ''} get no name`}`,
          related: [
            { span: spanOf(o.file, o.spec.selectorLoc ?? o.meta.name!), message: `selector of Service "${sn.value}"` },
            ...(st.source.labelsLoc ? [{ span: spanOf(st.object.file, st.source.labelsLoc), message: `pod template labels of StatefulSet "${st.name}"` }] : []),
          ],
        });
      } else {
        const listed = svc.endpoints.some((e) => (e.pod && pods.includes(e.pod)) || (e.hostname !== undefined && pods.some((p) => p.hostname === e.hostname)));
        if (listed || (pods.length === 0 && svc.endpoints.length > 0)) continue;
        report({
          file: st.object.file,
          at: sn,
          message: `StatefulSet "${st.name}" names serviceName "${sn.value}", but Service "${sn.value}" has no selector and its endpoints list none of the StatefulSet's pods: per-pod names such as ${example} do not resolve`,
          related: [{ span: spanOf(o.file, o.meta.name!), message: `Service "${sn.value}" (no selector)` }],
        });
      }
    }
  },
};
