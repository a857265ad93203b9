// The benchmark starts the language server as the extension does: the same environment variables.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENV, serverExecArgv } from '../../../client/src/serverEnv';
import { repoRoot } from '../../support/lspClient';

type BenchLsp = { SERVER_ENV: Record<string, string>; serverEnv: () => Record<string, string>; serverExecArgv: (cores?: number) => string[] };
const benchLsp = async () => (await import(pathToFileURL(path.join(repoRoot, 'bench', 'lsp.mjs')).href)) as BenchLsp;

test('bench/lsp.mjs starts the server with the environment the extension gives it', async () => {
  const bench = await benchLsp();
  assert.deepEqual(bench.SERVER_ENV, SERVER_ENV);
  const env = bench.serverEnv();
  for (const [k, v] of Object.entries(SERVER_ENV)) assert.equal(env[k], v);
  // beside this process's own
  assert.equal(env.PATH, process.env.PATH);
});

test('the server environment only tunes the C library: names of its variables, values as strings', () => {
  assert.ok(Object.keys(SERVER_ENV).length > 0);
  for (const [k, v] of Object.entries(SERVER_ENV)) {
    assert.match(k, /^MALLOC_[A-Z_]+$/);
    assert.equal(typeof v, 'string');
  }
});

test('the server gets as many V8 helper threads as the cores beside its main thread, 1 to 4', () => {
  assert.deepEqual(serverExecArgv(1), ['--v8-pool-size=1']);
  assert.deepEqual(serverExecArgv(2), ['--v8-pool-size=1']);
  assert.deepEqual(serverExecArgv(3), ['--v8-pool-size=2']);
  assert.deepEqual(serverExecArgv(4), ['--v8-pool-size=3']);
  assert.deepEqual(serverExecArgv(8), ['--v8-pool-size=4']);
  assert.deepEqual(serverExecArgv(64), ['--v8-pool-size=4']);
  // this machine's
  assert.match(serverExecArgv().join(' '), /^--v8-pool-size=[1-4]$/);
});

test('bench/lsp.mjs starts the server with the Node flags the extension gives it', async () => {
  const bench = await benchLsp();
  assert.deepEqual(bench.serverExecArgv(), serverExecArgv());
  for (const cores of [1, 2, 3, 4, 5, 8, 16]) assert.deepEqual(bench.serverExecArgv(cores), serverExecArgv(cores), `${cores} cores`);
});

test('Node accepts the flags: a script started with them runs and sees them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-flags-'));
  try {
    const script = path.join(dir, 'flags.js');
    fs.writeFileSync(script, 'process.stdout.write(JSON.stringify(process.execArgv))');
    const out = execFileSync(process.execPath, [...serverExecArgv(3), script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), ['--v8-pool-size=2']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
