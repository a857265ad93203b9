// YAML tree → the Kubernetes objects the model uses. Reads only what the model needs, records the
// offsets of everything it reads, and reports fields of the wrong type the way the API server's
// decoder would refuse them.
import { fit } from '../util/fit';
import { intern } from '../util/intern';
import type { Loc, Problem, Val } from '../types';
import { get, getPair, type YMap, type YNode, type YScalar } from './yast';
import { findNameRefs } from '../dns/nameRefs';
import type {
  Container,
  ContainerPort,
  DnsConfigInfo,
  EndpointAddressInfo,
  EndpointPort,
  EndpointSubsetInfo,
  K8sObject,
  Label,
  LabelSelector,
  ObjectMeta,
  OwnerRef,
  PodSpecInfo,
  PodStatusInfo,
  PodTemplateInfo,
  SelectorRequirement,
  ServiceInfo,
  ServicePort,
  SliceEndpointInfo,
  StringRef,
  TargetRef,
  WorkloadInfo,
  WorkloadKind,
} from './objects';
import { labelValue } from './objects';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ExtractOptions {}

export const defaultExtractOptions: ExtractOptions = {};

/** Reader state for one object: where problems go. */
class Reader {
  problems: Problem[] = [];
  rejected = false;
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  typeError(node: YNode, field: string, expected: string): void {
    if (node.t === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value) && expected.includes('integer')) {
      // an integer the API server's int32 fields cannot hold: its decoder refuses the object
      this.problems.push({
        code: 'invalid-field-type',
        severity: 'error',
        message: `${field} ${node.value} does not fit a 32-bit integer (at most 2147483647): the API server cannot decode this object`,
        span: { file: this.file, start: node.start, end: node.end },
      });
      this.rejected = true;
      return;
    }
    const got = node.t === 'scalar' ? (node.value === null ? 'null' : typeof node.value) : node.t === 'map' ? 'mapping' : 'sequence';
    this.problems.push({
      code: 'invalid-field-type',
      severity: 'error',
      message: `${field} must be ${expected}, not ${got === 'string' ? 'a string' : got === 'number' ? 'a number' : got === 'boolean' ? 'a boolean' : got === 'mapping' ? 'a mapping' : got === 'sequence' ? 'a list' : 'null'}: the API server cannot decode this object`,
      span: { file: this.file, start: node.start, end: node.end },
    });
    this.rejected = true;
  }

  str(node: YNode | null | undefined, field: string): Val<string> | undefined {
    if (!node) return undefined;
    if (node.t === 'scalar') {
      if (typeof node.value === 'string') return { value: intern(node.value), start: node.start, end: node.end };
      if (node.value === null) return undefined;
    }
    this.typeError(node, field, 'a string');
    return undefined;
  }

  int(node: YNode | null | undefined, field: string): Val<number> | undefined {
    if (!node) return undefined;
    if (node.t === 'scalar') {
      if (isInt32(node.value)) return { value: node.value, start: node.start, end: node.end };
      if (node.value === null) return undefined;
    }
    this.typeError(node, field, 'an integer');
    return undefined;
  }

  intOrString(node: YNode | null | undefined, field: string): Val<number | string> | undefined {
    if (!node) return undefined;
    if (node.t === 'scalar') {
      const v = node.value;
      if (typeof v === 'string') return { value: intern(v), start: node.start, end: node.end };
      if (isInt32(v)) return { value: v, start: node.start, end: node.end };
      if (v === null) return undefined;
    }
    this.typeError(node, field, 'an integer or a string');
    return undefined;
  }

  bool(node: YNode | null | undefined, field: string): boolean | undefined {
    if (!node) return undefined;
    if (node.t === 'scalar') {
      if (typeof node.value === 'boolean') return node.value;
      if (node.value === null) return undefined;
    }
    this.typeError(node, field, 'a boolean');
    return undefined;
  }

  map(node: YNode | null | undefined, field: string): YMap | undefined {
    if (!node) return undefined;
    if (node.t === 'map') return node;
    if (node.t === 'scalar' && node.value === null) return undefined;
    this.typeError(node, field, 'a mapping');
    return undefined;
  }

  seq(node: YNode | null | undefined, field: string): YNode[] {
    if (!node) return [];
    if (node.t === 'seq') return node.items.filter((i): i is YNode => i !== null);
    if (node.t === 'scalar' && node.value === null) return [];
    this.typeError(node, field, 'a list');
    return [];
  }

  strList(node: YNode | null | undefined, field: string): Val<string>[] {
    const out: Val<string>[] = [];
    this.seq(node, field).forEach((n, i) => {
      const v = this.str(n, `${field}[${i}]`);
      if (v) out.push(v);
    });
    return fit(out);
  }

  /**
   * A map of string → string (labels, selectors). Read straight into labels (this runs for every label
   * of every object: no Val per key and value, no field path unless there is a problem to report).
   */
  stringMap(node: YNode | null | undefined, field: string): Label[] {
    const m = this.map(node, field);
    if (!m) return [];
    const out: Label[] = [];
    for (const p of m.pairs) {
      const k = p.key;
      if (!k) continue;
      if (k.t !== 'scalar') {
        this.typeError(k, `a key of ${field}`, 'a string');
        continue;
      }
      // sigs.k8s.io/yaml turns non-string keys into their string form (`true`, `1`)
      const key = k.value === null ? 'null' : intern(String(k.value));
      const v = p.value;
      if (!v) {
        // Kubernetes decodes `key:` (empty) as an empty string value for a map[string]string
        out.push({ key, value: '', keyStart: k.start, keyEnd: k.end, valueStart: k.end, valueEnd: k.end });
      } else if (v.t === 'scalar' && typeof v.value === 'string') {
        out.push({ key, value: intern(v.value), keyStart: k.start, keyEnd: k.end, valueStart: v.start, valueEnd: v.end });
      } else if (v.t !== 'scalar' || v.value !== null) {
        this.typeError(v, `${field}.${key}`, 'a string');
      }
    }
    return fit(out);
  }

  keyOf(k: YNode, field: string): Val<string> | undefined {
    if (k.t === 'scalar') {
      // sigs.k8s.io/yaml turns non-string keys into their string form (`true`, `1`)
      return { value: k.value === null ? 'null' : intern(String(k.value)), start: k.start, end: k.end };
    }
    this.typeError(k, `a key of ${field}`, 'a string');
    return undefined;
  }
}

