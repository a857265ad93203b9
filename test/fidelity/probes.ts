// What the fidelity suite asks: every name of the exported zone files (and their empty
// non-terminals) with every record type we serve, and names that do not exist (NXDOMAIN probes); and
// where BIND, loaded with those files, cannot answer as CoreDNS does: the named exceptions, each with
// its reason, printed in the test output.
import type { DigResult } from './harness';

/** Record types asked at every name; SOA and NS are asked at the apex only. */
export const TYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT'] as const;
export const APEX_TYPES = ['SOA', 'NS'] as const;

export interface ZoneRecord {
  name: string;
  ttl: number;
  type: string;
  data: string;
  comment: string;
}

/** Reads a master file as `records --format zone` writes it (absolute names, one record a line). */
export function readZoneFile(text: string): ZoneRecord[] {
  const out: ZoneRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(';') || line.startsWith('$')) continue;
    // the comment starts at the first ';' outside a quoted string
    let inQuote = false;
    let cut = line.length;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '\\') i++;
      else if (c === '"') inQuote = !inQuote;
      else if (c === ';' && !inQuote) {
        cut = i;
        break;
      }
    }
    const m = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*?)\s*$/.exec(line.slice(0, cut));
    if (!m) throw new Error(`not a record line: ${line}`);
    out.push({ name: m[1].toLowerCase(), ttl: Number(m[2]), type: m[3], data: m[4], comment: line.slice(cut + 1).trim() });
  }
  return out;
}

export type ProbeKind =
  | 'apex'
  | 'name'
  | 'empty non-terminal'
  | 'glue'
  | 'missing service'
  | 'missing endpoint'
  | 'missing namespace'
  | 'missing port'
  | 'not a kubernetes name'
  | 'pod address not in the workspace'
  | 'reverse of an unknown address'
  | 'outside the zones';

export interface Probe {
  name: string;
  type: string;
  kind: ProbeKind;
  /** The zone the name is in, or undefined outside. */
  zone?: string;
}

/** What the fixture's zones hold, for the exceptions to look at. */
export interface ZoneFacts {
  zones: string[];
  cluster: string;
  cnameOwners: Set<string>;
  glueNames: Set<string>;
  /** Names CoreDNS answers in special cases: `ns.dns.<zone>` (the SOA MNAME) and `dns-version.<zone>`. */
  specialNames: Set<string>;
}

const isReverseZone = (z?: string) => z === 'in-addr.arpa.' || z === 'ip6.arpa.';

function zoneOf(zones: string[], name: string): string | undefined {
  let best: string | undefined;
  for (const z of zones) if ((name === z || name.endsWith(`.${z}`)) && (!best || z.length > best.length)) best = z;
  return best;
}

