// The persisted index: every file's FileResult with the size, modification time and content hash it
// was read at, so that a reopened workspace is ready without reading (size + mtime match) or parsing
// (the content hash matches) its files again.
//
// One file per set of workspace folders in the storage folder the client gives. Its first line is a
// header: a magic word, the format version, the server version, the payload's sizes and sha1. Any
// mismatch, a short file or anything that does not decode means: no cache (the index is built from the
// files, and the cache written anew). Written to a temporary file and renamed over the old one, so a
// crash mid-write leaves the previous cache or none, never half of one.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileResult } from '../manifest/objects';
import { PlainReader, PlainWriter, type PlainPacket } from '../util/plainCodec';

/** Bump when FileResult or the payload layout changes meaning. */
export const INDEX_FORMAT = 2;
const MAGIC = 'K8SDNSLENS-INDEX';

export interface CacheEntry {
  path: string;
  size: number;
  mtimeMs: number;
  /** sha1 of the file's bytes (hex). */
  hash: string;
  result: FileResult;
}

interface Header {
  format: number;
  server: string;
  endianness: string;
  ints: number;
  doubles: number;
  strings: number;
  shapes: number;
  sha1: string;
}

/** The cache file of a set of workspace folders. */
export function cacheFileFor(storagePath: string, folders: readonly string[]): string {
  const key = crypto.createHash('sha1').update([...folders].sort().join('\n')).digest('hex').slice(0, 16);
  return path.join(storagePath, `index-${key}.bin`);
}

