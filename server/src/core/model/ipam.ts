// Simulated addresses: deterministic, stable across runs and edits, never colliding with declared ones.
//
// Every simulated object (a pod, a Service) has a key (`ns/name`) and a home slot: a hash of the key
// within the range. Addresses are handed out by one canonical pass over all keys sorted by (home, key):
// each takes the first free slot at or after its home (linear probing, wrapping to the start of the
// range once the end is reached). The outcome depends only on the set of keys and the set of declared
// addresses — never on the order of edits — so an incremental update gives exactly what a fresh run
// gives, and a key keeps its address unless another key's home lands in its probe run.
import ipaddr from 'ipaddr.js';
import { readDottedQuad } from '../util/ip';

export type Family = 4 | 6;

export interface IpRange {
  family: Family;
  /** The CIDR as configured. */
  cidr: string;
  /** Network address bytes. */
  base: number[];
  /** Usable slots (offsets from the network address); at most 2^32. */
  size: number;
}

export function parseCidr(cidr: string): IpRange | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr.trim());
  } catch {
    return undefined;
  }
  const [addr, prefix] = parsed;
  const family: Family = addr.kind() === 'ipv4' ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const hostBits = bits - prefix;
  if (hostBits < 2) return undefined;
  const bytes = addr.toByteArray();
  // clear host bits of the base
  for (let bit = prefix; bit < bits; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  const size = hostBits >= 32 ? 2 ** 32 : 2 ** hostBits;
  return { family, cidr: cidr.trim(), base: bytes, size };
}

/** The address at `offset` from the network address of `range`. */
export function addressAt(range: IpRange, offset: number): string {
  const b = range.base;
  if (b.length === 4) return formatV4(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) + offset);
  const bytes = b.slice();
  let carry = offset;
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const sum = bytes[i] + (carry % 256);
    bytes[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum > 0xff ? 1 : 0);
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Dotted-quad text of a 32-bit address given as a number (wrapping modulo 2^32, as byte arithmetic
 * does): what ipaddr.js prints for an IPv4 address, without building one (the model formats one per pod).
 */
export function formatV4(n: number): string {
  const u = n >>> 0;
  // joined, not concatenated: a concatenation of 13 characters or more is a rope in V8 (a node over its
  // parts, the first of them a string of its own), 64 bytes more per pod than the flat text join makes
  quadParts[0] = u >>> 24;
  quadParts[1] = (u >>> 16) & 0xff;
  quadParts[2] = (u >>> 8) & 0xff;
  quadParts[3] = u & 0xff;
  return quadParts.join('.');
}

const quadParts = [0, 0, 0, 0];

const quad = new Uint8Array(4);

/** Canonical four-part decimal IPv4 text: no leading zeros, every part at most 255. */
function isCanonicalV4(ip: string): boolean {
  return ip.length >= 7 && ip.length <= 15 && readDottedQuad(ip, 0, quad, 0);
}

/** Offset of `ip` within `range`, or undefined when outside it (or beyond the slots we use). */
export function offsetOf(range: IpRange, ip: string): number | undefined {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return undefined;
  }
  if (addr.kind() === 'ipv6' && range.family === 4) {
    const v6 = addr as ipaddr.IPv6;
    if (!v6.isIPv4MappedAddress()) return undefined;
    addr = v6.toIPv4Address();
  }
  const bytes = addr.toByteArray();
  if (bytes.length !== range.base.length) return undefined;
  // the bytes above the low 4 must equal the base (and the masked part of the low 4 too)
  const n = bytes.length;
  for (let i = 0; i < n - 4; i++) if (bytes[i] !== range.base[i]) return undefined;
  let hi = 0;
  let lo = 0;
  for (let i = n - 4; i < n; i++) {
    hi = hi * 256 + bytes[i];
    lo = lo * 256 + range.base[i];
  }
  const off = hi - lo;
  if (off < 0 || off >= range.size) return undefined;
  return off;
}

/** Canonical IP form (`10.0.0.1`, `fd00::1`), or undefined when not an IP. */
export function canonicalIp(ip: string): string | undefined {
  if (isCanonicalV4(ip)) return ip; // what ipaddr.js would print for it
  try {
    if (!ipaddr.isValid(ip)) return undefined;
    if (ip.includes('.') && !ip.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(ip)) return undefined;
    return ipaddr.parse(ip).toString();
  } catch {
    return undefined;
  }
}

export function familyOf(ip: string): Family | undefined {
  if (isCanonicalV4(ip)) return 4;
  try {
    return ipaddr.parse(ip).kind() === 'ipv4' ? 4 : 6;
  } catch {
    return undefined;
  }
}

/** FNV-1a 32-bit with a final avalanche: a stable, well-spread hash of a key. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

interface Item {
  key: string;
  home: number;
  /** Assigned slot, -1 when none. */
  slot: number;
}

