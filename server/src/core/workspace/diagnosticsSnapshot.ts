// The diagnostics a session last published, persisted next to the index (indexCache.ts) so that a
// reopened workspace shows them at once, before its model is built again.
//
// Diagnostics are a function of the files' contents, the settings and the server's code. The snapshot
// records all three: every file's path, size and modification time, the settings as JSON and the
// server version (with the fingerprints of the reading code and of the whole core). It is used only
// when all of them still hold: the same set of files, each with the same size and mtime, the same
// settings, the same server. A snapshot is written only while every open document equals its file on
// disk (an unsaved buffer changes diagnostics the files alone would not give).
//
// The diagnostics themselves are opaque here (the language server's LSP diagnostics): plain JSON.
// With them, what the checks found per namespace (core Problems): a reopened workspace whose files
// are all unchanged (and whose open documents equal their files) takes those instead of running every
// check again, and publishes them (the same as the diagnostics shown). And what the model's address
// allocation took from each namespace (ClusterModel.snapshot()): such a workspace's model takes its
// addresses from there and builds each namespace when it is first asked for, not all before it answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeIndexCache } from './indexCache';
import type { CheckResults } from '../checks/engine';
import type { ModelSnapshot } from '../model/cluster';
import type { Problem } from '../types';

/** Bump when the file's layout changes. */
export const SNAPSHOT_FORMAT = 3; // 2: check results; 3: the model's allocation

export interface DiagnosticsSnapshot {
  format: number;
  server: string;
  /** The settings the diagnostics were computed with, as JSON. */
  settings: string;
  /** Every file of the workspace: path, size, mtime (ms). */
  files: [string, number, number][];
  /** File URI → its diagnostics (files without any are left out). */
  diagnostics: [string, unknown[]][];
  /** What the checks found (DiagnosticsEngine.results()). */
  checks: CheckResults;
  /** What the model's address allocation took from each namespace (ClusterModel.snapshot()), when it could be had. */
  model?: ModelSnapshot;
}

/** The snapshot file that goes with a persisted index file (`index-KEY.bin` → `diagnostics-KEY.json`). */
export function snapshotFileFor(indexFile: string): string {
  return path.join(path.dirname(indexFile), path.basename(indexFile).replace(/^index-/, 'diagnostics-').replace(/\.bin$/, '.json'));
}

export async function writeDiagnosticsSnapshot(file: string, snap: DiagnosticsSnapshot): Promise<void> {
  await writeIndexCache(file, Buffer.from(JSON.stringify(snap), 'utf8'));
}

export async function removeDiagnosticsSnapshot(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true }).catch(() => undefined);
}

/** The snapshot, when the file holds one of this server and these settings; undefined otherwise. */
export async function loadDiagnosticsSnapshot(file: string, server: string, settings: string): Promise<DiagnosticsSnapshot | undefined> {
  let snap: DiagnosticsSnapshot;
  try {
    snap = JSON.parse(await fs.promises.readFile(file, 'utf8')) as DiagnosticsSnapshot;
  } catch {
    return undefined;
  }
  if (!snap || typeof snap !== 'object' || snap.format !== SNAPSHOT_FORMAT || snap.server !== server || snap.settings !== settings) return undefined;
  if (!Array.isArray(snap.files) || !Array.isArray(snap.diagnostics)) return undefined;
  for (const f of snap.files) if (!Array.isArray(f) || typeof f[0] !== 'string' || typeof f[1] !== 'number' || typeof f[2] !== 'number') return undefined;
  for (const d of snap.diagnostics) if (!Array.isArray(d) || typeof d[0] !== 'string' || !Array.isArray(d[1])) return undefined;
  if (!isCheckResults(snap.checks)) return undefined;
  // a model part that is not one is left out: the model is then built in full
  if (snap.model !== undefined && !isModelSnapshot(snap.model)) delete snap.model;
  return snap;
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isOffset = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

/** The shape a check result must have to be used (a damaged file must not reach the editor). */
function isCheckResults(c: unknown): c is CheckResults {
  if (!c || typeof c !== 'object' || !Array.isArray((c as CheckResults).namespaces)) return false;
  for (const n of (c as CheckResults).namespaces) {
    if (!Array.isArray(n) || !isString(n[0]) || !Array.isArray(n[1]) || !Array.isArray(n[2]) || !n[2].every(isString)) return false;
    for (const f of n[1]) if (!Array.isArray(f) || !isString(f[0]) || !Array.isArray(f[1]) || !f[1].every(isProblem)) return false;
  }
  return true;
}

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every(isString);

/** The shape ClusterModel.snapshot() gives. */
function isModelSnapshot(m: unknown): m is ModelSnapshot {
  if (!m || typeof m !== 'object' || !Array.isArray((m as ModelSnapshot).namespaces)) return false;
  for (const n of (m as ModelSnapshot).namespaces) {
    if (!Array.isArray(n) || n.length !== 9 || !isString(n[0])) return false;
    for (let i = 1; i <= 6; i++) if (!isStrings(n[i])) return false;
    if (!isCount(n[7]) || !isCount(n[8])) return false;
  }
  return true;
}

function isSpan(s: unknown): boolean {
  const x = s as { file?: unknown; start?: unknown; end?: unknown } | null;
  return !!x && typeof x === 'object' && isString(x.file) && isOffset(x.start) && isOffset(x.end) && x.start <= x.end;
}

function isProblem(p: unknown): p is Problem {
  const x = p as Problem | null;
  if (!x || typeof x !== 'object' || !isString(x.code) || !SEVERITIES.has(x.severity) || !isString(x.message) || !isSpan(x.span)) return false;
  if (x.related !== undefined && !(Array.isArray(x.related) && x.related.every((r) => !!r && isSpan(r.span) && isString(r.message)))) return false;
  if (x.fix !== undefined) {
    const f = x.fix;
    if (!f || typeof f !== 'object' || !isString(f.title) || !Array.isArray(f.edits)) return false;
    if (!f.edits.every((e) => isSpan(e) && isString(e.newText))) return false;
    if (f.createsFile !== undefined && typeof f.createsFile !== 'boolean') return false;
  }
  return true;
}

/**
 * Whether the snapshot still describes the workspace: exactly the files `paths`, each with the size and
 * mtime `stat` gives now.
 */
export function snapshotHolds(snap: DiagnosticsSnapshot, paths: ReadonlySet<string>, stat: (p: string) => { size: number; mtimeMs: number } | undefined): boolean {
  if (snap.files.length !== paths.size) return false;
  for (const [p, size, mtimeMs] of snap.files) {
    if (!paths.has(p)) return false;
    const st = stat(p);
    if (!st || st.size !== size || st.mtimeMs !== mtimeMs) return false;
  }
  return true;
}
