// The server's view of the workspace: every manifest under every folder, open documents overlaying
// the files on disk, kept current from edits and file events. It feeds the cluster model and the
// diagnostics engine incrementally and tells its owner which files' diagnostics to publish.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { readManifestText, defaultReadOptions } from '../core/manifest/readFile';
import type { FileResult } from '../core/manifest/objects';
import { ClusterModel, type ModelSnapshot } from '../core/model/cluster';
import { DiagnosticsEngine, type CheckResults } from '../core/checks/engine';
import { makeMatcher, scanFolder } from '../core/workspace/scan';
import { decodeText } from '../core/workspace/load';
import { ReadPool, spareWorkers } from '../core/workspace/readPool';
import { CORE_BUILD, READER_BUILD } from '../core/workspace/readerBuild';
import { hashBytes, readJob, type ReadJob, type ReadOutcome } from '../core/workspace/readFiles';
import { yieldToEventLoop } from '../core/util/eventLoop';
import { cacheFileFor, loadIndexCache, writeIndexCacheStreaming, type CacheEntry, type Pacing } from '../core/workspace/indexCache';
import { PatchIndex, isKustomizationFile } from '../core/workspace/kustomize';
import { loadDiagnosticsSnapshot, removeDiagnosticsSnapshot, snapshotFileFor, snapshotHolds, writeDiagnosticsSnapshot, SNAPSHOT_FORMAT, type DiagnosticsSnapshot } from '../core/workspace/diagnosticsSnapshot';
import type { ServerSettings } from './settings';
import { defaultServerSettings } from './settings';

export interface Folder {
  uri: string;
  path: string;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(): void;
}

export interface ChangeListener {
  /**
   * Files whose diagnostics may have changed, after the model and checks were updated. `full`: a whole
   * indexing run ended — any file may have changed, including files no longer in the model; `final`:
   * files this run already published in their final state (not to be computed again).
   */
  (files: Set<string>, full?: boolean, final?: ReadonlySet<string>): void;
}

/** Files per batch a worker reads (and the main thread decodes) at a time. */
const BATCH = 64;
/** Below this many files to read, worker threads cost more to start than they save. */
const MIN_FILES_FOR_WORKERS = 300;
/** Files read on the main thread between two yields to the event loop while indexing. */
const MAIN_THREAD_CHUNK = 8;
/**
 * Work between two yields to the event loop in the other steps of indexing (restoring diagnostics,
 * decoding the persisted index, building the model, the checks): a request waits about this long, plus
 * the last unit of work and any collection V8 runs. Counted in time, not in namespaces or files: a
 * namespace may hold five objects or five thousand. (With 8 namespaces or 400 persisted entries a
 * slice, and one turn of the event loop a yield, a request waited 55-75 ms at the median during the
 * warm start of the 10,000-file workspace; now ~20.)
 */
const SLICE_MS = 10;
/**
 * Work between two yields in idle time (the model's indexes and the namespaces a reopened workspace
 * left to build after indexing, the features' warm-up): shorter than SLICE_MS, as the editor may be
 * in use by then (an edit that comes in waits for the slice under way and for any collection V8 makes
 * of what it allocated).
 */
const IDLE_SLICE_MS = 4;
/**
 * Idle-time work pauses while documents are edited and while the client sends requests, until it
 * sent nothing for this long: a burst of keystrokes or of hovers is answered without waiting behind
 * that work (or behind its garbage).
 */
const QUIET_MS = 300;
/** Files whose restored diagnostics are sent at once. */
const RESTORE_PART = 100;
/** Persisted entries decoded (or encoded) between two looks at the clock. */
const CACHE_SLICE = 25;
/** The persisted index is written this long after the last change. */
const CACHE_DEBOUNCE_MS = 5000;
/**
 * ... and this long after indexing: not at once, as its encoding (in slices) would hold up the
 * diagnostics still on their way to the editor (the JSON-RPC writer sends one message per turn of the
 * event loop; at 10,000 files the last ones arrived ~0.3 s after the checks ended).
 */
const CACHE_AFTER_INDEX_MS = 1000;
/** Pause in the edits after which the model's indexes they cleared are built again (see warmIndexesSoon). */
const INDEX_WARM_MS = 150;
/** Documents of this many characters or more are read again after a pause in typing (changeDocument). */
const DEFER_CHARS = 256 * 1024;
/** The pause: edits of a large document within it are read once. */
const DEFER_MS = 40;

