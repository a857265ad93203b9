// Edits of one document of a file spanning several namespaces (test/fixtures/incremental/bundle.yaml):
// the model keeps the objects of the documents the edit did not touch — moving their offsets in place
// when the edit was before them — and rebuilds only the namespaces of the objects that changed; the
// checks move the offsets their problems copied. Oracle: after every edit, the file's objects, every
// namespace's state and every file's problems (spans, related information, quick-fix edits) equal
// those of a model and checks built from scratch from the same texts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';
import { sameShifted } from '../../../server/src/core/util/shift';

const dir = path.resolve(__dirname, '../../../../test/fixtures/incremental');
const BUNDLE = path.join(dir, 'bundle.yaml');
const OTHER = path.join(dir, 'other.yaml');

interface World {
  texts: Map<string, string>;
  model: ClusterModel;
  engine: DiagnosticsEngine;
}

function build(texts: Map<string, string>): World {
  const model = new ClusterModel();
  for (const [f, t] of texts) model.setFile(readManifestText(f, t, defaultReadOptions));
  model.refresh();
  const engine = new DiagnosticsEngine(model, undefined, (f) => texts.get(f));
  engine.checkAll();
  return { texts, model, engine };
}

/** A structure's content, identity-free: Maps and Sets as entry lists, a node seen before as a marker. */
function canon(x: unknown): string {
  const seen = new Set<object>();
  return JSON.stringify(x, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '#seen';
    seen.add(v);
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v.values()] };
    if (ArrayBuffer.isView(v)) return { view: Array.from(v as Uint32Array) };
    return v;
  });
}

function assertSameAsFresh(w: World, step: string): void {
  const fresh = build(new Map(w.texts));
  assert.equal(canon(w.model.file(BUNDLE)?.objects), canon(fresh.model.file(BUNDLE)?.objects), `${step}: the file's objects`);
  assert.deepEqual([...w.model.namespaces()].sort(), [...fresh.model.namespaces()].sort(), `${step}: namespaces`);
  for (const ns of fresh.model.namespaces()) {
    assert.equal(canon(w.model.namespace(ns)), canon(fresh.model.namespace(ns)), `${step}: namespace ${ns}`);
  }
  for (const f of w.texts.keys()) {
    assert.equal(canon(w.engine.problemsFor(f)), canon(fresh.engine.problemsFor(f)), `${step}: problems of ${path.basename(f)}`);
  }
  assert.equal(w.engine.problemCount(), fresh.engine.problemCount(), `${step}: problem count`);
}

/** Applies a new text of bundle.yaml as the language server applies an edit; returns the namespaces rebuilt and the files to publish. */
function edit(w: World, text: string): { rebuilt: Set<string>; files: Set<string> } {
  w.texts.set(BUNDLE, text);
  w.model.setFile(readManifestText(BUNDLE, text, defaultReadOptions), true);
  const r = w.model.refresh();
  const files = w.engine.update(r.namespaces);
  return { rebuilt: r.namespaces, files };
}

