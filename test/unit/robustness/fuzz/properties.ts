// The fuzz properties, shared by the CI suite (test/unit/robustness/fuzz.test.ts, a bounded number of
// cases) and the on-demand runner (scripts/fuzz.mjs, `npm run fuzz -- --runs 100000`).
//
// For every generated or mutated workspace:
//  - nothing throws: reading, the model, the checks, the zone, every editor feature at sampled offsets;
//  - every span (problems, records' origins, locate results, hover links, locations) lies inside a file
//    of the workspace;
//  - answers are reproducible: the same files give the same records and diagnostics, also loaded in
//    another order, and the language server's incremental index after a sequence of edits equals a
//    fresh load of the final files;
//  - DNS invariants: a headless Service's A answers are its ready endpoints' IPv4 addresses; the
//    per-pod name of a ready pod selected by its headless subdomain Service resolves to the pod's
//    IPv4 addresses; a name under an existing namespace that names nothing is NXDOMAIN.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../../../server/src/lsp/workspace';
import { parseSettings } from '../../../../server/src/lsp/settings';
import { ClusterModel } from '../../../../server/src/core/model/cluster';
import { DiagnosticsEngine } from '../../../../server/src/core/checks/engine';
import { readManifestText } from '../../../../server/src/core/manifest/readFile';
import { PatchIndex, isKustomizationFile } from '../../../../server/src/core/workspace/kustomize';
import { matchesMap } from '../../../../server/src/core/manifest/labels';
import type { Workspace } from '../../../../server/src/service/context';
import { corpusRoot, exerciseFile, exerciseWorkspace, assertProblem, assertSpan, sampleOffsets } from '../support';
import { fileText, unknownLabel, workspaceFiles, NAMESPACES } from './generators';
import { applyMutations, textMutation, type TextMutation } from './mutations';

const ROOT = '/fuzz';
const uriOf = (name: string) => `file://${ROOT}/${name}`;

export type Files = Record<string, string>;

