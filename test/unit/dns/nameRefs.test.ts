// Cluster DNS name candidates in free text (env values, args, ConfigMap data): what is a candidate,
// where it is, how sure we are (dns/nameRefs.ts).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyName, findNameRefs } from '../../../server/src/core/dns/nameRefs';

const refs = (text: string) => findNameRefs(text).map((r) => [r.name, r.index, r.port, r.strength, r.form]);

test('classifyName: fqdn when a label after the first is svc or pod, in any case', () => {
  assert.equal(classifyName('db.backend.svc.cluster.local'), 'fqdn');
  assert.equal(classifyName('db.backend.SVC'), 'fqdn');
  assert.equal(classifyName('10-244-1-5.team.Pod.cluster.local.'), 'fqdn');
  assert.equal(classifyName('_http._tcp.web.ns.svc.cluster.local'), 'fqdn', 'underscores are fine in SRV names');
  // the first label does not count
  assert.equal(classifyName('svc.backend'), 'qualified');
  assert.equal(classifyName('svcs.backend'), 'qualified');
});

test('classifyName: short and qualified names, and what is no name', () => {
  assert.equal(classifyName('headless1'), 'short');
  assert.equal(classifyName('headless1.'), 'short', 'one trailing dot ends the name');
  assert.equal(classifyName('db.backend'), 'qualified');
  assert.equal(classifyName('github.com'), 'qualified');
  for (const none of ['', '.', 'a..', 'a..b', '.a', '10.0.0.1', 'v1.2', '8080', 'a_b', '_x', '-', 'a.' + 'b'.repeat(64)]) {
    assert.equal(classifyName(none), undefined, JSON.stringify(none));
  }
  assert.equal(classifyName('a.' + 'b'.repeat(63)), 'qualified', '63 characters is the longest label');
  assert.equal(classifyName('v1.2a'), 'qualified', 'a last label with a letter');
});

test('a URL: its host, with the port, and the host only once', () => {
  assert.deepEqual(refs('http://headless1:8080/hostname'), [['headless1', 7, 8080, 'short', 'url']]);
  assert.deepEqual(refs('jdbc:postgresql://app:secret@db.data.svc:5432/x'), [['db.data.svc', 29, 5432, 'fqdn', 'url']]);
  assert.deepEqual(refs('see http://web.ns/ and https://api.ns.svc.cluster.local.'), [
    ['web.ns', 11, undefined, 'qualified', 'url'],
    ['api.ns.svc.cluster.local.', 31, undefined, 'fqdn', 'url'],
  ]);
  assert.deepEqual(refs('http://localhost:8080'), [], 'localhost is never a cluster name');
});

test('host:port tokens, with the port in range', () => {
  assert.deepEqual(refs('redis:6379'), [['redis', 0, 6379, 'short', 'hostport']]);
  assert.deepEqual(refs('--addr=db.backend.svc.cluster.local:5432'), [['db.backend.svc.cluster.local', 7, 5432, 'fqdn', 'hostport']]);
  assert.deepEqual(refs('redis:0'), []);
  assert.deepEqual(refs('redis:65536'), []);
  assert.deepEqual(refs('redis:65535'), [['redis', 0, 65535, 'short', 'hostport']]);
  assert.deepEqual(refs('a:1:2'), [], 'not a host:port (a time, a ratio)');
  assert.deepEqual(refs('LOCALHOST:80'), []);
});

test('a whole value that is one name; tokens only when they name svc or pod', () => {
  assert.deepEqual(refs('  postgres '), [['postgres', 2, undefined, 'short', 'value']]);
  assert.deepEqual(refs('db.backend'), [['db.backend', 0, undefined, 'qualified', 'value']]);
  assert.deepEqual(refs('connect to db.backend now'), [], 'a qualified token inside text is not taken');
  assert.deepEqual(refs('connect to db.backend.svc now, then web-0.nginx.default.svc.cluster.local'), [
    ['db.backend.svc', 11, undefined, 'fqdn', 'token'],
    ['web-0.nginx.default.svc.cluster.local', 36, undefined, 'fqdn', 'token'],
  ]);
  assert.deepEqual(refs('1.2.3'), []);
  assert.deepEqual(refs('12345'), []);
});

test('one candidate per position (the first form found wins), in text order', () => {
  // a whole value that is also a svc token: one ref, as the value
  assert.deepEqual(refs(' db.ns.svc'), [['db.ns.svc', 1, undefined, 'fqdn', 'value']]);
  // found by the host:port scan after the URL scan, but earlier in the text: sorted
  assert.deepEqual(refs('x.ns.svc:80 http://y.ns.svc:80'), [
    ['x.ns.svc', 0, 80, 'fqdn', 'hostport'],
    ['y.ns.svc', 19, 80, 'fqdn', 'url'],
  ]);
});

test('many candidates in one value: each position once, in order', () => {
  const parts = Array.from({ length: 40 }, (_, i) => `s${i}.ns.svc:${1000 + i}`);
  const text = parts.join(' ');
  const got = findNameRefs(text);
  assert.equal(got.length, 40);
  let at = 0;
  got.forEach((r, i) => {
    assert.equal(r.name, `s${i}.ns.svc`);
    assert.equal(r.port, 1000 + i);
    assert.equal(r.index, text.indexOf(parts[i], at));
    at = r.index + 1;
  });
});

test('texts without a letter, empty or over 64 KB are not scanned', () => {
  assert.deepEqual(refs(''), []);
  assert.deepEqual(refs('10.0.0.1:80'), []);
  assert.deepEqual(refs(`${'x '.repeat(33 * 1024)} db.ns.svc`), []);
});
