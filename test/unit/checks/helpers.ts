// Shared by the check tests: run the checks over a folder or over inline files, format findings,
// apply quick fixes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import type { ModelSettings } from '../../../server/src/core/model/settings';
import { loadFolder } from '../../../server/src/core/workspace/load';
import { allRules } from '../../../server/src/core/checks/catalog';
import { applyEdits } from '../../../server/src/core/checks/support/yamlEdits';
import type { Problem } from '../../../server/src/core/types';

/** Compiled tests live in out/test/unit/checks. */
export const repoRoot = path.resolve(__dirname, '../../../..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'checks');

const CHECK_CODES = new Set(allRules().filter((r) => r.kind === 'check').map((r) => r.code));

export interface Found {
  file: string;
  problem: Problem;
  /** The text the span covers. */
  text: string;
}

export interface CheckRun {
  model: ClusterModel;
  engine: DiagnosticsEngine;
  /** Check findings only (not YAML or API validation problems), sorted by file and offset. */
  findings: Found[];
  /** Every problem of every file. */
  all: Found[];
  textOf(file: string): string;
}

function collect(model: ClusterModel, engine: DiagnosticsEngine, textOf: (f: string) => string): CheckRun {
  engine.checkAll();
  const all: Found[] = [];
  for (const f of engine.filesWithProblems()) {
    const text = textOf(f);
    for (const p of engine.problemsFor(f)) all.push({ file: f, problem: p, text: text.slice(p.span.start, p.span.end) });
  }
  all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.problem.span.start - b.problem.span.start));
  return { model, engine, all, findings: all.filter((x) => CHECK_CODES.has(x.problem.code)), textOf };
}

/** Load a folder from disk and run every check. */
export function checkFolder(dir: string, settings?: Partial<ModelSettings>): CheckRun {
  const ws = loadFolder(dir, { settings });
  const engine = new DiagnosticsEngine(ws.model);
  return collect(ws.model, engine, (f) => fs.readFileSync(f, 'utf8'));
}

/** Run every check over in-memory files (name → text). */
export function checkTexts(files: Record<string, string>, settings?: Partial<ModelSettings>): CheckRun {
  const model = new ClusterModel(settings);
  for (const [name, text] of Object.entries(files)) model.setFile(readManifestText(name, text));
  model.refresh();
  const engine = new DiagnosticsEngine(model, undefined, (f) => files[f]);
  return collect(model, engine, (f) => files[f] ?? '');
}

/** `file:line [severity] code «span» message` */
export function describe(x: Found, root?: string): string {
  const rel = root ? path.relative(root, x.file) : x.file;
  return `${rel} [${x.problem.severity}] ${x.problem.code} «${x.text}» ${x.problem.message}`;
}

/** Apply a finding's quick fix to the in-memory files it edits. */
export function applyFix(files: Record<string, string>, p: Problem): Record<string, string> {
  if (!p.fix) throw new Error(`no fix on ${p.code}: ${p.message}`);
  const out = { ...files };
  const byFile = new Map<string, typeof p.fix.edits>();
  for (const e of p.fix.edits) {
    const l = byFile.get(e.file) ?? [];
    l.push(e);
    byFile.set(e.file, l);
  }
  for (const [f, edits] of byFile) out[f] = applyEdits(out[f] ?? '', edits);
  return out;
}

/**
 * Inline YAML with a caret marker: `$0` marks where the expected span starts. Returns the text without
 * the marker and the marker's offset.
 */
export function marked(text: string): { text: string; at: number } {
  const at = text.indexOf('$0');
  if (at < 0) throw new Error('no $0 marker');
  return { text: text.slice(0, at) + text.slice(at + 2), at };
}

/** Remove the common leading indentation of a template literal (first line break dropped). */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let s = strings.reduce((acc, str, i) => acc + str + (i < values.length ? String(values[i]) : ''), '');
  s = s.replace(/^\n/, '');
  const indents = s
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => /^ */.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return s
    .split('\n')
    .map((l) => l.slice(Math.min(min, /^ */.exec(l)![0].length)))
    .join('\n')
    .replace(/[ \t]+$/, '');
}
