// `nslookup` output exactly as BIND 9.18 prints it (bin/dig/nslookup.c), then the "; " explanation.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { nslookup, nslookupExplanation, nslookupOutput, nslookupText, reverseArgument } from '../../../server/src/core/dns/nslookupText';
import type { QType } from '../../../server/src/core/dns/types';
import { load, spanFormatter } from './helpers';

const HEADER = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n';
/** BIND 9.18's nslookup announces each answer without RA (every answer of the cluster zones: CoreDNS sets no RA). */
const RA = ';; Got recursion not available from 10.96.0.10\n';

function run(fixture: string, name: string, type?: QType, from: { namespace: string } = { namespace: 'default' }) {
  return nslookup(load(fixture), name, { type, from });
}

test('nslookup headless1: header, Name/Address per record, final blank line; AAAA asked after', () => {
  const m = load('seed');
  const ip = m.pod('default', 'pod4')!.ips[0].ip;
  const r = run('seed', 'headless1');
  assert.equal(nslookupOutput(r), `${RA}${HEADER}Name:\theadless1.default.svc.cluster.local\nAddress: ${ip}\n${RA}\n`);
  assert.equal(r.followUp!.name, 'headless1.default.svc.cluster.local.');
  assert.equal(r.followUp!.answer.rcode, 'NOERROR');
  assert.equal(r.exitCode, 0);
});

test('nslookup pod-a.headless1 / pod-b.headless1', () => {
  const ip = load('seed').pod('default', 'pod4')!.ips[0].ip;
  assert.equal(nslookupOutput(run('seed', 'pod-a.headless1')), `${RA}${HEADER}Name:\tpod-a.headless1.default.svc.cluster.local\nAddress: ${ip}\n${RA}\n`);
  const b = run('seed', 'pod-b.headless1');
  // three NXDOMAIN answers of the cluster zones (each announced), then the upstream's (with RA)
  assert.equal(nslookupOutput(b), `${RA}${RA}${RA}${HEADER}** server can't find pod-b.headless1: NXDOMAIN\n\n`);
  assert.equal(b.exitCode, 1);
});

test('nslookup externalname1: the CNAME line with a tab, target with its dot', () => {
  const r = run('seed', 'externalname1');
  // the AAAA question for github.github.io. is forwarded: the upstream's answer has RA, no line
  assert.equal(nslookupOutput(r), `${RA}${HEADER}externalname1.default.svc.cluster.local\tcanonical name = github.github.io.\n\n`);
  assert.equal(r.followUp!.name, 'github.github.io.');
  assert.equal(r.exitCode, 0, 'a CNAME is an answer');
});

test('a CNAME chased inside the cluster: CNAME lines, then the addresses', () => {
  const r = nslookup(load('externalname'), 'alias2', { from: { namespace: 'ext' } });
  assert.equal(
    nslookupOutput(r),
    `${RA}${HEADER}alias2.ext.svc.cluster.local\tcanonical name = alias.ext.svc.cluster.local.\nalias.ext.svc.cluster.local\tcanonical name = backend.ext.svc.cluster.local.\nName:\tbackend.ext.svc.cluster.local\nAddress: 10.96.50.50\n${RA}\n`,
  );
  assert.equal(r.followUp!.name, 'backend.ext.svc.cluster.local.');
});

test('headless Service with several endpoints: a Name/Address pair per record', () => {
  const r = run('statefulset', 'nginx');
  assert.equal(
    nslookupOutput(r),
    `${RA}${HEADER}Name:\tnginx.default.svc.cluster.local\nAddress: 10.244.249.237\nName:\tnginx.default.svc.cluster.local\nAddress: 10.244.24.147\nName:\tnginx.default.svc.cluster.local\nAddress: 10.244.159.200\n${RA}\n`,
  );
});

