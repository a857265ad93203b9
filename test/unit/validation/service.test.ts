// service: every refusal with its code, severity, span and rejection, and the accepted near misses.
import { describe, it } from 'node:test';
import { checkAccepted, checkRefusal } from './harness';
import { serviceCases } from './cases/service';

describe('validation: service', () => {
  describe('refused or warned', () => {
    for (const c of serviceCases.refusals) it(`${c.code}: ${c.name}`, () => checkRefusal(c));
  });
  describe('accepted', () => {
    for (const c of serviceCases.accepted) it(c.name, () => checkAccepted(c));
  });
});
