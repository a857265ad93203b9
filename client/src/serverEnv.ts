// The environment the extension starts the language server with (beside the editor's own).
//
// glibc's malloc keeps memory freed by a thread in that thread's arena until the free space at the
// arena's top passes a trim threshold, and it raises that threshold by itself each time a large block
// is freed (up to 64 MB). V8's helper threads (concurrent marking, compaction, compilation) each get an
// arena; at 10,000 files four of them held ~8 MB each of freed memory for good. A fixed threshold of
// 128 KB (glibc's own default before it adjusts it) makes freed memory go back to the system: resident
// set once idle at 10,000 files 267–270 → 243–249 MB. Other C libraries ignore the variable.
//
// bench/lsp.mjs starts the server with the same variables (test/unit/client/serverEnv.test.ts keeps the
// two equal): the benchmark measures the server as the extension runs it.
export const SERVER_ENV: Readonly<Record<string, string>> = {
  MALLOC_TRIM_THRESHOLD_: '131072',
};
