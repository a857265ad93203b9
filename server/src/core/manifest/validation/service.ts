// Services, as the API server checks them on create (pkg/apis/core/validation ValidateService,
// validateServicePort, ValidateServiceClusterIPsRelatedFields; pkg/registry/core/service/storage
// normalizeClusterIPs and initIPFamilyFields; defaults from pkg/apis/core/v1 SetDefaults_Service).
//
// What the API server does before validating, and we follow:
//  - an absent or empty `type` is ClusterIP; an absent or empty port `protocol` is TCP; a `targetPort` of
//    0 or "" becomes the port;
//  - `clusterIPs` is filled from `clusterIP` when only the latter is written (never the other way round);
//  - an absent `ipFamilyPolicy` is SingleStack, except RequireDualStack for a headless Service without
//    a selector.
// Checks that depend on the cluster's configuration (Service CIDRs, dual-stack, the NodePort range) are
// left to the model.
import type { K8sObject, ServiceObject } from '../objects';
import type { Val } from '../../types';
import { isDns1123Label, isDns1123Subdomain, isIanaSvcName } from '../../util/dnsNames';
import { ambiguousIpReason, ipFamilyName, parseIpSloppy, specialIpReason } from '../../util/ip';
import { reject, show, warn } from './report';
import { kindAt } from '../objects';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

export const PORT_NAME_RULE = "a lowercase RFC 1123 label (lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit)";
export const IANA_NAME_RULE = "an IANA service name (at most 15 lowercase letters, digits and '-', with at least one letter, and no '-' at either end or twice in a row)";

export function validateService(obj: K8sObject): void {
  if (obj.type !== 'Service') return;
  const s = obj.spec;
  const type = s.type === '' ? 'ClusterIP' : s.type;
  if (!SERVICE_TYPES.includes(type)) {
    reject(obj, 'invalid-service-type', `spec.type ${show(type)} is not a Service type: use ClusterIP, NodePort, LoadBalancer or ExternalName (a headless Service is a ClusterIP Service with clusterIP: None)`, s.typeLoc ?? kindAt(obj));
  }

  // clusterIPs as the API server sees them: filled from clusterIP when only that is written
  const clusterIP = s.clusterIP?.value ?? '';
  const ips: Val<string>[] = s.clusterIPs.length > 0 ? s.clusterIPs : s.clusterIP && clusterIP !== '' ? [s.clusterIP] : [];
  const headless = ips.length === 1 && ips[0].value === 'None';

  if (type === 'ExternalName') {
    validateExternalName(obj, ips);
  } else {
    validateClusterIPs(obj, clusterIP, ips, headless);
  }
  if ((type === 'NodePort' || type === 'LoadBalancer') && headless) {
    reject(obj, 'invalid-cluster-ip', `spec.clusterIP "None" (headless) is not allowed for a ${type} Service`, ips[0]);
  }

  if (s.ports.length === 0 && !headless && type !== 'ExternalName') {
    reject(obj, 'missing-service-ports', `Service ${show(obj.meta.name?.value ?? '')} has no spec.ports: only headless (clusterIP: None) and ExternalName Services may have none`, s.portsLoc ?? s.specKey ?? obj.meta.name ?? kindAt(obj));
  }
  validateServicePorts(obj, type);

  s.externalIPs.forEach((v, i) => {
    const ip = parseIpSloppy(v.value);
    if (!ip) {
      reject(obj, 'invalid-external-ip', `spec.externalIPs[${i}] ${show(v.value)} is not an IP address`, v);
      return;
    }
    const special = specialIpReason(ip);
    if (special) reject(obj, 'invalid-external-ip', `spec.externalIPs[${i}] ${show(v.value)} is not allowed: ${special}`, v);
  });
}

