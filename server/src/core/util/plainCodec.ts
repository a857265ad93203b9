// A compact, exact encoding of plain data (what FileResults are: objects, arrays, strings, numbers,
// booleans, null and undefined): to send results between threads and to persist the index.
//
// Why not structured clone / v8.serialize: for the objects a workspace's manifests yield (millions of
// small records with the same few shapes), v8.deserialize rebuilds every object property by property
// and costs seconds at 10,000 files. Here every object is written as a shape (its keys, in order) and
// its values; reading creates each object with one literal compiled per shape, so objects come back
// with the same keys in the same order (explicit `undefined` properties included) and one hidden class
// per shape. Strings are stored once per packet (a file id repeated in every span is one entry).
//
// A packet is { ints, doubles, strings, shapes }: the ints stream holds one int per value, a tag in its
// low 4 bits and, above them, a small payload (a non-negative int, a string, shape or number index, an
// array length); ints that do not fit follow their tag (T_INT); a Uint32Array's elements follow its
// tag as they are (T_U32).
import { EMPTY } from './fit';

const T_UNDEF = 0;
const T_NULL = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_DOUBLE = 5;
const T_STRING = 6;
const T_ARRAY = 7;
const T_OBJECT = 8;
const T_SMALL = 9;
const T_U32 = 10;
/**
 * Strings a writer remembers to write once: beyond this many, it starts remembering anew (a string
 * seen before is then stored again: a slightly larger packet). Lookups in a table of every string of
 * a 10,000-file index (~100,000) missed the CPU caches and made encoding it ~40 % slower.
 */
const STRING_IDS = 1 << 14;
/** Payloads below this fit above the tag in an int32. */
const SMALL = 1 << 27;

export interface PlainPacket {
  ints: Int32Array;
  doubles: Float64Array;
  strings: string[];
  /** Keys of each object shape, in order. */
  shapes: string[][];
}

interface ShapeNode {
  id: number;
  /** The first key seen after this one and its node: most objects of a kind have one shape, so the map is rarely asked. */
  key: string | undefined;
  child: ShapeNode | undefined;
  next: Map<string, ShapeNode> | undefined;
}

function newNode(): ShapeNode {
  return { id: -1, key: undefined, child: undefined, next: undefined };
}

/**
 * Encodes values one after another; `finish()` returns the packet. With `onFull`, the ints stream is
 * handed over in chunks of `chunk` ints as it fills (each chunk a buffer of its own, never written
 * again) and `finish()` returns only the ints not handed over yet: for writing a large packet to a
 * file without holding all of it.
 */
export class PlainWriter {
  private ints: Int32Array;
  private n = 0;
  /** Ints handed to onFull so far. */
  private handed = 0;
  private doubles: number[] = [];
  private strings: string[] = [];
  private stringIds = new Map<string, number>();
  private shapes: string[][] = [];
  private root: ShapeNode = newNode();
  private depth = 0;

  constructor(
    private readonly onFull?: (ints: Int32Array) => void,
    chunk = 1 << 16,
  ) {
    this.ints = new Int32Array(chunk);
  }

  /** Ints written so far (handed over or not). */
  get intCount(): number {
    return this.handed + this.n;
  }

  private push(x: number): void {
    if (this.n === this.ints.length) {
      if (this.onFull) {
        this.onFull(this.ints);
        this.handed += this.n;
        this.ints = new Int32Array(this.ints.length);
        this.n = 0;
      } else {
        const bigger = new Int32Array(this.ints.length * 2);
        bigger.set(this.ints);
        this.ints = bigger;
      }
    }
    this.ints[this.n++] = x;
  }

  /** A tag with its payload (which must be below SMALL: more strings or shapes than that is no packet of ours). */
  private tagged(tag: number, payload: number): void {
    if (payload >= SMALL) throw new Error('plainCodec: packet too large');
    this.push((payload << 4) | tag);
  }

