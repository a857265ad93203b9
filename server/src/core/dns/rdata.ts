// RDATA between its presentation form (what `dig +short` prints, what DnsRecord.data holds, what a
// master file holds — RFC 1035 §5.1) and structured values, for the zone-file writer (zoneFile.ts) and
// the wire codec (wire.ts). Pure.
//
// Presentation rules followed (as BIND prints and reads them):
//  - a name is labels separated by dots, absolute with a trailing dot; in a label, `\X` is the
//    character X and `\DDD` the byte with decimal value DDD; when printing, the characters
//    `. ; ( ) " \ @ $` are escaped with a backslash, bytes outside 0x21–0x7e as \DDD; `_` and `-` and
//    `*` are plain characters;
//  - a TXT record is one or more character-strings, each printed in double quotes with `"` and `\`
//    escaped and bytes outside 0x20–0x7e as \DDD; each string is at most 255 bytes.
import { formatIP, isV4, parseIP } from './ip';
import type { RRType } from './types';

/** A domain name as its labels, each the raw bytes of the label; [] is the root. */
export type Labels = Buffer[];

export type Rdata =
  | { type: 'A' | 'AAAA'; address: string }
  | { type: 'CNAME' | 'PTR' | 'NS'; target: Labels }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: Labels }
  | { type: 'SOA'; mname: Labels; rname: Labels; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { type: 'TXT'; strings: Buffer[] };

export class RdataError extends Error {}

const MAX_LABEL = 63;
const MAX_NAME_WIRE = 255;

/** Parses a name in presentation form (absolute or not: a final dot is optional) into labels. */
export function parseName(text: string): Labels {
  if (text === '.' || text === '') return [];
  const labels: Labels = [];
  let cur: number[] = [];
  let i = 0;
  const s = Buffer.from(text, 'utf8');
  const end = s.length;
  let lastWasDot = false;
  while (i < end) {
    const c = s[i];
    if (c === 0x2e /* . */) {
      if (cur.length === 0) throw new RdataError(`empty label in "${text}"`);
      labels.push(Buffer.from(cur));
      cur = [];
      i++;
      lastWasDot = true;
      continue;
    }
    lastWasDot = false;
    if (c === 0x5c /* \ */) {
      if (i + 1 >= end) throw new RdataError(`dangling backslash in "${text}"`);
      const d = s.subarray(i + 1, i + 4).toString('latin1');
      if (/^[0-9]{3}$/.test(d)) {
        const v = Number(d);
        if (v > 255) throw new RdataError(`\\${d} is not a byte in "${text}"`);
        cur.push(v);
        i += 4;
      } else {
        cur.push(s[i + 1]);
        i += 2;
      }
      continue;
    }
    cur.push(c);
    i++;
  }
  if (!lastWasDot) {
    if (cur.length === 0) throw new RdataError(`empty label in "${text}"`);
    labels.push(Buffer.from(cur));
  }
  for (const l of labels) if (l.length > MAX_LABEL) throw new RdataError(`label longer than ${MAX_LABEL} bytes in "${text}"`);
  if (labels.reduce((n, l) => n + l.length + 1, 1) > MAX_NAME_WIRE) throw new RdataError(`name longer than ${MAX_NAME_WIRE} bytes: "${text}"`);
  return labels;
}

const NAME_SPECIAL = new Set([0x2e, 0x3b, 0x28, 0x29, 0x22, 0x5c, 0x40, 0x24]); // . ; ( ) " \ @ $

function ddd(b: number): string {
  return `\\${String(b).padStart(3, '0')}`;
}

/** One label in presentation form. */
export function labelText(l: Buffer): string {
  let out = '';
  for (const b of l) {
    if (NAME_SPECIAL.has(b)) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x21 || b > 0x7e) out += ddd(b);
    else out += String.fromCharCode(b);
  }
  return out;
}

/** A name in presentation form, absolute (trailing dot); the root is `.`. */
export function nameText(labels: Labels): string {
  return labels.length === 0 ? '.' : `${labels.map(labelText).join('.')}.`;
}

/** The name as dns-packet takes it: labels joined by dots, no final dot, `.` for the root. Throws when a label cannot be written that way. */
export function packetName(labels: Labels): string {
  if (labels.length === 0) return '.';
  return labels
    .map((l) => {
      if (l.includes(0x2e) || l.length === 0) throw new RdataError(`a label with a dot cannot be encoded: ${labelText(l)}`);
      const s = l.toString('utf8');
      if (!Buffer.from(s, 'utf8').equals(l)) throw new RdataError(`a label that is not UTF-8 cannot be encoded: ${labelText(l)}`);
      return s;
    })
    .join('.');
}

/** Labels of a name as dns-packet decodes it (dots between labels, `.` for the root). */
export function labelsOfPacketName(name: string): Labels {
  if (name === '.' || name === '') return [];
  return name.split('.').map((l) => Buffer.from(l, 'utf8'));
}

