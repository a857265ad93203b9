// Every check, one line each. Adding a rule: one new file under rules/ and one line here.
import type { Check } from './types';
import { selectorMatchesNoPod } from './rules/selectorMatchesNoPod';
import { subdomainWithoutService } from './rules/subdomainWithoutService';
import { subdomainServiceNotHeadless } from './rules/subdomainServiceNotHeadless';
import { subdomainServiceDoesNotSelectPod } from './rules/subdomainServiceDoesNotSelectPod';
import { subdomainWithoutHostname } from './rules/subdomainWithoutHostname';
import { hostnameWithoutSubdomain } from './rules/hostnameWithoutSubdomain';
import { duplicateHostname } from './rules/duplicateHostname';
import { statefulsetServiceMissing } from './rules/statefulsetServiceMissing';
import { statefulsetServiceNotFound } from './rules/statefulsetServiceNotFound';
import { statefulsetServiceNotHeadless } from './rules/statefulsetServiceNotHeadless';
import { statefulsetServiceDoesNotSelectPods } from './rules/statefulsetServiceDoesNotSelectPods';
import { endpointsWithoutService } from './rules/endpointsWithoutService';
import { endpointsOverriddenBySelector } from './rules/endpointsOverriddenBySelector';
import { endpointsIgnored } from './rules/endpointsIgnored';
import { serviceWithoutEndpoints } from './rules/serviceWithoutEndpoints';
import { endpointsPortMismatch } from './rules/endpointsPortMismatch';
import { endpointsAddressesNotMirrored } from './rules/endpointsAddressesNotMirrored';
import { targetPortNotFound } from './rules/targetPortNotFound';
import { targetPortNotDeclared } from './rules/targetPortNotDeclared';
import { externalNameIgnoredFields } from './rules/externalNameIgnoredFields';
import { notReadyOnly } from './rules/notReadyOnly';
import { duplicateObject } from './rules/duplicateObject';
import { dnsPolicyWithoutClusterDns } from './rules/dnsPolicyWithoutClusterDns';
import { replicasNotSimulated } from './rules/replicasNotSimulated';

export const checks: readonly Check[] = [
  selectorMatchesNoPod,
  subdomainWithoutService,
  subdomainServiceNotHeadless,
  subdomainServiceDoesNotSelectPod,
  subdomainWithoutHostname,
  hostnameWithoutSubdomain,
  duplicateHostname,
  statefulsetServiceMissing,
  statefulsetServiceNotFound,
  statefulsetServiceNotHeadless,
  statefulsetServiceDoesNotSelectPods,
  endpointsWithoutService,
  endpointsOverriddenBySelector,
  endpointsIgnored,
  serviceWithoutEndpoints,
  endpointsPortMismatch,
  endpointsAddressesNotMirrored,
  targetPortNotFound,
  targetPortNotDeclared,
  externalNameIgnoredFields,
  notReadyOnly,
  duplicateObject,
  dnsPolicyWithoutClusterDns,
  replicasNotSimulated,
];
