// When the language server collects its garbage itself: after a quiet spell, once its heap has grown.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IdleCollectPolicy, exposeGc, idleCollectOptions, DEFAULT_IDLE_COLLECT } from '../../../server/src/lsp/idleCollect';

const MB = 1024 * 1024;
const opts = { quietMs: 5000, settleMs: 6000, minGrowth: 16 * MB, largeYoung: 8 * MB, busy: 0.05 };

/** Feeds `n` one-second ticks; the indexes (0-based) of the ticks that said to collect. */
function run(p: IdleCollectPolicy, n: number, busy: (i: number) => boolean, heap: (i: number) => number, after: (i: number) => [number, number] = () => [100 * MB, 1 * MB]): number[] {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    if (p.tick(1000, busy(i), heap(i))) {
      at.push(i);
      p.collected(...after(i));
    }
  }
  return at;
}

test('collects once after five quiet seconds, not while busy, and not again without work', () => {
  const p = new IdleCollectPolicy(opts);
  // busy for 10 ticks, then quiet for 20: one collection, at the fifth quiet tick
  assert.deepEqual(run(p, 30, (i) => i < 10, () => 300 * MB), [14]);
});

test('a message or busy loop starts the quiet spell again', () => {
  const p = new IdleCollectPolicy(opts);
  // quiet 4 s, busy once, quiet again: the count starts over
  assert.deepEqual(run(p, 12, (i) => i === 4, () => 300 * MB), [9]);
});

test('no collection when the heap has not grown since the last one', () => {
  const p = new IdleCollectPolicy(opts);
  assert.deepEqual(run(p, 10, () => false, () => 300 * MB, () => [300 * MB, 1 * MB]), [4]);
  // work again, but the heap is where the collection left it (+ less than 16 MB)
  assert.deepEqual(run(p, 10, (i) => i === 0, () => 310 * MB), []);
  // work that grew it
  assert.deepEqual(run(p, 10, (i) => i === 0, () => 320 * MB), [5]);
});

test('a second collection 6 s after the first when the young generation stayed large', () => {
  const p = new IdleCollectPolicy(opts);
  const after = (i: number): [number, number] => (i === 4 ? [213 * MB, 32 * MB] : [181 * MB, 1 * MB]);
  assert.deepEqual(run(p, 30, () => false, () => 290 * MB, after), [4, 10]);
  // not a third, and the second needs no growth (the heap only shrank)
  const q = new IdleCollectPolicy(opts);
  assert.deepEqual(run(q, 30, () => false, (i) => (i > 4 ? 213 * MB : 290 * MB), after), [4, 10]);
  // work between them: the spell starts over, at the first step
  const r = new IdleCollectPolicy(opts);
  assert.deepEqual(run(r, 30, (i) => i === 7, (i) => (i > 7 ? 220 * MB : 290 * MB), after), [4]);
  const s = new IdleCollectPolicy(opts);
  assert.deepEqual(run(s, 30, (i) => i === 7, (i) => (i > 7 ? 240 * MB : 290 * MB), after), [4, 12]);
});

test('the options: defaults, off, and quietMs,settleMs,minGrowthMB', () => {
  assert.equal(idleCollectOptions(undefined), DEFAULT_IDLE_COLLECT);
  assert.equal(idleCollectOptions('off'), undefined);
  assert.deepEqual(idleCollectOptions('300,200,0'), { ...DEFAULT_IDLE_COLLECT, quietMs: 300, settleMs: 200, minGrowth: 0 });
  assert.equal(idleCollectOptions('nonsense'), DEFAULT_IDLE_COLLECT);
});

test('gc is exposed at run time without being left on the global object', () => {
  const hadGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const gc = exposeGc();
  assert.equal(typeof gc, 'function');
  gc!();
  if (!hadGc) assert.equal((globalThis as { gc?: unknown }).gc, undefined);
});

test('minGrowth 0: every quiet spell after work collects', () => {
  const p = new IdleCollectPolicy({ ...opts, minGrowth: 0 });
  assert.deepEqual(run(p, 10, () => false, () => 100 * MB), [4]);
  // the committed heap below where the collection left it: still collects
  assert.deepEqual(run(p, 10, (i) => i === 0, () => 90 * MB), [5]);
});
