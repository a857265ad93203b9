// Scalar values: faithful ports of the `yaml` package's folding, escape and block-scalar rules
// (compose/resolve-flow-scalar.js, compose/resolve-block-scalar.js, parse/lexer.js), so that every
// value we produce is the value the reference produces. Anything the reference reports as an error
// makes us decline (throw DECLINE) instead.
import { DECLINE } from './decline';

/** `unfoldLines` of the reference: line folding of plain and single-quoted scalars. */
export function unfoldLines(source: string): string {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  const trimEnd = /(?<![ \t])[ \t]+$/;
  const trimBoth = /^[ \t]+|(?<![ \t])[ \t]+$/g;
  let res = match[1].replace(trimEnd, '');
  let sep = ' ';
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const lm = match[1].replace(trimBoth, '');
    if (lm === '') {
      if (sep === '\n') res += sep;
      else sep = '\n';
    } else {
      res += sep + lm;
      sep = ' ';
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  match = last.exec(source);
  return res + sep + (match?.[1] ?? '');
}

/** Value of a single-quoted scalar whose source (quotes included) is s[start, end). */
export function singleQuotedValue(s: string, start: number, end: number, simple: boolean): string {
  if (simple) return s.slice(start + 1, end - 1);
  return unfoldLines(s.slice(start + 1, end - 1)).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_RE = /^[0-9a-fA-F]+$/;

/** Value of a double-quoted scalar whose source (quotes included) is `source`. */
export function doubleQuotedValue(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i];
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      // foldNewline
      let fold = '';
      let offset = i;
      let c = source[offset + 1];
      while (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        if (c === '\r' && source[offset + 2] !== '\n') break;
        if (c === '\n') fold += '\n';
        offset += 1;
        c = source[offset + 1];
      }
      res += fold || ' ';
      i = offset;
    } else if (ch === '\\') {
      let next = source[++i];
      const cc = ESCAPES[next];
      if (cc) res += cc;
      else if (next === '\n') {
        next = source[i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === '\r' && source[i + 1] === '\n') {
        next = source[++i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !HEX_RE.test(hex)) throw DECLINE;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw DECLINE;
        res += String.fromCodePoint(code);
        i += length;
      } else {
        throw DECLINE; // invalid escape: an error in the reference
      }
    } else if (ch === ' ' || ch === '\t') {
      // trailing white space before a line break is dropped
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n')) res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
    } else {
      res += ch;
    }
  }
  return res;
}

/**
 * `continueScalar` of the reference lexer: may the line starting at `offset` continue a multi-line
 * scalar whose continuation lines need `indentNext` spaces? Returns the position to continue from, or -1.
 */
export function continueScalar(s: string, offset: number, indentNext: number): number {
  if (indentNext > 0) {
    let indent = 0;
    let c = s.charCodeAt(offset);
    while (c === 32) c = s.charCodeAt(++indent + offset);
    if (c === 13 && s.charCodeAt(indent + offset + 1) === 10) return offset + indent + 1;
    return c === 10 || indent >= indentNext ? offset + indent : -1;
  }
  if (isMarkerAt(s, offset)) return -1;
  return offset;
}

/** `---` or `...` followed by white space or the end of input (the lexer's document markers). */
export function isMarkerAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (c !== 45 && c !== 46) return false;
  if (s.charCodeAt(p + 1) !== c || s.charCodeAt(p + 2) !== c) return false;
  const d = s.charCodeAt(p + 3);
  return d === 32 || d === 10 || d === 13 || d === 9 || p + 3 >= s.length;
}

/**
 * The body of a block scalar as the reference lexer delimits it (`parseBlockScalar`): from `bodyStart`
 * (just after the header line) to the returned end (exclusive; the start of the following line).
 * `indentNext` is the lexer's indentNext state (normally the parent collection's indent + 1);
 * `explicitIndent` the header's digit or 0. Returns [end, the lexer's indentNext afterwards].
 */
export function blockScalarBodyEnd(s: string, bodyStart: number, indentNext: number, explicitIndent: number, keep: boolean): [number, number] {
  const n = s.length;
  let nl = bodyStart - 1;
  let indent = 0;
  for (let i = bodyStart; i < n; ++i) {
    const ch = s.charCodeAt(i);
    if (ch === 32) indent += 1;
    else if (ch === 10) {
      nl = i;
      indent = 0;
    } else if (ch === 13 && s.charCodeAt(i + 1) === 10) {
      // part of a CRLF line break
    } else break;
  }
  if (indent >= indentNext) {
    indentNext = explicitIndent === 0 ? indent : explicitIndent - 1 + (indentNext === 0 ? 1 : indentNext);
    do {
      const cs = continueScalar(s, nl + 1, indentNext);
      if (cs === -1) break;
      nl = s.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = n;
  }
  // Trailing insufficiently indented tabs: an error case in the reference.
  let i = nl + 1;
  let ch = s.charCodeAt(i);
  while (ch === 32) ch = s.charCodeAt(++i);
  if (ch === 9) throw DECLINE;
  if (!keep) {
    for (;;) {
      let j = nl - 1;
      let c = s.charCodeAt(j);
      if (c === 13) c = s.charCodeAt(--j);
      const lastChar = j;
      while (c === 32) c = s.charCodeAt(--j);
      if (c === 10 && j >= bodyStart && j + 1 + indent > lastChar) nl = j;
      else break;
    }
  }
  return [Math.min(nl + 1, n), indentNext];
}

/**
 * Value of a block scalar (`resolveBlockScalar`): `source` is its body, `parentIndent` the indent of
 * the collection holding it, `explicitIndent` the header's digit (0 if none), `chomp` '', '-' or '+'.
 */
export function blockScalarValue(source: string, parentIndent: number, explicitIndent: number, chomp: string, folded: boolean): string {
  const lines = splitLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  }
  let trimIndent = parentIndent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === '' || content === '\r') {
      if (explicitIndent === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) throw DECLINE; // more-indented leading empty lines
      if (explicitIndent === 0) trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) throw DECLINE; // block scalar in a collection must be indented
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = lines[i][0];
    let content = lines[i][1];
    if (content[content.length - 1] === '\r') content = content.slice(0, -1);
    if (content && indent.length < trimIndent) throw DECLINE; // less indented than the first line
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  switch (chomp) {
    case '-':
      break;
    case '+':
      for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
      if (value[value.length - 1] !== '\n') value += '\n';
      break;
    default:
      value += '\n';
  }
  return value;
}

/** Lines of a block scalar body as [indent, content] pairs (the reference's `splitLines`). */
function splitLines(source: string): [string, string][] {
  if (source === '') return [];
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const line0: [string, string] = m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first];
  const lines: [string, string][] = [line0];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}
