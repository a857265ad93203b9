// The CLI's JSON object for one lookup: the contract, validated against a JSON schema, and the values.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv from 'ajv';
import { nslookup, nslookupJson, type NslookupJson } from '../../../server/src/core/dns/nslookupText';
import type { QType } from '../../../server/src/core/dns/types';
import { load, spanFormatter } from './helpers';

const record = {
  type: 'object',
  required: ['name', 'type', 'ttl', 'data'],
  properties: {
    name: { type: 'string', pattern: '\\.$' },
    type: { enum: ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS'] },
    ttl: { type: 'integer', minimum: 0 },
    data: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
};

/** The contract: these keys and shapes; more keys may be added, none removed. */
const schema = {
  type: 'object',
  required: ['query', 'rcode', 'answers', 'tried', 'explanation'],
  properties: {
    query: { type: 'object', required: ['name', 'type'], properties: { name: { type: 'string' }, type: { type: 'string' } } },
    rcode: { enum: ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'REFUSED', 'FORMERR', 'NOTIMP', 'UNKNOWN'] },
    answers: { type: 'array', items: record },
    tried: { type: 'array', items: { type: 'string', pattern: '\\.$' } },
    explanation: { type: 'array', items: { type: 'string', minLength: 1 } },
    server: { type: ['string', 'null'] },
    upstream: { type: 'boolean' },
    simulated: { type: 'boolean' },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['record', 'summary', 'simulated', 'locations'],
        properties: { locations: { type: 'array', items: { type: 'string', pattern: ':\\d+$' } } },
      },
    },
    followUp: { type: 'object', required: ['name', 'type', 'rcode', 'answers'], properties: { answers: { type: 'array', items: record } } },
    exitCode: { enum: [0, 1, null] },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function json(fixture: string, name: string, type?: QType, ns = 'default'): NslookupJson {
  const m = load(fixture);
  const out = nslookupJson(nslookup(m, name, { type, from: { namespace: ns } }), spanFormatter(m));
  // it is JSON: a round trip changes nothing
  assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
  assert.ok(validate(out), JSON.stringify(validate.errors));
  return out;
}

test('headless1: the contract fields, exactly', () => {
  const ip = load('seed').pod('default', 'pod4')!.ips[0].ip;
  const j = json('seed', 'headless1');
  assert.deepEqual(j.query, { name: 'headless1', type: 'A' });
  assert.equal(j.rcode, 'NOERROR');
  assert.deepEqual(j.answers, [{ name: 'headless1.default.svc.cluster.local.', type: 'A', ttl: 30, data: ip }]);
  assert.deepEqual(j.tried, ['headless1.default.svc.cluster.local.']);
  assert.equal(j.server, '10.96.0.10');
  assert.equal(j.simulated, true);
  assert.equal(j.upstream, false);
  assert.deepEqual(j.sources, [
    {
      record: `headless1.default.svc.cluster.local. 30 IN A ${ip}`,
      summary: 'endpoint Pod default/pod4 of headless Service default/headless1',
      simulated: true,
      locations: ['pod_headless.yml:4', 'Headless.yml:4'],
    },
  ]);
  assert.deepEqual(j.followUp, { name: 'headless1.default.svc.cluster.local.', type: 'AAAA', rcode: 'NOERROR', answers: [] });
  assert.equal(j.exitCode, 0);
});

test('an A question on a CNAME lists the CNAME, then the addresses it leads to', () => {
  const j = json('externalname', 'alias', undefined, 'ext');
  assert.deepEqual(
    j.answers.map((a) => [a.name, a.type, a.data]),
    [
      ['alias.ext.svc.cluster.local.', 'CNAME', 'backend.ext.svc.cluster.local.'],
      ['backend.ext.svc.cluster.local.', 'A', '10.96.50.50'],
    ],
  );
});

test('externalname1: the CNAME, and the target the upstream resolves', () => {
  const j = json('seed', 'externalname1');
  assert.deepEqual(j.answers, [{ name: 'externalname1.default.svc.cluster.local.', type: 'CNAME', ttl: 30, data: 'github.github.io.' }]);
  assert.deepEqual(j.upstreamTargets, ['github.github.io.']);
  assert.equal(j.simulated, false);
  assert.deepEqual(j.sources[0].locations, ['external_svc.yml:7', 'external_svc.yml:4']);
});

test('pod-b.headless1: NXDOMAIN, every name tried', () => {
  const j = json('seed', 'pod-b.headless1');
  assert.equal(j.rcode, 'NXDOMAIN');
  assert.deepEqual(j.answers, []);
  assert.deepEqual(j.tried, [
    'pod-b.headless1.default.svc.cluster.local.',
    'pod-b.headless1.svc.cluster.local.',
    'pod-b.headless1.cluster.local.',
    'pod-b.headless1.',
  ]);
  assert.equal(j.upstream, true);
  assert.equal(j.exitCode, 1);
  assert.equal(j.followUp, undefined);
});

test('SRV and PTR data as dig +short prints them', () => {
  const srv = json('statefulset', '_web._tcp.nginx', 'SRV');
  assert.deepEqual(srv.answers.map((a) => a.data), [
    '0 33 80 web-0.nginx.default.svc.cluster.local.',
    '0 33 80 web-1.nginx.default.svc.cluster.local.',
    '0 33 80 web-2.nginx.default.svc.cluster.local.',
  ]);
  const ptr = json('seed', '10.96.0.1');
  assert.deepEqual(ptr.query, { name: '10.96.0.1', type: 'PTR' });
  assert.deepEqual(ptr.answers, [{ name: '1.0.96.10.in-addr.arpa.', type: 'PTR', ttl: 30, data: 'kubernetes.default.svc.cluster.local.' }]);
});

test('an answer nobody outside can know: rcode UNKNOWN, upstream', () => {
  const j = json('seed', 'github.com');
  assert.equal(j.rcode, 'UNKNOWN');
  assert.equal(j.upstream, true);
  assert.equal(j.exitCode, null);
  assert.ok(j.explanation.some((l) => l.includes('upstream')));
});

test('the resolv.conf used is part of the object', () => {
  const j = json('seed', 'headless1');
  assert.deepEqual(j.resolvConf, {
    policy: 'ClusterFirst',
    nameservers: ['10.96.0.10'],
    search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    options: ['ndots:5'],
  });
});
