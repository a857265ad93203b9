// Kustomize patches are partial objects: no part of the model, no diagnostics. Exact when a
// kustomization lists them; by their look (a patch-like path and only partial objects) otherwise. The
// language server keeps this current: a kustomization that changes has the files it names read again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFolder } from '../../../server/src/core/workspace/load';
import { kustomizationRefs, patchLikePath, PatchIndex } from '../../../server/src/core/workspace/kustomize';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { WorkspaceIndex } from '../../../server/src/lsp/workspace';
import { runCli } from '../../../server/src/cli/cli';
import { repoRoot } from './support';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'kustomize');

test('kustomization: patches (three spellings) and resources, resolved against its folder; inline patches and URLs are not files', () => {
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources: [../../base, ./cache.yaml, "https://github.com/x/y//z?ref=v1"]',
    'components: [../../components/tls]',
    'patchesStrategicMerge:',
    '  - replicas.yaml',
    '  - |-',
    '    apiVersion: v1',
    '    kind: Service',
    'patches:',
    '  - path: ./service-type.yaml',
    '  - patch: |-',
    '      - op: remove',
    '  - target: { kind: Deployment }',
    'patchesJson6902:',
    '  - target: { kind: Deployment, name: web }',
    '    path: sub/probes.json',
  ].join('\n');
  const r = kustomizationRefs('/ws/overlays/prod/kustomization.yaml', text);
  assert.deepEqual(r.patches, ['/ws/overlays/prod/replicas.yaml', '/ws/overlays/prod/service-type.yaml', '/ws/overlays/prod/sub/probes.json']);
  assert.deepEqual(r.resources, ['/ws/base', '/ws/overlays/prod/cache.yaml', '/ws/components/tls']);
  // not a kustomization, not YAML
  assert.deepEqual(kustomizationRefs('/ws/kustomization.yaml', 'apiVersion: v1\nkind: ConfigMap\npatches: [a.yaml]\n'), { patches: [], resources: [] });
  assert.deepEqual(kustomizationRefs('/ws/kustomization.yaml', '{{ nope'), { patches: [], resources: [] });
});

test('kustomize: which paths look like patches', () => {
  const yes = ['patch.yaml', 'overlays/prod/x.yaml', 'a/patches/scale.yaml', 'healthcheck_patch.yaml', 'deploy-patch.yml', 'patch-memory.yaml', 'k8s-backend-overlay-example/service-type.yaml', 'PATCH.json'];
  const no = ['web.yaml', 'kyaml/testdata/patch-selector/input.yaml', 'patcher.yaml', 'dispatch.yaml', 'overlayfs/x.yaml', 'base/web.yaml', 'patched-deployment.yaml'];
  for (const p of yes) assert.equal(patchLikePath(p), true, p);
  for (const p of no) assert.equal(patchLikePath(p), false, p);
});

test('kustomize fixture: listed and unlisted patches take no part and get no diagnostics; base and overlay resources do', () => {
  const ws = loadFolder(fixture);
  const rel = (f: string) => path.relative(fixture, f).split(path.sep).join('/');
  const kinds = Object.fromEntries([...ws.model.allFiles()].map((f) => [rel(f.file), f.kustomizePatch ?? 'resource']));
  assert.deepEqual(kinds, {
    'base/kustomization.yaml': 'resource',
    'base/web.yaml': 'resource',
    'overlays/prod/cache.yaml': 'resource',
    'overlays/prod/kustomization.yaml': 'resource',
    'overlays/prod/probes.json': 'listed',
    'overlays/prod/replicas.yaml': 'listed',
    'overlays/prod/service-type.yaml': 'listed',
    'overlays/staging/kustomization.yaml': 'resource',
    'overlays/staging/memory-patch.yaml': 'listed',
    'overlays/staging/replicas_patch.yaml': 'partial',
  });
  const engine = new DiagnosticsEngine(ws.model);
  engine.checkAll();
  assert.deepEqual(engine.filesWithProblems().map(rel), []);
  // the base as written: 2 replicas, a ClusterIP Service (not the LoadBalancer of the patch)
  assert.equal(ws.model.pods('default').length, 2);
  assert.equal(ws.model.service('default', 'web')?.type, 'ClusterIP');
  assert.equal(ws.model.service('default', 'web')?.endpoints.length, 2);
});

