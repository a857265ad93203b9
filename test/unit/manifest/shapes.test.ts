// Objects the reader makes share one hidden class per kind. V8 gives an object made by a spread
// followed by more properties (`{ ...base, type: 'Pod' }`) a hidden class of its own: every object of
// a workspace had one, so every read of one of their fields in the model and the checks was a slow
// lookup (iterating the 50,618 objects of the 10,000-file workspace for one field: 35–47 ms, now ~3 ms).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';
import { packPlain, unpackPlain } from '../../../server/src/core/util/plainCodec';
import type { FileResult, K8sObject } from '../../../server/src/core/manifest/objects';

v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const KINDS = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n  - name: c\n    image: x\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: s{i}\nspec:\n  selector:\n    app: a\n  ports:\n  - port: 80\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d{i}\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containers:\n      - name: c\n        image: x\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  url: http://s1:80\n',
  'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e{i}\nsubsets:\n- addresses:\n  - ip: 10.1.0.{i}\n',
  'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w{i}\n',
];

function distinctMaps(objects: readonly object[]): number {
  const reps: object[] = [];
  for (const o of objects) if (!reps.some((r) => sameMap(r, o))) reps.push(o);
  return reps.length;
}

test('the objects of one kind share one hidden class, read here or decoded from a worker packet', () => {
  const results: FileResult[] = [];
  for (let i = 0; i < 50; i++) results.push(readManifestText(`file:///ws/f${i}.yaml`, KINDS.map((k) => k.replaceAll('{i}', String(i))).join('---\n'), defaultReadOptions));
  const decoded = unpackPlain(packPlain(results)) as FileResult[];
  const all: K8sObject[] = [...results, ...decoded].flatMap((r) => r.objects);
  assert.equal(all.length, 2 * 50 * KINDS.length);
  const byKind = new Map<string, K8sObject[]>();
  for (const o of all) byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), o]);
  for (const [kind, list] of byKind) assert.equal(distinctMaps(list), 1, `${kind}: ${list.length} objects`);
  assert.equal(distinctMaps(all.map((o) => o.meta)), 1, 'metadata');
});
