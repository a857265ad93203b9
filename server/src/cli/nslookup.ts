// `k8s-dns-lens nslookup NAME`: resolve a name as a pod would, printed like BIND 9.18's nslookup,
// then why (which search-list candidate matched, which object produced each record).
import { parseArgs, str, bool, UsageError } from './args';
import { loadFromFlags, workspaceFlags, USAGE, type Io } from './cli';
import { nslookup, nslookupJson, nslookupText, parseQType, type LookupFrom } from '../core/dns';
import { isDns1123Label } from '../core/util/dnsNames';
import { spanWhere } from './where';

export function runNslookup(argv: string[], io: Io): number {
  const p = parseArgs(argv, [
    ...workspaceFlags,
    { names: ['-t', '--type'], value: true },
    { names: ['--from-namespace'], value: true },
    { names: ['--from-pod'], value: true },
    { names: ['--json'] },
  ]);
  if (bool(p, 'help')) {
    io.out(USAGE);
    return 0;
  }
  if (p.positional.length !== 1) throw new UsageError(p.positional.length ? `nslookup takes one name (got ${p.positional.length})` : 'nslookup needs a NAME');
  const name = p.positional[0];
  if (!name.trim() || name.length > 1024) throw new UsageError(`not a name: "${name}"`);
  const typeArg = str(p, 'type');
  const type = typeArg === undefined ? undefined : parseQType(typeArg);
  if (typeArg !== undefined && !type) throw new UsageError(`unknown --type "${typeArg}" (A, AAAA, SRV, CNAME, PTR, TXT, ANY…)`);
  const fromNs = str(p, 'from-namespace');
  const fromPod = str(p, 'from-pod');
  if (fromNs && fromPod) throw new UsageError('give either --from-namespace or --from-pod, not both');
  if (fromNs !== undefined && !isDns1123Label(fromNs)) throw new UsageError(`--from-namespace "${fromNs}" is not a valid namespace name`);
  if (fromPod !== undefined && !/^[^/]+\/[^/]+$/.test(fromPod)) throw new UsageError(`--from-pod must be NAMESPACE/NAME (got "${fromPod}")`);
  const { model, root } = loadFromFlags(p, io);
  let from: LookupFrom;
  if (fromPod) {
    const [ns, podName] = fromPod.split('/');
    const pod = model.pod(ns, podName);
    if (!pod) {
      const known = model.pods(ns).map((x) => x.name).slice(0, 5);
      throw new UsageError(`no pod ${fromPod} in the workspace${known.length ? ` (pods in ${ns}: ${known.join(', ')}${model.pods(ns).length > 5 ? ', …' : ''})` : ''}`);
    }
    from = { pod };
  } else {
    from = { namespace: fromNs ?? model.settings.defaultNamespace };
  }
  const run = nslookup(model, name, { type, from });
  const where = spanWhere(model, root);
  if (bool(p, 'json')) io.out(JSON.stringify(nslookupJson(run, where), null, 2) + '\n');
  else io.out(nslookupText(run, where));
  // 0: an answer; 1: NXDOMAIN / no data, or only what the upstream would answer
  return run.exitCode;
}