/** Parses `"a" "b\"c"` (or a bare word) into character-strings. */
export function parseTxt(text: string): Buffer[] {
  const s = Buffer.from(text.trim(), 'utf8');
  const out: Buffer[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (s[i] === 0x20 || s[i] === 0x09)) i++;
    if (i >= s.length) break;
    const cur: number[] = [];
    const quoted = s[i] === 0x22;
    if (quoted) i++;
    for (;;) {
      if (i >= s.length) {
        if (quoted) throw new RdataError(`unterminated string in ${text}`);
        break;
      }
      const c = s[i];
      if (quoted && c === 0x22) {
        i++;
        break;
      }
      if (!quoted && (c === 0x20 || c === 0x09)) break;
      if (c === 0x5c) {
        if (i + 1 >= s.length) throw new RdataError(`dangling backslash in ${text}`);
        const d = s.subarray(i + 1, i + 4).toString('latin1');
        if (/^[0-9]{3}$/.test(d)) {
          const v = Number(d);
          if (v > 255) throw new RdataError(`\\${d} is not a byte in ${text}`);
          cur.push(v);
          i += 4;
        } else {
          cur.push(s[i + 1]);
          i += 2;
        }
        continue;
      }
      cur.push(c);
      i++;
    }
    if (cur.length > 255) throw new RdataError(`character-string longer than 255 bytes in TXT ${text.slice(0, 40)}…`);
    out.push(Buffer.from(cur));
  }
  if (out.length === 0) throw new RdataError('TXT record without a string');
  return out;
}

/** One character-string as BIND prints it: quoted, `"` and `\` escaped, other bytes outside 0x20–0x7e as \DDD. */
export function txtString(b: Buffer): string {
  let out = '"';
  for (const c of b) {
    if (c === 0x22 || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c < 0x20 || c > 0x7e) out += ddd(c);
    else out += String.fromCharCode(c);
  }
  return `${out}"`;
}

/** Splits text into character-strings of at most 255 bytes (what a TXT record of long text holds). */
export function txtStrings(text: string): Buffer[] {
  const b = Buffer.from(text, 'utf8');
  if (b.length === 0) return [b];
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += 255) out.push(b.subarray(i, i + 255));
  return out;
}

function u16(s: string, what: string): number {
  if (!/^[0-9]{1,5}$/.test(s) || Number(s) > 0xffff) throw new RdataError(`${what} "${s}" is not a 16-bit number`);
  return Number(s);
}

function u32(s: string, what: string): number {
  if (!/^[0-9]{1,10}$/.test(s) || Number(s) > 0xffffffff) throw new RdataError(`${what} "${s}" is not a 32-bit number`);
  return Number(s);
}

/** Splits presentation rdata into fields (names never contain unescaped blanks). */
function fields(data: string): string[] {
  return data.trim().split(/\s+/).filter(Boolean);
}

/** Parses the RDATA of a record (DnsRecord.data) of type `type`. Throws RdataError when it is not valid. */
export function parseRdata(type: RRType, data: string): Rdata {
  switch (type) {
    case 'A':
    case 'AAAA': {
      const ip = parseIP(data.trim());
      if (!ip || isV4(ip) !== (type === 'A')) throw new RdataError(`"${data}" is not an ${type === 'A' ? 'IPv4' : 'IPv6'} address`);
      return { type, address: formatIP(ip) };
    }
    case 'CNAME':
    case 'PTR':
    case 'NS': {
      const f = fields(data);
      if (f.length !== 1) throw new RdataError(`${type} data "${data}" is not one name`);
      return { type, target: parseName(f[0]) };
    }
    case 'SRV': {
      const f = fields(data);
      if (f.length !== 4) throw new RdataError(`SRV data "${data}" is not "priority weight port target"`);
      return { type, priority: u16(f[0], 'priority'), weight: u16(f[1], 'weight'), port: u16(f[2], 'port'), target: parseName(f[3]) };
    }
    case 'SOA': {
      const f = fields(data);
      if (f.length !== 7) throw new RdataError(`SOA data "${data}" does not have 7 fields`);
      return {
        type,
        mname: parseName(f[0]),
        rname: parseName(f[1]),
        serial: u32(f[2], 'serial'),
        refresh: u32(f[3], 'refresh'),
        retry: u32(f[4], 'retry'),
        expire: u32(f[5], 'expire'),
        minimum: u32(f[6], 'minimum'),
      };
    }
    case 'TXT':
      return { type, strings: parseTxt(data) };
  }
}

/** RDATA in presentation form, as `dig +short` prints it and a master file holds it. */
export function rdataText(r: Rdata): string {
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return r.address;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return nameText(r.target);
    case 'SRV':
      return `${r.priority} ${r.weight} ${r.port} ${nameText(r.target)}`;
    case 'SOA':
      return `${nameText(r.mname)} ${nameText(r.rname)} ${r.serial} ${r.refresh} ${r.retry} ${r.expire} ${r.minimum}`;
    case 'TXT':
      return r.strings.map(txtString).join(' ');
  }
}

/** The data of a record in canonical presentation form (escapes made explicit); throws RdataError. */
export function canonicalData(type: RRType, data: string): string {
  return rdataText(parseRdata(type, data));
}
