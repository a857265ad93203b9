// The persisted index: every file's FileResult with the size, modification time and content hash it
// was read at, so that a reopened workspace is ready without reading (size + mtime match) or parsing
// (the content hash matches) its files again.
//
// One file per set of workspace folders in the storage folder the client gives. Its first line is a
// header: a magic word, the format version, the server version, the payload's sizes and sha1, padded
// to HEADER_BYTES. The payload is one plainCodec packet: its ints, its doubles, its strings and shapes
// as JSON. Any mismatch, a short file or anything that does not decode means: no cache (the index is
// built from the files, and the cache written anew). Written to a temporary file and renamed over the
// old one, so a crash mid-write leaves the previous cache or none, never half of one. The server
// streams it there (writeIndexCacheStreaming): the ints go to the file as they are encoded, and the
// header, known last, is written into its place at the start.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileResult } from '../manifest/objects';
import { PlainReader, PlainWriter, type PlainPacket } from '../util/plainCodec';
import { yieldToEventLoop } from '../util/eventLoop';
import { releaseBufferOf } from '../util/release';

/** Bump when FileResult or the payload layout changes meaning. */
export const INDEX_FORMAT = 4; // 4: labels flat (Label without Val objects)
const MAGIC = 'K8SDNSLENS-INDEX';
/** The header line's length, padding and newline included: the payload starts here, 8-aligned. */
const HEADER_BYTES = 1024;
/** Bytes of the payload hashed between two pauses when decoding. */
const HASH_PART = 4 << 20;
/** Ints encoded between two writes when streaming (4 MB). */
const STREAM_CHUNK = 1 << 20;

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

/**
 * Encodes entries into the cache file's bytes. Pauses after every `slice` entries (0: encodes in one
 * go) and yields to the event loop at a pause — at every one, or, with `pacing`, when and as it says.
 */
export async function encodeIndexCache(entries: readonly CacheEntry[], serverVersion: string, slice = 64, pacing?: Pacing): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sizes = await encodePayload(entries, slice, pacing, (b) => {
    parts.push(b);
  });
  return Buffer.concat([headerLine(serverVersion, sizes), ...parts]);
}

/**
 * Encodes and writes the cache file without holding it in memory (the 10,000-file index is ~40 MB,
 * and encoding it whole left ~75 MB more resident after every write): the payload is written as it
 * is encoded, after room for the header, and the header last, into that room. Same bytes as
 * encodeIndexCache. Atomic as writeIndexCache.
 */
export async function writeIndexCacheStreaming(file: string, entries: readonly CacheEntry[], serverVersion: string, slice = 64, pacing?: Pacing): Promise<void> {
  await atomically(file, async (fh) => {
    let at = HEADER_BYTES;
    const sizes = await encodePayload(entries, slice, pacing, async (b) => {
      await writeAll(fh, b, at);
      at += b.length;
      // written and hashed: a chunk's memory (4 MB of ints) goes now, not at the next full collection
      releaseBufferOf(b);
    });
    await writeAll(fh, headerLine(serverVersion, sizes), 0);
  });
}

type PayloadSizes = Pick<Header, 'ints' | 'doubles' | 'strings' | 'shapes' | 'sha1'>;

/**
 * The payload, part after part, to `emit` (awaited): the ints (in chunks when there are many), four
 * bytes of padding when their count is odd (the doubles start 8-aligned), the doubles, the strings as
 * a JSON array (stringified a part at a time), the shapes as JSON. Returns the header's sizes. A part
 * is not used after `emit` returns (the streaming writer frees its memory then).
 */
async function encodePayload(entries: readonly CacheEntry[], slice: number, pacing: Pacing | undefined, emit: (b: Buffer) => void | Promise<void>): Promise<PayloadSizes> {
  const h = crypto.createHash('sha1');
  const out = async (b: Buffer) => {
    if (b.length === 0) return;
    h.update(b);
    await emit(b);
  };
  const full: Int32Array[] = [];
  const w = new PlainWriter((ints) => full.push(ints), STREAM_CHUNK);
  const flush = async () => {
    for (const ints of full.splice(0)) await out(bytesOf(ints));
  };
  w.beginArray(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    w.write({ path: e.path, size: e.size, mtimeMs: e.mtimeMs, hash: e.hash, result: e.result });
    if (slice > 0 && i % slice === slice - 1 && yieldsAt(pacing)) {
      await flush();
      await yieldBy(pacing);
    }
  }
  const p = w.finish();
  await flush();
  await out(bytesOf(p.ints));
  // sizes are taken before a part is emitted: the streaming writer frees a part's memory once written
  const ints = w.intCount;
  const doubles = p.doubles.length;
  if (ints % 2 === 1) await out(Buffer.alloc(4));
  await out(bytesOf(p.doubles));
  let strings = 0;
  await jsonArrayInParts(p.strings, slice > 0 ? 16384 : Infinity, pacing, async (b) => {
    strings += b.length;
    await out(b);
  });
  const shapesJson = Buffer.from(JSON.stringify(p.shapes), 'utf8');
  const shapes = shapesJson.length;
  await out(shapesJson);
  return { ints, doubles, strings, shapes, sha1: h.digest('hex') };
}