/** Every integer field read here is an int32 in the Kubernetes API. */
function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
}

const CORE_KINDS = new Set(['Pod', 'Service', 'Endpoints', 'Namespace', 'ConfigMap', 'ReplicationController']);

function classify(apiVersion: string, kind: string): K8sObject['type'] | WorkloadKind | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group === '') {
    if (!CORE_KINDS.has(kind)) return undefined;
    if (kind === 'ReplicationController') return 'ReplicationController';
    return kind as K8sObject['type'];
  }
  if (group === 'apps' || group === 'extensions') {
    if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'DaemonSet') return kind;
    if (kind === 'StatefulSet' && group === 'apps') return kind;
    return undefined;
  }
  if (group === 'batch') {
    if (kind === 'Job' || kind === 'CronJob') return kind;
    return undefined;
  }
  if (group === 'discovery.k8s.io' && kind === 'EndpointSlice') return 'EndpointSlice';
  return undefined;
}

/**
 * Objects of one YAML document. A document that is not a mapping with string `apiVersion` and `kind`
 * is not ours and yields nothing. `kind: List` (and `*List`) documents yield their items.
 */
export function extractDocument(file: string, text: string, docIndex: number, root: YNode | null, opts: ExtractOptions = defaultExtractOptions): K8sObject[] {
  if (!root || root.t !== 'map') return [];
  const apiVersion = get(root, 'apiVersion');
  const kind = get(root, 'kind');
  if (!isStringScalar(apiVersion) || !isStringScalar(kind)) return [];
  const items = get(root, 'items');
  if (kind.value.endsWith('List') && items && items.t === 'seq') {
    const out: K8sObject[] = [];
    items.items.forEach((item, i) => {
      if (!item || item.t !== 'map') return;
      const o = extractObject(file, text, docIndex, item, opts);
      if (o) {
        o.item = i;
        out.push(o);
      }
    });
    return fit(out);
  }
  const o = extractObject(file, text, docIndex, root, opts);
  return o ? [o] : [];
}

