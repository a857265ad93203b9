// Loading a whole folder into a cluster model, synchronously: what the CLI and the tests use.
// (The language server indexes incrementally and in the background; see lsp/.)
import * as fs from 'node:fs';
import { readManifestText, defaultReadOptions, type ReadOptions } from '../manifest/readFile';
import { ClusterModel } from '../model/cluster';
import type { ModelSettings } from '../model/settings';
import { scanFolder, defaultScanOptions, type ScanOptions } from './scan';

export interface LoadOptions {
  settings?: Partial<ModelSettings>;
  scan?: ScanOptions;
  read?: ReadOptions;
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
  for (const f of files) {
    let text: string;
    try {
      text = decodeText(fs.readFileSync(f));
    } catch (e) {
      unreadable.push({ file: f, error: (e as Error).message });
      continue;
    }
    model.setFile(readManifestText(f, text, opts.read ?? defaultReadOptions));
  }
  model.refresh();
  return { model, files, unreadable };
}

export function loadFolder(root: string, opts: LoadOptions = {}): LoadedWorkspace {
  return loadFiles(scanFolder(root, opts.scan ?? defaultScanOptions), opts);
}
