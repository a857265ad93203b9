// The endpoints controllers, simulated: selector → ready pods, targetPort by number or name, hostnames,
// hand-written Endpoints (mirrored only without a selector) and EndpointSlices.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { modelOf, yaml } from '../../support/workspace';

const pod = (name: string, labels: string, extra = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: ${name}
    labels: ${labels}
  spec:
    containers:
    - name: app
      image: app
      ports:
      - {name: http, containerPort: 8080}
      - {name: dns, containerPort: 5353, protocol: UDP}
  ${extra}
`;

test('a selector picks ready pods; not-ready ones are endpoints that DNS does not serve', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        clusterIP: None
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
    `,
    'a.yaml': pod('a', '{app: web}'),
    'b.yaml': pod('b', '{app: web}', 'status: {phase: Running, podIP: 10.244.3.3, conditions: [{type: Ready, status: "False"}]}'),
    'c.yaml': pod('c', '{app: web}', 'status: {phase: Succeeded, podIP: 10.244.3.4}'),
    'd.yaml': pod('d', '{app: other}'),
  });
  const s = m.service('default', 'web')!;
  assert.deepEqual(s.selectedPods.map((p) => p.name).sort(), ['a', 'b', 'c']);
  const eps = s.endpoints.map((e) => [e.pod?.name, e.ready, e.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)]).sort();
  assert.deepEqual(eps, [
    ['a', true, ['http:8080/TCP']],
    ['b', false, ['http:8080/TCP']],
  ]);
});

test('publishNotReadyAddresses makes not-ready pods ready endpoints; terminating pods are not ready', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        clusterIP: None
        publishNotReadyAddresses: true
        selector: {app: web}
    `,
    'b.yaml': pod('b', '{app: web}', 'status: {phase: Running, podIP: 10.244.3.3, conditions: [{type: Ready, status: "False"}]}'),
    't.yaml': pod('t', '{app: web}').replace('metadata:\n', 'metadata:\n  deletionTimestamp: "2024-01-01T00:00:00Z"\n'),
  });
  const s = m.service('default', 'web')!;
  assert.deepEqual(s.endpoints.map((e) => [e.pod?.name, e.ready, e.terminating]).sort(), [
    ['b', true, false],
    ['t', true, true],
  ]);
});

test('named targetPort resolves per pod by name and protocol; a pod without it has no such port', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports:
        - {name: http, port: 80, targetPort: http}
        - {name: dns, port: 53, targetPort: dns, protocol: UDP}
        - {name: dns-tcp, port: 53, targetPort: dns}
    `,
    'a.yaml': pod('a', '{app: web}'),
    'b.yaml': yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: b, labels: {app: web}}
      spec:
        containers:
        - name: app
          image: app
          ports: [{name: http, containerPort: 9090}]
    `,
  });
  const s = m.service('default', 'web')!;
  const byPod = Object.fromEntries(s.endpoints.map((e) => [e.pod!.name, e.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)]));
  assert.deepEqual(byPod, { a: ['http:8080/TCP', 'dns:5353/UDP'], b: ['http:9090/TCP'] });
  const missing = s.targetPorts.filter((t) => t.port === undefined).map((t) => `${t.pod.name}:${t.servicePort.name?.value}`);
  assert.deepEqual(missing.sort(), ['a:dns-tcp', 'b:dns', 'b:dns-tcp']);
});

test('an endpoint carries the pod hostname only when the pod subdomain is the Service name', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: headless1}
      spec: {clusterIP: None, selector: {svc: headless}, ports: [{port: 80, targetPort: 8080}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: other}
      spec: {clusterIP: None, selector: {svc: headless}}
    `,
    'p.yaml': pod('pod4', '{svc: headless}', 'hostname: pod-a\n  subdomain: headless1').replace('spec:\n  containers', 'spec:\n  hostname: pod-a\n  subdomain: headless1\n  containers').replace(/\n\s*hostname: pod-a\n\s*subdomain: headless1\s*$/, ''),
  });
  assert.equal(m.service('default', 'headless1')!.endpoints[0].hostname, 'pod-a');
  assert.equal(m.service('default', 'other')!.endpoints[0].hostname, undefined);
});

test('hand-written Endpoints feed a selector-less Service and are ignored for a Service with a selector', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: endpoint2}
      spec: {ports: [{port: 8080}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec: {selector: {app: web}, ports: [{port: 80}]}
    `,
    'ep.yaml': yaml`
      apiVersion: v1
      kind: Endpoints
      metadata: {name: endpoint2}
      subsets:
      - addresses: [{ip: 20.109.5.12}]
        notReadyAddresses: [{ip: 20.109.5.13}]
        ports: [{port: 8080}]
      ---
      apiVersion: v1
      kind: Endpoints
      metadata: {name: web}
      subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]
    `,
  });
  const e2 = m.service('default', 'endpoint2')!;
  assert.deepEqual(e2.endpoints.map((e) => [e.ip, e.ready, e.source.kind]), [
    ['20.109.5.12', true, 'Endpoints'],
    ['20.109.5.13', false, 'Endpoints'],
  ]);
  const web = m.service('default', 'web')!;
  assert.equal(web.endpoints.length, 0);
  assert.equal(web.ignoredSources.length, 1);
  assert.match(web.ignoredSources[0].reason, /has a selector/);
});

test('the mirroring controller copies at most 1,000 addresses per Endpoints subset, ready ones first; each subset counts on its own', () => {
  const ips = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `{ip: ${prefix}.${i >> 8}.${i & 255}}`).join(', ');
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: db}
      spec: {clusterIP: None, ports: [{name: pg, port: 5432}]}
    `,
    // notReadyAddresses written first: the controller still takes the ready ones first
    'ep.yaml': `apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
- notReadyAddresses: [${ips('10.9', 3)}]
  addresses: [${ips('10.1', 998)}]
  ports: [{name: pg, port: 5432}]
- addresses: [${ips('10.2', 5)}]
  ports: [{name: pg, port: 5432}]
`,
  });
  const eps = m.service('default', 'db')!.endpoints;
  assert.equal(eps.length, 1000 + 5);
  assert.deepEqual(
    eps.slice(996, 1002).map((e) => [e.ip, e.ready]),
    [
      ['10.1.3.228', true],
      ['10.1.3.229', true],
      ['10.9.0.0', false],
      ['10.9.0.1', false],
      ['10.2.0.0', true],
      ['10.2.0.1', true],
    ],
  );
  assert.ok(!eps.some((e) => e.ip === '10.9.0.2'), 'the third not-ready address is past the 1,000');
});