function isStringScalar(n: YNode | null | undefined): n is YScalar & { value: string } {
  return !!n && n.t === 'scalar' && typeof n.value === 'string';
}

function loc(n: { start: number; end: number }): Loc {
  return { start: n.start, end: n.end };
}

/**
 * The first pair of a mapping (its key, and its value too when that is a scalar): where a problem about
 * the item as a whole points, e.g. a port or container that lacks a required field.
 */
function head(m: YMap): Loc {
  const p = m.pairs.find((x) => x.key);
  if (!p || !p.key) return { start: m.start, end: Math.min(m.end, m.start + 1) };
  return { start: p.key.start, end: p.value && p.value.t === 'scalar' ? p.value.end : p.key.end };
}

/** The offsets of a key of a mapping, when written. */
function keyLoc(m: YNode | null | undefined, key: string): Loc | undefined {
  const p = getPair(m, key);
  return p?.key ? loc(p.key) : undefined;
}

/** A port `protocol`, defaulted like the API server does (absent or empty: TCP). */
function protocolOf(r: Reader, n: YNode | null | undefined, field: string): { protocol: string; protocolLoc?: Loc } {
  const v = r.str(n, field);
  return { protocol: v?.value || 'TCP', protocolLoc: v ? loc(v) : undefined };
}

export function extractObject(file: string, text: string, docIndex: number, root: YMap, opts: ExtractOptions = defaultExtractOptions): K8sObject | undefined {
  const apiVersionN = get(root, 'apiVersion');
  const kindN = get(root, 'kind');
  if (!isStringScalar(apiVersionN) || !isStringScalar(kindN)) return undefined;
  const r = new Reader(file, text);
  const apiVersion = intern(apiVersionN.value);
  const kind = intern(kindN.value);
  const kindLoc = loc(kindN);
  const cls = classify(apiVersion, kind);
  const metaN = get(root, 'metadata');
  // Only the metadata of modelled kinds is read strictly; other kinds are carried along as written.
  const meta = readMeta(cls ? r : new Reader(file, text), metaN);
  // Each object is one literal with every field written out, not `{ ...base, type, … }`: V8 gives an
  // object made by a spread followed by more properties a hidden class of its own, so every object
  // had its own (10,346 classes for 10,358 objects), every read of a field of an object anywhere in
  // the model and the checks was a slow lookup, and the classes themselves took megabytes.
  const at = loc(root);
  const problems = r.problems;
  let obj: K8sObject;
  const spec = get(root, 'spec');
  switch (cls) {
    case 'Pod': {
      const podSpec = readPodSpec(r, spec, 'spec', root);
      podSpec.key = keyLoc(root, 'spec');
      const status = readPodStatus(r, get(root, 'status'));
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Pod', spec: podSpec, status };
      break;
    }
    case 'Service':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Service', spec: readServiceSpec(r, spec, root) };
      break;
    case 'Endpoints':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Endpoints', endpoints: { subsets: readSubsets(r, get(root, 'subsets')) } };
      break;
    case 'EndpointSlice':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'EndpointSlice', slice: readSlice(r, root, meta) };
      break;
    case 'Namespace':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Namespace' };
      break;
    case 'ConfigMap':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'ConfigMap', refs: readConfigMapRefs(r, get(root, 'data')) };
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'CronJob':
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Workload', workload: cls, spec: readWorkload(r, cls, spec, root) };
      break;
    default:
      obj = { file, doc: docIndex, loc: at, apiVersion, kind, kindLoc, meta, problems, rejected: false, type: 'Other' };
  }
  obj.rejected = r.rejected;
  return obj;
}

