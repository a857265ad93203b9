// The environment and Node flags the extension starts the language server with (beside the editor's own).
//
// glibc's malloc keeps memory freed by a thread in that thread's arena until the free space at the
// arena's top passes a trim threshold, and it raises that threshold by itself each time a large block
// is freed (up to 64 MB). V8's helper threads (concurrent marking, compaction, compilation) each get an
// arena; at 10,000 files four of them held ~8 MB each of freed memory for good. A fixed threshold of
// 128 KB (glibc's own default before it adjusts it) makes freed memory go back to the system: resident
// set once idle at 10,000 files 267–270 → 243–249 MB. Other C libraries ignore the variable.
//
// bench/lsp.mjs starts the server with the same variables and flags (test/unit/client/serverEnv.test.ts
// keeps them equal): the benchmark measures the server as the extension runs it.
import * as os from 'node:os';

export const SERVER_ENV: Readonly<Record<string, string>> = {
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/**
 * Node's flags for the server: V8's pool of helper threads (garbage collection, compilation) as large as
 * the cores beside the main thread, 1 to 4; Node makes it 4 whatever the machine. On 2 cores four
 * helpers, the server's main thread and, while it indexes, its reading worker fought for the cores
 * (measurements in the closing note of issue 7 and bench/RESULTS.md). Electron started as Node (how
 * the desktop editor forks a server) takes Node's flags; its documentation excludes only OpenSSL's.
 */
export function serverExecArgv(cores: number = availableCores()): string[] {
  const helpers = Math.min(4, Math.max(1, Math.floor(cores) - 1));
  return [`--v8-pool-size=${helpers}`];
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