/** Raw `k8sDnsLens` settings a user may have. */
export const settingsArb = fc.record(
  {
    clusterDomain: fc.constantFrom('cluster.local', 'k8s.example.org'),
    'dns.podRecords': fc.constantFrom('insecure', 'verified', 'disabled'),
    'dns.endpointPodNames': fc.boolean(),
    'simulation.serviceCIDR': fc.constantFrom('10.96.0.0/12', '10.96.0.0/12,fd00:10:96::/112', '10.96.0.0/28', 'fd00:10:96::/112,10.96.0.0/12'),
    'simulation.podCIDR': fc.constantFrom('10.244.0.0/16', '10.244.0.0/29', '10.244.0.0/16,fd00:10:244::/56'),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------- workspaces

/** The language server's index, documents opened one by one in `order` (its incremental path). */
export function openIncrementally(files: Files, order: readonly string[], settings: Record<string, unknown>): WorkspaceIndex {
  const ws = new WorkspaceIndex(() => undefined);
  ws.settings = parseSettings(settings);
  ws.model = new ClusterModel(ws.settings.model);
  ws.engine = new DiagnosticsEngine(ws.model, undefined, (u) => ws.text(u));
  ws.folders = [{ uri: `file://${ROOT}`, path: ROOT }];
  for (const name of order) ws.openDocument(uriOf(name), files[name], 1);
  return ws;
}

/** A fresh load of `files` in `order`: every file read, one refresh, every check (the batch path). */
export function loadFresh(files: Files, order: readonly string[], settings: Record<string, unknown>): Workspace {
  const s = parseSettings(settings);
  const model = new ClusterModel(s.model);
  const patches = new PatchIndex();
  for (const name of order) if (isKustomizationFile(name)) patches.update(path.posix.join(ROOT, name), files[name]);
  for (const name of order) model.setFile(patches.apply(readManifestText(uriOf(name), files[name]), path.posix.join(ROOT, name), name));
  model.refresh();
  const byUri = new Map(Object.keys(files).map((n) => [uriOf(n), files[n]]));
  const engine = new DiagnosticsEngine(model, undefined, (u) => byUri.get(u));
  engine.checkAll();
  return { model, engine, settings: s, folders: [{ uri: `file://${ROOT}`, path: ROOT }], indexing: false, file: (u) => model.file(u), text: (u) => byUri.get(u) };
}

/** What must be reproducible: every record with its origin, every problem, every pod and Service. */
export function snapshot(ws: Workspace): string[] {
  const out: string[] = [];
  for (const r of ws.engine.resolver.records()) {
    out.push(`record ${r.name} ${r.type} ${r.ttl} ${r.data} | ${r.origin?.summary ?? ''} | ${(r.origin?.spans ?? []).map((s) => `${s.file}@${s.start}-${s.end}`).join(' ')}`);
  }
  const files = [...ws.model.allFiles()].map((f) => f.file).sort();
  for (const f of files) {
    const lines = ws.engine.problemsFor(f, ws.settings.severity).map(
      (p) => `problem ${f} ${p.code} ${p.severity} ${p.span.start}-${p.span.end} ${p.message} | ${(p.related ?? []).map((r) => `${r.span.file}@${r.span.start}`).join(' ')} | ${p.fix ? JSON.stringify(p.fix) : ''}`,
    );
    out.push(...lines.sort());
  }
  for (const p of ws.model.pods()) out.push(`pod ${p.namespace}/${p.name} ${p.ips.map((i) => i.ip).join(',')} ${p.ready} ${p.phase}`);
  for (const s of ws.model.services()) out.push(`service ${s.namespace}/${s.name} ${s.type} ${s.clusterIPs.map((i) => i.ip).join(',')} ${s.endpoints.map((e) => `${e.ip}/${e.ready}/${e.hostname ?? ''}`).sort().join(',')}`);
  return out.sort();
}

// ---------------------------------------------------------------- checks of one workspace

export interface CaseStats {
  records: number;
  problems: number;
  featureCalls: number;
  invariantChecks: number;
}

export function newStats(): CaseStats {
  return { records: 0, problems: 0, featureCalls: 0, invariantChecks: 0 };
}

/** Spans, features, DNS invariants. */
export function checkWorkspace(ws: Workspace, unknown: readonly string[], stats: CaseStats, offsetsPerFile = 20): void {
  const model = ws.model;
  const resolver = ws.engine.resolver;
  const zone = model.settings.clusterDomain;
  // spans of problems and records
  for (const f of model.allFiles()) {
    for (const p of ws.engine.problemsFor(f.file, ws.settings.severity)) {
      stats.problems++;
      assertProblem(ws, p, f.file);
    }
  }
  for (const r of resolver.records()) {
    stats.records++;
    for (const s of r.origin?.spans ?? []) assertSpan(ws, s, `origin of ${r.name} ${r.type}`);
  }
  // editor features at a sample of offsets of every file
  for (const f of model.allFiles()) {
    const all = sampleOffsets(f, 61);
    const k = Math.max(1, Math.ceil(all.length / offsetsPerFile));
    const c = exerciseFile(ws, f.file, all.filter((_, i) => i % k === 0));
    stats.featureCalls += c.calls;
  }
  exerciseWorkspace(ws);
  // DNS invariants
  for (const svc of model.services()) {
    if (svc.builtin || svc.type === 'ExternalName' || !svc.headless) continue;
    const name = `${svc.name}.${svc.namespace}.svc.${zone}.`;
    const a = resolver.query(name, 'A');
    const got = new Set(a.answers.filter((r) => r.type === 'A').map((r) => r.data));
    const want = new Set(svc.endpoints.filter((e) => e.ready && e.family === 4).map((e) => e.ip));
    stats.invariantChecks++;
    assert.deepEqual(got, want, `A ${name}: the ready endpoints' IPv4 addresses`);
    // per-pod names of the pods it selects whose subdomain names it
    if (!svc.object || !svc.selector) continue;
    const families = (model as ClusterModel).serviceFamilies(svc.object);
    if (!families.includes(4)) continue;
    for (const pod of svc.selectedPods) {
      if (!pod.hostname || pod.subdomain !== svc.name || !matchesMap(svc.selector, pod.labels)) continue;
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      if (!(svc.publishNotReadyAddresses || (pod.ready && !pod.terminating))) continue;
      const v4 = pod.ips.filter((i) => i.family === 4).map((i) => i.ip);
      if (!v4.length) continue;
      const host = `${pod.hostname}.${name}`;
      const ans = new Set(resolver.query(host, 'A').answers.filter((r) => r.type === 'A').map((r) => r.data));
      stats.invariantChecks++;
      for (const ip of v4) assert.ok(ans.has(ip), `A ${host} holds ${ip} of Pod ${pod.namespace}/${pod.name}: ${[...ans].join(', ')}`);
    }
  }
  const namespaces = model.namespaces();
  for (const label of unknown) {
    for (const ns of namespaces.slice(0, 4)) {
      if (model.service(ns, label)) continue;
      const n = `${label}.${ns}.svc.${zone}.`;
      stats.invariantChecks++;
      assert.equal(resolver.query(n, 'A').rcode, 'NXDOMAIN', `${n} names nothing`);
    }
  }
}

/** Same snapshot, or the first difference. */
export function assertSameSnapshot(a: string[], b: string[], what: string): void {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return;
  const onlyA = a.filter((x) => !b.includes(x)).slice(0, 5);
  const onlyB = b.filter((x) => !a.includes(x)).slice(0, 5);
  assert.fail(`${what}: answers differ\n  only in the first:\n    ${onlyA.join('\n    ')}\n  only in the second:\n    ${onlyB.join('\n    ')}`);
}

// ---------------------------------------------------------------- corpus seeds

let seeds: string[] | undefined;

/** Corpus files small enough for a fuzz case (real and negative, ≤ 6,000 characters). */
export function corpusSeeds(): string[] {
  if (seeds) return seeds;
  seeds = [];
  for (const part of ['real', 'negative']) {
    const dir = path.join(corpusRoot, part);
    if (!fs.existsSync(dir)) continue;
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/.test(e.name)) {
          const t = fs.readFileSync(p, 'utf8');
          if (t.length <= 6000) seeds!.push(t);
        }
      }
    };
    walk(dir);
  }
  return seeds;
}