function readMeta(r: Reader, metaN: YNode | null | undefined): ObjectMeta {
  const m = r.map(metaN, 'metadata');
  const labelsN = m ? get(m, 'labels') : undefined;
  const owners: OwnerRef[] = [];
  if (m) {
    for (const o of r.seq(get(m, 'ownerReferences'), 'metadata.ownerReferences')) {
      if (o.t !== 'map') continue;
      const kind = get(o, 'kind');
      const name = get(o, 'name');
      const controller = get(o, 'controller');
      if (isStringScalar(kind) && isStringScalar(name)) {
        owners.push({ kind: kind.value, name: name.value, controller: !!controller && controller.t === 'scalar' && controller.value === true });
      }
    }
  }
  const deletion = m ? get(m, 'deletionTimestamp') : undefined;
  return {
    name: m ? r.str(get(m, 'name'), 'metadata.name') : undefined,
    generateName: m ? r.str(get(m, 'generateName'), 'metadata.generateName') : undefined,
    namespace: m ? r.str(get(m, 'namespace'), 'metadata.namespace') : undefined,
    labels: r.stringMap(labelsN, 'metadata.labels'),
    labelsLoc: labelsN ? loc(labelsN) : undefined,
    ownerReferences: fit(owners),
    deleting: !!deletion && !(deletion.t === 'scalar' && deletion.value === null),
  };
}

function readPodSpec(r: Reader, specN: YNode | null | undefined, field: string, fallback: YNode): PodSpecInfo {
  const s = r.map(specN, field);
  const containers: Container[] = [];
  const refs: StringRef[] = [];
  if (s) {
    for (const [key, init] of [['containers', false], ['initContainers', true]] as const) {
      r.seq(get(s, key), `${field}.${key}`).forEach((c, i) => {
        const cf = `${field}.${key}[${i}]`;
        const cm = r.map(c, cf);
        if (!cm) return;
        const name = r.str(get(cm, 'name'), `${cf}.name`);
        const ports: ContainerPort[] = [];
        r.seq(get(cm, 'ports'), `${cf}.ports`).forEach((p, j) => {
          const pf = `${cf}.ports[${j}]`;
          const pm = r.map(p, pf);
          if (!pm) return;
          ports.push({
            name: r.str(get(pm, 'name'), `${pf}.name`),
            containerPort: r.int(get(pm, 'containerPort'), `${pf}.containerPort`),
            ...protocolOf(r, get(pm, 'protocol'), `${pf}.protocol`),
            loc: loc(pm),
            head: head(pm),
          });
        });
        const restart = r.str(get(cm, 'restartPolicy'), `${cf}.restartPolicy`);
        containers.push({ name, ports: fit(ports), init, sidecar: init && restart?.value === 'Always', loc: loc(cm), head: head(cm) });
        collectContainerRefs(r, cm, name?.value, refs);
      });
    }
  }
  let dnsConfig: DnsConfigInfo | undefined;
  const dc = s ? r.map(get(s, 'dnsConfig'), `${field}.dnsConfig`) : undefined;
  if (dc) {
    const unnamedOptions: Loc[] = [];
    dnsConfig = {
      nameservers: r.strList(get(dc, 'nameservers'), `${field}.dnsConfig.nameservers`),
      searches: r.strList(get(dc, 'searches'), `${field}.dnsConfig.searches`),
      options: r
        .seq(get(dc, 'options'), `${field}.dnsConfig.options`)
        .map((o, i) => {
          const om = r.map(o, `${field}.dnsConfig.options[${i}]`);
          if (!om) return undefined;
          const name = r.str(get(om, 'name'), `${field}.dnsConfig.options[${i}].name`);
          if (!name) {
            unnamedOptions.push(head(om));
            return undefined;
          }
          return { name, value: r.str(get(om, 'value'), `${field}.dnsConfig.options[${i}].value`) };
        })
        .filter((o): o is NonNullable<typeof o> => !!o),
      unnamedOptions,
      loc: loc(dc),
    };
  }
  return {
    loc: s ? loc(s) : loc(fallback),
    hostname: s ? r.str(get(s, 'hostname'), `${field}.hostname`) : undefined,
    subdomain: s ? r.str(get(s, 'subdomain'), `${field}.subdomain`) : undefined,
    setHostnameAsFQDN: (s && r.bool(get(s, 'setHostnameAsFQDN'), `${field}.setHostnameAsFQDN`)) ?? false,
    hostNetwork: (s && r.bool(get(s, 'hostNetwork'), `${field}.hostNetwork`)) ?? false,
    dnsPolicy: s ? r.str(get(s, 'dnsPolicy'), `${field}.dnsPolicy`) : undefined,
    dnsConfig,
    restartPolicy: s ? r.str(get(s, 'restartPolicy'), `${field}.restartPolicy`) : undefined,
    containers: fit(containers),
    refs: fit(refs),
  };
}

