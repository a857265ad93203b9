// The persisted diagnostics snapshot is used only when it is whole: a damaged or foreign file gives
// nothing (the checks then run), never problems that would crash or mislead the editor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDiagnosticsSnapshot, writeDiagnosticsSnapshot, SNAPSHOT_FORMAT, type DiagnosticsSnapshot } from '../../../server/src/core/workspace/diagnosticsSnapshot';
import type { Problem } from '../../../server/src/core/types';

const problem: Problem = {
  code: 'selector-matches-no-pod',
  severity: 'warning',
  message: 'Service "db" selects no pod',
  span: { file: 'file:///ws/a.yaml', start: 10, end: 12 },
  related: [{ span: { file: 'file:///ws/b.yaml', start: 0, end: 4 }, message: 'labels of pod "x"' }],
  fix: { title: 'Add the label', edits: [{ file: 'file:///ws/b.yaml', start: 4, end: 4, newText: 'app: db\n' }] },
};

function snapshot(p: unknown): DiagnosticsSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    server: 's',
    settings: '{}',
    files: [['/ws/a.yaml', 20, 1]],
    diagnostics: [['file:///ws/a.yaml', [{ message: 'm' }]]],
    checks: { namespaces: [['a', [['file:///ws/a.yaml', [p as Problem]]], ['b']]] },
  };
}

test('a snapshot with well-formed check results loads; one damaged problem, another server or other settings: none', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-snapshot-'));
  try {
    const file = path.join(dir, 'diagnostics-x.json');
    await writeDiagnosticsSnapshot(file, snapshot(problem));
    const loaded = await loadDiagnosticsSnapshot(file, 's', '{}');
    assert.deepEqual(loaded?.checks, snapshot(problem).checks);
    assert.equal(await loadDiagnosticsSnapshot(file, 'other server', '{}'), undefined);
    assert.equal(await loadDiagnosticsSnapshot(file, 's', '{"clusterDomain":"x"}'), undefined);

    const damaged: unknown[] = [
      { ...problem, severity: 'fatal' },
      { ...problem, span: { file: 'f', start: 5, end: 2 } },
      { ...problem, span: { file: 'f', start: -1, end: 2 } },
      { ...problem, message: 3 },
      { ...problem, related: [{ span: problem.span }] },
      { ...problem, fix: { title: 't', edits: [{ file: 'f', start: 0, end: 0 }] } },
      { ...problem, fix: { title: 't', edits: [], createsFile: 'yes' } },
      null,
    ];
    for (const p of damaged) {
      await writeDiagnosticsSnapshot(file, snapshot(p));
      assert.equal(await loadDiagnosticsSnapshot(file, 's', '{}'), undefined, JSON.stringify(p));
    }
    // an older layout (no check results) and a file that is not JSON
    const { checks: _, ...older } = snapshot(problem);
    await writeDiagnosticsSnapshot(file, { ...older, format: 1 } as unknown as DiagnosticsSnapshot);
    assert.equal(await loadDiagnosticsSnapshot(file, 's', '{}'), undefined);
    fs.writeFileSync(file, '{"format":');
    assert.equal(await loadDiagnosticsSnapshot(file, 's', '{}'), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the model part loads when it has the shape ClusterModel.snapshot() gives; a damaged one is left out (the model is then built in full), the rest still loads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-snapshot-'));
  try {
    const file = path.join(dir, 'diagnostics-x.json');
    const model = { namespaces: [['a', ['a/p-0'], [], ['a/db'], [], ['10.244.9.9'], [], 1, 1]] };
    await writeDiagnosticsSnapshot(file, { ...snapshot(problem), model } as DiagnosticsSnapshot);
    assert.deepEqual((await loadDiagnosticsSnapshot(file, 's', '{}'))?.model, model);
    const damaged: unknown[] = [
      { namespaces: 'a' },
      { namespaces: [['a', ['a/p-0'], [], ['a/db'], [], [], 1, 1]] },
      { namespaces: [['a', ['a/p-0'], [], [3], [], [], [], 1, 1]] },
      { namespaces: [['a', ['a/p-0'], [], ['a/db'], [], [], [], -1, 1]] },
      { namespaces: [[null, [], [], [], [], [], [], 0, 0]] },
      null,
    ];
    for (const m of damaged) {
      await writeDiagnosticsSnapshot(file, { ...snapshot(problem), model: m } as DiagnosticsSnapshot);
      const loaded = await loadDiagnosticsSnapshot(file, 's', '{}');
      assert.ok(loaded, JSON.stringify(m));
      assert.equal(loaded.model, undefined, JSON.stringify(m));
      assert.deepEqual(loaded.checks, snapshot(problem).checks);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
