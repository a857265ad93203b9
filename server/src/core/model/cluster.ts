// The cluster model: every file's objects → namespaces → pods, Services, endpoints — kept current
// incrementally. A changed file marks the namespaces its objects were and are in; `refresh()` rebuilds
// those namespaces only, plus the few whose simulated addresses moved (see ipam.ts).
import type { EndpointsObject, EndpointSliceObject, FileResult, K8sObject, PodObject, ServiceObject, WorkloadObject } from '../manifest/objects';
import { span } from '../types';
import { computeServiceState, isHeadless, serviceType } from './endpoints';
import { Allocator, addressAt, canonicalIp, familyOf, parseCidr, type Family, type IpRange } from './ipam';
import { declaredPodState, simulatedPods } from './pods';
import { fit } from '../util/fit';
import { sameShifted, shiftTree, spanMover, type Shift } from '../util/shift';
import { builtinNamespaces, defaultPodCIDRv6, defaultServiceCIDRv6, defaultSettings, normalizeDomain, type ModelSettings } from './settings';
import { stateSpans, type EndpointState, type IpInfo, type NamespaceState, type PodState, type ServiceState } from './state';
import type { ClusterView, EndpointHit } from './view';

/** Slots of a pod range never handed out: network address and gateway. */
const POD_RESERVED = [0, 1];
/** Slots of a service range: network address, `kubernetes` (first), `kube-dns` (tenth, kubeadm's choice). */
const SVC_RESERVED = [0, 1, 10];

/** Allocation keys (`ns/name`) per family; the same string objects are used to add and to look up. */
type FamilyKeys = Record<Family, string[]>;

interface NsBuild {
  state: NamespaceState;
  /** Services of the namespace written in the workspace (built-in ones not counted). */
  userServices: number;
  /** The namespace's objects in file order (refused ones included), as of the build. */
  objects: readonly K8sObject[];
  /** Allocation keys and declared addresses this namespace contributes. */
  podKeys: FamilyKeys;
  svcKeys: FamilyKeys;
  /** The allocation key of each pod / Service name that has one. */
  podKeyOf: Map<string, string>;
  svcKeyOf: Map<string, string>;
  declaredPodIPs: string[];
  declaredSvcIPs: string[];
  /** Addresses of the namespace's state → what has them; built on the first query after a change. */
  ipIndex?: NsIpIndex;
}

/** What a namespace contributes to the cluster-wide address allocation, and its counts (see ModelSnapshot). */
interface NsKeys {
  podKeys: FamilyKeys;
  svcKeys: FamilyKeys;
  declaredPodIPs: string[];
  declaredSvcIPs: string[];
}

interface LazyNs extends NsKeys {
  userServices: number;
  pods: number;
}

/**
 * What the allocation of addresses needs from every namespace, as plain data (per namespace: pod keys
 * IPv4 and IPv6, Service keys IPv4 and IPv6, declared pod and Service addresses, Services written,
 * pods). A model of the same files and settings restored from it (restore()) has the addresses a full
 * build gives, and builds each namespace's pods and Services when something first asks for them.
 */
export interface ModelSnapshot {
  namespaces: [ns: string, podKeys4: string[], podKeys6: string[], svcKeys4: string[], svcKeys6: string[], declaredPodIPs: string[], declaredSvcIPs: string[], userServices: number, pods: number][];
}

interface NsIpIndex {
  clusterIPs: Map<string, ServiceState[]>;
  endpoints: Map<string, EndpointHit[]>;
  pods: Map<string, PodState[]>;
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
  /** Problems found while reading (file and object problems of every file), by code. */
  private readProblems = new Map<string, number>();
  /** Services (not built in) and pods per namespace build, for counts(). */
  private totals = { services: 0, pods: 0 };
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

  /** A sliced refresh under way (refreshInSlices), and the namespaces it is rebuilding. */
  private running: Generator<void, RefreshResult> | undefined;
  /** Offsets moved in place by setFile, not yet taken by the checks (takeShifts). */
  private shifts: Shift[] = [];
  /** setFile kept objects (offsets may have moved): the next refresh makes a new version even with nothing to rebuild. */
  private moved = false;
  private building = new Set<string>();
  /**
   * Address → the namespaces whose build's IP index has it (one name, or several in no order): a
   * question by address visits those, not every namespace (~200 map lookups per question at 10,000
   * files, 0.5–2 ms before V8 optimizes the loop: a hover on a pod asks it). `ownedIndex` holds the IP
   * index each namespace was entered from; when a namespace's index is built again (its build replaced
   * or its addresses moved), only the addresses that differ are moved. Brought up to date on the next
   * question once builds or addresses changed (`ownersValid` false).
   */
  private owners = new Map<string, string | string[]>();
  private ownedIndex = new Map<string, NsIpIndex>();
  private ownersValid = false;
  /**
   * Namespaces restored from a snapshot (restore()) and not built yet: their addresses are allocated,
   * their pods and Services are built when first asked for (or when idle: warmIndexes), and before any
   * change to their objects.
   */
  private lazy = new Map<string, LazyNs>();
  /** Addresses written in the restored namespaces not built yet → those namespaces (see byIP). */
  private lazyWritten: Map<string, string[]> | undefined;

