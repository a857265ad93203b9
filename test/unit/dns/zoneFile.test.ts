// The zones as RFC 1035 master files (zoneFile.ts, rdata.ts) and `records --format zone`. The fidelity
// suite (test/fidelity) loads these files into BIND; these tests need no BIND.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { canonicalData, nameText, parseName, parseTxt, txtString } from '../../../server/src/core/dns/rdata';
import { ZoneFileError, checkZone, zoneContents, zoneFileName, zoneFileText, type ZoneContents } from '../../../server/src/core/dns/zoneFile';
import type { DnsRecord, RRType } from '../../../server/src/core/dns/types';
import { runCli, type Io } from '../../../server/src/cli/cli';
import { ROOT, load } from './helpers';

const FIXTURES = ['seed', 'statefulset', 'notready', 'dualstack', 'endpointslices', 'endpoints', 'namedports', 'endpointpodnames', 'podmodes', 'externalname', 'negative'];

function capture(cwd = ROOT): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', cwd, out: (s: string) => (io.stdout += s), err: (s: string) => (io.stderr += s) };
  return io;
}

const rec = (name: string, type: RRType, data: string, ttl = 30): DnsRecord => ({ name, type, ttl, data });

function zone(records: DnsRecord[], name = 'example.test.'): ZoneContents {
  return {
    zone: name,
    records: [rec(name, 'SOA', `ns.${name} hostmaster.${name} 1 7200 1800 86400 30`), rec(name, 'NS', `ns.${name}`), rec(`ns.${name}`, 'A', '192.0.2.1'), ...records],
    glue: [],
  };
}

test('seed: the cluster zone as a master file, exactly', () => {
  const [cluster] = zoneContents(new Resolver(load('seed')));
  const text = zoneFileText(cluster, { comments: false });
  assert.equal(
    text,
    `; cluster.local. as the cluster DNS serves it (CoreDNS kubernetes plugin, kubeadm Corefile),
; simulated offline by k8s-dns-lens from the workspace's manifests. Generated: do not edit.
; 29 records.
; Not listed, though CoreDNS answers them: any address name under <namespace>.pod in \`pods insecure\` mode,
; spelling variants (capitals, port.protocol without "_"), addresses at _port._protocol names, SRV at pod names.
$ORIGIN cluster.local.
$TTL 30
cluster.local.                                        30 IN SOA   ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30
cluster.local.                                        30 IN NS    kube-dns.kube-system.svc.cluster.local.
ns.dns.cluster.local.                                 30 IN A     10.96.0.10
dns-version.cluster.local.                            30 IN TXT   "1.1.0"
10-244-111-108.default.pod.cluster.local.             30 IN A     10.244.111.108
10-244-137-49.default.pod.cluster.local.              30 IN A     10.244.137.49
10-244-183-17.default.pod.cluster.local.              30 IN A     10.244.183.17
endpoint1.default.svc.cluster.local.                  30 IN A     10.111.129.59
endpoint1.default.svc.cluster.local.                  30 IN SRV   0 100 8080 endpoint1.default.svc.cluster.local.
10-244-183-17.endpoint1.default.svc.cluster.local.    30 IN A     10.244.183.17
10-244-183-17.endpoint1.default.svc.cluster.local.    30 IN SRV   0 100 8080 10-244-183-17.endpoint1.default.svc.cluster.local.
endpoint2.default.svc.cluster.local.                  30 IN A     10.108.7.82
endpoint2.default.svc.cluster.local.                  30 IN SRV   0 100 8080 endpoint2.default.svc.cluster.local.
20-109-5-12.endpoint2.default.svc.cluster.local.      30 IN A     20.109.5.12
20-109-5-12.endpoint2.default.svc.cluster.local.      30 IN SRV   0 100 8080 20-109-5-12.endpoint2.default.svc.cluster.local.
externalname1.default.svc.cluster.local.              30 IN CNAME github.github.io.
headless1.default.svc.cluster.local.                  30 IN A     10.244.111.108
headless1.default.svc.cluster.local.                  30 IN SRV   0 100 8080 pod-a.headless1.default.svc.cluster.local.
pod-a.headless1.default.svc.cluster.local.            30 IN A     10.244.111.108
pod-a.headless1.default.svc.cluster.local.            30 IN SRV   0 100 8080 pod-a.headless1.default.svc.cluster.local.
kubernetes.default.svc.cluster.local.                 30 IN A     10.96.0.1
kubernetes.default.svc.cluster.local.                 30 IN SRV   0 100 443 kubernetes.default.svc.cluster.local.
_https._tcp.kubernetes.default.svc.cluster.local.     30 IN SRV   0 100 443 kubernetes.default.svc.cluster.local.
kube-dns.kube-system.svc.cluster.local.               30 IN A     10.96.0.10
kube-dns.kube-system.svc.cluster.local.               30 IN SRV   0 33 53 kube-dns.kube-system.svc.cluster.local.
kube-dns.kube-system.svc.cluster.local.               30 IN SRV   0 33 9153 kube-dns.kube-system.svc.cluster.local.
_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV   0 100 53 kube-dns.kube-system.svc.cluster.local.
_metrics._tcp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV   0 100 9153 kube-dns.kube-system.svc.cluster.local.
_dns._udp.kube-dns.kube-system.svc.cluster.local.     30 IN SRV   0 100 53 kube-dns.kube-system.svc.cluster.local.
`,
  );
});

