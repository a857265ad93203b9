// The language server's index built with worker threads (and this thread reading too) equals the one
// built on this thread alone: same FileResults, same problems.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WorkspaceIndex, pathToUri } from '../../../server/src/lsp/workspace';
import { ReadPool } from '../../../server/src/core/workspace/readPool';
import type { ReadJob } from '../../../server/src/core/workspace/readFiles';

const repoRoot = path.resolve(__dirname, '../../../..');
const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

async function index(dir: string, workers: number, readOnMainThread = true): Promise<{ idx: WorkspaceIndex; log: string[] }> {
  const log: string[] = [];
  const idx = new WorkspaceIndex(() => undefined, { workers, readOnMainThread, serverVersion: 't', log: (m) => log.push(m) });
  idx.folders = [{ uri: pathToUri(dir), path: dir }];
  await idx.reindex();
  return { idx, log };
}

/** Runs `body` on a generated workspace of `files` files, removed afterwards. */
async function withWorkspace(files: number, body: (ws: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-index-'));
  try {
    const ws = path.join(dir, 'ws');
    const r = spawnSync(process.execPath, [generator, String(files), ws], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    await body(ws);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('indexing through workers gives the same FileResults and problems', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  await withWorkspace(350, async (ws) => {
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
  });
});

test('regression: a file deleted (or changed) while a worker read it came back from the worker\'s batch (with its old content)', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  const read = ReadPool.prototype.read;
  await withWorkspace(350, async (ws) => {
    try {
      const idx = new WorkspaceIndex(() => undefined, { workers: 1, readOnMainThread: false, serverVersion: 't' });
      idx.folders = [{ uri: pathToUri(ws), path: ws }];
      let gone: string | undefined;
      let changed: string | undefined;
      // the first batch comes back from the worker only after the file events were handled: the events
      // arrived after the worker read the files, before the results were applied
      ReadPool.prototype.read = async function (this: ReadPool, jobs: ReadJob[]) {
        const out = await read.call(this, jobs);
        if (!gone) {
          const [a, b] = [jobs[0].path, jobs[1].path];
          [gone, changed] = [a, b];
          fs.rmSync(a);
          idx.fileDeleted(pathToUri(a));
          fs.writeFileSync(b, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: changed-while-read\n  namespace: ns-0\nspec:\n  ports:\n  - port: 80\n');
          idx.fileCreatedOrChanged(pathToUri(b));
        }
        return out;
      };
      await idx.reindex();
      assert.ok(gone && changed);
      assert.equal(idx.model.file(pathToUri(gone)), undefined, 'the deleted file stays out of the model');
      const objects = idx.model.file(pathToUri(changed))!.objects;
      assert.deepEqual(
        objects.map((o) => o.meta.name?.value),
        ['changed-while-read'],
        'the changed file has its new content',
      );
    } finally {
      ReadPool.prototype.read = read;
    }
  });
});

test('diagnostics are published as namespaces are checked, and what the end of the run skips was final', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  await withWorkspace(1000, async (ws) => {
    // what a client was last sent per file (as the server's publish: the problems at the time)
    const sent = new Map<string, string>();
    const calls: { files: number; full: boolean }[] = [];
    let finalSet: ReadonlySet<string> | undefined;
    const idx: WorkspaceIndex = new WorkspaceIndex(
      (files, full, final) => {
        calls.push({ files: files.size, full: !!full });
        if (full) finalSet = final;
        for (const f of files) if (!final?.has(f)) sent.set(f, JSON.stringify(idx.engine.problemsFor(f)));
      },
      { workers: 0, serverVersion: 't' },
    );
    idx.folders = [{ uri: pathToUri(ws), path: ws }];
    await idx.reindex();
    assert.ok(idx.model.namespaces().length > 16, `${idx.model.namespaces().length} namespaces: several check slices`);
    const early = calls.filter((c) => !c.full);
    assert.ok(early.length >= 2, `${early.length} publications before the end of the run`);
    assert.equal(calls[calls.length - 1].full, true, 'the run ends with the full publication');
    assert.ok(finalSet && finalSet.size > 0, 'files published early are not computed again');
    // every file with a problem was sent exactly its final problems
    const withProblems = idx.engine.filesWithProblems();
    assert.ok(withProblems.length > 20);
    for (const f of withProblems) assert.equal(sent.get(f), JSON.stringify(idx.engine.problemsFor(f)), f);
  });
});

test('the namespaces of open documents are checked first: an open document gets its diagnostics in the first publication', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  await withWorkspace(1000, async (ws) => {
    const batches: string[][] = [];
    const idx = new WorkspaceIndex((files, full) => {
      if (!full && files.size) batches.push([...files]);
    }, { workers: 0, serverVersion: 't' });
    idx.folders = [{ uri: pathToUri(ws), path: ws }];
    await idx.reindex();
    // a file with problems whose objects are all in the namespace checked last of those with problems
    const nsOf = (uri: string) => new Set(idx.model.file(uri)!.objects.map((o) => idx.model.namespaceOf(o)));
    const candidates = idx.engine.filesWithProblems().filter((f) => nsOf(f).size === 1);
    const last = candidates.sort((a, b) => ([...nsOf(a)][0] < [...nsOf(b)][0] ? -1 : 1))[candidates.length - 1];
    assert.ok(last);
    assert.ok(!batches[0].includes(last), 'without an open document it comes late');
    const file = last.replace('file://', '');
    idx.openDocument(last, fs.readFileSync(decodeURIComponent(file), 'utf8'), 1);
    batches.length = 0;
    await idx.reindex();
    assert.ok(batches[0].includes(last), `the open document ${path.basename(file)} is in the first publication`);
  });
});

test('the last session\'s diagnostics are restored in parts, each written before the next is sent (answers to requests do not wait behind all of them)', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  await withWorkspace(300, async (ws) => {
    const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-restore-'));
    try {
      // a first session: every file had a diagnostic (what the client was sent is what is persisted)
      const first: WorkspaceIndex = new WorkspaceIndex(() => undefined, {
        workers: 0,
        serverVersion: 't',
        storagePath,
        publishedDiagnostics: (): Map<string, unknown[]> => new Map([...first.model.allFiles()].map((f) => [f.file, [{ message: `in ${f.file}` }]])),
      });
      first.folders = [{ uri: pathToUri(ws), path: ws }];
      await first.reindex();
      await first.flushCache();
      const files = [...first.model.allFiles()].length;
      assert.ok(files > 250, `${files} files`);

      // the second session restores them: in parts, each awaited
      const parts: number[] = [];
      let writing = false;
      const second = new WorkspaceIndex(() => undefined, {
        workers: 0,
        serverVersion: 't',
        storagePath,
        restoreDiagnostics: async (byUri) => {
          assert.equal(writing, false, "a part is sent only once the one before it is written");
          writing = true;
          parts.push(byUri.size);
          // a write that takes longer than the index's own yield to the event loop
          for (let turn = 0; turn < 10; turn++) await new Promise((r) => setImmediate(r));
          writing = false;
        },
      });
      second.folders = [{ uri: pathToUri(ws), path: ws }];
      await second.reindex();
      assert.equal(parts.reduce((a, b) => a + b, 0), files, 'every file restored');
      assert.ok(parts.length >= 3 && parts.every((n) => n <= 100), `parts of ${parts.join(', ')}`);
    } finally {
      fs.rmSync(storagePath, { recursive: true, force: true });
    }
  });
});

