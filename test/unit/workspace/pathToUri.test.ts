// File paths → `file:` URIs: the fast path for plain POSIX paths gives exactly what vscode-uri gives
// (the editor's URIs are compared with ours as strings).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { pathToUri } from '../../../server/src/lsp/workspace';

test('pathToUri equals URI.file().toString() for plain and unusual paths', () => {
  const paths = [
    '/',
    '/a',
    '/work/repo/ns-0/00001-web.yaml',
    '/a/b/../c.yaml',
    '/a-b_c.d~e/f.yml',
    '//server/share/x.yaml',
    '/C:/x.yaml',
    '/c:/x.yaml',
    '/with space/x.yaml',
    '/per%cent/x.yaml',
    '/hash#/q?.yaml',
    '/ümlaut/ß.yaml',
    '/emoji/😀.yaml',
    '/colon:name.yaml',
    '/at@sign/+plus.yaml',
    '/brackets[1]/(x).yaml',
    'relative/path.yaml',
    '/trailing/',
  ];
  for (const p of paths) assert.equal(pathToUri(p), URI.file(p).toString(), p);
});
