// Workspaces for the feature tests, without a connection: a WorkspaceIndex fed with inline YAML (open
// documents) or a fixture folder. `$0` in a text marks the cursor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex, pathToUri } from '../../../server/src/lsp/workspace';
import { parseSettings } from '../../../server/src/lsp/settings';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';

/** The repository root (compiled tests live in out/test/unit/service). */
export const ROOT = path.resolve(__dirname, '../../../..');
export const FOLDER = '/ws';
export const FOLDER_URI = 'file:///ws';

export interface Cursor {
  uri: string;
  offset: number;
}

export interface TestWorkspace {
  ws: WorkspaceIndex;
  /** Where `$0` was (the first file that has one). */
  cursor: Cursor;
  uri(name: string): string;
  /** Offset of the `n`th occurrence (0-based) of `needle` in a file, plus `delta`. */
  offsetOf(name: string, needle: string, delta?: number, n?: number): number;
}

/** A workspace of inline files (`name → text`), opened as documents under file:///ws/. */
export function workspace(files: Record<string, string>, settings: Record<string, unknown> = {}): TestWorkspace {
  const ws = new WorkspaceIndex(() => undefined);
  ws.settings = parseSettings(settings);
  // settings reach the model through a fresh one, as a reindex makes it
  ws.model = new ClusterModel(ws.settings.model);
  ws.engine = new DiagnosticsEngine(ws.model);
  ws.folders = [{ uri: FOLDER_URI, path: FOLDER }];
  let cursor: Cursor | undefined;
  const texts = new Map<string, string>();
  const uri = (name: string) => `${FOLDER_URI}/${name}`;
  for (const [name, raw] of Object.entries(files)) {
    const at = raw.indexOf('$0');
    const text = at >= 0 ? raw.slice(0, at) + raw.slice(at + 2) : raw;
    if (at >= 0 && !cursor) cursor = { uri: uri(name), offset: at };
    texts.set(name, text);
  }
  for (const [name, text] of texts) ws.openDocument(uri(name), text, 1);
  return {
    ws,
    cursor: cursor ?? { uri: uri(Object.keys(files)[0]), offset: 0 },
    uri,
    offsetOf(name, needle, delta = 0, n = 0) {
      const t = texts.get(name)!;
      let i = -1;
      for (let k = 0; k <= n; k++) {
        i = t.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`${needle} not in ${name}`);
      }
      return i + delta;
    },
  };
}

/** A fixture folder (test/fixtures/<name>) opened as documents, with its real file URIs. */
export function fixture(name: string): TestWorkspace & { dir: string } {
  const dir = path.join(ROOT, 'test', 'fixtures', name);
  const ws = new WorkspaceIndex(() => undefined);
  ws.folders = [{ uri: pathToUri(dir), path: dir }];
  const texts = new Map<string, string>();
  for (const f of fs.readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    texts.set(f, text);
    ws.openDocument(pathToUri(path.join(dir, f)), text, 1);
  }
  const uri = (f: string) => pathToUri(path.join(dir, f));
  return {
    ws,
    dir,
    cursor: { uri: uri([...texts.keys()][0]), offset: 0 },
    uri,
    offsetOf(f, needle, delta = 0, n = 0) {
      const t = texts.get(f)!;
      let i = -1;
      for (let k = 0; k <= n; k++) {
        i = t.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`${needle} not in ${f}`);
      }
      return i + delta;
    },
  };
}

/** The Markdown of a hover, or undefined. */
export function markdown(h: { contents: unknown } | null): string | undefined {
  if (!h) return undefined;
  const c = h.contents as { value?: string };
  return c.value;
}