// ---------------------------------------------------------------- the properties

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProperty = fc.IPropertyWithHooks<any>;

export interface Property {
  name: string;
  /** Share of the runs this property gets. */
  weight: number;
  make(stats: CaseStats): AnyProperty;
}

const shuffle = <T>(xs: readonly T[], seed: number): T[] => {
  const a = [...xs];
  let h = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    h = (h * 1103515245 + 12345) >>> 0;
    const j = h % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** Checks a workspace both ways: incremental in one order, fresh in another; same answers; invariants. */
function checkBothWays(files: Files, settings: Record<string, unknown>, unknown: string[], orderSeed: number, stats: CaseStats): void {
  const names = Object.keys(files);
  const inc = openIncrementally(files, names, settings);
  checkWorkspace(inc, unknown, stats);
  const fresh = loadFresh(files, shuffle(names, orderSeed), settings);
  assertSameSnapshot(snapshot(inc), snapshot(fresh), 'incremental (in order) vs fresh (shuffled)');
  assertSameSnapshot(snapshot(fresh), snapshot(loadFresh(files, [...names].reverse(), settings)), 'fresh vs fresh in reverse order');
}

export const properties: Property[] = [
  {
    name: 'generated workspaces: invariants, spans, features, same answers in any order',
    weight: 4,
    make: (stats) =>
      fc.property(workspaceFiles, settingsArb, fc.array(unknownLabel, { maxLength: 2 }), fc.nat(), (files, settings, unknown, orderSeed) =>
        checkBothWays(files, settings, unknown, orderSeed, stats),
      ) as unknown as AnyProperty,
  },
  {
    name: 'mutated corpus and generated files: no exception, spans, invariants, same answers in any order',
    weight: 4,
    make: (stats) => {
      const pool = corpusSeeds();
      const seed = pool.length ? fc.nat({ max: pool.length - 1 }).map((i) => pool[i]) : fileText;
      const mutated = fc.tuple(fc.oneof(seed, fileText), fc.array(textMutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => applyMutations(t, ms));
      const filesArb = fc.array(fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: fileText }), { minLength: 1, maxLength: 3 }).map((texts) => {
        const files: Files = {};
        texts.forEach((t, i) => (files[`${i % 2 ? 'overlays/' : ''}m${i}.yaml`] = t));
        return files;
      });
      return fc.property(filesArb, settingsArb, fc.array(unknownLabel, { maxLength: 1 }), fc.nat(), (files, settings, unknown, orderSeed) =>
        checkBothWays(files, settings, unknown, orderSeed, stats),
      ) as unknown as AnyProperty;
    },
  },
  {
    name: 'edit sequences: the incremental index equals a fresh load of the final files',
    weight: 2,
    make: (stats) => {
      type Edit = { op: 'set'; target: number; text: string } | { op: 'mutate'; target: number; mutations: TextMutation[] } | { op: 'delete'; target: number } | { op: 'add'; dir: string; text: string } | { op: 'rename'; target: number; dir: string };
      const dir = fc.constantFrom('', 'app/', 'overlays/x/', 'b/');
      const edit: fc.Arbitrary<Edit> = fc.oneof(
        fc.record({ op: fc.constant('set' as const), target: fc.nat(), text: fileText }),
        fc.record({ op: fc.constant('mutate' as const), target: fc.nat(), mutations: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }),
        fc.record({ op: fc.constant('delete' as const), target: fc.nat() }),
        fc.record({ op: fc.constant('add' as const), dir, text: fc.oneof(fileText, fc.constant('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: f0.yaml\n  - path: f1.yaml\n')) }),
        fc.record({ op: fc.constant('rename' as const), target: fc.nat(), dir }),
      );
      return fc.property(workspaceFiles, fc.array(edit, { minLength: 1, maxLength: 8 }), settingsArb, (initial, edits, settings) => {
        const files: Files = { ...initial };
        const ws = openIncrementally(files, Object.keys(files), settings);
        let added = 0;
        for (const e of edits) {
          const names = Object.keys(files).sort();
          const pick = (k: number) => names[k % names.length];
          if (e.op === 'add') {
            // an added kustomization lands as `<dir>kustomization.yaml`
            const name = e.text.includes('kind: Kustomization') ? `${e.dir}kustomization.yaml` : `${e.dir}n${added++}.yaml`;
            files[name] = e.text;
            if (ws.isOpen(uriOf(name))) ws.changeDocument(uriOf(name), e.text, 2);
            else ws.openDocument(uriOf(name), e.text, 1);
            continue;
          }
          if (!names.length) continue;
          const name = pick(e.target);
          if (e.op === 'set' || e.op === 'mutate') {
            files[name] = e.op === 'set' ? e.text : applyMutations(files[name], e.mutations);
            ws.changeDocument(uriOf(name), files[name], 2);
          } else if (e.op === 'delete') {
            delete files[name];
            ws.closeDocument(uriOf(name));
          } else {
            const to = `${e.dir}${path.posix.basename(name)}`;
            if (to === name || files[to] !== undefined) continue;
            files[to] = files[name];
            delete files[name];
            ws.closeDocument(uriOf(name));
            ws.openDocument(uriOf(to), files[to], 1);
          }
        }
        // what any request does first: large documents' edits wait for a pause in typing
        ws.flushEdits();
        if (!Object.keys(files).length) return;
        checkWorkspace(ws, [], stats, 8);
        assertSameSnapshot(snapshot(ws), snapshot(loadFresh(files, Object.keys(files).sort(), settings)), 'incremental after edits vs fresh load of the final files');
      }) as unknown as AnyProperty;
    },
  },
];

