// The persisted index: what is written is read back deep-equal; anything damaged, truncated, of another
// format or server version is refused as a whole (the index is then rebuilt from the files).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { scanFolder } from '../../../server/src/core/workspace/scan';
import { decodeText } from '../../../server/src/core/workspace/load';
import { hashBytes } from '../../../server/src/core/workspace/readFiles';
import { INDEX_FORMAT, cacheFileFor, decodeIndexCache, encodeIndexCache, loadIndexCache, writeIndexCache, writeIndexCacheStreaming, type CacheEntry } from '../../../server/src/core/workspace/indexCache';

const repoRoot = path.resolve(__dirname, '../../../..');

function entries(): CacheEntry[] {
  return scanFolder(path.join(repoRoot, 'test', 'fixtures')).map((p) => {
    const buf = fs.readFileSync(p);
    const st = fs.statSync(p);
    return { path: p, size: st.size, mtimeMs: st.mtimeMs, hash: hashBytes(buf), result: readManifestText(`file://${p}`, decodeText(buf)) };
  });
}

/** `n` entries: the fixtures' over and over, each under a path of its own. */
function manyEntries(n: number): CacheEntry[] {
  const base = entries();
  const list: CacheEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = base[i % base.length];
    list.push({ ...e, path: `${e.path}#${i}` });
  }
  return list;
}

test('a written index reads back deep-equal', async () => {
  const list = entries();
  const bytes = await encodeIndexCache(list, '1.2.3', 7);
  const back = decodeIndexCache(bytes, '1.2.3');
  assert.equal(back.error, undefined);
  assert.equal(back.entries.size, list.length);
  for (const e of list) assert.deepStrictEqual(back.entries.get(e.path), e);
  // sliced and one-go encodings are the same bytes
  assert.deepEqual(await encodeIndexCache(list, '1.2.3', 0), bytes);
});

test('damaged, truncated or foreign caches are refused whole', async () => {
  const list = entries();
  const bytes = await encodeIndexCache(list, '1.2.3');
  const refuse = (b: Buffer, version = '1.2.3') => {
    const r = decodeIndexCache(b, version);
    assert.ok(r.error, 'refused');
    assert.equal(r.entries.size, 0);
    return r.error!;
  };
  assert.match(refuse(bytes, '1.2.4'), /server/);
  assert.match(refuse(Buffer.from(bytes.toString('latin1').replace(`"format":${INDEX_FORMAT}`, '"format":99'), 'latin1')), /format/);
  refuse(bytes.subarray(0, bytes.length - 1));
  refuse(bytes.subarray(0, 10));
  refuse(Buffer.alloc(0));
  refuse(Buffer.from('not a cache at all\n'));
  // every single flipped byte of the payload is caught (a sample of positions)
  const nl = bytes.indexOf(10);
  for (const at of [nl + 1, nl + 9, Math.floor((nl + bytes.length) / 2), bytes.length - 1]) {
    const b = Buffer.from(bytes);
    b[at] ^= 0x20;
    assert.match(refuse(b), /checksum/);
  }
  // random garbage after a valid header line
  const header = bytes.subarray(0, nl + 1);
  refuse(Buffer.concat([header, Buffer.alloc(bytes.length - header.length, 7)]));
});

test('the cache file is replaced atomically and loads back', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-cache-'));
  try {
    const file = cacheFileFor(path.join(dir, 'storage'), ['/a', '/b']);
    assert.equal(file, cacheFileFor(path.join(dir, 'storage'), ['/b', '/a']), 'folder order does not matter');
    assert.equal((await loadIndexCache(file, '1')).error, 'no cache file');
    const list = entries();
    await writeIndexCache(file, await encodeIndexCache(list, '1'));
    await writeIndexCache(file, await encodeIndexCache(list.slice(0, 3), '1'));
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)], 'no temporary file left');
    const back = await loadIndexCache(file, '1');
    assert.equal(back.entries.size, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('encoding in slices writes the same bytes as in one go, also when the strings are written in parts', async () => {
  const base = entries();
  // more different strings than one part of the strings section holds (16,384)
  const list: CacheEntry[] = [];
  for (let i = 0; i < 20000; i++) {
    const e = base[i % base.length];
    list.push({ ...e, path: `${e.path}#${i}`, hash: `h${i}\u00e9"\\` });
  }
  const whole = await encodeIndexCache(list, '1.2.3', 0);
  const sliced = await encodeIndexCache(list, '1.2.3', 64);
  assert.ok(whole.equals(sliced), 'same bytes');
  // paced (as the server's writes: on the clock): a yield only when the pacing says the slice is used up
  let looks = 0;
  let yields = 0;
  const paced = await encodeIndexCache(list, '1.2.3', 25, {
    due: () => ++looks % 10 === 0,
    yield: async () => {
      yields++;
      await new Promise((r) => setImmediate(r));
    },
  });
  assert.ok(whole.equals(paced), 'same bytes when paced');
  assert.ok(looks >= 20000 / 25, `${looks} looks at the clock`);
  assert.equal(yields, Math.floor(looks / 10));
  const back = decodeIndexCache(sliced, '1.2.3');
  assert.equal(back.error, undefined);
  assert.equal(back.entries.size, list.length);
  assert.deepStrictEqual(back.entries.get(list[19999].path), list[19999]);
});

test('the streamed write (payload as it is encoded, header last into its room) is the same file, and loads back', async () => {
  // enough entries for the ints to be written in several chunks
  const list = manyEntries(20000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-cache-'));
  try {
    const file = path.join(dir, 'storage', 'index.bin');
    await writeIndexCacheStreaming(file, list, '1.2.3');
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 16 << 20, `${bytes.length} bytes: more than one chunk of ints`);
    assert.ok(bytes.equals(await encodeIndexCache(list, '1.2.3', 0)), 'same bytes as encoded in memory');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['index.bin'], 'no temporary file left');
    const back = await loadIndexCache(file, '1.2.3', 1000);
    assert.equal(back.error, undefined);
    assert.equal(back.entries.size, list.length);
    assert.deepStrictEqual(back.entries.get(list[12345].path), list[12345]);
    // an empty index too
    await writeIndexCacheStreaming(file, [], '1.2.3');
    assert.equal((await loadIndexCache(file, '1.2.3')).entries.size, 0);
    assert.equal((await loadIndexCache(file, '1.2.3')).error, undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('loading the index gives the memory of the file it read back at once (not at the next full collection)', async () => {
  const list = manyEntries(20000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-cache-'));
  try {
    const file = path.join(dir, 'index.bin');
    await writeIndexCacheStreaming(file, list, '1.2.3');
    const size = fs.statSync(file).size;
    await settled();
    const before = process.memoryUsage().arrayBuffers;
    const back = await loadIndexCache(file, '1.2.3', 1000);
    assert.equal(back.entries.size, list.length);
    const after = await settled();
    assert.ok(after - before < size / 4, `${((after - before) / 1048576).toFixed(1)} MB of buffers left after loading a ${(size / 1048576).toFixed(1)} MB index`);
    // what was decoded owns its data: it reads the same after the file's bytes are gone
    assert.deepStrictEqual(back.entries.get(list[12345].path), list[12345]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Buffer memory once released buffers are dropped (a closed channel drops its messages a few turns of the loop later). */
async function settled(): Promise<number> {
  let last = process.memoryUsage().arrayBuffers;
  for (let turn = 0; turn < 50; turn++) {
    await new Promise((r) => setImmediate(r));
    const now = process.memoryUsage().arrayBuffers;
    if (now === last && turn > 5) return now;
    last = now;
  }
  return last;
}
