// Diagnostics over the whole model, kept current incrementally: after the model refreshes some
// namespaces, only those namespaces (and the ones whose checks read them) are checked again.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClusterModel } from '../model/cluster';
import { decodeText } from '../workspace/load';
import type { Problem, Severity } from '../types';
import { Resolver } from '../dns/resolver';
import { checks as defaultChecks } from './registry';
import { spanMover } from '../util/shift';
import type { Check, CheckContext } from './types';

export type SeverityOverrides = Record<string, Severity | 'off'>;

/**
 * What the checks found, as plain data to persist: per namespace, its problems by file and the
 * namespaces its checks read. A function of the model (files and settings) alone.
 */
export interface CheckResults {
  namespaces: [ns: string, byFile: [file: string, problems: Problem[]][], dependsOn: string[]][];
}

/** Where the checks get a file's text (for quick fixes): the language server passes its open buffers. */
export type TextSource = (file: string) => string | undefined;

/** Text of a file id that is a path or a `file:` URI, read from disk. */
export function readTextFromDisk(file: string): string | undefined {
  try {
    const p = file.startsWith('file:') ? fileURLToPath(file) : file;
    return decodeText(fs.readFileSync(p));
  } catch {
    return undefined;
  }
}

export class DiagnosticsEngine {
  readonly resolver: Resolver;
  /** Check problems by namespace, then by file. */
  private byNs = new Map<string, Map<string, Problem[]>>();
  /** Check problems by file, then by namespace (the same problems, the other way round). */
  private byFile = new Map<string, Map<string, Problem[]>>();
  /** ns → namespaces its checks read. */
  private deps = new Map<string, Set<string>>();
  /** ns → namespaces whose checks read it. */
  private rdeps = new Map<string, Set<string>>();
  /** Check problems of every namespace, by code. */
  private checkProblems = new Map<string, number>();
  /** file → namespaces with a problem whose related information or quick fix points into it (applyShifts). */
  private pointingInto = new Map<string, Set<string>>();

  constructor(
    readonly model: ClusterModel,
    readonly checks: readonly Check[] = defaultChecks,
    readonly textSource: TextSource = readTextFromDisk,
  ) {
    this.resolver = new Resolver(model);
  }

  /** Check every namespace (first run, or after settings changed). */
  checkAll(): Set<string> {
    return this.update(new Set([...this.model.namespaces(), ...this.byNs.keys()]));
  }

  /**
   * Re-check the namespaces the model just refreshed, and those depending on them.
   * Returns the files whose check problems may have changed.
   */
  update(changed: ReadonlySet<string>): Set<string> {
    const todo = new Set(changed);
    for (const ns of changed) for (const d of this.rdeps.get(ns) ?? []) todo.add(d);
    const files = this.applyShifts(todo);
    // texts read for quick fixes during this update (a file is read at most once)
    const texts = new Map<string, string | undefined>();
    const text = (file: string): string | undefined => {
      if (!texts.has(file)) {
        const t = this.textSource(file);
        // a text that no longer matches what the model read would give wrong offsets
        texts.set(file, t !== undefined && t.length === this.model.file(file)?.length ? t : undefined);
      }
      return texts.get(file);
    };
    for (const ns of todo) {
      const old = this.byNs.get(ns);
      if (old) for (const f of old.keys()) files.add(f);
      this.clearNs(ns);
      const state = this.model.namespace(ns);
      if (!state) continue;
      const perFile = new Map<string, Problem[]>();
      const deps = new Set<string>();
      const ctx: CheckContext = {
        model: this.model,
        resolver: this.resolver,
        dependsOn: (other) => {
          if (other !== ns) deps.add(other);
        },
        text,
      };
      for (const check of this.checks) {
        try {
          check.run(ctx, state, (f) => {
            const p: Problem = {
              code: check.code,
              severity: f.severity ?? check.severity,
              message: f.message,
              span: { file: f.file, start: f.at.start, end: f.at.end },
              related: f.related,
              fix: f.fix,
            };
            let list = perFile.get(f.file);
            if (!list) perFile.set(f.file, (list = []));
            list.push(p);
          });
        } catch (e) {
          // A rule that throws is a bug: it must not take the others (or the server) down.
          const err = e as Error;
          console.error(`check ${check.code} failed on namespace ${ns}: ${err.stack ?? err.message}`);
        }
      }
      this.record(ns, perFile, deps);
      for (const f of perFile.keys()) files.add(f);
    }
    return files;
  }

  /** Keeps a namespace's problems (by file) and the namespaces its checks read. */
  private record(ns: string, perFile: Map<string, Problem[]>, deps: Set<string>): void {
    this.byNs.set(ns, perFile);
    for (const list of perFile.values()) for (const p of list) this.checkProblems.set(p.code, (this.checkProblems.get(p.code) ?? 0) + 1);
    for (const [f, list] of perFile) {
      let m = this.byFile.get(f);
      if (!m) this.byFile.set(f, (m = new Map()));
      m.set(ns, list);
      for (const p of list) {
        if (p.related) for (const r of p.related) if (r.span.file !== f) this.pointsInto(r.span.file, ns);
        if (p.fix) for (const e of p.fix.edits) if (e.file !== f) this.pointsInto(e.file, ns);
      }
    }
    this.deps.set(ns, deps);
    for (const d of deps) {
      let r = this.rdeps.get(d);
      if (!r) this.rdeps.set(d, (r = new Set()));
      r.add(ns);
    }
  }

  /**
   * Every namespace's results, for the next session (see restore()): a copy, as the engine moves the
   * offsets of its problems in place on later edits (applyShifts).
   */
  results(): CheckResults {
    const namespaces: CheckResults['namespaces'] = [];
    for (const [ns, perFile] of this.byNs) namespaces.push([ns, [...perFile], [...(this.deps.get(ns) ?? [])]]);
    return structuredClone({ namespaces });
  }