function yieldNow(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * Encodes entries into the cache file's bytes. Encodes `slice` entries at a time and yields to the
 * event loop in between (pass 0 to encode in one go).
 */
export async function encodeIndexCache(entries: readonly CacheEntry[], serverVersion: string, slice = 64): Promise<Buffer> {
  return Buffer.concat(await encodeIndexCacheParts(entries, serverVersion, slice));
}

/** The cache file's bytes in parts (header line, then the payload's sections), hashed in slices too. */
export async function encodeIndexCacheParts(entries: readonly CacheEntry[], serverVersion: string, slice = 64): Promise<Buffer[]> {
  const w = new PlainWriter();
  w.beginArray(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    w.write({ path: e.path, size: e.size, mtimeMs: e.mtimeMs, hash: e.hash, result: e.result });
    if (slice > 0 && i % slice === slice - 1) await yieldNow();
  }
  const p = w.finish();
  const strings = await jsonArrayInParts(p.strings, slice > 0 ? 16384 : Infinity);
  const shapes = Buffer.from(JSON.stringify(p.shapes), 'utf8');
  const ints = Buffer.from(p.ints.buffer, p.ints.byteOffset, p.ints.byteLength);
  const doubles = Buffer.from(p.doubles.buffer, p.doubles.byteOffset, p.doubles.byteLength);
  const payload = [doubles, ints, strings, shapes];
  const h = crypto.createHash('sha1');
  const HASH_SLICE = 2 << 20;
  for (const b of payload) {
    for (let at = 0; at < b.length; at += HASH_SLICE) {
      h.update(b.subarray(at, at + HASH_SLICE));
      if (slice > 0) await yieldNow();
    }
  }
  const header: Header = {
    format: INDEX_FORMAT,
    server: serverVersion,
    endianness: os.endianness(),
    ints: p.ints.length,
    doubles: p.doubles.length,
    strings: strings.length,
    shapes: shapes.length,
    sha1: h.digest('hex'),
  };
  let line = `${MAGIC} ${JSON.stringify(header)}`;
  // the payload starts 8-aligned, so that its typed arrays can be read in place
  line += ' '.repeat((8 - ((Buffer.byteLength(line) + 1) % 8)) % 8) + '\n';
  return [Buffer.from(line, 'utf8'), ...payload];
}

export type CacheLoad = { entries: Map<string, CacheEntry>; error?: undefined } | { entries: Map<string, CacheEntry>; error: string };

/**
 * JSON.stringify(items) as UTF-8 bytes, the same bytes, stringified `part` items at a time with a yield
 * in between (the strings of a 10,000-file index in one go blocked the event loop ~100 ms).
 */
async function jsonArrayInParts(items: readonly unknown[], part: number): Promise<Buffer> {
  if (items.length <= part) return Buffer.from(JSON.stringify(items), 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < items.length; at += part) {
    const json = JSON.stringify(items.slice(at, at + part));
    // without the brackets; a comma between parts
    pieces.push(Buffer.from(`${at === 0 ? '[' : ','}${json.slice(1, -1)}${at + part >= items.length ? ']' : ''}`, 'utf8'));
    await yieldNow();
  }
  return Buffer.concat(pieces);
}

/** Decodes a cache file's bytes; any problem → no entries and the reason. */
export function decodeIndexCache(buf: Buffer, serverVersion: string): CacheLoad {
  const steps = decodeSteps(buf, serverVersion, Infinity);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** decodeIndexCache, pausing (yield) after every `slice` entries. */
export function* decodeSteps(buf: Buffer, serverVersion: string, slice: number): Generator<void, CacheLoad> {
  const none = (error: string): CacheLoad => ({ entries: new Map(), error });
  try {
    const nl = buf.indexOf(10);
    if (nl < 0 || nl > 4096) return none('no header');
    const line = buf.subarray(0, nl).toString('utf8');
    if (!line.startsWith(`${MAGIC} `)) return none('not an index file');
    const header = JSON.parse(line.slice(MAGIC.length + 1)) as Header;
    if (header.format !== INDEX_FORMAT) return none(`format ${header.format}, this server reads ${INDEX_FORMAT}`);
    if (header.server !== serverVersion) return none(`written by server ${header.server}, this is ${serverVersion}`);
    if (header.endianness !== os.endianness()) return none('other byte order');
    const start = nl + 1;
    const sizes = [header.doubles * 8, header.ints * 4, header.strings, header.shapes];
    if (!sizes.every((n) => Number.isInteger(n) && n >= 0)) return none('bad sizes');
    const total = sizes.reduce((a, b) => a + b, 0);
    if (buf.length !== start + total) return none(`size ${buf.length}, header says ${start + total}`);
    const h = crypto.createHash('sha1');
    h.update(buf.subarray(start));
    if (h.digest('hex') !== header.sha1) return none('checksum mismatch');
    let at = start;
    const take = (n: number) => {
      const b = buf.subarray(at, at + n);
      at += n;
      return b;
    };
    const aligned = (b: Buffer, bytes: number): ArrayBuffer =>
      b.byteOffset % bytes === 0 ? (b.buffer as ArrayBuffer) : (b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer);
    const db = take(sizes[0]);
    const doubles = new Float64Array(aligned(db, 8), db.byteOffset % 8 === 0 ? db.byteOffset : 0, header.doubles);
    const ib = take(sizes[1]);
    const ints = new Int32Array(aligned(ib, 4), ib.byteOffset % 4 === 0 ? ib.byteOffset : 0, header.ints);
    const strings = JSON.parse(take(sizes[2]).toString('utf8')) as string[];
    const shapes = JSON.parse(take(sizes[3]).toString('utf8')) as string[][];
    const packet: PlainPacket = { ints, doubles, strings, shapes };
    const reader = new PlainReader(packet);
    const count = reader.arrayLength();
    const entries = new Map<string, CacheEntry>();
    for (let i = 0; i < count; i++) {
      const e = reader.read() as CacheEntry;
      if (!e || typeof e.path !== 'string' || typeof e.hash !== 'string' || typeof e.size !== 'number' || typeof e.mtimeMs !== 'number') return none('bad entry');
      const r = e.result;
      if (!r || typeof r.file !== 'string' || !Array.isArray(r.objects) || !Array.isArray(r.problems) || !(r.lineStarts instanceof Uint32Array)) return none('bad entry');
      entries.set(e.path, e);
      if (i % slice === slice - 1) yield;
    }
    if (!reader.done) return none('trailing data');
    return { entries };
  } catch (e) {
    return none(`unreadable: ${(e as Error).message}`);
  }
}

/** Reads and decodes the cache file; with `slice`, decodes that many entries between yields to the event loop. */
export async function loadIndexCache(file: string, serverVersion: string, slice = Infinity): Promise<CacheLoad> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch {
    return { entries: new Map(), error: 'no cache file' };
  }
  const steps = decodeSteps(buf, serverVersion, slice);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((res) => setImmediate(res));
  }
}

/** Writes the cache atomically: a temporary file in the same folder, then a rename over the old one. */
export async function writeIndexCache(file: string, bytes: Buffer | readonly Buffer[]): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fh = await fs.promises.open(tmp, 'w');
    try {
      for (const b of Buffer.isBuffer(bytes) ? [bytes] : bytes) await fh.write(b);
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
