// The benchmark starts the language server as the extension does: the same environment variables.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENV } from '../../../client/src/serverEnv';
import { repoRoot } from '../../support/lspClient';

test('bench/lsp.mjs starts the server with the environment the extension gives it', async () => {
  const bench = (await import(pathToFileURL(path.join(repoRoot, 'bench', 'lsp.mjs')).href)) as { SERVER_ENV: Record<string, string>; serverEnv: () => Record<string, string> };
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