export interface WorkspaceIndexOptions {
  /** Folder for the persisted index (the client's storage folder); none: no cache. */
  storagePath?: string;
  /**
   * Worker threads that read files on a cold index, besides this thread (0: this thread only).
   * Default: one per core besides this thread's when the machine is not busy (spareWorkers), at most 2.
   */
  workers?: number;
  /** This thread reads files too while the workers do (default true). */
  readOnMainThread?: boolean;
  /** Written into the cache header: a cache from another server version is not used. */
  serverVersion?: string;
  /** Messages for the log (cache misses, timings). */
  log?: (message: string) => void;
  /** The diagnostics published last, by file URI: persisted with the index for the next start. */
  publishedDiagnostics?: () => ReadonlyMap<string, unknown[]>;
  /**
   * Publishes the diagnostics persisted by an earlier session, at the start of an indexing run whose
   * files, settings and server are all the same as then (the run's own diagnostics follow when it ends).
   */
  restoreDiagnostics?: (byUri: ReadonlyMap<string, unknown[]>) => void | Promise<void>;
  /**
   * Steps run in idle slices once an indexing run and the model's indexes are done (the editor
   * features run once on the workspace: see service/warm.ts), as many as fit in a slice.
   */
  warmUp?: () => Iterable<void>;
  /**
   * When the client's last message came in (performance.now()): idle-time work waits for a quiet spell
   * after it as after an edit (QUIET_MS). Without it, only edits count.
   */
  lastClientMessageAt?: () => number;
  /**
   * Whether idle-time work runs after indexing (default true): the model's indexes, the namespaces a
   * warm start left to build, the warm-up. Off for tests that must see a warm start's model as it
   * is when indexing ends (environment K8S_DNS_LENS_IDLE_WORK=off).
   */
  idleWork?: boolean;
}

export class WorkspaceIndex {
  model: ClusterModel;
  engine: DiagnosticsEngine;
  settings: ServerSettings = defaultServerSettings;
  folders: Folder[] = [];
  /** Open documents: uri → text (their content wins over the disk). */
  private open = new Map<string, { text: string; version: number }>();
  /** Files on disk known to be manifests candidates: uri → path. */
  private onDisk = new Map<string, string>();
  private generation = 0;
  /** Reading workers started before the first run (startReaders). */
  private earlyPool: ReadPool | undefined;
  /** Full indexing runs started so far (the latest is the one that counts). */
  get indexRun(): number {
    return this.generation;
  }
  /** Which files kustomizations list as patches; files re-read because that changed, to publish. */
  private patches = new PatchIndex();
  private reread = new Set<string>();
  /** Open documents whose latest edit is not read yet (large ones; see changeDocument). */
  private pendingEdits = new Set<string>();
  private pendingTimer: NodeJS.Timeout | undefined;
  /** The model's indexes being rebuilt after an edit, in idle slices (see publishRefresh). */
  private indexWarmTimer: NodeJS.Timeout | undefined;
  /**
   * Files with a file event (created, changed, deleted) during the current indexing run: what the run
   * read of them before the event is out of date, so its results for them are not applied.
   */
  private touched = new Set<string>();
  indexing = false;
  /** When a document was last opened, changed or closed (performance.now()): idle-time work waits for a quiet spell. */
  private lastEditAt = -Infinity;
  /** How long idle-time work still waits for the edits and requests to pause (see QUIET_MS). */
  private readonly untilQuiet = (): number => QUIET_MS - (performance.now() - Math.max(this.lastEditAt, this.options.lastClientMessageAt?.() ?? -Infinity));
  /** Resolves when the current indexing run finishes. */
  ready: Promise<void> = Promise.resolve();
  options: WorkspaceIndexOptions;
  /** What was read from disk per file (size, mtime, hash, result): the persisted index. */
  private diskEntries = new Map<string, CacheEntry>();
  private cacheTimer: NodeJS.Timeout | undefined;
  private cacheWriting: Promise<void> | undefined;
  private cacheAgain = false;
  /** The pending write is of the diagnostics snapshot only (the persisted index is current). */
  private snapshotOnly = false;
  /** Timings of the last indexing run, for the log and the benchmark. */
  lastIndex: { files: number; fromCache: number; read: number; ms: number } | undefined;

  constructor(
    private readonly onChange: ChangeListener,
    options: WorkspaceIndexOptions = {},
  ) {
    this.options = options;
    this.model = new ClusterModel(this.settings.model);
    this.engine = new DiagnosticsEngine(this.model, undefined, (uri) => this.text(uri));
  }

  // ---------------------------------------------------------------- lookups

  file(uri: string): FileResult | undefined {
    return this.model.file(uri);
  }

