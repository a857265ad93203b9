// Hover, called directly on a workspace (no connection): the seed workspace and inline YAML with `$0`.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, markdown, workspace } from './fixture';
import { hoverAt } from '../../../server/src/service/hover';
import { lookup } from '../../../server/src/core/dns/search';

const hover = (t: { ws: Parameters<typeof hoverAt>[0] }, uri: string, offset: number) => markdown(hoverAt(t.ws, uri, offset));
const at = (files: Record<string, string>) => {
  const t = workspace(files);
  return hover(t, t.cursor.uri, t.cursor.offset) ?? '';
};

test('hover seed: Service headless1 — names, the endpoint of pod4, the per-pod name, links', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('Headless.yml'), t.offsetOf('Headless.yml', 'headless1', 2))!;
  const ip = t.ws.model.pod('default', 'pod4')!.ips[0].ip;
  assert.match(md, /headless \(`clusterIP: None`\)/);
  for (const n of ['`headless1`', '`headless1.default`', '`headless1.default.svc.cluster.local`', '`pod-a.headless1.default.svc.cluster.local`']) assert.ok(md.includes(n), n);
  assert.ok(md.includes(`A \`${ip}\``), 'the A record answers pod4');
  assert.ok(md.includes(`${t.uri('pod_headless.yml')}#L4`), 'links to pod4');
  assert.match(md, /_simulated_/);
});

test('hover seed: the answer is the resolver\'s (agrees with nslookup)', () => {
  const t = fixture('seed');
  for (const [file, name] of [
    ['Headless.yml', 'headless1'],
    ['service_ep.yml', 'endpoint1'],
    ['service_ep_2.yml', 'endpoint2'],
  ]) {
    const md = hover(t, t.uri(file), t.offsetOf(file, `name: ${name}`, 7))!;
    const r = lookup(t.ws.model, name, 'A', { namespace: 'default' });
    assert.ok(r.answers.length > 0, name);
    for (const a of r.answers) assert.ok(md.includes(`A \`${a.data}\``), `${name}: ${a.data}`);
  }
});

test('hover seed: hostname pod-a → its FQDN and pod4\'s address', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('pod_headless.yml'), t.offsetOf('pod_headless.yml', 'pod-a', 2))!;
  const ip = t.ws.model.pod('default', 'pod4')!.ips[0].ip;
  assert.ok(md.includes(`\`pod-a.headless1.default.svc.cluster.local\` → \`${ip}\``), md);
});

test('hover seed: subdomain headless1 → the Service, headless, selecting the pod', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('pod_headless.yml'), t.offsetOf('pod_headless.yml', 'subdomain: headless1', 12))!;
  assert.match(md, /Service `headless1` .* · headless · selects 1 of 1 pod/);
});

test('hover seed: Pod pod4 → its pod A record, its hostname name, the Service selecting it', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('pod_headless.yml'), t.offsetOf('pod_headless.yml', 'pod4', 1))!;
  const ip = t.ws.model.pod('default', 'pod4')!.ips[0].ip;
  assert.ok(md.includes(`\`${ip.replace(/\./g, '-')}.default.pod.cluster.local\``), md);
  assert.ok(md.includes('`pod-a.headless1.default.svc.cluster.local`'));
  assert.match(md, /Selected by Service `headless1`/);
});

test('hover seed: Endpoints endpoint2 → its Service, and it counts', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('endpoint_for_2.yml'), t.offsetOf('endpoint_for_2.yml', 'endpoint2', 1))!;
  assert.ok(md.includes(`Service \`endpoint2\` [service\\_ep\\_2.yml:4](${t.uri('service_ep_2.yml')}#L4)`), md);
  assert.match(md, /Counts: DNS reads 1 ready address/);
  assert.match(md, /20-109-5-12\.endpoint2\.default\.svc\.cluster\.local/);
});

test('hover seed: ExternalName → the CNAME', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('external_svc.yml'), t.offsetOf('external_svc.yml', 'externalname1', 1))!;
  assert.match(md, /ExternalName → `github\.github\.io`/);
  assert.match(md, /CNAME `github\.github\.io\.`/);
});

test('hover seed: selector → the pods it matches', () => {
  const t = fixture('seed');
  const md = hover(t, t.uri('Headless.yml'), t.offsetOf('Headless.yml', 'svc: headless', 7))!;
  assert.match(md, /Service `headless1` selects 1 pod:/);
  assert.match(md, /Pod `pod4` \[pod\\_headless\.yml:4\]/);
});

