// The simulated cluster zones as RFC 1035 master files (`k8s-dns-lens records --format zone`), ready
// to load into a real DNS server (BIND's named, Knot, NSD, CoreDNS's `file` plugin…). Pure:
// records → text.
//
// One file per zone the cluster DNS is authoritative for (`cluster.local.`, `in-addr.arpa.`,
// `ip6.arpa.`), each with `$ORIGIN` and `$TTL`, the SOA and NS records the resolver serves at the apex,
// and every record of Resolver.records() whose owner is in the zone. All names are written absolute
// (trailing dot), escaped as RFC 1035 §5.1 says (rdata.ts); TXT strings are re-quoted and split at 255
// bytes; names with `_` are plain names.
//
// What a master file cannot say the same way CoreDNS does (the fidelity tests list these cases):
//  - glue: a DNS server refuses a zone whose NS names inside the zone have no address. CoreDNS names
//    `kube-dns.kube-system.svc.<zone>` as NS of every zone, and answers its address only in the cluster
//    zone: in the reverse zones it has nothing there (the name is not a reverse name, and the plugin
//    falls through). The file adds the address records (from the additional section of the NS answer)
//    as glue, marked so in their comment;
//  - names CoreDNS answers without listing them are not in the file: any well-formed address under
//    `<namespace>.pod.<zone>` in `pods insecure` mode (only the workspace's pods are listed), spelling
//    variants (capitals, `port.protocol` without underscores), and the addresses CoreDNS answers at
//    `_port._protocol` names (an address record at a name with `_` fails BIND's default check-names
//    for primary zones, so the zone would not load), and the port-0 SRV records CoreDNS answers at pod
//    names (records() lists pod names with their address only);
//  - a reverse name the kubernetes plugin does not know is forwarded upstream by CoreDNS
//    (`fallthrough in-addr.arpa ip6.arpa`); in the file it simply does not exist.
import { Resolver, compareRecords, isSubDomain } from './resolver';
import { RdataError, nameText, parseName, parseRdata, rdataText } from './rdata';
import type { DnsRecord } from './types';

export class ZoneFileError extends Error {}

/** One zone as a master file holds it. */
export interface ZoneContents {
  /** The zone, fully qualified: `cluster.local.`. */
  zone: string;
  /** SOA first, then NS, then every other record in canonical order. */
  records: DnsRecord[];
  /** The records of `records` the resolver does not itself answer at their name: glue for in-zone NS names. */
  glue: DnsRecord[];
}

export interface ZoneFileOptions {
  /** A `; comment` after each record saying which object produced it (default true). */
  comments?: boolean;
  /** Extra header lines (without the leading "; "), e.g. the tool version and the workspace. */
  header?: string[];
}

/** The file name of a zone's master file: `cluster.local.zone`; the root zone is `root.zone`. */
export function zoneFileName(zone: string): string {
  const z = zone.replace(/\.$/, '').toLowerCase();
  return `${z === '' ? 'root' : z}.zone`;
}

function key(r: DnsRecord): string {
  return `${r.name.toLowerCase()}\u0000${r.type}\u0000${r.data}`;
}

/** The deepest of `zones` that `name` is in. */
function zoneOfName(zones: string[], name: string): string | undefined {
  let best: string | undefined;
  for (const z of zones) if (isSubDomain(z, name) && (!best || z.length > best.length)) best = z;
  return best;
}

/**
 * The contents of every zone the resolver is authoritative for: the SOA and NS it serves at the apex
 * (and glue for in-zone NS names), then each record of records() in the zone it belongs to.
 */
export function zoneContents(resolver: Resolver): ZoneContents[] {
  const zones = resolver.zones();
  const all = resolver.records();
  const out: ZoneContents[] = [];
  for (const zone of zones) {
    const seen = new Set<string>();
    const records: DnsRecord[] = [];
    const glue: DnsRecord[] = [];
    const add = (r: DnsRecord) => {
      const k = key(r);
      if (seen.has(k)) return;
      seen.add(k);
      records.push(r);
    };
    const soa = resolver.query(zone, 'SOA');
    for (const r of soa.answers) if (r.type === 'SOA') add(r);
    const ns = resolver.query(zone, 'NS');
    for (const r of ns.answers) if (r.type === 'NS') add(r);
    for (const r of all) if (zoneOfName(zones, r.name) === zone) add(r);
    // glue: the address of an NS name inside the zone, when the file would otherwise lack it
    for (const nsr of ns.answers) {
      if (nsr.type !== 'NS' || !isSubDomain(zone, nsr.data) || zoneOfName(zones, nsr.data) !== zone) continue;
      const target = nsr.data.toLowerCase();
      if (records.some((r) => r.name.toLowerCase() === target && (r.type === 'A' || r.type === 'AAAA'))) continue;
      for (const a of ns.additional) {
        if (a.name.toLowerCase() !== target || (a.type !== 'A' && a.type !== 'AAAA')) continue;
        const g: DnsRecord = {
          ...a,
          origin: {
            summary: `glue for the NS record of ${zone} (a DNS server requires it; CoreDNS itself answers nothing at this name in this zone) — ${a.origin?.summary ?? 'the cluster DNS'}`,
            spans: a.origin?.spans ?? [],
            simulated: a.origin?.simulated ?? true,
          },
        };
        if (!seen.has(key(g))) glue.push(g);
        add(g);
      }
    }
    out.push({ zone, records: records.sort(compareRecords), glue });
  }
  return out;
}

