// What a check is: one rule, one file under rules/, registered in registry.ts.
import type { ClusterModel } from '../model/cluster';
import type { NamespaceState } from '../model/state';
import type { Resolver } from '../dns/resolver';
import type { FixData, Loc, RelatedInfo, Severity } from '../types';

export interface CheckContext {
  model: ClusterModel;
  resolver: Resolver;
  /** Declare that this namespace's results depend on another namespace (re-checked when it changes). */
  dependsOn(namespace: string): void;
  /**
   * The current text of a file, for quick fixes that must see the source (indentation, line ends, a
   * missing final newline). Undefined when it cannot be had: rules then offer no fix, or a plainer one.
   */
  text(file: string): string | undefined;
}

export interface Finding {
  /** File and offsets of the problem (usually a field value). */
  file: string;
  at: Loc;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  related?: RelatedInfo[];
  fix?: FixData;
}

export interface Check {
  /** Stable rule code, used in diagnostics, settings (`k8sDnsLens.diagnostics.severity`) and SARIF. */
  code: string;
  /** One line: what the rule finds. */
  title: string;
  /** Why it breaks service discovery: shown in docs and SARIF help. */
  help: string;
  severity: Severity;
  /** Runs over one namespace; reports findings in files of that namespace. */
  run(ctx: CheckContext, ns: NamespaceState, report: (f: Finding) => void): void;
}
