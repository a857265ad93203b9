// Wording shared by the rules: label sets, name lists, DNS names, and lookups of objects the API server
// refuses (a rule must not say "no Service x" when there is one the API would not accept).
import type { K8sObject, ServiceObject, ServicePort } from '../../manifest/objects';
import type { NamespaceState } from '../../model/state';
import type { CheckContext } from '../types';
import { refusedIndex } from './refused';

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

/**
 * An integer with its thousands grouped, `1,000`. Not `toLocaleString('en-US')`: the first call loads
 * ICU's number-formatting data, ~10 MB of the server's resident memory for four messages.
 */
export function grouped(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = s.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + s.slice(Math.max(0, i - 3), i) + out;
  return (n < 0 && s !== '0' ? '-' : '') + out;
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
  return refusedIndex(ctx, ns).byName.get(`${type}/${name}`) ?? [];
}

/**
 * The API server refuses this Service (API validation marked it so). The model leaves refused objects
 * out, so this matters only for Services reached another way; the messages belong to validation.
 */
export function apiRefusesService(o: ServiceObject): boolean {
  return o.rejected;
}

/** A Service named `name` exists in the namespace but the API server would refuse it. */
export function refusedService(ctx: CheckContext, ns: NamespaceState, name: string): boolean {
  const st = ns.services.get(name);
  if (st?.object && apiRefusesService(st.object)) return true;
  return refusedNamed(ctx, ns, 'Service', name).length > 0;
}
