// One fixture workspace per rule under test/fixtures/checks/<code>/: `broken/` breaks exactly that
// rule and yields exactly the findings of `expected.json`; `near-miss/` is close to it and yields none.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checks } from '../../../server/src/core/checks/registry';
import { checkFolder, describe, fixturesDir, type Found } from './helpers';

interface Expected {
  file: string;
  code: string;
  severity: string;
  /** The exact text of the span. */
  span: string;
  /** A substring of the message. */
  message: string;
  /** A substring of the quick fix title; absent: the finding has no fix. */
  fix?: string;
}

function matches(f: Found, e: Expected, root: string): boolean {
  return (
    path.relative(root, f.file) === e.file &&
    f.problem.code === e.code &&
    f.problem.severity === e.severity &&
    f.text === e.span &&
    f.problem.message.includes(e.message) &&
    (e.fix === undefined ? f.problem.fix === undefined : !!f.problem.fix && f.problem.fix.title.includes(e.fix))
  );
}

test('every rule has a fixture folder', () => {
  const dirs = fs.readdirSync(fixturesDir).sort();
  assert.deepEqual(dirs, checks.map((r) => r.code).sort());
});

for (const rule of checks) {
  const dir = path.join(fixturesDir, rule.code);
  test(`${rule.code}: broken fixture yields exactly the expected findings`, () => {
    const expected = (JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { findings: Expected[] }).findings;
    const root = path.join(dir, 'broken');
    const run = checkFolder(root);
    const left = [...run.findings];
    for (const e of expected) {
      const i = left.findIndex((f) => matches(f, e, root));
      assert.ok(i >= 0, `expected ${JSON.stringify(e)}\namong:\n${left.map((f) => describe(f, root)).join('\n')}`);
      left.splice(i, 1);
    }
    assert.deepEqual(left.map((f) => describe(f, root)), [], 'unexpected findings');
    assert.ok(expected.some((e) => e.code === rule.code), 'the fixture breaks its own rule');
    // nothing else is wrong with the fixture (no YAML or API validation problem)
    assert.deepEqual(run.all.filter((f) => !run.findings.includes(f)).map((f) => describe(f, root)), []);
  });
  test(`${rule.code}: near-miss fixture is silent`, () => {
    const root = path.join(dir, 'near-miss');
    const run = checkFolder(root);
    assert.deepEqual(run.all.map((f) => describe(f, root)), []);
  });
}
