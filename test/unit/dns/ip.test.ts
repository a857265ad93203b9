// Addresses as CoreDNS (Go) reads and prints them, reverse names, and the upstream model.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashedIP, extractAddressFromReverse, formatIP, isV4, normalizeIP, parseIP, reverseName } from '../../../server/src/core/dns/ip';
import { publicDnsUpstream } from '../../../server/src/core/dns/upstream';

test('net.ParseIP: IPv4 fields without leading zeros, at most 255', () => {
  assert.equal(normalizeIP('10.244.0.5'), '10.244.0.5');
  for (const bad of ['10.244.0.05', '010.1.1.1', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '', 'a.b.c.d', '1.2.3.4%eth0']) {
    assert.equal(parseIP(bad), undefined, bad);
  }
});

test('net.ParseIP: IPv6 groups of 1-4 hex digits, one ::, IPv4 tail only at the end, no zone', () => {
  assert.equal(normalizeIP('FD00:0010:0244:0000:0000:0000:0000:0005'), 'fd00:10:244::5');
  assert.equal(normalizeIP('::'), '::');
  assert.equal(normalizeIP('::1'), '::1');
  assert.equal(normalizeIP('1::'), '1::');
  assert.equal(normalizeIP('64:ff9b::1.2.3.4'), '64:ff9b::102:304');
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8::', '::1.2.3.4.5', 'fe80::1%eth0', ':1', '1:', 'g::1']) {
    assert.equal(parseIP(bad), undefined, bad);
  }
});

test('each address parsed is its own copy (the parser reads into one scratch buffer)', () => {
  const a = parseIP('10.96.0.10')!;
  const b = parseIP('fd00:10:96::a')!;
  assert.equal(parseIP('1.2.3.x'), undefined);
  assert.equal(parseIP('1::2::3'), undefined);
  assert.notEqual(a, b);
  assert.equal(formatIP(a), '10.96.0.10');
  assert.equal(formatIP(b), 'fd00:10:96::a');
  // a failed IPv6 parse that wrote groups before failing leaves no trace in the next IPv4 result
  assert.equal(parseIP('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:1'), undefined);
  assert.deepEqual([...parseIP('10.0.0.1')!], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1]);
  assert.deepEqual([...parseIP('1::')!], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('IPv4-mapped IPv6 is IPv4 to CoreDNS (To4() != nil) and prints dotted', () => {
  const ip = parseIP('::ffff:10.0.0.1')!;
  assert.equal(isV4(ip), true);
  assert.equal(formatIP(ip), '10.0.0.1');
});

test('RFC 5952 printing: the longest zero run, the first on a tie, never a single group', () => {
  assert.equal(normalizeIP('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
  assert.equal(normalizeIP('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(normalizeIP('1:0:0:2:0:0:0:3'), '1:0:0:2::3');
});

test('reverse names and back (dnsutil.ExtractAddressFromReverse)', () => {
  assert.equal(reverseName('10.96.0.1'), '1.0.96.10.in-addr.arpa.');
  assert.equal(reverseName('2001:db8::567:89ab'), 'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
  assert.equal(extractAddressFromReverse('1.0.96.10.in-addr.arpa.'), '10.96.0.1');
  assert.equal(extractAddressFromReverse('b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'), '2001:db8::567:89ab');
  assert.equal(extractAddressFromReverse('0.96.10.in-addr.arpa.'), '');
  assert.equal(extractAddressFromReverse('in-addr.arpa.'), '');
  assert.equal(extractAddressFromReverse('1.0.96.10.cluster.local.'), '');
  // labels beyond a multiple of four are dropped, as CoreDNS does: a 33rd label is ignored
  assert.equal(extractAddressFromReverse('x.b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'), '2001:db8::567:89ab');
  assert.equal(extractAddressFromReverse('a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'), '');
});

test('endpoint labels: dashed addresses, a trailing 0 for an address ending in ::', () => {
  assert.equal(dashedIP('10.244.0.5'), '10-244-0-5');
  assert.equal(dashedIP('fd00:10:244::5'), 'fd00-10-244--5');
  assert.equal(dashedIP('fd00:10:244::'), 'fd00-10-244--0');
});

test('upstream model: known answers only, marked as assumptions', () => {
  assert.equal(publicDnsUpstream('github.com.', 'A').rcode, 'UNKNOWN');
  assert.equal(publicDnsUpstream('pod-b.headless1.', 'A').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('printer.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('x.test.', 'A').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('nginx.', 'A').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('com.', 'A').rcode, 'NOERROR');
  assert.equal(publicDnsUpstream('x.xn--p1ai.', 'A').rcode, 'UNKNOWN');
  assert.equal(publicDnsUpstream('5.0.244.10.in-addr.arpa.', 'PTR').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('8.8.8.8.in-addr.arpa.', 'PTR').rcode, 'UNKNOWN');
  assert.equal(publicDnsUpstream('1.2.0.192.in-addr.arpa.', 'PTR').rcode, 'NXDOMAIN');
  assert.equal(publicDnsUpstream('1.3.0.192.in-addr.arpa.', 'PTR').rcode, 'UNKNOWN');
  assert.ok(publicDnsUpstream('nginx.', 'A').assumed);
});