test('hover: nothing to say outside the elements', () => {
  const t = fixture('seed');
  assert.equal(hover(t, t.uri('Headless.yml'), t.offsetOf('Headless.yml', 'ports')), undefined);
  assert.equal(hover(t, 'file:///nowhere.yaml', 0), undefined);
});

const headless = (name: string, selector: string, ns = 'default') => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  clusterIP: None
  selector: {${selector}}
  ports: [{name: http, port: 80, targetPort: web}]
`;

test('hover: subdomain naming no Service → exactly why no record exists', () => {
  const md = at({
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: a}}
spec:
  hostname: h
  subdomain: miss$0ing
  containers: [{name: c, image: x}]
`,
  });
  assert.match(md, /\*\*No Service `missing`\*\* in namespace `default`/);
  assert.match(md, /`h\.missing\.default\.svc\.cluster\.local` → \*\*NXDOMAIN\*\*/);
});

test('hover: subdomain of a Service that does not select the pod', () => {
  const md = at({
    'svc.yaml': headless('peers', 'app: other'),
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: a}}
spec:
  hostname: h
  subdomain: pe$0ers
  containers: [{name: c, image: x}]
`,
  });
  assert.match(md, /selects 0 of 1 pod/);
  assert.match(md, /NXDOMAIN/);
  assert.match(md, /selector does not match its labels/);
});

test('hover: hostname of a pod that is not ready', () => {
  const md = at({
    'svc.yaml': headless('peers', 'app: a'),
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: a}}
spec:
  hostname: h$0
  subdomain: peers
  containers: [{name: c, image: x}]
status:
  phase: Running
  podIPs: [{ip: 10.244.9.9}]
  conditions: [{type: Ready, status: "False"}]
`,
  });
  assert.match(md, /`h\.peers\.default\.svc\.cluster\.local` → \*\*NXDOMAIN\*\*/);
  assert.match(md, /not ready/);
});

test('hover: hostname without subdomain', () => {
  const md = at({ 'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostname: h$0\n  containers: [{name: c, image: x}]\n' });
  assert.match(md, /alone makes no DNS name/);
});

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: shop}
spec:
  serviceName: ngi$0nx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports: [{name: web, containerPort: 8080}]
`;

test('hover: StatefulSet serviceName → a name per replica, each answering its pod', () => {
  const t = workspace({ 'sts.yaml': statefulSet, 'svc.yaml': headless('nginx', 'app: nginx', 'shop') });
  const md = hover(t, t.cursor.uri, t.cursor.offset)!;
  for (let i = 0; i < 3; i++) {
    const ip = t.ws.model.pod('shop', `web-${i}`)!.ips[0].ip;
    assert.ok(md.includes(`\`web-${i}.nginx.shop.svc.cluster.local\` → \`${ip}\``), md);
  }
});

test('hover: named targetPort → the container port in the selected pods', () => {
  const t = workspace({ 'sts.yaml': statefulSet.replace('$0', ''), 'svc.yaml': headless('nginx', 'app: nginx', 'shop').replace('targetPort: web', 'targetPort: w$0eb') });
  const md = hover(t, t.cursor.uri, t.cursor.offset)!;
  assert.match(md, /targetPort\*\* `web` of port `http` in 3 selected pods/);
  assert.match(md, /container `nginx` port `8080` \[sts\.yaml:14\]/);
  const t2 = workspace({ 'sts.yaml': statefulSet.replace('$0', ''), 'svc.yaml': headless('nginx', 'app: nginx', 'shop').replace('targetPort: web', 'targetPort: metr$0ics') });
  assert.match(hover(t2, t2.cursor.uri, t2.cursor.offset)!, /no container port named `metrics`/);
});

test('hover: a URL in an env value is answered as the pod would ask', () => {
  const t = fixture('seed');
  // the seed pod4 asks for headless1 in a URL
  t.ws.changeDocument(
    t.uri('pod_headless.yml'),
    `apiVersion: v1
kind: Pod
metadata:
  name: pod4
  labels:
    svc: headless
spec:
  hostname: pod-a
  subdomain: headless1
  containers:
  - name: container
    image: kubetm/app
    env:
    - name: URL
      value: http://headless1:8080/hostname
`,
    2,
  );
  const text = t.ws.text(t.uri('pod_headless.yml'))!;
  const off = text.indexOf('http://headless1') + 9;
  const h = hover(t, t.uri('pod_headless.yml'), off)!;
  const ip = t.ws.model.pod('default', 'pod4')!.ips[0].ip;
  assert.match(h, /\*\*`headless1`\*\* asked by Pod default\/pod4 \(env URL of container `container`\)/);
  assert.ok(h.includes(`Answered for \`headless1.default.svc.cluster.local.\``), h);
  assert.ok(h.includes(`A \`${ip}\``));
});

