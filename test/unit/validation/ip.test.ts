// The IP parser follows k8s.io/utils/net.ParseIPSloppy (Go's net.ParseIP before Go 1.17), and the
// special-address checks Go's net.IP methods.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ambiguousIpReason, parseIpSloppy, specialIpReason } from '../../../server/src/core/util/ip';

const valid: [string, 'v4' | 'v6', string?][] = [
  ['10.0.0.1', 'v4'],
  ['0.0.0.0', 'v4'],
  ['255.255.255.255', 'v4'],
  ['010.000.000.001', 'v4', 'leadingZeros'],
  ['::', 'v6'],
  ['::1', 'v6'],
  ['fd00::1', 'v6'],
  ['FD00::A', 'v6'],
  ['1:2:3:4:5:6:7:8', 'v6'],
  ['1:2:3:4:5:6:7::', 'v6'],
  ['::2:3:4:5:6:7:8', 'v6'],
  ['::1.2.3.4', 'v6'],
  ['::ffff:1.2.3.4', 'v4'],
  ['::ffff:0102:0304', 'v4'],
  ['64:ff9b::192.0.2.1', 'v6'],
  ['fd00::10.0.0.010', 'v6', 'leadingZeros'],
  ['00001::', 'v6', 'longGroup'],
];

const invalid = ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.-4', '1.2.3.4:80', '1.2.3.4/32', '[::1]', 'fe80::1%eth0', '1::2::3', ':1::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', 'g::1', '12345::', '::1.2.3', '1.2.3.4::', 'localhost', '0x0a.0.0.1'];

describe('util/ip: ParseIPSloppy', () => {
  for (const [s, fam, flag] of valid) {
    it(`accepts ${JSON.stringify(s)} as ${fam}${flag ? ` (${flag})` : ''}`, () => {
      const ip = parseIpSloppy(s);
      assert.ok(ip);
      assert.equal(ip.v4, fam === 'v4');
      assert.equal(ip.leadingZeros, flag === 'leadingZeros');
      assert.equal(ip.longGroup, flag === 'longGroup');
      assert.equal(ambiguousIpReason(ip) !== undefined, flag !== undefined);
    });
  }
  for (const s of invalid) it(`refuses ${JSON.stringify(s)}`, () => assert.equal(parseIpSloppy(s), undefined));
});

describe('util/ip: special addresses (ValidateNonSpecialIP)', () => {
  const special: [string, RegExp][] = [
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['::ffff:0.0.0.0', /unspecified/],
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['::1', /loopback/],
    ['::ffff:127.0.0.1', /loopback/],
    ['169.254.0.1', /link-local range/],
    ['fe80::1', /link-local range/],
    ['febf::1', /link-local range/],
    ['224.0.0.1', /multicast/],
    ['224.0.0.255', /multicast/],
    ['ff02::1', /multicast/],
    ['ff12::1', /multicast/],
  ];
  for (const [s, re] of special) it(`refuses ${s}`, () => assert.match(specialIpReason(parseIpSloppy(s)!) ?? '', re));
  for (const s of ['10.0.0.1', '224.0.1.1', '239.1.1.1', 'fec0::1', 'ff05::1', '::2', '0.0.0.1', '169.253.0.1', 'fd00::1']) {
    it(`accepts ${s}`, () => assert.equal(specialIpReason(parseIpSloppy(s)!), undefined));
  }
});
