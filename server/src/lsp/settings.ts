// `k8sDnsLens.*` settings as the server uses them, with defaults and validation of what users type.
import type { ModelSettings, PodRecordsMode } from '../core/model/settings';
import { defaultSettings } from '../core/model/settings';
import { parseCidr } from '../core/model/ipam';
import type { SeverityOverrides } from '../core/checks/engine';
import { defaultExclude, defaultInclude } from '../core/workspace/scan';
import { isDns1123Label, isDns1123Subdomain } from '../core/util/dnsNames';

export interface ServerSettings {
  model: ModelSettings;
  include: string[];
  exclude: string[];
  severity: SeverityOverrides;
  /** Problems with the settings themselves, shown once to the user. */
  warnings: string[];
}

export const defaultServerSettings: ServerSettings = {
  model: { ...defaultSettings },
  include: [...defaultInclude],
  exclude: [...defaultExclude],
  severity: {},
  warnings: [],
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** From the raw `k8sDnsLens` section (any shape: it comes from users' settings.json). */
export function parseSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const get = (path: string): unknown => {
    // accept both nested objects and dotted keys
    if (path in r) return r[path];
    let cur: unknown = r;
    for (const part of path.split('.')) {
      if (!cur || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  };
  const warnings: string[] = [];
  const model: ModelSettings = { ...defaultSettings };

  const domain = get('clusterDomain');
  if (typeof domain === 'string' && domain.trim()) {
    const d = domain.trim().replace(/\.$/, '').toLowerCase();
    if (isDns1123Subdomain(d)) model.clusterDomain = d;
    else warnings.push(`k8sDnsLens.clusterDomain "${domain}" is not a valid domain; using ${defaultSettings.clusterDomain}`);
  }
  const ns = get('defaultNamespace');
  if (typeof ns === 'string' && ns.trim()) {
    if (isDns1123Label(ns.trim())) model.defaultNamespace = ns.trim();
    else warnings.push(`k8sDnsLens.defaultNamespace "${ns}" is not a valid namespace name; using ${defaultSettings.defaultNamespace}`);
  }
  const pods = get('dns.podRecords');
  if (pods === 'insecure' || pods === 'verified' || pods === 'disabled') model.podRecords = pods as PodRecordsMode;
  else if (pods !== undefined) warnings.push(`k8sDnsLens.dns.podRecords must be insecure, verified or disabled`);
  const epn = get('dns.endpointPodNames');
  if (typeof epn === 'boolean') model.endpointPodNames = epn;
  for (const [key, field] of [
    ['simulation.podCIDR', 'podCIDR'],
    ['simulation.serviceCIDR', 'serviceCIDR'],
  ] as const) {
    const v = get(key);
    if (typeof v === 'string' && v.trim()) {
      const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (parts.length >= 1 && parts.length <= 2 && parts.every((p) => parseCidr(p))) model[field] = parts.join(',');
      else warnings.push(`k8sDnsLens.${key} "${v}" is not a CIDR (or two, comma-separated); using ${defaultSettings[field]}`);
    }
  }
  const include = get('files.include');
  const exclude = get('files.exclude');
  const severityRaw = get('diagnostics.severity');
  const severity: SeverityOverrides = {};
  if (severityRaw && typeof severityRaw === 'object') {
    for (const [code, sev] of Object.entries(severityRaw as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) severity[code] = sev as SeverityOverrides[string];
      else warnings.push(`k8sDnsLens.diagnostics.severity.${code}: "${String(sev)}" is not one of error, warning, information, hint, off`);
    }
  }
  return {
    model,
    include: stringList(include) ?? [...defaultInclude],
    exclude: [...defaultExclude, ...(stringList(exclude) ?? [])],
    severity,
    warnings,
  };
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0);
  return out.length ? out : undefined;
}
