// Line starts of a text (what is kept of a closed file for offsets ↔ positions): LF, CRLF and lone CR
// breaks, any number of lines, the same answer however many texts came before (the reader keeps a
// buffer between calls).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { computeLineStarts, positionAt } from '../../../server/src/core/util/lines';

function naive(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) out.push(i + 1);
  }
  return out;
}

test('line starts of texts of every size, in any order: those of a plain scan', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const texts = ['', 'a', '\n', '\n\n', 'a\nb', 'a\nb\n', 'a\r\nb\r\n', 'a\rb', 'x\r\n\ry\n'];
  for (const lines of [10, 4095, 4096, 4097, 70_000, 3, 9000]) {
    const parts: string[] = [];
    for (let i = 0; i < lines; i++) parts.push('k'.repeat(rnd(20)) + (rnd(50) === 0 ? '\r\n' : '\n'));
    texts.push(parts.join(''), parts.join('').replace(/\r/g, ''));
  }
  const kept: [string, Uint32Array][] = [];
  for (const t of [...texts, ...texts.reverse()]) {
    const got = computeLineStarts(t);
    assert.ok(got instanceof Uint32Array);
    assert.deepEqual([...got], naive(t), `${t.length} chars`);
    kept.push([t, got]);
  }
  // each answer is its own array: later calls do not change it
  for (const [t, got] of kept) assert.deepEqual([...got], naive(t), `${t.length} chars, kept`);
  const t = 'ab\ncd\n';
  assert.deepEqual(positionAt(computeLineStarts(t), 4), { line: 1, character: 1 });
});