  /** Text of a document: the open buffer, else the file on disk. */
  text(uri: string): string | undefined {
    const o = this.open.get(uri);
    if (o) return o.text;
    const p = this.onDisk.get(uri) ?? uriToPath(uri);
    if (!p) return undefined;
    try {
      return decodeText(fs.readFileSync(p));
    } catch {
      return undefined;
    }
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** Version of an open document (the editor's), undefined when it is not open. */
  versionOf(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  // ---------------------------------------------------------------- indexing

  /**
   * (Re)index every folder from scratch: settings changed, folders changed, or first start. Open
   * documents first; then files unchanged since the persisted index (same size and mtime, or the same
   * content hash) come from it, and the others are read by worker threads in batches, each batch
   * applied to the model as it arrives (the event loop stays free between batches). The model is
   * built and every namespace checked at the end, in slices between which requests are answered.
   */
  reindex(progress?: IndexProgress): Promise<void> {
    const gen = ++this.generation;
    // the open documents are read from their latest text below
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    this.pendingEdits.clear();
    this.indexing = true;
    this.model = new ClusterModel(this.settings.model);
    this.engine = new DiagnosticsEngine(this.model, undefined, (uri) => this.text(uri));
    this.onDisk.clear();
    this.patches = new PatchIndex();
    this.diskEntries.clear();
    this.touched.clear();
    const log = this.options.log ?? (() => undefined);
    const run = async () => {
      const t0 = performance.now();
      const slicer = new Slicer();
      // a yield to the event loop once a slice of work is done; false when a newer run started meanwhile
      const stillCurrent = async (): Promise<boolean> => {
        await slicer.yield();
        return gen === this.generation;
      };
      const paths: string[] = [];
      for (const f of this.folders) {
        for (const p of scanFolder(f.path, { include: this.settings.include, exclude: this.settings.exclude })) paths.push(p);
      }
      for (const p of paths) this.onDisk.set(pathToUri(p), p);
      // open documents first: their answers are wanted now
      for (const [uri, o] of this.open) this.setOpenText(uri, o.text);
      this.publishRefresh(new Set(this.open.keys()));

      const cacheFile = this.cacheFile();
      // sizes and mtimes, taken once for the snapshot and the persisted index below
      const stats = new Map<string, fs.Stats | undefined>();
      const statOf = (p: string): fs.Stats | undefined => {
        if (!stats.has(p)) {
          let st: fs.Stats | undefined;
          try {
            st = fs.statSync(p);
          } catch {
            st = undefined;
          }
          stats.set(p, st);
        }
        return stats.get(p);
      };
      let restored = false;
      // what the checks found last session, when no file changed since (used if that still holds once the model is built)
      let lastChecks: CheckResults | undefined;
      // and the addresses its model allocated (see ClusterModel.restore())
      let lastModel: ModelSnapshot | undefined;
      if (cacheFile && this.options.restoreDiagnostics) {
        const snap = await loadDiagnosticsSnapshot(snapshotFileFor(cacheFile), this.snapshotVersion, this.settingsKey());
        if (gen !== this.generation) return;
        if (snap && snap.files.length === paths.length) {
          for (const p of paths) {
            statOf(p);
            if (slicer.due() && !(await stillCurrent())) return;
          }
          if (snapshotHolds(snap, new Set(paths), statOf)) {
            restored = true;
            lastChecks = snap.checks;
            lastModel = snap.model;
            // RESTORE_PART files at a time, each part written before the next (1,040 files at 10,000):
            // an answer to a request waits behind one part at most
            let part = new Map<string, unknown[]>();
            for (const [uri, diags] of snap.diagnostics) {
              if (this.open.has(uri)) continue;
              part.set(uri, diags);
              if (part.size >= RESTORE_PART || slicer.due()) {
                await this.options.restoreDiagnostics(part);
                part = new Map();
                if (!(await stillCurrent())) return;
              }
            }
            if (part.size) await this.options.restoreDiagnostics(part);
            log(`diagnostics of ${snap.diagnostics.length} files shown from the last session in ${Math.round(performance.now() - t0)} ms (no file changed since)`);
          }
        }
      }
      const cache = cacheFile ? await loadIndexCache(cacheFile, this.serverVersion, CACHE_SLICE, slicer.pacing()) : undefined;
      if (gen !== this.generation) return;
      if (cache?.error) log(`persisted index not used (${cache.error})`);
      const cached = cache?.entries ?? new Map<string, CacheEntry>();
      const todo: ReadJob[] = [];
      let fromCache = 0;
      for (const [uri, p] of [...this.onDisk]) {
        if (slicer.due() && !(await stillCurrent())) return;
        if (this.touched.has(uri)) continue; // a file event already put it in its place
        const c = cached.get(p);
        if (c && c.result.file === uri) {
          const st = statOf(p);
          if (st && st.size === c.size && st.mtimeMs === c.mtimeMs) {
            this.diskEntries.set(uri, c);
            if (!this.open.has(uri)) this.setResult(uri, c.result, undefined, p);
            fromCache++;
            continue;
          }
          todo.push({ uri, path: p, knownHash: c.hash });
        } else {
          todo.push({ uri, path: p });
        }
      }
      progress?.begin(todo.length);
      // progress goes to the client at most every 100 ms (each report is a notification)
      let lastReport = 0;
      const report = (n: number) => {
        const now = performance.now();
        if (n < todo.length && now - lastReport < 100) return;
        lastReport = now;
        progress?.report(n, todo.length);
      };
      const apply = (outcomes: ReadOutcome[]) => {
        for (const o of outcomes) {
          // a file event came after this was read (a worker's batch is read ahead): the event's state wins
          if (this.touched.has(o.uri)) continue;
          if (o.error !== undefined) {
            this.onDisk.delete(o.uri);
            continue;
          }
          const result = o.unchanged ? cached.get(o.path)?.result : o.result;
          if (!result) continue;
          this.diskEntries.set(o.uri, { path: o.path, size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, result });
          if (!this.open.has(o.uri)) this.setResult(o.uri, result, undefined, o.path);
        }
      };
      const batches: ReadJob[][] = [];
      for (let i = 0; i < todo.length; i += BATCH) batches.push(todo.slice(i, i + BATCH));
      const started = this.earlyPool;
      this.earlyPool = undefined;
      let pool: ReadPool;
      if (todo.length < MIN_FILES_FOR_WORKERS) {
        void started?.close();
        pool = new ReadPool(0);
      } else pool = started ?? new ReadPool(this.wantedWorkers());
      const workersUsed = pool.workers;
      let done = 0;
      try {
        // Workers take batches from the front, this thread (when it reads too) from the back; this
        // thread yields to the event loop after each batch, so requests wait at most one batch.
        const viaWorker = async () => {
          for (let b = batches.shift(); b; b = batches.shift()) {
            const outcomes = await pool.read(b);
            if (gen !== this.generation) return;
            apply(outcomes);
            done += b.length;
            report(done);
          }
        };
        const here = async () => {
          for (let b = batches.pop(); b; b = batches.pop()) {
            for (let i = 0; i < b.length; i += MAIN_THREAD_CHUNK) {
              const chunk = b.slice(i, i + MAIN_THREAD_CHUNK);
              apply(chunk.map(readJob));
              done += chunk.length;
              report(done);
              await yieldToEventLoop();
              if (gen !== this.generation) return;
            }
          }
        };
        const loops: Promise<void>[] = [];
        for (let i = 0; i < pool.depth; i++) loops.push(viaWorker());
        const mainReads = this.options.readOnMainThread ?? process.env.K8S_DNS_LENS_MAIN_READS !== '0';
        if (pool.workers === 0 || mainReads) loops.push(here());
        await Promise.all(loops);
      } finally {
        void pool.close();
      }
      if (gen !== this.generation) return;
      const tRead = performance.now();
      // The files are those of the last session (none read, none changed): the model takes the
      // addresses it allocated then, and builds each namespace when first asked for (or when idle,
      // after this run) instead of all of them now.
      const lazyNamespaces = lastModel && todo.length === 0 && this.sameAsDisk() && this.model.restore(lastModel) ? this.model.unbuiltNamespaces : 0;
      // the model (what restore left to build: normally nothing), a namespace at a time, a time slice
      // of them between yields (requests are answered in between)
      const steps = this.model.refreshInSlices(1);
      slicer.restart();
      while (!steps.next().done) {
        if (slicer.due() && !(await stillCurrent())) return;
      }
      const tModel = performance.now();
      // The model is built from exactly the files of the last session: what its checks found holds
      // (they are a function of the files, the settings and the code, all unchanged). The namespaces
      // the results do not cover are checked below.
      let namespaces = this.model.namespaces();
      let checksRestored = 0;
      if (lastChecks && todo.length === 0 && this.sameAsDisk()) {
        const rest = this.engine.restore(lastChecks, namespaces);
        checksRestored = namespaces.length - rest.length;
        namespaces = rest;
      }
      // check every namespace, a slice at a time. The model is complete: a file's diagnostics are final
      // once every namespace its objects are in is checked, and are published then, while the other
      // namespaces are checked (the editor gets them as they come, not all at the end). The namespaces
      // of open documents first: the files in front of the user get theirs first.
      namespaces = this.openFirst(namespaces);
      const progressive = new ProgressivePublish(this.model, this.engine);
      const modelVersion = this.model.version;
      const early = progressive.withoutNamespace();
      if (early.size) this.onChange(early);
      // a namespace at a time; what became final is published before each yield
      const ready = new Set<string>();
      for (const ns of namespaces) {
        for (const f of progressive.checked([ns], this.engine.update(new Set([ns])))) ready.add(f);
        if (slicer.due()) {
          if (ready.size) this.onChange(new Set(ready));
          ready.clear();
          if (!(await stillCurrent())) return;
          // an edit during the slices refreshed the model: the rest is checked against the new state
        }
      }
      if (ready.size) this.onChange(ready);
      this.indexing = false;
      this.touched.clear();
      const all = new Set<string>(this.engine.filesWithProblems());
      for (const uri of this.open.keys()) all.add(uri);
      const tChecks = performance.now();
      // what was published early stands unless an edit came in between (then everything is computed again)
      this.onChange(all, true, this.model.version === modelVersion ? progressive.published : undefined);
      void this.warmModel(gen);
      const tEnd = performance.now();
      this.lastIndex = { files: this.onDisk.size, fromCache, read: todo.length, ms: tEnd - t0 };
      const restoredNote = checksRestored ? ` (${checksRestored} namespaces' from the last session, ${namespaces.length} checked)` : '';
      const lazyNote = lazyNamespaces ? ` (addresses from the last session; ${lazyNamespaces} namespaces built on first use or when idle)` : '';
      log(
        `indexed ${this.onDisk.size} files in ${Math.round(tEnd - t0)} ms (${fromCache} from the persisted index, ${todo.length} read with ${workersUsed} workers (load ${os.loadavg()[0].toFixed(1)}): ${Math.round(tRead - t0)} ms; model ${Math.round(tModel - tRead)} ms${lazyNote}; checks ${Math.round(tChecks - tModel)} ms${restoredNote}; diagnostics of ${all.size} files published in ${Math.round(tEnd - tChecks)} ms)`,
      );
      if (todo.length > 0 || cache?.error || cached.size !== this.diskEntries.size) this.scheduleCacheWrite(CACHE_AFTER_INDEX_MS);
      // the index stands, the diagnostics snapshot did not (other settings, none yet): write it alone
      else if (!restored && this.options.publishedDiagnostics) this.scheduleCacheWrite(CACHE_AFTER_INDEX_MS, true);
    };
    // the progress ends however the run does: done, failed, or superseded by a newer run (a progress
    // never ended stays on the editor's screen)
    this.ready = run()
      .catch((e) => {
        this.indexing = false;
        console.error(`indexing failed: ${(e as Error).stack ?? e}`);
      })
      .finally(() => progress?.end());
    return this.ready;
  }

  /**
   * After indexing, in idle slices (paused while the client is busy: QUIET_MS): the namespaces a warm
   * start left to build and the indexes a first hover or lookup would otherwise build on the request
   * path (measured at 10,000 files: the first hover on a pod took ~100 ms, then ~0.2 ms), then the
   * `warmUp` steps.
   */
  private async warmModel(gen: number): Promise<void> {
    if (this.options.idleWork === false) return;
    for (const steps of [this.model.warmIndexes(1), this.options.warmUp?.() ?? []]) {
      if (!(await inIdleSlices(steps[Symbol.iterator](), () => gen === this.generation, this.untilQuiet))) return;
    }
  }

  /**
   * What the published diagnostics say of the files `entries` describe, for the next start; undefined
   * when they depend on more than those files (an open document that differs from its file, an edit not
   * read yet, a run under way).
   */
  private diagnosticsSnapshot(entries: readonly CacheEntry[]): DiagnosticsSnapshot | undefined {
    const published = this.options.publishedDiagnostics?.();
    if (!published || this.indexing || entries.length !== this.onDisk.size || !this.sameAsDisk()) return undefined;
    const uris = new Set(this.onDisk.keys());
    return {
      format: SNAPSHOT_FORMAT,
      server: this.snapshotVersion,
      settings: this.settingsKey(),
      files: entries.map((e) => [e.path, e.size, e.mtimeMs]),
      diagnostics: [...published].filter(([uri, d]) => uris.has(uri) && d.length > 0),
      checks: this.engine.results(),
      model: this.model.snapshot(),
    };
  }

  /**
   * Whether the model holds what the files on disk hold: no file event during the run, no edit
   * waiting, every open document equal to its file.
   */
  private sameAsDisk(): boolean {
    if (this.touched.size || this.pendingEdits.size) return false;
    for (const [uri, o] of this.open) {
      const e = this.diskEntries.get(uri);
      if (!e || hashBytes(Buffer.from(o.text, 'utf8')) !== e.hash) return false;
    }
    return true;
  }

  /** `namespaces` with those of the open documents' objects first (each part in its order). */
  private openFirst(namespaces: string[]): string[] {
    const first = new Set<string>();
    for (const uri of this.open.keys()) for (const o of this.model.file(uri)?.objects ?? []) first.add(this.model.namespaceOf(o));
    if (first.size === 0) return namespaces;
    return [...namespaces.filter((ns) => first.has(ns)), ...namespaces.filter((ns) => !first.has(ns))];
  }

  /** The settings as the snapshot records them. */
  private settingsKey(): string {
    return JSON.stringify(this.settings);
  }

  /** The server version and the reading code's fingerprint: a cache from other code is not used. */
  private get serverVersion(): string {
    return `${this.options.serverVersion ?? '0'}+${READER_BUILD}`;
  }

  /** The server version and the whole core's fingerprint: the check results of other code are not used. */
  private get snapshotVersion(): string {
    return `${this.serverVersion}+${CORE_BUILD}`;
  }

  /** Worker threads for reading (spareWorkers, unless set in the options or by K8S_DNS_LENS_WORKERS). */
  private wantedWorkers(): number {
    const forced = process.env.K8S_DNS_LENS_WORKERS;
    return forced !== undefined && forced !== '' ? Number(forced) || 0 : (this.options.workers ?? spareWorkers(2));
  }

  /**
   * Starts the reading workers before the first indexing run asks for them, when it will read files
   * (no persisted index of these folders yet): a worker takes ~80 ms to start (its thread, its copy of
   * the reader's code), which otherwise passed while this thread was already reading alone. Called once
   * the folders are known (initialize); the run takes the pool, or stops it when it reads too few files.
   */
  startReaders(): void {
    if (this.earlyPool || this.generation > 0 || this.folders.length === 0) return;
    const cacheFile = this.cacheFile();
    if (cacheFile && fs.existsSync(cacheFile)) return;
    const n = this.wantedWorkers();
    if (n <= 0) return;
    this.earlyPool = new ReadPool(n);
    this.options.log?.(`reading workers started at initialize (${this.earlyPool.workers}; no persisted index yet)`);
  }

  private cacheFile(): string | undefined {
    const sp = this.options.storagePath;
    if (!sp || this.folders.length === 0) return undefined;
    return cacheFileFor(sp, this.folders.map((f) => f.path));
  }

  /** Writes the persisted index `delay` ms from now (restarted by every change), off the request path. */
  private scheduleCacheWrite(delay = CACHE_DEBOUNCE_MS, snapshotOnly = false): void {
    if (!this.cacheFile()) return;
    // a full write pending stays full
    this.snapshotOnly = snapshotOnly && (this.cacheTimer ? this.snapshotOnly : true);
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      void this.writeCache();
    }, delay);
    this.cacheTimer.unref();
  }

  /** Writes a pending persisted index now (on shutdown), or waits for the write under way. */
  async flushCache(): Promise<void> {
    if (this.cacheTimer) {
      clearTimeout(this.cacheTimer);
      this.cacheTimer = undefined;
      await this.writeCache();
    } else if (this.cacheWriting) {
      await this.cacheWriting;
    }
  }

  /** Encodes (in slices, yielding between them) and writes the persisted index; one write at a time. */
  async writeCache(): Promise<void> {
    if (this.cacheWriting) {
      this.cacheAgain = true;
      return this.cacheWriting;
    }
    const file = this.cacheFile();
    if (!file || this.indexing) return;
    const snapshotOnly = this.snapshotOnly;
    this.snapshotOnly = false;
    this.cacheWriting = (async () => {
      try {
        const entries = [...this.diskEntries.values()];
        // the diagnostics as published now, before the (sliced) encoding lets anything change them
        const snapshot = this.diagnosticsSnapshot(entries);
        if (!snapshotOnly) {
          // time slices, as indexing's: an entry may be a 5-line file or a 5 MB one
          await writeIndexCacheStreaming(file, entries, this.serverVersion, CACHE_SLICE, new Slicer().pacing());
        }
        if (snapshot) await writeDiagnosticsSnapshot(snapshotFileFor(file), snapshot);
        else await removeDiagnosticsSnapshot(snapshotFileFor(file));
      } catch (e) {
        (this.options.log ?? (() => undefined))(`persisted index not written: ${(e as Error).message}`);
      } finally {
        this.cacheWriting = undefined;
      }
      if (this.cacheAgain) {
        this.cacheAgain = false;
        await this.writeCache();
      }
    })();
    return this.cacheWriting;
  }

  /** Refresh the model and checks after edits; publish what changed. */
  private publishRefresh(extra: Set<string>): void {
    const r = this.model.refresh();
    const files = this.engine.update(r.namespaces);
    for (const f of extra) files.add(f);
    for (const f of this.reread) files.add(f);
    this.reread.clear();
    if (!this.indexing) {
      this.onChange(files);
      if (r.namespaces.size) this.warmIndexesSoon();
    }
  }

  /**
   * The indexes of the namespaces an edit rebuilt, built in idle slices once the edits pause
   * (INDEX_WARM_MS after the last one): otherwise the first question by address after an edit builds
   * them (a hover on a pod asks every namespace who has its address: 6–7 ms at 10,000 files after an
   * edit of a file spanning ten namespaces, then 0.6 ms). Not at once: while the editor sends edit after
   * edit, the slices would delay their answers.
   */
  private warmIndexesSoon(): void {
    if (this.options.idleWork === false) return;
    if (this.indexWarmTimer) clearTimeout(this.indexWarmTimer);
    this.indexWarmTimer = setTimeout(() => {
      this.indexWarmTimer = undefined;
      // an edit since stops this run: its own timer starts one over the model as it is then
      void inIdleSlices(this.model.warmIndexes(1), () => !this.indexWarmTimer, this.untilQuiet);
    }, INDEX_WARM_MS);
    this.indexWarmTimer.unref();
  }

  // ---------------------------------------------------------------- documents

  /**
   * A document opened: read from its buffer (the namespaces of its objects are built again). Their
   * address indexes are brought up to date with it, not left to the first question by address: one
   * usually follows an open at once (a hover on a pod), and an open comes alone, not in a burst like
   * keystrokes (1–2 ms for a file spanning ten namespaces at 10,000 files).
   */
  openDocument(uri: string, text: string, version: number): void {
    this.lastEditAt = performance.now();
    this.flushEdits();
    this.open.set(uri, { text, version });
    this.setText(uri, text);
    if (!this.indexing) this.model.indexAddresses();
  }

  /**
   * An edit. A document under DEFER_CHARS is read again at once (a few ms). A larger one (reading it
   * costs tens of ms to seconds) waits DEFER_MS for the next keystroke, so that fast typing costs one
   * read, not one per key; every request and every other change applies pending edits first
   * (flushEdits), so nothing ever answers from an older text than the editor's.
   */
  changeDocument(uri: string, text: string, version: number): void {
    this.lastEditAt = performance.now();
    this.open.set(uri, { text, version });
    if (text.length < DEFER_CHARS && !this.pendingEdits.size) {
      this.setText(uri, text, true);
      return;
    }
    this.pendingEdits.add(uri);
    this.pendingTimer ??= setTimeout(() => this.flushEdits(), DEFER_MS);
  }

  /** Applies the edits still waiting (see changeDocument) and publishes what they change. */
  flushEdits(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    if (!this.pendingEdits.size) return;
    const uris = new Set(this.pendingEdits);
    this.pendingEdits.clear();
    for (const uri of uris) {
      const o = this.open.get(uri);
      if (o) this.setOpenText(uri, o.text, true);
    }
    this.publishRefresh(uris);
  }

  closeDocument(uri: string): void {
    this.lastEditAt = performance.now();
    this.flushEdits();
    this.open.delete(uri);
    const p = this.onDisk.get(uri);
    if (p) {
      this.reloadFromDisk(uri, p);
    } else if (this.model.file(uri)) {
      this.removeFile(uri);
      this.publishRefresh(new Set([uri]));
    }
  }

  private setText(uri: string, text: string, edit = false): void {
    this.setOpenText(uri, text, edit);
    this.publishRefresh(new Set([uri]));
  }

  /**
   * An open document's text into the model (without publishing). `edit`: a change of a document that
   * is open — the model holds objects read from its buffer then (opening reads it, and the persisted
   * index's results, which the opening replaced, are never the model's for an open document), so it
   * may keep those of documents the edit did not touch, moving their offsets in place
   * (ClusterModel.setFile, incremental).
   */
  private setOpenText(uri: string, text: string, edit = false): void {
    this.setResult(uri, readManifestText(uri, text, defaultReadOptions), text, undefined, edit);
  }

  // ---------------------------------------------------------------- file events

  fileCreatedOrChanged(uri: string): void {
    this.flushEdits();
    const p = uriToPath(uri);
    if (!p || !this.wanted(p)) return;
    if (this.indexing) this.touched.add(uri);
    this.onDisk.set(uri, p);
    if (this.open.has(uri)) return; // the buffer wins
    this.reloadFromDisk(uri, p);
  }

  fileDeleted(uri: string): void {
    this.flushEdits();
    const p = uriToPath(uri);
    // a folder deleted: drop everything under it
    const prefix = p ? p + path.sep : undefined;
    const gone = [...this.onDisk.keys()].filter((u) => u === uri || (prefix && this.onDisk.get(u)!.startsWith(prefix)));
    const changed = new Set<string>();
    if (this.indexing) {
      this.touched.add(uri);
      for (const u of gone) this.touched.add(u);
    }
    for (const u of gone) {
      this.onDisk.delete(u);
      this.diskEntries.delete(u);
      if (this.open.has(u)) continue;
      this.removeFile(u);
      changed.add(u);
    }
    if (changed.size) this.publishRefresh(changed);
    if (gone.length) this.scheduleCacheWrite();
  }

  private reloadFromDisk(uri: string, p: string): void {
    let buf: Buffer;
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
      buf = fs.readFileSync(p);
    } catch {
      this.onDisk.delete(uri);
      this.diskEntries.delete(uri);
      this.removeFile(uri);
      this.publishRefresh(new Set([uri]));
      this.scheduleCacheWrite();
      return;
    }
    const hash = hashBytes(buf);
    const known = this.diskEntries.get(uri);
    const same = known !== undefined && known.hash === hash && known.path === p;
    const result = same ? known.result : readManifestText(uri, decodeText(buf), defaultReadOptions);
    this.diskEntries.set(uri, { path: p, size: st.size, mtimeMs: st.mtimeMs, hash, result });
    this.setResult(uri, result);
    this.publishRefresh(new Set([uri]));
    // Only when what the persisted index keeps of the file changed: closing a document whose file did
    // not change wrote the whole index again (at 30,000 files 1.5 s of work and 400 MB for a while).
    if (!same || known.size !== st.size || known.mtimeMs !== st.mtimeMs) this.scheduleCacheWrite();
  }

