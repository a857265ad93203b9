// DNS messages on the wire for `k8s-dns-lens serve`: a query in, the simulated cluster DNS's answer
// out (RFC 1035 §4, EDNS0 RFC 6891). Pure: bytes → bytes over a Resolver; the sockets are in
// cli/serve.ts. The wire format is dns-packet's — never hand-written here.
//
// What the server answers (decisions, documented for users in `serve --help` and on startup):
//  - a question in the cluster zones: the Resolver's answer — NOERROR with records, NODATA or NXDOMAIN
//    with the SOA in the authority section, additional records (SRV targets, NS addresses); the AA
//    flag set, as CoreDNS sets it for the zones it is authoritative for;
//  - a question CoreDNS would forward upstream (outside the cluster zones, or a reverse name the
//    kubernetes plugin falls through on): REFUSED, no AA. The simulation never forwards, and REFUSED
//    is what an authoritative-only server (BIND with `recursion no`) answers for names it does not
//    serve, so clients and tests see the same behaviour;
//  - zone transfers (AXFR, IXFR): REFUSED, as CoreDNS with kubeadm's Corefile (no `transfer` plugin);
//  - RA is never set (CoreDNS's kubernetes plugin does not set it either: dig prints "recursion
//    requested but not available"); RD and CD are copied from the query;
//  - a class other than IN: REFUSED; an opcode other than QUERY: NOTIMP; a type the plugin does not
//    serve: answered as CoreDNS's handler does (a fake A lookup: NODATA or NXDOMAIN);
//  - EDNS0: a query with an OPT record gets one back (our UDP size, version 0, the DO bit echoed, no
//    options); EDNS version above 0: BADVERS; two OPT records or one not at the root: FORMERR;
//  - UDP answers larger than 512 bytes without EDNS, or than the advertised size with it (capped at
//    MAX_UDP_SIZE), are sent truncated: header, question and OPT only, TC set — the client retries
//    over TCP; over TCP the limit is 65535 bytes;
//  - a message that does not decode: FORMERR when the 12-byte header can be read (id and opcode
//    echoed, no question), else dropped; a response (QR set) is dropped; trailing bytes after the
//    message, or a query without exactly one question: FORMERR;
//  - anything that throws while answering: SERVFAIL. respond() never throws.
import * as dnsPacket from 'dns-packet';
import { fqdn } from './resolver';
import { QTYPES } from './types';
import { RdataError, labelsOfPacketName, nameText, packetName, parseName, parseRdata, txtString } from './rdata';
import { formatIP, parseIP } from './ip';
import type { DnsAnswer, DnsRecord, QType, RRType } from './types';

/** The largest UDP payload we send, and advertise in our OPT record (the DNS Flag Day 2020 value). */
export const MAX_UDP_SIZE = 1232;
/** Without EDNS (RFC 1035 §4.2.1). */
export const CLASSIC_UDP_SIZE = 512;
export const MAX_TCP_SIZE = 65535;

/** What answers questions: a Resolver, or anything with its query(). */
export interface Answerer {
  query(name: string, type: QType): DnsAnswer;
}

export interface RespondOptions {
  transport: 'udp' | 'tcp';
  /** Largest UDP answer with EDNS (default MAX_UDP_SIZE). */
  maxUdpSize?: number;
}

/** What happened to one message, for logs and tests. */
export interface Reply {
  /** The message to send back; undefined: drop the query. */
  response?: Buffer;
  /** `name TYPE`, when the question could be read. */
  question?: string;
  /** The rcode sent (`NOERROR`, `REFUSED`, `BADVERS`…), or `dropped`. */
  rcode: string;
  truncated: boolean;
  /** Why a query was dropped or answered FORMERR/SERVFAIL. */
  note?: string;
}

type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED' | 'BADVERS';
const RCODE: Record<Rcode, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, BADVERS: 16 };
const OPCODE_SHIFT = 11;
const OPCODE_MASK = 0xf << OPCODE_SHIFT;

/** A decoded packet as dns-packet returns it at runtime (its typings lack rcode and opcode). */
export type Decoded = dnsPacket.DecodedPacket & { rcode?: string; opcode?: string };

/** dns-packet answer objects we build (its Answer union, loosely). */
type PacketAnswer = dnsPacket.Answer;

interface Header {
  id: number;
  flags: number;
}

