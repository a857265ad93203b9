// The fast scanner: one pass over the text with charCodeAt, building the plain YAML tree directly.
//
// It accepts a strict subset of YAML (what Kubernetes manifests use) and, for that subset, mirrors
// the reference reader (the `yaml` package) decision by decision: where its lexer ends a scalar,
// where a flow collection's lines must be indented, which offsets a node spans. Whatever falls
// outside the subset, or would be an error for the reference, throws DECLINE.
//
// The lexer's `indentNext` matters: it is the indentation continuation lines of a multi-line scalar
// (plain, quoted, block) and the lines inside a flow collection need. It is lexer state, not a
// structural property: a `- ` or `key:` indicator sets it to the collection's indent + 1, a block
// scalar sets it to its content indent, `---`/`...` reset it to 0, and every line the lexer starts in
// block context may lower it (`parseLineStart`: a blank line before a column-0 comment, a `#x` comment
// at a smaller indent...). We track it the same way (`indentNext`) rather than derive it.
//
// Conventions: `pos` is the current offset; `ls` the start of the line `pos` is on (set by
// skipToContent). Every function that parses a node leaves `pos` at the start of the line after the
// node's last line (it consumes the rest of that line: white space, a comment, the line break), except
// flow nodes and quoted scalars inside flow collections, which stop right after their last character.
import type { YDoc, YMap, YNode, YPair, YScalar, YScalarValue, YSeq } from '../yast';
import { DECLINE } from './decline';
import { resolvePlain } from './resolve';
import {
  blockScalarBodyEnd,
  blockScalarValue,
  continueScalar,
  doubleQuotedValue,
  isMarkerAt,
  singleQuotedValue,
  unfoldLines,
} from './scalars';

/** Deeper nesting (block and flow levels together) is declined. */
const MAX_DEPTH = 200;
/** The reference rejects implicit keys longer than 1024 characters; we stay well below. */
const MAX_KEY_LENGTH = 1000;

const END = -1;
const MARKER = -2;

// Why a plain-scalar line scan stopped.
const R_EOL = 0; // line break or end of input
const R_COMMENT = 1; // white space followed by '#'
const R_COLON = 2; // ':' followed by white space, a line break or the end: a mapping key

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GT = 62;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

export function scanStream(text: string): YDoc[] {
  return new Scanner(text).stream();
}

