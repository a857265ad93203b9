// The cluster model: every file's objects → namespaces → pods, Services, endpoints — kept current
// incrementally. A changed file marks the namespaces its objects were and are in; `refresh()` rebuilds
// those namespaces only, plus the few whose simulated addresses moved (see ipam.ts).
import type { EndpointsObject, EndpointSliceObject, FileResult, K8sObject, PodObject, ServiceObject, WorkloadObject } from '../manifest/objects';
import { span } from '../types';
import { computeServiceState, isHeadless, serviceType } from './endpoints';
import { Allocator, addressAt, canonicalIp, familyOf, parseCidr, type Family, type IpRange } from './ipam';
import { declaredPodState, simulatedPods } from './pods';
import { builtinNamespaces, defaultPodCIDRv6, defaultServiceCIDRv6, defaultSettings, normalizeDomain, type ModelSettings } from './settings';
import type { EndpointState, IpInfo, NamespaceState, PodState, ServiceState } from './state';
import type { ClusterView, EndpointHit } from './view';

/** Slots of a pod range never handed out: network address and gateway. */
const POD_RESERVED = [0, 1];
/** Slots of a service range: network address, `kubernetes` (first), `kube-dns` (tenth, kubeadm's choice). */
const SVC_RESERVED = [0, 1, 10];

interface NsBuild {
  state: NamespaceState;
  /** Allocation keys and declared addresses this namespace contributes. */
  podKeys: string[];
  svcKeys: string[];
  declaredPodIPs: string[];
  declaredSvcIPs: string[];
  /** Index contributions, to remove on the next rebuild. */
  indexed: { clusterIPs: [string, ServiceState][]; endpointIPs: [string, EndpointHit][]; podIPs: [string, PodState][] };
}

export interface RefreshResult {
  /** Namespaces whose derived state was recomputed. */
  namespaces: Set<string>;
}

export class ClusterModel implements ClusterView {
  settings: ModelSettings;
  dnsServiceIP = '';
  podRanges: IpRange[] = [];
  serviceRanges: IpRange[] = [];
  version = 0;

  private files = new Map<string, FileResult>();
  private nsObjects = new Map<string, Set<K8sObject>>();
  private nsDecl = new Map<string, number>();
  private builds = new Map<string, NsBuild>();
  private dirty = new Set<string>();
  private podAlloc = new Map<Family, Allocator>();
  private svcAlloc = new Map<Family, Allocator>();
  /** Number of Services that ask for IPv6 (or dual stack): any makes the simulated cluster dual-stack. */
  private v6Demand = 0;
  private dualStack = false;
  private primary: Family = 4;

  private byClusterIP = new Map<string, ServiceState[]>();
  private byEndpointIP = new Map<string, EndpointHit[]>();
  private byPodIP = new Map<string, PodState[]>();

  constructor(settings: Partial<ModelSettings> = {}) {
    this.settings = { ...defaultSettings, ...settings, clusterDomain: normalizeDomain(settings.clusterDomain ?? defaultSettings.clusterDomain) };
    this.setupRanges();
  }

  // ---------------------------------------------------------------- inputs

  /** Replace everything known about one file (create or change). */
  setFile(res: FileResult): void {
    this.dropFile(res.file);
    this.files.set(res.file, res);
    for (const o of res.objects) this.addObject(o);
  }

  removeFile(file: string): void {
    this.dropFile(file);
  }

  file(file: string): FileResult | undefined {
    return this.files.get(file);
  }

  allFiles(): IterableIterator<FileResult> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** New settings: everything is recomputed on the next refresh. */
  updateSettings(settings: Partial<ModelSettings>): void {
    this.settings = { ...this.settings, ...settings, clusterDomain: normalizeDomain(settings.clusterDomain ?? this.settings.clusterDomain) };
    // objects keep their namespace by default-namespace setting: re-home all of them
    const all = [...this.files.values()];
    this.files.clear();
    this.nsObjects.clear();
    this.nsDecl.clear();
    this.v6Demand = 0;
    for (const ns of this.builds.keys()) this.dirty.add(ns);
    for (const f of all) this.setFile(f);
    this.setupRanges();
  }

