// `k8s-dns-lens records`: every record the simulated cluster DNS serves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, str, bool, UsageError } from './args';
import { loadFromFlags, workspaceFlags, USAGE, VERSION, type Io } from './cli';
import { Resolver, type DnsRecord } from '../core/dns';
import { zoneContents, zoneFileName, zoneFileText } from '../core/dns/zoneFile';
import { spanWhere } from './where';

export function runRecords(argv: string[], io: Io): number {
  const p = parseArgs(argv, [...workspaceFlags, { names: ['--json'] }, { names: ['--format'], value: true, choices: ['text', 'json', 'zone'] }, { names: ['--out'], value: true }]);
  if (bool(p, 'help')) {
    io.out(USAGE);
    return 0;
  }
  if (p.positional.length) throw new UsageError(`records takes no arguments (got "${p.positional[0]}")`);
  const format = bool(p, 'json') ? 'json' : (str(p, 'format') ?? 'text');
  if (bool(p, 'json') && str(p, 'format') && str(p, 'format') !== 'json') throw new UsageError('--json and --format disagree');
  const out = str(p, 'out');
  if (out !== undefined && format !== 'zone') throw new UsageError('--out writes zone files: give it with --format zone');
  if (out !== undefined && !out.trim()) throw new UsageError('--out needs a folder');
  const { model, root } = loadFromFlags(p, io);
  const resolver = new Resolver(model);
  if (format === 'zone') return writeZones(resolver, root, out, io);
  const records = resolver.records();
  const where = spanWhere(model, root);
  if (format === 'json') {
    io.out(JSON.stringify(records.map((r) => recordJson(r, where)), null, 2) + '\n');
  } else {
    const w = Math.min(72, Math.max(...records.map((r) => r.name.length)));
    for (const r of records) {
      const origin = r.origin ? `  ; ${r.origin.summary}${r.origin.simulated ? ' (simulated)' : ''}` : '';
      io.out(`${r.name.padEnd(w)} ${String(r.ttl).padStart(5)} IN ${r.type.padEnd(5)} ${r.data}${origin}\n`);
    }
  }
  return 0;
}

/**
 * `--format zone`: the zones as master files — with `--out DIR` one file per zone (`<zone>.zone`, the
 * folder created if needed; the paths written are listed on stdout), else the cluster zone on stdout.
 */
function writeZones(resolver: Resolver, root: string, out: string | undefined, io: Io): number {
  const header = [`k8s-dns-lens ${VERSION}, workspace ${path.basename(root) || root}.`];
  const zones = zoneContents(resolver);
  if (out === undefined) {
    io.out(zoneFileText(zones[0], { header }));
    return 0;
  }
  const dir = path.resolve(io.cwd, out);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // build every file before writing any
  const files = zones.map((z) => ({ file: path.join(dir, zoneFileName(z.zone)), text: zoneFileText(z, { header }) }));
  for (const f of files) {
    try {
      fs.writeFileSync(f.file, f.text);
    } catch (e) {
      throw new UsageError(`cannot write ${f.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.out(`${f.file}\n`);
  }
  return 0;
}

export function recordJson(r: DnsRecord, where: (s: NonNullable<DnsRecord['origin']>['spans'][number]) => string) {
  return {
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    data: r.data,
    ...(r.origin ? { source: r.origin.summary, simulated: r.origin.simulated, locations: r.origin.spans.map(where) } : {}),
  };
}
