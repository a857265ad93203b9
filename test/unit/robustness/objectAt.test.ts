// objectAt (the object under the cursor, first step of every editor feature) on files of thousands of
// objects: a binary search, held to the plain scan in file order on random (also overlapping) layouts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { inside, objectAt } from '../../../server/src/core/features/locate';
import type { K8sObject } from '../../../server/src/core/manifest/objects';
import { readManifestText } from '../../../server/src/core/manifest/readFile';

function scan(objects: readonly K8sObject[], offset: number): K8sObject | undefined {
  let best: K8sObject | undefined;
  for (const o of objects) {
    if (!inside(o.loc, offset)) continue;
    if (!best || o.loc.end - o.loc.start < best.loc.end - best.loc.start) best = o;
  }
  return best;
}

test('objectAt: the same object as a scan in file order, on random layouts of up to 200 objects', () => {
  const loc = fc.tuple(fc.nat({ max: 2000 }), fc.nat({ max: 300 })).map(([s, l]) => ({ start: s, end: s + l }));
  fc.assert(
    fc.property(fc.array(loc, { minLength: 0, maxLength: 200 }), fc.array(fc.nat({ max: 2400 }), { minLength: 1, maxLength: 30 }), (locs, offsets) => {
      const objects = locs.map((l, i) => ({ loc: l, doc: i }) as unknown as K8sObject);
      for (const off of offsets) assert.equal(objectAt({ objects }, off), scan(objects, off), `offset ${off}`);
    }),
    { numRuns: 500 },
  );
});

test('regression: every editor request took 1.5 ms on a 2 MB file of 5,590 documents (a scan of all objects per request)', () => {
  const doc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector:\n    app: a${i}\n  ports:\n    - port: 80\n`;
  const text = Array.from({ length: 6000 }, (_, i) => doc(i)).join('---\n');
  const file = readManifestText('/ws/big.yaml', text);
  assert.equal(file.objects.length, 6000);
  const started = process.hrtime.bigint();
  let n = 0;
  for (let off = 0; off < text.length; off += 97, n++) assert.equal(objectAt(file, off), scan(file.objects, off));
  const perCall = Number(process.hrtime.bigint() - started) / 1e6 / n;
  // the scan in the assertion dominates; objectAt alone is microseconds
  assert.ok(perCall < 5, `${perCall} ms per call`);
  const t2 = process.hrtime.bigint();
  for (let off = 0; off < text.length; off += 97) objectAt(file, off);
  const alone = Number(process.hrtime.bigint() - t2) / 1e6 / n;
  assert.ok(alone < 0.1, `objectAt: ${alone} ms per call`);
});
