// Quick fixes: each applied to inline YAML gives the expected text, and the checks re-run on the
// fixed text no longer report the finding (nor anything new).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyFix, checkTexts, describe, marked, yaml, type CheckRun, type Found } from './helpers';

/** The one finding of `code` whose span starts at the `$0` marker. */
function findingAt(files: Record<string, string>, file: string, code: string): { run: CheckRun; found: Found; clean: Record<string, string> } {
  const m = marked(files[file]);
  const clean = { ...files, [file]: m.text };
  const run = checkTexts(clean);
  const found = run.findings.find((f) => f.file === file && f.problem.code === code && f.problem.span.start === m.at);
  assert.ok(found, `no ${code} at $0; found:\n${run.findings.map((f) => describe(f)).join('\n')}`);
  return { run, found, clean };
}

/** Apply the fix at `$0`, compare with `want`, and check the fixed workspace again. */
function fixes(files: Record<string, string>, file: string, code: string, want: string, title?: string): void {
  const { run, found, clean } = findingAt(files, file, code);
  if (title) assert.equal(found.problem.fix?.title, title);
  const fixed = applyFix(clean, found.problem);
  assert.equal(fixed[file], want);
  const after = checkTexts(fixed);
  const before = new Set(run.findings.filter((f) => f !== found).map((f) => `${f.problem.code} ${f.problem.message}`));
  const now = after.findings.map((f) => `${f.problem.code} ${f.problem.message}`);
  assert.deepEqual(
    now.filter((d) => !before.has(d)),
    [],
    'the fix introduces no finding',
  );
  assert.ok(!after.findings.some((f) => f.problem.code === code && f.problem.message === found.problem.message), 'the finding is gone');
  assert.deepEqual(after.all.filter((f) => !after.findings.includes(f)).map((f) => describe(f)), [], 'the fixed text has no YAML or API problem');
}

test('subdomain-without-service: appends a headless Service, supplying the missing final newline', () => {
  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: pod5
      namespace: lab
      labels:
        svc: headless
        version: "2"
    spec:
      hostname: pod-b
      subdomain: $0headless2
      containers:
      - name: main
        image: kubetm/app
        ports:
        - name: http
          containerPort: 8080
        - containerPort: 9090
        - containerPort: 53
          protocol: UDP`;
  fixes({ 'pod.yaml': pod }, 'pod.yaml', 'subdomain-without-service', marked(pod).text + '\n' + yaml`
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: headless2
      namespace: lab
    spec:
      clusterIP: None
      selector:
        svc: headless
        version: "2"
      ports:
      - name: http
        port: 8080
      - name: tcp-9090
        port: 9090
      - name: udp-53
        port: 53
        protocol: UDP
    `);
});

test('subdomain-without-service: selects what all pods with the subdomain share, keeps CRLF', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: a',
    '  labels: {app: grid, node: a}',
    'spec:',
    '  hostname: a',
    '  subdomain: $0grid',
    '  containers: [{name: c, image: busybox}]',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: b',
    '  labels: {app: grid, node: b}',
    'spec:',
    '  hostname: b',
    '  subdomain: grid',
    '  containers: [{name: c, image: busybox}]',
    '',
  ].join('\r\n');
  const want = marked(text).text + ['---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: grid', 'spec:', '  clusterIP: None', '  selector:', '    app: grid', ''].join('\r\n');
  fixes({ 'pods.yaml': text }, 'pods.yaml', 'subdomain-without-service', want, 'Create headless Service "grid" selecting app=grid');
});

test('subdomain-without-service: a Deployment template is selected by the Deployment\'s matchLabels', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 1
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
            version: v7
        spec:
          hostname: web
          subdomain: $0web-pods
          containers:
          - name: web
            image: nginx
    `;
  fixes({ 'web.yaml': text }, 'web.yaml', 'subdomain-without-service', marked(text).text + yaml`
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web-pods
    spec:
      clusterIP: None
      selector:
        app: web
    `);
});

test('subdomain-service-does-not-select-pod: adds the missing label', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: db
    spec:
      clusterIP: None
      selector:
        app: db
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: db-1
      labels:
        role: replica
    spec:
      hostname: db-1
      subdomain: $0db
      containers:
      - name: db
        image: postgres:16
    `;
  fixes({ 'db.yaml': text }, 'db.yaml', 'subdomain-service-does-not-select-pod', marked(text).text.replace('    role: replica\n', '    app: db\n    role: replica\n'), 'Add label app=db to Pod "db-1"');
});

test('subdomain-service-does-not-select-pod: no fix when a label would change value', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: db
    spec:
      clusterIP: None
      selector:
        app: db
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: client
      labels:
        app: client
    spec:
      hostname: client
      subdomain: $0db
      containers:
      - name: c
        image: busybox
    `;
  const { found } = findingAt({ 'a.yaml': text }, 'a.yaml', 'subdomain-service-does-not-select-pod');
  assert.equal(found.problem.fix, undefined);
});

