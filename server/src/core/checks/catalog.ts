// Every problem code the core can report, with what it means: for the docs, the settings
// (`k8sDnsLens.diagnostics.severity`) and SARIF rule metadata.
import type { Severity } from '../types';
import { checks } from './registry';
import { validationCodes } from '../manifest/validation/codes';

export interface RuleInfo {
  code: string;
  title: string;
  help: string;
  severity: Severity;
  /** Where it comes from: reading the file, API validation, or a service-discovery check. */
  kind: 'read' | 'validation' | 'check';
}

const READ_RULES: RuleInfo[] = [
  { code: 'yaml-syntax', title: 'YAML syntax error in a manifest', help: 'The document cannot be read, so kubectl cannot apply it and nothing in it takes part in DNS.', severity: 'error', kind: 'read' },
  { code: 'templated-file', title: 'Template file skipped', help: 'Files with `{{ … }}` template directives (Helm, Go templates) are not manifests until rendered; render them (e.g. `helm template`) to check them.', severity: 'information', kind: 'read' },
  { code: 'document-too-deep', title: 'Document nested too deeply to read', help: 'Documents nested hundreds of levels deep are skipped (reading them could exhaust the stack); nothing in them takes part in DNS.', severity: 'information', kind: 'read' },
  { code: 'file-too-large', title: 'File too large to read', help: 'Very large files are skipped to keep the editor responsive.', severity: 'information', kind: 'read' },
];

let cache: Map<string, RuleInfo> | undefined;

export function allRules(): RuleInfo[] {
  return [...catalog().values()];
}

export function ruleInfo(code: string): RuleInfo {
  return catalog().get(code) ?? { code, title: code, help: '', severity: 'warning', kind: 'check' };
}

function catalog(): Map<string, RuleInfo> {
  if (cache) return cache;
  cache = new Map();
  for (const r of READ_RULES) cache.set(r.code, r);
  for (const v of validationCodes) {
    cache.set(v.code, { code: v.code, title: v.description, help: `${v.description}${v.severity === 'error' ? ' The API server refuses the object, so it takes no part in DNS.' : ''}`, severity: v.severity, kind: 'validation' });
  }
  for (const c of checks) cache.set(c.code, { code: c.code, title: c.title, help: c.help, severity: c.severity, kind: 'check' });
  return cache;
}
