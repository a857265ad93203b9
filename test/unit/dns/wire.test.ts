// The wire codec of `serve` (wire.ts) and its sockets (cli/serve.ts): answers on the wire are the
// Resolver's answers; EDNS, truncation, FORMERR, REFUSED; fuzzed with random and truncated messages.
// No BIND needed (the fidelity suite compares with BIND).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import * as dnsPacket from 'dns-packet';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { buildQuery, packetToRecord, readResponse, recordToPacket, respond, type Answerer } from '../../../server/src/core/dns/wire';
import type { DnsRecord } from '../../../server/src/core/dns/types';
import { startDnsServer } from '../../../server/src/cli/serve';
import { modelOf } from '../../support/workspace';
import { ROOT, load } from './helpers';

const seed = new Resolver(load('seed'));

function ask(r: Answerer, name: string, type: string, opts: Parameters<typeof buildQuery>[2] = {}, transport: 'udp' | 'tcp' = 'udp') {
  const reply = respond(r, buildQuery(name, type, { id: 4242, ...opts }), { transport });
  assert.ok(reply.response, `${name} ${type}: dropped (${reply.note})`);
  return { reply, msg: readResponse(reply.response) };
}

function bigModel() {
  const addrs = (n: number, net3: number) => Array.from({ length: n }, (_, i) => `  - ip: 10.${net3}.0.${i + 1}`).join('\n');
  const svc = (name: string, n: number, net3: number) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: default}
spec:
  clusterIP: None
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: ${name}, namespace: default}
subsets:
- addresses:
${addrs(n, net3)}
  ports: [{name: http, port: 80}]
