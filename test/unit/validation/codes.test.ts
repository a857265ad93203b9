// The list of rule codes: well-formed, complete, and every code exercised by a case.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validationCodes } from '../../../server/src/core/manifest/validation/codes';
import { names } from './cases/names';
import { serviceCases } from './cases/service';
import { podCases } from './cases/pod';
import { endpointsCases } from './cases/endpoints';
import { workloadCases } from './cases/workload';

const root = path.resolve(__dirname, '../../..', '..');

describe('validation codes', () => {
  it('are unique kebab-case codes with a severity and a one-sentence description', () => {
    const seen = new Set<string>();
    for (const c of validationCodes) {
      assert.match(c.code, /^[a-z]+(-[a-z0-9]+)*$/, c.code);
      assert.ok(!seen.has(c.code), `duplicate ${c.code}`);
      seen.add(c.code);
      assert.ok(c.severity === 'error' || c.severity === 'warning');
      assert.match(c.description, /^[A-Za-z`][^\n]*\.$/, c.code);
    }
  });

  it('include every code the manifest reader reports itself', () => {
    const src = fs.readFileSync(path.join(root, 'server/src/core/manifest/extract.ts'), 'utf8');
    const used = [...src.matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]);
    assert.ok(used.length > 0);
    for (const code of used) assert.ok(validationCodes.some((c) => c.code === code), `${code} is not listed in codes.ts`);
  });

  it('are each exercised by a test case (the decoder code excepted)', () => {
    const tested = new Set([names, serviceCases, podCases, endpointsCases, workloadCases].flatMap((t) => t.refusals.map((r) => r.code)));
    const untested = validationCodes.map((c) => c.code).filter((c) => c !== 'invalid-field-type' && !tested.has(c as never));
    assert.deepEqual(untested, []);
  });
});
