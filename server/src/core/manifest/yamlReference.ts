// The reference YAML reader: the `yaml` package (complete YAML 1.1/1.2, exact error reporting),
// converted to our plain tree. Used for every file the fast scanner declines, and as the oracle the
// fast scanner is tested against.
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, visit, Scalar, type Alias, type Document, type Node, type ParsedNode } from 'yaml';
import type { YDoc, YError, YNode, YPair, YScalarValue } from './yast';

/** More nodes than this from aliases in one document is an alias bomb: the document is refused. */
const ALIAS_NODE_BUDGET = 100_000;

const YAML11_DROPPED_TAGS = new Set([
  'tag:yaml.org,2002:timestamp', // go-yaml v2 leaves timestamps as strings
  'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:pairs',
  'tag:yaml.org,2002:set',
]);

interface ConvState {
  doc: Document.Parsed;
  budget: number;
  depth: number;
  /** What every alias of the document means, found in one pass (built at the first alias). */
  aliases?: Map<Alias, Node | undefined>;
}

/**
 * The node each alias stands for: the last node anchored with its name before it, in document order
 * (what `Alias.resolve()` answers; that walks the whole document on every call, which made a document
 * of a few thousand aliases take minutes).
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const out = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) out.set(node, anchors.get(node.source));
      else if (typeof (node as { anchor?: unknown }).anchor === 'string') anchors.set((node as { anchor: string }).anchor, node);
    },
  });
  return out;
}

class AliasBudgetExceeded extends Error {}

/** Flow collections nested deeper than this are refused before the `yaml` package sees them. */
export const MAX_FLOW_DEPTH = 256;

/**
 * Offset where flow nesting (`[`/`{` outside quotes and comments) first exceeds `max`, or -1. The `yaml`
 * package exhausts V8's regular-expression memory on a few thousand levels and takes the process down
 * with it (an uncatchable fatal error), so absurd nesting must never reach it.
 */
export function excessiveFlowNesting(text: string, max = MAX_FLOW_DEPTH): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 10 && quote === 34) continue;
      continue;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
    } else if ((c === 34 || c === 39) && startsScalar(text, i)) {
      quote = c;
    } else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    }
  }
  return -1;
}

/** A quote opens a quoted scalar only where a scalar can start (not inside `it's`). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
  if (j < 0) return true;
  const p = text.charCodeAt(j);
  return p === 10 || p === 58 /* : */ || p === 45 /* - */ || p === 91 || p === 123 || p === 44 /* , */ || p === 63 /* ? */;
}

export function parseYamlReference(text: string): YDoc[] {
  const deep = excessiveFlowNesting(text);
  if (deep >= 0) {
    return [{ contents: null, errors: [{ start: deep, end: deep + 1, message: `Flow collections nested more than ${MAX_FLOW_DEPTH} levels deep: not read`, code: 'NESTING_LIMIT' }] }];
  }
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, {
      version: '1.1',
      prettyErrors: false,
      keepSourceTokens: false,
      // keep YAML 1.1 scalars except those Kubernetes' decoder does not produce
      customTags: (tags) =>
        tags.filter((t) => {
          const tag = typeof t === 'object' && t && 'tag' in t ? (t as { tag: string; format?: string }) : undefined;
          if (!tag) return true;
          if (YAML11_DROPPED_TAGS.has(tag.tag)) return false;
          // sexagesimal ints/floats (`190:20:30`) are not numbers to go-yaml v2
          if (tag.format === 'TIME') return false;
          return true;
        }),
    }) as unknown;
    docs = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
    if (!Array.isArray(parsed)) {
      const empty = parsed as { errors?: { pos: [number, number]; message: string; code: string }[] };
      if (empty.errors && empty.errors.length) {
        return [{ contents: null, errors: empty.errors.map((e) => toYError(e, text.length)) }];
      }
    }
  } catch (e) {
    // The library itself failed: stack exhaustion on absurd (block) nesting, or a bug. One error for the file.
    if (e instanceof RangeError) return [{ contents: null, errors: [{ start: 0, end: Math.min(text.length, 1), message: 'Document nested too deeply to read', code: 'NESTING_LIMIT' }] }];
    return [{ contents: null, errors: [{ start: 0, end: Math.min(text.length, 1), message: `YAML could not be read: ${(e as Error).message}`, code: 'PARSER_FAILURE' }] }];
  }
  const out: YDoc[] = [];
  for (const doc of docs) {
    const errors: YError[] = doc.errors.map((e) => toYError(e, text.length));
    let contents: YNode | null = null;
    if (errors.length === 0) {
      try {
        contents = convert(doc.contents as ParsedNode | null, { doc, budget: ALIAS_NODE_BUDGET, depth: 0 });
      } catch (e) {
        const r = (doc.contents as ParsedNode | null)?.range;
        const start = r ? r[0] : 0;
        if (e instanceof AliasBudgetExceeded) {
          errors.push({ start, end: start + 1, message: 'Too many alias expansions (alias bomb?): document ignored', code: 'ALIAS_BUDGET' });
        } else if (e instanceof RangeError) {
          errors.push({ start, end: start + 1, message: 'Document nested too deeply to read', code: 'NESTING_LIMIT' });
        } else {
          throw e;
        }
        contents = null;
      }
    }
    out.push({ contents, errors });
  }
  return out;
}

