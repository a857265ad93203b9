// Offsets ↔ lines. Line starts are what is kept of a closed file's text.

export function computeLineStarts(text: string): Uint32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Uint32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
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
