// Object names, as pkg/apis/core/validation checks them.
import type { K8sObject } from '../objects';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../../util/dnsNames';
import { reject } from './report';

export function validateNames(obj: K8sObject): void {
  const name = obj.meta.name;
  const ns = obj.meta.namespace;
  if (ns && !isDns1123Label(ns.value)) {
    reject(obj, 'invalid-namespace-name', `metadata.namespace "${ns.value}" is not a valid namespace name: a lowercase RFC 1123 label (a-z, 0-9, '-', at most 63 characters, starting and ending with a letter or digit)`, ns);
  }
  if (!name) {
    if (obj.type !== 'Other' && !obj.meta.generateName) reject(obj, 'missing-name', `${obj.kind.value} has no metadata.name`, obj.kind);
    return;
  }
  switch (obj.type) {
    case 'Service':
      if (!isDns1035Label(name.value)) reject(obj, 'invalid-service-name', `Service name "${name.value}" is not a valid DNS-1035 label: lowercase letters, digits and '-', at most 63 characters, starting with a letter and ending with a letter or digit`, name);
      break;
    case 'Namespace':
      if (!isDns1123Label(name.value)) reject(obj, 'invalid-namespace-name', `Namespace name "${name.value}" is not a valid RFC 1123 label`, name);
      break;
    case 'Pod':
    case 'Endpoints':
    case 'EndpointSlice':
    case 'ConfigMap':
    case 'Workload':
      if (!isDns1123Subdomain(name.value)) reject(obj, 'invalid-name', `${obj.kind.value} name "${name.value}" is not a valid RFC 1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit`, name);
      break;
    default:
      break;
  }
}