test('hover: DNS names in a ConfigMap are asked from its namespace; svc.ns; a wrong port', () => {
  const db = headless('db', 'app: db', 'backend');
  const dbPod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: db-0, namespace: backend, labels: {app: db}}\nspec:\n  containers: [{name: c, image: x, ports: [{name: web, containerPort: 5432}]}]\n';
  const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\ndata:\n  URL: ${v}\n`;
  const fq = at({ 'db.yaml': db, 'pod.yaml': dbPod, 'cm.yaml': cm('postgres://u@db.backend.svc.cluster$0.local:5432/app') });
  assert.match(fq, /asked by a pod in namespace shop \(data\.URL\)/);
  assert.match(fq, /Answered for `db\.backend\.svc\.cluster\.local\.`/);
  const short = at({ 'db.yaml': db, 'pod.yaml': dbPod, 'cm.yaml': cm('db.back$0end:5432') });
  assert.match(short, /Answered for `db\.backend\.svc\.cluster\.local\.`/);
  const wrong = at({ 'db.yaml': db, 'pod.yaml': dbPod, 'cm.yaml': cm('db.back$0end:6379') });
  assert.match(wrong, /port `6379`: the pods behind headless Service `db` are reached on their own ports \(`5432`\)/);
  const missing = at({ 'db.yaml': db, 'cm.yaml': cm('d$0b:5432') });
  assert.match(missing, /\*\*NXDOMAIN\*\*/);
  assert.match(missing, /tried `db\.shop\.svc\.cluster\.local\.`/);
});

test('hover: a pod with dnsPolicy Default does not reach cluster names', () => {
  const md = at({
    'svc.yaml': headless('peers', 'app: a'),
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: a}}
spec:
  dnsPolicy: Default
  containers:
  - name: c
    image: x
    args: ["--peer=pe$0ers:80"]
`,
  });
  assert.match(md, /\*\*NXDOMAIN\*\*/);
  assert.match(md, /dnsPolicy Default/);
});

test('hover: Endpoints of a Service with a selector are ignored, and say why', () => {
  const md = at({
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]\n',
    'ep.yaml': 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: a$0pi}\nsubsets: [{addresses: [{ip: 10.1.1.1}], ports: [{port: 80}]}]\n',
  });
  assert.match(md, /\*\*Ignored\*\*: Service "api" has a selector/);
});

test('hover: Endpoints without a Service', () => {
  const md = at({ 'ep.yaml': 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: lo$0st}\nsubsets: [{addresses: [{ip: 10.1.1.1}]}]\n' });
  assert.match(md, /\*\*no Service `lost`\*\*/);
});

test('hover: an EndpointSlice address and its targetRef', () => {
  const files = {
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  clusterIP: None\n  ports: [{name: http, port: 80}]\n',
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\nspec:\n  containers: [{name: c, image: x}]\nstatus:\n  phase: Running\n  podIPs: [{ip: 10.1.2.4}]\n',
    'slice.yaml': `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-1
  labels: {kubernetes.io/service-name: ext}
addressType: IPv4
ports: [{name: http, port: 80}]
endpoints:
- addresses: ["10.1.2.$04"]
  hostname: one
  targetRef: {kind: Pod, name: p1}
`,
  };
  const md = at(files);
  assert.match(md, /\*\*Endpoint\*\* `10\.1\.2\.4` of Service `ext`/);
  assert.match(md, /`one\.ext\.default\.svc\.cluster\.local` → `10\.1\.2\.4`/);
  assert.match(md, /`4\.2\.1\.10\.in-addr\.arpa\.` PTR → `one\.ext\.default\.svc\.cluster\.local\.`/);
  const ref = at({ ...files, 'slice.yaml': files['slice.yaml'].replace('$0', '').replace('name: p1}', 'name: p$01}') });
  assert.match(ref, /\*\*targetRef\*\* → Pod `default\/p1`/);
});

test('hover: subdomain of a Service that is not headless says so', () => {
  const md = at({
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: peers}\nspec:\n  selector: {app: a}\n  ports: [{port: 80}]\n',
    'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: a}}\nspec:\n  hostname: h\n  subdomain: pe$0ers\n  containers: [{name: c, image: x}]\n',
  });
  assert.match(md, /not headless \(ClusterIP\) · selects 1 of 1 pod/);
  assert.match(md, /publishes per-pod names for headless Services/);
});
