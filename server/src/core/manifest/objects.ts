// The Kubernetes objects the model uses, as read from manifests: plain data (they are cached on disk
// and sent between threads), every field with the offsets it was written at.
import type { Loc, Problem, Val } from '../types';

/**
 * One `key: value` of a labels map or selector, with where each was written. Flat (no Val objects):
 * a workspace has hundreds of thousands of labels — at 10,000 files 238,000, which as a pair of two
 * Vals took 136 bytes each, flat 72.
 */
export interface Label {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** Where a label's key was written. */
export function labelKey(l: Label): Val<string> {
  return { value: l.key, start: l.keyStart, end: l.keyEnd };
}

/** Where a label's value was written (for `key:` with nothing after it: the end of the key). */
export function labelValue(l: Label): Val<string> {
  return { value: l.value, start: l.valueStart, end: l.valueEnd };
}

export interface SelectorRequirement {
  key: Val<string>;
  operator: Val<string>;
  values: Val<string>[];
  loc: Loc;
}

/** metav1.LabelSelector (or a plain map selector when `expressions` is empty and `plain` is set). */
export interface LabelSelector {
  matchLabels: Label[];
  matchExpressions: SelectorRequirement[];
  loc: Loc;
}

export interface OwnerRef {
  kind: string;
  name: string;
  controller: boolean;
}

export interface ObjectMeta {
  name?: Val<string>;
  generateName?: Val<string>;
  namespace?: Val<string>;
  labels: Label[];
  labelsLoc?: Loc;
  ownerReferences: OwnerRef[];
  deleting: boolean;
}

export interface ContainerPort {
  name?: Val<string>;
  containerPort?: Val<number>;
  /** As defaulted: `TCP` when absent or empty. */
  protocol: string;
  protocolLoc?: Loc;
  loc: Loc;
  /** The item's first key (and its value when a scalar): where to point when a required field is missing. */
  head?: Loc;
}

export interface Container {
  name?: Val<string>;
  ports: ContainerPort[];
  /** true for initContainers (restartable sidecars have `sidecar` too). */
  init: boolean;
  sidecar: boolean;
  loc: Loc;
  head?: Loc;
}

/**
 * Whether a container runs for the pod's whole life: a regular one, or an init container that is a
 * restartable sidecar. Only their ports take traffic (named targetPorts, declared ports).
 */
export function runsWithPod(c: Container): boolean {
  return !c.init || c.sidecar;
}

export interface DnsConfigOption {
  name: Val<string>;
  value?: Val<string>;
}

export interface DnsConfigInfo {
  nameservers: Val<string>[];
  searches: Val<string>[];
  options: DnsConfigOption[];
  /** `options` items written without a `name` (the API server refuses them). */
  unnamedOptions?: Loc[];
  loc: Loc;
}

/** A string in a manifest that may name something in cluster DNS (env value, arg, ConfigMap data…). */
export interface StringRef {
  /** The candidate name as written (no scheme, no port), e.g. `db.backend.svc.cluster.local`. */
  name: string;
  port?: number;
  /** Offsets of the name itself inside the file. */
  loc: Loc;
  /** Where it was found, for messages: `env FOO`, `args[2]`, `data.url`. */
  where: string;
  /** How sure we are that it is meant as a cluster DNS name (see dns/nameRefs.ts). */
  strength: 'fqdn' | 'qualified' | 'short';
  /** Name of the container the string belongs to, when in a pod spec. */
  container?: string;
}

export interface PodSpecInfo {
  loc: Loc;
  /** The `spec` key (of the pod or of the template), when written. */
  key?: Loc;
  hostname?: Val<string>;
  subdomain?: Val<string>;
  setHostnameAsFQDN: boolean;
  hostNetwork: boolean;
  dnsPolicy?: Val<string>;
  dnsConfig?: DnsConfigInfo;
  restartPolicy?: Val<string>;
  containers: Container[];
  refs: StringRef[];
}

export interface PodStatusInfo {
  /** Whether a `status` block was written at all (when not, runtime values are simulated). */
  present: boolean;
  phase?: string;
  podIPs: Val<string>[];
  /** The Ready condition, when written. */
  ready?: boolean;
  loc?: Loc;
}

export interface PodTemplateInfo {
  labels: Label[];
  labelsLoc?: Loc;
  loc: Loc;
  /** The `template` key. */
  key?: Loc;
  spec: PodSpecInfo;
}

export interface ServicePort {
  name?: Val<string>;
  port?: Val<number>;
  targetPort?: Val<number | string>;
  /** As defaulted: `TCP` when absent or empty. */
  protocol: string;
  protocolLoc?: Loc;
  nodePort?: Val<number>;
  appProtocol?: string;
  loc: Loc;
  head?: Loc;
}

export interface ServiceInfo {
  /** As written; `ClusterIP` when absent. */
  type: string;
  typeLoc?: Loc;
  /** The `spec` key, when written. */
  specKey?: Loc;
  /** undefined: no `selector` field; an empty list means `selector: {}` (also no selector to the controller). */
  selector?: Label[];
  selectorLoc?: Loc;
  clusterIP?: Val<string>;
  clusterIPs: Val<string>[];
  ipFamilies: Val<string>[];
  ipFamilyPolicy?: Val<string>;
  externalName?: Val<string>;
  externalIPs: Val<string>[];
  ports: ServicePort[];
  portsLoc?: Loc;
  publishNotReadyAddresses: boolean;
  /** Fields an ExternalName Service ignores that were written anyway. */
  extraForExternalName: { field: string; loc: Loc }[];
}

export interface EndpointPort {
  name?: Val<string>;
  port?: Val<number>;
  /** As defaulted: `TCP` when absent or empty. */
  protocol: string;
  protocolLoc?: Loc;
  appProtocol?: string;
  loc: Loc;
  head?: Loc;
}

export interface TargetRef {
  kind?: string;
  name?: Val<string>;
  namespace?: string;
  loc: Loc;
}

export interface EndpointAddressInfo {
  ip: Val<string>;
  hostname?: Val<string>;
  nodeName?: string;
  targetRef?: TargetRef;
  ready: boolean;
  loc: Loc;
}

export interface EndpointSubsetInfo {
  addresses: EndpointAddressInfo[];
  ports: EndpointPort[];
  loc: Loc;
  head?: Loc;
}

export interface EndpointsInfo {
  subsets: EndpointSubsetInfo[];
}

export interface SliceEndpointInfo {
  addresses: Val<string>[];
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  hostname?: Val<string>;
  nodeName?: string;
  zone?: string;
  targetRef?: TargetRef;
  loc: Loc;
  head?: Loc;
}

export interface EndpointSliceInfo {
  addressType?: Val<string>;
  endpoints: SliceEndpointInfo[];
  ports: EndpointPort[];
  /** The `kubernetes.io/service-name` label. */
  serviceName?: Val<string>;
  /** The `endpointslice.kubernetes.io/managed-by` label. */
  managedBy?: string;
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

export interface WorkloadInfo {
  /** Number of pods the controller would run (replicas / parallelism); DaemonSets: one per simulated node. */
  replicas: number;
  replicasLoc?: Loc;
  selector?: LabelSelector;
  template?: PodTemplateInfo;
  /** StatefulSet `serviceName`. */
  serviceName?: Val<string>;
  /** StatefulSet `spec.ordinals.start`. */
  ordinalsStart: number;
  /** Job (and a CronJob's job template) `completionMode: Indexed`. */
  indexed: boolean;
  /** Job completions, for indexed jobs. */
  completions?: number;
  /** The `spec` key (of a CronJob: the job template's), when written. */
  specKey?: Loc;
  /** `replicas` as written (Deployment, ReplicaSet, ReplicationController, StatefulSet). */
  replicasVal?: Val<number>;
  /** Job `parallelism`, `completions` and `completionMode` as written. */
  parallelism?: Val<number>;
  completionsVal?: Val<number>;
  completionMode?: Val<string>;
}

interface ObjectBase {
  /** Opaque file id (path or URI). */
  file: string;
  /** Index of the YAML document in the file. */
  doc: number;
  /** Index in the `items` of a `kind: List`, when the object came from one. */
  item?: number;
  /** The object's mapping. */
  loc: Loc;
  apiVersion: string;
  kind: string;
  /**
   * Where `kind` is written: where a problem of an object without a name points (kept only for those
   * once validation has run, validationOnly.ts). Read it with `kindAt`.
   */
  kindLoc?: Loc;
  meta: ObjectMeta;
  /** What is wrong with the object as written (API validation, wrong field types). */
  problems: Problem[];
  /** The API server would refuse this object: it takes no part in the model. */
  rejected: boolean;
}

export interface PodObject extends ObjectBase {
  type: 'Pod';
  spec: PodSpecInfo;
  status: PodStatusInfo;
}

export interface WorkloadObject extends ObjectBase {
  type: 'Workload';
  workload: WorkloadKind;
  spec: WorkloadInfo;
}

export interface ServiceObject extends ObjectBase {
  type: 'Service';
  spec: ServiceInfo;
}

export interface EndpointsObject extends ObjectBase {
  type: 'Endpoints';
  endpoints: EndpointsInfo;
}

export interface EndpointSliceObject extends ObjectBase {
  type: 'EndpointSlice';
  slice: EndpointSliceInfo;
}

export interface NamespaceObject extends ObjectBase {
  type: 'Namespace';
}

export interface ConfigMapObject extends ObjectBase {
  type: 'ConfigMap';
  refs: StringRef[];
}

/** Any other kind (custom resources, RBAC, Ingress…): carried along, not modelled. */
export interface OtherObject extends ObjectBase {
  type: 'Other';
}

export type K8sObject =
  | PodObject
  | WorkloadObject
  | ServiceObject
  | EndpointsObject
  | EndpointSliceObject
  | NamespaceObject
  | ConfigMapObject
  | OtherObject;

/** What reading one file produced. Plain data: cached, and sent between threads. */
export interface FileResult {
  file: string;
  /** Start offset of every line, for offset → line/column (a typed array: 4 bytes a line, off the heap). */
  lineStarts: Uint32Array;
  length: number;
  objects: K8sObject[];
  /** File-level problems: YAML syntax errors in documents that look like manifests, template notes. */
  problems: Problem[];
  /** Number of YAML documents. */
  documents: number;
  /** The file is a Helm/Go template (`{{ … }}`): skipped. */
  templated: boolean;
  /** The fast scanner declined the file and the reference reader read it. */
  slowPath: boolean;
  /** A kustomize patch (see core/workspace/kustomize.ts): its objects take no part in the model. */
  kustomizePatch?: 'listed' | 'partial';
}

/** Where an object's `kind` is written (its mapping when that is not known any more). */
export function kindAt(o: { kindLoc?: Loc; loc: Loc }): Loc {
  return o.kindLoc ?? o.loc;
}
