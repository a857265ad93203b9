// `nslookup <name>` run in a pod, printed exactly as BIND 9.18's nslookup prints it
// (bin/dig/nslookup.c printmessage/printsection, bin/dig/dighost.c for the search walk), followed by
// an explanation block whose lines all start with "; "; and the same run as the CLI's JSON object.
//
// What nslookup 9.18 does, and we reproduce:
//  - an address argument becomes a PTR question for its reverse name (get_reverse);
//  - without -type ("default lookups"): an A question; after a NOERROR answer, an AAAA question for the
//    name the A answer's CNAME chain ends at (asked as is, no search list);
//  - the header `Server:\t\t<server>` / `Address:\t<server>#53` / blank line is printed before the
//    answer of an A question, and before any answer when -type was given (so not for `nslookup <ip>`);
//  - rcode other than NOERROR: `** server can't find <name>: <RCODE>` (the last name asked), exit 1;
//  - `Non-authoritative answer:` only when the AA flag is off (CoreDNS sets it; upstream answers not);
//  - A/AAAA in the answer: `Name:\t<owner>` then `Address: <ip>`, per record; other records:
//    `<owner>\t<type text><rdata>` (`canonical name = `, `service = `, `name = `, `text = `,
//    `nameserver = `, `mail exchanger = `); SOA as a block of `\t<field> = <value>` lines;
//    owner names without their final dot, rdata names with it; records grouped by owner name;
//  - no records: with default lookups nothing after A, and `*** Can't find <name>: No answer` after
//    the AAAA question if it has none either (<name> the AAAA question); with -type, after the answer;
//  - a response without the RA flag to its recursive query (check_ra, nslookup only) is announced as it
//    arrives, on stdout, before anything printed for it: `;; Got recursion not available from <server>`
//    — with `, trying next server` when resolv.conf lists another nameserver, which nslookup then asks.
//    CoreDNS's kubernetes plugin never sets RA, so every answer from the cluster zones gets the line
//    (the search-list candidates that answered NXDOMAIN too); a forwarded answer carries the upstream
//    resolver's RA (set): no line. (Asking the next nameserver is not simulated: the explanation says so.)
//    Seen in the fidelity suite: real nslookup against BIND (which, authoritative only, sends no RA
//    either) prints these lines; they were missing here;
//  - a final empty line.
// Upstream answers are not simulated: when the last question goes upstream and its answer is unknown,
// nothing is printed for it and the explanation says so.
import type { ClusterView } from '../model/view';
import type { Span } from '../types';
import { parseIP, reverseName } from './ip';
import { Resolver, describeRecord, recordText } from './resolver';
import { askServer, lookup, type LookupFrom, type LookupResult, type StubResolver } from './search';
import type { DnsAnswer, DnsRecord, QType, Rcode, RRType } from './types';

export interface NslookupOptions {
  /** `-type=…`; undefined: nslookup's default lookups (A, then AAAA). */
  type?: QType;
  from: LookupFrom;
  /** Walk the search list as another client would (default: nslookup's own rules). */
  stub?: StubResolver;
  resolver?: Resolver;
}

export interface NslookupRun {
  /** The argument as given. */
  input: string;
  /** The type of the first question (A by default, PTR for an address). */
  type: QType;
  /** No -type: A, then AAAA. */
  defaultLookups: boolean;
  /** The argument was an address: a PTR question for its reverse name. */
  reverse: boolean;
  /** The name nslookup works with (the argument, or the reverse name). */
  textname: string;
  lookup: LookupResult;
  /** The AAAA question of default lookups, when asked. */
  followUp?: { name: string; answer: DnsAnswer };
  /** Exit status of `k8s-dns-lens nslookup`: 0 on an answer (or one only the upstream gives), 1 on NXDOMAIN or no data. */
  exitCode: 0 | 1;
}

/** Renders a span as text for people, e.g. `manifests/web.yaml:12`. */
export type SpanFormatter = (span: Span) => string;

/** An IPv4 address as inet_pton(AF_INET) takes it (dotted quad, no leading zeros). */
function isV4Text(s: string): boolean {
  return !s.includes(':') && parseIP(s) !== undefined;
}

