// Workloads expanded into pods, as their controllers would create them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { modelOf, yaml } from '../../support/workspace';

const statefulSet = yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: web
  spec:
    serviceName: nginx
    replicas: 3
    selector:
      matchLabels: {app: nginx}
    template:
      metadata:
        labels: {app: nginx}
      spec:
        containers:
        - name: nginx
          image: nginx
          ports:
          - {name: web, containerPort: 80}
`;

test('StatefulSet pods are <name>-0..N-1 with hostname = pod name and subdomain = serviceName', () => {
  const m = modelOf({ 'sts.yaml': statefulSet });
  const pods = m.pods('default').sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(
    pods.map((p) => [p.name, p.hostname, p.subdomain, p.ordinal, p.labels.get('statefulset.kubernetes.io/pod-name'), p.labels.get('app')]),
    [
      ['web-0', 'web-0', 'nginx', 0, 'web-0', 'nginx'],
      ['web-1', 'web-1', 'nginx', 1, 'web-1', 'nginx'],
      ['web-2', 'web-2', 'nginx', 2, 'web-2', 'nginx'],
    ],
  );
  for (const p of pods) {
    assert.equal(p.ips.length, 1);
    assert.ok(p.ips[0].simulated);
    assert.match(p.ips[0].ip, /^10\.244\.\d+\.\d+$/);
    assert.equal(p.ready, true);
    assert.equal(p.readySimulated, true);
  }
});

test('StatefulSet spec.ordinals.start shifts the ordinals', () => {
  const m = modelOf({ 'sts.yaml': statefulSet.replace('replicas: 3', 'replicas: 2\n  ordinals: {start: 5}') });
  assert.deepEqual(
    m.pods('default').map((p) => p.name).sort(),
    ['web-5', 'web-6'],
  );
});

test('Deployment replicas get generated names, a pod-template-hash label and the template hostname', () => {
  const m = modelOf({
    'd.yaml': yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        replicas: 3
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            containers: [{name: api, image: api}]
    `,
  });
  const pods = m.pods('shop');
  assert.equal(pods.length, 3);
  const hash = pods[0].labels.get('pod-template-hash')!;
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
  for (const p of pods) {
    assert.match(p.name, new RegExp(`^api-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.namespace, 'shop');
  }
  assert.equal(new Set(pods.map((p) => p.name)).size, 3);
});

test('replicas: 0 runs no pod; DaemonSet runs one per simulated node', () => {
  const m = modelOf(
    {
      'd.yaml': yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: idle}
        spec:
          replicas: 0
          selector: {matchLabels: {app: idle}}
          template: {metadata: {labels: {app: idle}}, spec: {containers: [{name: c, image: x}]}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: c, image: x}]}}
      `,
    },
    { nodes: 3 },
  );
  assert.deepEqual(
    m.pods('default').map((p) => p.workload?.meta.name?.value),
    ['agent', 'agent', 'agent'],
  );
});

test('indexed Job pods get hostname <job>-<index>; CronJob pods come from a generated Job', () => {
  const m = modelOf({
    'j.yaml': yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: {name: train}
      spec:
        completions: 4
        parallelism: 2
        completionMode: Indexed
        template:
          spec:
            subdomain: workers
            restartPolicy: Never
            containers: [{name: c, image: x}]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly}
      spec:
        schedule: "0 0 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: c, image: x}]
    `,
  });
  const train = m.pods('default').filter((p) => p.workload?.meta.name?.value === 'train');
  assert.deepEqual(
    train.map((p) => [p.hostname, p.subdomain, p.labels.get('batch.kubernetes.io/job-completion-index')]).sort(),
    [
      ['train-0', 'workers', '0'],
      ['train-1', 'workers', '1'],
    ],
  );
  const nightly = m.pods('default').filter((p) => p.workload?.meta.name?.value === 'nightly');
  assert.equal(nightly.length, 1);
  assert.match(nightly[0].name, /^nightly-\d{8}-[a-z0-9]{5}$/);
  assert.equal(nightly[0].labels.get('job-name'), nightly[0].name.slice(0, nightly[0].name.lastIndexOf('-')));
});

test('declared pods that belong to a workload stand for it: no simulated duplicates', () => {
  const m = modelOf({
    'sts.yaml': statefulSet,
    'pod.yaml': yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-0
        labels: {app: nginx}
        ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, uid: x, controller: true}]
      spec:
        hostname: web-0
        subdomain: nginx
        containers: [{name: nginx, image: nginx}]
      status:
        phase: Running
        podIP: 10.244.1.7
        conditions: [{type: Ready, status: "True"}]
    `,
  });
  assert.deepEqual(
    m.pods('default').map((p) => [p.name, p.declared ? 'declared' : 'simulated', p.ips.map((i) => i.ip)]),
    [['web-0', 'declared', ['10.244.1.7']]],
  );
});

test('a ReplicaSet owned by a declared Deployment is what runs: the Deployment is not expanded twice', () => {
  const m = modelOf({
    'x.yaml': yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api}
      spec:
        replicas: 2
        selector: {matchLabels: {app: api}}
        template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: x}]}}
      ---
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: api-5d8f7c9b4
        ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: y}]
      spec:
        replicas: 2
        selector: {matchLabels: {app: api}}
        template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, image: x}]}}
    `,
  });
  assert.deepEqual(
    m.pods('default').map((p) => p.workload?.kind),
    ['ReplicaSet', 'ReplicaSet'],
  );
});