  private dropFile(file: string): void {
    const old = this.files.get(file);
    if (!old) return;
    this.files.delete(file);
    for (const o of old.objects) this.removeObject(o);
  }

  /** The namespace an object lives in (for a Namespace object: the one it declares). */
  namespaceOf(o: K8sObject): string {
    if (o.type === 'Namespace') return o.meta.name?.value ?? this.settings.defaultNamespace;
    return o.meta.namespace?.value || this.settings.defaultNamespace;
  }

  private addObject(o: K8sObject): void {
    const ns = this.namespaceOf(o);
    let set = this.nsObjects.get(ns);
    if (!set) this.nsObjects.set(ns, (set = new Set()));
    set.add(o);
    if (o.type === 'Namespace' && !o.rejected) this.nsDecl.set(ns, (this.nsDecl.get(ns) ?? 0) + 1);
    if (o.type === 'Service' && !o.rejected && asksForIPv6(o)) this.v6Demand++;
    this.dirty.add(ns);
  }

  private removeObject(o: K8sObject): void {
    const ns = this.namespaceOf(o);
    const set = this.nsObjects.get(ns);
    if (set) {
      set.delete(o);
      if (set.size === 0) this.nsObjects.delete(ns);
    }
    if (o.type === 'Namespace' && !o.rejected) {
      const n = (this.nsDecl.get(ns) ?? 0) - 1;
      if (n <= 0) this.nsDecl.delete(ns);
      else this.nsDecl.set(ns, n);
    }
    if (o.type === 'Service' && !o.rejected && asksForIPv6(o)) this.v6Demand--;
    this.dirty.add(ns);
  }

  // ---------------------------------------------------------------- ranges

  private setupRanges(): void {
    const pods = splitCidrs(this.settings.podCIDR);
    const svcs = splitCidrs(this.settings.serviceCIDR);
    const p4 = pods.find((r) => r.family === 4);
    const s4 = svcs.find((r) => r.family === 4);
    const p6 = pods.find((r) => r.family === 6) ?? parseCidr(defaultPodCIDRv6)!;
    const s6 = svcs.find((r) => r.family === 6) ?? parseCidr(defaultServiceCIDRv6)!;
    this.primary = svcs[0]?.family ?? 4;
    const v4pod = p4 ?? parseCidr(defaultSettings.podCIDR)!;
    const v4svc = s4 ?? parseCidr(defaultSettings.serviceCIDR)!;
    const configuredDual = pods.some((r) => r.family !== this.primary) || svcs.some((r) => r.family !== this.primary);
    this.dualStack = configuredDual || this.v6Demand > 0 || this.primary === 6;
    const podByFamily = new Map<Family, IpRange>([
      [4, v4pod],
      [6, p6],
    ]);
    const svcByFamily = new Map<Family, IpRange>([
      [4, v4svc],
      [6, s6],
    ]);
    const fams = this.families();
    this.podRanges = fams.map((f) => podByFamily.get(f)!);
    this.serviceRanges = fams.map((f) => svcByFamily.get(f)!);
    this.podAlloc.clear();
    this.svcAlloc.clear();
    for (const f of [4, 6] as Family[]) {
      const pr = podByFamily.get(f)!;
      const sr = svcByFamily.get(f)!;
      this.podAlloc.set(f, new Allocator(pr, new Set([...POD_RESERVED, pr.size - 1])));
      this.svcAlloc.set(f, new Allocator(sr, new Set([...SVC_RESERVED, sr.size - 1])));
    }
    this.dnsServiceIP = addressAt(this.serviceRanges[0], 10);
    // every namespace must be rebuilt against the new allocators
    for (const ns of this.builds.keys()) this.dirty.add(ns);
    for (const ns of this.nsObjects.keys()) this.dirty.add(ns);
    for (const ns of builtinNamespaces) this.dirty.add(ns);
    this.builds.clear();
    this.byClusterIP.clear();
    this.byEndpointIP.clear();
    this.byPodIP.clear();
  }

  /** Families of the simulated cluster, primary first. */
  private families(): Family[] {
    if (!this.dualStack) return [this.primary];
    return this.primary === 4 ? [4, 6] : [6, 4];
  }

  // ---------------------------------------------------------------- refresh

