// The features' warm-up (service/warm.ts): samples of each kind of element, each feature run on them,
// its answers and failures dropped, nothing in the workspace changed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture } from './fixture';
import { warmUp, offsetsIn } from '../../../server/src/service/warm';
import { features } from '../../../server/src/service/registry';
import type { Feature, WarmSample } from '../../../server/src/service/context';
import { locate } from '../../../server/src/core/features/locate';
import { hoverAt } from '../../../server/src/service/hover';

test('samples cover the kinds of element the seed workspace has; each feature with a warm hook runs on each', () => {
  const { ws } = fixture('seed');
  const seen: WarmSample[] = [];
  const probe: Feature = { register: () => undefined, warm: (_ws, s) => void seen.push(s) };
  let steps = 0;
  for (const _ of warmUp(ws, [probe, { register: () => undefined }])) steps++;
  const kinds = new Set(seen.map((s) => s.kind));
  for (const k of ['service-name', 'selector', 'pod-name', 'pod-label', 'hostname', 'subdomain', 'endpoints-name', 'endpoint-address', 'external-name', 'target-port']) {
    assert.ok(kinds.has(k), `${k} sampled (got ${[...kinds].join(', ')})`);
  }
  // each sample is where its kind is: locate says so
  for (const s of seen) assert.equal(locate(ws.file(s.uri)!, s.offset, 'default')?.kind, s.kind);
  assert.ok(!kinds.has('object'), 'not the object as a whole (no feature answers there)');
  // a step per file and one per (feature with a hook, sample)
  assert.equal(steps, ws.model.fileCount + seen.length);
});

test('the warm-up of the registered features changes no answer, and a failing hook stops nothing', () => {
  const { ws, uri, offsetOf } = fixture('seed');
  const at = offsetOf('Headless.yml', 'headless1');
  const before = JSON.stringify(hoverAt(ws, uri('Headless.yml'), at));
  const version = ws.model.version;
  let after = 0;
  const failing: Feature = { register: () => undefined, warm: () => { throw new Error('boom'); } };
  const counting: Feature = { register: () => undefined, warm: () => void after++ };
  for (const _ of warmUp(ws, [...features, failing, counting]));
  assert.ok(after > 0, 'the hook after the failing one still ran');
  assert.equal(ws.model.version, version);
  assert.equal(JSON.stringify(hoverAt(ws, uri('Headless.yml'), at)), before);
  assert.ok(features.some((f) => f.warm), 'hover, definition and nslookup have warm hooks');
});

test('offsetsIn: every located value of an object, sorted, once', () => {
  const { ws, uri } = fixture('seed');
  const o = ws.file(uri('Headless.yml'))!.objects[0];
  const offs = offsetsIn(o);
  assert.ok(offs.length >= 4);
  assert.deepEqual(offs, [...new Set(offs)].sort((a, b) => a - b));
  assert.ok(offs.includes(o.meta.name!.start));
});
