import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fileUriPath, findFileRefs, locationsFooter, relativeToFolders, resolveRef } from '../../../client/src/nslookup/links';

const text = [
  'Server:\t\t10.96.0.10',
  'Address:\t10.96.0.10#53',
  '',
  '** server can\'t find api.team-b: NXDOMAIN',
  '; api.team-b.default.svc.cluster.local: NXDOMAIN (no Service "team-b")',
  '; Service default/api is declared at seed/service.yaml:4 (selector at /abs/ws/seed/service.yaml:7:5)',
  '; see (deploy.yml:12), not-a-ref.yaml, version 1.2:3',
].join('\n');

test('file:line references in the explanation', () => {
  const refs = findFileRefs(text);
  assert.deepEqual(
    refs.map((r) => [r.path, r.line, r.column, text.slice(r.start, r.end)]),
    [
      ['seed/service.yaml', 4, undefined, 'seed/service.yaml:4'],
      ['/abs/ws/seed/service.yaml', 7, 5, '/abs/ws/seed/service.yaml:7:5'],
      ['deploy.yml', 12, undefined, 'deploy.yml:12'],
    ],
  );
});

test('references resolve to the server\'s locations first, else under the first workspace folder', () => {
  const locations = [{ uri: 'file:///abs/ws/seed/service.yaml', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } } }];
  const folders = ['file:///other/ws'];
  assert.equal(resolveRef({ path: 'seed/service.yaml' }, locations, folders), 'file:///abs/ws/seed/service.yaml');
  assert.equal(resolveRef({ path: 'service.yaml' }, locations, folders), 'file:///abs/ws/seed/service.yaml');
  assert.equal(resolveRef({ path: 'deploy.yml' }, locations, folders), 'file:///other/ws/deploy.yml');
  assert.equal(resolveRef({ path: 'my dir/a.yaml' }, [], folders), 'file:///other/ws/my%20dir/a.yaml');
  assert.equal(resolveRef({ path: '/x/a.yaml' }, [], []), 'file:///x/a.yaml');
  assert.equal(resolveRef({ path: 'a.yaml' }, [], []), undefined);
});

test('paths relative to workspace folders', () => {
  assert.equal(fileUriPath('file:///a/my%20dir/b.yaml'), '/a/my dir/b.yaml');
  assert.equal(fileUriPath('untitled:x'), undefined);
  assert.equal(relativeToFolders('file:///ws/seed/a.yaml', ['file:///ws']), 'seed/a.yaml');
  assert.equal(relativeToFolders('file:///elsewhere/a.yaml', ['file:///ws']), '/elsewhere/a.yaml');
});

test('footer: locations the text does not mention, as path:line comments', () => {
  const loc = (uri: string, line: number, label: string) => ({ uri, label, range: { start: { line, character: 0 }, end: { line, character: 1 } } });
  const footer = locationsFooter(
    text,
    [loc('file:///abs/ws/seed/service.yaml', 3, 'Service default/api'), loc('file:///abs/ws/seed/pod.yaml', 0, 'Pod default/p'), loc('file:///abs/ws/seed/pod.yaml', 0, 'Pod default/p')],
    ['file:///abs/ws'],
  );
  assert.equal(footer, '\n; Manifests:\n;   Pod default/p  seed/pod.yaml:1\n');
  assert.equal(locationsFooter('no refs', [], []), '');
  assert.deepEqual(findFileRefs(footer).map((r) => r.path), ['seed/pod.yaml']);
});
