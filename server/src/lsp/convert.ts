// Offsets of the core ↔ LSP positions, ranges and locations. The only place that knows both.
import type { Diagnostic, DiagnosticSeverity, Location, Position, Range } from 'vscode-languageserver';
import type { Problem, Severity, Span } from '../core/types';
import { offsetAt, positionAt } from '../core/util/lines';

/** Line starts of a file (a FileResult's, or any array of offsets). */
export interface Lines {
  readonly lineStarts: ArrayLike<number>;
}

export interface LinesWithLength extends Lines {
  readonly length: number;
}

export interface LineSource {
  file(uri: string): LinesWithLength | undefined;
}

export function toPosition(lines: Lines, offset: number): Position {
  return positionAt(lines.lineStarts, offset);
}

export function toRange(lines: Lines, start: number, end: number): Range {
  return { start: positionAt(lines.lineStarts, start), end: positionAt(lines.lineStarts, end) };
}

export function toOffset(lines: LinesWithLength, p: Position): number {
  return offsetAt(lines.lineStarts, lines.length, p.line, p.character);
}

export function spanToLocation(src: LineSource, span: Span): Location | undefined {
  if (!span.file) return undefined;
  const lines = src.file(span.file);
  if (!lines) return undefined;
  return { uri: span.file, range: toRange(lines, span.start, span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

export function toDiagnostic(src: LineSource, lines: Lines, p: Problem): Diagnostic {
  const related = (p.related ?? [])
    .map((r) => {
      const location = spanToLocation(src, r.span);
      return location ? { location, message: r.message } : undefined;
    })
    .filter((r): r is NonNullable<typeof r> => !!r);
  const d: Diagnostic = {
    range: toRange(lines, p.span.start, p.span.end),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: 'k8s-dns-lens',
    message: p.message,
  };
  if (related.length) d.relatedInformation = related;
  if (p.fix) d.data = { fix: p.fix };
  return d;
}
