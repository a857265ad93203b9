// Wording shared by the rules: label sets, name lists, DNS names, and lookups of objects the API server
// refuses (a rule must not say "no Service x" when there is one the API would not accept).
import type { K8sObject, ServiceObject, ServicePort } from '../../manifest/objects';
import { isHeadless } from '../../model/endpoints';
import type { NamespaceState } from '../../model/state';
import type { CheckContext } from '../types';

/** A phrase as the start of a sentence. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `app=web, tier=db` */
export function fmtLabels(m: ReadonlyMap<string, string>): string {
  return [...m].map(([k, v]) => `${k}=${v}`).join(', ');
}

/** `"a"`, `"a" and "b"`, `"a", "b" and 3 more` */
export function quoteList(items: readonly string[], max = 3): string {
  const q = items.map((s) => `"${s}"`);
  if (q.length <= 1) return q.join('');
  if (q.length <= max) return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
  return `${q.slice(0, max).join(', ')} and ${q.length - max} more`;
}

/** `A`, `A and B`, `A, B and 2 more` for already formatted phrases. */
export function phraseList(items: readonly string[], max = 3): string {
  if (items.length <= 1) return items.join('');
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** A name in the cluster domain: `fqdn(ctx, 'web', 'default', 'svc')` → `web.default.svc.cluster.local`. */
export function fqdn(ctx: CheckContext, ...labels: string[]): string {
  return [...labels, ctx.model.settings.clusterDomain].join('.');
}

/** `port 80/TCP "http"` */
export function fmtServicePort(sp: ServicePort): string {
  const n = sp.port ? `${sp.port.value}/${sp.protocol}` : `(no port)/${sp.protocol}`;
  return sp.name ? `${n} "${sp.name.value}"` : n;
}

/** Objects of a type and name in a namespace that the API server would refuse. */
export function refusedNamed(ctx: CheckContext, ns: NamespaceState, type: K8sObject['type'], name: string): K8sObject[] {
  return ctx.model.objectsIn(ns.name).filter((o) => o.type === type && o.rejected && o.meta.name?.value === name);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** A dotted-quad IPv4 address as Go's net.ParseIP reads it (no leading zeros). */
export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

const SERVICE_TYPES = new Set(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

/** Fields the API server refuses on an ExternalName Service (clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy). */
export function refusedAsExternalName(o: ServiceObject): boolean {
  return !!o.spec.clusterIP?.value || o.spec.clusterIPs.length > 0 || o.spec.ipFamilies.length > 0 || !!o.spec.ipFamilyPolicy;
}

/**
 * The API server refuses this Service: marked so by validation, or a shape validation refuses that
 * rules must stay silent on even before validation reports it (no ports on a Service that is neither
 * headless nor ExternalName — typical of kustomize patches —, an unknown type, refused ExternalName fields).
 * The messages for these belong to API validation, not to the checks.
 */
export function apiRefusesService(o: ServiceObject): boolean {
  if (o.rejected) return true;
  if (!SERVICE_TYPES.has(o.spec.type)) return true;
  if (o.spec.type === 'ExternalName') return refusedAsExternalName(o);
  return o.spec.ports.length === 0 && !isHeadless(o);
}

/** A Service named `name` exists in the namespace but the API server would refuse it. */
export function refusedService(ctx: CheckContext, ns: NamespaceState, name: string): boolean {
  const st = ns.services.get(name);
  if (st?.object && apiRefusesService(st.object)) return true;
  return refusedNamed(ctx, ns, 'Service', name).length > 0;
}
