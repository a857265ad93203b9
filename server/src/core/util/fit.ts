// Arrays the model keeps, copied to their length. An array built by `push` keeps the room V8 grew it
// by: 17 slots after the first push, so a one-element list costs ~150 bytes instead of ~30. A workspace
// keeps hundreds of thousands of such lists (labels, ports, containers, a pod's addresses, a Service's
// endpoints); at 2,000 files they were 9.6 of the 65 MB the read results, model and checks held.

// Most of those lists are empty (an object's problems, owner references, a Service's external IPs,
// a state's ignored sources): ~55,000 empty arrays of 32 bytes each at 2,000 files. They all become one.

/** The one empty list every kept empty list is: frozen, so that a push on it fails loudly instead of adding to all. */
export const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/** `a` as an array of its length (a copy when it has elements; `slice` allocates exactly what it copies); EMPTY when empty. */
export function fit<T>(a: T[]): T[] {
  return a.length === 0 ? EMPTY : a.slice();
}
