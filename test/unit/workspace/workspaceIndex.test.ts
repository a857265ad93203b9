// The language server's index built with worker threads (and this thread reading too) equals the one
// built on this thread alone: same FileResults, same problems.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WorkspaceIndex, pathToUri } from '../../../server/src/lsp/workspace';

const repoRoot = path.resolve(__dirname, '../../../..');
const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

async function index(dir: string, workers: number, readOnMainThread = true): Promise<{ idx: WorkspaceIndex; log: string[] }> {
  const log: string[] = [];
  const idx = new WorkspaceIndex(() => undefined, { workers, readOnMainThread, serverVersion: 't', log: (m) => log.push(m) });
  idx.folders = [{ uri: pathToUri(dir), path: dir }];
  await idx.reindex();
  return { idx, log };
}

test('indexing through workers gives the same FileResults and problems', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-index-'));
  try {
    const ws = path.join(dir, 'ws');
    const r = spawnSync(process.execPath, [generator, '350', ws], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const here = await index(ws, 0);
    for (const [workers, main] of [
      [2, false],
      [1, true],
    ] as const) {
      const other = await index(ws, workers, main);
      assert.match(other.log.join('\n'), new RegExp(`read with ${workers} workers`));
      const files = [...here.idx.model.allFiles()].map((f) => f.file).sort();
      assert.deepEqual([...other.idx.model.allFiles()].map((f) => f.file).sort(), files);
      for (const f of files) {
        assert.deepStrictEqual(other.idx.model.file(f), here.idx.model.file(f), f);
        assert.deepStrictEqual(other.idx.engine.problemsFor(f), here.idx.engine.problemsFor(f), f);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