/** White space, a line break or the end of input at p. */
function isWsOrEnd(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  return c === SPACE || c === LF || c === CR || c === TAB || p >= s.length;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/**
 * Characters that may not start a plain scalar (or that we do not handle there): indicators,
 * anchors/aliases/tags, block scalar headers, quotes, directives, reserved characters.
 */
function isExcludedStart(c: number): boolean {
  switch (c) {
    case 63: // ?
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case PIPE:
    case GT:
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case TAB:
    case LF:
    case CR:
      return true;
    default:
      return false;
  }
}

function isPlainStartBlock(s: string, p: number, c: number): boolean {
  // `-`, `?` and `:` start a plain scalar when a non-space character follows (`-1`, `::1`)
  if (c === DASH || c === 63 /* ? */ || c === COLON) return !isWsOrEnd(s, p + 1);
  return p < s.length && !isExcludedStart(c);
}

function isPlainStartFlow(s: string, p: number, c: number): boolean {
  if (c === DASH) {
    const d = s.charCodeAt(p + 1);
    return !isWsOrEnd(s, p + 1) && !isFlowIndicator(d);
  }
  return p < s.length && !isExcludedStart(c);
}

function scalar(start: number, end: number, value: YScalarValue, quoted: boolean): YScalar {
  return { t: 'scalar', start, end, value, quoted };
}

class Scanner {
  private readonly s: string;
  private readonly n: number;
  private pos = 0;
  private ls = 0;
  private depth = 0;
  private flowLevel = 0;
  /** The reference lexer's `indentNext` (see the file comment). */
  private indentNext = 0;
  // Result of the last scanPlainLine (valid when plFrom is the scanned start).
  private plFrom = -1;
  private plEnd = 0;
  private plStop = 0;
  private plReason: number = R_EOL;
  /** Offset of the ':' after the key scanKey last returned. */
  private colon = 0;

  constructor(text: string) {
    this.s = text;
    this.n = text.length;
  }

  stream(): YDoc[] {
    const s = this.s;
    // Line breaks must be LF or CRLF; a BOM is only accepted as the first character.
    let cr = s.indexOf('\r');
    while (cr !== -1) {
      if (s.charCodeAt(cr + 1) !== LF) throw DECLINE;
      cr = s.indexOf('\r', cr + 2);
    }
    if (s.indexOf('\uFEFF', 1) !== -1) throw DECLINE;
    if (s.charCodeAt(0) === 0xfeff) this.pos = this.ls = 1;

    const docs: YDoc[] = [];
    for (;;) {
      const ind = this.skipToContent();
      if (ind === END) break;
      if (ind === MARKER) {
        const explicitStart = s.charCodeAt(this.pos) === DASH;
        this.pos += 3;
        this.endOfLine(); // content on the `---` line is declined
        // `...` outside a document still makes an (empty) document, like the reference's lexer.
        docs.push(explicitStart ? this.document() : { contents: null, errors: [] });
        continue;
      }
      if (s.charCodeAt(this.pos) === 37 /* % */) throw DECLINE; // directive
      this.pos = this.ls;
      docs.push(this.document());
    }
    return docs;
  }

  /** A document's body, from the current line start to the end of input or the next marker. */
  private document(): YDoc {
    let contents: YNode | null = null;
    let ind = this.skipToContent();
    if (ind >= 0) {
      contents = this.blockNode(ind, -1);
      ind = this.skipToContent();
      if (ind >= 0) throw DECLINE; // more content after the root node
    }
    if (ind === MARKER && this.s.charCodeAt(this.pos) === 46 /* . */) {
      this.pos += 3;
      this.endOfLine();
    }
    return { contents, errors: [] };
  }

  /**
   * From a line start, skips blank and comment lines. Returns the indent of the next content line
   * (pos at its first character, ls at its start), MARKER for a `---`/`...` line (pos = ls at it),
   * or END. Tabs in indentation are declined.
   */
  private skipToContent(): number {
    const s = this.s;
    const n = this.n;
    let p = this.pos;
    for (;;) {
      const lineStart = p;
      if (isMarkerAt(s, p)) {
        // `---` / `...`: the lexer resets its indentation state
        this.indentNext = 0;
        this.ls = this.pos = p;
        return MARKER;
      }
      let c = s.charCodeAt(p);
      while (c === SPACE) c = s.charCodeAt(++p);
      // The lexer's parseLineStart: a line may lower indentNext to its indentation when the character
      // after its first one is not white space (for a blank line: the next line's first character).
      if (this.indentNext > p - lineStart && p + 1 < n) {
        const d = s.charCodeAt(p + 1);
        if (!(d === SPACE || d === LF || d === CR || d === TAB)) this.indentNext = p - lineStart;
      }
      if (c === LF) {
        p += 1;
        continue;
      }
      if (c === CR) {
        p += 2;
        continue;
      }
      if (c === HASH) {
        const e = s.indexOf('\n', p);
        if (e === -1) break;
        p = e + 1;
        continue;
      }
      if (p >= n) break;
      if (c === TAB) throw DECLINE;
      this.ls = lineStart;
      this.pos = p;
      return p - lineStart;
    }
    this.pos = this.ls = n;
    return END;
  }

  /** The rest of a line after a node: white space, then a comment (after white space) or the line break. */
  private endOfLine(): void {
    const s = this.s;
    const start = this.pos;
    let p = start;
    let c = s.charCodeAt(p);
    while (c === SPACE || c === TAB) c = s.charCodeAt(++p);
    if (c === LF) {
      this.pos = p + 1;
      return;
    }
    if (c === CR) {
      this.pos = p + 2;
      return;
    }
    if (p >= this.n) {
      this.pos = this.n;
      return;
    }
    if (c === HASH && p > start) {
      const e = s.indexOf('\n', p);
      this.pos = e === -1 ? this.n : e + 1;
      return;
    }
    throw DECLINE;
  }

  /** A block node whose first character is at pos, in column `col`, inside a collection indented `parentIndent`. */
  private blockNode(col: number, parentIndent: number): YNode {
    const s = this.s;
    const p = this.pos;
    if (s.charCodeAt(p) === DASH && isWsOrEnd(s, p + 1)) return this.blockSeq(col);
    const key = this.scanKey();
    if (key !== null) return this.blockMap(col, key);
    return this.inlineValue(parentIndent);
  }

  /**
   * If the line at pos starts with an implicit key (`key:` + white space), returns the key scalar
   * and sets `colon`; otherwise null (pos unchanged).
   */
  private scanKey(): YScalar | null {
    const s = this.s;
    const p = this.pos;
    const c = s.charCodeAt(p);
    let node: YScalar;
    let q: number;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoteEnd(p, c);
      let simple = true;
      for (let i = p + 1; i < close; i++) {
        const d = s.charCodeAt(i);
        if (d === LF) return null; // multi-line: not a key (a ':' after it is declined later)
        if (d === c || d === 92 /* \ */) simple = false;
      }
      q = close + 1;
      let d = s.charCodeAt(q);
      while (d === SPACE) d = s.charCodeAt(++q);
      if (d !== COLON || !isWsOrEnd(s, q + 1)) return null;
      const value = c === DQUOTE ? (simple ? s.slice(p + 1, close) : doubleQuotedValue(s.slice(p, close + 1))) : singleQuotedValue(s, p, close + 1, simple);
      node = scalar(p, close + 1, value, true);
    } else {
      if (!isPlainStartBlock(s, p, c)) return null;
      this.scanPlainLine(p);
      if (this.plReason !== R_COLON) return null;
      q = this.plStop;
      const raw = s.slice(p, this.plEnd);
      if (raw === '<<') throw DECLINE; // merge key
      node = scalar(p, this.plEnd, resolvePlain(raw), false);
    }
    if (q - p > MAX_KEY_LENGTH) throw DECLINE;
    this.colon = q;
    return node;
  }

  /**
   * Scans one line of a plain scalar in block context from p: sets plEnd (end of its text, trailing
   * white space excluded), plStop and plReason, following the reference lexer's `parsePlainScalar`.
   */
  private scanPlainLine(p: number): number {
    const s = this.s;
    const n = this.n;
    let end = p;
    let i = p;
    let reason: number = R_EOL;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c > COLON) {
        end = ++i;
        continue;
      }
      if (c === COLON) {
        if (isWsOrEnd(s, i + 1)) {
          reason = R_COLON;
          break;
        }
        end = ++i;
        continue;
      }
      if (c === SPACE || c === TAB) {
        const d = s.charCodeAt(i + 1);
        if (d === HASH) {
          reason = R_COMMENT;
          break;
        }
        if (c === TAB) {
          // a tab is only accepted as trailing white space (before the line break or a comment)
          let j = i + 1;
          let e = d;
          while (e === SPACE || e === TAB) e = s.charCodeAt(++j);
          if (!(e === LF || e === CR || e === HASH || j >= n)) throw DECLINE;
        }
        i++;
        continue;
      }
      if (c === LF || c === CR || i >= n) break;
      end = ++i;
    }
    this.plFrom = p;
    this.plEnd = end;
    this.plStop = i;
    this.plReason = reason;
    return reason;
  }

  private blockMap(indent: number, firstKey: YScalar): YMap {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    const pairs: YPair[] = [];
    let keySet: Set<YScalarValue> | null = null;
    let end = firstKey.end;
    let key = firstKey;
    for (;;) {
      // Duplicate keys are an error for the reference (a Set also treats NaN keys as equal: declined).
      const kv = key.value;
      if (keySet !== null) {
        if (keySet.has(kv)) throw DECLINE;
        keySet.add(kv);
      } else {
        for (let i = 0; i < pairs.length; i++) if ((pairs[i].key as YScalar).value === kv) throw DECLINE;
        if (pairs.length >= 8) {
          keySet = new Set();
          for (let i = 0; i < pairs.length; i++) keySet.add((pairs[i].key as YScalar).value);
          keySet.add(kv);
        }
      }
      if (key.end > end) end = key.end;
      this.pos = this.colon + 1;
      this.indentNext = indent + 1; // the ':' indicator
      const value = this.mapValue(indent);
      pairs.push({ key, value });
      if (value !== null && value.end > end) end = value.end;
      const ind = this.skipToContent();
      if (ind !== indent) {
        if (ind > indent) throw DECLINE;
        this.pos = this.ls;
        break;
      }
      const next = this.scanKey();
      if (next === null) throw DECLINE; // not a key at the mapping's indent (a `- ` item, a stray scalar...)
      key = next;
    }
    this.depth--;
    return { t: 'map', start: firstKey.start, end, pairs };
  }

  /** The value after a block mapping key's ':' (pos right after it). */
  private mapValue(mapIndent: number): YNode | null {
    const s = this.s;
    let p = this.pos;
    let c = s.charCodeAt(p);
    let tab = false;
    while (c === SPACE || c === TAB) {
      if (c === TAB) tab = true;
      c = s.charCodeAt(++p);
    }
    if (c === LF || c === CR || c === HASH || p >= this.n) {
      this.endOfLine();
      const ind = this.skipToContent();
      if (ind > mapIndent) return this.blockNode(ind, mapIndent);
      // a sequence may sit at the key's own indentation
      if (ind === mapIndent && s.charCodeAt(this.pos) === DASH && isWsOrEnd(s, this.pos + 1)) return this.blockSeq(ind);
      this.pos = this.ls;
      return null;
    }
    if (tab) throw DECLINE;
    this.pos = p;
    if (c === DASH && isWsOrEnd(s, p + 1)) throw DECLINE; // `key: - item`
    return this.inlineValue(mapIndent);
  }

  private blockSeq(indent: number): YSeq {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    const s = this.s;
    const start = this.pos;
    const items: (YNode | null)[] = [];
    let end = start;
    for (;;) {
      this.indentNext = this.pos - this.ls + 1; // the '-' indicator
      const afterDash = this.pos + 1;
      let p = afterDash;
      let c = s.charCodeAt(p);
      let tab = false;
      while (c === SPACE || c === TAB) {
        if (c === TAB) tab = true;
        c = s.charCodeAt(++p);
      }
      let item: YNode | null = null;
      if (c === LF || c === CR || c === HASH || p >= this.n) {
        this.pos = afterDash;
        this.endOfLine();
        const ind = this.skipToContent();
        if (ind > indent) item = this.blockNode(ind, indent);
        else this.pos = this.ls;
      } else {
        if (tab) throw DECLINE;
        this.pos = p;
        item = this.blockNode(p - this.ls, indent);
      }
      items.push(item);
      if (item !== null && item.end > end) end = item.end;
      const ind = this.skipToContent();
      if (ind === indent && s.charCodeAt(this.pos) === DASH && isWsOrEnd(s, this.pos + 1)) continue;
      if (ind > indent) throw DECLINE;
      this.pos = this.ls;
      break;
    }
    this.depth--;
    return { t: 'seq', start, end, items };
  }

  /**
   * A node that is not a block collection (scalar, flow collection, block scalar), starting at pos on
   * the current line, inside a collection indented `parentIndent` (-1 at the root).
   */
  private inlineValue(parentIndent: number): YNode {
    const s = this.s;
    const p = this.pos;
    const c = s.charCodeAt(p);
    const contIndent = this.indentNext;
    if (c === DQUOTE || c === SQUOTE) {
      const node = this.quoted(p, c, contIndent);
      this.endOfLine(); // a ':' here (a key after a value, or a multi-line key) is declined
      return node;
    }
    if (c === LBRACKET || c === LBRACE) {
      const node = c === LBRACKET ? this.flowSeq(contIndent) : this.flowMap(contIndent);
      this.endOfLine(); // a ':' here (a flow collection as a key) is declined
      return node;
    }
    if (c === PIPE || c === GT) return this.blockScalar(parentIndent);
    if (!isPlainStartBlock(s, p, c)) throw DECLINE;
    return this.plainBlock(contIndent);
  }

  /** A plain scalar in block context, possibly over several lines (`contIndent`: the lexer's indentNext). */
  private plainBlock(contIndent: number): YScalar {
    const s = this.s;
    const n = this.n;
    const start = this.pos;
    if (this.plFrom !== start) this.scanPlainLine(start);
    this.plFrom = -1;
    if (this.plReason === R_COLON) throw DECLINE; // a nested mapping on the value's line
    let end = this.plEnd;
    let stop = this.plStop;
    let multi = false;
    if (this.plReason === R_EOL) {
      let p = stop;
      while (p < n) {
        p += s.charCodeAt(p) === CR ? 2 : 1;
        const lineStart = p;
        let c = s.charCodeAt(p);
        while (c === SPACE) c = s.charCodeAt(++p);
        if (c === LF || c === CR) continue; // blank line
        if (p >= n) break;
        if (contIndent === 0) {
          if (p === lineStart && isMarkerAt(s, p)) break;
        } else if (p - lineStart < contIndent) break;
        if (c === HASH) break; // a comment line ends the scalar
        if (c === TAB) throw DECLINE;
        const reason = this.scanPlainLine(p);
        if (reason === R_COLON) throw DECLINE; // multi-line implicit key
        end = this.plEnd;
        stop = this.plStop;
        multi = true;
        if (reason === R_COMMENT) break;
        p = stop;
      }
      this.plFrom = -1;
    }
    const raw = s.slice(start, end);
    const node = scalar(start, end, resolvePlain(multi ? unfoldLines(raw) : raw), false);
    this.pos = stop;
    this.endOfLine();
    return node;
  }

  /** Offset of the closing quote of the quoted scalar opening at p (the reference lexer's rule). */
  private quoteEnd(p: number, q: number): number {
    const s = this.s;
    let e: number;
    if (q === SQUOTE) {
      e = s.indexOf("'", p + 1);
      while (e !== -1 && s.charCodeAt(e + 1) === SQUOTE) e = s.indexOf("'", e + 2);
    } else {
      e = s.indexOf('"', p + 1);
      while (e !== -1) {
        let k = 0;
        while (s.charCodeAt(e - 1 - k) === 92) k++;
        if (k % 2 === 0) break;
        e = s.indexOf('"', e + 1);
      }
    }
    if (e === -1) throw DECLINE; // unterminated
    return e;
  }

  /** A quoted scalar at p; leaves pos right after the closing quote. */
  private quoted(p: number, q: number, contIndent: number): YScalar {
    const s = this.s;
    const close = this.quoteEnd(p, q);
    let simple = true;
    for (let i = p + 1; i < close; i++) {
      const d = s.charCodeAt(i);
      if (d === LF) {
        simple = false;
        const cs = continueScalar(s, i + 1, contIndent);
        if (cs === -1) throw DECLINE; // continuation line not indented enough, or a document marker
        i = cs - 1;
      } else if (d === q || d === 92 || d === CR) simple = false;
    }
    const value = q === DQUOTE ? (simple ? s.slice(p + 1, close) : doubleQuotedValue(s.slice(p, close + 1))) : singleQuotedValue(s, p, close + 1, simple);
    this.pos = close + 1;
    return scalar(p, close + 1, value, true);
  }

  /** A block scalar (`|` or `>` header at pos) in a collection indented `parentIndent`. */
  private blockScalar(parentIndent: number): YScalar {
    if (parentIndent < 0) throw DECLINE; // at the document root
    const s = this.s;
    const start = this.pos;
    const folded = s.charCodeAt(start) === GT;
    let p = start + 1;
    let chomp = '';
    let explicit = 0;
    for (let k = 0; k < 2; k++) {
      const c = s.charCodeAt(p);
      if ((c === DASH || c === 43) /* + */ && chomp === '') {
        chomp = c === DASH ? '-' : '+';
        p++;
      } else if (c >= 49 && c <= 57 && explicit === 0) {
        explicit = c - 48;
        p++;
      } else break;
    }
    if (!isWsOrEnd(s, p)) throw DECLINE; // anything else in the header
    this.pos = p;
    this.endOfLine();
    const bodyStart = this.pos;
    const [bodyEnd, indentNext] = blockScalarBodyEnd(s, bodyStart, this.indentNext, explicit, chomp === '+');
    this.indentNext = indentNext;
    const value = blockScalarValue(s.slice(bodyStart, bodyEnd), parentIndent, explicit, chomp, folded);
    this.pos = bodyEnd;
    return scalar(start, bodyEnd, value, true);
  }

  // ---------------------------------------------------------------- flow collections

  /**
   * White space, line breaks and comments inside a flow collection. Each new line with content must
   * be indented at least `contIndent` (a closing bracket of the outermost collection may sit one
   * less) and may not be a document marker, as in the reference lexer.
   */
  private flowWs(contIndent: number, afterMapValue = false): void {
    const s = this.s;
    const n = this.n;
    let p = this.pos;
    let nlSeen = false;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === SPACE || c === TAB) {
        p++;
        continue;
      }
      if (c === HASH) {
        const prev = s.charCodeAt(p - 1);
        if (!(prev === SPACE || prev === TAB || prev === LF)) throw DECLINE; // comment must follow white space
        const e = s.indexOf('\n', p);
        if (e === -1) throw DECLINE; // unterminated collection
        p = e;
        continue;
      }
      if (c === LF || c === CR) {
        p += c === CR ? 2 : 1;
        // After a flow mapping's value, the reference's parser starts a new item at the next line; a
        // comment right at its start is then "not separated by white space" (an error).
        if (afterMapValue && !nlSeen && s.charCodeAt(p) === HASH) throw DECLINE;
        nlSeen = true;
        const lineStart = p;
        let d = s.charCodeAt(p);
        while (d === SPACE) d = s.charCodeAt(++p);
        const indent = p - lineStart;
        while (d === SPACE || d === TAB) d = s.charCodeAt(++p);
        if (d === LF || d === CR || d === HASH) continue;
        if (p >= n) throw DECLINE;
        if (indent === 0 && isMarkerAt(s, p)) throw DECLINE;
        if (indent < contIndent && !(indent === contIndent - 1 && this.flowLevel === 1 && (d === RBRACKET || d === RBRACE))) throw DECLINE;
        continue;
      }
      break;
    }
    this.pos = p;
  }

  private flowNode(contIndent: number): YNode {
    const s = this.s;
    const p = this.pos;
    const c = s.charCodeAt(p);
    if (c === LBRACKET) return this.flowSeq(contIndent);
    if (c === LBRACE) return this.flowMap(contIndent);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(p, c, contIndent);
    if (!isPlainStartFlow(s, p, c)) throw DECLINE;
    return this.plainFlow();
  }

  /** A plain scalar inside a flow collection, on one line; leaves pos at the character that ended it. */
  private plainFlow(): YScalar {
    const s = this.s;
    const n = this.n;
    const start = this.pos;
    let i = start;
    let end = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 46 && c <= 57)) {
        end = ++i; // letters, digits, '.', '/'
        continue;
      }
      if (isFlowIndicator(c)) break;
      if (c === COLON) {
        if (isWsOrEnd(s, i + 1) || isFlowIndicator(s.charCodeAt(i + 1))) break;
        end = ++i;
        continue;
      }
      if (c === SPACE || c === TAB) {
        if (s.charCodeAt(i + 1) === HASH) break;
        i++;
        continue;
      }
      if (c === LF || c === CR || i >= n) break;
      end = ++i;
    }
    this.pos = i;
    return scalar(start, end, resolvePlain(s.slice(start, end)), false);
  }

  private flowSeq(contIndent: number): YSeq {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    this.flowLevel++;
    const s = this.s;
    const start = this.pos;
    const items: (YNode | null)[] = [];
    this.pos = start + 1;
    this.flowWs(contIndent);
    for (;;) {
      if (s.charCodeAt(this.pos) === RBRACKET) break;
      items.push(this.flowNode(contIndent));
      this.flowWs(contIndent);
      const c = s.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.flowWs(contIndent);
        continue;
      }
      if (c === RBRACKET) break;
      throw DECLINE; // `key: value` pairs in a sequence, multi-line plain scalars, garbage
    }
    this.pos++;
    this.flowLevel--;
    this.depth--;
    return { t: 'seq', start, end: this.pos, items };
  }

  private flowMap(contIndent: number): YMap {
    if (++this.depth > MAX_DEPTH) throw DECLINE;
    this.flowLevel++;
    const s = this.s;
    const start = this.pos;
    const pairs: YPair[] = [];
    let keySet: Set<YScalarValue> | null = null;
    this.pos = start + 1;
    this.flowWs(contIndent);
    for (;;) {
      let c = s.charCodeAt(this.pos);
      if (c === RBRACE) break;
      let key: YScalar;
      if (c === DQUOTE || c === SQUOTE) {
        key = this.quoted(this.pos, c, contIndent);
        for (let i = key.start; i < key.end; i++) if (s.charCodeAt(i) === LF) throw DECLINE; // multi-line key
        // after a quoted key the ':' may follow at once (JSON style) or after spaces
        let p = this.pos;
        let d = s.charCodeAt(p);
        while (d === SPACE || d === TAB) d = s.charCodeAt(++p);
        if (d !== COLON) throw DECLINE;
        this.pos = p + 1;
      } else {
        if (!isPlainStartFlow(s, this.pos, c)) throw DECLINE;
        key = this.plainFlow();
        if (key.value === '<<') throw DECLINE; // merge key
        const p = this.pos;
        if (s.charCodeAt(p) !== COLON) throw DECLINE; // a key without value, or a multi-line key
        const d = s.charCodeAt(p + 1);
        if (!(d === SPACE || d === TAB || d === LF || d === CR)) throw DECLINE;
        this.pos = p + 1;
      }
      const kv = key.value;
      if (keySet !== null) {
        if (keySet.has(kv)) throw DECLINE;
        keySet.add(kv);
      } else {
        for (let i = 0; i < pairs.length; i++) if ((pairs[i].key as YScalar).value === kv) throw DECLINE;
        if (pairs.length >= 8) {
          keySet = new Set();
          for (let i = 0; i < pairs.length; i++) keySet.add((pairs[i].key as YScalar).value);
          keySet.add(kv);
        }
      }
      this.flowWs(contIndent);
      c = s.charCodeAt(this.pos);
      if (c === COMMA || c === RBRACE) throw DECLINE; // empty value
      const value = this.flowNode(contIndent);
      pairs.push({ key, value });
      this.flowWs(contIndent, true);
      c = s.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.flowWs(contIndent);
        continue;
      }
      if (c === RBRACE) break;
      throw DECLINE;
    }
    this.pos++;
    this.flowLevel--;
    this.depth--;
    return { t: 'map', start, end: this.pos, pairs };
  }
}
