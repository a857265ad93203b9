// The lists the reader and the model keep are at their length: an array built by `push` keeps the room
// V8 grew it by (17 slots after the first push), which for the many one- and two-element lists of a
// workspace was most of their memory.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { EMPTY, fit } from '../../../server/src/core/util/fit';
import { packPlain, unpackPlain } from '../../../server/src/core/util/plainCodec';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import type { FileResult } from '../../../server/src/core/manifest/objects';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

test('fit gives the same elements in an array of its own; every empty list is the one frozen EMPTY', () => {
  const a = [1, 2, 3];
  a.push(4);
  const b = fit(a);
  assert.deepEqual(b, [1, 2, 3, 4]);
  assert.notEqual(b, a);
  const empty: number[] = [];
  assert.equal(fit(empty), EMPTY);
  assert.equal(fit([] as string[]), EMPTY);
  assert.ok(Object.isFrozen(EMPTY));
  // a push on a kept empty list fails instead of adding to every empty list of the workspace
  assert.throws(() => fit(empty).push(1), TypeError);
  assert.equal(EMPTY.length, 0);
});

test('reading, decoding and the model share the one EMPTY for their empty lists', () => {
  const res = readManifestText('file:///empty-lists.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n', defaultReadOptions);
  const svc = res.objects[0];
  assert.equal(svc.problems, EMPTY);
  assert.equal(svc.meta.ownerReferences, EMPTY);
  const [back] = unpackPlain(packPlain([res])) as (typeof res)[];
  assert.equal(back.objects[0].problems, EMPTY);
  assert.equal(back.objects[0].meta.ownerReferences, EMPTY);
});

/** Replaces every array reachable from `root` by a copy at its length; returns how many it visited. */
function refit(root: unknown, seen = new Set<unknown>()): number {
  if (!root || typeof root !== 'object' || seen.has(root)) return 0;
  seen.add(root);
  let n = 0;
  const o = root as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (Array.isArray(v)) {
      o[k] = v.slice();
      n++;
    }
    n += refit(o[k], seen);
  }
  return n;
}

function pods(file: number, count: number): string {
  // one Pod with many one-element lists: a label, containers with one port each
  const containers = Array.from({ length: 12 }, (_, i) => `  - name: c${i}\n    image: nginx\n    ports:\n    - containerPort: ${8000 + i}\n      name: p${i}\n`).join('');
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${file}-${i}\n  labels:\n    app: web\nspec:\n  containers:\n${containers}`).join('---\n');
}

test('read results and model state hold no room beyond their lists (copying every list to its length frees nothing)', () => {
  const results: FileResult[] = [];
  for (let i = 0; i < 200; i++) results.push(readManifestText(`file:///ws/f${i}.yaml`, pods(i, 5), defaultReadOptions));
  const model = new ClusterModel();
  for (const r of results) model.setFile(r);
  model.refresh();
  const state = model.namespace('default')!;
  assert.equal(state.pods.size, 1000);
  gc();
  const before = process.memoryUsage().heapUsed;
  const lists = refit(results) + refit([...state.pods.values()]);
  gc();
  const freed = before - process.memoryUsage().heapUsed;
  // 1,000 pods with ~30 lists each: unfitted they held ~120 bytes of spare room per list (~3.5 MB)
  assert.ok(lists > 25_000, `${lists} lists visited`);
  assert.ok(freed < 400 * 1024, `copying ${lists} lists to their length freed ${(freed / 1024).toFixed(0)} KB`);
});
