// The catalogue of check rules: code, title, help and default severity of each, for documentation,
// the severity settings and SARIF `rules`. Derived from the registry, so it cannot drift from it.
import type { Severity } from '../types';
import { checks } from './registry';

export interface RuleInfo {
  code: string;
  title: string;
  help: string;
  severity: Severity;
}

export const checkRules: readonly RuleInfo[] = checks.map(({ code, title, help, severity }) => ({ code, title, help, severity }));

const byCode = new Map(checkRules.map((r) => [r.code, r]));

/** The rule behind a check code, or undefined for codes that are not checks (YAML, API validation). */
export function ruleInfo(code: string): RuleInfo | undefined {
  return byCode.get(code);
}
