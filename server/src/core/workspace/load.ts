// Loading a whole folder into a cluster model, synchronously: what the CLI and the tests use.
// (The language server indexes incrementally and in the background; see lsp/.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifestText, defaultReadOptions, type ReadOptions } from '../manifest/readFile';
import { ClusterModel } from '../model/cluster';
import type { ModelSettings } from '../model/settings';
import { scanFolder, defaultScanOptions, type ScanOptions } from './scan';
import { PatchIndex, isKustomizationFile } from './kustomize';

export interface LoadOptions {
  settings?: Partial<ModelSettings>;
  scan?: ScanOptions;
  read?: ReadOptions;
  /** The workspace folder (paths relative to it decide which files look like kustomize patches). */
  root?: string;
}

export interface LoadedWorkspace {
  model: ClusterModel;
  files: string[];
  /** Files that could not be read, with the reason. */
  unreadable: { file: string; error: string }[];
}

/** Decode bytes as text the way an editor would: UTF-8 (BOM dropped), or UTF-16 with a BOM. */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  return buf.toString('utf8');
}

export function loadFiles(files: string[], opts: LoadOptions = {}): LoadedWorkspace {
  const model = new ClusterModel(opts.settings);
  const unreadable: LoadedWorkspace['unreadable'] = [];
  const read = (f: string): string | undefined => {
    try {
      return decodeText(fs.readFileSync(f));
    } catch (e) {
      unreadable.push({ file: f, error: (e as Error).message });
      return undefined;
    }
  };
  // kustomizations first: they say which files are patches
  const patches = new PatchIndex();
  const kustomizations = new Map<string, string | undefined>();
  for (const f of files) if (isKustomizationFile(f)) kustomizations.set(f, read(f));
  for (const [f, text] of kustomizations) if (text !== undefined) patches.update(f, text);
  const root = opts.root ?? commonFolder(files);
  for (const f of files) {
    const text = kustomizations.has(f) ? kustomizations.get(f) : read(f);
    if (text === undefined) continue;
    model.setFile(patches.apply(readManifestText(f, text, opts.read ?? defaultReadOptions), f, path.relative(root, f)));
  }
  model.refresh();
  return { model, files, unreadable };
}

/** The deepest folder holding every file. */
function commonFolder(files: string[]): string {
  if (!files.length) return path.sep;
  let dir = path.dirname(files[0]);
  for (const f of files) while (dir !== path.dirname(dir) && !f.startsWith(dir + path.sep)) dir = path.dirname(dir);
  return dir;
}

export function loadFolder(root: string, opts: LoadOptions = {}): LoadedWorkspace {
  return loadFiles(scanFolder(root, opts.scan ?? defaultScanOptions), { root, ...opts });
}