  constructor(settings: Partial<ModelSettings> = {}) {
    this.settings = { ...defaultSettings, ...settings, clusterDomain: normalizeDomain(settings.clusterDomain ?? defaultSettings.clusterDomain) };
    this.setupRanges();
  }

  // ---------------------------------------------------------------- inputs

  /**
   * Replace everything known about one file (create or change). `incremental` (an edited open
   * document, whose objects nothing but the model holds): the objects of documents the edit did not
   * touch are kept — the old objects, with their offsets moved in place when the edit was before them
   * (see util/shift.ts) — and only the namespaces of the objects that changed are rebuilt on the next
   * refresh. The copies of moved offsets in the kept namespaces are moved too; the checks' copies are
   * moved by the DiagnosticsEngine from takeShifts().
   */
  setFile(res: FileResult, incremental = false): void {
    const old = this.files.get(res.file);
    if (incremental && old && old !== res && this.keepUnchanged(old, res)) return;
    this.dropFile(res.file);
    this.files.set(res.file, res);
    countProblems(this.readProblems, res, 1);
    for (const o of res.objects) this.addObject(o);
  }

  /**
   * setFile's incremental path: objects matched from the front of the file that read the same, and
   * from its end that read the same `delta` characters (and documents) later, are kept; those in
   * between are replaced. False (nothing done) when the old state cannot be kept as it is: a sliced
   * refresh under way, objects dropped from the model (kustomize patches, templates).
   */
  private keepUnchanged(old: FileResult, res: FileResult): boolean {
    if (this.running || old.kustomizePatch || res.kustomizePatch || old.templated || res.templated) return false;
    const a = old.objects;
    const b = res.objects;
    if (a.length === 0 || b.length === 0) return false;
    const delta = res.length - old.length;
    const docDelta = res.documents - old.documents;
    let head = 0;
    while (head < a.length && head < b.length && sameShifted(a[head], b[head], 0)) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && sameShifted(a[a.length - 1 - tail], b[b.length - 1 - tail], delta, docDelta)) tail++;
    if (head === 0 && tail === 0) return false;
    // where the kept tail began, as it was (its objects move below): copies at or after it move too
    // (the changed objects lie before it, and their namespaces are rebuilt)
    const from = tail > 0 ? a[a.length - tail].loc.start : old.length;
    const objects = b.slice();
    for (let i = 0; i < head; i++) objects[i] = a[i];
    const seen = new Set<object>();
    const moved = new Set<string>();
    for (let t = 1; t <= tail; t++) {
      const o = a[a.length - t];
      if (delta !== 0 || docDelta !== 0) shiftTree(o, delta, docDelta, seen);
      objects[b.length - t] = o;
      if (delta !== 0) moved.add(this.namespaceOf(o));
    }
    for (let i = head; i < a.length - tail; i++) this.removeObject(a[i]);
    for (let i = head; i < b.length - tail; i++) this.addObject(objects[i]);
    countProblems(this.readProblems, old, -1);
    res.objects = objects;
    this.files.set(res.file, res);
    countProblems(this.readProblems, res, 1);
    if (tail > 0 && delta !== 0) {
      const shift: Shift = { file: res.file, from, delta, seen };
      // namespaces rebuilt on the next refresh get new copies; the others have theirs moved now
      const move = spanMover(shift);
      for (const ns of moved) {
        const build = this.builds.get(ns);
        if (build && !this.dirty.has(ns)) stateSpans(build.state, move);
      }
      this.shifts.push(shift);
    } else if (tail === 0) {
      // the file's end changed: what a check computed from it (a quick fix appending a document) is
      // computed again, not moved
      this.shifts.push({ file: res.file, from, delta: 0, seen, endChanged: true });
    }
    this.moved = true;
    return true;
  }

  /** Offsets moved by setFile since the last call: for the holders of copies outside the model (the checks). */
  takeShifts(): Shift[] {
    const out = this.shifts;
    this.shifts = [];
    return out;
  }

  /** Problems found while reading every file, by code. */
  readProblemCounts(): ReadonlyMap<string, number> {
    return this.readProblems;
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
    this.drain();
    this.settings = { ...this.settings, ...settings, clusterDomain: normalizeDomain(settings.clusterDomain ?? this.settings.clusterDomain) };
    // objects keep their namespace by default-namespace setting: re-home all of them (every namespace
    // is built again: none restored waits to be built from the old state)
    this.lazy.clear();
    const all = [...this.files.values()];
    this.files.clear();
    this.readProblems.clear();
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
    countProblems(this.readProblems, old, -1);
    for (const o of old.objects) this.removeObject(o);
  }

  /** The namespace an object lives in (for a Namespace object: the one it declares). */
  namespaceOf(o: K8sObject): string {
    if (o.type === 'Namespace') return o.meta.name?.value ?? this.settings.defaultNamespace;
    return o.meta.namespace?.value || this.settings.defaultNamespace;
  }

  private addObject(o: K8sObject): void {
    const ns = this.namespaceOf(o);
    this.materialize(ns);
    let set = this.nsObjects.get(ns);
    if (!set) this.nsObjects.set(ns, (set = new Set()));
    set.add(o);
    if (o.type === 'Namespace' && !o.rejected) this.nsDecl.set(ns, (this.nsDecl.get(ns) ?? 0) + 1);
    if (o.type === 'Service' && !o.rejected && asksForIPv6(o)) this.v6Demand++;
    this.dirty.add(ns);
  }

  private removeObject(o: K8sObject): void {
    const ns = this.namespaceOf(o);
    this.materialize(ns);
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
    this.lazy.clear();
    this.lazyWritten = undefined;
    this.ownersValid = false;
  }

  /** The pod and Service address allocators of both families. */
  private allocators(): Allocator[] {
    return [...this.podAlloc.values(), ...this.svcAlloc.values()];
  }

  /** Whether the cluster must be dual-stack: a Service asks for IPv6, both families are configured, or IPv6 is primary. */
  private wantsDualStack(): boolean {
    return this.v6Demand > 0 || splitCidrs(this.settings.podCIDR).length > 1 || splitCidrs(this.settings.serviceCIDR).length > 1 || this.primary === 6;
  }

  /** Families of the simulated cluster, primary first. */
  private families(): Family[] {
    if (!this.dualStack) return [this.primary];
    return this.primary === 4 ? [4, 6] : [6, 4];
  }

  // ---------------------------------------------------------------- refresh

  /** Recompute what changed since the last refresh. */
  refresh(): RefreshResult {
    this.drain();
    const steps = this.refreshSteps(Infinity);
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  /**
   * refresh() in slices, for a caller that wants to answer requests in between (the first index of a
   * large workspace): pauses after every `slice` namespaces built or finished. Between slices the
   * model answers from the previous state, then from a mix of finished and not yet finished
   * namespaces. Any other refresh(), or new settings, first completes the one under way.
   */
  *refreshInSlices(slice: number): Generator<void, RefreshResult> {
    this.drain();
    const steps = this.refreshSteps(slice);
    this.running = steps;
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        yield;
        if (this.running !== steps) return { namespaces: new Set() }; // completed by another refresh
      }
    } finally {
      if (this.running === steps) this.running = undefined;
    }
  }

  /** Completes a sliced refresh under way. */
  private drain(): void {
    const steps = this.running;
    if (!steps) return;
    this.running = undefined;
    let r = steps.next();
    while (!r.done) r = steps.next();
  }

  private *refreshSteps(slice: number): Generator<void, RefreshResult> {
    if (this.wantsDualStack() !== this.dualStack) this.setupRanges();
    if (this.moved) {
      // what features derived from the model (keyed by its version) may hold moved offsets
      this.moved = false;
      if (this.dirty.size === 0) this.version++;
    }
    if (this.dirty.size === 0) return { namespaces: new Set() };
    // changes made while this runs (between slices) are left for the next refresh
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const ns of dirty) this.building.add(ns);
    const rebuilt = new Map<string, NsBuild>();
    let n = 0;
    for (const ns of dirty) {
      const old: NsKeys | undefined = this.builds.get(ns) ?? this.lazy.get(ns);
      if (this.lazy.delete(ns) && this.lazy.size === 0) this.lazyDone();
      const b = this.buildNamespace(ns);
      // move only what differs in the allocators: an edit usually keeps every key
      this.applyAllocationDiff(old, b);
      if (b) rebuilt.set(ns, b);
      else this.builds.delete(ns);
      if (++n % slice === 0) yield;
    }
    for (const [ns, b] of rebuilt) this.builds.set(ns, b);
    this.building.clear();
    this.ownersValid = false;
    this.countTotals();
    const touched = new Set<string>(dirty);
    for (const alloc of this.allocators()) {
      for (const key of alloc.allocate()) touched.add(key.slice(0, key.indexOf('/')));
    }
    n = 0;
    for (const ns of touched) {
      // (a namespace restored and not built yet takes its addresses when it is built)
      const b = this.builds.get(ns);
      if (b) this.finishNamespace(b);
      if (++n % slice === 0) yield;
    }
    this.version++;
    return { namespaces: touched };
  }

  /** Update allocator membership and declared addresses from a namespace's old build to its new one. */
  private applyAllocationDiff(old: NsKeys | undefined, b: NsKeys | undefined): void {
    const diffKeys = (before: string[], after: string[], alloc: Allocator) => {
      if (before.length === 0) {
        // a namespace built for the first time (every namespace of a first index)
        for (const k of after) alloc.add(k);
        return;
      }
      if (sameList(before, after)) return;
      const a = new Set(after);
      const bset = new Set(before);
      for (const k of before) if (!a.has(k)) alloc.remove(k);
      for (const k of after) if (!bset.has(k)) alloc.add(k);
    };
    for (const f of [4, 6] as Family[]) {
      diffKeys(old?.podKeys[f] ?? [], b?.podKeys[f] ?? [], this.podAlloc.get(f)!);
      diffKeys(old?.svcKeys[f] ?? [], b?.svcKeys[f] ?? [], this.svcAlloc.get(f)!);
    }
    const diffDeclared = (before: string[], after: string[], allocs: Map<Family, Allocator>) => {
      if (sameList(before, after)) return;
      for (const ip of before) allocs.get(familyOf(ip)!)?.undeclare(ip);
      for (const ip of after) allocs.get(familyOf(ip)!)?.declare(ip);
    };
    diffDeclared(old?.declaredPodIPs ?? [], b?.declaredPodIPs ?? [], this.podAlloc);
    diffDeclared(old?.declaredSvcIPs ?? [], b?.declaredSvcIPs ?? [], this.svcAlloc);
  }

  /**
   * Builds what the first question by address would otherwise build (every namespace's IP index: a
   * hover on a pod asks the whole cluster who has its address), `slice` namespaces per step: for idle
   * time after indexing. Namespaces rebuilt later get theirs again on first use.
   */
  *warmIndexes(slice: number): Generator<void, void> {
    let n = 0;
    // namespaces restored and not built yet first (each is built, then indexed below)
    for (const ns of [...this.lazy.keys()]) {
      if (!this.lazy.has(ns)) continue;
      this.materialize(ns);
      if (++n % slice === 0) yield;
    }
    for (const b of [...this.builds.values()]) {
      if (b.ipIndex || this.builds.get(b.state.name) !== b) continue;
      this.ipIndex(b);
      if (++n % slice === 0) yield;
    }
    // and the address owners (which also lets go of the IP indexes an edit replaced)
    if (!this.ownersValid) this.syncOwners();
  }

  /**
   * Brings the address indexes up to date now, as the next question by address would first (those of
   * the namespaces built since, and the address owners). Nothing while a sliced refresh is under way.
   */
  indexAddresses(): void {
    if (!this.running && !this.ownersValid) this.syncOwners();
  }

  /** How many namespaces have no IP index yet (warmIndexes would build theirs). */
  unindexedNamespaces(): number {
    let n = this.lazy.size;
    for (const b of this.builds.values()) if (!b.ipIndex) n++;
    return n;
  }

  /** The IP index of a namespace's current state (built on first use). */
  private ipIndex(b: NsBuild): NsIpIndex {
    if (b.ipIndex) return b.ipIndex;
    const idx: NsIpIndex = { clusterIPs: new Map(), endpoints: new Map(), pods: new Map() };
    for (const s of b.state.services.values()) {
      for (const c of s.clusterIPs) addTo(idx.clusterIPs, c.ip, s);
      for (const e of s.endpoints) addTo(idx.endpoints, e.ip, { service: s, endpoint: e });
    }
    for (const p of b.state.pods.values()) for (const ip of p.ips) addTo(idx.pods, ip.ip, p);
    return (b.ipIndex = idx);
  }

  /** Every namespace's hits for an address, namespaces in name order. */
  private byIP<T>(ip: string, pick: (idx: NsIpIndex) => Map<string, T[]>): T[] {
    const key = canonicalIp(ip) ?? ip;
    if (this.lazy.size !== 0) this.buildWhoMayHave(key);
    if (!this.ownersValid) this.syncOwners();
    const o = this.owners.get(key);
    if (o === undefined) return [];
    let out: T[] | undefined;
    for (const ns of typeof o === 'string' ? [o] : [...o].sort()) {
      const b = this.builds.get(ns);
      const l = b && pick(this.ipIndex(b)).get(key);
      if (l) out = out ? out.concat(l) : l.slice();
    }
    return out ?? [];
  }

  /**
   * Brings `owners` up to date with the builds: a namespace gone leaves it, a new one enters (its IP
   * index built now), one whose index was built again moves only the addresses that differ.
   */
  private syncOwners(): void {
    for (const [ns, old] of this.ownedIndex) {
      const b = this.builds.get(ns);
      if (b && b.ipIndex === old) continue;
      const now = b ? this.ipIndex(b) : undefined;
      for (const m of indexMaps(old)) for (const ip of m.keys()) if (!now || !hasAddress(now, ip)) this.disown(ip, ns);
      if (now) {
        for (const m of indexMaps(now)) for (const ip of m.keys()) if (!hasAddress(old, ip)) this.own(ip, ns);
        this.ownedIndex.set(ns, now);
      } else this.ownedIndex.delete(ns);
    }
    for (const [ns, b] of this.builds) {
      if (this.ownedIndex.has(ns)) continue;
      const idx = this.ipIndex(b);
      this.ownedIndex.set(ns, idx);
      for (const m of indexMaps(idx)) for (const ip of m.keys()) this.own(ip, ns);
    }
    this.ownersValid = true;
  }

  private own(ip: string, ns: string): void {
    const o = this.owners.get(ip);
    if (o === undefined) this.owners.set(ip, ns);
    else if (o === ns) return;
    else if (typeof o === 'string') this.owners.set(ip, [o, ns]);
    else if (!o.includes(ns)) o.push(ns);
  }

  private disown(ip: string, ns: string): void {
    const o = this.owners.get(ip);
    if (o === ns) this.owners.delete(ip);
    else if (o !== undefined && typeof o !== 'string') {
      const rest = o.filter((x) => x !== ns);
      if (rest.length === o.length) return;
      this.owners.set(ip, rest.length === 1 ? rest[0] : rest);
    }
  }

  /** Phase 1: pods and Services of a namespace, without addresses. */
  private buildNamespace(ns: string): NsBuild | undefined {
    const objs = this.nsObjects.get(ns);
    const builtin = builtinNamespaces.includes(ns);
    if (!objs && !builtin) return undefined;
    const sorted = objs ? inFileOrder(objs) : [];
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
      userServices: services.size,
      objects: sorted,
      state: {
        name: ns,
        declared: (this.nsDecl.get(ns) ?? 0) > 0,
        pods,
        services: new Map(),
        workloads,
        endpoints,
        slices,
      },
      podKeys: { 4: [], 6: [] },
      svcKeys: { 4: [], 6: [] },
      podKeyOf: new Map(),
      svcKeyOf: new Map(),
      declaredPodIPs: [],
      declaredSvcIPs: [],
    };
    for (const p of pods.values()) {
      const written = p.declared && p.declared.status.podIPs.length ? declaredPodIPs(p) : none;
      if (written.length) {
        b.declaredPodIPs.push(...written);
      } else if (needsAddress(p)) {
        const key = `${ns}/${p.name}`;
        b.podKeyOf.set(p.name, key);
        for (const f of fams) b.podKeys[f].push(key);
      }
    }
    for (const [name, s] of services) {
      if (serviceType(s) === 'ExternalName' || isHeadless(s)) continue;
      const written = declaredClusterIPs(s);
      if (written.length) b.declaredSvcIPs.push(...written);
      else {
        const key = `${ns}/${name}`;
        b.svcKeyOf.set(name, key);
        for (const f of this.serviceFamilies(s)) b.svcKeys[f].push(key);
      }
    }
    (b as NsBuildWithServices).serviceObjects = services;
    return b;
  }

  /** Phase 3: addresses, Services and their endpoints, indexes. */
  private finishNamespace(b: NsBuild): void {
    const ns = b.state.name;
    const fams = this.families();
    b.ipIndex = undefined;
    this.ownersValid = false;
    const podAllocs = fams.map((f) => this.podAlloc.get(f)!);
    for (const p of b.state.pods.values()) {
      const key = b.podKeyOf.get(p.name);
      if (key !== undefined) {
        const ips: IpInfo[] = [];
        for (let i = 0; i < fams.length; i++) {
          const ip = podAllocs[i].addressOf(key);
          if (ip) ips.push({ ip, family: fams[i], simulated: true });
        }
        p.ips = fit(ips);
      } else if (p.declared && p.declared.status.podIPs.length) {
        p.ips = declaredPodIPs(p).map((ip) => ({ ip, family: familyOf(ip)!, simulated: false }));
      } else {
        p.ips = [];
      }
    }
    const services = (b as NsBuildWithServices).serviceObjects;
    const byName = b.state.pods;
    // label index (key → value → pods): a selector's candidates are the pods carrying its rarest pair.
    // Replicas share one label map: each distinct map is indexed once, with its pods.
    const groups = new Map<ReadonlyMap<string, string>, PodState[]>();
    for (const p of byName.values()) {
      const g = groups.get(p.labels);
      if (g) g.push(p);
      else groups.set(p.labels, [p]);
    }
    const byLabel = new Map<string, Map<string, PodState[][]>>();
    for (const [labels, group] of groups) {
      for (const [k, v] of labels) {
        let values = byLabel.get(k);
        if (!values) byLabel.set(k, (values = new Map()));
        const l = values.get(v);
        if (l) l.push(group);
        else values.set(v, [group]);
      }
    }
    const noPods: readonly PodState[] = [];
    const candidates = (sel: ReadonlyMap<string, string>): readonly PodState[] => {
      let best: PodState[][] | undefined;
      for (const [k, v] of sel) {
        const l = byLabel.get(k)?.get(v);
        if (!l) return noPods;
        if (!best || l.length < best.length) best = l;
      }
      if (!best) return noPods;
      // in pod order: groups are in the order of their first pod, and replicas are consecutive
      return best.length === 1 ? best[0] : best.flat();
    };
    // hand-written Endpoints and EndpointSlices by the Service they name
    const endpointsOf = new Map<string, EndpointsObject[]>();
    for (const e of b.state.endpoints) {
      const n = e.meta.name?.value;
      if (n !== undefined) addTo(endpointsOf, n, e);
    }
    const slicesOf = new Map<string, EndpointSliceObject[]>();
    for (const sl of b.state.slices) {
      const n = sl.slice.serviceName?.value;
      if (n !== undefined) addTo(slicesOf, n, sl);
    }
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
            const key = b.svcKeyOf.get(name);
            const ip = key === undefined ? undefined : this.svcAlloc.get(f)!.addressOf(key);
            if (ip) clusterIPs.push({ ip, family: f, simulated: true });
          }
          clusterIPs = fit(clusterIPs);
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
          endpoints: endpointsOf.get(name) ?? [],
          slices: slicesOf.get(name) ?? [],
          clusterIPs,
          families,
        }),
      );
    }
    this.addBuiltins(ns, states);
    b.state.services = states;
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
        unmirrored: [],
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

  /** Services written and pods, over every namespace (built or restored). */
  private countTotals(): void {
    this.totals = { services: 0, pods: 0 };
    for (const b of this.builds.values()) {
      this.totals.services += b.userServices;
      this.totals.pods += b.state.pods.size;
    }
    for (const l of this.lazy.values()) {
      this.totals.services += l.userServices;
      this.totals.pods += l.pods;
    }
  }

  // ---------------------------------------------------------------- snapshot

  /**
   * What restore() needs to give a model of the same files and settings the same addresses without
   * building every namespace first; undefined while a refresh is due or under way.
   */
  snapshot(): ModelSnapshot | undefined {
    if (this.running || this.dirty.size || this.building.size) return undefined;
    const out: ModelSnapshot['namespaces'] = [];
    const add = (ns: string, k: NsKeys, userServices: number, pods: number) =>
      out.push([ns, k.podKeys[4], k.podKeys[6], k.svcKeys[4], k.svcKeys[6], k.declaredPodIPs, k.declaredSvcIPs, userServices, pods]);
    for (const [ns, b] of this.builds) add(ns, b, b.userServices, b.state.pods.size);
    for (const [ns, l] of this.lazy) add(ns, l, l.userServices, l.pods);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { namespaces: out };
  }

  /**
   * Takes the addresses from `snap`, made by snapshot() from a model of exactly these files and
   * settings (the caller knows: the persisted index and its snapshot say so), instead of building every
   * namespace now: each is built when first asked for. Only when the snapshot names exactly the
   * namespaces a refresh would leave built (those built already, such as the built-in ones, are built
   * again on first use too: their addresses may move once every namespace's keys are in); false
   * (nothing done) otherwise, and the next refresh builds everything as usual.
   */
  restore(snap: ModelSnapshot): boolean {
    if (this.running || this.lazy.size) return false;
    if (this.wantsDualStack() !== this.dualStack) this.setupRanges();
    const expected = new Set<string>();
    for (const ns of [...this.builds.keys(), ...this.dirty]) if (this.nsObjects.has(ns) || builtinNamespaces.includes(ns)) expected.add(ns);
    if (snap.namespaces.length !== expected.size) return false;
    for (const n of snap.namespaces) if (!expected.has(n[0])) return false;
    for (const [ns, p4, p6, s4, s6, declaredPodIPs, declaredSvcIPs, userServices, pods] of snap.namespaces) {
      const l: LazyNs = { podKeys: { 4: p4, 6: p6 }, svcKeys: { 4: s4, 6: s6 }, declaredPodIPs, declaredSvcIPs, userServices, pods };
      this.applyAllocationDiff(this.builds.get(ns), l);
      this.builds.delete(ns);
      this.lazy.set(ns, l);
    }
    for (const alloc of this.allocators()) alloc.allocate();
    this.dirty.clear();
    this.ownersValid = false;
    this.lazyWritten = undefined;
    this.countTotals();
    this.version++;
    return true;
  }

  /** How many restored namespaces are not built yet. */
  get unbuiltNamespaces(): number {
    return this.lazy.size;
  }

  /** A namespace's build, built now if it was restored and not built yet. */
  private built(ns: string): NsBuild | undefined {
    this.materialize(ns);
    return this.builds.get(ns);
  }

  /**
   * Builds the restored namespaces that may have the address `ip` (canonical), not all of them: those
   * whose pods or Services the allocators gave it, those that write it (declared pod and Service
   * addresses, hand-written Endpoints and EndpointSlices), and the built-in ones (their Services take
   * reserved addresses). No other namespace's pods, Services or endpoints can have it.
   */
  private buildWhoMayHave(ip: string): void {
    for (const ns of builtinNamespaces) this.built(ns);
    for (const alloc of this.allocators()) {
      const key = alloc.ownerOf(ip);
      if (key !== undefined) this.built(key.slice(0, key.indexOf('/')));
    }
    if (this.lazy.size === 0) return;
    if (!this.lazyWritten) {
      const written = new Map<string, string[]>();
      const add = (raw: string, ns: string) => {
        const a = canonicalIp(raw);
        if (a !== undefined) addTo(written, a, ns);
      };
      for (const [ns, l] of this.lazy) {
        for (const a of l.declaredPodIPs) add(a, ns);
        for (const a of l.declaredSvcIPs) add(a, ns);
        for (const o of this.nsObjects.get(ns) ?? []) {
          if (o.type === 'Endpoints') for (const sub of o.endpoints.subsets) for (const a of sub.addresses) add(a.ip.value, ns);
          else if (o.type === 'EndpointSlice') for (const e of o.slice.endpoints) for (const a of e.addresses) add(a.value, ns);
        }
      }
      this.lazyWritten = written;
    }
    for (const ns of this.lazyWritten.get(ip) ?? []) this.built(ns);
  }

  private materializeAll(): void {
    for (const ns of [...this.lazy.keys()]) this.materialize(ns);
  }

  /**
   * Builds a restored namespace from its objects, with the addresses allocated for it. Its objects are
   * those of the snapshot (any change to them builds it first), so its keys are the snapshot's; if they
   * differ all the same, the allocators take the difference and the next refresh settles it. Nothing
   * when the namespace is not waiting to be built (callers ask before any use or change of it).
   */
  private materialize(ns: string): void {
    if (this.lazy.size === 0) return;
    const l = this.lazy.get(ns);
    if (!l) return;
    this.lazy.delete(ns);
    const b = this.buildNamespace(ns);
    if (!sameKeys(l, b)) {
      this.applyAllocationDiff(l, b);
      this.dirty.add(ns);
    } else if (b) {
      // the allocators hold the snapshot's key strings: the build takes them instead of equal copies
      const own = new Map<string, string>();
      for (const list of [l.podKeys[4], l.podKeys[6], l.svcKeys[4], l.svcKeys[6]]) for (const k of list) own.set(k, k);
      b.podKeys = l.podKeys;
      b.svcKeys = l.svcKeys;
      for (const [name, k] of b.podKeyOf) b.podKeyOf.set(name, own.get(k) ?? k);
      for (const [name, k] of b.svcKeyOf) b.svcKeyOf.set(name, own.get(k) ?? k);
    }
    if (b) {
      this.builds.set(ns, b);
      this.finishNamespace(b);
    }
    this.ownersValid = false;
    if (this.lazy.size === 0) this.lazyDone();
  }

  /** Every restored namespace is built: what only they needed goes. */
  private lazyDone(): void {
    this.lazyWritten = undefined;
    for (const alloc of this.allocators()) alloc.forgetOwners();
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
    return this.built(ns)?.state;
  }

  service(ns: string, name: string): ServiceState | undefined {
    return this.built(ns)?.state.services.get(name);
  }

  services(ns?: string): ServiceState[] {
    if (ns !== undefined) return [...(this.built(ns)?.state.services.values() ?? [])];
    this.materializeAll();
    const out: ServiceState[] = [];
    for (const b of this.builds.values()) out.push(...b.state.services.values());
    return out;
  }

  /** Services written in the workspace (built-in ones not counted) and pods, without listing them. */
  counts(): { services: number; pods: number } {
    return { ...this.totals };
  }

  pod(ns: string, name: string): PodState | undefined {
    return this.built(ns)?.state.pods.get(name);
  }

  pods(ns?: string): PodState[] {
    if (ns !== undefined) return [...(this.built(ns)?.state.pods.values() ?? [])];
    this.materializeAll();
    const out: PodState[] = [];
    for (const b of this.builds.values()) out.push(...b.state.pods.values());
    return out;
  }

  servicesByClusterIP(ip: string): ServiceState[] {
    return this.byIP(ip, (i) => i.clusterIPs);
  }

  endpointsByIP(ip: string): EndpointHit[] {
    return this.byIP(ip, (i) => i.endpoints);
  }

  podsByIP(ip: string): PodState[] {
    return this.byIP(ip, (i) => i.pods);
  }

  refused(ns: string, kind: string, name: string): K8sObject[] {
    const out: K8sObject[] = [];
    for (const o of this.nsObjects.get(ns) ?? []) if (o.rejected && o.kind === kind && o.meta.name?.value === name) out.push(o);
    return out;
  }

  /** All objects of a namespace as read (including refused ones), in file order. Do not modify the list. */
  objectsIn(ns: string): readonly K8sObject[] {
    const b = this.built(ns);
    if (b && !this.dirty.has(ns) && !this.building.has(ns)) return b.objects;
    return [...(this.nsObjects.get(ns) ?? [])];
  }
}