/** The 12-byte header, read with dns-packet (the section counts zeroed so nothing else is decoded). */
function readHeader(msg: Buffer): (Header & { qr: boolean; opcode: number }) | undefined {
  if (msg.length < 12) return undefined;
  const h = Buffer.from(msg.subarray(0, 12));
  h.fill(0, 4, 12);
  try {
    const d = dnsPacket.decode(h);
    const flags = d.flags ?? 0;
    return { id: d.id ?? 0, flags, qr: d.type === 'response', opcode: (flags & OPCODE_MASK) >> OPCODE_SHIFT };
  } catch {
    return undefined;
  }
}

/**
 * dns-packet decodes a name as its labels joined by dots (UTF-8): a label holding a dot or bytes that
 * are not UTF-8 does not come back as it was. Such a question is not echoed (FORMERR).
 */
function encodable(name: string): boolean {
  if (name === '.') return true;
  const labels = name.split('.');
  if (labels.some((l) => l.length === 0 || Buffer.byteLength(l) > 63 || l.includes('\uFFFD'))) return false;
  return Buffer.byteLength(name) <= 253;
}

/** The type the Resolver is asked: known question types as they are; any other is answered like one the plugin does not serve. */
function resolverType(t: string): QType {
  const u = t.toUpperCase();
  if ((QTYPES as readonly string[]).includes(u)) return u as QType;
  // handler.go's default branch treats every other type alike (a fake A lookup): HINFO stands for them
  return 'HINFO';
}

/** A DnsRecord as a dns-packet answer. Throws RdataError when the data cannot be encoded. */
export function recordToPacket(r: DnsRecord): PacketAnswer {
  const name = packetName(parseName(r.name));
  const rd = parseRdata(r.type, r.data);
  const base = { name, ttl: r.ttl, class: 'IN' as const };
  switch (rd.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: rd.type, data: rd.address };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: rd.type, data: packetName(rd.target) };
    case 'SRV':
      return { ...base, type: 'SRV', data: { priority: rd.priority, weight: rd.weight, port: rd.port, target: packetName(rd.target) } };
    case 'SOA':
      return {
        ...base,
        type: 'SOA',
        data: { mname: packetName(rd.mname), rname: packetName(rd.rname), serial: rd.serial, refresh: rd.refresh, retry: rd.retry, expire: rd.expire, minimum: rd.minimum },
      };
    case 'TXT':
      return { ...base, type: 'TXT', data: rd.strings };
  }
}

