// Sharing the event loop with the work done in slices (indexing, writing the persisted index).

/**
 * Lets the event loop turn a few times with no sliced work in them. One turn is not enough for a
 * request to a language server: vscode-jsonrpc dispatches a message a turn after reading it, and its
 * writer sends one message per turn — with a slice of work in every turn, the answer to a request that
 * needs nothing waited three slices (~55 ms at the median during the warm start of 10,000 files).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((r) => setImmediate(() => setImmediate(() => setImmediate(r))));
}
