// `k8s-dns-lens records`: every record the simulated cluster DNS serves.
import { parseArgs, str, bool, UsageError } from './args';
import { loadFromFlags, workspaceFlags, USAGE, type Io } from './cli';
import { Resolver, type DnsRecord } from '../core/dns';
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
  if (format === 'zone' || str(p, 'out') !== undefined) throw new UsageError('--format zone is not available yet');
  const { model, root } = loadFromFlags(p, io);
  const records = new Resolver(model).records();
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

export function recordJson(r: DnsRecord, where: (s: NonNullable<DnsRecord['origin']>['spans'][number]) => string) {
  return {
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    data: r.data,
    ...(r.origin ? { source: r.origin.summary, simulated: r.origin.simulated, locations: r.origin.spans.map(where) } : {}),
  };
}
