// Settings of the simulated cluster. The language server reads them from `k8sDnsLens.*`, the CLI from
// flags; both hand the core this one shape.

export type PodRecordsMode = 'insecure' | 'verified' | 'disabled';

export interface ModelSettings {
  /** Cluster domain (kubelet `clusterDomain`, CoreDNS zone). */
  clusterDomain: string;
  /** Namespace of objects that do not say one. */
  defaultNamespace: string;
  /** CoreDNS `pods` option. */
  podRecords: PodRecordsMode;
  /** CoreDNS `endpoint_pod_names` option. */
  endpointPodNames: boolean;
  /** Pod CIDRs, kube-controller-manager style: `10.244.0.0/16` or `10.244.0.0/16,fd00:10:244::/56`. */
  podCIDR: string;
  /** Service CIDRs, kube-apiserver style: `10.96.0.0/12` or `10.96.0.0/12,fd00:10:96::/112`. */
  serviceCIDR: string;
  /** TTL of the records CoreDNS serves (kubeadm's Corefile: `ttl 30`). */
  ttl: number;
  /** Nodes of the simulated cluster: a DaemonSet runs one pod on each. */
  nodes: number;
}

export const defaultSettings: ModelSettings = {
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  podRecords: 'insecure',
  endpointPodNames: false,
  podCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  ttl: 30,
  nodes: 1,
};

/** IPv6 ranges the simulated cluster uses when manifests ask for IPv6 and the settings name none (kind's defaults). */
export const defaultPodCIDRv6 = 'fd00:10:244::/56';
export const defaultServiceCIDRv6 = 'fd00:10:96::/112';

/** Namespaces every cluster has. */
export const builtinNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function normalizeDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
}
