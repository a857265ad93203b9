// `k8sDnsLens/zoneNames`: the names of the simulated zone for the client's nslookup quick pick (Services
// first, then endpoint names, SRV names and pod address names), the namespaces, and the pods as
// `namespace/name` (to ask from).
import type { ZoneEntryType } from '../core/features/names';
import { ZoneNamesRequestMethod, type ZoneNamesResult } from '../protocol';
import type { Feature, Workspace } from './context';
import { derived } from './derived';
import { zone } from './workspaceSymbols';

/** Most names listed (a quick pick beyond this helps nobody). */
export const MAX_ZONE_NAMES = 10000;

const RANK: Record<ZoneEntryType, number> = { Service: 0, 'headless Service': 0, 'ExternalName Service': 0, endpoint: 1, SRV: 2, pod: 3 };

export function zoneNames(ws: Workspace): ZoneNamesResult {
  const model = ws.model;
  return derived(model, 'zoneNames', () => {
    const entries = [...zone(model, ws.engine.resolver)].sort((a, b) => RANK[a.type] - RANK[b.type]);
    return {
      names: entries.slice(0, MAX_ZONE_NAMES).map((e) => ({ name: e.name, type: e.type, detail: e.detail })),
      namespaces: model.namespaces(),
      pods: model
        .pods()
        .map((p) => `${p.namespace}/${p.name}`)
        .sort(),
    };
  });
}

export const zoneNamesFeature: Feature = {
  register({ index, connection }) {
    connection.onRequest(ZoneNamesRequestMethod, () => zoneNames(index));
  },
};