/** Every probe for a fixture whose zones are `files` (zone → records); the cluster zone first. */
export function probesFor(files: { zone: string; records: ZoneRecord[] }[]): { probes: Probe[]; facts: ZoneFacts } {
  const zones = files.map((f) => f.zone);
  const cluster = zones[0];
  const facts: ZoneFacts = { zones, cluster, cnameOwners: new Set(), glueNames: new Set(), specialNames: new Set([`dns-version.${cluster}`]) };
  const probes: Probe[] = [];
  const names = new Map<string, ProbeKind>();
  for (const f of files) {
    const owners = new Set(f.records.map((r) => r.name));
    for (const r of f.records) {
      if (r.type === 'CNAME') facts.cnameOwners.add(r.name);
      if (r.type === 'SOA') facts.specialNames.add(r.data.split(' ')[0].toLowerCase());
      if (/^glue for the NS record/.test(r.comment)) facts.glueNames.add(r.name);
    }
    // the reverse tree has an empty non-terminal per label of every address (32 for IPv6), all answered
    // alike: one of them (the parent of the first PTR name) stands for the others
    let reverseEnts = isReverseZone(f.zone) ? 1 : Infinity;
    for (const o of owners) {
      names.set(o, o === f.zone ? 'apex' : facts.glueNames.has(o) ? 'glue' : 'name');
      // empty non-terminals: the ancestors of an owner below the apex that own nothing themselves
      const labels = o.slice(0, -1).split('.');
      for (let i = 1; i < labels.length && reverseEnts > 0; i++) {
        const anc = `${labels.slice(i).join('.')}.`;
        if (anc === f.zone || !anc.endsWith(`.${f.zone}`)) break;
        if (!owners.has(anc) && !names.has(anc)) {
          names.set(anc, 'empty non-terminal');
          if (isReverseZone(f.zone)) reverseEnts--;
        }
      }
    }
  }
  // names that do not exist
  const services = new Set<string>();
  const namespaces = new Set<string>();
  for (const [n] of names) {
    const m = new RegExp(`^([^.]+)\\.([^.]+)\\.svc\\.${cluster.replace(/\./g, '\\.')}$`).exec(n);
    if (m && !m[1].startsWith('_')) {
      services.add(n);
      namespaces.add(m[2]);
    }
  }
  const add = (name: string, kind: ProbeKind) => {
    if (!names.has(name)) names.set(name, kind);
  };
  for (const ns of namespaces) add(`no-such-service.${ns}.svc.${cluster}`, 'missing service');
  for (const s of services) {
    add(`no-such-host.${s}`, 'missing endpoint');
    add(`_no-such-port._tcp.${s}`, 'missing port');
  }
  add(`no-such-service.no-such-namespace.svc.${cluster}`, 'missing namespace');
  add(`no-such-namespace.svc.${cluster}`, 'missing namespace');
  add(`no-such-label.${cluster}`, 'not a kubernetes name');
  if (namespaces.has('default')) add(`10-99-99-99.default.pod.${cluster}`, 'pod address not in the workspace');
  if (zones.includes('in-addr.arpa.')) {
    add('99.99.99.10.in-addr.arpa.', 'reverse of an unknown address');
    add('8.8.8.8.in-addr.arpa.', 'reverse of an unknown address');
  }
  if (zones.includes('ip6.arpa.')) add('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', 'reverse of an unknown address');
  add('github.github.io.', 'outside the zones');
  for (const [name, kind] of names) {
    const zone = zoneOf(zones, name);
    for (const type of TYPES) probes.push({ name, type, kind, zone });
    if (kind === 'apex') for (const type of APEX_TYPES) probes.push({ name, type, kind, zone });
  }
  return { probes, facts };
}

/** One side's answer: rcode and RDATA, sorted. */
export interface Outcome {
  status: string;
  data: string[];
}

export function outcome(d: DigResult): Outcome {
  return { status: d.status, data: [...d.data].sort() };
}

export function same(a: Outcome, b: Outcome): boolean {
  return a.status === b.status && a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
}

export function show(o: Outcome): string {
  return `${o.status}${o.data.length ? ` [${o.data.join(' | ')}]` : ''}`;
}

const nodata = (o: Outcome) => o.status === 'NOERROR' && o.data.length === 0;

/**
 * A case where BIND, loaded with the exported zone, cannot answer as CoreDNS does. `applies` must be
 * specific: a difference no exception explains fails the test.
 */
export interface Exception {
  id: string;
  reason: string;
  applies(p: Probe, bind: Outcome, ours: Outcome, facts: ZoneFacts): boolean;
}