test('dual stack: A then AAAA records, both as "Address: "', () => {
  const r = nslookup(load('dualstack'), 'dual', { from: { namespace: 'net' } });
  assert.equal(nslookupOutput(r), `${RA}${HEADER}Name:\tdual.net.svc.cluster.local\nAddress: 10.96.100.10\n${RA}Name:\tdual.net.svc.cluster.local\nAddress: fd00:10:96::100\n\n`);
});

test('no A record: nothing after A; the AAAA answer, or "*** Can\'t find <name>: No answer"', () => {
  const six = nslookup(load('search'), 'six.team-b', { from: { namespace: 'team-a' } });
  // six.team-b.team-a.svc… NXDOMAIN, six.team-b.svc… NODATA (ends the search), then AAAA
  assert.equal(nslookupOutput(six), `${RA}${RA}${HEADER}${RA}Name:\tsix.team-b.svc.cluster.local\nAddress: fd00:10:96::6\n\n`);
  const portless = nslookup(load('negative'), 'empty.svc.cluster.local.', { from: { namespace: 'full' } });
  assert.equal(nslookupOutput(portless), `${RA}${HEADER}${RA}*** Can't find empty.svc.cluster.local: No answer\n\n`);
  assert.equal(portless.exitCode, 1, 'no data: exit 1');
});

test('-type=A without an answer: "*** Can\'t find <as typed>: No answer" right away', () => {
  const r = nslookup(load('search'), 'six.team-b', { type: 'A', from: { namespace: 'team-a' } });
  assert.equal(nslookupOutput(r), `${RA}${RA}${HEADER}*** Can't find six.team-b: No answer\n\n`);
  assert.equal(r.followUp, undefined);
});

test('-type=SRV: "service = " lines; -type=TXT: "text = "; -type=NS: "nameserver = "', () => {
  assert.equal(
    nslookupOutput(run('statefulset', '_web._tcp.nginx', 'SRV')),
    `${RA}${HEADER}_web._tcp.nginx.default.svc.cluster.local\tservice = 0 33 80 web-0.nginx.default.svc.cluster.local.\n_web._tcp.nginx.default.svc.cluster.local\tservice = 0 33 80 web-1.nginx.default.svc.cluster.local.\n_web._tcp.nginx.default.svc.cluster.local\tservice = 0 33 80 web-2.nginx.default.svc.cluster.local.\n\n`,
  );
  assert.equal(nslookupOutput(run('seed', 'dns-version.cluster.local.', 'TXT')), `${RA}${HEADER}dns-version.cluster.local\ttext = "1.1.0"\n\n`);
  assert.equal(nslookupOutput(run('seed', 'cluster.local.', 'NS')), `${RA}${HEADER}cluster.local\tnameserver = kube-dns.kube-system.svc.cluster.local.\n\n`);
});

test('-type=SOA: the SOA block', () => {
  assert.equal(
    nslookupOutput(run('seed', 'cluster.local.', 'SOA')),
    `${RA}${HEADER}cluster.local\n\torigin = ns.dns.cluster.local\n\tmail addr = hostmaster.cluster.local\n\tserial = 1\n\trefresh = 7200\n\tretry = 1800\n\texpire = 86400\n\tminimum = 30\n\n`,
  );
});

test('-type=X NXDOMAIN names the last name asked', () => {
  assert.equal(nslookupOutput(run('seed', 'nothing', 'SRV')), `${RA}${RA}${RA}${HEADER}** server can't find nothing: NXDOMAIN\n\n`);
  assert.equal(nslookupOutput(run('seed', 'nothing.default.svc.cluster.local.', 'SRV')), `${RA}${HEADER}** server can't find nothing.default.svc.cluster.local: NXDOMAIN\n\n`);
});

