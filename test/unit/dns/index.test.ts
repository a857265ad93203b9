// The DNS layer's entry point exports what the CLI and the language server use.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as dns from '../../../server/src/core/dns/index';
import { load, spanFormatter } from './helpers';

test('one import: resolve, look up from a pod, print as nslookup and as JSON', () => {
  const m = load('seed');
  const r = new dns.Resolver(m);
  assert.equal(r.query('headless1.default.svc.cluster.local', 'A').rcode, 'NOERROR');
  assert.equal(dns.parseQType('srv'), 'SRV');
  assert.equal(dns.parseQType('nope'), undefined);
  const run = dns.nslookup(m, 'endpoint2', { from: { namespace: 'default' }, resolver: r });
  assert.ok(dns.nslookupText(run, spanFormatter(m)).startsWith(';; Got recursion not available from 10.96.0.10\nServer:\t\t10.96.0.10\n'));
  assert.equal(dns.nslookupJson(run, spanFormatter(m)).rcode, 'NOERROR');
  assert.deepEqual(r.zones(), ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.']);
});