  /** Recompute what changed since the last refresh. */
  refresh(): RefreshResult {
    const wantDual = this.v6Demand > 0 || splitCidrs(this.settings.podCIDR).length > 1 || splitCidrs(this.settings.serviceCIDR).length > 1 || this.primary === 6;
    if (wantDual !== this.dualStack) this.setupRanges();
    if (this.dirty.size === 0) return { namespaces: new Set() };
    const rebuilt = new Map<string, NsBuild>();
    for (const ns of this.dirty) {
      const old = this.builds.get(ns);
      const b = this.buildNamespace(ns);
      // move only what differs in the allocators: an edit usually keeps every key
      this.applyAllocationDiff(old, b);
      if (old) this.retractIndexes(old);
      if (b) rebuilt.set(ns, b);
      else this.builds.delete(ns);
    }
    for (const [ns, b] of rebuilt) this.builds.set(ns, b);
    const touched = new Set<string>(this.dirty);
    for (const alloc of [...this.podAlloc.values(), ...this.svcAlloc.values()]) {
      for (const key of alloc.allocate()) touched.add(key.slice(0, key.indexOf('/')));
    }
    this.dirty.clear();
    for (const ns of touched) {
      const b = this.builds.get(ns);
      if (!b) continue;
      if (!rebuilt.has(ns)) this.retractIndexes(b);
      this.finishNamespace(b);
    }
    this.version++;
    return { namespaces: touched };
  }

  /** Update allocator membership and declared addresses from a namespace's old build to its new one. */
  private applyAllocationDiff(old: NsBuild | undefined, b: NsBuild | undefined): void {
    const diffKeys = (before: string[], after: string[], allocs: Map<Family, Allocator>) => {
      const a = new Set(after);
      const bset = new Set(before);
      for (const k of before) if (!a.has(k)) allocs.get(keyFamily(k))!.remove(stripFamily(k));
      for (const k of after) if (!bset.has(k)) allocs.get(keyFamily(k))!.add(stripFamily(k));
    };
    diffKeys(old?.podKeys ?? [], b?.podKeys ?? [], this.podAlloc);
    diffKeys(old?.svcKeys ?? [], b?.svcKeys ?? [], this.svcAlloc);
    const diffDeclared = (before: string[], after: string[], allocs: Map<Family, Allocator>) => {
      if (before.length === after.length && before.every((x, i) => x === after[i])) return;
      for (const ip of before) allocs.get(familyOf(ip)!)?.undeclare(ip);
      for (const ip of after) allocs.get(familyOf(ip)!)?.declare(ip);
    };
    diffDeclared(old?.declaredPodIPs ?? [], b?.declaredPodIPs ?? [], this.podAlloc);
    diffDeclared(old?.declaredSvcIPs ?? [], b?.declaredSvcIPs ?? [], this.svcAlloc);
  }

  private retractIndexes(b: NsBuild): void {
    for (const [ip, s] of b.indexed.clusterIPs) removeFrom(this.byClusterIP, ip, s);
    for (const [ip, h] of b.indexed.endpointIPs) removeFrom(this.byEndpointIP, ip, h);
    for (const [ip, p] of b.indexed.podIPs) removeFrom(this.byPodIP, ip, p);
    b.indexed = { clusterIPs: [], endpointIPs: [], podIPs: [] };
  }