test('an address: a PTR question, no header (default lookups print it only for A)', () => {
  assert.equal(reverseArgument('10.96.0.1'), '1.0.96.10.in-addr.arpa.');
  assert.equal(reverseArgument('10.96.0.01'), undefined);
  assert.equal(nslookupOutput(run('seed', '10.96.0.1')), `${RA}1.0.96.10.in-addr.arpa\tname = kubernetes.default.svc.cluster.local.\n\n`);
  assert.equal(
    nslookupOutput(nslookup(load('dualstack'), 'fd00:10:96::100', { from: { namespace: 'net' } })),
    `${RA}0.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa\tname = dual.net.svc.cluster.local.\n\n`,
  );
  // with -type the header is printed
  assert.equal(nslookupOutput(run('seed', '10.96.0.1', 'PTR')).startsWith(`${RA}${HEADER}`), true);
});

test('the explanation block: "; " lines after nslookup\'s blank line, records with file:line', () => {
  const m = load('seed');
  const r = run('seed', 'headless1');
  const text = nslookupText(r, spanFormatter(m));
  const [out, block] = [nslookupOutput(r), text.slice(nslookupOutput(r).length)];
  assert.ok(text.startsWith(out));
  const lines = block.trimEnd().split('\n');
  assert.ok(lines.length >= 4);
  for (const l of lines) assert.ok(l.startsWith('; '), l);
  const ip = m.pod('default', 'pod4')!.ips[0].ip;
  assert.ok(lines.includes(`; headless1.default.svc.cluster.local. A ${ip}: endpoint Pod default/pod4 of headless Service default/headless1 (simulated value) (pod_headless.yml:4, Headless.yml:4).`), lines.join('\n'));
  assert.ok(lines.includes('; Asked headless1.default.svc.cluster.local. A: NOERROR — 1 record.'));
  assert.ok(lines[0].startsWith('; resolv.conf of a pod in namespace "default" (dnsPolicy ClusterFirst): nameserver 10.96.0.10; search default.svc.cluster.local svc.cluster.local cluster.local; options ndots:5.'));
});

test('the explanation of a failed lookup: each candidate with its rcode and why', () => {
  const lines = nslookupExplanation(run('seed', 'pod-b.headless1'), spanFormatter(load('seed')));
  assert.ok(lines.includes('Asked pod-b.headless1.default.svc.cluster.local. A: NXDOMAIN — No ready endpoint of headless Service default/headless1 is named "pod-b".'), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('Asked pod-b.headless1. A: NXDOMAIN (upstream)')));
});

test('a pod on the node\'s resolver: nslookup asks it, not the cluster DNS', () => {
  const m = load('search');
  const r = nslookup(m, 'db', { from: { pod: m.pod('team-a', 'node-dns')! } });
  assert.equal(nslookupOutput(r), "Server:\t\t<node resolver>\nAddress:\t<node resolver>#53\n\n** server can't find db: NXDOMAIN\n\n");
  assert.ok(nslookupExplanation(r, spanFormatter(m)).some((l) => l.includes("the node's resolver does not serve the cluster zone")));
});

test('every answer of the cluster zones is announced as BIND 9.18\'s nslookup does: CoreDNS sets no RA (regression: found by the fidelity suite)', () => {
  // real nslookup against an authoritative server without RA prints ";; Got recursion not available from <server>"
  // on stdout as each answer arrives — for the NXDOMAIN search candidates too; forwarded answers carry RA
  const b = nslookupOutput(run('seed', 'pod-b.headless1'));
  assert.equal(b.split('\n').filter((l) => l === ';; Got recursion not available from 10.96.0.10').length, 3);
  assert.ok(b.indexOf(RA) < b.indexOf('Server:'), 'before the header');
  // another nameserver listed: nslookup says it moves on to it (not simulated: the explanation says so)
  const m = load('search');
  const r = nslookup(m, 'db', { from: { pod: m.pod('team-a', 'custom-cf')! } });
  assert.ok(nslookupOutput(r).startsWith(';; Got recursion not available from 10.96.0.10, trying next server\n'), nslookupOutput(r));
  assert.ok(nslookupExplanation(r, spanFormatter(m)).some((l) => l.includes('ask the next nameserver (192.0.2.53)')));
});