interface NsBuildWithServices extends NsBuild {
  serviceObjects: Map<string, ServiceObject>;
}

function sameKeys(a: NsKeys, b: NsKeys | undefined): boolean {
  if (!b) return a.podKeys[4].length + a.podKeys[6].length + a.svcKeys[4].length + a.svcKeys[6].length + a.declaredPodIPs.length + a.declaredSvcIPs.length === 0;
  return (
    sameList(a.podKeys[4], b.podKeys[4]) &&
    sameList(a.podKeys[6], b.podKeys[6]) &&
    sameList(a.svcKeys[4], b.svcKeys[4]) &&
    sameList(a.svcKeys[6], b.svcKeys[6]) &&
    sameList(a.declaredPodIPs, b.declaredPodIPs) &&
    sameList(a.declaredSvcIPs, b.declaredSvcIPs)
  );
}

/** The same strings in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

const none: string[] = [];

function countProblems(counts: Map<string, number>, res: FileResult, sign: 1 | -1): void {
  const add = (code: string) => {
    const n = (counts.get(code) ?? 0) + sign;
    if (n === 0) counts.delete(code);
    else counts.set(code, n);
  };
  for (const p of res.problems) add(p.code);
  for (const o of res.objects) for (const p of o.problems) add(p.code);
}

function declaredPodIPs(p: PodState): string[] {
  return p.declared!.status.podIPs.map((v) => canonicalIp(v.value)).filter((x): x is string => !!x);
}

/**
 * Objects of a namespace in (file, document, item) order. A file's objects are added together and in
 * document order (setFile), so they are grouped by file and only the files are sorted.
 */