test('subdomain-without-hostname: sets the hostname to the pod name', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: spark
    spec:
      clusterIP: None
      selector:
        app: spark
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: driver
      labels:
        app: spark
    spec:
      subdomain: $0spark
      containers:
      - name: driver
        image: apache/spark:3.5.0
    `;
  fixes({ 'p.yaml': text }, 'p.yaml', 'subdomain-without-hostname', marked(text).text.replace('  subdomain: spark\n', '  hostname: driver\n  subdomain: spark\n'));
});

test('hostname-without-subdomain: sets the subdomain to the headless Service that selects the pod', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: mq
    spec:
      clusterIP: None
      selector:
        app: mq
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: mq-main
      labels:
        app: mq
    spec:
      hostname: $0mq-main
      containers:
      - name: rabbitmq
        image: rabbitmq:3.13`;
  fixes({ 'p.yaml': text }, 'p.yaml', 'hostname-without-subdomain', marked(text).text.replace('  hostname: mq-main\n', '  hostname: mq-main\n  subdomain: mq\n'));
});

test('statefulset-service-not-found: appends the governing headless Service', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: kafka
      namespace: data
    spec:
      serviceName: $0kafka-headless
      replicas: 3
      selector:
        matchLabels:
          app.kubernetes.io/name: kafka
      template:
        metadata:
          labels:
            app.kubernetes.io/name: kafka
            app.kubernetes.io/version: "3.7"
        spec:
          containers:
          - name: kafka
            image: apache/kafka:3.7.0
            ports:
            - name: broker
              containerPort: 9092
    `;
  fixes({ 'kafka.yaml': text }, 'kafka.yaml', 'statefulset-service-not-found', marked(text).text + yaml`
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: kafka-headless
      namespace: data
    spec:
      clusterIP: None
      selector:
        app.kubernetes.io/name: kafka
      ports:
      - name: broker
        port: 9092
    `);
});

test('endpoints-without-service: appends a Service without a selector with the endpoint ports', () => {
  const text = yaml`
    apiVersion: v1
    kind: Endpoints
    metadata:
      name: $0legacy-db
    subsets:
    - addresses:
      - ip: 192.168.10.5
      ports:
      - name: mysql
        port: 3306
    `;
  fixes({ 'e.yaml': text }, 'e.yaml', 'endpoints-without-service', marked(text).text + yaml`
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: legacy-db
    spec:
      ports:
      - name: mysql
        port: 3306
    `);
});

test('endpoints-without-service: endpoints without ports get a headless Service', () => {
  const text = yaml`
    apiVersion: discovery.k8s.io/v1
    kind: EndpointSlice
    metadata:
      name: peers-1
      labels:
        kubernetes.io/service-name: $0peers
    addressType: IPv4
    endpoints:
    - addresses: ["10.0.0.7"]
    `;
  fixes({ 's.yaml': text }, 's.yaml', 'endpoints-without-service', marked(text).text + yaml`
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: peers
    spec:
      clusterIP: None
    `);
});

test('endpoints-port-mismatch: renames the endpoint port', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: billing
    spec:
      ports:
      - name: http
        port: 80
        targetPort: 8080
    ---
    apiVersion: v1
    kind: Endpoints
    metadata:
      name: billing
    subsets:
    - addresses:
      - ip: 10.20.0.15
      ports:
      - name: $0web
        port: 8080
    `;
  fixes({ 'b.yaml': text }, 'b.yaml', 'endpoints-port-mismatch', marked(text).text.replace('name: web', 'name: http'));
});

