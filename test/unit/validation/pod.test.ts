// pod: every refusal with its code, severity, span and rejection, and the accepted near misses.
import { describe, it } from 'node:test';
import { checkAccepted, checkRefusal } from './harness';
import { podCases } from './cases/pod';

describe('validation: pod', () => {
  describe('refused or warned', () => {
    for (const c of podCases.refusals) it(`${c.code}: ${c.name}`, () => checkRefusal(c));
  });
  describe('accepted', () => {
    for (const c of podCases.accepted) it(c.name, () => checkAccepted(c));
  });
});