function validateExternalName(obj: ServiceObject, ips: Val<string>[]): void {
  const s = obj.spec;
  if (ips.length > 0) {
    const field = s.clusterIPs.length > 0 ? 'spec.clusterIPs' : 'spec.clusterIP';
    reject(obj, 'external-name-forbidden-field', `${field} ${show(ips[0].value)} may not be set on an ExternalName Service, which has no cluster IP: remove it (or leave clusterIP empty)`, ips[0]);
  }
  if (s.ipFamilies.length > 0) {
    reject(obj, 'external-name-forbidden-field', 'spec.ipFamilies may not be set on an ExternalName Service, which has no cluster IP', s.ipFamilies[0]);
  }
  if (s.ipFamilyPolicy) {
    reject(obj, 'external-name-forbidden-field', 'spec.ipFamilyPolicy may not be set on an ExternalName Service, which has no cluster IP', s.ipFamilyPolicy);
  }
  const en = s.externalName;
  // the value is a CNAME target and may end in one '.'
  const cname = en ? (en.value.endsWith('.') ? en.value.slice(0, -1) : en.value) : '';
  if (cname === '') {
    reject(obj, 'missing-external-name', 'An ExternalName Service needs spec.externalName: the DNS name its own name is an alias (CNAME) for', en ?? s.typeLoc ?? kindAt(obj));
  } else if (!isDns1123Subdomain(cname)) {
    reject(
      obj,
      'invalid-external-name',
      `spec.externalName ${show(en!.value)} is not a valid DNS name: it must be a lowercase RFC 1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters; one trailing '.' allowed)`,
      en!,
    );
  } else if (parseIpSloppy(cname)) {
    warn(
      obj,
      'external-name-is-ip',
      `spec.externalName ${show(en!.value)} is an IP address: the API server accepts it, but CoreDNS serves no record for it (its name is NXDOMAIN) — use a selector-less Service with Endpoints (or EndpointSlices) for an IP`,
      en!,
    );
  }
}

function validateClusterIPs(obj: ServiceObject, clusterIP: string, ips: Val<string>[], headless: boolean): void {
  const s = obj.spec;
  if (clusterIP !== '' && s.clusterIPs.length > 0 && s.clusterIPs[0].value !== clusterIP) {
    reject(obj, 'invalid-cluster-ips', `spec.clusterIPs[0] ${show(s.clusterIPs[0].value)} must be the same as spec.clusterIP ${show(clusterIP)}`, s.clusterIPs[0]);
  } else if (clusterIP === '' && s.clusterIPs.length > 0) {
    reject(obj, 'invalid-cluster-ips', 'spec.clusterIPs may only be written together with spec.clusterIP (spec.clusterIP must equal spec.clusterIPs[0])', s.clusterIPs[0]);
  }

  const seen = new Set<string>();
  s.ipFamilies.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f.value)) reject(obj, 'invalid-ip-family', `spec.ipFamilies[${i}] ${show(f.value)} is not an IP family: use IPv4 or IPv6`, f);
    else if (seen.has(f.value)) reject(obj, 'invalid-ip-family', `spec.ipFamilies[${i}] ${show(f.value)} is listed twice: a Service has at most one IPv4 and one IPv6 family`, f);
    seen.add(f.value);
  });
  const policy = s.ipFamilyPolicy;
  if (policy && !IP_FAMILY_POLICIES.includes(policy.value)) {
    reject(obj, 'invalid-ip-family-policy', `spec.ipFamilyPolicy ${show(policy.value)} is not valid: use SingleStack, PreferDualStack or RequireDualStack`, policy);
  }

  let invalid = false;
  const parsed = ips.map((v, i) => {
    const written = i === 0 && s.clusterIPs.length === 0 ? 'spec.clusterIP' : `spec.clusterIPs[${i}]`;
    if (i === 0 && v.value === 'None') {
      if (ips.length > 1) {
        invalid = true;
        reject(obj, 'invalid-cluster-ips', 'spec.clusterIPs may hold "None" only as its single value', v);
      }
      return undefined;
    }
    const ip = parseIpSloppy(v.value);
    if (!ip) {
      invalid = true;
      reject(obj, 'invalid-cluster-ip', `${written} ${show(v.value)} is not valid: it must be an IP address, "None" (headless) or empty (allocated)`, v);
      return undefined;
    }
    const ambiguous = ambiguousIpReason(ip);
    if (ambiguous) warn(obj, 'non-standard-ip', `${written} ${show(v.value)} is accepted by the API server for now, but ${ambiguous}: DNS answers for this Service would be wrong`, v);
    return ip;
  });
  if (ips.length > 2) {
    reject(obj, 'invalid-cluster-ips', 'spec.clusterIPs may hold at most two addresses (one IPv4 and one IPv6)', ips[2]);
    return;
  }
  if (invalid) return;
  if (ips.length === 2 && parsed[0] && parsed[1] && parsed[0].v4 === parsed[1].v4) {
    reject(obj, 'invalid-cluster-ips', `spec.clusterIPs holds two ${ipFamilyName(parsed[0])} addresses: a dual-stack Service has one IPv4 and one IPv6 address`, ips[1]);
  }
  if (!headless) {
    ips.forEach((v, i) => {
      const fam = s.ipFamilies[i];
      const ip = parsed[i];
      if (!fam || !ip || !IP_FAMILIES.includes(fam.value)) return;
      if (ipFamilyName(ip) !== fam.value) {
        reject(obj, 'invalid-ip-family', `Cluster IP ${show(v.value)} is ${ipFamilyName(ip)}, but spec.ipFamilies[${i}] says ${fam.value}`, v);
      }
    });
  }

  // initIPFamilyFields: the policy a Service gets when it names none
  const selectorless = !s.selector || s.selector.length === 0;
  const effective = policy?.value ?? (clusterIP === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack');
  if (effective === 'SingleStack') {
    const why = policy ? `spec.ipFamilyPolicy is ${policy.value}` : 'spec.ipFamilyPolicy is not set, so it is SingleStack';
    if (ips.length === 2) {
      reject(obj, 'invalid-ip-family-policy', `${why}, but spec.clusterIPs holds two addresses: set ipFamilyPolicy to PreferDualStack or RequireDualStack`, policy ?? ips[1]);
    }
    if (s.ipFamilies.length === 2) {
      reject(obj, 'invalid-ip-family-policy', `${why}, but spec.ipFamilies names two families: set ipFamilyPolicy to PreferDualStack or RequireDualStack`, policy ?? s.ipFamilies[1]);
    }
  }
}