function inFileOrder(objs: Iterable<K8sObject>): K8sObject[] {
  const byFile = new Map<string, K8sObject[]>();
  let sorted = true;
  let prev: K8sObject | undefined;
  for (const o of objs) {
    const l = byFile.get(o.file);
    if (l) l.push(o);
    else byFile.set(o.file, [o]);
    if (prev && objectOrder(prev, o) > 0) sorted = false;
    prev = o;
  }
  const files = [...byFile.keys()];
  if (!sorted) files.sort();
  const out: K8sObject[] = [];
  for (const f of files) {
    const l = byFile.get(f)!;
    let inOrder = true;
    for (let i = 1; i < l.length && inOrder; i++) inOrder = objectOrder(l[i - 1], l[i]) <= 0;
    if (!inOrder) l.sort(objectOrder);
    for (const o of l) out.push(o);
  }
  return out;
}

function objectOrder(a: K8sObject, b: K8sObject): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.doc !== b.doc) return a.doc - b.doc;
  return (a.item ?? -1) - (b.item ?? -1);
}

function addTo<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}


/** The three maps of an IP index (Services by cluster IP, endpoints, pods). */
function indexMaps(idx: NsIpIndex): Map<string, unknown[]>[] {
  return [idx.clusterIPs, idx.endpoints, idx.pods];
}

function hasAddress(idx: NsIpIndex, ip: string): boolean {
  return idx.pods.has(ip) || idx.clusterIPs.has(ip) || idx.endpoints.has(ip);
}

export { span };
