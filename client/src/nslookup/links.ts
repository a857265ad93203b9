// Links from an nslookup result back to the manifests, as plain data (no `vscode`):
//  - `file:line[:col]` references in the text (`seed/Headless.yml:4`, `/abs/path/svc.yaml:7:5`);
//  - a footer listing the result's `locations` that the text does not already point to.
import type { ProtoLocation } from '../../../server/src/protocol';

export interface FileRef {
  /** Offsets of the whole reference in the text. */
  start: number;
  end: number;
  path: string;
  /** One-based, as written. */
  line: number;
  column?: number;
}

const REF = /(?:^|(?<=[\s(\[<'"`=]))((?:[A-Za-z]:)?[\w.@~+\-/\\]*[\w\-]\.(?:ya?ml|json)):(\d+)(?::(\d+))?/gm;

export function findFileRefs(text: string): FileRef[] {
  const out: FileRef[] = [];
  for (const m of text.matchAll(REF)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, path: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined });
  }
  return out;
}

/** `file:///ws/seed/Headless.yml` → `/ws/seed/Headless.yml` (file URIs only; percent-decoded). */
export function fileUriPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return undefined;
  }
}

/**
 * The URI a reference points to: a location whose file ends with the path (the server knows the real
 * file), else the path under a workspace folder (relative), else the path itself (absolute).
 */
export function resolveRef(ref: Pick<FileRef, 'path'>, locations: readonly ProtoLocation[], folderUris: readonly string[]): string | undefined {
  const rel = ref.path.replace(/\\/g, '/');
  for (const l of locations) {
    const p = fileUriPath(l.uri);
    if (p && (p === rel || p.endsWith(`/${rel.replace(/^\.\//, '')}`))) return l.uri;
  }
  if (rel.startsWith('/')) return `file://${encodePath(rel)}`;
  const folder = folderUris[0];
  return folder ? `${folder.replace(/\/$/, '')}/${encodePath(rel.replace(/^\.\//, ''))}` : undefined;
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** The path of a file URI relative to the workspace folder that contains it (else the absolute path). */
export function relativeToFolders(uri: string, folderUris: readonly string[]): string {
  const p = fileUriPath(uri) ?? uri;
  for (const f of folderUris) {
    const fp = fileUriPath(f);
    if (fp && p.startsWith(fp.replace(/\/$/, '') + '/')) return p.slice(fp.replace(/\/$/, '').length + 1);
  }
  return p;
}

/**
 * Lines to append to the result text (comments, so the grammar shows them as such) naming the
 * manifests of `locations` the text does not mention, as `path:line` references (which become links).
 */
export function locationsFooter(text: string, locations: readonly (ProtoLocation & { label: string })[], folderUris: readonly string[]): string {
  const mentioned = new Set(findFileRefs(text).map((r) => `${r.path.replace(/\\/g, '/')}:${r.line}`));
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const l of locations) {
    const ref = `${relativeToFolders(l.uri, folderUris)}:${l.range.start.line + 1}`;
    if (mentioned.has(ref) || [...mentioned].some((m) => ref.endsWith(`/${m}`) || m.endsWith(`/${ref}`)) || seen.has(`${l.label} ${ref}`)) continue;
    seen.add(`${l.label} ${ref}`);
    lines.push(`;   ${l.label}  ${ref}`);
  }
  return lines.length ? `\n; Manifests:\n${lines.join('\n')}\n` : '';
}
