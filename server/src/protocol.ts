// Custom requests and notifications between the extension client and the language server.
// The one file both sides import; plain types only (no runtime dependency on either side's library).

/** A position in a document, LSP style (zero-based line, UTF-16 character). */
export interface ProtoPosition {
  line: number;
  character: number;
}

export interface ProtoRange {
  start: ProtoPosition;
  end: ProtoPosition;
}

export interface ProtoLocation {
  uri: string;
  range: ProtoRange;
}

// ---------------------------------------------------------------- k8sDnsLens/nslookup

export const NslookupRequestMethod = 'k8sDnsLens/nslookup';

export interface NslookupParams {
  name: string;
  /** A | AAAA | SRV | CNAME | PTR | TXT | ANY (default A). */
  type?: string;
  /** Ask as a pod of this namespace would (ClusterFirst search list). */
  fromNamespace?: string;
  /** Ask as this pod would (`namespace/name`): its dnsPolicy and dnsConfig apply. */
  fromPod?: string;
}

export interface NslookupAnswerRecord {
  name: string;
  type: string;
  ttl: number;
  data: string;
}

export interface NslookupResult {
  /** The CLI's `--json` object (query, rcode, answers, tried, explanation, …). */
  json: {
    query: { name: string; type: string };
    rcode: string;
    answers: NslookupAnswerRecord[];
    tried: string[];
    explanation: string[];
    [extra: string]: unknown;
  };
  /** What `nslookup` would print, then the explanation block (lines starting with `; `). */
  text: string;
  /** The objects involved, for links back to the manifests. */
  locations: (ProtoLocation & { label: string })[];
}

// ---------------------------------------------------------------- k8sDnsLens/clusterTree

export const ClusterTreeRequestMethod = 'k8sDnsLens/clusterTree';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ClusterTreeParams {}

export type ServiceKind = 'ClusterIP' | 'Headless' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface TreePod {
  name: string;
  namespace: string;
  /** FQDNs of the pod: per-Service hostname names and the pod A record name. */
  dnsNames: string[];
  ips: string[];
  ready: boolean;
  simulated: boolean;
  location?: ProtoLocation;
}

export interface TreeEndpoint {
  ip: string;
  /** `pod-a.headless1.default.svc.cluster.local` when the endpoint has a hostname, else the dashed-IP name. */
  dnsName: string;
  hostname?: string;
  ready: boolean;
  simulated: boolean;
  /** `controller` (from the selector), `Endpoints` or `EndpointSlice` (hand-written). */
  source: string;
  ports: { name?: string; port: number; protocol: string }[];
  pod?: TreePod;
  location?: ProtoLocation;
}

export interface TreeService {
  name: string;
  namespace: string;
  kind: ServiceKind;
  fqdn: string;
  clusterIPs: string[];
  externalName?: string;
  builtin: boolean;
  simulated: boolean;
  endpoints: TreeEndpoint[];
  problems: { code: string; severity: string; message: string }[];
  location?: ProtoLocation;
}

export interface TreeNamespace {
  name: string;
  declared: boolean;
  services: TreeService[];
  /** Pods selected by no Service, for completeness. */
  otherPods: TreePod[];
}

export interface ClusterTreeResult {
  clusterDomain: string;
  dnsServiceIP: string;
  namespaces: TreeNamespace[];
  /** Counters for the status bar. */
  stats: { services: number; pods: number; problems: number; files: number; indexing: boolean };
}

// ---------------------------------------------------------------- notifications

/** Sent by the server after the model changed (debounced); the client refreshes its views. */
export const ModelChangedNotificationMethod = 'k8sDnsLens/modelChanged';

export interface ModelChangedParams {
  version: number;
  stats: ClusterTreeResult['stats'];
  /**
   * The indexing run this state comes from: 1 for the first index, one more for every full reindex
   * (settings or workspace folders changed). With `stats.indexing` false it tells a client (or a test)
   * that the index it asked for with a change is done, not an earlier one.
   */
  indexRun: number;
}

// ---------------------------------------------------------------- k8sDnsLens/fqdnAt

/** The cluster DNS name for what is under the cursor (Service/Pod name, hostname, a DNS name in a string). */
export const FqdnAtRequestMethod = 'k8sDnsLens/fqdnAt';

export interface FqdnAtParams {
  uri: string;
  position: ProtoPosition;
}

export interface FqdnAtResult {
  fqdn?: string;
  /** Namespace of the manifest at the position (used as the default "ask from" namespace). */
  namespace?: string;
}

// ---------------------------------------------------------------- k8sDnsLens/zoneNames

/** Names of the simulated zone, for the nslookup name picker. */
export const ZoneNamesRequestMethod = 'k8sDnsLens/zoneNames';

export interface ZoneNamesResult {
  names: { name: string; type: string; detail: string }[];
  namespaces: string[];
  pods: string[];
}

// ---------------------------------------------------------------- client commands

/**
 * Client commands the server may put into code lenses (and other `Command`s it sends). The client
 * registers them; the server only names them.
 */
export const NslookupCommandId = 'k8sDnsLens.nslookup';

/**
 * The one argument of {@link NslookupCommandId}. With a `name` the lookup runs at once (type A and the
 * manifest's namespace unless given); without arguments the command asks for name, type and origin.
 */
export interface NslookupCommandArgs {
  name: string;
  type?: string;
  fromNamespace?: string;
  fromPod?: string;
}

/** Opens a manifest at a range; its one argument is a {@link ProtoLocation}. */
export const RevealLocationCommandId = 'k8sDnsLens.revealLocation';