/** Strings of a container that may name cluster DNS names: env values, args, command. */
function collectContainerRefs(r: Reader, cm: YMap, container: string | undefined, refs: StringRef[]): void {
  const env = get(cm, 'env');
  if (env && env.t === 'seq') {
    for (const e of env.items) {
      if (!e || e.t !== 'map') continue;
      const name = get(e, 'name');
      const value = get(e, 'value');
      if (value && value.t === 'scalar' && typeof value.value === 'string') {
        const label = name && name.t === 'scalar' ? `env ${String(name.value)}` : 'env';
        addRefs(r, value, label, refs, container);
      }
    }
  }
  for (const key of ['args', 'command']) {
    const list = get(cm, key);
    if (list && list.t === 'seq') {
      list.items.forEach((a, i) => {
        if (a && a.t === 'scalar' && typeof a.value === 'string') addRefs(r, a, `${key}[${i}]`, refs, container);
      });
    }
  }
}

function addRefs(r: Reader, node: YScalar, where: string, refs: StringRef[], container?: string): void {
  for (const ref of findNameRefs(node.value as string)) {
    const at = locateInScalar(r.text, node, ref.index, ref.name.length);
    if (at) refs.push({ name: intern(ref.name), port: ref.port, loc: at, where: intern(where), strength: ref.strength, container });
  }
}

/**
 * Where a piece of a scalar's value was written. Exact when the source is the value (plain and quoted
 * text without escapes); otherwise the k-th occurrence of the piece in the value is taken to be the k-th
 * occurrence in the source (block scalars, folded text). Undefined when that cannot be matched.
 */
function locateInScalar(text: string, node: YScalar, index: number, length: number): Loc | undefined {
  const value = node.value as string;
  const raw = text.slice(node.start, node.end);
  const q = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  if (raw.length - 2 * q === value.length && raw.slice(q, q + value.length) === value) {
    return { start: node.start + q + index, end: node.start + q + index + length };
  }
  const needle = value.slice(index, index + length);
  let k = 0;
  for (let at = value.indexOf(needle); at >= 0 && at < index; at = value.indexOf(needle, at + 1)) k++;
  let pos = -1;
  for (let i = 0; i <= k; i++) {
    pos = raw.indexOf(needle, pos + 1);
    if (pos < 0) return undefined;
  }
  return { start: node.start + pos, end: node.start + pos + length };
}

function readConfigMapRefs(r: Reader, dataN: YNode | null | undefined): StringRef[] {
  const refs: StringRef[] = [];
  const m = r.map(dataN, 'data');
  if (!m) return refs;
  for (const p of m.pairs) {
    if (!p.key || p.key.t !== 'scalar' || !p.value || p.value.t !== 'scalar' || typeof p.value.value !== 'string') continue;
    addRefs(r, p.value, `data.${String(p.key.value)}`, refs);
  }
  return fit(refs);
}

function readPodStatus(r: Reader, statusN: YNode | null | undefined): PodStatusInfo {
  const s = r.map(statusN, 'status');
  if (!s) return { present: false, podIPs: [] };
  const podIPs: Val<string>[] = [];
  const podIP = r.str(get(s, 'podIP'), 'status.podIP');
  r.seq(get(s, 'podIPs'), 'status.podIPs').forEach((p, i) => {
    const pm = r.map(p, `status.podIPs[${i}]`);
    const ip = pm ? r.str(get(pm, 'ip'), `status.podIPs[${i}].ip`) : undefined;
    if (ip && !podIPs.some((x) => x.value === ip.value)) podIPs.push(ip);
  });
  if (podIP && !podIPs.some((x) => x.value === podIP.value)) podIPs.unshift(podIP);
  let ready: boolean | undefined;
  for (const c of r.seq(get(s, 'conditions'), 'status.conditions')) {
    if (c.t !== 'map') continue;
    const type = get(c, 'type');
    const status = get(c, 'status');
    if (type && type.t === 'scalar' && type.value === 'Ready' && status && status.t === 'scalar') {
      ready = status.value === 'True' || status.value === true;
    }
  }
  return { present: true, phase: r.str(get(s, 'phase'), 'status.phase')?.value, podIPs: fit(podIPs), ready, loc: loc(s) };
}

