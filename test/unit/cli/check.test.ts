import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import { runCli, type Io } from '../../../server/src/cli/cli';

const root = path.resolve(__dirname, '../../../..');

function capture(cwd = root): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', cwd, out: (s: string) => (io.stdout += s), err: (s: string) => (io.stderr += s) };
  return io;
}

test('check: the seed workspace has no problems', async () => {
  const io = capture();
  const code = await runCli(['check', '-w', 'test/fixtures/seed'], io);
  assert.equal(code, 0, io.stderr);
  assert.match(io.stdout, /^0 errors, 0 warnings, 0 information, 0 hints in 8 files$/m);
});

test('check: a selector that matches nothing is reported with file:line:col', async () => {
  const io = capture();
  const code = await runCli(['check', '-w', 'test/fixtures/broken-selector'], io);
  assert.equal(code, 0, 'warnings only: exit 0');
  assert.match(io.stdout, /^service\.yaml:7:5: warning selector-matches-no-pod: Service "api" selects no pod/m);
});

test('check --format json lists problems with positions', async () => {
  const io = capture();
  await runCli(['check', '--format', 'json', '-w', 'test/fixtures/broken-selector'], io);
  const j = JSON.parse(io.stdout);
  assert.equal(j.summary.warnings, 1);
  assert.deepEqual(
    j.problems.map((p: any) => [p.file, p.line, p.column, p.code]),
    [['service.yaml', 7, 5, 'selector-matches-no-pod']],
  );
});

test('check --format sarif validates against the SARIF 2.1.0 schema', async () => {
  const schemaPath = path.join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the official schema has a pattern only valid without the u flag
  const validate = ajv.compile(schema);
  for (const ws of ['test/fixtures/broken-selector', 'test/fixtures/seed', '../shared/corpus/real']) {
    const io = capture();
    await runCli(['check', '--format', 'sarif', '-w', ws], io);
    const log = JSON.parse(io.stdout) as any;
    const ok = validate(JSON.parse(io.stdout));
    assert.ok(ok, `${ws}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
    assert.equal(log.version, '2.1.0');
    for (const r of log.runs[0].results) {
      assert.equal(log.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.ok(!r.locations[0].physicalLocation.artifactLocation.uri.startsWith('/'), 'relative URIs for code scanning');
    }
  }
});

test('bad arguments and missing folders exit 2 with one line, no stack trace', async () => {
  for (const argv of [['check', '--format', 'xml'], ['check', '-w', 'does/not/exist'], ['check', '--bogus'], ['frobnicate'], ['check', '--cluster-domain', 'Not A Domain']]) {
    const io = capture();
    const code = await runCli(argv, io);
    assert.equal(code, 2, argv.join(' '));
    assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
    assert.doesNotMatch(io.stderr, /\n\s+at /);
  }
});
