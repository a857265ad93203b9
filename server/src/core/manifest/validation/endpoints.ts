// Endpoints and EndpointSlices, as the API server checks them on create:
//  - Endpoints: pkg/apis/core/validation validateEndpointSubsets / validateEndpointAddress /
//    validateEndpointPort: every subset has addresses or notReadyAddresses; every ip parses
//    (ParseIPSloppy) and is not a special address (ValidateNonSpecialIP / ValidateEndpointIP:
//    unspecified, loopback, link-local, link-local multicast); hostnames are RFC 1123 labels; ports are
//    1–65535 with TCP/UDP/SCTP, and named (RFC 1123 labels) when a subset has more than one.
//  - EndpointSlices: pkg/apis/discovery/validation: addressType IPv4, IPv6 or FQDN; 1–100 addresses
//    per endpoint, each valid for the type (and not special for IP types); at most 1000 endpoints and
//    20000 ports; hostnames RFC 1123 labels; port names RFC 1123 labels, unique — an absent name is the
//    empty name, so two unnamed ports collide. Port numbers of a slice are not range-checked.
//
// One warning: the `kubernetes.io/service-name` label is only checked as a label value by the API
// server, but CoreDNS serves a slice under the Service it names, and a value that is not a valid
// Service name can never name one.
import type { EndpointsObject, EndpointSliceObject, K8sObject } from '../objects';
import { isDns1035Label, isDns1123Label, isFullyQualifiedDomainName } from '../../util/dnsNames';
import { ambiguousIpReason, parseIpSloppy, specialIpReason } from '../../util/ip';
import { reject, show, warn } from './report';
import { PORT_NAME_RULE } from './service';
import { kindAt } from '../objects';

const LABEL_RULE = "a lowercase RFC 1123 label (lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit)";
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];
const MAX_ADDRESSES = 100;
const MAX_ENDPOINTS = 1000;
const MAX_SLICE_PORTS = 20000;

export function validateEndpoints(obj: K8sObject): void {
  if (obj.type === 'Endpoints') validateEndpointsObject(obj);
  else if (obj.type === 'EndpointSlice') validateSlice(obj);
}

function validateEndpointsObject(obj: EndpointsObject): void {
  obj.endpoints.subsets.forEach((sub, i) => {
    const f = `subsets[${i}]`;
    const readIpless = obj.problems.some((p) => p.code === 'endpoints-invalid-ip' && p.span.start >= sub.loc.start && p.span.end <= sub.loc.end);
    if (sub.addresses.length === 0 && !readIpless) {
      reject(obj, 'endpoints-missing-addresses', `${f} has neither addresses nor notReadyAddresses: every subset needs at least one address`, sub.head ?? sub.loc);
    }
    let ready = 0;
    let notReady = 0;
    for (const a of sub.addresses) {
      const af = a.ready ? `${f}.addresses[${ready++}]` : `${f}.notReadyAddresses[${notReady++}]`;
      const ip = parseIpSloppy(a.ip.value);
      if (!ip) {
        reject(obj, 'endpoints-invalid-ip', `${af}.ip ${show(a.ip.value)} is not an IP address (Endpoints hold addresses, not names)`, a.ip);
      } else {
        const special = specialIpReason(ip);
        if (special) reject(obj, 'endpoints-special-ip', `${af}.ip ${show(a.ip.value)} may not be an endpoint: ${special}`, a.ip);
        const ambiguous = ambiguousIpReason(ip);
        if (ambiguous) warn(obj, 'non-standard-ip', `${af}.ip ${show(a.ip.value)} is accepted by the API server for now, but ${ambiguous}: DNS would answer with a wrong or unreadable address`, a.ip);
      }
      if (a.hostname && a.hostname.value !== '' && !isDns1123Label(a.hostname.value)) {
        reject(obj, 'invalid-hostname', `${af}.hostname ${show(a.hostname.value)} is not valid: it must be ${LABEL_RULE}`, a.hostname);
      }
    }
    sub.ports.forEach((p, j) => {
      const pf = `${f}.ports[${j}]`;
      const at = p.head ?? p.loc;
      const name = p.name?.value ?? '';
      if (sub.ports.length > 1 && name === '') {
        reject(obj, 'unnamed-endpoint-port', `${pf} has no name: every port of a subset with more than one port needs a name (matching the Service port name)`, p.name ?? at);
      } else if (name !== '' && !isDns1123Label(name)) {
        reject(obj, 'invalid-port-name', `Endpoints port name ${show(name)} is not valid: it must be ${PORT_NAME_RULE}`, p.name!);
      }
      if (!p.port || p.port.value < 1 || p.port.value > 65535) {
        reject(obj, 'invalid-port-number', p.port ? `${pf}.port ${p.port.value} is not a port number: it must be between 1 and 65535` : `${pf}.port is required`, p.port ?? at);
      }
      if (!PROTOCOLS.includes(p.protocol)) reject(obj, 'invalid-protocol', `${pf}.protocol ${show(p.protocol)} is not supported: use TCP, UDP or SCTP (uppercase)`, p.protocolLoc ?? at);
    });
  });
}

