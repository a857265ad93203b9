// Reading through worker threads gives exactly what reading on this thread gives.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReadPool, spareWorkers } from '../../../server/src/core/workspace/readPool';
import { readJob, type ReadJob } from '../../../server/src/core/workspace/readFiles';
import { scanFolder } from '../../../server/src/core/workspace/scan';

const repoRoot = path.resolve(__dirname, '../../../..');

test('FileResults read by workers are deep-equal to reading in-process', async () => {
  const dirs = [path.join(repoRoot, 'test', 'fixtures'), path.resolve(repoRoot, '..', 'shared', 'corpus', 'real')].filter((d) => fs.existsSync(d));
  const jobs: ReadJob[] = dirs.flatMap((d) => scanFolder(d)).map((p) => ({ uri: `file://${p}`, path: p }));
  jobs.push({ uri: 'file:///nope.yaml', path: path.join(repoRoot, 'no-such-file.yaml') });
  const pool = new ReadPool(2);
  try {
    assert.equal(pool.workers, 2, 'the compiled worker script is found');
    const batches: ReadJob[][] = [];
    for (let i = 0; i < jobs.length; i += 17) batches.push(jobs.slice(i, i + 17));
    const viaWorkers = (await Promise.all(batches.map((b) => pool.read(b)))).flat();
    const here = jobs.map(readJob);
    assert.equal(viaWorkers.length, here.length);
    for (let i = 0; i < here.length; i++) {
      if (here[i].error !== undefined) {
        assert.ok(viaWorkers[i].error !== undefined);
        continue;
      }
      assert.deepStrictEqual(viaWorkers[i], here[i], jobs[i].path);
    }
    // a file whose content hash is known is not parsed again
    const again = await pool.read([{ ...jobs[0], knownHash: here[0].hash }]);
    assert.equal(again[0].unchanged, true);
    assert.equal(again[0].result, undefined);
  } finally {
    await pool.close();
  }
});

test('without a worker script everything is read on this thread', async () => {
  const pool = new ReadPool(2, path.join(repoRoot, 'no-such-worker.js'));
  assert.equal(pool.workers, 0);
  const p = scanFolder(path.join(repoRoot, 'test', 'fixtures'))[0];
  const [r] = await pool.read([{ uri: 'x', path: p }]);
  assert.ok(r.result);
  await pool.close();
});

test('one worker with several batches in flight answers each batch with its own files, in order', async () => {
  const dir = path.join(repoRoot, 'test', 'fixtures');
  const jobs: ReadJob[] = scanFolder(dir).map((p) => ({ uri: `file://${p}`, path: p }));
  const pool = new ReadPool(1);
  try {
    assert.equal(pool.workers, 1);
    assert.ok(pool.depth >= 2, 'a worker holds more than one batch');
    const batches: ReadJob[][] = [];
    for (let i = 0; i < jobs.length; i += 5) batches.push(jobs.slice(i, i + 5));
    const answers = await Promise.all(batches.map((b) => pool.read(b)));
    answers.forEach((a, i) => assert.deepEqual(a.map((o) => o.path), batches[i].map((j) => j.path)));
  } finally {
    await pool.close();
  }
});

test('spareWorkers: none on one core or on an overloaded machine, one on two cores otherwise', () => {
  assert.equal(spareWorkers(2, 1, 0), 0);
  assert.equal(spareWorkers(2, 2, 0.1), 1);
  assert.equal(spareWorkers(2, 2, 1.9), 1);
  assert.equal(spareWorkers(2, 2, 2.5), 1);
  assert.equal(spareWorkers(2, 2, 3), 0);
  assert.equal(spareWorkers(2, 2, 4), 0);
  assert.equal(spareWorkers(2, 8, 0.5), 2);
  assert.equal(spareWorkers(2, 8, 6.5), 1);
  assert.equal(spareWorkers(0, 8, 0), 0);
});