function validateServicePorts(obj: ServiceObject, type: string): void {
  const ports = obj.spec.ports;
  const names = new Set<string>();
  const pairs = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    const at = p.head ?? p.loc;
    const name = p.name?.value ?? '';
    if (ports.length > 1 && name === '') {
      reject(obj, 'unnamed-service-port', `${f} has no name: every port of a Service with more than one port needs a name (it is also the _name._protocol SRV record)`, p.name ?? at);
    } else if (name !== '') {
      if (!isDns1123Label(name)) reject(obj, 'invalid-port-name', `Service port name ${show(name)} is not valid: it must be ${PORT_NAME_RULE}`, p.name!);
      else if (names.has(name)) reject(obj, 'duplicate-port-name', `Service port name ${show(name)} is used by two ports: port names must be unique`, p.name!);
      names.add(name);
    }
    const port = p.port?.value ?? 0;
    if (!p.port) reject(obj, 'invalid-port-number', `${f}.port is required`, at);
    else if (port < 1 || port > 65535) reject(obj, 'invalid-port-number', `${f}.port ${port} is not a port number: it must be between 1 and 65535`, p.port);
    if (!PROTOCOLS.includes(p.protocol)) {
      reject(obj, 'invalid-protocol', `${f}.protocol ${show(p.protocol)} is not supported: use TCP, UDP or SCTP (uppercase)`, p.protocolLoc ?? at);
    }
    const tp = p.targetPort;
    if (tp && tp.value !== 0 && tp.value !== '') {
      if (typeof tp.value === 'number') {
        if (tp.value < 1 || tp.value > 65535) reject(obj, 'invalid-target-port', `${f}.targetPort ${tp.value} is not a port number: it must be between 1 and 65535`, tp);
      } else if (!isIanaSvcName(tp.value)) {
        const hint = /^[0-9]+$/.test(tp.value) ? ' — a quoted number is a port name, not a number: write it without quotes' : '';
        reject(obj, 'invalid-target-port', `${f}.targetPort ${show(tp.value)} is neither a port number nor a valid port name, which must be ${IANA_NAME_RULE}${hint}`, tp);
      }
    }
    if (p.nodePort && p.nodePort.value !== 0) {
      if (type === 'ClusterIP') {
        reject(obj, 'node-port-not-allowed', `${f}.nodePort ${p.nodePort.value} may not be used when type is ClusterIP: use type NodePort or LoadBalancer, or remove it`, p.nodePort);
      }
      const key = `${p.protocol}/${p.nodePort.value}`;
      if (nodePorts.has(key)) reject(obj, 'duplicate-service-port', `${f}.nodePort ${p.nodePort.value}/${p.protocol} is used by two ports`, p.nodePort);
      nodePorts.add(key);
    }
    if (p.port) {
      const key = `${p.protocol}/${port}`;
      if (pairs.has(key)) reject(obj, 'duplicate-service-port', `${f} repeats port ${port}/${p.protocol}: each port and protocol pair may appear once`, p.port);
      pairs.add(key);
    }
  });
}