function itemOrder(a: Item, b: Item): number {
  return a.home - b.home || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Canonical allocator over one range. `reserved` slots are never handed out (network address, gateway,
 * the DNS service address…); `declared` addresses (written in manifests) are skipped too.
 * Items are kept sorted by (home, key) incrementally, so a pass is linear and allocation-free.
 */
export class Allocator {
  private items = new Map<string, Item>();
  private sorted: Item[] = [];
  private pending: Item[] = [];
  private removedCount = 0;
  private declared = new Map<number, number>(); // slot → count of declarations
  private dirty = true;
  /** Keys removed since the last pass (their address changed to none). */
  private removed: string[] = [];
  /** Slot → key, built on the first ownerOf() after a pass (undefined: to be built again). */
  private bySlot: Map<number, string> | undefined;

  constructor(
    readonly range: IpRange,
    private readonly reserved: ReadonlySet<number>,
  ) {}

  private home(key: string): number {
    // as a small integer when it is one: the remainder of an unsigned 32-bit hash is a double in V8, and
    // a field that has held a double boxes every value after it (53,000 items at 10,000 files)
    const h = hash32(key) % this.range.size;
    return h <= 0x7fffffff ? h | 0 : h;
  }

  /** Index of the first item not before `it` in sort order. */
  private lowerBound(it: Item): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemOrder(this.sorted[mid], it) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(key: string): void {
    if (this.items.has(key)) return;
    const it: Item = { key, home: this.home(key), slot: -1 };
    this.items.set(key, it);
    this.pending.push(it);
    this.dirty = true;
  }

  remove(key: string): void {
    const it = this.items.get(key);
    if (!it) return;
    this.items.delete(key);
    this.removedCount++;
    if (it.slot >= 0) this.removed.push(key);
    this.dirty = true;
  }

  /** Bring `sorted` up to date: drop removed items, merge pending ones (one sort for bulk changes). */
  private settle(): void {
    if (this.removedCount) {
      this.sorted = this.sorted.filter((it) => this.items.get(it.key) === it);
      this.removedCount = 0;
    }
    if (this.pending.length === 0) return;
    const pending = this.pending.filter((it) => this.items.get(it.key) === it);
    this.pending = [];
    if (pending.length > 32) {
      this.sorted = this.sorted.concat(pending).sort(itemOrder);
    } else {
      for (const it of pending) this.sorted.splice(this.lowerBound(it), 0, it);
    }
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  declare(ip: string): void {
    const off = offsetOf(this.range, ip);
    if (off === undefined) return;
    this.declared.set(off, (this.declared.get(off) ?? 0) + 1);
    this.dirty = true;
  }

  undeclare(ip: string): void {
    const off = offsetOf(this.range, ip);
    if (off === undefined) return;
    const n = (this.declared.get(off) ?? 0) - 1;
    if (n <= 0) this.declared.delete(off);
    else this.declared.set(off, n);
    this.dirty = true;
  }

  /** Runs the canonical pass if anything changed; returns the keys whose address changed. */
  allocate(): Set<string> {
    const changed = new Set<string>();
    if (!this.dirty) return changed;
    this.dirty = false;
    this.bySlot = undefined;
    this.settle();
    // a key removed and added back within one refresh is a new item: report it only if its slot moved
    for (const k of this.removed) if (!this.items.has(k)) changed.add(k);
    this.removed = [];
    const size = this.range.size;
    const reserved = this.reserved;
    const declared = this.declared;
    let p = 0;
    let overflow: Item[] | undefined;
    for (const it of this.sorted) {
      let slot = it.home > p ? it.home : p;
      while (slot < size && (reserved.has(slot) || declared.has(slot))) slot++;
      if (slot >= size) {
        (overflow ??= []).push(it);
        continue;
      }
      if (it.slot !== slot) {
        changed.add(it.key);
        it.slot = slot;
      }
      p = slot + 1;
    }
    if (overflow) {
      // wrap: free slots from the start of the range, in order
      const over = new Set(overflow);
      const used = new Set<number>();
      for (const it of this.sorted) if (!over.has(it)) used.add(it.slot);
      let s = 0;
      for (const it of overflow) {
        while (s < size && (reserved.has(s) || declared.has(s) || used.has(s))) s++;
        const slot = s < size ? s : -1; // range exhausted: the rest get no address
        if (it.slot !== slot) {
          changed.add(it.key);
          it.slot = slot;
        }
        if (slot >= 0) s++;
      }
    }
    return changed;
  }

  /** The key that has the address `ip` (as the last pass placed them), or undefined. */
  ownerOf(ip: string): string | undefined {
    const off = offsetOf(this.range, ip);
    if (off === undefined) return undefined;
    if (!this.bySlot) {
      this.bySlot = new Map();
      for (const it of this.sorted) if (it.slot >= 0 && this.items.get(it.key) === it) this.bySlot.set(it.slot, it.key);
    }
    return this.bySlot.get(off);
  }

  /** Drops what ownerOf() built (it is built again when asked). */
  forgetOwners(): void {
    this.bySlot = undefined;
  }

  /** The address of a key, or undefined when it has none (not added, or the range is exhausted). */
  addressOf(key: string): string | undefined {
    const it = this.items.get(key);
    return it && it.slot >= 0 ? addressAt(this.range, it.slot) : undefined;
  }

  get count(): number {
    return this.items.size;
  }
}
