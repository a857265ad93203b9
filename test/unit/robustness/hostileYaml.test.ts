// Hostile YAML shapes through the manifest reader: deep nesting of every kind, alias chains, odd line
// breaks, templates whose placeholders sit inside values. Each is read quickly, never throws, and says
// at most one honest thing about itself.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { positionAt } from '../../../server/src/core/util/lines';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { ClusterModel } from '../../../server/src/core/model/cluster';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';

/** Reads a text, within a time bound, and returns the codes of the file's problems. */
function read(text: string, boundMs = 5000): { codes: string[]; ms: number; objects: number } {
  const started = Date.now();
  const r = readManifestText('/ws/f.yaml', text);
  const ms = Date.now() - started;
  assert.ok(ms < boundMs, `read in ${ms} ms (bound ${boundMs} ms)`);
  return { codes: [...r.problems, ...r.objects.flatMap((o) => o.problems)].map((p) => p.code), ms, objects: r.objects.length };
}

test('regression: a document of 1,200 chained anchors took 52 s to read (every alias walked the whole document)', () => {
  let text = `${HEAD}  a0: &a0 [x]\n`;
  for (let i = 1; i < 1200; i++) text += `  a${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
  const r = read(text, 5000);
  assert.deepEqual(r.codes, ['yaml-syntax'], 'an alias bomb: refused, as kubectl refuses it');
  // thousands of honest aliases (no bomb) still read quickly, each expanded
  let ok = HEAD;
  for (let i = 0; i < 3000; i++) ok += `  a${i}: &a${i} v${i}\n  b${i}: *a${i}\n`;
  const started = Date.now();
  const r2 = readManifestText('/ws/f.yaml', ok);
  assert.ok(Date.now() - started < 5000);
  assert.equal(r2.objects.length, 1);
  assert.deepEqual(r2.problems, []);
});

test('regression: 1,200 levels of nested block mappings were a YAML error "Maximum call stack size exceeded"', () => {
  let text = HEAD;
  for (let i = 0; i < 1200; i++) text += `${' '.repeat(2 + i)}k${i}:\n`;
  text += `${' '.repeat(1202)}v: 1\n`;
  const r = read(text);
  assert.deepEqual(r.codes, ['document-too-deep']);
});

test('regression: a file with CR-only line breaks (valid YAML) was three YAML errors; positions are on the right lines', () => {
  const text = 'apiVersion: v1\rkind: Service\rmetadata:\r  name: web\rspec:\r  selector:\r    app: web\r  ports:\r    - port: 80\r';
  const r = readManifestText('/ws/svc.yaml', text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.objects.length, 1);
  const name = r.objects[0].meta.name!;
  assert.equal(text.slice(name.start, name.end), 'web');
  assert.deepEqual(positionAt(r.lineStarts, name.start), { line: 3, character: 8 });
  assert.equal(r.lineStarts.length, 10);
  // the model and the checks work on it as on any file
  const m = new ClusterModel();
  m.setFile(r);
  m.refresh();
  assert.equal(m.service('default', 'web')?.clusterIPs.length, 1);
});

test('regression: a mustache Pod template (name: vttablet-{{uid}}) got four invalid-name/label errors, not one template note', () => {
  const text = 'kind: Pod\napiVersion: v1\nmetadata:\n  name: vttablet-{{uid}}\n  labels:\n    keyspace: "{{keyspace}}"\n    shard: "{{shard_label}}"\nspec:\n  containers:\n    - name: vttablet\n      image: vitess/lite\n';
  const r = readManifestText('/ws/pod.yaml', text);
  assert.equal(r.templated, true);
  assert.deepEqual(r.objects, []);
  assert.deepEqual(r.problems.map((p) => [p.code, p.severity, text.slice(p.span.start, p.span.end)]), [['templated-file', 'information', '{{uid}}']]);
  // envsubst placeholders too
  const env = readManifestText('/ws/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ${APP}\nspec:\n  ports: [{port: 80}]\n');
  assert.deepEqual(env.problems.map((p) => p.code), ['templated-file']);
  // `{{ }}` in a string value nobody validates (Prometheus, Grafana): an ordinary manifest
  const ok = readManifestText('/ws/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  alert: "{{ $labels.instance }} is down"\n');
  assert.equal(ok.templated, false);
  assert.equal(ok.objects.length, 1);
});

test('hostile nesting of every kind: read within 5 s, no exception, one note at most', (t) => {
  const shapes: Record<string, (n: number) => string> = {
    'block mappings': (n) => HEAD + Array.from({ length: n }, (_, i) => `${' '.repeat(2 + i)}k${i}:\n`).join('') + `${' '.repeat(2 + n)}v: 1\n`,
    'block sequences, one per line': (n) => HEAD + '  x:\n' + Array.from({ length: n }, (_, i) => `${' '.repeat(2 + i)}-\n`).join(''),
    'block sequences on one line': (n) => `${HEAD}  x: ${'- '.repeat(n)}a\n`,
    'flow mappings': (n) => `${HEAD}  x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`,
    'unclosed flow sequences': (n) => `${HEAD}  x: ${'['.repeat(n)}\n`,
    'flow with quoted strings': (n) => `${HEAD}  x: ${'["a]", '.repeat(n)}1${']'.repeat(n)}\n`,
    'explicit keys': (n) => HEAD + Array.from({ length: n }, (_, i) => `${' '.repeat(2 + i)}? k\n${' '.repeat(2 + i)}:\n`).join(''),
    'anchored flow': (n) => `${HEAD}  x: &a ${'['.repeat(n)}*a${']'.repeat(n)}\n`,
  };
  for (const [name, make] of Object.entries(shapes)) {
    for (const n of [300, 1200, 5000]) {
      const text = make(n);
      const r = read(text);
      assert.ok(r.codes.length <= 3, `${name} × ${n}: ${r.codes.join(', ')}`);
      t.diagnostic(`${name} × ${n} (${text.length} chars): ${r.ms} ms, ${r.codes.join(', ') || 'read'}`);
    }
  }
});

test('a stream of many broken documents: at most 30 syntax errors for the file', () => {
  const text = Array.from({ length: 500 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: "s${i}\n`).join('---\n');
  const r = read(text);
  assert.ok(r.codes.length <= 30, `${r.codes.length} problems`);
});

test('the checks run on whatever these shapes leave in the model', () => {
  const m = new ClusterModel();
  m.setFile(readManifestText('/ws/a.yaml', `${HEAD}  x: ${'['.repeat(2000)}\n`));
  m.setFile(readManifestText('/ws/b.yaml', 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: p\rspec:\r  subdomain: s\r  containers: [{name: c}]\r'));
  m.refresh();
  const e = new DiagnosticsEngine(m, undefined, () => undefined);
  e.checkAll();
  assert.deepEqual(e.problemsFor('/ws/b.yaml').map((p) => p.code).sort(), ['subdomain-without-hostname', 'subdomain-without-service']);
});
