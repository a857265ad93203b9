// `k8s-dns-lens check`: problems of a whole workspace as text (compiler style), JSON, or SARIF 2.1.0
// (what GitHub code scanning accepts).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClusterModel } from '../core/model/cluster';
import type { Problem, Severity } from '../core/types';
import { positionAt } from '../core/util/lines';
import { allRules, ruleInfo } from '../core/checks/catalog';
import { byCode } from '../core/checks/engine';

export interface FileProblems {
  file: string;
  problems: Problem[];
}

export interface CheckSummary {
  files: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

export function summarize(model: ClusterModel, all: FileProblems[]): CheckSummary {
  const s: CheckSummary = { files: model.fileCount, errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const f of all) {
    for (const p of f.problems) {
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
      else if (p.severity === 'information') s.information++;
      else s.hints++;
    }
  }
  return s;
}

function where(model: ClusterModel, file: string, offset: number): { line: number; column: number } {
  const res = model.file(file);
  if (!res) return { line: 1, column: 1 };
  const p = positionAt(res.lineStarts, offset);
  return { line: p.line + 1, column: p.character + 1 };
}

export function rel(root: string, file: string): string {
  const r = path.relative(root, file);
  return (r.startsWith('..') ? file : r).split(path.sep).join('/');
}

export function formatText(model: ClusterModel, root: string, all: FileProblems[]): string {
  const lines: string[] = [];
  for (const f of all) {
    for (const p of f.problems) {
      const w = where(model, p.span.file, p.span.start);
      lines.push(`${rel(root, p.span.file)}:${w.line}:${w.column}: ${p.severity} ${p.code}: ${p.message}`);
      for (const r of p.related ?? []) {
        if (!r.span.file) continue;
        const rw = where(model, r.span.file, r.span.start);
        lines.push(`    ${rel(root, r.span.file)}:${rw.line}:${rw.column}: ${r.message}`);
      }
    }
  }
  const s = summarize(model, all);
  lines.push(`${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.information} information, ${plural(s.hints, 'hint')} in ${plural(s.files, 'file')}`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatJson(model: ClusterModel, root: string, all: FileProblems[]): string {
  const problems = all.flatMap((f) =>
    f.problems.map((p) => {
      const s = where(model, p.span.file, p.span.start);
      const e = where(model, p.span.file, p.span.end);
      return {
        file: rel(root, p.span.file),
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        severity: p.severity,
        code: p.code,
        message: p.message,
        related: (p.related ?? [])
          .filter((r) => r.span.file)
          .map((r) => ({ file: rel(root, r.span.file), line: where(model, r.span.file, r.span.start).line, message: r.message })),
      };
    }),
  );
  return JSON.stringify({ summary: summarize(model, all), problems }, null, 2) + '\n';
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(model: ClusterModel, root: string, all: FileProblems[], version: string): string {
  const used = new Set<string>();
  for (const f of all) for (const p of f.problems) used.add(p.code);
  const rules = allRules()
    .filter((r) => used.has(r.code))
    .concat([...used].filter((c) => !allRules().some((r) => r.code === c)).map((c) => ruleInfo(c)))
    .sort((a, b) => byCode(a.code, b.code));
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const region = (file: string, start: number, end: number) => {
    const s = where(model, file, start);
    const e = where(model, file, Math.max(start, end));
    return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  };
  const artifact = (file: string) => ({ uri: encodeURI(rel(root, file)), uriBaseId: '%SRCROOT%' });
  const results = all.flatMap((f) =>
    f.problems.map((p) => ({
      ruleId: p.code,
      ruleIndex: index.get(p.code)!,
      level: LEVEL[p.severity],
      message: { text: p.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(p.span.file), region: region(p.span.file, p.span.start, p.span.end) } }],
      ...(p.related?.some((r) => r.span.file)
        ? {
            relatedLocations: p.related
              .filter((r) => r.span.file)
              .map((r, i) => ({
                id: i + 1,
                message: { text: r.message },
                physicalLocation: { artifactLocation: artifact(r.span.file), region: region(r.span.file, r.span.start, r.span.end) },
              })),
          }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-dns-lens',
            version,
            informationUri: 'https://github.com/k8s-dns-lens/k8s-dns-lens',
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help || r.title },
              help: { text: r.help || r.title },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
