// The counters the status bar reads after every change equal what listing everything gives.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticsEngine, type SeverityOverrides } from '../../../server/src/core/checks/engine';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { loadFolder } from '../../../server/src/core/workspace/load';
import { scanFolder } from '../../../server/src/core/workspace/scan';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

test('problem, service and pod counts equal the listed ones, after edits too', () => {
  const { model } = loadFolder(fixtures);
  const engine = new DiagnosticsEngine(model);
  engine.checkAll();
  const listed = (o: SeverityOverrides) => engine.filesWithProblems().reduce((n, f) => n + engine.problemsFor(f, o).length, 0);
  const expectCounts = () => {
    for (const o of [{}, { 'selector-matches-no-pod': 'off' }, { 'yaml-syntax': 'off', 'invalid-service-name': 'warning' }] as SeverityOverrides[]) {
      assert.equal(engine.problemCount(o), listed(o), JSON.stringify(o));
    }
    assert.deepEqual(model.counts(), { services: model.services().filter((s) => !s.builtin).length, pods: model.pods().length });
  };
  assert.ok(listed({}) > 10);
  expectCounts();
  // remove a file, change another, then put the first back
  const files = scanFolder(fixtures).filter((f) => /\.ya?ml$/.test(f));
  const [a, b] = [files[3], files[7]];
  model.removeFile(a);
  model.setFile(readManifestText(b, 'apiVersion: v1\nkind: Service\nmetadata: {name: Bad_Name}\nspec: {selector: {app: none}, ports: [{port: 80}]}\n'));
  engine.update(model.refresh().namespaces);
  expectCounts();
  model.setFile(readManifestText(a, fs.readFileSync(a, 'utf8')));
  model.setFile(readManifestText(b, fs.readFileSync(b, 'utf8')));
  engine.update(model.refresh().namespaces);
  expectCounts();
});