const MAX_TTL = 0x7fffffff;

/**
 * Checks what a DNS server checks when it loads a zone, and what must hold by construction: one SOA,
 * at the apex; NS records at the apex, and an address for each NS name inside the zone; every owner in
 * the zone; valid names and data; no duplicate; no name with a CNAME and other data (RFC 1034 §3.6.2,
 * RFC 2181 §10.1) — the resolver never makes one, so a violation is a bug. Throws ZoneFileError.
 */
export function checkZone(z: ZoneContents): void {
  const apex = z.zone.toLowerCase();
  const fail = (m: string): never => {
    throw new ZoneFileError(`zone ${z.zone}: ${m}`);
  };
  try {
    parseName(z.zone);
  } catch (e) {
    fail(`not a valid zone name (${(e as Error).message})`);
  }
  const soas = z.records.filter((r) => r.type === 'SOA');
  if (soas.length !== 1) fail(`${soas.length} SOA records (a zone has exactly one)`);
  if (soas[0].name.toLowerCase() !== apex) fail(`the SOA record is at ${soas[0].name}, not at the apex`);
  const nss = z.records.filter((r) => r.type === 'NS' && r.name.toLowerCase() === apex);
  if (!nss.length) fail('no NS record at the apex');
  const byName = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const r of z.records) {
    const n = r.name.toLowerCase();
    if (!isSubDomain(apex, n)) fail(`${r.name} ${r.type} is not in the zone`);
    try {
      parseName(r.name);
      parseRdata(r.type, r.data);
    } catch (e) {
      if (e instanceof RdataError) fail(`${r.name} ${r.type} ${r.data}: ${e.message}`);
      throw e;
    }
    if (!Number.isInteger(r.ttl) || r.ttl < 0 || r.ttl > MAX_TTL) fail(`${r.name} ${r.type}: TTL ${r.ttl} is not valid`);
    const k = key(r);
    if (seen.has(k)) fail(`${r.name} ${r.type} ${r.data} is listed twice`);
    seen.add(k);
    let types = byName.get(n);
    if (!types) byName.set(n, (types = new Set()));
    if (r.type === 'CNAME' && types.has('CNAME')) fail(`${r.name} has two CNAME records`);
    types.add(r.type);
  }
  for (const [n, types] of byName) {
    if (types.has('CNAME') && types.size > 1) fail(`${n} has a CNAME and other data (${[...types].filter((t) => t !== 'CNAME').join(', ')})`);
  }
  for (const ns of nss) {
    const target = ns.data.toLowerCase();
    if (!isSubDomain(apex, target)) continue;
    const types = byName.get(target);
    if (!types || !(types.has('A') || types.has('AAAA'))) fail(`the NS name ${ns.data} is in the zone but has no address record (glue)`);
  }
}

function commentText(r: DnsRecord): string {
  if (!r.origin) return '';
  const s = `${r.origin.summary}${r.origin.simulated ? ' (simulated)' : ''}`.replace(/[\r\n]+/g, ' ');
  return `  ; ${s}`;
}

/** The zone as an RFC 1035 master file. Throws ZoneFileError when the contents are not a valid zone (see checkZone). */
export function zoneFileText(z: ZoneContents, options: ZoneFileOptions = {}): string {
  checkZone(z);
  const comments = options.comments ?? true;
  const origin = nameText(parseName(z.zone));
  const soa = z.records.find((r) => r.type === 'SOA')!;
  const reverse = origin === 'in-addr.arpa.' || origin === 'ip6.arpa.';
  const lines: string[] = [];
  lines.push(`; ${origin} as the cluster DNS serves it (CoreDNS kubernetes plugin, kubeadm Corefile),`);
  lines.push('; simulated offline by k8s-dns-lens from the workspace\'s manifests. Generated: do not edit.');
  for (const h of options.header ?? []) lines.push(`; ${h.replace(/[\r\n]+/g, ' ')}`);
  lines.push(`; ${z.records.length} records${z.glue.length ? `, of which ${z.glue.length} glue record${z.glue.length === 1 ? '' : 's'} for the NS name` : ''}.`);
  if (reverse) {
    lines.push('; Reverse names without a record here are forwarded upstream by CoreDNS (fallthrough); in this file they do not exist.');
  } else {
    lines.push('; Not listed, though CoreDNS answers them: any address name under <namespace>.pod in `pods insecure` mode,');
    lines.push('; spelling variants (capitals, port.protocol without "_"), addresses at _port._protocol names, SRV at pod names.');
  }
  lines.push(`$ORIGIN ${origin}`);
  lines.push(`$TTL ${soa.ttl}`);
  const rows = z.records.map((r) => ({ name: nameText(parseName(r.name)), ttl: String(r.ttl), type: r.type, data: rdataText(parseRdata(r.type, r.data)), comment: comments ? commentText(r) : '' }));
  const w = Math.min(64, Math.max(...rows.map((r) => r.name.length)));
  const tw = Math.max(...rows.map((r) => r.ttl.length));
  for (const r of rows) lines.push(`${r.name.padEnd(w)} ${r.ttl.padStart(tw)} IN ${r.type.padEnd(5)} ${r.data}${r.comment}`);
  return `${lines.join('\n')}\n`;
}
