import type { FixData } from '../../types';
import { matchesMap } from '../../manifest/labels';
import type { NamespaceState } from '../../model/state';
import type { Check, CheckContext } from '../types';
import { cap, fqdn } from '../support/describe';
import { controllerSetsIdentity, podSources, type PodSource } from '../support/podSources';
import { insertSiblingAfter } from '../support/yamlEdits';

/** A pod (or pod template) with `hostname` but no `subdomain`. */
export const hostnameWithoutSubdomain: Check = {
  code: 'hostname-without-subdomain',
  title: 'Pod hostname without subdomain',
  help: 'spec.hostname alone only changes the pod\'s own hostname (what `hostname` prints inside it, and its /etc/hosts entry); cluster DNS publishes no record for it. A pod gets a DNS name from its hostname only together with spec.subdomain naming a headless Service that selects it: <hostname>.<subdomain>.<namespace>.svc.<cluster domain>. The quick fix sets the subdomain when exactly one headless Service selects the pod.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const s of podSources(ns)) {
      if (controllerSetsIdentity(s)) continue;
      const host = s.spec.hostname;
      if (!host || !host.value || s.spec.subdomain?.value) continue;
      const candidates = headlessSelecting(ns, s);
      const hint = candidates.length === 1 ? ` (headless Service "${candidates[0]}" selects it: subdomain "${candidates[0]}" would give ${fqdn(ctx, host.value, candidates[0], ns.name, 'svc')})` : '';
      report({
        file: s.file,
        at: host,
        message: `${cap(s.what)} sets hostname "${host.value}" without a subdomain: cluster DNS publishes no record for it, the name exists only inside the pod${hint}`,
        fix: candidates.length === 1 ? addSubdomainFix(ctx, s, host, candidates[0]) : undefined,
      });
    }
  },
};

function headlessSelecting(ns: NamespaceState, s: PodSource): string[] {
  const out: string[] = [];
  for (const svc of ns.services.values()) {
    if (!svc.object || !svc.headless || !svc.selector) continue;
    const sel = svc.selector;
    const selected = s.pods.length ? s.pods.some((p) => svc.selectedPods.includes(p)) : matchesMap(sel, s.labels);
    if (selected) out.push(svc.name);
  }
  return out;
}

function addSubdomainFix(ctx: CheckContext, s: PodSource, host: { start: number; end: number }, svc: string): FixData | undefined {
  const text = ctx.text(s.file);
  if (text === undefined) return undefined;
  const edit = insertSiblingAfter(s.file, text, host.start, host.end, `subdomain: ${svc}`);
  return edit ? { title: `Set subdomain: ${svc}`, edits: [edit] } : undefined;
}
