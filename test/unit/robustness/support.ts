// Shared by the robustness suites: a workspace indexed the way the language server indexes it (in
// process, no connection), every editor feature run at sampled offsets, every DNS name of the model
// asked, and the one invariant all of them share: every span points inside a file of the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { WorkspaceIndex, pathToUri } from '../../../server/src/lsp/workspace';
import type { Workspace } from '../../../server/src/service/context';
import { parseSettings } from '../../../server/src/lsp/settings';
import { hoverAt } from '../../../server/src/service/hover';
import { definitionAt } from '../../../server/src/service/definition';
import { referencesAt } from '../../../server/src/service/references';
import { completionAt } from '../../../server/src/service/completion';
import { codeLenses } from '../../../server/src/service/codeLens';
import { codeActionsFor } from '../../../server/src/service/codeActions';
import { fqdnAt } from '../../../server/src/service/fqdnAt';
import { clusterTree } from '../../../server/src/service/clusterTree';
import { workspaceSymbolsFor } from '../../../server/src/service/workspaceSymbols';
import { toDiagnostic } from '../../../server/src/lsp/convert';
import { locate } from '../../../server/src/core/features/locate';
import { nslookup, type DnsRecord } from '../../../server/src/core/dns';
import type { FileResult } from '../../../server/src/core/manifest/objects';
import type { Problem, Span } from '../../../server/src/core/types';
import { computeLineStarts, offsetAt } from '../../../server/src/core/util/lines';
import type { Location, Range } from 'vscode-languageserver';

/** The repository root (compiled tests live in out/test/unit/robustness). */
export const repoRoot = path.resolve(__dirname, '../../../..');
/** The shared corpus, checked out beside the repository. */
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const haveCorpus = fs.existsSync(path.join(corpusRoot, 'real'));

/** Every file under `dir` (sorted, relative paths with `/`). */
export function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** A WorkspaceIndex over folders on disk, indexed as the server does at start (no connection). */
export async function indexFolders(dirs: string[], settings: Record<string, unknown> = {}): Promise<WorkspaceIndex> {
  const ws = new WorkspaceIndex(() => undefined);
  ws.settings = parseSettings(settings);
  ws.folders = dirs.map((d) => ({ uri: pathToUri(d), path: d }));
  await ws.reindex();
  return ws;
}

// ---------------------------------------------------------------- spans

/** The offsets of a span lie inside its file, and the file is one of the workspace's (built-ins have none). */
export function assertSpan(ws: Pick<Workspace, 'file'>, s: Span | undefined, what: string): void {
  if (!s || s.file === '') return;
  const f = ws.file(s.file);
  assert.ok(f, `${what}: span in a file the workspace does not hold: ${s.file}`);
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: offsets ${s.start}..${s.end} are not integers`);
  assert.ok(0 <= s.start && s.start <= s.end && s.end <= f.length, `${what}: ${s.start}..${s.end} outside ${s.file} (length ${f.length})`);
}

/** An LSP range inside a file's lines. */
export function assertRange(ws: Pick<Workspace, 'file'>, uri: string, r: Range | undefined, what: string): void {
  if (!r) return;
  const f = ws.file(uri);
  assert.ok(f, `${what}: range in a file the workspace does not hold: ${uri}`);
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < f.lineStarts.length && p.character >= 0, `${what}: ${p.line}:${p.character} outside ${uri}`);
    const next = p.line + 1 < f.lineStarts.length ? f.lineStarts[p.line + 1] : f.length;
    assert.ok(f.lineStarts[p.line] + p.character <= next, `${what}: ${p.line}:${p.character} past the end of its line in ${uri}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts`);
}

export function assertLocation(ws: Pick<Workspace, 'file'>, l: Location, what: string): void {
  assertRange(ws, l.uri, l.range, what);
}

/** `[label](uri#Lline)` links of a hover: the file is known and the line exists. */
export function assertHoverLinks(ws: Pick<Workspace, 'file'>, markdown: string, what: string): number {
  let n = 0;
  for (const m of markdown.matchAll(/\]\(([^()\s]+)#L(\d+)\)/g)) {
    const f = ws.file(m[1]);
    assert.ok(f, `${what}: hover links to a file the workspace does not hold: ${m[1]}`);
    const line = Number(m[2]);
    assert.ok(line >= 1 && line <= f.lineStarts.length, `${what}: hover links to line ${line} of ${m[1]} (${f.lineStarts.length} lines)`);
    n++;
  }
  return n;
}

/** Every problem of a file: its span, its related spans, its quick-fix edits. */
export function assertProblem(ws: Pick<Workspace, 'file'>, p: Problem, what: string): void {
  assertSpan(ws, p.span, `${what} ${p.code}`);
  for (const r of p.related ?? []) assertSpan(ws, r.span, `${what} ${p.code} related`);
  for (const e of p.fix?.edits ?? []) {
    if (p.fix?.createsFile) continue;
    assertSpan(ws, e, `${what} ${p.code} fix`);
  }
}

// ---------------------------------------------------------------- offsets

/**
 * Every `step`th offset (coarser in files over 200 kB: at most ~2,000 of those per file), the end of the
 * file, and where every field of every object starts, ends and has its middle (in files of thousands of
 * objects, an even sample of at most ~6,000 of all these).
 */
export function sampleOffsets(file: FileResult, step = 97): number[] {
  step = Math.max(step, Math.ceil(file.length / 2000));
  const out = new Set<number>([0, file.length]);
  for (let i = 0; i < file.length; i += step) out.add(i);
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 12) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') {
      out.add(o.start);
      out.add(o.end);
      if (o.end > o.start) out.add((o.start + o.end) >> 1);
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'problems') visit(x, depth + 1);
  };
  for (const o of file.objects) visit(o, 0);
  const all = [...out].filter((x) => x >= 0 && x <= file.length).sort((a, b) => a - b);
  // files of thousands of objects: every k-th of their offsets, at most ~6,000
  const k = Math.ceil(all.length / 6000);
  return k <= 1 ? all : all.filter((_, i) => i % k === 0);
}