/** nslookup's get_reverse: the reverse name of an address argument, or undefined. */
export function reverseArgument(input: string): string | undefined {
  const s = input.trim();
  if (s.includes(':')) {
    if (!parseIP(s)) return undefined;
    // dns_name_format: without the final dot
    return reverseName(s)!.replace(/\.$/, '');
  }
  return isV4Text(s) ? reverseName(s) : undefined;
}

/** Run `nslookup [-type=T] <input>` from a pod. */
export function nslookup(view: ClusterView, input: string, opts: NslookupOptions): NslookupRun {
  const resolver = opts.resolver ?? new Resolver(view);
  const rev = reverseArgument(input);
  const defaultLookups = opts.type === undefined;
  const type: QType = rev ? 'PTR' : (opts.type ?? 'A');
  const textname = rev ?? input.trim();
  const res = lookup(view, textname, type, opts.from, { stub: opts.stub ?? 'nslookup', resolver });
  const run: NslookupRun = { input, type, defaultLookups, reverse: !!rev, textname, lookup: res, exitCode: 1 };
  const final = res.final?.answer;
  if (final && defaultLookups && type === 'A' && final.rcode === 'NOERROR' && res.server) {
    const name = chaseCnames(res.final!.name, final.answers);
    run.followUp = { name, answer: askServer(view, resolver, res.server, name, 'AAAA') };
  }
  // The CLI's contract: 0 on an answer, 1 on NXDOMAIN or no data. A name only the upstream can answer
  // (outside the cluster zones) counts as answered: the cluster DNS forwards it.
  const answered = (a?: DnsAnswer) => !!a && (a.rcode === 'UNKNOWN' || (a.rcode === 'NOERROR' && a.answers.length > 0));
  run.exitCode = answered(final) || answered(run.followUp?.answer) ? 0 : 1;
  return run;
}

/** chase_cnamechain: follow the CNAMEs of an answer from `qname`. */
function chaseCnames(qname: string, answers: DnsRecord[]): string {
  let name = qname;
  for (let i = 0; i < answers.length; i++) {
    const c = answers.find((r) => r.type === 'CNAME' && r.name.toLowerCase() === name.toLowerCase());
    if (!c) break;
    name = c.data;
  }
  return name;
}

/** dns_name_format: without the final dot (the root stays `.`). */
function nameText(n: string): string {
  return n === '.' ? '.' : n.replace(/\.$/, '');
}

const RTYPE_TEXT: Partial<Record<RRType | 'MX', string>> = {
  A: 'internet address = ',
  NS: 'nameserver = ',
  CNAME: 'canonical name = ',
  PTR: 'name = ',
  TXT: 'text = ',
  AAAA: 'has AAAA address ',
  SRV: 'service = ',
};

/** printsection: records grouped by owner name, then by type, in order of first appearance. */
function printSection(records: DnsRecord[], section: 'answer' | 'other'): string {
  const groups: { name: string; sets: Map<string, DnsRecord[]> }[] = [];
  for (const r of records) {
    let g = groups.find((x) => x.name.toLowerCase() === r.name.toLowerCase());
    if (!g) groups.push((g = { name: r.name, sets: new Map() }));
    const l = g.sets.get(r.type);
    if (l) l.push(r);
    else g.sets.set(r.type, [r]);
  }
  let out = '';
  for (const g of groups) {
    for (const set of g.sets.values()) {
      for (const r of set) {
        const owner = nameText(g.name);
        if ((r.type === 'A' || r.type === 'AAAA') && section === 'answer') {
          out += `Name:\t${owner}\nAddress: ${r.data}\n`;
        } else if (r.type === 'SOA') {
          const [origin, mail, serial, refresh, retry, expire, minimum] = r.data.split(' ');
          out += `${owner}\n\torigin = ${nameText(origin)}\n\tmail addr = ${nameText(mail)}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}\n`;
        } else {
          out += `${owner}\t${RTYPE_TEXT[r.type] ?? `rdata_${r.type} = `}${r.data}\n`;
        }
      }
    }
  }
  return out;
}