export const EXCEPTIONS: Exception[] = [
  {
    id: 'reverse-zone-glue',
    reason:
      'A DNS server loads a zone only if its in-zone NS name has an address, so the export adds glue for kube-dns.kube-system.svc.<reverse zone>; CoreDNS names it in the NS record but answers nothing there (not a reverse name: it falls through upstream, which serve never asks — REFUSED).',
    applies: (p, b, o, f) => f.glueNames.has(p.name) && o.status === 'REFUSED',
  },
  {
    id: 'reverse-zone-fallthrough',
    reason:
      'In in-addr.arpa and ip6.arpa the kubernetes plugin answers only PTR questions for addresses it knows; every other question there (other types, unknown addresses, the partial names of the reverse tree) falls through upstream (`fallthrough in-addr.arpa ip6.arpa`), which serve never asks: REFUSED. A zone file answers from its own data: NXDOMAIN, or NODATA where a name exists.',
    applies: (p, b, o) => isReverseZone(p.zone) && o.status === 'REFUSED' && (b.status === 'NXDOMAIN' || nodata(b)),
  },
  {
    id: 'txt-nxdomain-without-records',
    reason:
      'CoreDNS answers a TXT question NXDOMAIN at every name that has no record of another type (kubernetes.go Services: "Return NXDOMAIN for no match") — the apex, empty non-terminals, ns.dns; a zone file answers NODATA at a name that exists.',
    applies: (p, b, o) => p.type === 'TXT' && o.status === 'NXDOMAIN' && nodata(b),
  },
  {
    id: 'empty-non-terminal-parsed',
    reason:
      'A zone file has every ancestor of its names (empty non-terminals: NODATA). CoreDNS parses the name instead: `dns.<zone>` is neither svc nor pod, and `_<protocol>.<service>.<namespace>.svc` reads as an endpoint named `_<protocol>` — NXDOMAIN.',
    applies: (p, b, o) => p.kind === 'empty non-terminal' && o.status === 'NXDOMAIN' && nodata(b),
  },
  {
    id: 'special-names-some-types',
    reason:
      'CoreDNS answers dns-version.<zone> (TXT) and ns.dns.<zone>, the SOA MNAME (address questions), in special cases; any other question at them parses the name, finds neither svc nor pod: NXDOMAIN. In the zone file the names exist: NODATA.',
    applies: (p, b, o, f) => f.specialNames.has(p.name) && o.status === 'NXDOMAIN' && nodata(b),
  },
  {
    id: 'externalname-other-types',
    reason:
      'A zone file answers every question at a CNAME owner with the CNAME (RFC 1034 §3.6.2) and follows it inside the zone; CoreDNS uses an ExternalName CNAME only for A, AAAA and CNAME questions (SRV leaves it out, TXT and PTR have no record): NODATA.',
    applies: (p, b, o, f) => f.cnameOwners.has(p.name) && !['A', 'AAAA', 'CNAME'].includes(p.type) && nodata(o) && b.data.length > 0,
  },
  {
    id: 'externalname-chain-without-data',
    reason:
      'CoreDNS keeps a CNAME to a name inside the cluster zone only when the target has records of the type asked (plugin.A drops it for a dangling target, a loop, a self-reference, a target without that address family): NODATA. A zone file returns the CNAME chain as far as it goes (NXDOMAIN at a dangling end, RFC 6604).',
    applies: (p, b, o, f) => f.cnameOwners.has(p.name) && (p.type === 'A' || p.type === 'AAAA') && nodata(o) && b.data.length > 0,
  },
  {
    id: 'addresses-at-port-names',
    reason:
      'CoreDNS answers A/AAAA questions at _port._protocol names (the SRV owners) with the Service\'s addresses; the export leaves them out because BIND refuses a primary zone with an address record at a name containing "_" (check-names).',
    applies: (p, b, o) => /^_[^.]+\._[^.]+\./.test(p.name) && (p.type === 'A' || p.type === 'AAAA') && o.status === 'NOERROR' && o.data.length > 0 && nodata(b),
  },
  {
    id: 'srv-at-pod-names',
    reason:
      'CoreDNS answers SRV at pod names (priority 0, port 0, the name itself as target: plugin.SRV over the pod entry). A zone file could hold it, but records() — and so the export — lists pod names with their address only, by choice: a port-0 SRV record describes no service.',
    applies: (p, b, o, f) => p.name.endsWith(`.pod.${f.cluster}`) && p.type === 'SRV' && o.status === 'NOERROR' && o.data.length > 0 && nodata(b),
  },
  {
    id: 'pods-insecure-any-address',
    reason:
      'In `pods insecure` mode (kubeadm) CoreDNS answers any well-formed address name under <namespace>.pod.<zone> without checking that a pod has it; the zone file lists only the workspace\'s pods.',
    applies: (p, b, o) => p.kind === 'pod address not in the workspace' && o.status === 'NOERROR' && b.status === 'NXDOMAIN',
  },
];
