// The decisions the rules take on the edges: objects the API refuses, built-in objects, duplicated
// definitions, settings, and incremental re-checking.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { checkTexts, describe, yaml } from './helpers';

const codes = (files: Record<string, string>, settings = {}) => checkTexts(files, settings).findings.map((f) => f.problem.code);

const pod = (subdomain: string, extra = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
    labels:
      app: p
  spec:
    hostname: h
    subdomain: ${subdomain}
  ${extra}  containers:
    - name: c
      image: busybox
  `;

test('silent about a subdomain whose Service the API would refuse (wrong field type)', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: grid
    spec:
      clusterIP: None
      ports: "80"
    `;
  const run = checkTexts({ 'pod.yaml': pod('grid'), 'svc.yaml': svc });
  assert.deepEqual(run.findings.map((f) => describe(f)), []);
  assert.ok(run.all.some((f) => f.problem.code === 'invalid-field-type'), 'the refusal itself is reported by the reader');
});

test('silent about a Service shape the API refuses (no ports, not headless), whatever refers to it', () => {
  const svc = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: grid
    spec:
      selector:
        app: nothing
    `;
  assert.deepEqual(codes({ 'pod.yaml': pod('grid'), 'svc.yaml': svc }), []);
});

test('silent about a refused Pod', () => {
  const refused = pod('missing').replace('hostname: h', 'hostname: 5');
  const run = checkTexts({ 'pod.yaml': refused });
  assert.deepEqual(run.findings.map((f) => describe(f)), []);
  assert.ok(run.all.some((f) => f.problem.code === 'invalid-field-type'));
});

test('built-in Services: referring to them is silent, and they are never reported', () => {
  const sts = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: odd
    spec:
      serviceName: kubernetes
      selector:
        matchLabels:
          app: odd
      template:
        metadata:
          labels:
            app: odd
        spec:
          containers:
          - name: c
            image: busybox
    `;
  assert.deepEqual(codes({ 'sts.yaml': sts }), []);
  const kubeDnsMonitor = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: kube-dns-metrics
      namespace: kube-system
    spec:
      clusterIP: None
      selector:
        k8s-app: kube-dns
      ports:
      - name: metrics
        port: 9153
    `;
  assert.deepEqual(codes({ 'svc.yaml': kubeDnsMonitor }), []);
});

test('a duplicated Service is judged on every definition', () => {
  const deploy = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
          - name: web
            image: nginx
    `;
  const svc = (app: string) => yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector:
        app: ${app}
      ports:
      - port: 80
    `;
  // definitions in different files are alternatives: not reported; the model keeps a-… (selects nothing),
  // b-… selects the pods: which one wins decides, so selector-matches-no-pod is not reported either
  assert.deepEqual(codes({ 'a-svc.yaml': svc('old'), 'b-svc.yaml': svc('web'), 'deploy.yaml': deploy }), []);
  // no definition selects anything: reported, once, on the one the model keeps
  const run = checkTexts({ 'a-svc.yaml': svc('old'), 'b-svc.yaml': svc('older'), 'deploy.yaml': deploy });
  assert.deepEqual(
    run.findings.map((f) => `${f.file} ${f.problem.code}`),
    ['a-svc.yaml selector-matches-no-pod'],
  );
  // the same file defining it twice: the second silently replaces the first when applied
  const same = checkTexts({ 'svc.yaml': `${svc('old')}---\n${svc('web')}`, 'deploy.yaml': deploy });
  assert.deepEqual(
    same.findings.map((f) => `${f.file} ${f.problem.code}`),
    ['svc.yaml duplicate-object'],
  );
});

test('subdomain-without-hostname is silent when CoreDNS names endpoints after their pods', () => {
  const files = {
    'p.yaml': pod('grid').replace('  hostname: h\n', ''),
    's.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: grid
      spec:
        clusterIP: None
        selector:
          app: p
      `,
  };
  assert.deepEqual(codes(files), ['subdomain-without-hostname']);
  assert.deepEqual(codes(files, { endpointPodNames: true }), []);
});

test('the cluster domain setting is used in messages', () => {
  const run = checkTexts({ 'p.yaml': pod('grid') }, { clusterDomain: 'corp.internal' });
  assert.match(run.findings[0].problem.message, /h\.grid\.default\.svc\.corp\.internal/);
});

test('incremental: adding the missing Service clears the finding; a namespace that reads another is re-checked', () => {
  const model = new ClusterModel();
  const engine = new DiagnosticsEngine(model, undefined, () => undefined);
  const client = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: client
      namespace: app
    spec:
      dnsPolicy: Default
      containers:
      - name: c
        image: busybox
        env:
        - name: DB
          value: db.data:5432
    `;
  model.setFile(readManifestText('client.yaml', client));
  model.setFile(readManifestText('pod.yaml', pod('grid')));
  model.refresh();
  engine.checkAll();
  const found = () => [...new Set([...model.allFiles()].map((f) => f.file))].flatMap((f) => engine.problemsFor(f).map((p) => `${f} ${p.code}`)).sort();
  assert.deepEqual(found(), ['pod.yaml subdomain-without-service']);
  // a Service db in namespace data makes "db.data" a cluster name: namespace app is re-checked
  const db = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: db
      namespace: data
    spec:
      ports:
      - port: 5432
    ---
    apiVersion: v1
    kind: Endpoints
    metadata:
      name: db
      namespace: data
    subsets:
    - addresses:
      - ip: 10.0.0.9
      ports:
      - port: 5432
    `;
  model.setFile(readManifestText('db.yaml', db));
  engine.update(model.refresh().namespaces);
  assert.deepEqual(found(), ['client.yaml dns-policy-without-cluster-dns', 'pod.yaml subdomain-without-service']);
  const grid = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: grid
    spec:
      clusterIP: None
      selector:
        app: p
    `;
  model.setFile(readManifestText('grid.yaml', grid));
  engine.update(model.refresh().namespaces);
  assert.deepEqual(found(), ['client.yaml dns-policy-without-cluster-dns']);
});

test('service-without-endpoints leaves a Service whose Endpoints are refused to the refusal', () => {
  const files = {
    's.yaml': yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: ext
      spec:
        ports:
        - port: 443
      ---
      apiVersion: v1
      kind: Endpoints
      metadata:
        name: ext
      subsets:
      - addresses:
        - hostname: no-ip
      `,
  };
  const run = checkTexts(files);
  assert.deepEqual(run.findings.map((f) => describe(f)), []);
  assert.ok(run.all.some((f) => f.problem.code === 'endpoints-invalid-ip'));
});

test('selector-matches-no-pod leaves a Service whose pods are refused to the refusal', () => {
  const files = {
    'a.yaml': yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: backend
      spec:
        selector:
          matchLabels:
            app: backend
        template:
          metadata:
            labels:
              app: backend
          spec:
            containers:
            - name: backend\\
              image: buoyantio/bb:v0.0.5
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: backend
      spec:
        selector:
          app: backend
        ports:
        - port: 80
      `,
  };
  const run = checkTexts(files);
  assert.deepEqual(run.findings.map((f) => describe(f)), []);
  assert.deepEqual(run.all.map((f) => f.problem.code), ['invalid-container-name']);
});