/** printmessage for one answer. */
function printMessage(
  run: NslookupRun,
  qtype: QType,
  asked: string,
  textname: string,
  a: DnsAnswer,
  state: { aNoAnswer: boolean },
): string {
  let out = '';
  if (!run.defaultLookups || qtype === 'A') {
    const server = run.lookup.server ?? '';
    out += `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  }
  if (a.rcode === 'UNKNOWN') return out;
  if (a.rcode !== 'NOERROR') return `${out}** server can't find ${nameText(asked)}: ${a.rcode}\n`;
  const aa = !a.upstream;
  if (!aa && (!run.defaultLookups || qtype === 'A')) out += 'Non-authoritative answer:\n';
  if (a.answers.length) out += printSection(a.answers, 'answer');
  else if (a.upstreamTargets?.length) {
    // records the upstream appends are not known: print nothing for them
  } else if (run.defaultLookups && qtype === 'A') state.aNoAnswer = true;
  else if (!run.defaultLookups || (qtype === 'AAAA' && state.aNoAnswer)) out += `*** Can't find ${textname}: No answer\n`;
  if (!aa && qtype !== 'A' && qtype !== 'AAAA') {
    out += '\nAuthoritative answers can be found from:\n';
    out += printSection(a.authority, 'other');
    out += printSection(a.additional, 'other');
  }
  return out;
}

/** The line nslookup prints when an answer comes without RA: the cluster DNS's own answers (not forwarded ones). */
function noRecursionLine(run: NslookupRun, a: DnsAnswer): string {
  if (!run.lookup.clusterServer || a.upstream) return '';
  const next = run.lookup.resolvConf.nameservers.length > 1 ? ', trying next server' : '';
  return `;; Got recursion not available from ${run.lookup.server}${next}\n`;
}

/** What nslookup prints (stdout), without the explanation. */
export function nslookupOutput(run: NslookupRun): string {
  const final = run.lookup.final;
  if (!final || !run.lookup.server) return '\n';
  const state = { aNoAnswer: false };
  let out = '';
  for (const step of run.lookup.steps) out += noRecursionLine(run, step.answer);
  out += printMessage(run, run.type, final.name, run.textname, final.answer, state);
  if (run.followUp) {
    out += noRecursionLine(run, run.followUp.answer);
    out += printMessage(run, 'AAAA', run.followUp.name, nameText(run.followUp.name), run.followUp.answer, state);
  }
  return `${out}\n`;
}

function withSources(line: string, byLine: ReadonlyMap<string, DnsRecord>, where: SpanFormatter): string {
  const r = byLine.get(line);
  return r ? `${line.replace(/\.$/, '')} (${r.origin!.spans.map(where).join(', ')}).` : line;
}

/**
 * Each record's explanation line → the first record with sources that it describes. (A map: an answer
 * of 100,000 records has as many lines, and comparing each with each took minutes.)
 */
function recordsByLine(records: readonly DnsRecord[]): Map<string, DnsRecord> {
  const m = new Map<string, DnsRecord>();
  for (const r of records) {
    if (!r.origin || !r.origin.spans.length) continue;
    const line = describeRecord(r);
    if (!m.has(line)) m.set(line, r);
  }
  return m;
}

/** The explanation lines (without "; "), record lines with their file:line from `where`. */
export function nslookupExplanation(run: NslookupRun, where: SpanFormatter): string[] {
  const byLine = recordsByLine([...(run.lookup.final?.answer.answers ?? []), ...(run.followUp?.answer.answers ?? [])]);
  const lines = run.lookup.explanation.map((l) => withSources(l, byLine, where));
  if (run.reverse) lines.unshift(`${run.input} is an address: nslookup asks for the PTR record of ${nameText(run.textname)}.`);
  if (run.followUp) {
    const f = run.followUp.answer;
    const n = f.answers.length;
    lines.push(`Then, as nslookup does without -type, asked ${run.followUp.name} AAAA: ${f.rcode}${f.upstream ? ' (upstream)' : ''}${f.rcode === 'NOERROR' ? (n ? ` — ${n} record${n === 1 ? '' : 's'}` : ' without data') : ''}.`);
    const seen = new Set(lines);
    for (const e of f.explanation) {
      const l = withSources(e, byLine, where);
      if (seen.has(l)) continue;
      seen.add(l);
      lines.push(l);
    }
  }
  const ns = run.lookup.resolvConf.nameservers;
  if (run.lookup.clusterServer && ns.length > 1 && [...run.lookup.steps.map((st) => st.answer), run.followUp?.answer].some((a) => a && !a.upstream)) {
    lines.push(
      `nslookup treats an answer without RA (the cluster DNS sets none) as a reason to ask the next nameserver (${ns.slice(1).join(', ')}) and prints that server's answer instead: not simulated, the answers shown are the cluster DNS's.`,
    );
  }
  const unknown = [run.lookup.final?.answer, run.followUp?.answer].filter((a): a is DnsAnswer => !!a && (a.rcode === 'UNKNOWN' || !!a.upstreamTargets?.length));
  if (unknown.length) lines.push('Answers from outside the cluster are not simulated: nslookup would print what the upstream resolver returns for them.');
  return lines;
}

/** nslookup's output, a blank line (nslookup's last), then the explanation as "; " lines. */
export function nslookupText(run: NslookupRun, where: SpanFormatter): string {
  return `${nslookupOutput(run)}${nslookupExplanation(run, where)
    .map((l) => `; ${l}`)
    .join('\n')}\n`;
}

export interface JsonRecord {
  name: string;
  type: RRType;
  ttl: number;
  data: string;
}

/** The CLI's JSON object for one lookup. */
export interface NslookupJson {
  query: { name: string; type: QType };
  rcode: Rcode;
  answers: JsonRecord[];
  /** The names asked, in order, fully qualified. */
  tried: string[];
  explanation: string[];
  /** The nameserver asked. */
  server: string | null;
  /** The last question went to the upstream resolver (its answer is not simulated unless `assumed`). */
  upstream: boolean;
  /** Names outside the cluster whose records the upstream adds to the answer (ExternalName targets). */
  upstreamTargets?: string[];
  /** Some answer carries a simulated value (an address nobody wrote down). */
  simulated: boolean;
  /** Which object produced each record, with file:line. */
  sources: { record: string; summary: string; simulated: boolean; locations: string[] }[];
  /** The AAAA question of default lookups. */
  followUp?: { name: string; type: 'AAAA'; rcode: Rcode; answers: JsonRecord[] };
  /** The search walk: which client, ndots, search list. */
  resolvConf: { policy: string; nameservers: string[]; search: string[]; options: string[] };
  exitCode: 0 | 1;
}

function jsonRecords(rs: DnsRecord[]): JsonRecord[] {
  return rs.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, data: r.data }));
}

