// The command-line front end over the core: `nslookup`, `records`, `check` (and more as they come).
// Contract (other tools and CI depend on it): flags and JSON shapes are extended, never broken.
// Exit codes: 0 answer / no errors, 1 NXDOMAIN or no data / errors found, 2 usage or I/O error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, str, bool, list, UsageError, type FlagSpec, type Parsed } from './args';
import { scanFolder, defaultExclude, defaultInclude } from '../core/workspace/scan';
import { decodeText } from '../core/workspace/load';
import { readManifestText } from '../core/manifest/readFile';
import { PatchIndex, isKustomizationFile } from '../core/workspace/kustomize';
import { ClusterModel } from '../core/model/cluster';
import { defaultSettings, type ModelSettings, type PodRecordsMode } from '../core/model/settings';
import { parseCidr } from '../core/model/ipam';
import { isDns1123Label, isDns1123Subdomain } from '../core/util/dnsNames';
import { DiagnosticsEngine } from '../core/checks/engine';
import { formatJson, formatSarif, formatText, type FileProblems } from './checkReport';
import { commands as extraCommands } from './commands';

export const VERSION = '0.1.0';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

export const workspaceFlags: FlagSpec[] = [
  { names: ['-w', '--workspace'], value: true },
  { names: ['--cluster-domain'], value: true },
  { names: ['--default-namespace'], value: true },
  { names: ['--pods'], value: true, choices: ['insecure', 'verified', 'disabled'] },
  { names: ['--endpoint-pod-names'] },
  { names: ['--pod-cidr'], value: true },
  { names: ['--service-cidr'], value: true },
  { names: ['--exclude'], value: true, repeat: true },
  { names: ['-h', '--help'] },
];

export const USAGE = `usage: k8s-dns-lens <command> [options]

Commands:
  nslookup NAME [--type A|AAAA|SRV|CNAME|PTR|TXT|ANY] [--from-namespace NS | --from-pod NS/NAME] [--json]
                  Resolve NAME as a pod of the cluster would (search list, ndots), printed like nslookup.
  records [--json | --format text|json|zone] [--out DIR]
                  Every record of the simulated cluster DNS zone. --format zone: RFC 1035 master
                  files, the cluster zone on stdout, or one <zone>.zone file per zone in DIR.
  check [--format text|json|sarif]
                  Run every check; exit 1 when errors are found.
  serve [--port 5353] [--address 127.0.0.1] [--verbose]
                  Serve the simulated zones over UDP and TCP (for dig and applications); names
                  outside them are REFUSED, nothing is forwarded (serve --help for details).

Workspace options (all commands):
  -w, --workspace DIR        folder with the manifests (default: current directory)
  --cluster-domain D         cluster domain (default: cluster.local)
  --default-namespace NS     namespace of objects without one (default: default)
  --pods MODE                CoreDNS pods mode: insecure (default), verified, disabled
  --endpoint-pod-names       CoreDNS endpoint_pod_names option
  --pod-cidr CIDR[,CIDR]     simulated pod range(s) (default: 10.244.0.0/16)
  --service-cidr CIDR[,CIDR] simulated Service range(s) (default: 10.96.0.0/12)
  --exclude GLOB             skip matching files (repeatable; node_modules and .git are always skipped)

Exit codes: 0 success, 1 no answer (NXDOMAIN/no data) or errors found, 2 bad usage or unreadable input.
`;

export interface LoadedCli {
  model: ClusterModel;
  root: string;
}

/** Settings and workspace from the common flags; throws UsageError on bad values. */
export function loadFromFlags(p: Parsed, io: Io): LoadedCli {
  const root = path.resolve(io.cwd, str(p, 'workspace') ?? '.');
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new UsageError(`workspace folder not found: ${root}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a folder: ${root}`);
  const settings: ModelSettings = { ...defaultSettings };
  const domain = str(p, 'cluster-domain');
  if (domain !== undefined) {
    const d = domain.replace(/\.$/, '').toLowerCase();
    if (!isDns1123Subdomain(d)) throw new UsageError(`--cluster-domain "${domain}" is not a valid domain`);
    settings.clusterDomain = d;
  }
  const ns = str(p, 'default-namespace');
  if (ns !== undefined) {
    if (!isDns1123Label(ns)) throw new UsageError(`--default-namespace "${ns}" is not a valid namespace name`);
    settings.defaultNamespace = ns;
  }
  const pods = str(p, 'pods');
  if (pods) settings.podRecords = pods as PodRecordsMode;
  if (bool(p, 'endpoint-pod-names')) settings.endpointPodNames = true;
  for (const [flag, field] of [
    ['pod-cidr', 'podCIDR'],
    ['service-cidr', 'serviceCIDR'],
  ] as const) {
    const v = str(p, flag);
    if (v === undefined) continue;
    const parts = v.split(',').map((s) => s.trim());
    if (parts.length > 2 || !parts.every((c) => parseCidr(c))) throw new UsageError(`--${flag} "${v}" is not a CIDR (or two, comma-separated)`);
    settings[field] = parts.join(',');
  }
  const files = scanFolder(root, { include: defaultInclude, exclude: [...defaultExclude, ...list(p, 'exclude')] });
  const model = new ClusterModel(settings);
  const read = (f: string): string => {
    try {
      return decodeText(fs.readFileSync(f));
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  // kustomizations first: the files they list as patches take no part
  const patches = new PatchIndex();
  for (const f of files) if (isKustomizationFile(f)) patches.update(f, read(f));
  for (const f of files) model.setFile(patches.apply(readManifestText(f, read(f)), f, path.relative(root, f)));
  model.refresh();
  return { model, root };
}

function runCheck(argv: string[], io: Io): number {
  const p = parseArgs(argv, [...workspaceFlags, { names: ['--format'], value: true, choices: ['text', 'json', 'sarif'] }]);
  if (bool(p, 'help')) {
    io.out(USAGE);
    return 0;
  }
  if (p.positional.length) throw new UsageError(`check takes no arguments (got "${p.positional[0]}")`);
  const { model, root } = loadFromFlags(p, io);
  const engine = new DiagnosticsEngine(model);
  engine.checkAll();
  const all: FileProblems[] = engine.filesWithProblems().map((file) => ({ file, problems: engine.problemsFor(file) }));
  const format = str(p, 'format') ?? 'text';
  io.out(format === 'json' ? formatJson(model, root, all) : format === 'sarif' ? formatSarif(model, root, all, VERSION) : formatText(model, root, all));
  return all.some((f) => f.problems.some((x) => x.severity === 'error')) ? 1 : 0;
}

export type CommandFn = (argv: string[], io: Io) => number | Promise<number>;

export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  const table: Record<string, CommandFn> = { check: runCheck, ...extraCommands };
  try {
    if (cmd === undefined) {
      io.err(USAGE);
      return 2;
    }
    if (cmd === '-h' || cmd === '--help' || cmd === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    const fn = table[cmd];
    if (!fn) throw new UsageError(`unknown command "${cmd}" (try --help)`);
    return await fn(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`k8s-dns-lens: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.err(`k8s-dns-lens: internal error: ${err.message}\n`);
    if (process.env.K8S_DNS_LENS_DEBUG) io.err(`${err.stack}\n`);
    return 2;
  }
}