function replaceOnce(text: string, from: string, to: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(from, at + 1);
    assert.ok(at >= 0, `"${from}" (#${nth}) is in the text`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

test('an edit of one document rebuilds its namespace only, and everything equals a build from scratch', () => {
  const original = fs.readFileSync(BUNDLE, 'utf8');
  const w = build(new Map([
    [BUNDLE, original],
    [OTHER, fs.readFileSync(OTHER, 'utf8')],
  ]));
  // the fixture has what makes the moves matter: problems in bundle.yaml after the first document, a
  // quick fix that edits it, and a finding in other.yaml whose related information points into it
  const before = w.engine.problemsFor(BUNDLE);
  assert.ok(before.some((p) => p.span.start > original.indexOf('kind: StatefulSet')), 'problems late in the file');
  assert.ok(before.some((p) => p.fix?.edits.some((e) => e.file === BUNDLE)), 'a quick fix editing the file');
  assert.ok(w.engine.problemsFor(OTHER).some((p) => p.related?.some((r) => r.span.file === BUNDLE)), 'related information pointing into the file');

  // 1. a label of the first document, shorter: every later document moves 5 characters back
  let text = replaceOnce(original, 'managed-by: kustomize', 'managed-by: helm');
  let r = edit(w, text);
  assert.deepEqual([...r.rebuilt], ['a'], 'only the namespace of the edited document is rebuilt');
  assert.ok(r.files.has(OTHER), "other.yaml is published again: its related information moved");
  assertSameAsFresh(w, 'label of the first document');

  // 2. a comment line above everything: every object moves, none changes
  text = '# moved\n' + text;
  r = edit(w, text);
  assert.equal(r.rebuilt.size, 0, 'nothing rebuilt when only offsets moved');
  assertSameAsFresh(w, 'comment at the top');

  // 3. a document in the middle (namespace b)
  text = replaceOnce(text, 'targetPort: grpc', 'targetPort: grpc-web');
  r = edit(w, text);
  assert.deepEqual([...r.rebuilt], ['b']);
  assertSameAsFresh(w, 'target port of api');

  // 4. a document added after the second: later documents move and their document index grows
  const added = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: b\ndata:\n  X: "1"\n---\n';
  text = replaceOnce(text, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api', added + 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api');
  r = edit(w, text);
  assert.ok(!r.rebuilt.has('c') && !r.rebuilt.has('d'), `namespaces after the new document not rebuilt: ${[...r.rebuilt]}`);
  assertSameAsFresh(w, 'document added');

  // 5. and removed again
  text = text.replace(added, '');
  edit(w, text);
  assertSameAsFresh(w, 'document removed');

  // 6. the last document: nothing moves
  text = replaceOnce(text, 'subdomain: nowhere', 'subdomain: nowhere-else');
  r = edit(w, text);
  assert.deepEqual([...r.rebuilt], ['d']);
  assertSameAsFresh(w, 'last document');

  // 7. same length: replicas 2 → 3
  text = replaceOnce(text, 'replicas: 2', 'replicas: 3');
  edit(w, text);
  assertSameAsFresh(w, 'replicas');

  // 8. a syntax error in the StatefulSet's document (its object is gone), then repaired
  const broken = replaceOnce(text, '  serviceName: db-headless\n', '  serviceName: [db-headless\n');
  edit(w, broken);
  assertSameAsFresh(w, 'syntax error');
  edit(w, text);
  assertSameAsFresh(w, 'repaired');

  // 9. two documents at once (first and seventh): everything between them is replaced
  text = replaceOnce(replaceOnce(text, 'image: nginx', 'image: nginx:1.27'), 'ip: 10.1.2.3', 'ip: 10.1.2.4');
  edit(w, text);
  assertSameAsFresh(w, 'two documents');

  // 10. back to the original text, then a new file state read whole (not an edit): still the same
  edit(w, original);
  assertSameAsFresh(w, 'original again');
  w.model.setFile(readManifestText(BUNDLE, original, defaultReadOptions));
  w.engine.update(w.model.refresh().namespaces);
  assertSameAsFresh(w, 'read whole');
});

test('sameShifted: equal but for offsets moved by one delta (and the document index of the object)', () => {
  const a = { file: 'f', doc: 1, loc: { start: 10, end: 20 }, name: { value: 'x', start: 12, end: 13 }, port: 80, list: [{ start: 14, end: 15 }] };
  const b = { file: 'f', doc: 2, loc: { start: 15, end: 25 }, name: { value: 'x', start: 17, end: 18 }, port: 80, list: [{ start: 19, end: 20 }] };
  assert.equal(sameShifted(a, b, 5, 1), true);
  assert.equal(sameShifted(a, b, 5, 0), false, 'the document index differs');
  assert.equal(sameShifted(a, b, 4, 1), false, 'another delta');
  assert.equal(sameShifted(a, { ...b, port: 81 }, 5, 1), false, 'a value differs');
  assert.equal(sameShifted(a, { ...b, name: { value: 'y', start: 17, end: 18 } }, 5, 1), false, 'a string differs');
  assert.equal(sameShifted(a, { ...b, list: [] }, 5, 1), false, 'a list differs');
  assert.equal(sameShifted(a, { ...b, extra: true }, 5, 1), false, 'a field more');
  assert.equal(sameShifted(a, a, 0), true);
  // a label's offsets are offsets too
  const la = { key: 'app', value: 'web', keyStart: 30, keyEnd: 33, valueStart: 35, valueEnd: 38 };
  assert.equal(sameShifted(la, { ...la, keyStart: 32, keyEnd: 35, valueStart: 37, valueEnd: 40 }, 2), true);
  assert.equal(sameShifted(la, { ...la, keyStart: 32, keyEnd: 35, valueStart: 37, valueEnd: 41 }, 2), false);
});

test('random edits anywhere in the file: the incremental path gives what replacing the whole file gives', () => {
  // a seeded generator (mulberry32): the same 300 edits every run
  let seed = 0x9e3779b9;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const snippets = ['x', ' ', '\n', '# note\n', '---\n', '\n---\n', '  app: z\n', '-', ':', 'web', '    tier: edge\n', '"', '{'];
  const original = fs.readFileSync(BUNDLE, 'utf8');
  const other = fs.readFileSync(OTHER, 'utf8');
  const inc = build(new Map([[BUNDLE, original], [OTHER, other]]));
  const whole = build(new Map([[BUNDLE, original], [OTHER, other]]));
  let text = original;
  let kept = 0;
  for (let i = 0; i < 300; i++) {
    // every 25 edits, back to the original (random text drifts away from YAML)
    if (i % 25 === 24) text = original;
    else {
      const at = Math.floor(rnd() * (text.length + 1));
      const r = rnd();
      if (r < 0.45) text = text.slice(0, at) + snippets[Math.floor(rnd() * snippets.length)] + text.slice(at);
      else if (r < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 8));
      else text = text.slice(0, at) + String(Math.floor(rnd() * 100)) + text.slice(at + 2);
    }
    const before = inc.model.file(BUNDLE)!.objects;
    const r1 = edit(inc, text);
    if (inc.model.file(BUNDLE)!.objects.some((o) => before.includes(o))) kept++;
    whole.texts.set(BUNDLE, text);
    whole.model.setFile(readManifestText(BUNDLE, text, defaultReadOptions));
    whole.engine.update(whole.model.refresh().namespaces);
    const step = `edit ${i} (rebuilt ${[...r1.rebuilt]})`;
    assert.equal(canon(inc.model.file(BUNDLE)?.objects), canon(whole.model.file(BUNDLE)?.objects), `${step}: objects`);
    for (const ns of whole.model.namespaces()) assert.equal(canon(inc.model.namespace(ns)), canon(whole.model.namespace(ns)), `${step}: namespace ${ns}`);
    for (const f of [BUNDLE, OTHER]) assert.equal(canon(inc.engine.problemsFor(f)), canon(whole.engine.problemsFor(f)), `${step}: problems of ${path.basename(f)}`);
  }
  // most random edits leave some documents as they were: the incremental path was taken
  assert.ok(kept > 150, `objects kept in ${kept} of 300 edits`);
});

test('check results saved for the next session are a copy (later in-place moves leave them), and restored into a new engine they are what the checks find', () => {
  const original = fs.readFileSync(BUNDLE, 'utf8');
  const texts = new Map([
    [BUNDLE, original],
    [OTHER, fs.readFileSync(OTHER, 'utf8')],
  ]);
  const w = build(new Map(texts));
  const saved = w.engine.results();
  const json = JSON.stringify(saved);
  // an edit of the first document moves the problems of the later ones in place
  const before = JSON.stringify(w.engine.problemsFor(BUNDLE));
  edit(w, replaceOnce(original, 'managed-by: kustomize', 'managed-by: helm'));
  assert.notEqual(JSON.stringify(w.engine.problemsFor(BUNDLE)), before, 'the kept problems moved');
  assert.equal(JSON.stringify(saved), json, 'the saved results did not');

  // a new session on the original files: nothing left to check, the same problems as checking
  const model = new ClusterModel();
  for (const [f, t] of texts) model.setFile(readManifestText(f, t, defaultReadOptions));
  model.refresh();
  const engine = new DiagnosticsEngine(model, undefined, (f) => texts.get(f));
  assert.deepEqual(engine.restore(saved, model.namespaces()), []);
  const fresh = build(new Map(texts));
  for (const f of texts.keys()) assert.equal(canon(engine.problemsFor(f)), canon(fresh.engine.problemsFor(f)), path.basename(f));
  assert.equal(engine.problemCount(), fresh.engine.problemCount());
  // a namespace the results do not cover is left to check
  const partial = { namespaces: saved.namespaces.slice(1) };
  const other = new DiagnosticsEngine(model, undefined, (f) => texts.get(f));
  assert.deepEqual(other.restore(partial, model.namespaces()), [saved.namespaces[0][0]]);
});