function readServiceSpec(r: Reader, specN: YNode | null | undefined, root: YNode): ServiceInfo {
  const s = r.map(specN, 'spec');
  const typeV = s ? r.str(get(s, 'type'), 'spec.type') : undefined;
  const selPair = s ? getPair(s, 'selector') : undefined;
  const selector = selPair ? r.stringMap(selPair.value, 'spec.selector') : undefined;
  const ports: ServicePort[] = [];
  const portsN = s ? get(s, 'ports') : undefined;
  r.seq(portsN, 'spec.ports').forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    const pm = r.map(p, f);
    if (!pm) return;
    ports.push({
      name: r.str(get(pm, 'name'), `${f}.name`),
      port: r.int(get(pm, 'port'), `${f}.port`),
      targetPort: r.intOrString(get(pm, 'targetPort'), `${f}.targetPort`),
      ...protocolOf(r, get(pm, 'protocol'), `${f}.protocol`),
      nodePort: r.int(get(pm, 'nodePort'), `${f}.nodePort`),
      appProtocol: r.str(get(pm, 'appProtocol'), `${f}.appProtocol`)?.value,
      loc: loc(pm),
      head: head(pm),
    });
  });
  const type = typeV?.value ?? 'ClusterIP';
  const extra: { field: string; loc: Loc }[] = [];
  if (s && type === 'ExternalName') {
    for (const f of ['selector', 'clusterIP', 'clusterIPs', 'ports', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'publishNotReadyAddresses', 'ipFamilies', 'ipFamilyPolicy']) {
      const p = getPair(s, f);
      if (p && p.key && p.value && !(p.value.t === 'scalar' && p.value.value === null)) extra.push({ field: f, loc: { start: p.key.start, end: p.value.end } });
    }
  }
  return {
    type,
    typeLoc: typeV ? loc(typeV) : undefined,
    specKey: keyLoc(root, 'spec'),
    selector: selPair && selPair.value ? selector : undefined,
    selectorLoc: selPair?.value ? loc(selPair.value) : undefined,
    clusterIP: s ? r.str(get(s, 'clusterIP'), 'spec.clusterIP') : undefined,
    clusterIPs: s ? r.strList(get(s, 'clusterIPs'), 'spec.clusterIPs') : [],
    ipFamilies: s ? r.strList(get(s, 'ipFamilies'), 'spec.ipFamilies') : [],
    ipFamilyPolicy: s ? r.str(get(s, 'ipFamilyPolicy'), 'spec.ipFamilyPolicy') : undefined,
    externalName: s ? r.str(get(s, 'externalName'), 'spec.externalName') : undefined,
    externalIPs: s ? r.strList(get(s, 'externalIPs'), 'spec.externalIPs') : [],
    ports: fit(ports),
    portsLoc: portsN ? loc(portsN) : undefined,
    publishNotReadyAddresses: (s && r.bool(get(s, 'publishNotReadyAddresses'), 'spec.publishNotReadyAddresses')) ?? false,
    extraForExternalName: extra,
  };
  void root;
}

function readTargetRef(r: Reader, n: YNode | null | undefined, field: string): TargetRef | undefined {
  const m = r.map(n, field);
  if (!m) return undefined;
  return {
    kind: r.str(get(m, 'kind'), `${field}.kind`)?.value,
    name: r.str(get(m, 'name'), `${field}.name`),
    namespace: r.str(get(m, 'namespace'), `${field}.namespace`)?.value,
    loc: loc(m),
  };
}