  /** Phase 1: pods and Services of a namespace, without addresses. */
  private buildNamespace(ns: string): NsBuild | undefined {
    const objs = this.nsObjects.get(ns);
    const builtin = builtinNamespaces.includes(ns);
    if (!objs && !builtin) return undefined;
    const sorted = objs ? [...objs].sort(objectOrder) : [];
    const pods = new Map<string, PodState>();
    const workloads: WorkloadObject[] = [];
    const services = new Map<string, ServiceObject>();
    const endpoints: EndpointsObject[] = [];
    const slices: EndpointSliceObject[] = [];
    for (const o of sorted) {
      if (o.rejected) continue;
      switch (o.type) {
        case 'Pod': {
          const p = declaredPodState(o as PodObject, ns);
          if (p && !pods.has(p.name)) pods.set(p.name, p);
          break;
        }
        case 'Workload':
          workloads.push(o);
          break;
        case 'Service': {
          const name = o.meta.name?.value;
          if (name && !services.has(name)) services.set(name, o);
          break;
        }
        case 'Endpoints':
          endpoints.push(o);
          break;
        case 'EndpointSlice':
          slices.push(o);
          break;
        default:
          break;
      }
    }
    const declared = [...pods.values()];
    for (const w of workloads) {
      for (const p of simulatedPods(w, ns, declared, workloads, this.settings.nodes)) if (!pods.has(p.name)) pods.set(p.name, p);
    }
    const fams = this.families();
    const b: NsBuild = {
      state: {
        name: ns,
        declared: (this.nsDecl.get(ns) ?? 0) > 0,
        pods,
        services: new Map(),
        workloads,
        endpoints,
        slices,
      },
      podKeys: [],
      svcKeys: [],
      declaredPodIPs: [],
      declaredSvcIPs: [],
      indexed: { clusterIPs: [], endpointIPs: [], podIPs: [] },
    };
    for (const p of pods.values()) {
      const written = p.declared ? p.declared.status.podIPs.map((v) => canonicalIp(v.value)).filter((x): x is string => !!x) : [];
      if (written.length) {
        b.declaredPodIPs.push(...written);
      } else if (needsAddress(p)) {
        for (const f of fams) b.podKeys.push(`${f}|${ns}/${p.name}`);
      }
    }
    for (const [name, s] of services) {
      if (serviceType(s) === 'ExternalName' || isHeadless(s)) continue;
      const written = declaredClusterIPs(s);
      if (written.length) b.declaredSvcIPs.push(...written);
      else for (const f of this.serviceFamilies(s)) b.svcKeys.push(`${f}|${ns}/${name}`);
    }
    (b as NsBuildWithServices).serviceObjects = services;
    return b;
  }

  /** Phase 3: addresses, Services and their endpoints, indexes. */
  private finishNamespace(b: NsBuild): void {
    const ns = b.state.name;
    const fams = this.families();
    for (const p of b.state.pods.values()) {
      const written = p.declared ? p.declared.status.podIPs.map((v) => canonicalIp(v.value)).filter((x): x is string => !!x) : [];
      if (written.length) {
        p.ips = written.map((ip) => ({ ip, family: familyOf(ip)!, simulated: false }));
      } else if (needsAddress(p)) {
        p.ips = [];
        for (const f of fams) {
          const ip = this.podAlloc.get(f)!.addressOf(`${ns}/${p.name}`);
          if (ip) p.ips.push({ ip, family: f, simulated: true });
        }
      } else {
        p.ips = [];
      }
    }
    const services = (b as NsBuildWithServices).serviceObjects;
    const byName = b.state.pods;
    const podList = [...byName.values()];
    // label index: a selector's candidates are the pods carrying its rarest pair
    const byLabel = new Map<string, PodState[]>();
    for (const p of podList) {
      for (const [k, v] of p.labels) {
        const key = `${k}\u0000${v}`;
        const l = byLabel.get(key);
        if (l) l.push(p);
        else byLabel.set(key, [p]);
      }
    }
    const candidates = (sel: ReadonlyMap<string, string>): readonly PodState[] => {
      let best: readonly PodState[] | undefined;
      for (const [k, v] of sel) {
        const l = byLabel.get(`${k}\u0000${v}`) ?? [];
        if (!best || l.length < best.length) best = l;
      }
      return best ?? [];
    };
    const states = new Map<string, ServiceState>();
    for (const [name, o] of services) {
      const headless = isHeadless(o);
      const type = serviceType(o);
      let clusterIPs: IpInfo[] = [];
      if (type !== 'ExternalName' && !headless) {
        const written = declaredClusterIPs(o);
        if (written.length) clusterIPs = written.map((ip) => ({ ip, family: familyOf(ip)!, simulated: false }));
        else {
          for (const f of this.serviceFamilies(o)) {
            const ip = this.svcAlloc.get(f)!.addressOf(`${ns}/${name}`);
            if (ip) clusterIPs.push({ ip, family: f, simulated: true });
          }
        }
      }
      const families: Family[] = clusterIPs.length ? clusterIPs.map((c) => c.family) : this.serviceFamilies(o);
      states.set(
        name,
        computeServiceState({
          namespace: ns,
          object: o,
          candidates,
          podsByName: byName,
          endpoints: b.state.endpoints.filter((e) => e.meta.name?.value === name),
          slices: b.state.slices.filter((s) => s.slice.serviceName?.value === name),
          clusterIPs,
          families,
        }),
      );
    }
    this.addBuiltins(ns, states);
    b.state.services = states;
    // indexes
    for (const s of states.values()) {
      for (const c of s.clusterIPs) b.indexed.clusterIPs.push([c.ip, s]);
      for (const e of s.endpoints) b.indexed.endpointIPs.push([e.ip, { service: s, endpoint: e }]);
    }
    for (const p of podList) for (const ip of p.ips) b.indexed.podIPs.push([ip.ip, p]);
    for (const [ip, s] of b.indexed.clusterIPs) addTo(this.byClusterIP, ip, s);
    for (const [ip, h] of b.indexed.endpointIPs) addTo(this.byEndpointIP, ip, h);
    for (const [ip, p] of b.indexed.podIPs) addTo(this.byPodIP, ip, p);
  }

