// The memory of a large ArrayBuffer given back at once, not at V8's next full collection.
//
// A buffer's memory lives outside the JavaScript heap and is freed only when a full collection finds
// the buffer dead; one (the 41 MB persisted index of 10,000 files, read whole to be decoded) can
// stay in the server's resident memory for minutes after its last use. Transferring it into a
// message on a channel that is then closed detaches it here, and the closed channel drops the
// message and its memory on the next turn of the event loop.
import { MessageChannel } from 'node:worker_threads';

/**
 * Frees `buffer` now. Only for a buffer nothing uses any more: every view on it reads as empty
 * afterwards. A Node Buffer may share its ArrayBuffer with other small Buffers (Node's pool):
 * use releaseBufferOf for those.
 */
export function releaseArrayBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(null, [buffer]);
  } catch {
    // not transferable (already detached): nothing to free
  } finally {
    port1.close();
    port2.close();
  }
}

/** Frees the memory of a Buffer or typed array when it owns its whole ArrayBuffer (not a slice of Node's pool). */
export function releaseBufferOf(view: ArrayBufferView): void {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) releaseArrayBuffer(view.buffer);
}
