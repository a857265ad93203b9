// Quick fixes: a Problem's `fix` (offset edits, maybe creating a file) travels in `Diagnostic.data.fix`
// (lsp/convert.ts) and comes back here as a WorkspaceEdit. The fix is taken from the current problems of
// the file when one matches the diagnostic (its offsets are then current), else from the diagnostic.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { FileResult } from '../core/manifest/objects';
import type { FixData, Problem, TextEditSpec } from '../core/types';
import { computeLineStarts } from '../core/util/lines';
import { toRange } from '../lsp/convert';
import type { Feature, Workspace } from './context';

export function codeActionsFor(ws: Workspace, params: Pick<CodeActionParams, 'textDocument' | 'context' | 'range'>): CodeAction[] {
  const uri = params.textDocument.uri;
  const file = ws.file(uri);
  if (!file) return [];
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const current = ws.engine.problemsFor(uri, ws.settings.severity).filter((p) => p.fix);
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const fix = currentFix(file, current, d) ?? fixOf(d);
    if (!fix || !fix.edits.length) continue;
    const edit = workspaceEdit(ws, fix);
    if (!edit) continue;
    out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit, isPreferred: out.length === 0 });
  }
  return out;
}

/** The fix of the file's current problem that the diagnostic shows (same code and range). */
function currentFix(file: FileResult, problems: Problem[], d: Diagnostic): FixData | undefined {
  for (const p of problems) {
    if (p.code !== d.code) continue;
    const r = toRange(file, p.span.start, p.span.end);
    if (sameRange(r, d.range)) return p.fix;
  }
  return undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** `data.fix` of a diagnostic, when it has the shape of a FixData. */
export function fixOf(d: Diagnostic): FixData | undefined {
  const f = (d.data as { fix?: unknown } | undefined)?.fix as FixData | undefined;
  if (!f || typeof f !== 'object' || typeof f.title !== 'string' || !Array.isArray(f.edits)) return undefined;
  const ok = f.edits.every((e) => e && typeof e.file === 'string' && Number.isInteger(e.start) && Number.isInteger(e.end) && e.start <= e.end && typeof e.newText === 'string');
  return ok ? f : undefined;
}

/** The edits as LSP wants them: ranges in the lines of each target file (a file to create starts empty). */
export function workspaceEdit(ws: Workspace, fix: FixData): WorkspaceEdit | undefined {
  const byFile = new Map<string, TextEditSpec[]>();
  for (const e of fix.edits) {
    const l = byFile.get(e.file);
    if (l) l.push(e);
    else byFile.set(e.file, [e]);
  }
  const changes: Record<string, TextEdit[]> = {};
  const created: string[] = [];
  for (const [uri, edits] of byFile) {
    const lines = linesOf(ws, uri);
    if (!lines) {
      if (!fix.createsFile) return undefined;
      created.push(uri);
    }
    const src = lines ?? { lineStarts: [0], length: 0 };
    changes[uri] = edits.map((e) => {
      const start = Math.min(e.start, src.length);
      const end = Math.min(e.end, src.length);
      return { range: toRange(src, start, end), newText: e.newText };
    });
  }
  if (!created.length) return { changes };
  return {
    documentChanges: [
      ...created.map((uri) => ({ kind: 'create' as const, uri, options: { ignoreIfExists: true } })),
      ...Object.entries(changes).map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })),
    ],
  };
}

/** Line starts of a file: the model's (open buffers and indexed files), else its text. */
function linesOf(ws: Workspace, uri: string): Pick<FileResult, 'lineStarts' | 'length'> | undefined {
  const f = ws.file(uri);
  if (f) return f;
  const t = ws.text(uri);
  return t === undefined ? undefined : { lineStarts: computeLineStarts(t), length: t.length };
}

export const codeActions: Feature = {
  capabilities(caps) {
    caps.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix] };
  },
  register({ index, connection }) {
    connection.onCodeAction((p) => codeActionsFor(index, p));
  },
};
