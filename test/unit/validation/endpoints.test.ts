// endpoints: every refusal with its code, severity, span and rejection, and the accepted near misses.
import { describe, it } from 'node:test';
import { checkAccepted, checkRefusal } from './harness';
import { endpointsCases } from './cases/endpoints';

describe('validation: endpoints', () => {
  describe('refused or warned', () => {
    for (const c of endpointsCases.refusals) it(`${c.code}: ${c.name}`, () => checkRefusal(c));
  });
  describe('accepted', () => {
    for (const c of endpointsCases.accepted) it(c.name, () => checkAccepted(c));
  });
});
