// What the API server would refuse, per object: names, IPs, ports. A refused object takes no part in
// DNS; every reason is recorded with its span. One rule area per file under validation/ (see codes.ts
// for every code they report).
import type { K8sObject } from './objects';
import { validateNames } from './validation/names';
import { validateService } from './validation/service';
import { validatePod } from './validation/pod';
import { validateEndpoints } from './validation/endpoints';
import { validateWorkload } from './validation/workload';

export type ValidationRule = (obj: K8sObject) => void;

/** Every rule area, run in this order on every object. */
export const validationRules: readonly ValidationRule[] = [
  validateNames,
  validateService,
  validatePod,
  validateEndpoints,
  validateWorkload,
];

/**
 * Runs every rule on an object. An object with a field of the wrong type (`invalid-field-type`, found
 * while reading) is refused by the API server's decoder before validation runs, so it gets no
 * validation findings: they would be about values the API server never sees (a port written as a
 * string would also be "missing").
 */
export function validateObject(obj: K8sObject): void {
  if (obj.problems.some((p) => p.code === 'invalid-field-type')) return;
  for (const rule of validationRules) rule(obj);
}
