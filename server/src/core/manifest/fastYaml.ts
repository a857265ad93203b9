// The fast YAML scanner for the bulk of the workspace. It handles the block and flow subset real
// manifests use and returns undefined for anything else (the reference reader then takes over).
// Its output must equal parseYamlReference's for every input it accepts.
//
// Declined by design: anchors, aliases, tags, directives, complex (`?`) keys, merge keys (`<<`),
// duplicate keys, tabs used as indentation or separation in block context, block scalars at the
// document root, content on a `---` line, key/value pairs inside flow sequences, empty values and
// keys without values in flow mappings, multi-line plain scalars inside flow collections, lone CR line
// breaks, a BOM anywhere but at the start, nesting deeper than 200 levels, and every syntax error.
import { scanStream } from './fastyaml/scanner';
import type { YDoc } from './yast';

export function parseYamlFast(text: string): YDoc[] | undefined {
  try {
    return scanStream(text);
  } catch {
    // DECLINE, or anything unexpected (e.g. stack exhaustion): the reference reader decides.
    return undefined;
  }
}