test('seed: the reverse zones hold the PTR records, the SOA/NS the resolver serves, and glue for the NS name', () => {
  const r = new Resolver(load('seed'));
  const [, v4, v6] = zoneContents(r);
  assert.equal(v4.zone, 'in-addr.arpa.');
  assert.equal(v6.zone, 'ip6.arpa.');
  assert.deepEqual(v4.records.slice(0, 2).map(recordText), [recordText(r.query('in-addr.arpa.', 'SOA').answers[0]), recordText(r.query('in-addr.arpa.', 'NS').answers[0])]);
  assert.deepEqual(v4.glue.map(recordText), ['kube-dns.kube-system.svc.in-addr.arpa. 30 IN A 10.96.0.10']);
  // glue is what the NS answer carries in its additional section, though CoreDNS answers nothing there
  assert.equal(r.query('kube-dns.kube-system.svc.in-addr.arpa.', 'A').upstream, true);
  assert.equal(v4.records.filter((x) => x.type === 'PTR').length, 7);
  assert.deepEqual(v6.records.map((x) => x.type), ['SOA', 'NS', 'A']);
  const text = zoneFileText(v4);
  assert.match(text, /^\$ORIGIN in-addr\.arpa\.$/m);
  assert.match(text, /^kube-dns\.kube-system\.svc\.in-addr\.arpa\. +30 IN A +10\.96\.0\.10 +; glue for the NS record/m);
  assert.match(text, /^12\.5\.109\.20\.in-addr\.arpa\. +30 IN PTR +20-109-5-12\.endpoint2\.default\.svc\.cluster\.local\. +; reverse of endpoint 20\.109\.5\.12 in Endpoints default\/endpoint2/m);
});

test('every fixture: every record of records() is in exactly one zone file, and each zone passes the checks', () => {
  for (const f of FIXTURES) {
    for (const settings of [{}, { podRecords: 'verified' as const }, { endpointPodNames: true }]) {
      const r = new Resolver(load(f, settings));
      const zones = zoneContents(r);
      assert.deepEqual(zones.map((z) => z.zone), r.zones());
      const listed = zones.flatMap((z) => z.records.filter((x) => !z.glue.includes(x)).map(recordText));
      const all = r.records().map(recordText);
      for (const x of all) assert.equal(listed.filter((y) => y === x).length, 1, `${f}: ${x}`);
      for (const z of zones) {
        checkZone(z);
        const text = zoneFileText(z);
        for (const x of z.records) assert.ok(text.includes(` IN ${x.type.padEnd(5)} ${x.data}`), `${f}: ${recordText(x)} in the text`);
      }
    }
  }
});

test('dual stack: PTR records in ip6.arpa, glue with both addresses', () => {
  const [, , v6] = zoneContents(new Resolver(load('dualstack')));
  assert.deepEqual(v6.glue.map((g) => `${g.type} ${g.data}`).sort(), ['A 10.96.0.10', 'AAAA fd00:10:96::a']);
  assert.ok(v6.records.some((x) => x.type === 'PTR' && x.data === 'dual.net.svc.cluster.local.'));
});

test('the configured cluster domain names the zone and its file', () => {
  const zones = zoneContents(new Resolver(load('seed', { clusterDomain: 'example.internal' })));
  assert.equal(zones[0].zone, 'example.internal.');
  assert.equal(zoneFileName(zones[0].zone), 'example.internal.zone');
  assert.match(zoneFileText(zones[0]), /^\$ORIGIN example\.internal\.$/m);
  assert.equal(zoneFileName('in-addr.arpa.'), 'in-addr.arpa.zone');
  assert.equal(zoneFileName('.'), 'root.zone');
});

test('names: absolute, underscores plain, special characters escaped', () => {
  assert.equal(nameText(parseName('_dns._udp.kube-dns.kube-system.svc.cluster.local')), '_dns._udp.kube-dns.kube-system.svc.cluster.local.');
  assert.equal(nameText(parseName('a\\;b.c d.example.')), 'a\\;b.c\\032d.example.');
  assert.equal(nameText(parseName('a\\.b.example.')), 'a\\.b.example.');
  assert.equal(nameText(parseName('.')), '.');
  assert.throws(() => parseName('a..b.'), /empty label/);
  assert.throws(() => parseName(`${'x'.repeat(64)}.example.`), /longer than 63/);
  const text = zoneFileText(zone([rec('we;ird.example.test.', 'CNAME', 'target(1).example.test.')]));
  assert.match(text, /^we\\;ird\.example\.test\. +30 IN CNAME target\\\(1\\\)\.example\.test\.$/m);
});

