import type { StringRef } from '../../manifest/objects';
import type { FixData, Loc } from '../../types';
import type { NamespaceState } from '../../model/state';
import { cap } from '../support/describe';
import type { Check, CheckContext } from '../types';
import { podSources, spanOf, type PodSource } from '../support/podSources';
import { insertSiblingAfter, replaceScalar } from '../support/yamlEdits';

/**
 * A pod that names cluster Services (in env values, args, command) but whose DNS policy does not use
 * the cluster DNS: `hostNetwork: true` with the default `ClusterFirst` (which then falls back to the
 * node's resolv.conf), `dnsPolicy: Default` (the node's resolver, despite its name), or `dnsPolicy:
 * None` with nameservers that do not include the cluster DNS Service. Reported only when the pod
 * refers to a cluster name, so node agents that need no cluster DNS stay silent.
 */
export const dnsPolicyWithoutClusterDns: Check = {
  code: 'dns-policy-without-cluster-dns',
  title: 'Pod refers to cluster names but does not use the cluster DNS',
  help: 'A pod resolves Service names only through the cluster DNS server, which its DNS policy decides: ClusterFirst (the default) uses it — except with hostNetwork: true, where ClusterFirst falls back to the node\'s resolv.conf and only ClusterFirstWithHostNet uses the cluster DNS; `Default` means the node\'s resolver, not the default policy; `None` uses only the nameservers of dnsConfig. A pod that names cluster Services in its env or args under such a policy cannot resolve them. The quick fix sets ClusterFirstWithHostNet (host network) or ClusterFirst.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const s of podSources(ns)) {
      const spec = s.spec;
      const policy = spec.dnsPolicy?.value;
      let why: string;
      let want: string | undefined;
      if (spec.hostNetwork && (policy === undefined || policy === 'ClusterFirst')) {
        why = `uses hostNetwork with ${policy ? 'dnsPolicy ClusterFirst' : 'the default dnsPolicy (ClusterFirst)'}, which falls back to the node's DNS settings`;
        want = 'ClusterFirstWithHostNet';
      } else if (policy === 'Default') {
        why = 'has dnsPolicy Default, which is the node\'s resolver (not the default policy)';
        want = spec.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst';
      } else if (policy === 'None' && !(spec.dnsConfig?.nameservers ?? []).some((n) => n.value === ctx.model.dnsServiceIP)) {
        why = `has dnsPolicy None and its nameservers do not include the cluster DNS (${ctx.model.dnsServiceIP})`;
      } else {
        continue;
      }
      const ref = spec.refs.find((r) => isClusterName(ctx, ns, r));
      if (!ref) continue;
      const at = spec.dnsPolicy ?? hostNetworkValue(ctx.text(s.file), s) ?? ref.loc;
      report({
        file: s.file,
        at,
        message: `${cap(s.what)} ${why}: "${ref.name}" (${ref.where}) does not resolve`,
        related: [{ span: spanOf(s.file, ref.loc), message: `cluster name used in ${ref.where}` }],
        fix: want ? policyFix(ctx, s, want) : undefined,
      });
    }
  },
};

/** Does a name in the pod mean a cluster Service (or pod) name? */
function isClusterName(ctx: CheckContext, ns: NamespaceState, r: StringRef): boolean {
  const name = r.name.toLowerCase().replace(/\.$/, '');
  const domain = ctx.model.settings.clusterDomain;
  if (r.strength === 'fqdn') return /\.(svc|pod)$/.test(name) || name.endsWith(`.svc.${domain}`) || name.endsWith(`.pod.${domain}`);
  const labels = name.split('.');
  if (r.strength === 'short') return ns.services.has(name);
  if (labels.length === 2) {
    ctx.dependsOn(labels[1]);
    return !!ctx.model.service(labels[1], labels[0]);
  }
  return false;
}

/** The `true` of `hostNetwork: true` in a pod spec, found in the text. */
function hostNetworkValue(text: string | undefined, s: PodSource): Loc | undefined {
  if (text === undefined) return undefined;
  const body = text.slice(s.specLoc.start, s.specLoc.end);
  const m = /(^|[\s{,])hostNetwork[ \t]*:[ \t]*(true)\b/m.exec(body);
  if (!m) return undefined;
  const start = s.specLoc.start + m.index + m[0].length - m[2].length;
  return { start, end: start + m[2].length };
}

function policyFix(ctx: CheckContext, s: PodSource, want: string): FixData | undefined {
  const title = `Set dnsPolicy: ${want}`;
  const text = ctx.text(s.file);
  if (s.spec.dnsPolicy) return { title, edits: [replaceScalar(s.file, text, s.spec.dnsPolicy, want)] };
  const hn = hostNetworkValue(text, s);
  if (text === undefined || !hn) return undefined;
  const edit = insertSiblingAfter(s.file, text, hn.start, hn.end, `dnsPolicy: ${want}`);
  return edit ? { title, edits: [edit] } : undefined;
}
