// The check rules in the catalogue (docs, severity settings, SARIF `rules`): complete and well formed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ruleInfo } from '../../../server/src/core/checks/catalog';
import { checks } from '../../../server/src/core/checks/registry';
import type { Check } from '../../../server/src/core/checks/types';

test('every check has a stable kebab-case code, a title, a help text and a default severity', () => {
  const seen = new Set<string>();
  for (const c of checks) {
    assert.match(c.code, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/, c.code);
    assert.ok(!seen.has(c.code), `duplicate code ${c.code}`);
    seen.add(c.code);
    assert.ok(c.title.length > 10 && !c.title.endsWith('.'), `title of ${c.code}`);
    assert.ok(c.help.length > 120, `help of ${c.code} says why service discovery breaks`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(c.severity), c.code);
    const info = ruleInfo(c.code);
    assert.equal(info.kind, 'check', `${c.code} is a check in the catalogue, not a validation or reading code`);
    assert.equal(info.help, c.help);
  }
  assert.deepEqual(
    allRules().filter((r) => r.kind === 'check').map((r) => r.code).sort(),
    [...seen].sort(),
  );
});

test('no check code is also an API validation or reading code', () => {
  const others = new Set(allRules().filter((r) => r.kind !== 'check').map((r) => r.code));
  // a check with the code of a validation rule would replace it in the catalogue
  const validationRules = allRules().length - checks.length;
  assert.equal(others.size, validationRules);
  for (const c of checks) assert.ok(!others.has(c.code), c.code);
});

test('every rule file under rules/ is registered, once', () => {
  // compiled rules sit next to this build's registry
  const dir = path.resolve(__dirname, '../../../server/src/core/checks/rules');
  const exported: Check[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const mod = require(path.join(dir, f)) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (v && typeof v === 'object' && 'code' in v && 'run' in v) exported.push(v as Check);
  }
  assert.deepEqual(exported.map((c) => c.code).sort(), checks.map((c) => c.code).sort());
});
