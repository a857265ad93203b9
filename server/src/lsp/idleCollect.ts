// Gives memory back once the server falls idle after work. V8 returns heap pages to the system only
// when it collects, and a server that has stopped allocating gives it no reason to: after a burst of
// edits at 10,000 files the resident set stayed ~90 MB above its idle size until V8's memory reducer
// happened to run (~30–60 s later; at 30,000 files not within 75 s). So the server collects itself
// when nothing has come from the client for a while (`quietMs`) and its heap has grown since it last
// did: a full collection that also compacts the old generation (V8's own full collections move objects
// off sparse pages only in its memory reducer; without compaction 80 MB of half-empty pages stayed at
// 10,000 files). ~300 ms at 10,000 files, at a moment nobody is waiting.
//
// V8 gives back the young generation's space (32 MB at 10,000 files) after a full collection only when
// little was allocated since the collection before; the burst's last allocations may still count then.
// When the young generation is still large after the collection, one more follows `settleMs` later.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface IdleCollectOptions {
  /** Quiet before the full collection, ms. */
  quietMs: number;
  /** Quiet after it before the second (when the young generation stayed large), ms; V8 measures allocation rates over 5 s. */
  settleMs: number;
  /** How much the committed heap must have grown since the last full collection, bytes (0: no condition). */
  minGrowth: number;
  /** Young generation above which the second collection is made, bytes. */
  largeYoung: number;
  /**
   * Event-loop utilization above which a tick counts as busy although no message came (the server's
   * own work: indexing, a file watcher's changes). Idle, the server's loop is 0.3–1 % busy.
   */
  busy: number;
}

export const DEFAULT_IDLE_COLLECT: IdleCollectOptions = {
  quietMs: 5000,
  settleMs: 6000,
  minGrowth: 16 * 1024 * 1024,
  largeYoung: 8 * 1024 * 1024,
  busy: 0.05,
};

/**
 * When to collect. Fed one tick at a time (how long it lasted, whether it was busy: a message came
 * or the loop worked, the committed heap now); says to collect after `quietMs` of quiet ticks in a row
 * when the heap is `minGrowth` above what it was after the last collection, and once more `settleMs`
 * later when the young generation stayed large. Then nothing until work, and growth, again.
 */
export class IdleCollectPolicy {
  private quietFor = 0;
  /** Committed heap after the last collection (none yet: 0, so the first quiet spell after indexing collects). */
  private baseline = 0;
  /** Quiet needed for the next collection of this spell; Infinity: none. */
  private next: number;

  constructor(private readonly opts: IdleCollectOptions = DEFAULT_IDLE_COLLECT) {
    this.next = opts.quietMs;
  }

  tick(elapsedMs: number, busy: boolean, heapBytes: number): boolean {
    if (busy) {
      this.quietFor = 0;
      this.next = this.opts.quietMs;
      return false;
    }
    this.quietFor += elapsedMs;
    if (this.quietFor < this.next) return false;
    if (this.next === this.opts.quietMs && this.opts.minGrowth > 0 && heapBytes < this.baseline + this.opts.minGrowth) return false;
    return true;
  }

  /** A collection was made: the committed heap and the young generation after it. */
  collected(heapBytes: number, youngBytes: number): void {
    this.baseline = heapBytes;
    this.next = this.next === this.opts.quietMs && youngBytes > this.opts.largeYoung ? this.quietFor + this.opts.settleMs : Infinity;
  }
}

type Gc = () => void;

/**
 * V8's `gc` function, exposed at run time (as `--expose-gc` would, without asking whoever starts the
 * server for the flag); undefined when this V8 does not allow it.
 */
export function exposeGc(): Gc | undefined {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (typeof existing === 'function') return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  } finally {
    // contexts created later need not see it
    v8.setFlagsFromString('--no-expose-gc');
  }
}

export interface IdleCollector {
  /** A message came from the client. */
  activity(): void;
  stop(): void;
}

/**
 * Starts the idle collector: a tick a second (a timer that does not keep the process alive). The
 * caller reports the client's messages (`activity`); `log` hears of each full collection.
 */
export function startIdleCollection(log: (message: string) => void, opts: IdleCollectOptions = DEFAULT_IDLE_COLLECT, tickMs = 1000): IdleCollector {
  const gc = exposeGc();
  let messages = 0;
  const activity = () => void messages++;
  if (!gc) return { activity, stop: () => undefined };
  const policy = new IdleCollectPolicy(opts);
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  let lastAt = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const elu = performance.eventLoopUtilization(last);
    const busy = messages > 0 || elu.utilization > opts.busy;
    messages = 0;
    const elapsed = now - lastAt;
    const before = v8.getHeapStatistics().total_heap_size;
    if (policy.tick(elapsed, busy, before)) {
      const t0 = performance.now();
      fullCompacting(gc);
      const after = v8.getHeapStatistics().total_heap_size;
      const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
      policy.collected(after, young);
      const mb = (n: number) => (n / 1048576).toFixed(0);
      log(`idle: collected garbage in ${(performance.now() - t0).toFixed(0)} ms, heap ${mb(before)} → ${mb(after)} MB (young generation ${mb(young)} MB)`);
    }
    // the collection (and the message just logged) is not the next tick's work
    last = performance.eventLoopUtilization();
    lastAt = performance.now();
  }, tickMs);
  timer.unref();
  return { activity, stop: () => clearInterval(timer) };
}

/**
 * A full collection that also compacts (moves the survivors of sparse pages together and frees those
 * pages). `gc()` without options: with `{ type: 'major' }` (Node 20's V8) the call only finished the
 * incremental marking V8 had under way — 10 ms, nothing compacted, the young generation kept.
 */
function fullCompacting(gc: Gc): void {
  let compacting = false;
  try {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    compacting = true;
  } catch {
    // a V8 without the flag: a plain full collection still frees empty pages
  }
  try {
    gc();
  } finally {
    if (compacting) v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/**
 * Options from `K8S_DNS_LENS_IDLE_COLLECT`: `off`, or `quietMs,settleMs,minGrowthMB` (for tests and
 * measurements); anything else: the defaults.
 */
export function idleCollectOptions(env: string | undefined): IdleCollectOptions | undefined {
  if (!env) return DEFAULT_IDLE_COLLECT;
  if (env === 'off') return undefined;
  const [q, s, g] = env.split(',').map(Number);
  if (!(q >= 0) || !(s >= 0) || !(g >= 0)) return DEFAULT_IDLE_COLLECT;
  return { ...DEFAULT_IDLE_COLLECT, quietMs: q, settleMs: s, minGrowth: g * 1024 * 1024 };
}