const RR_TYPES: readonly string[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS'];

/** A dns-packet record as a DnsRecord (data as `dig +short` prints it), or undefined for types we do not model (OPT…). */
export function packetToRecord(a: PacketAnswer): DnsRecord | undefined {
  if (!RR_TYPES.includes(a.type)) return undefined;
  const type = a.type as RRType;
  const anyA = a as { name: string; ttl?: number; data: unknown };
  const name = nameText(labelsOfPacketName(anyA.name));
  const ttl = anyA.ttl ?? 0;
  let data: string;
  switch (type) {
    case 'A':
    case 'AAAA': {
      const ip = parseIP(String(anyA.data));
      data = ip ? formatIP(ip) : String(anyA.data);
      break;
    }
    case 'CNAME':
    case 'PTR':
    case 'NS':
      data = nameText(labelsOfPacketName(String(anyA.data)));
      break;
    case 'SRV': {
      const d = anyA.data as dnsPacket.SrvData;
      data = `${d.priority ?? 0} ${d.weight ?? 0} ${d.port} ${nameText(labelsOfPacketName(d.target))}`;
      break;
    }
    case 'SOA': {
      const d = anyA.data as dnsPacket.SoaData;
      data = `${nameText(labelsOfPacketName(d.mname))} ${nameText(labelsOfPacketName(d.rname))} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
      break;
    }
    case 'TXT': {
      const d = anyA.data as Buffer | Buffer[];
      data = (Array.isArray(d) ? d : [d]).map((b) => txtString(Buffer.isBuffer(b) ? b : Buffer.from(String(b)))).join(' ');
      break;
    }
  }
  return { name, type, ttl, data };
}

/** A response, read back: what a client sees (for tests, and for anyone who wants DnsRecords from the wire). */
export interface WireAnswer {
  id: number;
  rcode: string;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  question?: { name: string; type: string; class: string };
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  /** The OPT record, when the response has one. */
  opt?: { udpPayloadSize: number; extendedRcode: number; version: number; do: boolean };
}

/** Decodes a response message. Throws on bytes that are not a DNS message. */
export function readResponse(msg: Buffer): WireAnswer {
  const p = dnsPacket.decode(msg) as Decoded;
  const recs = (l?: PacketAnswer[]) => (l ?? []).map(packetToRecord).filter((r): r is DnsRecord => !!r);
  const optRec = (p.additionals ?? []).find((a) => a.type === 'OPT') as dnsPacket.OptAnswer | undefined;
  const q = p.questions?.[0];
  let rcode = p.rcode ?? 'NOERROR';
  if (optRec && optRec.extendedRcode) {
    const full = (optRec.extendedRcode << 4) | ((p.flags ?? 0) & 0xf);
    rcode = full === 16 ? 'BADVERS' : `RCODE_${full}`;
  }
  return {
    id: p.id ?? 0,
    rcode,
    aa: p.flag_aa,
    tc: p.flag_tc,
    rd: p.flag_rd,
    ra: p.flag_ra,
    question: q ? { name: q.name === '.' ? '.' : `${q.name}.`, type: q.type, class: String(q.class ?? 'IN') } : undefined,
    answers: recs(p.answers),
    authority: recs(p.authorities),
    additional: recs(p.additionals),
    opt: optRec ? { udpPayloadSize: optRec.udpPayloadSize, extendedRcode: optRec.extendedRcode, version: optRec.ednsVersion, do: ((optRec.flags ?? 0) & dnsPacket.DNSSEC_OK) !== 0 } : undefined,
  };
}

/** Builds a query message (for tests and tools): one question, RD set, EDNS when `udpSize` is given. */
export function buildQuery(name: string, type: string, options: { id?: number; udpSize?: number; ednsVersion?: number; do?: boolean } = {}): Buffer {
  const additionals: PacketAnswer[] = [];
  if (options.udpSize !== undefined) {
    additionals.push({ name: '.', type: 'OPT', udpPayloadSize: options.udpSize, extendedRcode: 0, ednsVersion: options.ednsVersion ?? 0, flags: options.do ? dnsPacket.DNSSEC_OK : 0, flag_do: !!options.do, options: [] });
  }
  return dnsPacket.encode({
    type: 'query',
    id: options.id ?? 0,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name: packetName(parseName(name)), type: type as dnsPacket.RecordType, class: 'IN' }],
    additionals,
  });
}

interface Edns {
  udpPayloadSize: number;
  version: number;
  do: boolean;
}

/** The rcode sent for an answer of the Resolver, and whether the AA flag goes with it. */
export function wireRcode(a: DnsAnswer): { rcode: Rcode; aa: boolean } {
  if (a.upstream || a.rcode === 'UNKNOWN') return { rcode: 'REFUSED', aa: false };
  switch (a.rcode) {
    case 'NOERROR':
    case 'NXDOMAIN':
      return { rcode: a.rcode, aa: true };
    case 'REFUSED':
    case 'FORMERR':
    case 'SERVFAIL':
    case 'NOTIMP':
      return { rcode: a.rcode, aa: false };
  }
}

function message(h: Header, rcode: Rcode, opts: { aa?: boolean; tc?: boolean; question?: dnsPacket.Question; edns?: Edns; answer?: DnsAnswer; maxUdp: number }): dnsPacket.Packet {
  const code = RCODE[rcode];
  let flags = h.flags & (OPCODE_MASK | dnsPacket.RECURSION_DESIRED | dnsPacket.CHECKING_DISABLED);
  if (opts.aa) flags |= dnsPacket.AUTHORITATIVE_ANSWER;
  if (opts.tc) flags |= dnsPacket.TRUNCATED_RESPONSE;
  flags |= code & 0xf;
  const additionals: PacketAnswer[] = [];
  const p: dnsPacket.Packet = {
    type: 'response',
    id: h.id,
    flags,
    questions: opts.question ? [opts.question] : [],
    answers: [],
    authorities: [],
    additionals,
  };
  if (opts.answer) {
    p.answers = opts.answer.answers.map(recordToPacket);
    p.authorities = opts.answer.authority.map(recordToPacket);
    additionals.push(...opts.answer.additional.map(recordToPacket));
  }
  if (opts.edns) {
    additionals.push({
      name: '.',
      type: 'OPT',
      udpPayloadSize: opts.maxUdp,
      extendedRcode: code >> 4,
      ednsVersion: 0,
      flags: opts.edns.do ? dnsPacket.DNSSEC_OK : 0,
      flag_do: opts.edns.do,
      options: [],
    });
  }
  return p;
}

/** Answers one DNS message received over `transport`. Never throws. */
export function respond(answerer: Answerer, msg: Buffer, options: RespondOptions): Reply {
  const maxUdp = Math.max(CLASSIC_UDP_SIZE, Math.min(options.maxUdpSize ?? MAX_UDP_SIZE, MAX_TCP_SIZE));
  const h = readHeader(msg);
  if (!h) return { rcode: 'dropped', truncated: false, note: `${msg.length} bytes: shorter than a DNS header` };
  if (h.qr) return { rcode: 'dropped', truncated: false, note: 'a response (QR set), not a query' };
  const fail = (rcode: Rcode, note: string, question?: dnsPacket.Question, edns?: Edns): Reply => {
    try {
      return { response: dnsPacket.encode(message(h, rcode, { question, edns, maxUdp })), rcode, truncated: false, note, question: question ? `${question.name} ${question.type}` : undefined };
    } catch (e) {
      // the question itself cannot be encoded again: answer without it
      return { response: dnsPacket.encode(message(h, rcode, { maxUdp })), rcode, truncated: false, note: `${note}; ${(e as Error).message}` };
    }
  };
  let p: Decoded;
  try {
    p = dnsPacket.decode(msg) as Decoded;
  } catch (e) {
    return fail('FORMERR', `does not decode: ${(e as Error).message}`);
  }
  if (dnsPacket.decode.bytes !== msg.length) return fail('FORMERR', `${msg.length - dnsPacket.decode.bytes} bytes after the message`);
  // EDNS
  const opts = (p.additionals ?? []).filter((a) => a.type === 'OPT') as dnsPacket.OptAnswer[];
  if (opts.length > 1) return fail('FORMERR', 'more than one OPT record');
  let edns: Edns | undefined;
  if (opts.length === 1) {
    const o = opts[0];
    if (o.name !== '.') return fail('FORMERR', 'an OPT record not at the root');
    edns = { udpPayloadSize: o.udpPayloadSize, version: o.ednsVersion, do: ((o.flags ?? 0) & dnsPacket.DNSSEC_OK) !== 0 };
  }
  const questions = p.questions ?? [];
  const question = questions.length === 1 ? questions[0] : undefined;
  if (h.opcode !== 0) return fail('NOTIMP', `opcode ${p.opcode ?? h.opcode} is not QUERY`, question, edns);
  if (!question) return fail('FORMERR', `${questions.length} questions (a query has one)`, undefined, edns);
  if (edns && edns.version > 0) return fail('BADVERS', `EDNS version ${edns.version}`, question, edns);
  if (!encodable(question.name)) return fail('FORMERR', 'the question name cannot be read back as labels of at most 63 bytes', undefined, edns);
  if (question.type === 'OPT') return fail('FORMERR', 'an OPT question', question, edns);
  if (question.class !== 'IN') return fail('REFUSED', `class ${question.class} (only IN is served)`, question, edns);
  const qtext = `${question.name === '.' ? '.' : `${question.name}.`} ${question.type}`;
  let answer: DnsAnswer;
  try {
    answer = answerer.query(question.name === '.' ? '.' : fqdn(question.name), resolverType(question.type));
  } catch (e) {
    return { ...fail('SERVFAIL', `the resolver failed: ${(e as Error).message}`, question, edns), question: qtext };
  }
  const { rcode, aa } = wireRcode(answer);
  const limit = options.transport === 'tcp' ? MAX_TCP_SIZE : edns ? Math.max(CLASSIC_UDP_SIZE, Math.min(edns.udpPayloadSize, maxUdp)) : CLASSIC_UDP_SIZE;
  try {
    const full = message(h, rcode, { aa, question, edns, answer: rcode === 'REFUSED' ? undefined : answer, maxUdp });
    const bytes = dnsPacket.encode(full);
    if (bytes.length <= limit) return { response: bytes, rcode, truncated: false, question: qtext };
    const short = dnsPacket.encode(message(h, rcode, { aa, tc: true, question, edns, maxUdp }));
    if (short.length > limit) return { rcode: 'dropped', truncated: true, question: qtext, note: 'even the truncated answer is too large' };
    return { response: short, rcode, truncated: true, question: qtext, note: `${bytes.length} bytes > ${limit}: truncated (TC)` };
  } catch (e) {
    const why = e instanceof RdataError ? `a record cannot be encoded: ${e.message}` : `encoding failed: ${(e as Error).message}`;
    return { ...fail('SERVFAIL', why, question, edns), question: qtext };
  }
}
