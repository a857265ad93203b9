// Where the cursor is in a block-style YAML document, from the text alone: the keys from the document
// root to the line (`spec`, `template`, `spec`, `containers`, `-`, `env`, `-`), the key on the line and
// whether the cursor is in its value. Completion needs this while the user types, when the document may
// not read as a manifest yet; everything else works on the objects' offsets (locate.ts).
// Block mappings and sequences only: flow collections (`{a: b}`) are not followed.
import { lineStartAt } from '../util/lines';

export interface YamlContext {
  /** Keys of the enclosing mappings, root first; `-` for a sequence item. */
  path: string[];
  /** The key written on the cursor's line, when the cursor is after it (`key: |`). */
  key?: string;
  /** The cursor is in a value: after `key:`, or in a sequence item scalar (`- |`). */
  inValue: boolean;
  /** The value text from its start up to the cursor, when in a value. */
  value?: string;
  /** The word under the cursor (DNS-name characters) up to the cursor, and where it starts. */
  word: string;
  wordStart: number;
  /** The word under the cursor extends to here (after the cursor). */
  wordEnd: number;
  /** The character before the word (`:` when the user typed `key:` with no space yet). */
  before: string;
  /** Offsets of the document (between `---` separators) holding the cursor. */
  docStart: number;
  docEnd: number;
}

interface LineInfo {
  /** Column of the first `- ` marker, when the line starts a sequence item. */
  dash?: number;
  /** Column where the content starts (after indentation and `- ` markers). */
  col: number;
  key?: string;
  /** Nothing after `key:` (a nested block follows). */
  open: boolean;
  blank: boolean;
  separator: boolean;
}

const KEY_RE = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)/;
const WORD_CHAR = /[A-Za-z0-9_.\-/]/;
/** Longest word looked at around the cursor (a DNS name has at most 253 characters, a URL a little more). */
const WORD_MAX = 1024;

/** Indentation, `- ` markers, the rest. `s`: the rest may hold a CR (CRLF files, CR-only breaks) or U+2028. */
const LINE_RE = /^(\s*)((?:-(?:\s+|$))*)(.*)$/s;

function lineInfo(raw: string): LineInfo {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return { col: 0, open: false, blank: false, separator: true };
  const m = LINE_RE.exec(line)!;
  const indent = m[1].length;
  const dashes = m[2];
  const rest = m[3];
  const col = indent + dashes.length;
  if (!dashes && (rest === '' || rest.startsWith('#'))) return { col, open: false, blank: true, separator: false };
  const km = KEY_RE.exec(rest);
  const key = km ? (km[1] ?? km[2] ?? km[3]) : undefined;
  const after = km ? rest.slice(km[0].length).trim() : '';
  return { dash: dashes ? indent : undefined, col, key, open: !!km && (after === '' || after.startsWith('#')), blank: false, separator: false };
}

export function yamlContextAt(text: string, offset: number): YamlContext {
  const lineStart = lineStartAt(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const prefix = text.slice(lineStart, offset);
  const cur = lineInfo(prefix);
  // the word under the cursor
  // (no further than WORD_MAX characters each way: a 1 MB value on one line is not a DNS name)
  let ws = offset;
  while (ws > lineStart && offset - ws < WORD_MAX && WORD_CHAR.test(text[ws - 1])) ws--;
  // a URL's scheme is not part of a host name
  const slash = text.slice(ws, offset).lastIndexOf('/');
  if (slash >= 0) ws += slash + 1;
  let we = offset;
  while (we < lineEnd && we - offset < WORD_MAX && /[A-Za-z0-9_.-]/.test(text[we])) we++;
  const path: string[] = [];
  const m = LINE_RE.exec(prefix)!;
  const rest = m[3];
  const km = KEY_RE.exec(rest);
  let key: string | undefined;
  let inValue = false;
  let value: string | undefined;
  if (km) {
    key = km[1] ?? km[2] ?? km[3];
    inValue = true;
    value = rest.slice(km[0].length);
  } else if (cur.dash !== undefined) {
    inValue = true;
    value = rest;
  }
  let col = cur.col;
  let seq = false;
  if (cur.dash !== undefined) {
    path.push('-');
    col = cur.dash;
    seq = true;
  }
  // walk up to the document start
  let docStart = 0;
  let pos = lineStart;
  while (pos > 0) {
    if (col === 0 && !seq) {
      // a root key: no line above can be a parent any more; only the document start is left to find
      docStart = separatorAbove(text, pos);
      break;
    }
    const prevEnd = pos - 1;
    const prevStart = lineStartAt(text, prevEnd);
    pos = prevStart;
    // a line indented deeper than the current column is neither a parent nor a sibling item (nor a
    // separator): skip it without reading it (large documents, e.g. CRDs, have thousands of them)
    const indent = indentOf(text, prevStart, prevEnd);
    if (indent > col || (indent === col && !seq)) continue;
    const L = lineInfo(text.slice(prevStart, prevEnd));
    if (L.separator) {
      docStart = prevEnd + 1;
      break;
    }
    if (L.blank) continue;
    const parent = L.key !== undefined && L.open && (seq ? L.col <= col : L.col < col);
    if (parent) {
      path.push(L.key!);
      if (L.dash !== undefined) {
        path.push('-');
        col = L.dash;
        seq = true;
      } else {
        col = L.col;
        seq = false;
      }
      continue;
    }
    // a sibling key of the sequence item we are in: `- name: x` above `  value: y`
    if (!seq && L.dash !== undefined && L.dash < col && L.col <= col) {
      path.push('-');
      col = L.dash;
      seq = true;
    }
  }
  const docEnd = separatorBelow(text, lineEnd);
  return {
    path: path.reverse(),
    key,
    inValue,
    value,
    word: text.slice(ws, offset),
    wordStart: ws,
    wordEnd: we,
    before: ws > lineStart ? text[ws - 1] : '',
    docStart,
    docEnd,
  };
}

/** Spaces and tabs at the start of a line (what LINE_RE counts as indentation, or less). */
function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - start;
}

/**
 * Is there a document marker line (`---` or `...`, then white space or the end) at `i`? Below the
 * cursor, any line terminator counts before it (CR, U+2028/9 too); above, only LF (lines are LF-split).
 */
function separatorAt(text: string, i: number, anyBreak = false): boolean {
  const p = text.charCodeAt(i - 1);
  if (i > 0 && p !== 10 && !(anyBreak && (p === 13 || p === 0x2028 || p === 0x2029))) return false;
  return i + 3 >= text.length || /\s/.test(text[i + 3]);
}

/** Start of the line after the last marker line that starts before `pos` (a line start), else 0. */
function separatorAbove(text: string, pos: number): number {
  let best = 0;
  for (const marker of ['---', '...']) {
    for (let i = text.lastIndexOf(marker, pos - 1); i >= 0; i = i === 0 ? -1 : text.lastIndexOf(marker, i - 1)) {
      if (i >= pos || !separatorAt(text, i)) continue;
      const nl = text.indexOf('\n', i);
      const after = nl < 0 || nl >= pos ? pos : nl + 1;
      if (after > best) best = after;
      break;
    }
  }
  return best;
}

/** Start of the first marker line after `from` (the end of the cursor's line), else the end of the text. */
function separatorBelow(text: string, from: number): number {
  let best = text.length;
  for (const marker of ['---', '...']) {
    for (let i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 1)) {
      if (!separatorAt(text, i, true)) continue;
      if (i < best) best = i;
      break;
    }
  }
  return best;
}
