// One copy of each string the reader keeps. A manifest repeats the same few strings thousands of times
// (`TCP`, label keys, namespace names), and a value cut out of a file's text by `slice` may keep that
// whole text alive (V8 makes longer substrings views of their parent): a kept FileResult would then
// hold its file's text for as long as it lives. The first copy of a string is flattened away from
// its parent; later equal strings get that copy.

/** Beyond this many different strings the table starts over (only sharing is lost, never a value). */
const MAX_ENTRIES = 200_000;

let table = new Map<string, string>();
let on = true;

/**
 * Off in a reading worker: what it reads is encoded (plainCodec stores each string once per packet)
 * and dropped, so neither the sharing nor the copy away from the file's text is of any use there —
 * and looking every string up cost the worker ~7 % of its time (measured at 10,000 files).
 */
export function setInterning(enabled: boolean): void {
  on = enabled;
  table = new Map();
}

export function intern(s: string): string {
  if (!on) return s;
  const known = table.get(s);
  if (known !== undefined) return known;
  if (table.size >= MAX_ENTRIES) table = new Map();
  // concatenation then slice: the slice is taken of a fresh flat copy, not of the file's text
  const own = s.length > 12 ? (' ' + s).slice(1) : s;
  table.set(own, own);
  return own;
}
