// Offsets that moved, not meaning that changed. An edit inside one YAML document of a file leaves the
// file's other documents as they were, only later in the text (or earlier): their objects read again
// are the old ones with every offset moved by what the edit added or removed. The model keeps the old
// objects then, with their offsets moved in place, instead of rebuilding the namespaces they are in
// (see ClusterModel.setFile): a keystroke in the first document of a file spanning ten namespaces
// re-analyses one namespace, not ten.
//
// Offsets are the `start` and `end` numbers of Loc, Val, Span and TextEditSpec objects and the
// `keyStart`/`keyEnd`/`valueStart`/`valueEnd` of a Label; an object's `doc` is the index of its YAML
// document (it moves when a document is added or removed before it). Nothing else in the core holds
// an offset.

/** The fields that hold offsets. */
const OFFSETS = new Set(['start', 'end', 'keyStart', 'keyEnd', 'valueStart', 'valueEnd']);

/** Objects never moved in place: constants shared by many owners. */
function fixed(x: object): boolean {
  return Object.isFrozen(x);
}

/**
 * Whether `b` is `a` read again `delta` characters later (and `docDelta` documents later): equal in
 * everything but the offsets (which differ by `delta`) and a top-level `doc` (by `docDelta`).
 */
export function sameShifted(a: unknown, b: unknown, delta: number, docDelta = 0): boolean {
  return same(a, b, delta, docDelta, true);
}

function same(a: unknown, b: unknown, delta: number, docDelta: number, top: boolean): boolean {
  if (a === b) return delta === 0 || typeof a !== 'object' || a === null || isEmptyArray(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], delta, docDelta, false)) return false;
    return true;
  }
  if (Array.isArray(b) || ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    if (!Object.prototype.hasOwnProperty.call(rb, k)) return false;
    const va = ra[k];
    const vb = rb[k];
    if (typeof va === 'number' && OFFSETS.has(k)) {
      if (vb !== va + delta) return false;
    } else if (top && k === 'doc' && typeof va === 'number') {
      if (vb !== va + docDelta) return false;
    } else if (!same(va, vb, delta, docDelta, false)) {
      return false;
    }
  }
  for (const _ in rb) n--;
  return n === 0;
}

function isEmptyArray(x: object): boolean {
  return Array.isArray(x) && x.length === 0;
}

/**
 * Moves every offset of `root` (an object read from one file, all of whose offsets are in that file)
 * by `delta`, and its top-level `doc` by `docDelta`, in place. `seen`: nodes already moved (an object
 * may share a node with another, e.g. an EndpointSlice's service name and its label value).
 */
export function shiftTree(root: object, delta: number, docDelta: number, seen: Set<object>): void {
  const r = root as Record<string, unknown>;
  if (docDelta !== 0 && typeof r.doc === 'number') r.doc = r.doc + docDelta;
  move(root, delta, seen);
}

function move(x: object, delta: number, seen: Set<object>): void {
  if (seen.has(x) || fixed(x)) return;
  seen.add(x);
  if (Array.isArray(x)) {
    for (const v of x) if (v !== null && typeof v === 'object') move(v, delta, seen);
    return;
  }
  if (ArrayBuffer.isView(x)) return;
  const r = x as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    if (typeof v === 'number' && OFFSETS.has(k)) r[k] = v + delta;
    else if (v !== null && typeof v === 'object') move(v, delta, seen);
  }
}

/** A shift to apply to what holds copies of offsets of `file` (see spanMover). */
export interface Shift {
  file: string;
  /** Offsets of the file at or after this (as they were) moved by `delta`. */
  from: number;
  delta: number;
  /** Nodes already visited for this shift: shared between the holders, so that none moves twice. */
  seen: Set<object>;
  /**
   * The end of the file changed (the edit reached its last document): offsets at or after `from` (the
   * old end) are not moved; what holds them was computed from the file's end, and is computed again.
   */
  endChanged?: boolean;
}

/**
 * The mover of one shift's copies: moves, in place, a span of `shift.file` that starts at or after
 * `shift.from`, once (a span shared by two holders — a problem's related information and a Service's
 * state — is seen by both). Returns whether it moved. The holders know where their copies are
 * (model/state.ts stateSpans, the checks' problems): only those are visited, not whole graphs.
 */
export function spanMover(shift: Shift): (sp: { file: string; start: number; end: number }) => boolean {
  const { seen, file, from, delta } = shift;
  return (sp) => {
    if (seen.has(sp) || fixed(sp)) return false;
    seen.add(sp);
    if (sp.file !== file || sp.start < from) return false;
    sp.start += delta;
    sp.end += delta;
    return true;
  };
}
