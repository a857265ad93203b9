// What the DNS layer, the checks and the editor features may ask of the cluster model.
import type { ModelSettings } from './settings';
import type { EndpointState, NamespaceState, PodState, ServiceState } from './state';
import type { IpRange } from './ipam';
import type { K8sObject } from '../manifest/objects';

export interface EndpointHit {
  service: ServiceState;
  endpoint: EndpointState;
}

export interface ClusterView {
  readonly settings: Readonly<ModelSettings>;
  /** Address of the cluster DNS Service (kube-dns), e.g. 10.96.0.10. */
  readonly dnsServiceIP: string;
  /** Address ranges in use: [primary, secondary?]. */
  readonly podRanges: readonly IpRange[];
  readonly serviceRanges: readonly IpRange[];
  /** Increases on every change of the derived state. */
  readonly version: number;

  /** A namespace exists: built in, declared, or holding any object. */
  namespaceExists(ns: string): boolean;
  namespaces(): string[];
  namespace(ns: string): NamespaceState | undefined;

  service(ns: string, name: string): ServiceState | undefined;
  /** Every Service, or those of one namespace. */
  services(ns?: string): ServiceState[];
  pod(ns: string, name: string): PodState | undefined;
  pods(ns?: string): PodState[];

  /** Services whose cluster IPs include `ip` (canonical form). */
  servicesByClusterIP(ip: string): ServiceState[];
  /** Endpoints (of any Service) with address `ip`. */
  endpointsByIP(ip: string): EndpointHit[];
  /** Pods with address `ip`. */
  podsByIP(ip: string): PodState[];
  /** Objects of a kind and name in a namespace that the API server would refuse (they take no part). */
  refused(ns: string, kind: string, name: string): K8sObject[];
}
