import type { FixData } from '../../types';
import type { Check, CheckContext } from '../types';
import type { NamespaceState } from '../../model/state';
import { cap, fqdn, refusedService } from '../support/describe';
import { portsFromContainers, serviceDocument } from '../support/newService';
import { controllerSetsIdentity, identityLabels, podSources, spanOf, type PodSource } from '../support/podSources';
import { appendDocumentEdit } from '../support/yamlEdits';

/** A pod (or pod template) whose `subdomain` names no Service in its namespace. */
export const subdomainWithoutService: Check = {
  code: 'subdomain-without-service',
  title: 'Pod subdomain names no Service',
  help: 'A pod with `hostname` and `subdomain` gets the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster domain> only from the endpoints of a headless Service named like the subdomain, in the pod\'s namespace, that selects the pod. With no such Service there is no record: the pod believes that name is its own fully qualified hostname (the kubelet writes it into /etc/hosts), but no other pod can resolve it. The quick fix appends a headless Service that selects the pod.',
  severity: 'warning',
  run(ctx, ns, report) {
    const sources = podSources(ns);
    for (const s of sources) {
      if (controllerSetsIdentity(s)) continue;
      const sub = s.spec.subdomain;
      if (!sub || !sub.value) continue;
      if (ns.services.has(sub.value) || refusedService(ctx, ns, sub.value)) continue;
      const host = s.spec.hostname?.value ?? (s.pods.length === 1 ? s.pods[0].hostname : undefined);
      const name = host ? `: ${fqdn(ctx, host, sub.value, ns.name, 'svc')} does not resolve` : `: the pod gets no DNS record under it`;
      const others = sources.filter((o) => o !== s && !controllerSetsIdentity(o) && o.spec.subdomain?.value === sub.value);
      report({
        file: s.file,
        at: sub,
        message: `${cap(s.what)} sets subdomain "${sub.value}", but namespace "${ns.name}" has no Service "${sub.value}"${name}`,
        related: others.slice(0, 5).map((o) => ({ span: spanOf(o.file, o.spec.subdomain!), message: `${o.what} sets the same subdomain` })),
        fix: createHeadlessServiceFix(ctx, ns, s, sub.value, [s, ...others]),
      });
    }
  },
};

/**
 * Append a headless Service named `name` that selects the pods of `group` (the labels they all share,
 * else the first one's identity labels), with the ports their containers declare.
 */
export function createHeadlessServiceFix(ctx: CheckContext, ns: NamespaceState, s: PodSource, name: string, group: PodSource[]): FixData | undefined {
  const res = ctx.model.file(s.file);
  if (!res) return undefined;
  const own = identityLabels(s);
  let selector = own;
  for (const o of group) {
    if (o === s) continue;
    const other = identityLabels(o);
    selector = new Map([...selector].filter(([k, v]) => other.get(k) === v));
  }
  if (selector.size === 0) selector = own;
  if (selector.size === 0) return undefined;
  const lines = serviceDocument({
    name,
    namespace: s.namespaceWritten ? ns.name : undefined,
    headless: true,
    selector,
    ports: portsFromContainers(s.spec),
  });
  const edit = appendDocumentEdit(s.file, ctx.text(s.file), res.length, res.lineStarts, lines);
  return edit ? { title: `Create headless Service "${name}" selecting ${[...selector].map(([k, v]) => `${k}=${v}`).join(', ')}`, edits: [edit] } : undefined;
}