`;
  return new Resolver(modelOf({ 'big.yaml': svc('big', 40, 1), 'mid.yaml': svc('mid', 15, 2) }));
}

test('round trip: every record of the seed and dual-stack zones, and escaped TXT, through dns-packet and back', () => {
  const extra: DnsRecord[] = [
    { name: 't.example.', type: 'TXT', ttl: 5, data: '"a \\"quoted\\" \\\\ \\007 text" "second"' },
    { name: '_sip._udp.example.', type: 'SRV', ttl: 5, data: '10 20 5060 sip.example.' },
    { name: '.', type: 'NS', ttl: 5, data: 'a.root-servers.net.' },
  ];
  for (const recs of [seed.records(), new Resolver(load('dualstack')).records(), extra]) {
    const bytes = dnsPacket.encode({ type: 'response', id: 1, answers: recs.map(recordToPacket) });
    const back = readResponse(bytes).answers;
    assert.deepEqual(back.map(recordText), recs.map(recordText));
  }
  assert.equal(packetToRecord({ name: '.', type: 'OPT', udpPayloadSize: 512, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }), undefined);
});

test('an answer on the wire is the Resolver\'s answer: records, AA, id, question, RD echoed, RA never set', () => {
  for (const [name, type] of [
    ['headless1.default.svc.cluster.local.', 'A'],
    ['headless1.default.svc.cluster.local.', 'SRV'],
    ['externalname1.default.svc.cluster.local.', 'A'],
    ['cluster.local.', 'SOA'],
    ['cluster.local.', 'NS'],
    ['dns-version.cluster.local.', 'TXT'],
    ['12.5.109.20.in-addr.arpa.', 'PTR'],
  ] as const) {
    const { msg } = ask(seed, name, type);
    const a = seed.query(name, type);
    assert.equal(msg.rcode, 'NOERROR');
    assert.equal(msg.id, 4242);
    assert.equal(msg.aa, true);
    assert.equal(msg.ra, false);
    assert.equal(msg.rd, true);
    assert.deepEqual(msg.question, { name, type, class: 'IN' });
    assert.deepEqual(msg.answers.map(recordText), a.answers.map(recordText), `${name} ${type}`);
    assert.deepEqual(msg.additional.map(recordText), a.additional.map(recordText));
  }
});

test('NXDOMAIN and NODATA carry the SOA in the authority section', () => {
  const soa = 'cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30';
  const nx = ask(seed, 'pod-b.headless1.default.svc.cluster.local.', 'A').msg;
  assert.equal(nx.rcode, 'NXDOMAIN');
  assert.equal(nx.aa, true);
  assert.deepEqual(nx.authority.map(recordText), [soa]);
  const nodata = ask(seed, 'headless1.default.svc.cluster.local.', 'AAAA').msg;
  assert.equal(nodata.rcode, 'NOERROR');
  assert.deepEqual(nodata.answers, []);
  assert.deepEqual(nodata.authority.map(recordText), [soa]);
});

test('nothing is forwarded: names outside the zones and reverse names CoreDNS falls through on are REFUSED; so are zone transfers', () => {
  for (const [name, type] of [
    ['github.github.io.', 'A'],
    ['pod-b.headless1.', 'A'],
    ['4.3.2.1.in-addr.arpa.', 'PTR'],
    ['10.10.10.10.in-addr.arpa.', 'PTR'],
    ['cluster.local.', 'AXFR'],
    ['cluster.local.', 'IXFR'],
  ] as const) {
    const { msg } = ask(seed, name, type);
    assert.equal(msg.rcode, 'REFUSED', `${name} ${type}`);
    assert.equal(msg.aa, false);
    assert.deepEqual([...msg.answers, ...msg.authority], []);
  }
});

test('types the plugin does not serve: NODATA for names that exist, NXDOMAIN otherwise (a fake A lookup)', () => {
  assert.equal(ask(seed, 'headless1.default.svc.cluster.local.', 'MX').msg.rcode, 'NOERROR');
  assert.equal(ask(seed, 'headless1.default.svc.cluster.local.', 'CAA').msg.rcode, 'NOERROR');
  assert.equal(ask(seed, 'nope.default.svc.cluster.local.', 'DNSKEY').msg.rcode, 'NXDOMAIN');
  const q = dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: 'headless1.default.svc.cluster.local', type: 'UNKNOWN_65280' as dnsPacket.RecordType }] });
  const m = readResponse(respond(seed, q, { transport: 'udp' }).response!);
  assert.equal(m.rcode, 'NOERROR');
  assert.equal(m.question?.type, 'UNKNOWN_65280');
});

test('EDNS: the OPT record is echoed with our size and the DO bit; version 1 is BADVERS; no OPT, no OPT back', () => {
  const plain = ask(seed, 'headless1.default.svc.cluster.local.', 'A').msg;
  assert.equal(plain.opt, undefined);
  const e = ask(seed, 'headless1.default.svc.cluster.local.', 'A', { udpSize: 4096, do: true }).msg;
  assert.deepEqual(e.opt, { udpPayloadSize: 1232, extendedRcode: 0, version: 0, do: true });
  const bad = ask(seed, 'headless1.default.svc.cluster.local.', 'A', { udpSize: 4096, ednsVersion: 1 }).msg;
  assert.equal(bad.rcode, 'BADVERS');
  assert.deepEqual(bad.answers, []);
  assert.equal(bad.opt?.version, 0);
});

test('truncation: over 512 bytes without EDNS, over the advertised size with it; never over TCP', () => {
  const r = bigModel();
  const name = 'big.default.svc.cluster.local.';
  const a = r.query(name, 'A');
  assert.equal(a.answers.length, 40);
  const udp = ask(r, name, 'A');
  assert.equal(udp.msg.tc, true);
  assert.equal(udp.reply.truncated, true);
  assert.equal(udp.msg.rcode, 'NOERROR');
  assert.deepEqual(udp.msg.answers, []);
  assert.ok(udp.reply.response!.length <= 512);
  // EDNS 4096: capped at our 1232, still too large
  const edns = ask(r, name, 'A', { udpSize: 4096 });
  assert.equal(edns.msg.tc, true);
  assert.ok(edns.msg.opt, 'the OPT record stays in a truncated answer');
  const tcp = ask(r, name, 'A', {}, 'tcp');
  assert.equal(tcp.msg.tc, false);
  assert.equal(tcp.msg.answers.length, 40);
  // 15 addresses: over 512, under 1232
  const mid = 'mid.default.svc.cluster.local.';
  assert.equal(ask(r, mid, 'A').msg.tc, true);
  const fits = ask(r, mid, 'A', { udpSize: 1232 });
  assert.equal(fits.msg.tc, false);
  assert.equal(fits.msg.answers.length, 15);
  assert.equal(ask(r, mid, 'A', { udpSize: 600 }).msg.tc, true, 'the advertised size is the limit');
  assert.equal(ask(r, mid, 'A', { udpSize: 100 }).msg.tc, true, 'an advertised size under 512 counts as 512');
});

test('bad messages: FORMERR when the header can be read, dropped otherwise; responses dropped; NOTIMP, REFUSED', () => {
  const valid = buildQuery('headless1.default.svc.cluster.local.', 'A', { id: 0x1234 });
  assert.equal(respond(seed, Buffer.alloc(0), { transport: 'udp' }).rcode, 'dropped');
  assert.equal(respond(seed, valid.subarray(0, 11), { transport: 'udp' }).rcode, 'dropped');
  const cut = respond(seed, valid.subarray(0, valid.length - 3), { transport: 'udp' });
  assert.equal(cut.rcode, 'FORMERR');
  const m = readResponse(cut.response!);
  assert.equal(m.id, 0x1234);
  assert.equal(m.question, undefined);
  assert.equal(respond(seed, Buffer.concat([valid, Buffer.from([1, 2, 3])]), { transport: 'udp' }).rcode, 'FORMERR');
  const response = Buffer.from(valid);
  response[2] |= 0x80;
  assert.equal(respond(seed, response, { transport: 'udp' }).rcode, 'dropped');
  const two = dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'a.cluster.local', type: 'A' }, { name: 'b.cluster.local', type: 'A' }] });
  assert.equal(respond(seed, two, { transport: 'udp' }).rcode, 'FORMERR');
  const none = dnsPacket.encode({ type: 'query', id: 1, questions: [] });
  assert.equal(respond(seed, none, { transport: 'udp' }).rcode, 'FORMERR');
  const status = dnsPacket.encode({ type: 'query', id: 1, flags: 2 << 11, questions: [{ name: 'cluster.local', type: 'SOA' }] });
  assert.equal(respond(seed, status, { transport: 'udp' }).rcode, 'NOTIMP');
  const chaos = dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'version.bind', type: 'TXT', class: 'CH' }] });
  assert.equal(respond(seed, chaos, { transport: 'udp' }).rcode, 'REFUSED');
  const twoOpt = dnsPacket.encode({
    type: 'query',
    id: 1,
    questions: [{ name: 'cluster.local', type: 'SOA' }],
    additionals: [0, 1].map(() => ({ name: '.', type: 'OPT' as const, udpPayloadSize: 512, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] })),
  });
  assert.equal(respond(seed, twoOpt, { transport: 'udp' }).rcode, 'FORMERR');
  // the resolver failing is SERVFAIL, not a crash
  const broken: Answerer = { query: () => { throw new Error('boom'); } };
  assert.equal(respond(broken, valid, { transport: 'udp' }).rcode, 'SERVFAIL');
});

/** respond() on any bytes: never throws; an answer is a decodable response with the query's id. */
function checkAny(bytes: Buffer, transport: 'udp' | 'tcp') {
  const r = respond(seed, bytes, { transport });
  if (!r.response) {
    assert.equal(r.rcode, 'dropped');
    return;
  }
  const m = readResponse(r.response);
  assert.equal(m.id, bytes.readUInt16BE(0));
  assert.ok(dnsPacket.decode(r.response).type === 'response');
  if (transport === 'udp') assert.ok(r.response.length <= 1232);
}

test('fuzz: random bytes, truncated and mutated queries never crash respond() and get a well-formed answer or none', () => {
  const queries = [
    buildQuery('headless1.default.svc.cluster.local.', 'A'),
    buildQuery('kube-dns.kube-system.svc.cluster.local.', 'SRV', { udpSize: 1232 }),
    buildQuery('12.5.109.20.in-addr.arpa.', 'PTR', { udpSize: 4096, do: true }),
    buildQuery('cluster.local.', 'AXFR'),
  ];
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.constantFrom<'udp' | 'tcp'>('udp', 'tcp'), (bytes, t) => checkAny(Buffer.from(bytes), t)),
    { numRuns: 3000, seed: 20261127 },
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...queries),
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      (q, cutAt, flips) => {
        const b = Buffer.from(q.subarray(0, Math.max(12, q.length - (cutAt % q.length))));
        for (const [i, v] of flips) b[i % b.length] = v;
        b[2] &= 0x7f; // keep it a query, so it is answered rather than dropped
        checkAny(b, 'udp');
      },
    ),
    { numRuns: 3000, seed: 20261127 },
  );
});

function udpAsk(port: number, msg: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      reject(new Error('udp timeout'));
    }, 3000);
    s.on('message', (m) => {
      clearTimeout(timer);
      s.close();
      resolve(m);
    });
    s.send(msg, port, '127.0.0.1');
  });
}

function frame(m: Buffer): Buffer {
  const f = Buffer.alloc(2 + m.length);
  f.writeUInt16BE(m.length);
  m.copy(f, 2);
  return f;
}

/** Sends `chunks` on one TCP connection and collects `count` framed answers. */
function tcpAsk(port: number, chunks: Buffer[], count: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    let buf = Buffer.alloc(0);
    const s = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`tcp timeout after ${out.length} answers`));
    }, 3000);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        out.push(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (out.length === count) {
        clearTimeout(timer);
        s.end();
        resolve(out);
      }
    });
    s.on('error', reject);
    (async () => {
      for (const c of chunks) {
        s.write(c);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
  });
}

test('the server: UDP and TCP on one port, several framed queries per connection, garbage survived', async () => {
  const server = await startDnsServer(bigModel(), { address: '127.0.0.1', port: 0 });
  try {
    assert.ok(server.port > 0);
    const name = 'big.default.svc.cluster.local.';
    const u = readResponse(await udpAsk(server.port, buildQuery(name, 'A', { id: 1 })));
    assert.equal(u.tc, true);
    const g = dgram.createSocket('udp4');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => new Promise((resolve) => g.send(Buffer.from(Array.from({ length: i * 3 }, (_, k) => (k * 37 + i) & 0xff)), server.port, '127.0.0.1', resolve))),
    );
    g.close();
    const q1 = frame(buildQuery(name, 'A', { id: 11 }));
    const q2 = frame(buildQuery('mid.default.svc.cluster.local.', 'SRV', { id: 12 }));
    const junk = frame(Buffer.from([0xab, 0xcd, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
    const q3 = frame(buildQuery('nope.default.svc.cluster.local.', 'A', { id: 13 }));
    // q1 and q2 in one write; junk; q3 split across two writes
    const answers = await tcpAsk(server.port, [Buffer.concat([q1, q2]), junk, q3.subarray(0, 5), q3.subarray(5)], 4);
    const [a1, a2, a3, a4] = answers.map(readResponse);
    assert.deepEqual([a1.id, a2.id, a3.id, a4.id], [11, 12, 0xabcd, 13]);
    assert.equal(a1.answers.length, 40);
    assert.equal(a2.answers.length, 15);
    assert.equal(a3.rcode, 'FORMERR');
    assert.equal(a4.rcode, 'NXDOMAIN');
    const again = readResponse(await udpAsk(server.port, buildQuery('mid.default.svc.cluster.local.', 'A', { id: 2, udpSize: 1232 })));
    assert.equal(again.answers.length, 15);
    assert.equal(server.stats.errors, 0);
  } finally {
    await server.close();
  }
});

function runMain(args: string[]) {
  return spawn(process.execPath, [path.join(ROOT, 'out', 'server', 'src', 'cli', 'main.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) test(`serve: --port 0 prints the port it listens on, answers, and stops cleanly on ${signal}`, async () => {
  const child = runMain(['serve', '--port', '0', '-w', 'test/fixtures/seed']);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${stdout} ${stderr}`)), 15000);
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /^listening on 127\.0\.0\.1:(\d+) \(udp, tcp\)$/m.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const a = readResponse(await udpAsk(port, buildQuery('pod-a.headless1.default.svc.cluster.local.', 'A')));
    assert.deepEqual(a.answers.map((r) => r.data), ['10.244.111.108']);
    assert.match(stdout, /REFUSED: nothing is forwarded/);
  } finally {
    child.kill(signal);
  }
  assert.equal(await exited, 0, stderr);
});

test('serve: bad arguments exit 2 with one line', async () => {
  for (const argv of [
    ['serve', '--port', '70000'],
    ['serve', '--port', 'http'],
    ['serve', '--address', 'localhost'],
    ['serve', 'extra'],
    ['serve', '--address', '192.0.2.55', '--port', '0'],
  ]) {
    const child = runMain([...argv, '-w', 'test/fixtures/seed']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 2, `${argv.join(' ')}: ${out} ${err}`);
    assert.equal(err.trim().split('\n').length, 1, err);
    assert.match(err, /^k8s-dns-lens: /);
    assert.equal(out, '');
  }
});
