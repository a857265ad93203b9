// The plain-data codec that carries FileResults between threads and into the persisted index: what it
// decodes is deep-equal to what it encoded (explicit undefined properties, -0, NaN and key order too).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { packPlain, unpackPlain } from '../../../server/src/core/util/plainCodec';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { scanFolder } from '../../../server/src/core/workspace/scan';
import { decodeText } from '../../../server/src/core/workspace/load';

const repoRoot = path.resolve(__dirname, '../../../..');

function roundTrip<T>(values: T[]): T[] {
  return unpackPlain(packPlain(values)) as T[];
}

test('FileResults of every fixture and of the real corpus round-trip exactly', () => {
  const dirs = [path.join(repoRoot, 'test', 'fixtures'), path.resolve(repoRoot, '..', 'shared', 'corpus', 'real')].filter((d) => fs.existsSync(d));
  const results = dirs.flatMap((d) => scanFolder(d).map((f) => readManifestText(f, decodeText(fs.readFileSync(f)))));
  assert.ok(results.length > 50, `found ${results.length} files`);
  assert.ok(results.some((r) => r.objects.some((o) => o.problems.length > 0)), 'the inputs include problems');
  const back = roundTrip(results);
  assert.deepStrictEqual(back, results);
  // key order and explicit undefined properties survive (deepStrictEqual does not look at order)
  assert.deepEqual(JSON.stringify(back), JSON.stringify(results));
  assert.deepEqual(Object.keys(back[0]), Object.keys(results[0]));
});

test('arbitrary plain data round-trips, edge numbers included', () => {
  const edge = fc.constantFrom(-0, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 27, 2 ** 27 - 1, -1, 0.5, Number.MAX_SAFE_INTEGER, undefined, null, '', '__proto__');
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double(), fc.boolean(), edge, fc.array(tie('v'), { maxLength: 5 }), fc.dictionary(fc.string(), tie('v'), { maxKeys: 5, noNullPrototype: true })),
  })).v;
  fc.assert(
    fc.property(fc.array(value, { maxLength: 8 }), (vals) => {
      assert.deepStrictEqual(roundTrip(vals), vals);
    }),
    { numRuns: 300 },
  );
  const o = roundTrip([{ ['__proto__']: 1, b: undefined } as unknown])[0] as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(o), Object.keys({ ['__proto__']: 1, b: undefined }));
});

test('malformed packets are refused, never half-decoded', () => {
  const p = packPlain([{ a: 'x', b: [1, 2, 3] }]);
  assert.throws(() => unpackPlain({ ...p, ints: p.ints.slice(0, p.ints.length - 1) }));
  assert.throws(() => unpackPlain({ ...p, strings: [] }));
  assert.throws(() => unpackPlain({ ...p, shapes: [] }));
  assert.throws(() => unpackPlain({ ...p, ints: Int32Array.from([...p.ints, 0]) }));
  assert.throws(() => packPlain([new Map()]));
  assert.throws(() => packPlain([() => 1]));
});

test('a packet with more different strings than a writer remembers reads back equal (strings seen before are stored again)', () => {
  const values: unknown[] = [];
  for (let i = 0; i < 40000; i++) values.push({ name: `s${i % 20000}`, common: 'TCP', list: [`k${i % 7}`, i] });
  const p = packPlain(values);
  assert.deepStrictEqual(unpackPlain(p), values);
  // each different string at least once; the names came round after the table started anew (stored
  // again), the strings every value repeats were not stored per value
  assert.ok(p.strings.length > 20000 + 8 && p.strings.length < 40000 + 100, `${p.strings.length} strings`);
});