test('kustomize: a partial object is still reported where nothing says it is a patch, or when a kustomization lists it as a resource', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-kustomize-'));
  try {
    const partial = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.mkdirSync(path.join(dir, 'overlays'));
    fs.writeFileSync(path.join(dir, 'apps', 'web.yaml'), partial);
    fs.writeFileSync(path.join(dir, 'overlays', 'web.yaml'), partial);
    fs.writeFileSync(path.join(dir, 'overlays', 'kustomization.yaml'), 'resources:\n  - web.yaml\n');
    const ws = loadFolder(dir);
    const engine = new DiagnosticsEngine(ws.model);
    engine.checkAll();
    const codes = (f: string) => engine.problemsFor(path.join(dir, f)).map((p) => p.code);
    assert.deepEqual(codes('apps/web.yaml'), ['missing-containers', 'missing-selector']);
    assert.deepEqual(codes('overlays/web.yaml'), ['missing-containers', 'missing-selector']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('kustomize: PatchIndex reports the files whose standing changed, counts lists of several kustomizations', () => {
  const idx = new PatchIndex();
  assert.deepEqual(idx.update('/ws/a/kustomization.yaml', 'patches:\n  - path: p.yaml\n').sort(), ['/ws/a/p.yaml']);
  assert.deepEqual(idx.update('/ws/a/kustomization.yaml', 'patches:\n  - path: p.yaml\n'), [], 'same text: nothing to read again');
  assert.deepEqual(idx.update('/ws/b/kustomization.yaml', 'patchesStrategicMerge: [../a/p.yaml]\n').sort(), ['/ws/a/p.yaml']);
  idx.update('/ws/a/kustomization.yaml', undefined);
  assert.equal(idx.listedAsPatch('/ws/a/p.yaml'), true, 'still listed by b');
  idx.update('/ws/b/kustomization.yaml', 'resources: []\n');
  assert.equal(idx.listedAsPatch('/ws/a/p.yaml'), false);
  assert.deepEqual(idx.update('/ws/a/web.yaml', 'patches: [{path: x.yaml}]'), [], 'not a kustomization file name');
});

test('kustomize in the language server: editing and deleting a kustomization re-evaluates the files it names, and publishes them', () => {
  const published: string[][] = [];
  const ws = new WorkspaceIndex((files) => published.push([...files].sort()));
  ws.folders = [{ uri: 'file:///ws', path: '/ws' }];
  const uri = (f: string) => `file:///ws/${f}`;
  const codes = (f: string) => ws.engine.problemsFor(uri(f)).map((p) => p.code);
  ws.openDocument(uri('app/scale.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n', 1);
  assert.deepEqual(codes('app/scale.yaml'), ['missing-containers', 'missing-selector']);
  ws.openDocument(uri('app/kustomization.yaml'), 'resources: []\n', 1);
  assert.deepEqual(codes('app/scale.yaml'), ['missing-containers', 'missing-selector']);
  published.length = 0;
  ws.changeDocument(uri('app/kustomization.yaml'), 'resources: []\npatches:\n  - path: scale.yaml\n', 2);
  assert.deepEqual(codes('app/scale.yaml'), []);
  assert.equal(ws.file(uri('app/scale.yaml'))?.kustomizePatch, 'listed');
  assert.ok(published.flat().includes(uri('app/scale.yaml')), `scale.yaml published again: ${JSON.stringify(published)}`);
  // the patch itself edited: still a patch
  ws.changeDocument(uri('app/scale.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n', 2);
  assert.deepEqual(codes('app/scale.yaml'), []);
  // the kustomization gone (closed, not on disk): a partial Deployment again
  published.length = 0;
  ws.closeDocument(uri('app/kustomization.yaml'));
  assert.deepEqual(codes('app/scale.yaml'), ['missing-containers', 'missing-selector']);
  assert.ok(published.flat().includes(uri('app/scale.yaml')));
});

test('kustomize through the CLI: `check` on the fixture reports nothing', async () => {
  let stdout = '';
  const code = await runCli(['check', '-w', fixture], { cwd: repoRoot, out: (s: string) => (stdout += s), err: (s: string) => (stdout += s) });
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^0 errors, 0 warnings, 0 information, 0 hints in 10 files$/m);
});
