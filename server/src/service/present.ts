// How features point at manifests: `file:line` relative to the workspace folder, Markdown links that
// open the file at that line (`uri#Lline`), LSP locations and ranges from core spans.
import type { Location, Range } from 'vscode-languageserver';
import type { Loc, Span } from '../core/types';
import { positionAt } from '../core/util/lines';
import { spanToLocation, toRange } from '../lsp/convert';
import type { Workspace } from './context';

/** A file's path relative to the workspace folder holding it (else its whole path). */
export function relativePath(ws: Pick<Workspace, 'folders'>, uri: string): string {
  for (const f of ws.folders) {
    const base = f.uri.endsWith('/') ? f.uri : `${f.uri}/`;
    if (uri.startsWith(base)) return safeDecode(uri.slice(base.length));
  }
  return safeDecode(uri.replace(/^file:\/\//, ''));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One-based line of a span's start. */
export function lineOf(ws: Pick<Workspace, 'file'>, span: Span): number {
  const f = ws.file(span.file);
  return f ? positionAt(f.lineStarts, span.start).line + 1 : 1;
}

/** `manifests/web.yaml:12`, or `(built in)` for what no file holds. */
export function where(ws: Pick<Workspace, 'folders' | 'file'>, span: Span): string {
  if (!span.file) return '(built in)';
  return `${relativePath(ws, span.file)}:${lineOf(ws, span)}`;
}

/** A Markdown link to a span: `[web.yaml:12](file:///…/web.yaml#L12)`. */
export function mdLink(ws: Pick<Workspace, 'folders' | 'file'>, span: Span | undefined, label?: string): string {
  if (!span || !span.file) return label ? escapeMd(label) : '(built in)';
  const text = label ?? where(ws, span);
  return `[${escapeMd(text)}](${span.file}#L${lineOf(ws, span)})`;
}

/** Escape what would start Markdown syntax in plain text. */
export function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');
}

/** Inline code, safe for any text. */
export function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
}

export function location(ws: Pick<Workspace, 'file'>, span: Span | undefined): Location | undefined {
  if (!span) return undefined;
  return spanToLocation({ file: (u) => ws.file(u) }, span);
}

/** Locations of spans, without duplicates or spans in unknown files. */
export function locations(ws: Pick<Workspace, 'file'>, spans: Iterable<Span | undefined>): Location[] {
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const s of spans) {
    if (!s || !s.file) continue;
    const k = `${s.file}\u0000${s.start}\u0000${s.end}`;
    if (seen.has(k)) continue;
    const l = location(ws, s);
    if (!l) continue;
    seen.add(k);
    out.push(l);
  }
  return out;
}

export function rangeIn(ws: Pick<Workspace, 'file'>, uri: string, loc: Loc): Range | undefined {
  const f = ws.file(uri);
  return f ? toRange(f, loc.start, loc.end) : undefined;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** At most `max` items joined, with `and N more`. */
export function list(items: string[], max = 5, sep = ', '): string {
  const shown = items.slice(0, max).join(sep);
  return items.length > max ? `${shown}${sep}and ${items.length - max} more` : shown;
}