function readEndpointPorts(r: Reader, n: YNode | null | undefined, field: string): EndpointPort[] {
  const out: EndpointPort[] = [];
  r.seq(n, field).forEach((p, i) => {
    const f = `${field}[${i}]`;
    const pm = r.map(p, f);
    if (!pm) return;
    out.push({
      name: r.str(get(pm, 'name'), `${f}.name`),
      port: r.int(get(pm, 'port'), `${f}.port`),
      ...protocolOf(r, get(pm, 'protocol'), `${f}.protocol`),
      appProtocol: r.str(get(pm, 'appProtocol'), `${f}.appProtocol`)?.value,
      loc: loc(pm),
      head: head(pm),
    });
  });
  return fit(out);
}

function readSubsets(r: Reader, n: YNode | null | undefined): EndpointSubsetInfo[] {
  const out: EndpointSubsetInfo[] = [];
  r.seq(n, 'subsets').forEach((s, i) => {
    const f = `subsets[${i}]`;
    const sm = r.map(s, f);
    if (!sm) return;
    const addresses: EndpointAddressInfo[] = [];
    for (const [key, ready] of [['addresses', true], ['notReadyAddresses', false]] as const) {
      r.seq(get(sm, key), `${f}.${key}`).forEach((a, j) => {
        const af = `${f}.${key}[${j}]`;
        const am = r.map(a, af);
        if (!am) return;
        const ip = r.str(get(am, 'ip'), `${af}.ip`);
        if (!ip) {
          r.problems.push({ code: 'endpoints-invalid-ip', severity: 'error', message: `${af}.ip is required`, span: { file: r.file, start: am.start, end: am.end } });
          r.rejected = true;
          return;
        }
        addresses.push({
          ip,
          hostname: r.str(get(am, 'hostname'), `${af}.hostname`),
          nodeName: r.str(get(am, 'nodeName'), `${af}.nodeName`)?.value,
          targetRef: readTargetRef(r, get(am, 'targetRef'), `${af}.targetRef`),
          ready,
          loc: loc(am),
        });
      });
    }
    out.push({ addresses: fit(addresses), ports: readEndpointPorts(r, get(sm, 'ports'), `${f}.ports`), loc: loc(sm), head: head(sm) });
  });
  return fit(out);
}

function readSlice(r: Reader, root: YMap, meta: ObjectMeta) {
  const endpoints: SliceEndpointInfo[] = [];
  r.seq(get(root, 'endpoints'), 'endpoints').forEach((e, i) => {
    const f = `endpoints[${i}]`;
    const em = r.map(e, f);
    if (!em) return;
    const cond = r.map(get(em, 'conditions'), `${f}.conditions`);
    endpoints.push({
      addresses: r.strList(get(em, 'addresses'), `${f}.addresses`),
      ready: cond ? r.bool(get(cond, 'ready'), `${f}.conditions.ready`) : undefined,
      serving: cond ? r.bool(get(cond, 'serving'), `${f}.conditions.serving`) : undefined,
      terminating: cond ? r.bool(get(cond, 'terminating'), `${f}.conditions.terminating`) : undefined,
      hostname: r.str(get(em, 'hostname'), `${f}.hostname`),
      nodeName: r.str(get(em, 'nodeName'), `${f}.nodeName`)?.value,
      zone: r.str(get(em, 'zone'), `${f}.zone`)?.value,
      targetRef: readTargetRef(r, get(em, 'targetRef'), `${f}.targetRef`),
      loc: loc(em),
      head: head(em),
    });
  });
  const svcLabel = meta.labels.find((l) => l.key === 'kubernetes.io/service-name');
  const managedBy = meta.labels.find((l) => l.key === 'endpointslice.kubernetes.io/managed-by');
  return {
    addressType: r.str(get(root, 'addressType'), 'addressType'),
    endpoints: fit(endpoints),
    ports: readEndpointPorts(r, get(root, 'ports'), 'ports'),
    serviceName: svcLabel ? labelValue(svcLabel) : undefined,
    managedBy: managedBy?.value,
  };
}

