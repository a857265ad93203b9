// Shared helpers for the fast-YAML differential tests: corpus access, the fast-vs-reference check and
// the text mutations the property tests apply.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseYamlFast } from '../../../server/src/core/manifest/fastYaml';
import { parseYamlReference } from '../../../server/src/core/manifest/yamlReference';
import type { YDoc } from '../../../server/src/core/manifest/yast';

/** The repository root (compiled tests live in out/test/unit/manifest/). */
export const repoRoot = path.resolve(__dirname, '../../../..');
/** The shared corpus, checked out beside the repository. */
export const corpusDir = path.join(repoRoot, '..', 'shared', 'corpus');
export const genWorkspaceScript = path.join(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

export function listFiles(dir: string, filter: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (filter(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

export interface Outcome {
  /** The fast scanner accepted the text (and then agreed with the reference). */
  accepted: boolean;
  fast: YDoc[] | undefined;
  reference: YDoc[] | undefined;
}

/**
 * The differential check: if the fast scanner accepts `text`, its documents must deep-equal the
 * reference's (Object.is on numbers: NaN equals NaN, -0 differs from 0). The fast scanner must never throw.
 */
export function checkAgainstReference(text: string, label = 'input'): Outcome {
  let fast: YDoc[] | undefined;
  assert.doesNotThrow(() => {
    fast = parseYamlFast(text);
  }, `parseYamlFast threw on ${label}`);
  if (fast === undefined) return { accepted: false, fast, reference: undefined };
  const reference = parseYamlReference(text);
  assert.deepStrictEqual(fast, reference, `fast scanner disagrees with the reference on ${label}: ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '…' : text)}`);
  return { accepted: true, fast, reference };
}

/** Fragments the mutations insert: indicators, quotes, tabs, brackets, markers, escapes, line breaks. */
export const INSERTIONS = [
  ':', ': ', '-', '- ', '#', ' #', '"', "'", '\t', '{', '}', '[', ']', ',', ' ', '  ', '\n', '|', '>', '|-', '>+', '|2',
  '?', '&a ', '*a', '!', '...', '---', '\\', "''", '\r\n', 'yes', '0x1F', '~', '.5', '1e3', '\\n', '\\x41', '\\u00e9',
  ': x', 'a: b', '- a', '%', '@', '`', '<<', '"a":', '{a: 1}', '[1, 2]', '\n  ', '\n- ', '\n    ', '0', 'null', '\uFEFF', '\r',
  '\n#c\n', '\n\n# c\n', '\n\n', '#x', '\n  #c\n',
];

export type Mutation =
  | { op: 'delete'; line: number }
  | { op: 'duplicate'; line: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'dedent'; line: number }
  | { op: 'insert'; line: number; at: number; text: string }
  | { op: 'cut'; line: number; at: number; len: number }
  | { op: 'swap'; line: number; other: number };

/** Applies mutations (line and column numbers are taken modulo the text's size) and an optional truncation. */
export function mutate(text: string, mutations: Mutation[], truncateAt?: number): string {
  const lines = text.split('\n');
  const li = (k: number): number => k % Math.max(1, lines.length);
  for (const m of mutations) {
    const i = li(m.line);
    const l = lines[i] ?? '';
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, l);
        break;
      case 'indent':
        lines[i] = ' '.repeat(m.by) + l;
        break;
      case 'dedent':
        lines[i] = l.replace(/^ {1,3}/, '');
        break;
      case 'insert': {
        const p = m.at % (l.length + 1);
        lines[i] = l.slice(0, p) + m.text + l.slice(p);
        break;
      }
      case 'cut': {
        const p = m.at % (l.length + 1);
        lines[i] = l.slice(0, p) + l.slice(p + m.len);
        break;
      }
      case 'swap': {
        const j = li(m.other);
        lines[i] = lines[j] ?? '';
        lines[j] = l;
        break;
      }
    }
  }
  const out = lines.join('\n');
  return truncateAt === undefined ? out : out.slice(0, truncateAt % (out.length + 1));
}
