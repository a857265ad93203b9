// What the API server would refuse, per object: names, IPs, ports. A refused object takes no part in
// DNS; every reason is recorded with its span.
import type { K8sObject } from './objects';
import { validateNames } from './validation/names';

export function validateObject(obj: K8sObject): void {
  validateNames(obj);
}
