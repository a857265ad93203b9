// A small, plain-data YAML tree: what the manifest reader needs and nothing more.
//
// Two producers build it and must agree exactly (a differential test holds them to it):
//  - `yamlReference.ts`, over the `yaml` package (complete YAML, slow): the reference and the fallback;
//  - `fastYaml.ts`, our own scanner for the block/flow subset real manifests use (fast), which gives up
//    (returns undefined) on anything it does not handle, so the reference takes over.
//
// Semantics of the tree:
//  - Scalars are resolved with the YAML 1.1 core types Kubernetes' decoder (go-yaml v2) uses:
//    null (`~`, `null`, empty), booleans (`true/false/yes/no/on/off/y/n` in their three casings),
//    ints (decimal, `0x` hex, `0o`/leading-0 octal, `0b` binary, `_` separators), floats (`.inf`, `.nan`,
//    decimals with exponent). No timestamps and no sexagesimal numbers: those stay strings.
//  - Offsets: a scalar spans its source text including quotes or the block-scalar header; a flow
//    collection spans `[`…`]` / `{`…`}`; a block collection spans from its first key or `-` to the end of
//    its last node.
//  - An empty value (`key:` with nothing after it, or a bare `-`) is `null` in the tree, not a node.
//  - Aliases are expanded to a copy of the anchored node (with the anchored node's offsets).

export type YScalarValue = string | number | boolean | null;

export interface YScalar {
  t: 'scalar';
  start: number;
  end: number;
  value: YScalarValue;
  /** True for single- or double-quoted and block scalars: the author wrote a string on purpose. */
  quoted: boolean;
}

export interface YPair {
  key: YNode | null;
  value: YNode | null;
}

export interface YMap {
  t: 'map';
  start: number;
  end: number;
  pairs: YPair[];
}

export interface YSeq {
  t: 'seq';
  start: number;
  end: number;
  items: (YNode | null)[];
}

export type YNode = YScalar | YMap | YSeq;

export interface YError {
  start: number;
  end: number;
  message: string;
  /** The `yaml` package's error code, or our own (e.g. `ALIAS_BUDGET`). */
  code: string;
}

export interface YDoc {
  /** The document's root node, or null for an empty document. */
  contents: YNode | null;
  /** Syntax errors of this document. A document with errors takes no part in the model. */
  errors: YError[];
}

/** Look up a key (a plain string key) in a mapping. Last one wins, like Kubernetes' decoder. */
export function get(node: YNode | null | undefined, key: string): YNode | null | undefined {
  if (!node || node.t !== 'map') return undefined;
  let found: YNode | null | undefined;
  const pairs = node.pairs;
  for (let i = 0; i < pairs.length; i++) {
    const k = pairs[i].key;
    if (k && k.t === 'scalar') {
      const v = k.value;
      if (v === key || (typeof v !== 'string' && String(v) === key)) found = pairs[i].value;
    }
  }
  return found;
}

/** The pair whose key is `key`, to reach the key's own offsets. */
export function getPair(node: YNode | null | undefined, key: string): YPair | undefined {
  if (!node || node.t !== 'map') return undefined;
  let found: YPair | undefined;
  for (const p of node.pairs) {
    const k = p.key;
    if (k && k.t === 'scalar') {
      const v = k.value;
      if (v === key || (typeof v !== 'string' && String(v) === key)) found = p;
    }
  }
  return found;
}
