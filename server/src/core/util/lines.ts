// Offsets ↔ lines. Line starts are what is kept of a closed file's text.

/** Reused by computeLineStarts (its first element, 0, is never written). */
let scratch = new Uint32Array(4096);
const SCRATCH_MAX = 1 << 16;

/** Start offsets of the lines. Line breaks are LF, CRLF and a lone CR, as in LSP (and in YAML). */
export function computeLineStarts(text: string): Uint32Array {
  if (!text.includes('\r')) {
    // one pass into a buffer kept between calls, then an exact copy (two passes, one to count, took
    // ~70 % longer: every file of a workspace goes through here)
    let buf = scratch;
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (k === buf.length) {
        const bigger = new Uint32Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      buf[k++] = i + 1;
    }
    // (a buffer grown for a huge file is not kept)
    if (buf.length <= SCRATCH_MAX) scratch = buf;
    return buf.slice(0, k);
  }
  const list = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) list.push(i + 1);
  }
  return Uint32Array.from(list);
}

/**
 * Start of the line holding `offset` (the offset just after the previous line break). Not
 * `lastIndexOf('\n', offset - 1) + 1`: at offset 0 that searches from 0 too, and finds a line break
 * that is at the cursor, not before it.
 */
export function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Zero-based line and character (UTF-16 units) of an offset. */
export function positionAt(lineStarts: ArrayLike<number>, offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: ArrayLike<number>, length: number, line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= lineStarts.length) return length;
  const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
  return Math.min(lineStarts[line] + Math.max(0, character), next);
}
