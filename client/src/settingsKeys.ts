// The `k8sDnsLens.*` settings (a contract with users' settings.json and with server/src/lsp/settings.ts).
// Every key here is contributed in package.json with a description and a default (a unit test checks).

export const SECTION = 'k8sDnsLens';

export const SETTING_KEYS = [
  'clusterDomain',
  'defaultNamespace',
  'files.include',
  'files.exclude',
  'dns.podRecords',
  'dns.endpointPodNames',
  'simulation.podCIDR',
  'simulation.serviceCIDR',
  'diagnostics.severity',
  'trace.server',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** `{ 'files.include': [...] }` style values → the nested object the server parses (`{ files: { include } }`). */
export function nestSettings(get: (key: SettingKey) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = get(key);
    if (value === undefined) continue;
    const parts = key.split('.');
    let cur = out;
    for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
    cur[parts[parts.length - 1]] = value;
  }
  return out;
}