export { NAMESPACES };

// ---------------------------------------------------------------- running

export interface RunResult {
  property: string;
  cases: number;
  ms: number;
  seed: number;
  failed: boolean;
  /** fast-check's report: the shrunk counterexample, its seed and path, the error. */
  report?: string;
  stats: CaseStats;
}

/** Runs one property `runs` times from `seed` (fast-check shrinks a failure and reports it). */
export function runProperty(p: Property, runs: number, seed: number, options: { path?: string; endOnFailure?: boolean } = {}): RunResult {
  const stats = newStats();
  const started = Date.now();
  const details = fc.check(p.make(stats), { numRuns: runs, seed, path: options.path, endOnFailure: options.endOnFailure ?? false });
  const result: RunResult = { property: p.name, cases: details.numRuns, ms: Date.now() - started, seed, failed: details.failed, stats };
  if (details.failed) {
    result.report = `${p.name}: failed after ${details.numRuns} cases (seed ${details.seed}, path "${details.counterexamplePath}")\n` +
      `counterexample: ${fc.stringify(details.counterexample)}\n` +
      `${details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance)}`;
  }
  return result;
}

/** Runs per property for a total: shares by weight. */
export function share(total: number): { property: Property; runs: number }[] {
  const sum = properties.reduce((n, p) => n + p.weight, 0);
  return properties.map((property) => ({ property, runs: Math.max(1, Math.round((total * property.weight) / sum)) }));
}
