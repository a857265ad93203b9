// Every rule code API validation reports, with its severity and a one-line description. The per-code
// settings and the documentation are generated from this list; `reject()` and `warn()` only accept
// codes listed here.
//
// error: the API server refuses the object, which then takes no part in DNS.
// warning: the API server accepts the object, but it is surely a mistake for DNS.

export type ValidationArea = 'decode' | 'names' | 'service' | 'pod' | 'endpoints' | 'workload';

export interface ValidationCodeInfo {
  code: string;
  severity: 'error' | 'warning';
  area: ValidationArea;
  description: string;
}

const CODES = {
  // decoding (extract.ts)
  'invalid-field-type': ['error', 'decode', 'A field has the wrong type (a list where a mapping belongs, a string where an integer belongs…): the API server cannot decode the object.'],

  // names.ts
  'missing-name': ['error', 'names', 'The object has neither metadata.name nor metadata.generateName.'],
  'invalid-name': ['error', 'names', 'The object name is not a lowercase RFC 1123 subdomain (Pods, workloads, Endpoints, EndpointSlices, ConfigMaps).'],
  'invalid-service-name': ['error', 'names', 'The Service name is not an RFC 1035 label (lowercase, starts with a letter, at most 63 characters).'],
  'invalid-namespace-name': ['error', 'names', 'A namespace name (metadata.namespace, or a Namespace object) is not a lowercase RFC 1123 label.'],
  'invalid-generate-name': ['error', 'names', 'metadata.generateName cannot start a valid name of this kind.'],
  'cronjob-name-too-long': ['error', 'names', 'A CronJob name is longer than 52 characters (its Jobs get an 11-character suffix).'],
  'invalid-label-key': ['error', 'names', 'A label key (metadata, pod template, Service selector, label selector) is not a valid qualified name.'],
  'invalid-label-value': ['error', 'names', 'A label value (metadata, pod template, Service selector, label selector) is longer than 63 characters or has characters labels cannot hold.'],
  'invalid-selector-operator': ['error', 'names', 'A matchExpressions operator is not In, NotIn, Exists or DoesNotExist.'],
  'invalid-selector-values': ['error', 'names', 'A matchExpressions requirement has no values for In/NotIn, or values for Exists/DoesNotExist.'],

  // service.ts
  'invalid-service-type': ['error', 'service', 'spec.type is not ClusterIP, NodePort, LoadBalancer or ExternalName.'],
  'invalid-cluster-ip': ['error', 'service', 'spec.clusterIP is not empty, "None" or an IP address, or is "None" on a NodePort/LoadBalancer Service.'],
  'invalid-cluster-ips': ['error', 'service', 'spec.clusterIPs disagrees with spec.clusterIP, holds more than two or two of one family, or misplaces "None".'],
  'invalid-ip-family': ['error', 'service', 'spec.ipFamilies holds something other than one IPv4 and/or one IPv6, or disagrees with the cluster IPs.'],
  'invalid-ip-family-policy': ['error', 'service', 'spec.ipFamilyPolicy is not SingleStack, PreferDualStack or RequireDualStack, or is SingleStack with two families or cluster IPs.'],
  'external-name-forbidden-field': ['error', 'service', 'An ExternalName Service sets clusterIP, clusterIPs, ipFamilies or ipFamilyPolicy.'],
  'missing-external-name': ['error', 'service', 'An ExternalName Service has no spec.externalName.'],
  'invalid-external-name': ['error', 'service', 'spec.externalName is not a lowercase RFC 1123 subdomain (one trailing dot allowed).'],
  'external-name-is-ip': ['warning', 'service', 'spec.externalName is an IP address: the API server accepts it, but CoreDNS answers NXDOMAIN for the Service name.'],
  'missing-service-ports': ['error', 'service', 'A Service that is neither headless nor ExternalName has no ports.'],
  'unnamed-service-port': ['error', 'service', 'A Service with more than one port has a port without a name.'],
  'duplicate-service-port': ['error', 'service', 'Two Service ports have the same port number and protocol.'],
  'invalid-target-port': ['error', 'service', 'A targetPort is neither a port number (1–65535) nor an IANA service name.'],
  'node-port-not-allowed': ['error', 'service', 'A nodePort is set on a Service of type ClusterIP.'],
  'invalid-external-ip': ['error', 'service', 'An entry of spec.externalIPs is not an IP address a packet can be sent to.'],

  // shared by Services, Endpoints, EndpointSlices and containers
  'invalid-port-number': ['error', 'service', 'A port number is missing or outside 1–65535.'],
  'invalid-protocol': ['error', 'service', 'A port protocol is not TCP, UDP or SCTP.'],
  'invalid-port-name': ['error', 'service', 'A port name is not valid: an RFC 1123 label for Service and endpoint ports, an IANA service name for container ports.'],
  'duplicate-port-name': ['error', 'service', 'Two ports of one Service, EndpointSlice or container have the same name.'],
  'non-standard-ip': ['warning', 'service', 'An IP address DNS serves or uses has leading zeros (or an over-long IPv6 group): accepted for now, but CoreDNS cannot parse it and libc reads it as another address.'],

  // pod.ts
  'missing-containers': ['error', 'pod', 'A pod (or pod template) has no containers.'],
  'invalid-container-name': ['error', 'pod', 'A container has no name, or its name is not a lowercase RFC 1123 label.'],
  'duplicate-container-name': ['error', 'pod', 'Two containers (or init containers) of a pod have the same name.'],
  'duplicate-container-port-name': ['warning', 'pod', 'Two containers of a pod declare a port of the same name: a Service targetPort by that name only ever reaches the first.'],
  'invalid-hostname': ['error', 'pod', 'A hostname (pod spec.hostname, Endpoints or EndpointSlice hostname) is not a lowercase RFC 1123 label.'],
  'invalid-subdomain': ['error', 'pod', 'A pod spec.subdomain is not a lowercase RFC 1123 label.'],
  'invalid-dns-policy': ['error', 'pod', 'spec.dnsPolicy is not ClusterFirst, ClusterFirstWithHostNet, Default or None.'],
  'dns-policy-none-without-nameservers': ['error', 'pod', 'dnsPolicy is None but dnsConfig gives no nameserver.'],
  'invalid-dns-nameserver': ['error', 'pod', 'dnsConfig.nameservers holds more than 3 entries or one that is not an IP address.'],
  'invalid-dns-search': ['error', 'pod', 'dnsConfig.searches holds more than 32 domains, more than 2048 characters, or an invalid domain.'],
  'invalid-dns-option': ['error', 'pod', 'A dnsConfig.options entry has no name.'],
  'invalid-restart-policy': ['error', 'pod', 'restartPolicy is not allowed here (Always/OnFailure/Never; Always only for controllers; OnFailure/Never for Jobs).'],

  // endpoints.ts
  'endpoints-invalid-ip': ['error', 'endpoints', 'An Endpoints address has no ip, or the ip is not an IP address.'],
  'endpoints-special-ip': ['error', 'endpoints', 'An endpoint address is unspecified, loopback, link-local or link-local multicast.'],
  'endpoints-missing-addresses': ['error', 'endpoints', 'An Endpoints subset has neither addresses nor notReadyAddresses.'],
  'unnamed-endpoint-port': ['error', 'endpoints', 'An Endpoints subset with more than one port has a port without a name.'],
  'invalid-address-type': ['error', 'endpoints', 'An EndpointSlice addressType is missing or not IPv4, IPv6 or FQDN.'],
  'invalid-slice-address': ['error', 'endpoints', 'An EndpointSlice address is not valid for the slice addressType.'],
  'slice-endpoint-without-address': ['error', 'endpoints', 'An EndpointSlice endpoint has no addresses.'],
  'slice-too-large': ['error', 'endpoints', 'An EndpointSlice has more than 1000 endpoints or 20000 ports, or an endpoint more than 100 addresses.'],
  'slice-service-name-invalid': ['warning', 'endpoints', 'The kubernetes.io/service-name label of an EndpointSlice cannot name a Service, so DNS never serves the slice.'],

  // workload.ts
  'missing-selector': ['error', 'workload', 'A workload has no selector (or an empty one) and its API version does not default it from the template labels.'],
  'selector-template-mismatch': ['error', 'workload', "A workload's selector does not match its pod template labels."],
  'invalid-replicas': ['error', 'workload', 'replicas (or a Job parallelism/completions) is negative.'],
  'invalid-completion-mode': ['error', 'workload', 'A Job completionMode is not NonIndexed or Indexed.'],
  'indexed-job-without-completions': ['error', 'workload', 'An Indexed Job does not set completions.'],
  'indexed-job-name-too-long': ['error', 'workload', 'An Indexed Job name plus "-<last index>" is not a valid pod hostname (RFC 1123 label).'],
  'invalid-statefulset-service-name': ['error', 'workload', 'A StatefulSet spec.serviceName is not a lowercase RFC 1123 label.'],
} as const satisfies Record<string, readonly ['error' | 'warning', ValidationArea, string]>;

export type ValidationCode = keyof typeof CODES;

/** Every code, in the order above. */
export const validationCodes: readonly ValidationCodeInfo[] = Object.entries(CODES).map(([code, [severity, area, description]]) => ({
  code,
  severity,
  area,
  description,
}));

export function codeInfo(code: ValidationCode): ValidationCodeInfo {
  const [severity, area, description] = CODES[code];
  return { code, severity, area, description };
}
