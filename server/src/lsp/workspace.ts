// The server's view of the workspace: every manifest under every folder, open documents overlaying
// the files on disk, kept current from edits and file events. It feeds the cluster model and the
// diagnostics engine incrementally and tells its owner which files' diagnostics to publish.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { readManifestText, defaultReadOptions } from '../core/manifest/readFile';
import type { FileResult } from '../core/manifest/objects';
import { ClusterModel } from '../core/model/cluster';
import { DiagnosticsEngine } from '../core/checks/engine';
import { makeMatcher, scanFolder } from '../core/workspace/scan';
import { decodeText } from '../core/workspace/load';
import { PatchIndex, isKustomizationFile } from '../core/workspace/kustomize';
import type { ServerSettings } from './settings';
import { defaultServerSettings } from './settings';

export interface Folder {
  uri: string;
  path: string;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(): void;
}

export interface ChangeListener {
  /** Files whose diagnostics may have changed, after the model and checks were updated. */
  (files: Set<string>): void;
}

const BATCH = 64;

export class WorkspaceIndex {
  model: ClusterModel;
  engine: DiagnosticsEngine;
  settings: ServerSettings = defaultServerSettings;
  folders: Folder[] = [];
  /** Open documents: uri → text (their content wins over the disk). */
  private open = new Map<string, { text: string; version: number }>();
  /** Files on disk known to be manifests candidates: uri → path. */
  private onDisk = new Map<string, string>();
  private generation = 0;
  /** Which files kustomizations list as patches; files re-read because that changed, to publish. */
  private patches = new PatchIndex();
  private reread = new Set<string>();
  indexing = false;
  /** Resolves when the current indexing run finishes. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly onChange: ChangeListener) {
    this.model = new ClusterModel(this.settings.model);
    this.engine = new DiagnosticsEngine(this.model, undefined, (uri) => this.text(uri));
  }

  // ---------------------------------------------------------------- lookups

  file(uri: string): FileResult | undefined {
    return this.model.file(uri);
  }

  /** Text of a document: the open buffer, else the file on disk. */
  text(uri: string): string | undefined {
    const o = this.open.get(uri);
    if (o) return o.text;
    const p = this.onDisk.get(uri) ?? uriToPath(uri);
    if (!p) return undefined;
    try {
      return decodeText(fs.readFileSync(p));
    } catch {
      return undefined;
    }
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  // ---------------------------------------------------------------- indexing

  /** (Re)index every folder from scratch: settings changed, folders changed, or first start. */
  reindex(progress?: IndexProgress): Promise<void> {
    const gen = ++this.generation;
    this.indexing = true;
    this.model = new ClusterModel(this.settings.model);
    this.engine = new DiagnosticsEngine(this.model, undefined, (uri) => this.text(uri));
    this.onDisk.clear();
    this.patches = new PatchIndex();
    const run = async () => {
      const paths: string[] = [];
      for (const f of this.folders) {
        for (const p of scanFolder(f.path, { include: this.settings.include, exclude: this.settings.exclude })) paths.push(p);
      }
      for (const p of paths) this.onDisk.set(pathToUri(p), p);
      // open documents first: their answers are wanted now
      for (const [uri, o] of this.open) this.model.setFile(this.read(uri, o.text));
      this.publishRefresh(new Set(this.open.keys()));
      const todo = [...this.onDisk.entries()].filter(([uri]) => !this.open.has(uri));
      progress?.begin(todo.length);
      for (let i = 0; i < todo.length; i += BATCH) {
        if (gen !== this.generation) return;
        const batch = todo.slice(i, i + BATCH);
        const texts = await Promise.all(batch.map(([, p]) => fs.promises.readFile(p).then(decodeText, () => undefined)));
        if (gen !== this.generation) return;
        batch.forEach(([uri], j) => {
          const t = texts[j];
          if (t === undefined) {
            this.onDisk.delete(uri);
            return;
          }
          if (!this.open.has(uri)) this.model.setFile(this.read(uri, t));
        });
        progress?.report(Math.min(todo.length, i + BATCH), todo.length);
        await yieldToEventLoop();
      }
      if (gen !== this.generation) return;
      this.model.refresh();
      this.engine.checkAll();
      this.indexing = false;
      progress?.end();
      const all = new Set<string>(this.engine.filesWithProblems());
      for (const uri of this.open.keys()) all.add(uri);
      this.onChange(all);
    };
    this.ready = run().catch((e) => {
      this.indexing = false;
      progress?.end();
      console.error(`indexing failed: ${(e as Error).stack ?? e}`);
    });
    return this.ready;
  }

  /** Refresh the model and checks after edits; publish what changed. */
  private publishRefresh(extra: Set<string>): void {
    const r = this.model.refresh();
    const files = this.engine.update(r.namespaces);
    for (const f of extra) files.add(f);
    for (const f of this.reread) files.add(f);
    this.reread.clear();
    if (!this.indexing) this.onChange(files);
  }

  // ---------------------------------------------------------------- documents

  openDocument(uri: string, text: string, version: number): void {
    this.open.set(uri, { text, version });
    this.setText(uri, text);
  }

  changeDocument(uri: string, text: string, version: number): void {
    this.open.set(uri, { text, version });
    this.setText(uri, text);
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
    const p = this.onDisk.get(uri);
    if (p) {
      this.reloadFromDisk(uri, p);
    } else if (this.model.file(uri)) {
      this.removeFile(uri);
      this.publishRefresh(new Set([uri]));
    }
  }

  private setText(uri: string, text: string): void {
    this.model.setFile(this.read(uri, text));
    this.publishRefresh(new Set([uri]));
  }

  // ---------------------------------------------------------------- file events

  fileCreatedOrChanged(uri: string): void {
    const p = uriToPath(uri);
    if (!p || !this.wanted(p)) return;
    this.onDisk.set(uri, p);
    if (this.open.has(uri)) return; // the buffer wins
    this.reloadFromDisk(uri, p);
  }

  fileDeleted(uri: string): void {
    const p = uriToPath(uri);
    // a folder deleted: drop everything under it
    const prefix = p ? p + path.sep : undefined;
    const gone = [...this.onDisk.keys()].filter((u) => u === uri || (prefix && this.onDisk.get(u)!.startsWith(prefix)));
    const changed = new Set<string>();
    for (const u of gone) {
      this.onDisk.delete(u);
      if (this.open.has(u)) continue;
      this.removeFile(u);
      changed.add(u);
    }
    if (changed.size) this.publishRefresh(changed);
  }

  private reloadFromDisk(uri: string, p: string): void {
    let text: string;
    try {
      text = decodeText(fs.readFileSync(p));
    } catch {
      this.onDisk.delete(uri);
      this.removeFile(uri);
      this.publishRefresh(new Set([uri]));
      return;
    }
    this.model.setFile(this.read(uri, text));
    this.publishRefresh(new Set([uri]));
  }

  /**
   * A file's text → what the model takes: kustomize patches take no part (core/workspace/kustomize.ts).
   * A kustomization that lists other files than before has those files read again.
   */
  private read(uri: string, text: string): FileResult {
    const p = uriToPath(uri);
    if (p && isKustomizationFile(p)) this.kustomizationChanged(p, text);
    const res = readManifestText(uri, text, defaultReadOptions);
    const folder = p ? this.folders.find((f) => !path.relative(f.path, p).startsWith('..')) : undefined;
    return this.patches.apply(res, p, folder && p ? path.relative(folder.path, p) : undefined);
  }

  private removeFile(uri: string): void {
    this.model.removeFile(uri);
    const p = uriToPath(uri);
    if (p && isKustomizationFile(p)) this.kustomizationChanged(p, undefined);
  }

  private kustomizationChanged(p: string, text: string | undefined): void {
    for (const other of this.patches.update(p, text)) {
      const uri = pathToUri(other);
      if (!this.model.file(uri)) continue;
      const t = this.text(uri);
      if (t === undefined) continue;
      this.model.setFile(this.read(uri, t));
      this.reread.add(uri);
    }
  }

  /** Is a path inside a folder and matched by include/exclude? */
  wanted(p: string): boolean {
    for (const f of this.folders) {
      const rel = path.relative(f.path, p);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const relPosix = rel.split(path.sep).join('/');
      if (relPosix.split('/').some((seg) => seg === 'node_modules' || seg === '.git')) return false;
      return makeMatcher({ include: this.settings.include, exclude: this.settings.exclude }).file(relPosix);
    }
    return false;
  }
}

export function pathToUri(p: string): string {
  return URI.file(p).toString();
}

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