test('endpoints-port-mismatch: names an unnamed endpoint port (block and flow)', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: billing
    spec:
      ports:
      - name: http
        port: 80
    ---
    apiVersion: discovery.k8s.io/v1
    kind: EndpointSlice
    metadata:
      name: billing-1
      labels:
        kubernetes.io/service-name: billing
    addressType: IPv4
    ports:
      - port: $080
    endpoints:
    - addresses: ["10.20.0.15"]
    `;
  fixes({ 'b.yaml': text }, 'b.yaml', 'endpoints-port-mismatch', marked(text).text.replace('  - port: 80\n', '  - name: http\n    port: 80\n'), 'Name the port "http"');
  const flow = text.replace('ports:\n  - port: $080\n', 'ports: [{port: $080}]\n');
  fixes({ 'b.yaml': flow }, 'b.yaml', 'endpoints-port-mismatch', marked(flow).text.replace('[{port: 80}]', '[{name: http, port: 80}]'));
});

test('target-port-not-found: uses the only port the containers declare', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: api
    spec:
      selector:
        matchLabels:
          app: api
      template:
        metadata:
          labels:
            app: api
        spec:
          containers:
          - name: api
            image: example/api:1.0
            ports:
            - name: http
              containerPort: 8080
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: api
    spec:
      selector:
        app: api
      ports:
      - port: 80
        targetPort: $0http-web
    `;
  fixes({ 'a.yaml': text }, 'a.yaml', 'target-port-not-found', marked(text).text.replace('targetPort: http-web', 'targetPort: http'));
  // unnamed container port: the number
  const unnamed = text.replace('        - name: http\n          containerPort: 8080', '        - containerPort: 8080');
  fixes({ 'a.yaml': unnamed }, 'a.yaml', 'target-port-not-found', marked(unnamed).text.replace('targetPort: http-web', 'targetPort: 8080'));
});

test('target-port-not-found: no fix when the containers have several ports of the protocol', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: api
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:1.0
        ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: api
    spec:
      selector:
        app: api
      ports:
      - port: 80
        targetPort: $0web
    `;
  const { found } = findingAt({ 'a.yaml': text }, 'a.yaml', 'target-port-not-found');
  assert.equal(found.problem.fix, undefined);
  assert.match(found.problem.message, /Pod "api"/);
});

test('target-port-not-declared: uses the only declared port', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: api
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: example/api:1.0
        ports:
        - containerPort: 8080
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: api
    spec:
      selector:
        app: api
      ports:
      - port: 80
        targetPort: $08000
    `;
  fixes({ 'a.yaml': text }, 'a.yaml', 'target-port-not-declared', marked(text).text.replace('targetPort: 8000', 'targetPort: 8080'));
});

test('external-name-ignored-fields: removes block and flow fields cleanly', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: mail
    spec:
      type: ExternalName
      externalName: smtp.example.com
      $0selector:
        app: mail   # left over from the ClusterIP version
      ports:
      - port: 25
    `;
  fixes({ 's.yaml': text }, 's.yaml', 'external-name-ignored-fields', marked(text).text.replace('  selector:\n    app: mail   # left over from the ClusterIP version\n', ''), 'Remove selector');
  const flow = 'apiVersion: v1\nkind: Service\nmetadata: {name: mail}\nspec: {type: ExternalName, $0externalIPs: [1.2.3.4], externalName: smtp.example.com}\n';
  fixes({ 's.yaml': flow }, 's.yaml', 'external-name-ignored-fields', 'apiVersion: v1\nkind: Service\nmetadata: {name: mail}\nspec: {type: ExternalName, externalName: smtp.example.com}\n');
});

test('dns-policy-without-cluster-dns: sets ClusterFirstWithHostNet after hostNetwork, or replaces Default', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: agent
    spec:
      hostNetwork: $0true
      containers:
      - name: agent
        image: example/agent:1.0
        env:
        - name: SINK
          value: http://loki.monitoring.svc.cluster.local:3100
    `;
  fixes({ 'a.yaml': text }, 'a.yaml', 'dns-policy-without-cluster-dns', marked(text).text.replace('  hostNetwork: true\n', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n'));
  const def = text.replace('  hostNetwork: $0true\n', '  dnsPolicy: $0Default\n');
  fixes({ 'a.yaml': def }, 'a.yaml', 'dns-policy-without-cluster-dns', marked(def).text.replace('dnsPolicy: Default', 'dnsPolicy: ClusterFirst'));
});

test('JSON manifests: a rename keeps JSON; fixes that would add YAML are not offered', () => {
  const json = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'billing' }, spec: { ports: [{ name: 'http', port: 80 }] } },
        { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'billing' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: '$0web', port: 80 }] }] },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } }, spec: { hostname: 'h', subdomain: 'grid', containers: [{ name: 'c', image: 'busybox' }] } },
      ],
    },
    null,
    2,
  ).replace('"$0web"', '$0"web"');
  fixes({ 'all.json': json }, 'all.json', 'endpoints-port-mismatch', marked(json).text.replace('"web"', '"http"'));
  const run = checkTexts({ 'all.json': marked(json).text });
  const sub = run.findings.find((f) => f.problem.code === 'subdomain-without-service');
  assert.ok(sub);
  assert.equal(sub.problem.fix, undefined);
  assert.doesNotThrow(() => JSON.parse(applyFix({ 'all.json': marked(json).text }, run.findings.find((f) => f.problem.code === 'endpoints-port-mismatch')!.problem)['all.json']));
});