  /** `kubernetes` in default and `kube-dns` in kube-system, unless the workspace declares them. */
  private addBuiltins(ns: string, states: Map<string, ServiceState>): void {
    const make = (name: string, slot: number, ports: { name: string; port: number; protocol: string }[], selector?: Map<string, string>): ServiceState => {
      const none = { file: '', start: 0, end: 0 };
      return {
        namespace: ns,
        name,
        builtin: true,
        type: 'ClusterIP',
        headless: false,
        clusterIPs: this.serviceRanges.map((r) => ({ ip: addressAt(r, slot), family: r.family, simulated: true })),
        ports,
        selector,
        publishNotReadyAddresses: false,
        selectedPods: [],
        endpoints: [] as EndpointState[],
        ignoredSources: [],
        sources: [],
        targetPorts: [],
        span: none,
        nameSpan: none,
      };
    };
    if (ns === 'default' && !states.has('kubernetes')) {
      states.set('kubernetes', make('kubernetes', 1, [{ name: 'https', port: 443, protocol: 'TCP' }]));
    }
    if (ns === 'kube-system' && !states.has('kube-dns')) {
      states.set(
        'kube-dns',
        make(
          'kube-dns',
          10,
          [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
            { name: 'metrics', port: 9153, protocol: 'TCP' },
          ],
          new Map([['k8s-app', 'kube-dns']]),
        ),
      );
    }
  }

  /** IP families a Service gets addresses (or endpoints) for, primary first. */
  serviceFamilies(o: ServiceObject): Family[] {
    const written = declaredClusterIPs(o);
    if (written.length) return written.map((ip) => familyOf(ip)!);
    const fams: Family[] = [];
    for (const f of o.spec.ipFamilies) {
      const fam: Family | undefined = f.value === 'IPv4' ? 4 : f.value === 'IPv6' ? 6 : undefined;
      if (fam && !fams.includes(fam)) fams.push(fam);
    }
    const policy = o.spec.ipFamilyPolicy?.value;
    const selectorless = !o.spec.selector || o.spec.selector.length === 0;
    // headless Services without a selector default to RequireDualStack
    const dualPolicy = policy === 'PreferDualStack' || policy === 'RequireDualStack' || (policy === undefined && isHeadless(o) && selectorless);
    const clusterFams = this.families();
    if (fams.length === 0) fams.push(clusterFams[0]);
    if (dualPolicy && fams.length === 1 && this.dualStack) fams.push(fams[0] === 4 ? 6 : 4);
    if (!dualPolicy && fams.length > 1) fams.length = 1;
    return fams.filter((f) => clusterFams.includes(f));
  }

  // ---------------------------------------------------------------- queries (ClusterView)

  namespaceExists(ns: string): boolean {
    return builtinNamespaces.includes(ns) || this.nsObjects.has(ns) || this.nsDecl.has(ns);
  }

  namespaces(): string[] {
    const all = new Set<string>(builtinNamespaces);
    for (const ns of this.nsObjects.keys()) all.add(ns);
    return [...all].sort();
  }

