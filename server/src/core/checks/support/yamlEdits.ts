// Small, careful text edits on YAML source for quick fixes: quoting, appending a document, removing a
// mapping entry, inserting an entry next to another. Every function works on offsets of the file's
// text and declines (returns undefined) rather than guess when the source is not in a shape it knows.
import type { Loc, TextEditSpec } from '../../types';
import { lineStartAt } from '../../util/lines';

/** The line break a file uses: CRLF when its first line break is one, else LF. */
export function eolOf(text: string | undefined): string {
  if (!text) return '\n';
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

const YAML11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/**
 * A string as a YAML scalar that reads back as the same string (Kubernetes' YAML 1.1 decoder included):
 * plain when that is unambiguous, double-quoted otherwise (`"80"`, `"true"`, `"1.0"`, `""`).
 */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !YAML11_WORDS.test(s) && !s.endsWith('.')) return s;
  return JSON.stringify(s);
}

export function lineStartOf(text: string, offset: number): number {
  return lineStartAt(text, offset);
}

/** End of the line holding `offset`: the offset just after its line break, or the end of the text. */
export function lineEndAfter(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

export interface KeyOnLine {
  lineStart: number;
  keyStart: number;
  /** Column of the key: the indentation a sibling entry needs. */
  keyCol: number;
  /** The entry is the first of a sequence item (`- key: value`). */
  seqItem: boolean;
  key: string;
}

/** The block-style key written on the same line before a value: `<indent>[- ]key: <value>`. */
export function keyOnLine(text: string, valueStart: number): KeyOnLine | undefined {
  const lineStart = lineStartOf(text, valueStart);
  const before = text.slice(lineStart, valueStart);
  const m = /^([ \t]*)(-[ \t]+)?(["']?)([A-Za-z0-9_./-]+)\3[ \t]*:[ \t]*$/.exec(before);
  if (!m) return undefined;
  const keyStart = lineStart + m[1].length + (m[2]?.length ?? 0);
  if (m[1].includes('\t') || (m[2] ?? '').includes('\t')) return undefined;
  return { lineStart, keyStart, keyCol: keyStart - lineStart, seqItem: !!m[2], key: m[4] };
}

/** Replace a value's text. */
export function replaceEdit(file: string, at: Loc, newText: string): TextEditSpec {
  return { file, start: at.start, end: at.end, newText };
}

/**
 * A JSON manifest (`.json`, or text that starts with `{` / `[`): YAML it stays, but a fix must not
 * add YAML-only syntax to it.
 */
export function isJson(file: string, text: string | undefined): boolean {
  return /\.json$/i.test(file) || (text !== undefined && /^\uFEFF?\s*[{[]/.test(text));
}

/**
 * Replace a scalar with a new value, in the quoting style of the old one: double quotes stay JSON
 * strings, single quotes stay single-quoted, a plain scalar gets plain style when that reads back
 * the same. Numbers are written as numbers.
 */
export function replaceScalar(file: string, text: string | undefined, at: Loc, value: string | number): TextEditSpec {
  if (typeof value === 'number') return replaceEdit(file, at, String(value));
  const q = text?.[at.start];
  let out: string;
  if (q === '"' || (q === undefined && isJson(file, text))) out = JSON.stringify(value);
  else if (q === "'") out = `'${value.replace(/'/g, "''")}'`;
  else out = isJson(file, text) ? JSON.stringify(value) : yamlString(value);
  return replaceEdit(file, at, out);
}

/**
 * Append a YAML document at the end of a file: a `---` separator (unless the file already ends with
 * one), the lines, and the file's line breaks. A missing final newline is supplied first.
 */
export function appendDocumentEdit(file: string, text: string | undefined, length: number, lineStarts: ArrayLike<number>, lines: string[]): TextEditSpec | undefined {
  if (isJson(file, text)) return undefined;
  const eol = eolOf(text);
  let endsWithBreak: boolean;
  let endsWithSeparator = false;
  if (text !== undefined) {
    endsWithBreak = text.length === 0 || text.endsWith('\n');
    endsWithSeparator = /(?:^|\n)---[ \t]*\r?\n?$/.test(text);
  } else {
    endsWithBreak = length === 0 || lineStarts[lineStarts.length - 1] === length;
  }
  let newText = '';
  if (!endsWithBreak) newText += eol;
  if (length > 0 && !endsWithSeparator) newText += '---' + eol;
  newText += lines.join(eol) + eol;
  return { file, start: length, end: length, newText };
}

/**
 * The range that removes one mapping entry (`key` at keyStart through its value ending at valueEnd)
 * without leaving a blank line or a dangling comma. Block entries lose their whole lines (with a
 * comment on the last one); flow entries lose the entry and one comma. Undefined when the entry is the
 * first of a sequence item, or shares its lines with other entries.
 */
export function entryRemovalRange(text: string, keyStart: number, valueEnd: number): Loc | undefined {
  const lineStart = lineStartOf(text, keyStart);
  const before = text.slice(lineStart, keyStart);
  if (/^[ \t]*$/.test(before)) {
    const end = lineEndAfter(text, valueEnd);
    const after = text.slice(valueEnd, end).replace(/\r?\n$/, '');
    if (!/^[ \t]*(?:#.*)?$/.test(after)) return undefined;
    return { start: lineStart, end };
  }
  // flow style: `{a: 1, key: value, b: 2}`
  let p = keyStart - 1;
  while (p >= 0 && /\s/.test(text[p])) p--;
  const prev = text[p];
  if (prev !== '{' && prev !== ',') return undefined;
  let q = valueEnd;
  while (q < text.length && /\s/.test(text[q])) q++;
  const next = text[q];
  if (next === ',') {
    q++;
    while (q < text.length && (text[q] === ' ' || text[q] === '\t')) q++;
    return { start: keyStart, end: q };
  }
  if (next !== '}') return undefined;
  if (prev === ',') return { start: p, end: valueEnd };
  return { start: keyStart, end: valueEnd };
}

/**
 * Insert `entry` (`key: value`) as a sibling after the block entry whose value spans
 * [valueStart, valueEnd): on the line after the value, at the key's indentation.
 */
export function insertSiblingAfter(file: string, text: string, valueStart: number, valueEnd: number, entry: string): TextEditSpec | undefined {
  if (isJson(file, text)) return undefined;
  const k = keyOnLine(text, valueStart);
  if (!k) return undefined;
  const eol = eolOf(text);
  const end = lineEndAfter(text, valueEnd);
  const after = text.slice(valueEnd, end).replace(/\r?\n$/, '');
  if (!/^[ \t]*(?:#.*)?$/.test(after)) return undefined;
  const line = ' '.repeat(k.keyCol) + entry;
  if (end === text.length && !text.endsWith('\n')) return { file, start: end, end, newText: eol + line + eol };
  return { file, start: end, end, newText: line + eol };
}

/**
 * Insert entries at the start of a mapping: a block mapping whose first key starts at `mapStart`
 * (each entry on its own line, at that key's column), or a flow mapping `{…}` (after the brace).
 */
export function insertFirstEntries(file: string, text: string, mapStart: number, entries: string[]): TextEditSpec | undefined {
  if (entries.length === 0 || isJson(file, text)) return undefined;
  const eol = eolOf(text);
  if (text[mapStart] === '{') {
    let q = mapStart + 1;
    while (q < text.length && /\s/.test(text[q])) q++;
    const empty = text[q] === '}';
    return { file, start: mapStart + 1, end: mapStart + 1, newText: entries.join(', ') + (empty ? '' : ', ') };
  }
  const lineStart = lineStartOf(text, mapStart);
  const before = text.slice(lineStart, mapStart);
  if (!/^[ \t]*(?:-[ \t]+)?$/.test(before) || before.includes('\t')) return undefined;
  const col = mapStart - lineStart;
  const pad = ' '.repeat(col);
  return { file, start: mapStart, end: mapStart, newText: entries.map((e) => e + eol).join(pad) + pad };
}

/** Apply edits (of one file) to a text: for tests and for previews. Edits must not overlap. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
