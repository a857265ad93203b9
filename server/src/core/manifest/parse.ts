// Text → YAML documents: the fast scanner first, the reference reader for what it declines.
import { parseYamlFast } from './fastYaml';
import { parseYamlReference } from './yamlReference';
import type { YDoc } from './yast';

export interface ParsedYaml {
  docs: YDoc[];
  /** True when the reference reader was used. */
  slow: boolean;
}

export function parseYaml(text: string): ParsedYaml {
  const fast = parseYamlFast(text);
  if (fast) return { docs: fast, slow: false };
  return { docs: parseYamlReference(text), slow: true };
}