export function nslookupJson(run: NslookupRun, where: SpanFormatter): NslookupJson {
  const final = run.lookup.final?.answer;
  const all = [...(final?.answers ?? []), ...(run.followUp?.answer.answers ?? [])];
  const out: NslookupJson = {
    query: { name: run.input, type: run.type },
    rcode: run.lookup.rcode,
    answers: jsonRecords(final?.answers ?? []),
    tried: run.lookup.steps.map((s) => s.name),
    explanation: nslookupExplanation(run, where),
    server: run.lookup.server ?? null,
    upstream: run.lookup.upstream,
    simulated: all.some((r) => r.origin?.simulated),
    sources: all
      .filter((r) => r.origin)
      .map((r) => ({ record: recordText(r), summary: r.origin!.summary, simulated: r.origin!.simulated, locations: r.origin!.spans.map(where) })),
    resolvConf: {
      policy: run.lookup.resolvConf.policy,
      nameservers: run.lookup.resolvConf.nameservers,
      search: run.lookup.resolvConf.searches,
      options: run.lookup.resolvConf.options,
    },
    exitCode: run.exitCode,
  };
  if (final?.upstreamTargets?.length) out.upstreamTargets = final.upstreamTargets;
  if (run.followUp) {
    out.followUp = { name: run.followUp.name, type: 'AAAA', rcode: run.followUp.answer.rcode, answers: jsonRecords(run.followUp.answer.answers) };
  }
  return out;
}