  // ---------------------------------------------------------------- kustomize patches

  /**
   * A file's read result into the model as the model must take it: kustomize patches take no part
   * (core/workspace/kustomize.ts). Results are kept as read (the persisted index holds them so); a
   * kustomization that lists other files than before has those files placed again. `p`: the file's
   * path, when the caller has it (parsing the URI again costs ~5 µs a file).
   */
  private setResult(uri: string, result: FileResult, text?: string, p: string | undefined = uriToPath(uri), fromBuffer = false): void {
    if (p && isKustomizationFile(p)) this.kustomizationChanged(p, text ?? this.text(uri));
    const seen = this.asModelSees(p, result);
    // a result the patch index rewrote is not the buffer's own: replaced whole
    this.model.setFile(seen, fromBuffer && seen === result);
  }

  private asModelSees(p: string | undefined, result: FileResult): FileResult {
    if (!p) return result;
    return this.patches.apply(result, p, () => this.relativeToFolder(p));
  }

  /** The path relative to the first workspace folder holding it (undefined: in none). */
  private relativeToFolder(p: string): string | undefined {
    for (const f of this.folders) {
      // the common case without path.relative (~7 µs a call: 70 ms for 10,000 files)
      const root = f.path.endsWith(path.sep) ? f.path : f.path + path.sep;
      if (p.startsWith(root) && !p.includes(`${path.sep}..${path.sep}`) && !p.includes(`${path.sep}.${path.sep}`)) return p.slice(root.length);
      const rel = path.relative(f.path, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
    }
    return undefined;
  }

  private removeFile(uri: string): void {
    this.model.removeFile(uri);
    const p = uriToPath(uri);
    if (p && isKustomizationFile(p)) this.kustomizationChanged(p, undefined);
  }

  private kustomizationChanged(p: string, text: string | undefined): void {
    for (const other of this.patches.update(p, text)) {
      const uri = pathToUri(other);
      if (!this.model.file(uri)) continue;
      const o = this.open.get(uri);
      const raw = o ? readManifestText(uri, o.text, defaultReadOptions) : this.diskEntries.get(uri)?.result;
      if (!raw) continue;
      this.model.setFile(this.asModelSees(other, raw));
      this.reread.add(uri);
    }
  }

  /** Is a path inside a folder and matched by include/exclude? */
  wanted(p: string): boolean {
    const rel = this.relativeToFolder(p);
    if (rel === undefined) return false;
    const relPosix = rel.split(path.sep).join('/');
    if (relPosix.split('/').some((seg) => seg === 'node_modules' || seg === '.git')) return false;
    return makeMatcher({ include: this.settings.include, exclude: this.settings.exclude }).file(relPosix);
  }
}

/** An absolute POSIX path of characters a `file:` URI keeps as they are (not `//…`: that names an authority). */
const PLAIN_POSIX_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*$/;

export function pathToUri(p: string): string {
  // what URI.file(p).toString() gives such a path, without its per-character encoding pass (every file
  // of a workspace is named once at each indexing: ~8 ms at 10,000 files, before any file is read)
  if (path.sep === '/' && PLAIN_POSIX_PATH.test(p)) return 'file://' + p;
  return URI.file(p).toString();
}

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `steps` in IDLE_SLICE_MS time slices, yielding to the event loop before each, while `wanted()`
 * holds; true when they all ran. `pause()`: how many ms to wait before the next slice (none when 0 or
 * less).
 */
async function inIdleSlices(steps: Iterator<void>, wanted: () => boolean, pause?: () => number): Promise<boolean> {
  const slicer = new Slicer(IDLE_SLICE_MS);
  for (;;) {
    await slicer.yield();
    if (!wanted()) return false;
    const wait = pause?.() ?? 0;
    if (wait > 0) {
      await new Promise<void>((r) => setTimeout(r, wait).unref());
      continue;
    }
    for (;;) {
      if (steps.next().done) return true;
      if (slicer.due()) break;
    }
  }
}

/** Time slices of work: `due()` says when the slice is used up (the caller yields, then `restart()`s). */
class Slicer {
  private since = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  due(): boolean {
    return performance.now() - this.since >= this.ms;
  }

