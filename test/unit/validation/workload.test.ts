// workload: every refusal with its code, severity, span and rejection, and the accepted near misses.
import { describe, it } from 'node:test';
import { checkAccepted, checkRefusal } from './harness';
import { workloadCases } from './cases/workload';

describe('validation: workload', () => {
  describe('refused or warned', () => {
    for (const c of workloadCases.refusals) it(`${c.code}: ${c.name}`, () => checkRefusal(c));
  });
  describe('accepted', () => {
    for (const c of workloadCases.accepted) it(c.name, () => checkAccepted(c));
  });
});
