// A pool of worker threads that read files into FileResults (readWorker.ts), so that the bulk of a cold
// index runs off the thread that answers the editor. Batches come back packed with plainCodec, which
// the caller's thread decodes in a fraction of what parsing costs. When a worker cannot be started (or
// dies), its batches are read on the calling thread instead: same results, only slower.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { releaseArrayBuffer } from '../util/release';
import { unpackPlain, type PlainPacket } from '../util/plainCodec';
import { readJob, type ReadJob, type ReadOutcome } from './readFiles';
import type { ReadRequest } from './readWorker';

interface Pending {
  req: ReadRequest;
  resolve: (r: ReadOutcome[]) => void;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not answered yet, oldest first (a worker answers in order). */
  inFlight: Pending[];
}

/**
 * Batches a worker holds at once: while this thread decodes one answer, the worker already reads the
 * next batch instead of waiting for it (measured at 10,000 files: one at a time left a worker idle
 * ~12 % of the time).
 */
const DEPTH = 2;

/**
 * How many worker threads are worth starting besides the calling thread (which reads too): none when
 * the machine is overloaded (1-minute load average at least one more than the number of cores; the
 * load counts this server's own thread and the editor's start-up too), else one, and one more per
 * further idle core, never more than the cores besides this thread's. A worker costs its own JIT
 * warm-up and the packing of its results; on a machine whose cores are all busy it makes a cold index
 * slower, not faster (measured: 10,000 files, load 4 on 2 cores, reading took 4.4-5.0 s on the main
 * thread alone and 6.7-7.5 s with 2 workers); on 2 cores at load 1.2-1.9 one worker made it faster
 * (cold index 7.2-8.5 s against 9.6 s).
 */
export function spareWorkers(max: number, cores = availableCores(), load = os.loadavg()[0]): number {
  if (cores < 2 || load >= cores + 1) return 0;
  return Math.max(0, Math.min(max, cores - 1, Math.max(1, Math.floor(cores - load) - 1)));
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Where the worker script is: next to this module, compiled (out/) or bundled (dist/readWorker.js). */
export function defaultWorkerScript(): string {
  return path.join(__dirname, 'readWorker.js');
}

export class ReadPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /** `size` workers (0: everything is read on the calling thread). */
  constructor(size: number, script: string = defaultWorkerScript()) {
    if (size > 0 && fs.existsSync(script)) {
      for (let i = 0; i < size; i++) {
        try {
          this.slots.push(this.spawn(script));
        } catch {
          break;
        }
      }
    }
  }

  get workers(): number {
    return this.slots.length;
  }

  /** Batches worth keeping in flight at once (callers that read one batch at a time run this many loops). */
  get depth(): number {
    return this.slots.length * DEPTH;
  }

  private spawn(script: string): Slot {
    const worker = new Worker(script);
    worker.unref();
    const slot: Slot = { worker, inFlight: [] };
    worker.on('message', (msg: { id: number; packet: PlainPacket }) => {
      const p = slot.inFlight[0];
      if (!p || p.req.id !== msg.id) return;
      slot.inFlight.shift();
      let out: ReadOutcome[];
      try {
        out = unpackPlain(msg.packet) as ReadOutcome[];
      } catch {
        out = p.req.jobs.map(readJob);
      }
      // the packet's buffers were transferred from the worker (this message owns them whole) and are
      // decoded: their memory goes now
      releaseArrayBuffer(msg.packet.ints.buffer);
      releaseArrayBuffer(msg.packet.doubles.buffer);
      p.resolve(out);
      this.pump();
    });
    const fail = () => {
      // the worker is gone: read its batch here, and carry on with the others
      this.slots = this.slots.filter((s) => s !== slot);
      const lost = slot.inFlight;
      slot.inFlight = [];
      for (const p of lost) p.resolve(p.req.jobs.map(readJob));
      if (this.slots.length === 0) this.drainHere();
      else this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', () => {
      if (!this.closed) fail();
    });
    return slot;
  }

  /** Reads a batch of files; resolves with one outcome per job, in order. */
  read(jobs: ReadJob[]): Promise<ReadOutcome[]> {
    if (this.slots.length === 0) return Promise.resolve(jobs.map(readJob));
    return new Promise((resolve) => {
      this.queue.push({ req: { id: this.nextId++, jobs }, resolve });
      this.pump();
    });
  }

  private pump(): void {
    // fill every worker to one batch first, then to DEPTH
    for (let want = 1; want <= DEPTH; want++) {
      for (const slot of this.slots) {
        if (slot.inFlight.length >= want) continue;
        const p = this.queue.shift();
        if (!p) return;
        slot.inFlight.push(p);
        slot.worker.postMessage(p.req);
      }
    }
  }

  private drainHere(): void {
    const q = this.queue;
    this.queue = [];
    for (const p of q) p.resolve(p.req.jobs.map(readJob));
  }

  /** Stops the workers (their memory goes with them); pending batches are read on this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) this.queue.unshift(...s.inFlight);
    this.drainHere();
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