test('a reopened workspace whose files did not change takes the last session\'s check results: the same problems, and an edit still checks again the namespaces that read the edited one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-checks-'));
  try {
    const ws = path.join(dir, 'ws');
    const storagePath = path.join(dir, 'storage');
    fs.mkdirSync(ws);
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  namespace: a\nspec:\n  selector:\n    app: db\n  ports:\n  - port: 5432\n';
    fs.writeFileSync(path.join(ws, 'a.yaml'), service);
    // a pod of namespace b that names db.a (so its checks read namespace a) under a DNS policy that cannot resolve it
    fs.writeFileSync(
      path.join(ws, 'b.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n  namespace: b\nspec:\n  dnsPolicy: Default\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - name: DB_HOST\n      value: db.a\n',
    );
    // a filler of other namespaces
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(ws, `n${i}.yaml`), service.replace('namespace: a', `namespace: n${i}`));
    const aUri = pathToUri(path.join(ws, 'a.yaml'));
    const bUri = pathToUri(path.join(ws, 'b.yaml'));
    const session = (log: string[] = []) => {
      const idx: WorkspaceIndex = new WorkspaceIndex(() => undefined, {
        workers: 0,
        serverVersion: 't',
        storagePath,
        log: (m) => log.push(m),
        publishedDiagnostics: () => new Map([...idx.model.allFiles()].map((f) => [f.file, [{ message: 'x' }]])),
        restoreDiagnostics: async () => undefined,
      });
      idx.folders = [{ uri: pathToUri(ws), path: ws }];
      return idx;
    };
    const problems = (idx: WorkspaceIndex) => [...idx.model.allFiles()].map((f) => JSON.stringify(idx.engine.problemsFor(f.file))).join('\n');
    const codes = (idx: WorkspaceIndex, uri: string) => idx.engine.problemsFor(uri).map((p) => p.code);

    const first = session();
    await first.reindex();
    assert.ok(codes(first, bUri).includes('dns-policy-without-cluster-dns'));
    await first.flushCache();

    const log: string[] = [];
    const second = session(log);
    await second.reindex();
    const namespaces = second.model.namespaces().length;
    assert.match(log.join('\n'), new RegExp(`${namespaces} namespaces' from the last session, 0 checked`));
    // and the addresses: no namespace built before it is asked for
    assert.match(log.join('\n'), new RegExp(`addresses from the last session; ${namespaces} namespaces built on first use or when idle`));
    assert.equal(problems(second), problems(first), 'the same problems as the session that checked');

    // the Service goes: namespace b, whose check read namespace a, is checked again
    second.openDocument(aUri, service, 1);
    second.changeDocument(aUri, service.replace('name: db', 'name: other'), 2);
    second.flushEdits();
    assert.ok(!codes(second, bUri).includes('dns-policy-without-cluster-dns'), 'db.a is no cluster Service any more');

    // an open document that differs from its file: the model is not the files', the checks run
    const third = session(log.splice(0));
    third.openDocument(aUri, service.replace('name: db', 'name: other'), 1);
    await third.reindex();
    assert.doesNotMatch(log.join('\n'), /from the last session, \d+ checked/);
    assert.doesNotMatch(log.join('\n'), /addresses from the last session/);
    assert.ok(!codes(third, bUri).includes('dns-policy-without-cluster-dns'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('closing a document whose file did not change does not write the persisted index again; a changed file does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-close-'));
  try {
    const ws = path.join(dir, 'ws');
    const storagePath = path.join(dir, 'storage');
    fs.mkdirSync(ws);
    const file = path.join(ws, 'a.yaml');
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector:\n    app: db\n  ports:\n  - port: 5432\n';
    fs.writeFileSync(file, service);
    const idx = new WorkspaceIndex(() => undefined, { workers: 0, serverVersion: 't', storagePath });
    idx.folders = [{ uri: pathToUri(ws), path: ws }];
    await idx.reindex();
    await idx.flushCache();
    const written = () => {
      const f = fs.readdirSync(storagePath).find((n) => n.endsWith('.bin'));
      assert.ok(f, 'an index file');
      return fs.statSync(path.join(storagePath, f)).ino;
    };
    // a write replaces the file (a new inode)
    const first = written();
    const uri = pathToUri(file);
    idx.openDocument(uri, service, 1);
    idx.changeDocument(uri, service.replace('port: 5432', 'port: 5433'), 2);
    idx.closeDocument(uri);
    await idx.flushCache();
    assert.equal(written(), first, 'the file on disk did not change: the index was not written again');
    assert.equal(idx.model.service('default', 'db')?.ports[0].port, 5432, 'the file, not the closed buffer');

    idx.openDocument(uri, service, 1);
    fs.writeFileSync(file, service.replace('port: 5432', 'port: 5434'));
    idx.closeDocument(uri);
    await idx.flushCache();
    assert.notEqual(written(), first, 'the file changed while open: the index is written');
    assert.equal(idx.model.service('default', 'db')?.ports[0].port, 5434);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