function toYError(e: { pos: [number, number]; message: string; code: string }, len: number): YError {
  const start = Math.max(0, Math.min(e.pos?.[0] ?? 0, len));
  let end = Math.max(start, Math.min(e.pos?.[1] ?? start, len));
  if (end === start && start < len) end = start + 1;
  // the library's own stack exhaustion on deep (block) nesting: valid YAML we cannot read, not an error in it
  if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) return { start, end, message: 'Document nested too deeply to read', code: 'NESTING_LIMIT' };
  return { start, end, message: firstLine(e.message), code: e.code };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function convert(node: ParsedNode | Node | null | undefined, st: ConvState): YNode | null {
  if (node == null) return null;
  if (--st.budget < 0) throw new AliasBudgetExceeded();
  if (isAlias(node)) {
    st.aliases ??= aliasTargets(st.doc);
    const target = st.aliases.get(node);
    if (!target) return null;
    return convert(target as Node, st);
  }
  const range = (node as ParsedNode).range;
  if (isScalar(node)) {
    const s = node as Scalar;
    if (s.source === '' && s.value === null) return null; // empty value
    return {
      t: 'scalar',
      start: range[0],
      end: range[1],
      value: scalarValue(s),
      quoted: s.type !== undefined && s.type !== Scalar.PLAIN,
    };
  }
  if (isMap(node)) {
    const pairs: YPair[] = [];
    const merged: YPair[] = [];
    for (const p of node.items) {
      if (isMergeKey(p.key)) {
        // YAML 1.1 merge key (`<<: *base` or `<<: [*a, *b]`), expanded as Kubernetes' decoder does:
        // keys written in the mapping win, then earlier merged mappings win over later ones.
        const src = convert(p.value as Node | null, st);
        const sources = src?.t === 'seq' ? src.items : [src];
        for (const m of sources) if (m && m.t === 'map') merged.push(...m.pairs);
        continue;
      }
      pairs.push({ key: convert(p.key as Node | null, st), value: convert(p.value as Node | null, st) });
    }
    const end = collectionEnd(node.flow === true, range, [...pairs, ...merged].flatMap((p) => [p.key, p.value]));
    if (merged.length) {
      const seen = new Set(pairs.map((p) => keyText(p.key)));
      for (const p of merged) {
        const k = keyText(p.key);
        if (seen.has(k)) continue;
        seen.add(k);
        pairs.push(p);
      }
    }
    return { t: 'map', start: range[0], end: Math.max(end, range[0]), pairs };
  }
  if (isSeq(node)) {
    const items = node.items.map((i) => convert(i as Node | null, st));
    return { t: 'seq', start: range[0], end: collectionEnd(node.flow === true, range, items), items };
  }
  return null;
}

function collectionEnd(flow: boolean, range: [number, number, number], children: (YNode | null)[]): number {
  if (flow) return range[1];
  let end = range[0];
  for (const c of children) if (c && c.end > end) end = c.end;
  return end;
}

function scalarValue(s: Scalar): YScalarValue {
  const v = s.value as unknown;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  // anything exotic (dates, binary) falls back to its source text
  return typeof s.source === 'string' ? s.source : String(v);
}

function isMergeKey(k: unknown): boolean {
  if (!isScalar(k)) return false;
  const s = k as Scalar;
  return typeof s.value === 'symbol' || (s.type === Scalar.PLAIN && s.source === '<<');
}

function keyText(k: YNode | null): string {
  return k && k.t === 'scalar' ? String(k.value) : '\u0000complex';
}
