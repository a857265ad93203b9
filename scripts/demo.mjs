#!/usr/bin/env node
// `npm run demo`: the main job on the seed workspace — the study note's lookups and checks, through the
// CLI exactly as a user would run it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const ws = relative(process.cwd(), join(root, 'test', 'fixtures', 'seed')) || '.';

const steps = [
  ['nslookup', 'headless1'],
  ['nslookup', 'pod-a.headless1'],
  ['nslookup', 'pod-b.headless1'],
  ['nslookup', 'endpoint2'],
  ['nslookup', 'externalname1'],
  ['nslookup', '--type', 'SRV', '_http._tcp.kube-dns.kube-system.svc.cluster.local'],
  ['records'],
  ['check'],
];

let failed = 0;
for (const args of steps) {
  const argv = [...args, '-w', ws];
  process.stdout.write(`\n\x1b[1m$ k8s-dns-lens ${argv.join(' ')}\x1b[0m\n`);
  const r = spawnSync(process.execPath, [cli, ...argv], { stdio: 'inherit' });
  // nslookup exits 1 on NXDOMAIN (pod-b.headless1 is meant to fail); anything else is a broken demo
  if (r.status !== 0 && !(r.status === 1 && args[0] === 'nslookup')) failed++;
}
process.exit(failed ? 1 : 0);
