import type { FixData } from '../../types';
import { isDns1123Label } from '../../util/dnsNames';
import type { Check, CheckContext } from '../types';
import { cap, fqdn } from '../support/describe';
import { controllerSetsIdentity, podSources, type PodSource } from '../support/podSources';
import { eolOf, isJson, keyOnLine, lineStartOf } from '../support/yamlEdits';

/** A pod (or pod template) with `subdomain` but no `hostname`. */
export const subdomainWithoutHostname: Check = {
  code: 'subdomain-without-hostname',
  title: 'Pod subdomain without hostname',
  help: 'The endpoints controller copies a pod\'s spec.hostname onto its endpoint only when spec.hostname is set; a pod with a subdomain but no hostname therefore has no hostname record, and only the Service name itself resolves (to all its pods). Inside the pod the kubelet still sets the fully qualified hostname to <pod name>.<subdomain>.<namespace>.svc.<cluster domain>, a name no one else can resolve — unless CoreDNS runs with `endpoint_pod_names` (setting k8sDnsLens.endpointPodNames), which names endpoints after their pods. StatefulSets and Indexed Jobs set the hostname themselves and are not reported.',
  severity: 'warning',
  run(ctx, ns, report) {
    if (ctx.model.settings.endpointPodNames) return;
    for (const s of podSources(ns)) {
      if (controllerSetsIdentity(s)) continue;
      if (s.workload?.spec.indexed) continue;
      const sub = s.spec.subdomain;
      if (!sub || !sub.value || s.spec.hostname?.value) continue;
      const podName = s.declared ? s.pods[0]?.name : undefined;
      const own = podName ? fqdn(ctx, podName, sub.value, ns.name, 'svc') : `<pod name>.${fqdn(ctx, sub.value, ns.name, 'svc')}`;
      report({
        file: s.file,
        at: sub,
        message: `${cap(s.what)} sets subdomain "${sub.value}" but no hostname: it gets no hostname record, so its own fully qualified name ${own} does not resolve`,
        fix: podName ? addHostnameFix(ctx, s, podName, sub) : undefined,
      });
    }
  },
};

/** Insert `hostname: <pod name>` on the line before `subdomain:` (block style only). */
function addHostnameFix(ctx: CheckContext, s: PodSource, podName: string, sub: { start: number; end: number }): FixData | undefined {
  if (!isDns1123Label(podName)) return undefined;
  const text = ctx.text(s.file);
  if (text === undefined || isJson(s.file, text)) return undefined;
  const k = keyOnLine(text, sub.start);
  if (!k || k.seqItem || k.key !== 'subdomain') return undefined;
  const at = lineStartOf(text, sub.start);
  const eol = eolOf(text);
  return { title: `Set hostname: ${podName}`, edits: [{ file: s.file, start: at, end: at, newText: `${' '.repeat(k.keyCol)}hostname: ${podName}${eol}` }] };
}