test('EndpointSlices count by their kubernetes.io/service-name label; a nil ready condition means ready', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: ext}
      spec: {clusterIP: None, ports: [{name: https, port: 443}]}
    `,
    'slice.yaml': yaml`
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: ext-1
        labels: {kubernetes.io/service-name: ext}
      addressType: IPv4
      ports: [{name: https, port: 8443, protocol: TCP}]
      endpoints:
      - addresses: [192.0.2.10]
        hostname: a
      - addresses: [192.0.2.11]
        conditions: {ready: false}
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: ext-fqdn
        labels: {kubernetes.io/service-name: ext}
      addressType: FQDN
      endpoints: [{addresses: [example.com]}]
    `,
  });
  const s = m.service('default', 'ext')!;
  assert.deepEqual(s.endpoints.map((e) => [e.ip, e.hostname, e.ready, e.ports.map((p) => p.port)]), [
    ['192.0.2.10', 'a', true, [8443]],
    ['192.0.2.11', undefined, false, [8443]],
  ]);
  assert.equal(s.ignoredSources.length, 1);
  assert.match(s.ignoredSources[0].reason, /FQDN/);
});

test('dual-stack: a RequireDualStack Service gets an IPv4 and an IPv6 cluster IP; pods get both families', () => {
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: dual}
      spec:
        ipFamilyPolicy: RequireDualStack
        selector: {app: web}
        ports: [{port: 80}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: single}
      spec: {selector: {app: web}, ports: [{port: 80}]}
    `,
    'a.yaml': pod('a', '{app: web}'),
  });
  const dual = m.service('default', 'dual')!;
  assert.deepEqual(dual.clusterIPs.map((c) => c.family), [4, 6]);
  assert.match(dual.clusterIPs[1].ip, /^fd00:10:96::/);
  assert.deepEqual(dual.endpoints.map((e) => e.family), [4, 6]);
  const single = m.service('default', 'single')!;
  assert.deepEqual(single.clusterIPs.map((c) => c.family), [4]);
  assert.deepEqual(single.endpoints.map((e) => e.family), [4]);
  assert.deepEqual(m.pod('default', 'a')!.ips.map((i) => i.family), [4, 6]);
});

test('replicas of several workloads: each template resolves its own named targetPort, every replica gets it', () => {
  const deployment = (name: string, replicas: number, ports: string) => yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: ${name}}
    spec:
      replicas: ${replicas}
      selector: {matchLabels: {app: web, tier: ${name}}}
      template:
        metadata: {labels: {app: web, tier: ${name}}}
        spec:
          containers:
          - name: ${name}-c
            image: app
            ports: ${ports}
  `;
  const m = modelOf({
    'svc.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}, {name: plain, port: 81, targetPort: 7000}]
    `,
    'a.yaml': deployment('a', 3, '[{name: http, containerPort: 8080}]'),
    'b.yaml': deployment('b', 2, '[{name: http, containerPort: 9090}]'),
    'c.yaml': deployment('c', 2, '[{name: metrics, containerPort: 9100}]'),
  });
  const s = m.service('default', 'web')!;
  const tier = (p: { labels: ReadonlyMap<string, string> }) => p.labels.get('tier');
  const ports = s.endpoints.map((e) => `${tier(e.pod!)}:${e.ports.map((p) => `${p.name}=${p.port}`).join(',')}`).sort();
  assert.deepEqual(ports, ['a:http=8080,plain=7000', 'a:http=8080,plain=7000', 'a:http=8080,plain=7000', 'b:http=9090,plain=7000', 'b:http=9090,plain=7000', 'c:plain=7000', 'c:plain=7000']);
  const named = s.targetPorts.filter((t) => t.servicePort.name?.value === 'http');
  assert.equal(named.length, 7);
  for (const t of named) {
    const want = { a: 8080, b: 9090, c: undefined }[tier(t.pod) as 'a' | 'b' | 'c'];
    assert.equal(t.port, want, t.pod.name);
    if (want === undefined) {
      assert.deepEqual(Object.keys(t).sort(), ['pod', 'servicePort']);
      continue;
    }
    // the matched container port, in the workload's own file
    assert.equal(t.containerName, `${tier(t.pod)}-c`);
    assert.ok(t.span && t.span.file.endsWith(`${tier(t.pod)}.yaml`), t.span?.file);
  }
  assert.deepEqual(
    s.targetPorts.filter((t) => t.servicePort.name?.value === 'plain').map((t) => Object.keys(t).sort().join()),
    Array(7).fill('pod,port,servicePort'),
  );
});
