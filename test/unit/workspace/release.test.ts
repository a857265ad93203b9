// Releasing a buffer's memory at once (core/util/release.ts): detached now, freed within a few turns of
// the event loop; never a Buffer that shares its memory with others (Node's pool) or a view on part of one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { releaseArrayBuffer, releaseBufferOf } from '../../../server/src/core/util/release';

async function buffersAfterTurns(turns: number): Promise<number> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  return process.memoryUsage().arrayBuffers;
}

test('a released ArrayBuffer is detached at once and its memory is freed without a collection', async () => {
  const size = 64 << 20;
  const before = await buffersAfterTurns(2);
  const buf = Buffer.alloc(size, 1);
  assert.ok(process.memoryUsage().arrayBuffers - before >= size);
  releaseBufferOf(buf);
  assert.equal(buf.length, 0, 'detached');
  assert.equal(buf.buffer.byteLength, 0);
  let now = Infinity;
  for (let turn = 0; turn < 50 && now - before >= size; turn++) now = await buffersAfterTurns(1);
  assert.ok(now - before < size, `${((now - before) / 1048576).toFixed(1)} MB still held`);
  // releasing again, or an empty buffer, does nothing
  releaseArrayBuffer(buf.buffer);
  releaseArrayBuffer(new ArrayBuffer(0));
});

test('a Buffer from the shared pool, or a view on part of a buffer, is left alone', () => {
  const a = Buffer.from('abc');
  const b = Buffer.from('def');
  releaseBufferOf(a);
  assert.equal(a.toString(), 'abc');
  assert.equal(b.toString(), 'def');
  const whole = new Int32Array(1024).fill(7);
  const part = whole.subarray(0, 10);
  releaseBufferOf(part);
  assert.equal(whole.length, 1024);
  assert.equal(whole[1000], 7);
});
