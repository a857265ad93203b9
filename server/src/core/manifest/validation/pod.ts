// Pod specs — of Pods and of every workload's pod template — as the API server checks them
// (pkg/apis/core/validation ValidatePodSpec: validateContainers/validateInitContainers,
// validateContainerPorts, validateRestartPolicy, validateDNSPolicy, validatePodDNSConfig, hostname and
// subdomain; defaults from pkg/apis/core/v1 SetDefaults_PodSpec: an empty dnsPolicy is ClusterFirst,
// an empty restartPolicy is Always, an empty port protocol is TCP).
//
// The one warning: two containers declaring a port of the same name is accepted (the API server only
// warns, pkg/api/pod/warnings.go), but a Service targetPort by that name can only ever reach the first.
import type { K8sObject, PodSpecInfo } from '../objects';
import { isDns1123Label, isDns1123SubdomainWithUnderscore, isIanaSvcName } from '../../util/dnsNames';
import { ambiguousIpReason, parseIpSloppy } from '../../util/ip';
import type { Loc } from '../../types';
import { reject, show, warn, workloadSpecPath } from './report';
import { IANA_NAME_RULE } from './service';
import { kindAt, runsWithPod } from '../objects';

const LABEL_RULE = "a lowercase RFC 1123 label (lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit)";
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

export function validatePod(obj: K8sObject): void {
  if (obj.type === 'Pod') {
    validatePodSpec(obj, obj.spec, 'spec', obj.spec.key ?? kindAt(obj));
  } else if (obj.type === 'Workload' && obj.spec.template) {
    const tpl = obj.spec.template;
    validatePodSpec(obj, tpl.spec, `${workloadSpecPath(obj)}.template.spec`, tpl.spec.key ?? tpl.key ?? kindAt(obj));
  }
}

function validatePodSpec(obj: K8sObject, spec: PodSpecInfo, field: string, specAt: Loc): void {
  const regular = spec.containers.filter((c) => !c.init);
  if (regular.length === 0) {
    reject(obj, 'missing-containers', `${field}.containers is required: a pod needs at least one container`, specAt);
  }

  // names: required, RFC 1123 labels, unique across containers and init containers
  const names = new Set<string>();
  let regularIndex = 0;
  let initIndex = 0;
  for (const c of spec.containers) {
    const cf = c.init ? `${field}.initContainers[${initIndex++}]` : `${field}.containers[${regularIndex++}]`;
    const name = c.name?.value ?? '';
    if (name === '') {
      reject(obj, 'invalid-container-name', `${cf}.name is required`, c.name ?? c.head ?? c.loc);
    } else {
      if (!isDns1123Label(name)) reject(obj, 'invalid-container-name', `Container name ${show(name)} is not valid: it must be ${LABEL_RULE}`, c.name!);
      if (names.has(name)) reject(obj, 'duplicate-container-name', `Container name ${show(name)} is used twice in ${field}: container and init container names must be unique`, c.name!);
      names.add(name);
    }

    // ports: validated per container (names unique within the container)
    const portNames = new Set<string>();
    c.ports.forEach((p, j) => {
      const pf = `${cf}.ports[${j}]`;
      const at = p.head ?? p.loc;
      if (p.name && p.name.value !== '') {
        if (!isIanaSvcName(p.name.value)) reject(obj, 'invalid-port-name', `Container port name ${show(p.name.value)} is not valid: it must be ${IANA_NAME_RULE}`, p.name);
        else if (portNames.has(p.name.value)) reject(obj, 'duplicate-port-name', `Container port name ${show(p.name.value)} is used twice in container ${show(name)}`, p.name);
        else portNames.add(p.name.value);
      }
      const cp = p.containerPort;
      if (!cp || cp.value === 0) reject(obj, 'invalid-port-number', `${pf}.containerPort is required`, cp ?? at);
      else if (cp.value < 1 || cp.value > 65535) reject(obj, 'invalid-port-number', `${pf}.containerPort ${cp.value} is not a port number: it must be between 1 and 65535`, cp);
      if (!PROTOCOLS.includes(p.protocol)) reject(obj, 'invalid-protocol', `${pf}.protocol ${show(p.protocol)} is not supported: use TCP, UDP or SCTP (uppercase)`, p.protocolLoc ?? at);
    });
  }

  // the same port name and protocol in two containers (regular, then sidecar containers, the order in
  // which a Service's named targetPort is looked up): only the first is ever used
  const firstByName = new Map<string, string>();
  for (const c of spec.containers) {
    if (!runsWithPod(c)) continue;
    for (const p of c.ports) {
      const n = p.name?.value;
      if (!n || !isIanaSvcName(n)) continue;
      const owner = c.name?.value ?? '';
      const key = `${n}/${p.protocol}`;
      const first = firstByName.get(key);
      if (first === undefined) firstByName.set(key, owner);
      else if (first !== owner) {
        warn(
          obj,
          'duplicate-container-port-name',
          `Port name ${show(n)} (${p.protocol}) is declared by container ${show(first)} and again by container ${show(owner)}: a Service targetPort ${show(n)} always resolves to the port of ${show(first)}, never this one`,
          p.name!,
        );
      }
    }
  }

  if (spec.hostname && spec.hostname.value !== '' && !isDns1123Label(spec.hostname.value)) {
    reject(obj, 'invalid-hostname', `${field}.hostname ${show(spec.hostname.value)} is not valid: it must be ${LABEL_RULE}`, spec.hostname);
  }
  if (spec.subdomain && spec.subdomain.value !== '' && !isDns1123Label(spec.subdomain.value)) {
    reject(obj, 'invalid-subdomain', `${field}.subdomain ${show(spec.subdomain.value)} is not valid: it must be ${LABEL_RULE} (the name of a headless Service)`, spec.subdomain);
  }
  const rp = spec.restartPolicy;
  if (rp && rp.value !== '' && !RESTART_POLICIES.includes(rp.value)) {
    reject(obj, 'invalid-restart-policy', `${field}.restartPolicy ${show(rp.value)} is not valid: use Always, OnFailure or Never`, rp);
  }

  validateDns(obj, spec, field);
}