  write(v: unknown): void {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          if (v >= 0 && v < SMALL) this.push((v << 4) | T_SMALL);
          else {
            this.push(T_INT);
            this.push(v);
          }
        } else {
          this.tagged(T_DOUBLE, this.doubles.length);
          this.doubles.push(v);
        }
        return;
      case 'string': {
        let id = this.stringIds.get(v);
        if (id === undefined) {
          id = this.strings.length;
          this.strings.push(v);
          if (this.stringIds.size >= STRING_IDS) this.stringIds = new Map();
          this.stringIds.set(v, id);
        }
        this.tagged(T_STRING, id);
        return;
      }
      case 'boolean':
        this.push(v ? T_TRUE : T_FALSE);
        return;
      case 'undefined':
        this.push(T_UNDEF);
        return;
      case 'object': {
        if (v === null) {
          this.push(T_NULL);
          return;
        }
        if (v instanceof Uint32Array) {
          this.tagged(T_U32, v.length);
          for (let i = 0; i < v.length; i++) this.push(v[i] | 0);
          return;
        }
        if (++this.depth > 1000) throw new Error('plainCodec: nesting too deep (a cycle?)');
        if (Array.isArray(v)) {
          this.tagged(T_ARRAY, v.length);
          for (let i = 0; i < v.length; i++) this.write(v[i]);
        } else {
          const proto = Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) throw new Error(`plainCodec: not plain data (${proto?.constructor?.name ?? 'object'})`);
          const obj = v as Record<string, unknown>;
          let node = this.root;
          for (const k in obj) {
            if (node.key === k) {
              node = node.child!;
              continue;
            }
            let next = node.next?.get(k);
            if (!next) {
              next = newNode();
              if (node.key === undefined) {
                node.key = k;
                node.child = next;
              } else (node.next ??= new Map()).set(k, next);
            }
            node = next;
          }
          if (node.id < 0) {
            node.id = this.shapes.length;
            this.shapes.push(Object.keys(obj));
          }
          this.tagged(T_OBJECT, node.id);
          for (const k in obj) this.write(obj[k]);
        }
        this.depth--;
        return;
      }
      default:
        throw new Error(`plainCodec: cannot encode a ${typeof v}`);
    }
  }

  /** Starts an array of `length` values, written by the next `length` calls of write(): for encoding in slices. */
  beginArray(length: number): void {
    this.tagged(T_ARRAY, length);
  }

  finish(): PlainPacket {
    return { ints: this.ints.subarray(0, this.n), doubles: Float64Array.from(this.doubles), strings: this.strings, shapes: this.shapes };
  }
}

export function packPlain(values: readonly unknown[]): PlainPacket {
  const w = new PlainWriter();
  w.write(values);
  return w.finish();
}

type Maker = (read: () => unknown) => Record<string, unknown>;

const SAFE_KEY = /^[A-Za-z_$][\w$]*$/;

/** One object literal per shape, so that every object of a shape gets the same hidden class. */
function makerFor(keys: readonly string[]): Maker {
  if (keys.length <= 64 && keys.every((k) => k !== '__proto__' && k !== 'constructor')) {
    const body = keys.map((k) => `${SAFE_KEY.test(k) ? k : JSON.stringify(k)}: r()`).join(', ');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('r', `return { ${body} };`) as Maker;
  }
  return (r) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(o, k, { value: r(), enumerable: true, writable: true, configurable: true });
    return o;
  };
}

/** Reads a packet value by value: `read()` the next value, or `arrayLength()` then the array's values one by one. */
export class PlainReader {
  private pos = 0;
  private readonly ints: Int32Array;
  readonly read: () => unknown;

  constructor(p: PlainPacket) {
    const { ints, doubles, strings } = p;
    this.ints = ints;
    const makers = p.shapes.map(makerFor);
    const n = ints.length;
    const read = (): unknown => {
      if (this.pos >= n) throw new Error('plainCodec: truncated');
      const x = ints[this.pos++];
      const tag = x & 15;
      switch (tag) {
        case T_SMALL:
          return x >>> 4;
        case T_STRING: {
          const s = strings[x >>> 4];
          if (s === undefined) throw new Error('plainCodec: bad string index');
          return s;
        }
        case T_OBJECT: {
          const m = makers[x >>> 4];
          if (m === undefined) throw new Error('plainCodec: bad shape index');
          return m(read);
        }
        case T_INT:
          return ints[this.pos++];
        case T_ARRAY: {
          const len = x >>> 4;
          if (len > n - this.pos) throw new Error('plainCodec: bad array length');
          if (len === 0) return EMPTY;
          const a = new Array(len);
          for (let i = 0; i < len; i++) a[i] = read();
          return a;
        }
        case T_U32: {
          const len = x >>> 4;
          if (len > n - this.pos) throw new Error('plainCodec: bad array length');
          const a = new Uint32Array(len);
          a.set(ints.subarray(this.pos, this.pos + len));
          this.pos += len;
          return a;
        }
        case T_UNDEF:
          return undefined;
        case T_NULL:
          return null;
        case T_FALSE:
          return false;
        case T_TRUE:
          return true;
        case T_DOUBLE: {
          const i = x >>> 4;
          if (i >= doubles.length) throw new Error('plainCodec: bad number index');
          return doubles[i];
        }
        default:
          throw new Error(`plainCodec: bad tag ${tag}`);
      }
    };
    this.read = read;
  }

  /** The length of the array that starts here (its values are read next, with read()). */
  arrayLength(): number {
    if (this.pos >= this.ints.length) throw new Error('plainCodec: truncated');
    const x = this.ints[this.pos++];
    if ((x & 15) !== T_ARRAY || x >>> 4 > this.ints.length - this.pos) throw new Error('plainCodec: not an array');
    return x >>> 4;
  }

  /** Everything was read. */
  get done(): boolean {
    return this.pos === this.ints.length;
  }
}

/** Decodes what packPlain encoded (one array of values). Throws on malformed input. */
export function unpackPlain(p: PlainPacket): unknown[] {
  const r = new PlainReader(p);
  const out = r.read();
  if (!Array.isArray(out) || !r.done) throw new Error('plainCodec: malformed packet');
  return out;
}