// ---------------------------------------------------------------- features

export interface FeatureCounts {
  calls: number;
  /** The slowest single request, in ms, and what it was. */
  slowestMs: number;
  slowest: string;
  hovers: number;
  links: number;
  locations: number;
  completions: number;
  lenses: number;
  actions: number;
}

export function newCounts(): FeatureCounts {
  return { calls: 0, slowestMs: 0, slowest: '', hovers: 0, links: 0, locations: 0, completions: 0, lenses: 0, actions: 0 };
}

/** Every editor feature at `offsets` of one file; every answer points inside the workspace. */
export function exerciseFile(index: Workspace, uri: string, offsets: readonly number[], counts: FeatureCounts = newCounts()): FeatureCounts {
  // the text of a file that is not open is read from disk on every request: read it once here
  const texts = new Map<string, string | undefined>();
  const ws: Workspace = Object.create(index, {
    text: { value: (u: string) => (texts.has(u) ? texts.get(u) : (texts.set(u, index.text(u)), texts.get(u))) },
  });
  const file = ws.file(uri);
  if (!file) return counts;
  const what = (feature: string, offset: number) => `${feature} at ${uri}:${offset}`;
  const timed = <T>(feature: string, offset: number, f: () => T): T => {
    const started = process.hrtime.bigint();
    const r = f();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ms > counts.slowestMs) {
      counts.slowestMs = ms;
      counts.slowest = what(feature, offset);
    }
    return r;
  };
  for (const offset of offsets) {
    counts.calls += 7;
    const el = timed('locate', offset, () => locate(file, offset, ws.model.settings.defaultNamespace));
    if (el) assertSpan(ws, { file: uri, ...el.at }, what('locate', offset));
    const h = timed('hover', offset, () => hoverAt(ws, uri, offset));
    if (h) {
      counts.hovers++;
      assertRange(ws, uri, h.range, what('hover', offset));
      counts.links += assertHoverLinks(ws, (h.contents as { value: string }).value, what('hover', offset));
    }
    for (const l of timed('definition', offset, () => definitionAt(ws, uri, offset))) {
      counts.locations++;
      assertLocation(ws, l, what('definition', offset));
    }
    for (const l of timed('references', offset, () => referencesAt(ws, uri, offset, true))) {
      counts.locations++;
      assertLocation(ws, l, what('references', offset));
    }
    const c = timed('completion', offset, () => completionAt(ws, uri, offset));
    for (const item of c?.items ?? []) {
      counts.completions++;
      const te = item.textEdit as { range: Range } | undefined;
      if (te) assertRange(ws, uri, te.range, what('completion', offset));
    }
    const f = timed('fqdnAt', offset, () => fqdnAt(ws, uri, offset));
    if (f.fqdn) assert.ok(f.fqdn.length <= 1024, what('fqdnAt', offset));
  }
  counts.calls++;
  for (const lens of codeLenses(ws, uri)) {
    counts.lenses++;
    assertRange(ws, uri, lens.range, `code lens in ${uri}`);
  }
  // quick fixes of every diagnostic of the file, as the client asks for them
  const diagnostics = ws.engine.problemsFor(uri, ws.settings.severity).map((p) => toDiagnostic(ws, file, p));
  if (diagnostics.length) {
    counts.calls++;
    const all = { start: { line: 0, character: 0 }, end: { line: file.lineStarts.length, character: 0 } };
    for (const a of codeActionsFor(ws, { textDocument: { uri }, context: { diagnostics }, range: all })) {
      counts.actions++;
      for (const [u, edits] of Object.entries(a.edit?.changes ?? {})) {
        if (!ws.file(u)) continue; // a fix may create a file
        for (const e of edits) assertRange(ws, u, e.range, `quick fix "${a.title}" in ${uri}`);
      }
    }
  }
  return counts;
}