function readSelector(r: Reader, n: YNode | null | undefined, field: string): LabelSelector | undefined {
  const m = r.map(n, field);
  if (!m) return undefined;
  const exprs: SelectorRequirement[] = [];
  r.seq(get(m, 'matchExpressions'), `${field}.matchExpressions`).forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    const em = r.map(e, f);
    if (!em) return;
    const key = r.str(get(em, 'key'), `${f}.key`);
    const operator = r.str(get(em, 'operator'), `${f}.operator`);
    if (!key || !operator) return;
    exprs.push({ key, operator, values: r.strList(get(em, 'values'), `${f}.values`), loc: loc(em) });
  });
  return { matchLabels: r.stringMap(get(m, 'matchLabels'), `${field}.matchLabels`), matchExpressions: fit(exprs), loc: loc(m) };
}

function readTemplate(r: Reader, parent: YMap, field: string): PodTemplateInfo | undefined {
  const m = r.map(get(parent, 'template'), field);
  if (!m) return undefined;
  const meta = r.map(get(m, 'metadata'), `${field}.metadata`);
  const labelsN = meta ? get(meta, 'labels') : undefined;
  const spec = readPodSpec(r, get(m, 'spec'), `${field}.spec`, m);
  spec.key = keyLoc(m, 'spec');
  return {
    labels: r.stringMap(labelsN, `${field}.metadata.labels`),
    labelsLoc: labelsN ? loc(labelsN) : undefined,
    loc: loc(m),
    key: keyLoc(parent, 'template'),
    spec,
  };
}

function readWorkload(r: Reader, kind: WorkloadKind, specN: YNode | null | undefined, root: YNode): WorkloadInfo {
  let s = r.map(specN, 'spec');
  let field = 'spec';
  let specKey = keyLoc(root, 'spec');
  if (kind === 'CronJob' && s) {
    // CronJob → spec.jobTemplate.spec (a Job spec)
    const jt = r.map(get(s, 'jobTemplate'), 'spec.jobTemplate');
    specKey = jt ? (keyLoc(jt, 'spec') ?? keyLoc(s, 'jobTemplate')) : keyLoc(s, 'jobTemplate') ?? specKey;
    s = jt ? r.map(get(jt, 'spec'), 'spec.jobTemplate.spec') : undefined;
    field = 'spec.jobTemplate.spec';
  }
  const info: WorkloadInfo = { replicas: 1, ordinalsStart: 0, indexed: false, specKey };
  if (!s) {
    void root;
    return info;
  }
  if (kind === 'ReplicationController') {
    const sel = getPair(s, 'selector');
    if (sel && sel.value) {
      const labels = r.stringMap(sel.value, `${field}.selector`);
      info.selector = { matchLabels: labels, matchExpressions: [], loc: loc(sel.value) };
    }
  } else {
    info.selector = readSelector(r, get(s, 'selector'), `${field}.selector`);
  }
  info.template = readTemplate(r, s, `${field}.template`);
  if (kind === 'Job' || kind === 'CronJob') {
    const par = r.int(get(s, 'parallelism'), `${field}.parallelism`);
    const comp = r.int(get(s, 'completions'), `${field}.completions`);
    const mode = r.str(get(s, 'completionMode'), `${field}.completionMode`);
    info.indexed = mode?.value === 'Indexed';
    info.completions = comp?.value;
    info.parallelism = par;
    info.completionsVal = comp;
    info.completionMode = mode;
    // pods running at once: parallelism (default 1), never more than the completions left
    let n = par ? par.value : 1;
    if (comp && comp.value < n) n = comp.value;
    info.replicas = Math.max(0, n);
    info.replicasLoc = par ? loc(par) : undefined;
  } else if (kind === 'DaemonSet') {
    info.replicas = 1; // one per node: the model decides how many nodes there are
  } else {
    const rep = r.int(get(s, 'replicas'), `${field}.replicas`);
    info.replicas = rep ? Math.max(0, rep.value) : 1;
    info.replicasLoc = rep ? loc(rep) : undefined;
    info.replicasVal = rep;
  }
  if (kind === 'StatefulSet') {
    info.serviceName = r.str(get(s, 'serviceName'), `${field}.serviceName`);
    const ord = r.map(get(s, 'ordinals'), `${field}.ordinals`);
    const start = ord ? r.int(get(ord, 'start'), `${field}.ordinals.start`) : undefined;
    info.ordinalsStart = start ? Math.max(0, start.value) : 0;
  }
  return info;
}
