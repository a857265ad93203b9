// The items of the "Simulate nslookup…" quick input, as plain data (no `vscode`): the name step offers
// the names of the simulated zone (`k8sDnsLens/zoneNames`) and always what was typed; the type step the
// query types; the "ask from" step the namespaces and pods, the active manifest's namespace first.
import type { NslookupParams, ZoneNamesResult } from '../../../server/src/protocol';

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
}

export interface NameItem extends PickItem {
  name: string;
}

export interface TypeItem extends PickItem {
  type: string;
}

export interface FromItem extends PickItem {
  from: Pick<NslookupParams, 'fromNamespace' | 'fromPod'>;
}

export const QUERY_TYPES: readonly { type: string; description: string }[] = [
  { type: 'A', description: 'IPv4 addresses' },
  { type: 'AAAA', description: 'IPv6 addresses' },
  { type: 'SRV', description: 'named ports: _port._proto.service' },
  { type: 'CNAME', description: 'canonical name (ExternalName Services)' },
  { type: 'PTR', description: 'reverse lookup of an IP' },
  { type: 'TXT', description: 'text records' },
  { type: 'ANY', description: 'every record of the name' },
];

/**
 * What the name step shows for the text typed so far. The typed text stays an item of its own unless it
 * is exactly a listed name: `svc.ns` and `svc.ns.svc.cluster.local.` resolve differently (search list, ndots).
 * It comes LAST: VS Code knows quick-pick items by their index, so the zone names keep theirs while the
 * typed item changes under a fast Enter (the workbench still shows the exact match first).
 */
export function nameItems(zone: ZoneNamesResult | undefined, typed: string): NameItem[] {
  const value = typed.trim();
  const items: NameItem[] = (zone?.names ?? []).map((n) => ({ name: n.name, label: n.name, description: n.type, detail: n.detail || undefined }));
  if (value && !items.some((i) => i.name === value)) {
    items.push({ name: value, label: value, description: 'look up this name as typed', alwaysShow: true });
  }
  return items;
}

export function typeItems(): TypeItem[] {
  return QUERY_TYPES.map((t) => ({ type: t.type, label: t.type, description: t.description }));
}

/** A PTR query asks for an IP: turn `10.96.0.10` into `10.0.96.10.in-addr.arpa` (IPv4 only; anything else unchanged). */
export function ptrName(name: string, type: string): string {
  if (type !== 'PTR') return name;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name.trim());
  return m ? `${m[4]}.${m[3]}.${m[2]}.${m[1]}.in-addr.arpa` : name;
}

/**
 * The "ask from" step: `defaultNamespace` first (the active manifest's namespace, else the setting),
 * then the other namespaces, then the pods (`namespace/name`).
 */
export function fromItems(zone: ZoneNamesResult | undefined, defaultNamespace: string, defaultReason: string): FromItem[] {
  const namespaces = [defaultNamespace, ...(zone?.namespaces ?? []).filter((n) => n !== defaultNamespace)];
  const items: FromItem[] = namespaces.map((ns, i) => ({
    label: `$(symbol-namespace) ${ns}`,
    description: i === 0 ? `a pod in namespace ${ns} (${defaultReason})` : `a pod in namespace ${ns}`,
    from: { fromNamespace: ns },
  }));
  for (const pod of zone?.pods ?? []) {
    items.push({ label: `$(package) ${pod}`, description: "this pod (its dnsPolicy and dnsConfig apply)", from: { fromPod: pod } });
  }
  return items;
}

/** A short title for the result document: `pod-a.headless1 A from default`. */
export function queryTitle(p: NslookupParams): string {
  const from = p.fromPod ? ` from pod ${p.fromPod}` : p.fromNamespace ? ` from ${p.fromNamespace}` : '';
  return `${p.name} ${p.type ?? 'A'}${from}`;
}