  namespace(ns: string): NamespaceState | undefined {
    return this.builds.get(ns)?.state;
  }

  service(ns: string, name: string): ServiceState | undefined {
    return this.builds.get(ns)?.state.services.get(name);
  }

  services(ns?: string): ServiceState[] {
    if (ns !== undefined) return [...(this.builds.get(ns)?.state.services.values() ?? [])];
    const out: ServiceState[] = [];
    for (const b of this.builds.values()) out.push(...b.state.services.values());
    return out;
  }

  pod(ns: string, name: string): PodState | undefined {
    return this.builds.get(ns)?.state.pods.get(name);
  }

  pods(ns?: string): PodState[] {
    if (ns !== undefined) return [...(this.builds.get(ns)?.state.pods.values() ?? [])];
    const out: PodState[] = [];
    for (const b of this.builds.values()) out.push(...b.state.pods.values());
    return out;
  }

  // The index lists fill in the order namespaces were rebuilt, which depends on the order of edits:
  // shared addresses are answered in namespace/name order, so answers never depend on that history.

  servicesByClusterIP(ip: string): ServiceState[] {
    return byNsName(this.byClusterIP.get(canonicalIp(ip) ?? ip) ?? [], (s) => s);
  }

  endpointsByIP(ip: string): EndpointHit[] {
    return byNsName(this.byEndpointIP.get(canonicalIp(ip) ?? ip) ?? [], (h) => h.service);
  }

  podsByIP(ip: string): PodState[] {
    return byNsName(this.byPodIP.get(canonicalIp(ip) ?? ip) ?? [], (p) => p);
  }

  refused(ns: string, kind: string, name: string): K8sObject[] {
    const out: K8sObject[] = [];
    for (const o of this.nsObjects.get(ns) ?? []) if (o.rejected && o.kind.value === kind && o.meta.name?.value === name) out.push(o);
    return out;
  }

  /** All objects of a namespace as read (including refused ones). */
  objectsIn(ns: string): K8sObject[] {
    return [...(this.nsObjects.get(ns) ?? [])];
  }
}

interface NsBuildWithServices extends NsBuild {
  serviceObjects: Map<string, ServiceObject>;
}

function splitCidrs(s: string): IpRange[] {
  return s
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => parseCidr(c))
    .filter((r): r is IpRange => !!r);
}

function asksForIPv6(o: ServiceObject): boolean {
  const p = o.spec.ipFamilyPolicy?.value;
  return p === 'PreferDualStack' || p === 'RequireDualStack' || o.spec.ipFamilies.some((f) => f.value === 'IPv6') || declaredClusterIPs(o).some((ip) => familyOf(ip) === 6);
}

function declaredClusterIPs(o: ServiceObject): string[] {
  const list = o.spec.clusterIPs.length ? o.spec.clusterIPs.map((v) => v.value) : o.spec.clusterIP ? [o.spec.clusterIP.value] : [];
  return list.map((ip) => (ip === 'None' || ip === '' ? undefined : canonicalIp(ip))).filter((x): x is string => !!x);
}

/** A pod gets an address unless it is pending or terminal without one. */
function needsAddress(p: PodState): boolean {
  if (!p.declared) return true;
  const st = p.declared.status;
  if (!st.present) return true;
  return st.phase === undefined || st.phase === 'Running';
}

function keyFamily(k: string): Family {
  return k.charCodeAt(0) === 54 /* '6' */ ? 6 : 4;
}

function stripFamily(k: string): string {
  return k.slice(2);
}

function objectOrder(a: K8sObject, b: K8sObject): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.doc !== b.doc) return a.doc - b.doc;
  return (a.item ?? -1) - (b.item ?? -1);
}

/** A list sorted by namespace, then name (stable: entries of one object keep their order). */
function byNsName<T>(list: T[], of: (x: T) => { namespace: string; name: string }): T[] {
  if (list.length < 2) return list;
  return [...list].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    return x.namespace < y.namespace ? -1 : x.namespace > y.namespace ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
  });
}

function addTo<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function removeFrom<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (!l) return;
  const i = l.indexOf(v);
  if (i >= 0) l.splice(i, 1);
  if (l.length === 0) m.delete(k);
}

export { span };