  /**
   * Takes the results an earlier run computed from the same model (the same files, settings and code)
   * instead of checking again; returns the namespaces of `namespaces` the results do not cover (to
   * update()). Only for an engine that has checked nothing yet.
   */
  restore(results: CheckResults, namespaces: readonly string[]): string[] {
    this.model.takeShifts();
    const wanted = new Set(namespaces);
    for (const [ns, byFile, dependsOn] of results.namespaces) {
      if (!wanted.delete(ns)) continue;
      this.clearNs(ns);
      this.record(ns, new Map(byFile), new Set(dependsOn));
    }
    return [...wanted];
  }

  /**
   * Moves the offsets the kept problems copied from objects the model moved in place (an edit before
   * them in their file: ClusterModel.setFile); returns the files whose problems moved (their
   * diagnostics are sent again — a problem in another file moves when its related information points
   * into the edited one). When the edit changed the file's end, the namespaces with a quick fix that
   * edits that end (appending a document) are added to `todo`: checked again, not moved.
   */
  private applyShifts(todo: Set<string>): Set<string> {
    const files = new Set<string>();
    for (const shift of this.model.takeShifts()) {
      const move = spanMover(shift);
      // the namespaces with problems in the file, or pointing into it from another
      const namespaces = new Set<string>(this.byFile.get(shift.file)?.keys() ?? []);
      for (const ns of this.pointingInto.get(shift.file) ?? []) namespaces.add(ns);
      for (const ns of namespaces) {
        const perFile = this.byNs.get(ns);
        if (!perFile || todo.has(ns)) continue; // checked again below
        for (const [file, list] of perFile) {
          if (shift.endChanged) {
            if (list.some((p) => p.fix?.edits.some((e) => e.file === shift.file && e.start >= shift.from))) todo.add(ns);
            continue;
          }
          let moved = false;
          // a problem's offsets: its span, its related information's, its quick fix's edits
          for (const p of list) {
            if (move(p.span)) moved = true;
            if (p.related) for (const r of p.related) if (move(r.span)) moved = true;
            if (p.fix) for (const e of p.fix.edits) if (move(e)) moved = true;
          }
          if (moved) files.add(file);
        }
      }
    }
    return files;
  }

  private pointsInto(file: string, ns: string): void {
    let s = this.pointingInto.get(file);
    if (!s) this.pointingInto.set(file, (s = new Set()));
    s.add(ns);
  }

  private pointsNoMore(file: string, ns: string): void {
    const s = this.pointingInto.get(file);
    if (s?.delete(ns) && s.size === 0) this.pointingInto.delete(file);
  }

  private clearNs(ns: string): void {
    const old = this.byNs.get(ns);
    if (old) {
      for (const list of old.values()) {
        for (const p of list) {
          if (p.related) for (const r of p.related) this.pointsNoMore(r.span.file, ns);
          if (p.fix) for (const e of p.fix.edits) this.pointsNoMore(e.file, ns);
          const n = (this.checkProblems.get(p.code) ?? 0) - 1;
          if (n === 0) this.checkProblems.delete(p.code);
          else this.checkProblems.set(p.code, n);
        }
      }
      for (const f of old.keys()) {
        const m = this.byFile.get(f);
        if (m) {
          m.delete(ns);
          if (m.size === 0) this.byFile.delete(f);
        }
      }
      this.byNs.delete(ns);
    }
    for (const d of this.deps.get(ns) ?? []) this.rdeps.get(d)?.delete(ns);
    this.deps.delete(ns);
  }

  /** Everything wrong with one file: reading problems, API refusals, check findings. */
  problemsFor(file: string, overrides: SeverityOverrides = {}): Problem[] {
    const out: Problem[] = [];
    const res = this.model.file(file);
    if (res) {
      out.push(...res.problems);
      for (const o of res.objects) out.push(...o.problems);
    }
    for (const list of this.byFile.get(file)?.values() ?? []) out.push(...list);
    return applyOverrides(out, overrides).sort((a, b) => a.span.start - b.span.start || byCode(a.code, b.code));
  }

  /** How many problems problemsFor() would return over every file, without building the lists. */
  problemCount(overrides: SeverityOverrides = {}): number {
    let n = 0;
    for (const counts of [this.model.readProblemCounts(), this.checkProblems]) {
      for (const [code, c] of counts) if (overrides[code] !== 'off') n += c;
    }
    return n;
  }

  /** Does the file have any problem (reading, API validation or check)? */
  hasProblems(file: string): boolean {
    if (this.byFile.has(file)) return true;
    const res = this.model.file(file);
    return !!res && (res.problems.length > 0 || res.objects.some((o) => o.problems.length > 0));
  }

  /** Files with any problem. */
  filesWithProblems(): string[] {
    const files = new Set<string>(this.byFile.keys());
    for (const f of this.model.allFiles()) {
      if (f.problems.length || f.objects.some((o) => o.problems.length)) files.add(f.file);
    }
    return [...files].sort();
  }
}

export function applyOverrides(problems: Problem[], overrides: SeverityOverrides): Problem[] {
  if (Object.keys(overrides).length === 0) return problems;
  const out: Problem[] = [];
  for (const p of problems) {
    const o = overrides[p.code];
    if (o === 'off') continue;
    out.push(o ? { ...p, severity: o } : p);
  }
  return out;
}

/**
 * Orders rule codes (lowercase ASCII words and dashes) by their characters. Not `localeCompare`: the
 * same order for such codes, but its first call loads ICU's collation data, megabytes of the server's
 * resident memory.
 */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