/** The workspace-wide requests: cluster tree, symbols. */
export function exerciseWorkspace(ws: Workspace): void {
  const tree = clusterTree(ws);
  const visit = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 12) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o.uri === 'string' && o.range) assertLocation(ws, o as unknown as Location, 'cluster tree');
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  visit(tree, 0);
  for (const q of ['', 'a', 'svc', 'default', 'kube']) {
    for (const s of workspaceSymbolsFor(ws, q)) assertLocation(ws, s.location, `workspace symbol "${q}"`);
  }
}

// ---------------------------------------------------------------- DNS

export interface DnsCounts {
  services: number;
  queries: number;
  answers: number;
  nslookups: number;
  records: number;
}

/**
 * Every Service name and every hostname the model produces, asked as FQDN (A, AAAA, SRV), and the short
 * Service name looked up with nslookup from its namespace; then the whole zone (`records()`). Every
 * record's origin points inside the workspace.
 */
export function sweepDns(ws: Workspace): DnsCounts {
  const model = ws.model;
  const resolver = ws.engine.resolver;
  const zone = model.settings.clusterDomain;
  const counts: DnsCounts = { services: 0, queries: 0, answers: 0, nslookups: 0, records: 0 };
  const checkRecord = (r: DnsRecord, what: string) => {
    for (const s of r.origin?.spans ?? []) assertSpan(ws, s, `${what}: origin of ${r.name} ${r.type}`);
  };
  for (const svc of model.services()) {
    counts.services++;
    const base = `${svc.name}.${svc.namespace}.svc.${zone}.`;
    const names = new Set([base]);
    for (const e of svc.endpoints) if (e.hostname) names.add(`${e.hostname}.${base}`);
    for (const p of svc.selectedPods) if (p.hostname && p.subdomain === svc.name) names.add(`${p.hostname}.${base}`);
    for (const name of names) {
      for (const type of ['A', 'AAAA', 'SRV'] as const) {
        counts.queries++;
        const a = resolver.query(name, type);
        counts.answers += a.answers.length;
        for (const r of [...a.answers, ...a.additional, ...a.authority]) checkRecord(r, `${type} ${name}`);
      }
    }
    counts.nslookups++;
    const run = nslookup(model, svc.name, { from: { namespace: svc.namespace }, resolver });
    assert.ok(run.exitCode === 0 || run.exitCode === 1, `nslookup ${svc.name} from ${svc.namespace}`);
    for (const a of [run.lookup.final?.answer, run.followUp?.answer]) for (const r of a?.answers ?? []) checkRecord(r, `nslookup ${svc.name}`);
  }
  for (const r of resolver.records()) {
    counts.records++;
    checkRecord(r, 'zone');
  }
  return counts;
}

// ---------------------------------------------------------------- diagnostics

/** Every problem of every file of the workspace, checked for spans; counted by code. */
export function allProblems(ws: Workspace): { byCode: Map<string, number>; byFile: Map<string, Problem[]>; total: number } {
  const byCode = new Map<string, number>();
  const byFile = new Map<string, Problem[]>();
  let total = 0;
  for (const f of ws.model.allFiles()) {
    const problems = ws.engine.problemsFor(f.file, ws.settings.severity);
    for (const p of problems) {
      assertProblem(ws, p, f.file);
      byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
      total++;
    }
    if (problems.length) byFile.set(f.file, problems);
  }
  return { byCode, byFile, total };
}

/** `code: n, code: n` sorted by count. */
export function formatCounts(m: ReadonlyMap<string, number>): string {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ') || '(none)';
}

/** A position → offset round trip, as the LSP layer computes it. */
export function offsetOf(text: string, line: number, character: number): number {
  return offsetAt(computeLineStarts(text), text.length, line, character);
}

export { pathToUri };

/** Heap in use after a full garbage collection, in MB. */
export function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}