  restart(): void {
    this.since = performance.now();
  }

  /** Yields to the event loop; the next slice starts after it. */
  async yield(): Promise<void> {
    await yieldToEventLoop();
    this.restart();
  }

  /** For work paced elsewhere (the persisted index's decode and write). */
  pacing(): Pacing {
    return { due: () => this.due(), yield: () => this.yield() };
  }
}

/**
 * Which files' diagnostics are final during the checks of an indexing run: a file with problems once
 * every namespace its objects are in is checked (files of no namespace, with reading problems only,
 * at once). A file without problems is left to the end of the run (which clears what it had).
 */
class ProgressivePublish {
  /** file → namespaces of its objects not checked yet */
  private waiting = new Map<string, number>();
  private filesIn = new Map<string, string[]>();
  private none: string[] = [];
  readonly published = new Set<string>();

  constructor(
    model: ClusterModel,
    private readonly engine: DiagnosticsEngine,
  ) {
    for (const f of model.allFiles()) {
      if (f.objects.length === 0) {
        this.none.push(f.file);
        continue;
      }
      const nss = new Set<string>();
      for (const o of f.objects) nss.add(model.namespaceOf(o));
      this.waiting.set(f.file, nss.size);
      for (const ns of nss) {
        const l = this.filesIn.get(ns);
        if (l) l.push(f.file);
        else this.filesIn.set(ns, [f.file]);
      }
    }
  }

  /** Files of no namespace (reading problems only): final now. */
  withoutNamespace(): Set<string> {
    return this.take(this.none);
  }

  /**
   * After `namespaces` were checked (`changed`: the files whose check problems that changed): the
   * files now final. A file published before that a check of another namespace reported on after all
   * is not final: left to the end of the run.
   */
  checked(namespaces: readonly string[], changed: ReadonlySet<string>): Set<string> {
    for (const f of changed) if ((this.waiting.get(f) ?? 0) === 0) this.published.delete(f);
    const done: string[] = [];
    for (const ns of namespaces) {
      for (const f of this.filesIn.get(ns) ?? []) {
        const n = (this.waiting.get(f) ?? 1) - 1;
        this.waiting.set(f, n);
        if (n === 0) done.push(f);
      }
    }
    return this.take(done);
  }

  private take(files: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const f of files) {
      if (!this.engine.hasProblems(f)) continue;
      out.add(f);
      this.published.add(f);
    }
    return out;
  }
}