function validateDns(obj: K8sObject, spec: PodSpecInfo, field: string): void {
  const policy = spec.dnsPolicy;
  if (policy && policy.value !== '' && !DNS_POLICIES.includes(policy.value)) {
    reject(obj, 'invalid-dns-policy', `${field}.dnsPolicy ${show(policy.value)} is not valid: use ClusterFirst, ClusterFirstWithHostNet, Default or None`, policy);
  }
  const dc = spec.dnsConfig;
  if (policy?.value === 'None' && (!dc || dc.nameservers.length === 0)) {
    const what = dc ? `${field}.dnsConfig.nameservers is empty` : `${field}.dnsConfig is missing`;
    reject(obj, 'dns-policy-none-without-nameservers', `dnsPolicy is None but ${what}: with None the pod's resolv.conf comes only from dnsConfig, which must give at least one nameserver`, policy);
  }
  if (!dc) return;
  const f = `${field}.dnsConfig`;
  if (dc.nameservers.length > MAX_NAMESERVERS) {
    reject(obj, 'invalid-dns-nameserver', `${f}.nameservers has ${dc.nameservers.length} entries: at most ${MAX_NAMESERVERS} are allowed`, dc.nameservers[MAX_NAMESERVERS]);
  }
  dc.nameservers.forEach((ns, i) => {
    const ip = parseIpSloppy(ns.value);
    if (!ip) {
      reject(obj, 'invalid-dns-nameserver', `${f}.nameservers[${i}] ${show(ns.value)} is not an IP address (a nameserver is given by address, not by name)`, ns);
      return;
    }
    const ambiguous = ambiguousIpReason(ip);
    if (ambiguous) warn(obj, 'non-standard-ip', `${f}.nameservers[${i}] ${show(ns.value)} is accepted by the API server, but ${ambiguous}: the pod would query another server`, ns);
  });
  if (dc.searches.length > MAX_SEARCHES) {
    reject(obj, 'invalid-dns-search', `${f}.searches has ${dc.searches.length} domains: at most ${MAX_SEARCHES} are allowed`, dc.searches[MAX_SEARCHES]);
  }
  let chars = -1;
  for (const s of dc.searches) {
    chars += s.value.length + 1;
    if (chars > MAX_SEARCH_CHARS) {
      reject(obj, 'invalid-dns-search', `${f}.searches is longer than ${MAX_SEARCH_CHARS} characters (counting one space between domains)`, s);
      break;
    }
  }
  dc.searches.forEach((s, i) => {
    if (s.value === '.') return;
    const d = s.value.endsWith('.') ? s.value.slice(0, -1) : s.value;
    if (!isDns1123SubdomainWithUnderscore(d)) {
      reject(
        obj,
        'invalid-dns-search',
        `${f}.searches[${i}] ${show(s.value)} is not a valid search domain: it must be a lowercase DNS subdomain (letters, digits, '-', '_' and '.', at most 253 characters; one trailing '.' allowed)`,
        s,
      );
    }
  });
  dc.options.forEach((o) => {
    if (o.name.value === '') reject(obj, 'invalid-dns-option', `A ${f}.options entry has an empty name`, o.name);
  });
  for (const at of dc.unnamedOptions ?? []) reject(obj, 'invalid-dns-option', `A ${f}.options entry has no name (e.g. ndots, timeout, attempts)`, at);
}
