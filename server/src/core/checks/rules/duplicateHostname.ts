import type { Loc, RelatedInfo } from '../../types';
import type { PodState } from '../../model/state';
import type { Check } from '../types';
import { fqdn, plural } from '../support/describe';
import { controllerSetsIdentity, podSources, spanOf, type PodSource } from '../support/podSources';

/** Several pods with the same hostname under the same subdomain in one namespace. */
export const duplicateHostname: Check = {
  code: 'duplicate-hostname',
  title: 'Several pods share one hostname under one subdomain',
  help: 'Every pod whose hostname and subdomain match is published under the same name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>: the name resolves to all of their addresses at once, so it no longer identifies one pod. This happens with two Pods that repeat a hostname, and with a workload of several replicas whose pod template sets a hostname (every replica gets it). Give each pod its own hostname (a StatefulSet does this by itself).',
  severity: 'warning',
  run(ctx, ns, report) {
    const groups = new Map<string, PodState[]>();
    for (const p of ns.pods.values()) {
      if (!p.hostname || !p.subdomain) continue;
      const k = `${p.subdomain}\u0000${p.hostname}`;
      let l = groups.get(k);
      if (!l) groups.set(k, (l = []));
      l.push(p);
    }
    let sources: PodSource[] | undefined;
    for (const pods of groups.values()) {
      if (pods.length < 2) continue;
      sources ??= podSources(ns);
      const involved = sources.filter((s) => s.pods.some((p) => pods.includes(p)));
      const { hostname, subdomain } = pods[0];
      const name = fqdn(ctx, hostname!, subdomain!, ns.name, 'svc');
      for (const s of involved) {
        const mine = s.pods.filter((p) => pods.includes(p)).length;
        const others = involved.filter((o) => o !== s);
        const at: Loc = (!controllerSetsIdentity(s) && s.spec.hostname) || s.nameLoc;
        const who = others.length === 0 ? `all ${plural(mine, 'pod')} of ${s.label} get it` : `${phraseOf(s, mine)} and ${others.map((o) => phraseOf(o, o.pods.filter((p) => pods.includes(p)).length)).join(', ')} ${others.length === 1 ? 'both' : 'all'} have it`;
        const related: RelatedInfo[] = others.slice(0, 5).map((o) => ({ span: spanOf(o.file, (!controllerSetsIdentity(o) && o.spec.hostname) || o.nameLoc), message: `${o.what} has hostname "${hostname}" and subdomain "${subdomain}" too` }));
        report({
          file: s.file,
          at,
          message: `Hostname "${hostname}" under subdomain "${subdomain}" names ${plural(pods.length, 'pod')} (${who}): ${name} stands for all of them — it resolves to every one that is an endpoint of Service "${subdomain}", not to one pod`,
          related: related.length ? related : undefined,
        });
      }
    }
  },
};

function phraseOf(s: PodSource, n: number): string {
  return s.declared ? s.label : `${plural(n, 'pod')} of ${s.label}`;
}
