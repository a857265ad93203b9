// names: every refusal with its code, severity, span and rejection, and the accepted near misses.
import { describe, it } from 'node:test';
import { checkAccepted, checkRefusal } from './harness';
import { names } from './cases/names';

describe('validation: names', () => {
  describe('refused or warned', () => {
    for (const c of names.refusals) it(`${c.code}: ${c.name}`, () => checkRefusal(c));
  });
  describe('accepted', () => {
    for (const c of names.accepted) it(c.name, () => checkAccepted(c));
  });
});
