// The Cluster DNS tree as plain data: namespaces → Services → endpoints → pods, built from a
// `k8sDnsLens/clusterTree` answer. No `vscode` here: the view (clusterTreeView.ts) maps these nodes to
// TreeItems, and the unit tests check labels, descriptions, icons and ids directly.
import type {
  ClusterTreeResult,
  ProtoLocation,
  ServiceKind,
  TreeEndpoint,
  TreeNamespace,
  TreePod,
  TreeService,
} from '../../../server/src/protocol';

export type NodeKind = 'namespace' | 'service' | 'endpoint' | 'pod' | 'otherPods';

/** A codicon id and an optional theme color id (both as VS Code names them). */
export interface IconSpec {
  id: string;
  color?: string;
}

export interface NodeProblem {
  code: string;
  severity: string;
  message: string;
}

export interface ClusterNode {
  /** Stable across refreshes, so VS Code keeps the expansion state. */
  id: string;
  kind: NodeKind;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  icon: IconSpec;
  namespace: string;
  /** The name to copy and to look up (absent for namespaces and groups). */
  fqdn?: string;
  /** The manifest to reveal on click. */
  location?: ProtoLocation;
  /** Words matched by `viewItem =~ /\bword\b/` in package.json menus: the kind, `dns`, `manifest`. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  problems: NodeProblem[];
  children: ClusterNode[];
}

export const serviceIcons: Readonly<Record<ServiceKind, string>> = {
  ClusterIP: 'symbol-interface',
  Headless: 'list-unordered',
  NodePort: 'plug',
  LoadBalancer: 'cloud',
  ExternalName: 'link-external',
};

const severityColors: Readonly<Record<string, string>> = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  information: 'problemsInfoIcon.foreground',
};

const severityRank = ['error', 'warning', 'information', 'hint'];

/** The most severe of the problems, or undefined. */
export function worstSeverity(problems: readonly NodeProblem[]): string | undefined {
  let best: string | undefined;
  for (const p of problems) {
    const r = severityRank.indexOf(p.severity);
    if (r >= 0 && (best === undefined || r < severityRank.indexOf(best))) best = p.severity;
  }
  return best;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function contextValue(kind: NodeKind, fqdn: string | undefined, location: ProtoLocation | undefined): string {
  return [kind, fqdn ? 'dns' : '', location ? 'manifest' : ''].filter(Boolean).join(' ');
}

function problemsTooltip(problems: readonly NodeProblem[]): string {
  if (!problems.length) return '';
  return '\n\n---\n\n' + problems.map((p) => `- **${p.severity}** \`${p.code}\`: ${p.message}`).join('\n');
}

/** Builds the whole tree. Ids are made unique (a suffix `#2`, `#3`…) should the data repeat itself. */
export function buildClusterTree(result: ClusterTreeResult): ClusterNode[] {
  const roots = result.namespaces.map((ns) => namespaceNode(ns));
  const seen = new Map<string, number>();
  const dedupe = (nodes: ClusterNode[]) => {
    for (const n of nodes) {
      const count = (seen.get(n.id) ?? 0) + 1;
      seen.set(n.id, count);
      if (count > 1) n.id = `${n.id}#${count}`;
      dedupe(n.children);
    }
  };
  dedupe(roots);
  return roots;
}

export function namespaceNode(ns: TreeNamespace): ClusterNode {
  const id = `ns:${ns.name}`;
  const children = ns.services.map((s) => serviceNode(s));
  if (ns.otherPods.length) {
    children.push({
      id: `${id}/other-pods`,
      kind: 'otherPods',
      label: 'Pods selected by no Service',
      description: plural(ns.otherPods.length, 'pod'),
      tooltip: 'Pods of this namespace that no Service selects: they still get a pod A record (`a-b-c-d.<namespace>.pod`).',
      icon: { id: 'folder' },
      namespace: ns.name,
      contextValue: 'otherPods',
      collapsible: 'collapsed',
      problems: [],
      children: ns.otherPods.map((p) => podNode(p, `${id}/other-pods`)),
    });
  }
  const problems = ns.services.reduce((n, s) => n + s.problems.length, 0);
  const description = [plural(ns.services.length, 'service'), ns.declared ? '' : 'not declared', problems ? plural(problems, 'problem') : '']
    .filter(Boolean)
    .join(' · ');
  return {
    id,
    kind: 'namespace',
    label: ns.name,
    description,
    tooltip: `**Namespace** \`${ns.name}\`${ns.declared ? '' : '\n\nNo Namespace object declares it in the workspace.'}`,
    icon: { id: 'symbol-namespace' },
    namespace: ns.name,
    contextValue: 'namespace',
    collapsible: children.length ? 'expanded' : 'none',
    problems: [],
    children,
  };
}

export function serviceDescription(s: TreeService): string {
  const parts: string[] = [];
  if (s.kind === 'ExternalName') parts.push(`CNAME → ${s.externalName ?? '?'}`);
  else if (s.kind === 'Headless') parts.push('headless');
  else parts.push(s.clusterIPs.join(', ') || 'no cluster IP', s.kind);
  if (s.kind !== 'ExternalName') {
    const ready = s.endpoints.filter((e) => e.ready).length;
    parts.push(s.endpoints.length ? `${ready}/${plural(s.endpoints.length, 'endpoint')} ready` : 'no endpoints');
  }
  if (s.builtin) parts.push('built-in');
  else if (s.simulated && s.kind !== 'ExternalName' && s.kind !== 'Headless') parts.push('IP simulated');
  if (s.problems.length) parts.push(plural(s.problems.length, 'problem'));
  return parts.join(' · ');
}

export function serviceNode(s: TreeService): ClusterNode {
  const id = `svc:${s.namespace}/${s.name}`;
  const worst = worstSeverity(s.problems);
  const lines = [
    `**${s.kind} Service** \`${s.namespace}/${s.name}\``,
    `\`${s.fqdn}\``,
    s.kind === 'ExternalName' ? `CNAME → \`${s.externalName ?? '?'}\`` : s.kind === 'Headless' ? 'Headless: the name resolves to the ready endpoints' : `Cluster IP: ${s.clusterIPs.join(', ') || '—'}${s.simulated ? ' (simulated)' : ''}`,
  ];
  return {
    id,
    kind: 'service',
    label: s.fqdn,
    description: serviceDescription(s),
    tooltip: lines.join('\n\n') + problemsTooltip(s.problems),
    icon: { id: serviceIcons[s.kind] ?? 'symbol-interface', color: worst ? severityColors[worst] : undefined },
    namespace: s.namespace,
    fqdn: s.fqdn,
    location: s.location,
    contextValue: contextValue('service', s.fqdn, s.location),
    collapsible: s.endpoints.length ? 'collapsed' : 'none',
    problems: s.problems,
    children: s.endpoints.map((e) => endpointNode(e, id, s.namespace)),
  };
}

export function endpointDescription(e: TreeEndpoint): string {
  return [e.ip, e.ready ? 'ready' : 'not ready', e.simulated ? 'simulated' : `declared (${e.source})`].join(' · ');
}

export function endpointNode(e: TreeEndpoint, parentId: string, namespace: string): ClusterNode {
  const key = e.pod ? `pod=${e.pod.namespace}/${e.pod.name}` : e.hostname ? `host=${e.hostname}` : `ip=${e.ip}`;
  const id = `${parentId}/ep:${key}`;
  const ports = e.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`).join(', ');
  return {
    id,
    kind: 'endpoint',
    label: e.dnsName,
    description: endpointDescription(e),
    tooltip: [
      `**Endpoint** \`${e.ip}\`${e.hostname ? ` (hostname \`${e.hostname}\`)` : ''}`,
      `\`${e.dnsName}\``,
      `${e.ready ? 'Ready' : 'Not ready'} · from ${e.source}${e.simulated ? ' · simulated' : ''}`,
      ports ? `Ports: ${ports}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: e.ready ? { id: 'circle-filled', color: 'testing.iconPassed' } : { id: 'circle-outline', color: 'testing.iconQueued' },
    namespace,
    fqdn: e.dnsName,
    location: e.location ?? e.pod?.location,
    contextValue: contextValue('endpoint', e.dnsName, e.location ?? e.pod?.location),
    collapsible: e.pod ? 'collapsed' : 'none',
    problems: [],
    children: e.pod ? [podNode(e.pod, id)] : [],
  };
}

/** The pod's own A record name (`10-244-0-5.default.pod.cluster.local`) if it has one, else its first name. */
export function podDnsName(p: TreePod): string | undefined {
  return p.dnsNames.find((n) => /\.pod\./.test(n)) ?? p.dnsNames[0];
}

export function podDescription(p: TreePod): string {
  return [`pod ${p.name}`, p.ips.join(', ') || 'no IP', p.ready ? 'ready' : 'not ready', p.simulated ? 'simulated' : 'declared'].join(' · ');
}

export function podNode(p: TreePod, parentId: string): ClusterNode {
  const dns = podDnsName(p);
  return {
    id: `${parentId}/pod:${p.namespace}/${p.name}`,
    kind: 'pod',
    label: dns ?? p.name,
    description: podDescription(p),
    tooltip: [`**Pod** \`${p.namespace}/${p.name}\``, ...p.dnsNames.map((n) => `\`${n}\``), `IP: ${p.ips.join(', ') || '—'}${p.simulated ? ' (simulated)' : ''}`].join('\n\n'),
    icon: { id: 'package', color: p.ready ? undefined : 'testing.iconQueued' },
    namespace: p.namespace,
    fqdn: dns,
    location: p.location,
    contextValue: contextValue('pod', dns, p.location),
    collapsible: 'none',
    problems: [],
    children: [],
  };
}

/** Depth-first search (for tests and for revealing a name). */
export function findNode(nodes: readonly ClusterNode[], pred: (n: ClusterNode) => boolean): ClusterNode | undefined {
  for (const n of nodes) {
    if (pred(n)) return n;
    const c = findNode(n.children, pred);
    if (c) return c;
  }
  return undefined;
}
