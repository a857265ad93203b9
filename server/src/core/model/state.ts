// The derived cluster state: what the API server, the controllers and the kubelet would make of the
// manifests. Everything here points back at YAML through spans.
import type { Span } from '../types';
import type {
  EndpointsObject,
  EndpointSliceObject,
  EndpointSubsetInfo,
  PodObject,
  PodSpecInfo,
  ServiceObject,
  ServicePort,
  WorkloadObject,
} from '../manifest/objects';
import type { Family } from './ipam';

export interface IpInfo {
  ip: string;
  family: Family;
  /** True when the address was simulated (not written in the manifest). */
  simulated: boolean;
}

export interface PodState {
  namespace: string;
  name: string;
  /** The Pod as written, for declared pods. */
  declared?: PodObject;
  /** The workload a simulated pod was expanded from. */
  workload?: WorkloadObject;
  /** StatefulSet ordinal or indexed-Job completion index. */
  ordinal?: number;
  labels: ReadonlyMap<string, string>;
  spec: PodSpecInfo;
  /** Effective `spec.hostname` / `spec.subdomain` (StatefulSet pods: pod name / serviceName). */
  hostname?: string;
  subdomain?: string;
  /** Pod IPs, primary first. Empty when the pod has none (pending, or the pod range is exhausted). */
  ips: IpInfo[];
  phase: string;
  ready: boolean;
  /** Readiness was assumed, not written in `status.conditions`. */
  readySimulated: boolean;
  terminating: boolean;
  hostNetwork: boolean;
  /** The Pod object, or the workload's pod template. */
  span: Span;
  /** Span of the name: the Pod's `metadata.name`, or the workload's. */
  nameSpan: Span;
}

export interface EndpointPortState {
  name?: string;
  port: number;
  protocol: string;
}

export type EndpointSource =
  | { kind: 'controller' }
  | { kind: 'Endpoints'; object: EndpointsObject; span: Span }
  | { kind: 'EndpointSlice'; object: EndpointSliceObject; span: Span };

export interface EndpointState {
  ip: string;
  family: Family;
  /** `hostname` of the endpoint (pod hostname when its subdomain names the Service). */
  hostname?: string;
  /** What CoreDNS answers with: ready endpoints only. */
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind the endpoint (from the controller, or a targetRef that names a known pod). */
  pod?: PodState;
  /** targetRef kind/name as written (hand-written endpoints). */
  targetRefKind?: string;
  targetRefName?: string;
  nodeName?: string;
  /** The ports of the endpoint's slice / subset. Empty: the slice has no ports. */
  ports: EndpointPortState[];
  source: EndpointSource;
  /** The IP (and everything about it) was simulated. */
  simulated: boolean;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** A target port as the controller resolved it for one pod. */
export interface ResolvedTargetPort {
  servicePort: ServicePort;
  pod: PodState;
  /** The container port number, or undefined when the named port is on no container of the pod. */
  port?: number;
  containerName?: string;
  /** Span of the container port declaration that matched. */
  span?: Span;
}

export interface ServiceState {
  namespace: string;
  name: string;
  /** undefined for built-in Services every cluster has (`kubernetes`, `kube-dns`). */
  object?: ServiceObject;
  builtin: boolean;
  type: ServiceType;
  headless: boolean;
  clusterIPs: IpInfo[];
  ports: EndpointPortState[];
  externalName?: string;
  /** Selector labels; undefined when the Service has no selector (or an empty one). */
  selector?: ReadonlyMap<string, string>;
  publishNotReadyAddresses: boolean;
  /** Pods the selector matches (any state). */
  selectedPods: PodState[];
  /** All endpoints DNS sees, ready or not. */
  endpoints: EndpointState[];
  /** Endpoints / EndpointSlices of the same name that the controllers ignore, and why. */
  ignoredSources: { object: EndpointsObject | EndpointSliceObject; reason: string }[];
  /** Hand-written Endpoints / EndpointSlices that feed this Service. */
  sources: (EndpointsObject | EndpointSliceObject)[];
  /** Subsets of hand-written Endpoints with addresses the mirroring controller leaves out (endpoints.ts). */
  unmirrored: { object: EndpointsObject; subset: EndpointSubsetInfo; total: number; skipped: number }[];
  /** targetPort resolution per selected pod and port. */
  targetPorts: ResolvedTargetPort[];
  span: Span;
  nameSpan: Span;
}

export interface NamespaceState {
  name: string;
  /** Declared by a Namespace object (else implied by objects in it, or built in). */
  declared: boolean;
  pods: Map<string, PodState>;
  services: Map<string, ServiceState>;
  workloads: WorkloadObject[];
  endpoints: EndpointsObject[];
  slices: EndpointSliceObject[];
}

/**
 * Every span a namespace's state holds as its own copy (made from the offsets of the objects it was
 * built from; the objects' own parts are referenced, not copied). An edit that only moves objects in
 * their file moves these too (ClusterModel.setFile): a span field added to the state belongs here.
 */
export function stateSpans(st: NamespaceState, visit: (s: Span) => void): void {
  for (const p of st.pods.values()) {
    visit(p.span);
    visit(p.nameSpan);
  }
  for (const s of st.services.values()) {
    visit(s.span);
    visit(s.nameSpan);
    for (const e of s.endpoints) if (e.source.kind !== 'controller') visit(e.source.span);
    for (const t of s.targetPorts) if (t.span) visit(t.span);
  }
}
