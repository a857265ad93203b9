// The fast YAML scanner for the bulk of the workspace. It handles the block and flow subset real
// manifests use and returns undefined for anything else (the reference reader then takes over).
// Its output must equal parseYamlReference's for every input it accepts.
//
// Declined by design (besides every input the reference reports an error for): anchors, aliases, tags,
// directives, complex (`? `) keys, merge keys (`<<`), tabs in block context other than trailing white
// space, block scalars at the document root, content on a `---` line; in flow collections: key/value
// pairs inside sequences, keys without values, empty values, multi-line plain scalars, keys split from
// their ':' by a line break, plain scalars starting with `?` or `:`; lone CR line breaks, a BOM
// anywhere but at the start, nesting deeper than 200 levels, keys longer than 1000 characters, and
// a text the reference refuses before parsing for its flow nesting (its guard counts `[` and `{` outside
// quotes and comments, in plain scalars too: `nested [[[…` deeper than it allows is refused as well).
// The implementation lives in fastyaml/ (scanner.ts: structure; scalars.ts: values; resolve.ts: types).
import { scanStream } from './fastyaml/scanner';
import { excessiveFlowNesting, MAX_FLOW_DEPTH } from './yamlReference';
import type { YDoc } from './yast';

export function parseYamlFast(text: string): YDoc[] | undefined {
  if (manyOpeners(text) && excessiveFlowNesting(text) >= 0) return undefined;
  try {
    return scanStream(text);
  } catch {
    // DECLINE, or anything unexpected (e.g. stack exhaustion): the reference reader decides.
    return undefined;
  }
}

/**
 * Whether the text has more `[` and `{` than the reference's flow-nesting guard allows levels (only
 * then can the guard refuse it): two native searches, ~6 ms over the 51 MB of the 10,000-file benchmark.
 */
function manyOpeners(text: string): boolean {
  let n = 0;
  for (const ch of ['[', '{']) {
    for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) if (++n > MAX_FLOW_DEPTH) return true;
  }
  return false;
}
