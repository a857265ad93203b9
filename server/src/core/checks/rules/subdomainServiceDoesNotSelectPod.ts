import type { FixData } from '../../types';
import { matchesMap } from '../../manifest/labels';
import type { Check, CheckContext } from '../types';
import { selectorOf } from '../../model/endpoints';
import { apiRefusesService, cap, fmtLabels, fqdn } from '../support/describe';
import { serviceDefinitions } from '../support/duplicates';
import { controllerSetsIdentity, podSources, spanOf, type PodSource } from '../support/podSources';
import { insertFirstEntries, yamlString } from '../support/yamlEdits';

/** A pod's `subdomain` names a Service that does not select the pod. */
export const subdomainServiceDoesNotSelectPod: Check = {
  code: 'subdomain-service-does-not-select-pod',
  title: 'Pod subdomain names a Service that does not select the pod',
  help: 'A pod\'s hostname record (<hostname>.<subdomain>.<namespace>.svc.<cluster domain>) comes from the pod\'s entry in the endpoints of the Service named by its subdomain: the endpoints controller copies spec.hostname onto it. A Service whose selector does not match the pod\'s labels (or a selector-less Service whose Endpoints do not list the pod) has no such entry, so the name does not resolve. The quick fix adds the missing selector labels to the pod when that only adds labels.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const s of podSources(ns)) {
      if (controllerSetsIdentity(s)) continue;
      const sub = s.spec.subdomain;
      if (!sub || !sub.value) continue;
      const svc = ns.services.get(sub.value);
      if (!svc || !svc.object || svc.builtin || svc.type === 'ExternalName' || apiRefusesService(svc.object)) continue;
      // another definition of the Service may select the pod: then which one wins decides
      const others = serviceDefinitions(ctx, ns, svc.name).filter((d) => d !== svc.object);
      if (others.some((d) => { const sel = selectorOf(d); return !sel || matchesMap(sel, s.labels) || s.pods.some((p) => matchesMap(sel, p.labels)); })) continue;
      const o = svc.object;
      const host = s.spec.hostname?.value ?? (s.pods.length === 1 ? s.pods[0].hostname : undefined);
      const name = host ? fqdn(ctx, host, sub.value, ns.name, 'svc') : `a name under ${fqdn(ctx, sub.value, ns.name, 'svc')}`;
      if (svc.selector) {
        const selector = svc.selector;
        const selected = s.pods.length ? s.pods.some((p) => svc.selectedPods.includes(p)) : matchesMap(selector, s.labels);
        if (selected) continue;
        const missing = [...selector].filter(([k, v]) => s.labels.get(k) !== v);
        report({
          file: s.file,
          at: sub,
          message: `${cap(s.what)} sets subdomain "${sub.value}", but Service "${sub.value}" does not select it (selector ${fmtLabels(selector)}; the pod lacks ${fmtLabels(new Map(missing))}): no endpoint, so ${name} does not resolve`,
          related: [
            { span: spanOf(o.file, o.spec.selectorLoc ?? o.meta.name!), message: `selector of Service "${sub.value}"` },
            ...(s.labelsLoc ? [{ span: spanOf(s.file, s.labelsLoc), message: `labels of ${s.what}` }] : []),
          ],
          fix: addLabelsFix(ctx, s, missing),
        });
      } else {
        const listed = svc.endpoints.some((e) => (e.pod && s.pods.includes(e.pod)) || (host !== undefined && e.hostname === host));
        if (listed) continue;
        report({
          file: s.file,
          at: sub,
          message: `${cap(s.what)} sets subdomain "${sub.value}", but Service "${sub.value}" has no selector and none of its endpoints is this pod${host ? ` or has hostname "${host}"` : ''}: ${name} does not resolve`,
          related: [{ span: spanOf(o.file, o.meta.name!), message: `Service "${sub.value}" (no selector: endpoints are written by hand)` }],
        });
      }
    }
  },
};

/** Add labels to a pod or template when that only adds keys (never changes a value a workload selector may rely on). */
function addLabelsFix(ctx: CheckContext, s: PodSource, missing: [string, string][]): FixData | undefined {
  if (missing.length === 0 || missing.some(([k]) => s.labels.has(k)) || !s.labelsLoc) return undefined;
  const text = ctx.text(s.file);
  if (text === undefined) return undefined;
  const edit = insertFirstEntries(
    s.file,
    text,
    s.labelsLoc.start,
    missing.map(([k, v]) => `${yamlString(k)}: ${yamlString(v)}`),
  );
  if (!edit) return undefined;
  return { title: `Add label${missing.length > 1 ? 's' : ''} ${fmtLabels(new Map(missing))} to ${s.what}`, edits: [edit] };
}
