// Simulated addresses: deterministic, never colliding with declared ones, the same after any
// sequence of edits as after a fresh load.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { Allocator, addressAt, canonicalIp, familyOf, formatV4, offsetOf, parseCidr } from '../../../server/src/core/model/ipam';
import { modelOf, yaml } from '../../support/workspace';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../../server/src/core/model/cluster';

test('CIDR arithmetic', () => {
  const r = parseCidr('10.96.0.0/12')!;
  assert.equal(r.size, 2 ** 20);
  assert.equal(addressAt(r, 10), '10.96.0.10');
  assert.equal(addressAt(r, 256 + 1), '10.96.1.1');
  assert.equal(offsetOf(r, '10.96.1.1'), 257);
  assert.equal(offsetOf(r, '10.112.0.0'), undefined);
  const v6 = parseCidr('fd00:10:96::/112')!;
  assert.equal(addressAt(v6, 10), 'fd00:10:96::a');
  assert.equal(offsetOf(v6, 'fd00:10:96::a'), 10);
  assert.equal(parseCidr('10.0.0.0/31'), undefined);
  assert.equal(parseCidr('bogus'), undefined);
});

test('the DNS service is the tenth address of the service range and kubernetes the first', () => {
  const m = modelOf({});
  assert.equal(m.dnsServiceIP, '10.96.0.10');
  assert.deepEqual(m.service('default', 'kubernetes')!.clusterIPs.map((c) => c.ip), ['10.96.0.1']);
  assert.deepEqual(m.service('kube-system', 'kube-dns')!.clusterIPs.map((c) => c.ip), ['10.96.0.10']);
  const custom = modelOf({}, { serviceCIDR: '172.20.0.0/16' });
  assert.equal(custom.dnsServiceIP, '172.20.0.10');
});

test('simulated addresses skip declared ones and reserved slots, and are unique', () => {
  const r = parseCidr('10.0.0.0/29')!; // 8 slots
  const a = new Allocator(r, new Set([0, 1, 7]));
  a.declare('10.0.0.3');
  const keys = ['a', 'b', 'c', 'd', 'e'];
  for (const k of keys) a.add(k);
  a.allocate();
  const ips = keys.map((k) => a.addressOf(k));
  // free slots: 2, 4, 5, 6 — four keys get one each, the fifth none (range exhausted)
  assert.equal(ips.filter((x) => x === undefined).length, 1);
  assert.deepEqual(ips.filter((x): x is string => !!x).sort(), ['10.0.0.2', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
});

test('a declared pod IP is never handed to a simulated pod', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 50; i++) files[`p${i}.yaml`] = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p${i}}
    spec: {containers: [{name: c, image: x}]}
  `;
  const m0 = modelOf(files);
  const taken = m0.pod('default', 'p7')!.ips[0].ip;
  files['declared.yaml'] = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: fixed}
    spec: {containers: [{name: c, image: x}]}
    status: {phase: Running, podIP: ${taken}}
  `;
  const m1 = modelOf(files);
  const owners = m1.podsByIP(taken).map((p) => p.name);
  assert.deepEqual(owners, ['fixed']);
  assert.notEqual(m1.pod('default', 'p7')!.ips[0].ip, taken);
});

test('after any sequence of edits the addresses equal those of a fresh load (property)', () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const podFile = (name: string, ns: string, replicas: number) => yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: ${name}, namespace: ${ns}}
    spec:
      replicas: ${replicas}
      selector: {matchLabels: {app: ${name}}}
      template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c, image: x}]}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: ${name}, namespace: ${ns}}
    spec: {selector: {app: ${name}}, ports: [{port: 80}]}
  `;
  const edit = fc.record({ file: fc.constantFrom(...names), ns: fc.constantFrom('x', 'y'), replicas: fc.integer({ min: 0, max: 3 }), remove: fc.boolean() });
  // a tiny range forces collisions and wrap-around
  const settings = { podCIDR: '10.1.0.0/27', serviceCIDR: '10.2.0.0/28' };
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
      const live = new ClusterModel(settings);
      const current = new Map<string, string>();
      for (const e of edits) {
        if (e.remove) {
          live.removeFile(e.file);
          current.delete(e.file);
        } else {
          const text = podFile(e.file, e.ns, e.replicas);
          live.setFile(readManifestText(e.file, text));
          current.set(e.file, text);
        }
        live.refresh();
      }
      const fresh = new ClusterModel(settings);
      for (const [f, t] of current) fresh.setFile(readManifestText(f, t));
      fresh.refresh();
      const snapshot = (m: ClusterModel) =>
        JSON.stringify([
          m.pods().map((p) => `${p.namespace}/${p.name}=${p.ips.map((i) => i.ip)}`).sort(),
          m.services().map((s) => `${s.namespace}/${s.name}=${s.clusterIPs.map((i) => i.ip)}`).sort(),
        ]);
      assert.equal(snapshot(live), snapshot(fresh));
    }),
    { numRuns: 200 },
  );
});

test('IPv4 addresses are formatted by hand exactly as ipaddr.js formats them', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => {
      const bytes = [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
      assert.equal(formatV4(n), ipaddr.fromByteArray(bytes).toString());
    }),
    { numRuns: 5000 },
  );
  // addressAt wraps like the byte arithmetic it replaces, and agrees with ipaddr.js for any base and offset
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2, max: 32 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (base, hostBits, off) => {
      const prefix = 32 - hostBits;
      const net = prefix === 0 ? 0 : (base >>> hostBits) << hostBits;
      const cidr = `${formatV4(net)}/${prefix}`;
      const r = parseCidr(cidr)!;
      const offset = off % r.size;
      const expected = ipaddr.fromByteArray([0, 0, 0, 0].map((_, i) => ((((net >>> 0) + offset) >>> 0) >>> (24 - 8 * i)) & 0xff)).toString();
      assert.equal(addressAt(r, offset), expected);
    }),
    { numRuns: 2000 },
  );
});

test('canonical IPs: the dotted-quad fast path answers as ipaddr.js does', () => {
  const slow = (ip: string): string | undefined => {
    if (!ipaddr.isValid(ip)) return undefined;
    if (ip.includes('.') && !ip.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(ip)) return undefined;
    return ipaddr.parse(ip).toString();
  };
  const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '00', '01', '007', '0x1', '256', '1a', ' 1'));
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const ip = parts.join('.');
      assert.equal(canonicalIp(ip), slow(ip), ip);
      const fam = slow(ip) === undefined ? undefined : ipaddr.parse(ip).kind() === 'ipv4' ? 4 : 6;
      if (fam !== undefined) assert.equal(familyOf(ip), fam, ip);
    }),
    { numRuns: 5000 },
  );
  for (const ip of ['10.0.0.1', '0.0.0.0', '255.255.255.255', '010.0.0.1', '10.0.0', '10.0.0.1.', '1.2.3.4.5', '::ffff:10.0.0.1', 'fd00::1']) {
    assert.equal(canonicalIp(ip), slow(ip), ip);
  }
});
