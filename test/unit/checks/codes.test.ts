// The rule catalogue: what docs, the severity settings and SARIF `rules` are generated from.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRules, ruleInfo } from '../../../server/src/core/checks/codes';
import { checks } from '../../../server/src/core/checks/registry';
import type { Check } from '../../../server/src/core/checks/types';

test('every rule has a stable kebab-case code, a title, a help text and a default severity', () => {
  const seen = new Set<string>();
  for (const r of checkRules) {
    assert.match(r.code, /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/, r.code);
    assert.ok(!seen.has(r.code), `duplicate code ${r.code}`);
    seen.add(r.code);
    assert.ok(r.title.length > 10 && !r.title.endsWith('.'), `title of ${r.code}`);
    assert.ok(r.help.length > 120, `help of ${r.code} says why service discovery breaks`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.code);
    assert.equal(ruleInfo(r.code), r);
  }
  assert.equal(ruleInfo('yaml-syntax'), undefined);
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
