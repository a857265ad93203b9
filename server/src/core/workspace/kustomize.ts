// Kustomize patches: partial objects (a Deployment with only the fields it changes, a Service with only
// its `type`) that kustomize merges into the resources of a base. They are not objects of the cluster:
// they take no part in the model and get no diagnostics (a patch "missing" its selector is not a
// mistake). A file is a patch when
//  - a kustomization of the workspace lists it under `patches`, `patchesStrategicMerge` or
//    `patchesJson6902` (exact), or
//  - nothing lists it as a resource, its path says it is one (a file named `patch.yaml`,
//    `*-patch.yaml`, `patch-*.yaml`, in a `patches/` folder, or under an `overlay(s)` folder) and every
//    object in it is partial: refused by the API server only for fields a patch leaves out.
// Pure: paths and texts in, answers out. The readers of a folder (core/workspace/load.ts, the CLI, the
// language server's lsp/workspace.ts) hold a PatchIndex and ask it about every file they read.
import * as path from 'node:path';
import { parseYaml } from '../manifest/parse';
import { get, type YNode } from '../manifest/yast';
import type { FileResult } from '../manifest/objects';

/** File names kustomize reads as a kustomization. */
const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomizationFile(p: string): boolean {
  return KUSTOMIZATION_NAMES.has(path.basename(p));
}

export interface KustomizationRefs {
  /** Files named as patches (absolute, normalized). */
  patches: string[];
  /** Files named as resources or components (absolute, normalized): never patches by their look. */
  resources: string[];
}

/** What a kustomization file names, resolved against its folder. Text that is not one names nothing. */
export function kustomizationRefs(file: string, text: string): KustomizationRefs {
  const out: KustomizationRefs = { patches: [], resources: [] };
  if (text.length > 1024 * 1024 || text.includes('\u0000')) return out;
  const dir = path.dirname(file);
  const add = (list: string[], ref: unknown) => {
    if (typeof ref !== 'string') return;
    const r = ref.trim();
    // inline patches (YAML text), remote resources (URLs, git refs): not files of the workspace
    if (!r || r.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(r) || /^(git@|github\.com\/)/.test(r)) return;
    list.push(path.resolve(dir, r));
  };
  let docs;
  try {
    docs = parseYaml(text).docs;
  } catch {
    return out;
  }
  for (const d of docs) {
    const root = d.contents;
    if (!root || root.t !== 'map') continue;
    const kind = scalar(get(root, 'kind'));
    if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') continue;
    for (const item of items(get(root, 'patchesStrategicMerge'))) add(out.patches, scalar(item));
    for (const key of ['patches', 'patchesJson6902']) {
      for (const item of items(get(root, key))) {
        if (item.t === 'scalar') add(out.patches, scalar(item));
        else if (item.t === 'map') add(out.patches, scalar(get(item, 'path')));
      }
    }
    for (const key of ['resources', 'bases', 'components']) for (const item of items(get(root, key))) add(out.resources, scalar(item));
  }
  return out;
}

function items(n: YNode | null | undefined): YNode[] {
  return n && n.t === 'seq' ? n.items.filter((i): i is YNode => !!i) : [];
}

function scalar(n: YNode | null | undefined): string | undefined {
  return n && n.t === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** The problems only a partial object has: what a patch leaves out. */
const PARTIAL_CODES = new Set(['missing-selector', 'missing-containers', 'missing-service-ports', 'missing-external-name', 'invalid-restart-policy', 'selector-template-mismatch']);

/** A path (relative to the workspace folder) kustomize users give patches. */
export function patchLikePath(rel: string): boolean {
  const segments = rel.split(/[\\/]+/).filter(Boolean);
  if (!segments.length) return false;
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const stem = segments[segments.length - 1].replace(/\.(ya?ml|json)$/i, '');
  const stemWords = words(stem);
  const isPatchWord = (w: string | undefined) => w === 'patch' || w === 'patches';
  if (isPatchWord(stemWords[0]) || isPatchWord(stemWords[stemWords.length - 1])) return true;
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.some((d) => d === 'patch' || d === 'patches')) return true;
  return [...dirs, stem].some((s) => words(s).some((w) => w === 'overlay' || w === 'overlays'));
}

/** Every object of the file is partial, as patches are (and there is at least one). */
export function partialObjects(res: FileResult): boolean {
  if (!res.objects.length) return false;
  return res.objects.every((o) => o.rejected && o.problems.length > 0 && o.problems.every((p) => PARTIAL_CODES.has(p.code)));
}

/** The file as the model must see it when it is a patch: no objects, no problems. */
export function asPatch(res: FileResult, why: 'listed' | 'partial'): FileResult {
  return { ...res, objects: [], problems: [], kustomizePatch: why };
}

/**
 * Which files kustomizations of the workspace list as patches (and as resources), kept current as
 * kustomization files are read, changed and deleted.
 */
export class PatchIndex {
  private refs = new Map<string, KustomizationRefs>();
  private patchCount = new Map<string, number>();
  private resourceCount = new Map<string, number>();

  /**
   * A kustomization file was read (text) or is gone (undefined). Returns the files whose standing
   * (listed as a patch or a resource) may have changed: they must be read again.
   */
  update(file: string, text: string | undefined): string[] {
    const key = path.resolve(file);
    const before = this.refs.get(key);
    const after = text === undefined || !isKustomizationFile(key) ? undefined : kustomizationRefs(key, text);
    if (!before && !after) return [];
    if (before) {
      for (const p of before.patches) dec(this.patchCount, p);
      for (const p of before.resources) dec(this.resourceCount, p);
    }
    if (after) {
      this.refs.set(key, after);
      for (const p of after.patches) inc(this.patchCount, p);
      for (const p of after.resources) inc(this.resourceCount, p);
    } else {
      this.refs.delete(key);
    }
    const changed = new Set<string>();
    for (const r of [before, after]) for (const p of [...(r?.patches ?? []), ...(r?.resources ?? [])]) changed.add(p);
    const same = (a: string[] = [], b: string[] = []) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (same(before?.patches, after?.patches) && same(before?.resources, after?.resources)) return [];
    return [...changed];
  }

  listedAsPatch(file: string): boolean {
    return this.patchCount.has(path.resolve(file));
  }

  listedAsResource(file: string): boolean {
    return this.resourceCount.has(path.resolve(file));
  }

  /** Kustomization files known. */
  get kustomizations(): number {
    return this.refs.size;
  }

  /**
   * A file's read result as the model must take it. `file` is its path on disk, `rel` its path relative
   * to the workspace folder (for the look of the path); undefined for documents that have no path.
   */
  /** `rel`: the file's path relative to its workspace folder (a function: asked only for a file of partial objects). */
  apply(res: FileResult, file: string | undefined, rel: string | undefined | (() => string | undefined)): FileResult {
    if (file === undefined) return res;
    if (this.listedAsPatch(file)) return asPatch(res, 'listed');
    if (!this.listedAsResource(file) && partialObjects(res)) {
      const r = typeof rel === 'function' ? rel() : rel;
      if (r !== undefined && patchLikePath(r)) return asPatch(res, 'partial');
    }
    return res;
  }
}

function inc(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function dec(m: Map<string, number>, k: string): void {
  const n = (m.get(k) ?? 0) - 1;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
}
