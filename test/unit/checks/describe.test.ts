// Wording helpers that replace the Intl-backed ones (no ICU data loaded into the server for them).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { grouped } from '../../../server/src/core/checks/support/describe';
import { byCode } from '../../../server/src/core/checks/engine';
import { allRules } from '../../../server/src/core/checks/catalog';

test('grouped: thousands as toLocaleString("en-US") writes them', () => {
  for (const n of [0, 7, 999, 1000, 1001, 12345, 100000, 999999, 1000000, 2147483647, 4294967295, -1, -1000, -123456789, 12.7]) {
    assert.equal(grouped(n), Math.trunc(n).toLocaleString('en-US'), String(n));
  }
});

test('byCode orders the rule codes as localeCompare did', () => {
  const codes = [...allRules().map((r) => r.code), 'yaml-syntax', 'a', 'a-b', 'ab', 'a1', 'a-1', 'x509'];
  assert.deepEqual([...codes].sort(byCode), [...codes].sort((a, b) => a.localeCompare(b)));
});