test('TXT: quoted, escaped, split at 255 bytes', () => {
  assert.deepEqual(parseTxt('"1.1.0"').map(String), ['1.1.0']);
  assert.deepEqual(parseTxt('"a\\"b" "c\\\\d" bare').map(String), ['a"b', 'c\\d', 'bare']);
  assert.deepEqual([...parseTxt('"\\007x"')[0]], [7, 0x78]);
  assert.equal(txtString(Buffer.from('say "hi" \\ ; \n')), '"say \\"hi\\" \\\\ ; \\010"');
  assert.equal(canonicalData('TXT', '"a" b'), '"a" "b"');
  assert.throws(() => parseTxt('"unterminated'), /unterminated/);
  assert.throws(() => parseTxt(`"${'x'.repeat(256)}"`), /longer than 255/);
  const long = `"${'x'.repeat(255)}" "${'y'.repeat(10)}"`;
  const text = zoneFileText(zone([rec('t.example.test.', 'TXT', '"semi;colon (paren) \\"q\\""'), rec('l.example.test.', 'TXT', long)]));
  assert.match(text, /^t\.example\.test\. +30 IN TXT +"semi;colon \(paren\) \\"q\\""$/m);
  assert.ok(text.includes(long));
});

test('a CNAME with other data, a duplicate, an owner outside the zone, an NS name without glue: refused', () => {
  const bad: [DnsRecord[], RegExp][] = [
    [[rec('x.example.test.', 'CNAME', 'y.example.test.'), rec('x.example.test.', 'A', '192.0.2.7')], /x\.example\.test\. has a CNAME and other data \(A\)/],
    [[rec('x.example.test.', 'CNAME', 'y.example.test.'), rec('X.example.test.', 'CNAME', 'z.example.test.')], /two CNAME records/],
    [[rec('x.example.test.', 'A', '192.0.2.7'), rec('x.example.test.', 'A', '192.0.2.7')], /listed twice/],
    [[rec('x.elsewhere.', 'A', '192.0.2.7')], /not in the zone/],
    [[rec('x.example.test.', 'A', '2001:db8::1')], /not an IPv4 address/],
    [[rec('x.example.test.', 'SRV', '0 100 http x.example.test.')], /not a 16-bit number/],
  ];
  for (const [records, re] of bad) assert.throws(() => zoneFileText(zone(records)), (e: Error) => e instanceof ZoneFileError && re.test(e.message));
  const noGlue = zone([]);
  noGlue.records = noGlue.records.filter((x) => x.type !== 'A');
  assert.throws(() => checkZone(noGlue), /NS name ns\.example\.test\. is in the zone but has no address record/);
  const noSoa = zone([]);
  noSoa.records = noSoa.records.filter((x) => x.type !== 'SOA');
  assert.throws(() => checkZone(noSoa), /0 SOA records/);
});

test('records --format zone: the cluster zone on stdout; --out DIR: one file per zone', async () => {
  const io = capture();
  assert.equal(await runCli(['records', '--format', 'zone', '-w', 'test/fixtures/seed'], io), 0, io.stderr);
  assert.match(io.stdout, /^\$ORIGIN cluster\.local\.$/m);
  assert.match(io.stdout, /^externalname1\.default\.svc\.cluster\.local\. +30 IN CNAME github\.github\.io\. +; externalName of ExternalName Service default\/externalname1$/m);
  assert.doesNotMatch(io.stdout, /in-addr\.arpa\. +30 IN PTR/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-zone-'));
  try {
    const out = path.join(dir, 'nested', 'zones');
    const io2 = capture();
    assert.equal(await runCli(['records', '--format', 'zone', '--out', out, '-w', 'test/fixtures/seed', '--cluster-domain', 'corp.internal'], io2), 0, io2.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ['corp.internal.zone', 'in-addr.arpa.zone', 'ip6.arpa.zone']);
    assert.deepEqual(io2.stdout.trim().split('\n'), ['corp.internal.zone', 'in-addr.arpa.zone', 'ip6.arpa.zone'].map((f) => path.join(out, f)));
    assert.match(fs.readFileSync(path.join(out, 'in-addr.arpa.zone'), 'utf8'), /IN PTR +endpoint2\.default\.svc\.corp\.internal\./);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('records: --out without --format zone, and an --out that cannot be written, exit 2 with one line', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-zone-')), 'a-file');
  fs.writeFileSync(file, '');
  try {
    for (const argv of [
      ['records', '--out', '/tmp/x', '-w', 'test/fixtures/seed'],
      ['records', '--format', 'json', '--out', '/tmp/x', '-w', 'test/fixtures/seed'],
      ['records', '--format', 'zone', '--out', path.join(file, 'sub'), '-w', 'test/fixtures/seed'],
    ]) {
      const io = capture();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
      assert.match(io.stderr, /^k8s-dns-lens: /);
      assert.equal(io.stdout, '');
    }
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
