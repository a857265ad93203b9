// Workspace symbols: every DNS name of the simulated zone (Services, endpoint names, SRV names, pod
// address names), so Ctrl+T `pod-a.headless1` jumps to the pod. The list is made once per model state;
// a query is a substring (then subsequence) match over it, capped.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { zoneEntries, type ZoneEntry, type ZoneEntryType } from '../core/features/names';
import type { ClusterModel } from '../core/model/cluster';
import type { Resolver } from '../core/dns/resolver';
import type { Feature, Workspace } from './context';
import { derived } from './derived';
import { location } from './present';

export const MAX_SYMBOLS = 256;

const KIND: Record<ZoneEntryType, SymbolKind> = {
  Service: SymbolKind.Interface,
  'headless Service': SymbolKind.Interface,
  'ExternalName Service': SymbolKind.Interface,
  endpoint: SymbolKind.Field,
  SRV: SymbolKind.EnumMember,
  pod: SymbolKind.Object,
};

/** The zone's names, made once per model state. */
export function zone(model: ClusterModel, resolver: Resolver): ZoneEntry[] {
  return derived(model, 'zone', () => zoneEntries(model, resolver));
}

/**
 * Entries matching `query`: substring matches first (those matching earlier, then shorter, first), then
 * subsequence matches. One pass over the entries; only the best buckets are sorted.
 */
export function matchZone(entries: readonly ZoneEntry[], query: string, max = MAX_SYMBOLS): ZoneEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return entries.slice(0, max);
  const buckets: ZoneEntry[][] = [];
  const loose: ZoneEntry[] = [];
  for (const e of entries) {
    const i = e.name.indexOf(q);
    if (i >= 0) (buckets[Math.min(i, 63)] ??= []).push(e);
    else if (loose.length < max && subsequence(q, e.name)) loose.push(e);
  }
  const out: ZoneEntry[] = [];
  for (const b of buckets) {
    if (!b) continue;
    b.sort((x, y) => x.name.length - y.name.length);
    for (const e of b) {
      if (out.length >= max) return out;
      out.push(e);
    }
  }
  for (const e of loose) {
    if (out.length >= max) break;
    out.push(e);
  }
  return out;
}

function subsequence(q: string, s: string): boolean {
  let j = 0;
  for (let i = 0; i < s.length && j < q.length; i++) if (s.charCodeAt(i) === q.charCodeAt(j)) j++;
  return j === q.length;
}

export function workspaceSymbolsFor(ws: Workspace, query: string): SymbolInformation[] {
  const entries = derived(ws.model, 'zoneWithSpans', () => zone(ws.model, ws.engine.resolver).filter((e) => e.span));
  const out: SymbolInformation[] = [];
  for (const e of matchZone(entries, query)) {
    const loc = location(ws, e.span);
    if (!loc) continue;
    out.push({ name: e.name, kind: KIND[e.type], location: loc, containerName: `${e.type} · ${e.detail}` });
  }
  return out;
}

export const workspaceSymbols: Feature = {
  capabilities(caps) {
    caps.workspaceSymbolProvider = true;
  },
  register({ index, connection }) {
    connection.onWorkspaceSymbol((p) => workspaceSymbolsFor(index, p.query));
  },
};
