// Failures the fuzz suite found, each kept as the (shrunk) case it reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadFresh, openIncrementally, snapshot, assertSameSnapshot } from './fuzz/properties';

test('regression: the PTR of a ClusterIP two Services share named whichever namespace was loaded last', () => {
  const files = {
    'f0.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n  clusterIP: 10.96.100.1\n  selector: {}\n',
    'f1.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: team-a\nspec:\n  ports:\n    - port: 80\n  clusterIP: 10.96.100.1\n  selector: {}\n',
  };
  const a = openIncrementally(files, ['f0.yaml', 'f1.yaml'], {});
  for (const other of [openIncrementally(files, ['f1.yaml', 'f0.yaml'], {}), loadFresh(files, ['f1.yaml', 'f0.yaml'], {}), loadFresh(files, ['f0.yaml', 'f1.yaml'], {})]) {
    assertSameSnapshot(snapshot(a), snapshot(other), 'another load order');
  }
  const ptr = a.engine.resolver.query('1.100.96.10.in-addr.arpa.', 'PTR');
  assert.deepEqual(ptr.answers.map((r) => r.data), ['web.default.svc.cluster.local.']);
});
