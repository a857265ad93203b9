// What the reader keeps does not keep the file's text alive, and equal strings are one copy.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { intern } from '../../../server/src/core/util/intern';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';
import type { FileResult } from '../../../server/src/core/manifest/objects';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

test('intern gives back an equal string, whatever it was cut from', () => {
  const text = 'kind: Service\nmetadata:\n  name: a-rather-long-service-name\n';
  const a = intern(text.slice(text.indexOf('a-rather'), text.indexOf('\n', text.indexOf('a-rather'))));
  assert.equal(a, 'a-rather-long-service-name');
  assert.equal(intern('a-rather-long-service-name'), a);
  assert.equal(intern(''), '');
  assert.equal(intern('TCP'), 'TCP');
});

test('a kept FileResult does not hold its file text (values are copied out of it)', () => {
  // one small Service, then 8 MB of comment: only the Service's strings are wanted afterwards
  // a flat string from the start (a repeated or concatenated one is flattened, i.e. copied, when read)
  const filler = `# ${Buffer.alloc(8 << 20, 'x').toString('latin1')}\n`;
  filler.indexOf('\n', 1 << 20);
  const names = Array.from({ length: 5 }, (_, i) => `service-with-a-long-name-${i}-${Math.random().toString(36).slice(2)}`);
  gc();
  const before = process.memoryUsage().heapUsed;
  // read in a function of its own: no text stays on this frame's stack
  const kept = readAll(names, filler);
  // V8 keeps the subject of the last successful RegExp match (RegExp.input): make it a small one
  assert.ok(/k/.test('k'));
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(kept.length, 5);
  for (const [i, r] of kept.entries()) {
    const obj = r.objects[0];
    assert.equal(obj.meta.name?.value, names[i]);
    assert.equal(obj.type === 'Service' ? obj.spec.selector?.[0].value : undefined, names[i]);
  }
  // five 8 MB texts kept alive would be 40 MB; the results themselves are a few KB
  assert.ok(grown < 4 * (1 << 20), `heap grew by ${(grown / (1 << 20)).toFixed(1)} MB while keeping 5 results`);
});

function readAll(names: string[], filler: string): FileResult[] {
  const kept: FileResult[] = [];
  for (const name of names) {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: team-${name}\n  labels:\n    app.kubernetes.io/name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - name: http-${name.slice(0, 40)}\n    port: 80\n${filler}`;
    kept.push(readManifestText(`file:///${name}.yaml`, text, defaultReadOptions));
  }
  return kept;
}