function validateSlice(obj: EndpointSliceObject): void {
  const sl = obj.slice;
  const at = sl.addressType;
  const type = at?.value ?? '';
  if (type === '') {
    reject(obj, 'invalid-address-type', 'An EndpointSlice needs addressType: IPv4, IPv6 or FQDN', at ?? kindAt(obj));
  } else if (!ADDRESS_TYPES.includes(type)) {
    reject(obj, 'invalid-address-type', `addressType ${show(type)} is not supported: use IPv4, IPv6 or FQDN`, at!);
  }

  if (sl.endpoints.length > MAX_ENDPOINTS) {
    reject(obj, 'slice-too-large', `The EndpointSlice has ${sl.endpoints.length} endpoints: at most ${MAX_ENDPOINTS} are allowed`, sl.endpoints[MAX_ENDPOINTS].head ?? sl.endpoints[MAX_ENDPOINTS].loc);
  } else {
    sl.endpoints.forEach((ep, i) => {
      const f = `endpoints[${i}]`;
      if (ep.addresses.length === 0) {
        reject(obj, 'slice-endpoint-without-address', `${f}.addresses is required: an endpoint needs at least one address`, ep.head ?? ep.loc);
      } else if (ep.addresses.length > MAX_ADDRESSES) {
        reject(obj, 'slice-too-large', `${f}.addresses has ${ep.addresses.length} entries: at most ${MAX_ADDRESSES} are allowed`, ep.addresses[MAX_ADDRESSES]);
      }
      ep.addresses.forEach((a, j) => {
        const af = `${f}.addresses[${j}]`;
        if (type === 'FQDN') {
          if (!isFullyQualifiedDomainName(a.value)) {
            reject(obj, 'invalid-slice-address', `${af} ${show(a.value)} is not a fully qualified domain name (a lowercase DNS name of at least two labels), as addressType FQDN requires`, a);
          }
          return;
        }
        if (type !== 'IPv4' && type !== 'IPv6') return;
        const ip = parseIpSloppy(a.value);
        if (!ip || ip.v4 !== (type === 'IPv4')) {
          reject(obj, 'invalid-slice-address', `${af} ${show(a.value)} is not an ${type} address, as addressType ${type} requires`, a);
          return;
        }
        const special = specialIpReason(ip);
        if (special) reject(obj, 'endpoints-special-ip', `${af} ${show(a.value)} may not be an endpoint: ${special}`, a);
        const ambiguous = ambiguousIpReason(ip);
        if (ambiguous) warn(obj, 'non-standard-ip', `${af} ${show(a.value)} is accepted by the API server for now, but ${ambiguous}: DNS would answer with a wrong or unreadable address`, a);
      });
      if (ep.hostname && !isDns1123Label(ep.hostname.value)) {
        reject(obj, 'invalid-hostname', `${f}.hostname ${show(ep.hostname.value)} is not valid: it must be ${LABEL_RULE}`, ep.hostname);
      }
    });
  }

  if (sl.ports.length > MAX_SLICE_PORTS) {
    reject(obj, 'slice-too-large', `The EndpointSlice has ${sl.ports.length} ports: at most ${MAX_SLICE_PORTS} are allowed`, sl.ports[MAX_SLICE_PORTS].head ?? sl.ports[MAX_SLICE_PORTS].loc);
  } else {
    const names = new Set<string>();
    sl.ports.forEach((p, j) => {
      const pf = `ports[${j}]`;
      const at = p.head ?? p.loc;
      const name = p.name?.value ?? '';
      if (name !== '' && !isDns1123Label(name)) reject(obj, 'invalid-port-name', `EndpointSlice port name ${show(name)} is not valid: it must be ${PORT_NAME_RULE}`, p.name!);
      if (names.has(name)) {
        const msg = name === '' ? `${pf} has no name, and neither has an earlier port: port names of a slice must be unique (an absent name counts as "")` : `EndpointSlice port name ${show(name)} is used by two ports`;
        reject(obj, 'duplicate-port-name', msg, p.name ?? at);
      }
      names.add(name);
      if (!PROTOCOLS.includes(p.protocol)) reject(obj, 'invalid-protocol', `${pf}.protocol ${show(p.protocol)} is not supported: use TCP, UDP or SCTP (uppercase)`, p.protocolLoc ?? at);
    });
  }

  const svc = sl.serviceName;
  if (svc && svc.value !== '' && !isDns1035Label(svc.value)) {
    warn(
      obj,
      'slice-service-name-invalid',
      `Label kubernetes.io/service-name ${show(svc.value)} is not a valid Service name (an RFC 1035 label), so it can never name a Service: cluster DNS will never serve this slice`,
      svc,
    );
  }
}