function bytesOf(a: Int32Array | Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The header line, padded with spaces to HEADER_BYTES (its newline last). */
function headerLine(serverVersion: string, sizes: PayloadSizes): Buffer {
  const header: Header = { format: INDEX_FORMAT, server: serverVersion, endianness: os.endianness(), ...sizes };
  const line = `${MAGIC} ${JSON.stringify(header)}`;
  if (Buffer.byteLength(line) > HEADER_BYTES - 1) throw new Error('index header too long');
  const b = Buffer.alloc(HEADER_BYTES, 0x20);
  b.write(line, 'utf8');
  b[HEADER_BYTES - 1] = 0x0a;
  return b;
}

export type CacheLoad = { entries: Map<string, CacheEntry>; error?: undefined } | { entries: Map<string, CacheEntry>; error: string };

/**
 * JSON.stringify(items) as UTF-8 bytes to `emit`, the same bytes, stringified `part` items at a time
 * with a yield in between (the strings of a 10,000-file index in one go blocked the event loop ~100 ms).
 */
async function jsonArrayInParts(items: readonly unknown[], part: number, pacing: Pacing | undefined, emit: (b: Buffer) => Promise<void>): Promise<void> {
  if (items.length <= part) return emit(Buffer.from(JSON.stringify(items), 'utf8'));
  for (let at = 0; at < items.length; at += part) {
    const json = JSON.stringify(items.slice(at, at + part));
    // without the brackets; a comma between parts
    await emit(Buffer.from(`${at === 0 ? '[' : ','}${json.slice(1, -1)}${at + part >= items.length ? ']' : ''}`, 'utf8'));
    if (yieldsAt(pacing)) await yieldBy(pacing);
  }
}

/** Decodes a cache file's bytes; any problem → no entries and the reason. */
export function decodeIndexCache(buf: Buffer, serverVersion: string): CacheLoad {
  const steps = decodeSteps(buf, serverVersion, Infinity);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** decodeIndexCache, pausing (yield) after every `slice` entries, and between parts of the checksum. */
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
    const sizes = [header.ints * 4, (header.ints % 2) * 4, header.doubles * 8, header.strings, header.shapes];
    if (!sizes.every((n) => Number.isInteger(n) && n >= 0)) return none('bad sizes');
    const total = sizes.reduce((a, b) => a + b, 0);
    if (buf.length !== start + total) return none(`size ${buf.length}, header says ${start + total}`);
    const h = crypto.createHash('sha1');
    // in parts, a pause between them (41 MB at 10,000 files: ~80 ms in one go)
    for (let at = start; at < buf.length; at += HASH_PART) {
      h.update(buf.subarray(at, Math.min(buf.length, at + HASH_PART)));
      yield;
    }
    if (h.digest('hex') !== header.sha1) return none('checksum mismatch');
    let at = start;
    const take = (n: number) => {
      const b = buf.subarray(at, at + n);
      at += n;
      return b;
    };
    const aligned = (b: Buffer, bytes: number): ArrayBuffer =>
      b.byteOffset % bytes === 0 ? (b.buffer as ArrayBuffer) : (b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer);
    const ib = take(sizes[0]);
    const ints = new Int32Array(aligned(ib, 4), ib.byteOffset % 4 === 0 ? ib.byteOffset : 0, header.ints);
    take(sizes[1]);
    const db = take(sizes[2]);
    const doubles = new Float64Array(aligned(db, 8), db.byteOffset % 8 === 0 ? db.byteOffset : 0, header.doubles);
    const strings = JSON.parse(take(sizes[3]).toString('utf8')) as string[];
    const shapes = JSON.parse(take(sizes[4]).toString('utf8')) as string[][];
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

/** How a caller that decodes in slices shares the event loop: whether its slice is used up, and its yield. */
export interface Pacing {
  due(): boolean;
  yield(): Promise<void>;
}

/** Whether a pause point yields: every one without a pacing, those it says with one. */
function yieldsAt(pacing: Pacing | undefined): boolean {
  return !pacing || pacing.due();
}

/** The yield at a pause point: the pacing's, or a plain yield to the event loop. */
function yieldBy(pacing: Pacing | undefined): Promise<void> {
  return pacing ? pacing.yield() : yieldToEventLoop();
}

/**
 * Reads and decodes the cache file; with `slice`, decodes that many entries between pauses, and yields
 * to the event loop at a pause — at every one, or, with `pacing`, when and as it says.
 */
export async function loadIndexCache(file: string, serverVersion: string, slice = Infinity, pacing?: Pacing): Promise<CacheLoad> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch {
    return { entries: new Map(), error: 'no cache file' };
  }
  const steps = decodeSteps(buf, serverVersion, slice);
  try {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (yieldsAt(pacing)) await yieldBy(pacing);
    }
  } finally {
    // what was decoded holds no view on the file's bytes (strings are parsed, lists copied): its
    // memory (41 MB at 10,000 files) goes now rather than at the next full collection
    releaseBufferOf(buf);
  }
}

/** Writes the cache atomically: a temporary file in the same folder, then a rename over the old one. */
export async function writeIndexCache(file: string, bytes: Buffer): Promise<void> {
  await atomically(file, (fh) => writeAll(fh, bytes, 0));
}

/** Runs `write` on a temporary file beside `file`, then renames it over `file`; on failure removes it. */
async function atomically(file: string, write: (fh: fs.promises.FileHandle) => Promise<void>): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fh = await fs.promises.open(tmp, 'w');
    try {
      await write(fh);
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** `b` written at `position` (a write may write less than asked: the rest is written after it). */
async function writeAll(fh: fs.promises.FileHandle, b: Buffer, position: number): Promise<void> {
  for (let done = 0; done < b.length; ) {
    const { bytesWritten } = await fh.write(b, done, b.length - done, position + done);
    done += bytesWritten;
  }
}
