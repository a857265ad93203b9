// Random but plausible manifests for the fuzz properties: Services of every type (headless with and
// without a selector, ExternalName), pods with hostname/subdomain and written status, Deployments,
// StatefulSets, hand-written Endpoints and EndpointSlices, ConfigMaps and env values holding DNS names,
// Namespaces, kustomizations. Names, labels and addresses come from small pools so that selectors
// match, subdomains name Services, slices label existing Services and addresses collide.
import fc from 'fast-check';
import { stringify } from 'yaml';

export const NAMESPACES = ['default', 'default', 'prod', 'team-a', 'kube-system'];
export const SERVICE_NAMES = ['web', 'db', 'cache', 'api', 'headless', 'h2', 'svc-1'];
const POD_NAMES = ['web-0', 'web-1', 'db-0', 'p1', 'p2', 'pod-a', 'a'];
const HOSTNAMES = ['web-0', 'a', 'b', 'pod-a', 'db-0', 'x1'];
const LABEL_KEYS = ['app', 'tier', 'role'];
const LABEL_VALUES = ['web', 'db', 'x', 'y'];
const ZONE_DOMAINS = ['cluster.local'];

const ns = fc.constantFrom(...NAMESPACES);
const svcName = fc.constantFrom(...SERVICE_NAMES);
const labels = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 2 });
const maybe = <T>(a: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq });

/** Addresses: in the simulated pod range, outside it, IPv6, a few fixed ones that collide, and junk. */
export const ipv4 = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.nat({ max: 3 }), fc.integer({ min: 1, max: 20 })).map(([a, b]) => `10.244.${a}.${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('192.168.1.10', '192.168.1.11', '10.96.0.10', '172.16.0.5') },
  { weight: 1, arbitrary: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.1.${a}.${b}`) },
);
const ipv6 = fc.constantFrom('fd00:10:244::5', 'fd00:10:244::6', '2001:db8::1', '::1');
const anyIp = fc.oneof({ weight: 6, arbitrary: ipv4 }, { weight: 1, arbitrary: ipv6 }, { weight: 1, arbitrary: fc.constantFrom('127.0.0.1', 'not-an-ip', '', '10.244.0.300') });

const portName = fc.constantFrom('http', 'grpc', 'dns', 'metrics', 'HTTP', 'p');
const port = fc.record({
  name: maybe(portName),
  port: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(80, 443, 53, 8080, 6379) }, { weight: 1, arbitrary: fc.constantFrom(0, 70000, -1) }),
  targetPort: maybe(fc.oneof(fc.constantFrom(8080, 80, 9090), portName), 1),
  protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp'), 4),
});
const containerPort = fc.record({ name: maybe(portName), containerPort: fc.constantFrom(80, 8080, 9090, 53), protocol: maybe(fc.constantFrom('TCP', 'UDP'), 4) });

/** Strings that may name something in cluster DNS (and some that do not). */
const dnsString = fc
  .tuple(svcName, ns, fc.constantFrom('', '.svc', '.svc.cluster.local', '.svc.cluster.local.', ':5432', '.pod'), fc.constantFrom('', 'http://', 'redis://', 'db='))
  .map(([s, n, suffix, scheme]) => `${scheme}${s}${suffix.startsWith(':') ? suffix : `.${n}${suffix}`}`);

function clean<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

const meta = (name: string, namespace: string | undefined, l?: Record<string, string>) => clean({ name, namespace, labels: l && Object.keys(l).length ? l : undefined });

export const service = fc
  .record({
    name: svcName,
    ns: maybe(ns, 4),
    kind: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'headless', 'headless', 'headless-noselector', 'clusterip-written'),
    selector: labels,
    ports: fc.array(port, { maxLength: 3 }),
    publishNotReadyAddresses: maybe(fc.boolean()),
    externalName: fc.constantFrom('example.com', 'db.prod.svc.cluster.local', '10.0.0.1', 'Bad_Name'),
    dual: maybe(fc.constantFrom('PreferDualStack', 'SingleStack', 'RequireDualStack'), 6),
  })
  .map((s) => {
    const spec: Record<string, unknown> = { ports: s.ports.length ? s.ports : undefined, publishNotReadyAddresses: s.publishNotReadyAddresses };
    if (s.kind === 'ExternalName') Object.assign(spec, { type: 'ExternalName', externalName: s.externalName });
    else if (s.kind === 'headless') Object.assign(spec, { clusterIP: 'None', selector: s.selector });
    else if (s.kind === 'headless-noselector') Object.assign(spec, { clusterIP: 'None' });
    else if (s.kind === 'clusterip-written') Object.assign(spec, { clusterIP: '10.96.100.1', selector: s.selector });
    else Object.assign(spec, { type: s.kind === 'ClusterIP' ? undefined : s.kind, selector: s.selector });
    if (s.dual) spec.ipFamilyPolicy = s.dual;
    return clean({ apiVersion: 'v1', kind: 'Service', metadata: meta(s.name, s.ns), spec });
  });

const container = fc.record({
  name: fc.constantFrom('app', 'side', 'c'),
  ports: maybe(fc.array(containerPort, { maxLength: 2 })),
  env: maybe(fc.array(fc.record({ name: fc.constantFrom('DB', 'URL', 'HOST'), value: dnsString }), { maxLength: 2 })),
});

const podSpec = fc.record({
  hostname: maybe(fc.constantFrom(...HOSTNAMES)),
  subdomain: maybe(svcName),
  containers: fc.array(container, { minLength: 1, maxLength: 2 }).map((cs) => cs.map((c, i) => ({ ...c, name: `${c.name}${i}`, image: 'busybox' }))),
  dnsPolicy: maybe(fc.constantFrom('ClusterFirst', 'Default', 'None', 'ClusterFirstWithHostNet'), 6),
});

export const pod = fc
  .record({
    name: fc.constantFrom(...POD_NAMES),
    ns: maybe(ns, 4),
    labels,
    spec: podSpec,
    status: maybe(
      fc.record({
        podIP: maybe(ipv4, 4),
        phase: maybe(fc.constantFrom('Running', 'Pending', 'Succeeded', 'Failed'), 3),
        ready: maybe(fc.constantFrom('True', 'False')),
      }),
    ),
  })
  .map((p) => {
    const status = p.status
      ? clean({ phase: p.status.phase, podIP: p.status.podIP, podIPs: p.status.podIP ? [{ ip: p.status.podIP }] : undefined, conditions: p.status.ready ? [{ type: 'Ready', status: p.status.ready }] : undefined })
      : undefined;
    const spec = p.spec.dnsPolicy === 'None' ? { ...p.spec, dnsConfig: { nameservers: ['1.1.1.1'], searches: ['svc.cluster.local'] } } : p.spec;
    return clean({ apiVersion: 'v1', kind: 'Pod', metadata: meta(p.name, p.ns, p.labels), spec, status });
  });

export const workload = fc
  .record({
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job'),
    name: fc.constantFrom('web', 'db', 'cache', 'w'),
    ns: maybe(ns, 4),
    labels: labels.filter((l) => Object.keys(l).length > 0),
    replicas: fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(40, -1) }),
    serviceName: maybe(svcName, 5),
    spec: podSpec,
  })
  .map((w) => {
    const template = { metadata: { labels: w.labels }, spec: { ...w.spec, restartPolicy: w.kind === 'Job' ? 'Never' : undefined } };
    const spec: Record<string, unknown> = { selector: { matchLabels: w.labels }, template: clean(template) };
    if (w.kind !== 'DaemonSet' && w.kind !== 'Job') spec.replicas = w.replicas;
    if (w.kind === 'Job') spec.parallelism = Math.max(0, w.replicas);
    if (w.kind === 'StatefulSet' && w.serviceName) spec.serviceName = w.serviceName;
    return clean({ apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: w.kind, metadata: meta(w.name, w.ns), spec });
  });

const address = fc.record({ ip: anyIp, hostname: maybe(fc.constantFrom(...HOSTNAMES)), targetRef: maybe(fc.record({ kind: fc.constant('Pod'), name: fc.constantFrom(...POD_NAMES) })) });
const endpointPort = fc.record({ name: maybe(portName), port: fc.constantFrom(80, 8080, 53, 6379), protocol: maybe(fc.constantFrom('TCP', 'UDP'), 4) });

export const endpoints = fc
  .record({
    name: svcName,
    ns: maybe(ns, 4),
    subsets: fc.array(fc.record({ addresses: maybe(fc.array(address, { maxLength: 3 }), 6), notReadyAddresses: maybe(fc.array(address, { maxLength: 2 })), ports: maybe(fc.array(endpointPort, { maxLength: 2 }), 6) }), { maxLength: 2 }),
  })
  .map((e) => clean({ apiVersion: 'v1', kind: 'Endpoints', metadata: meta(e.name, e.ns), subsets: e.subsets }));

export const slice = fc
  .record({
    name: fc.constantFrom('s-1', 's-2', 'web-abc'),
    service: svcName,
    ns: maybe(ns, 4),
    addressType: fc.constantFrom('IPv4', 'IPv4', 'IPv6', 'FQDN'),
    endpoints: fc.array(
      fc.record({
        addresses: fc.array(anyIp, { minLength: 1, maxLength: 2 }),
        conditions: maybe(fc.record({ ready: maybe(fc.boolean(), 6), serving: maybe(fc.boolean()), terminating: maybe(fc.boolean()) })),
        hostname: maybe(fc.constantFrom(...HOSTNAMES)),
      }),
      { maxLength: 3 },
    ),
    ports: maybe(fc.array(endpointPort, { maxLength: 2 }), 6),
  })
  .map((s) =>
    clean({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta(s.name, s.ns, { 'kubernetes.io/service-name': s.service }),
      addressType: s.addressType,
      endpoints: s.endpoints,
      ports: s.ports,
    }),
  );

export const configMap = fc
  .record({ name: fc.constantFrom('settings', 'urls'), ns: maybe(ns, 4), data: fc.dictionary(fc.constantFrom('DB_URL', 'CACHE', 'UPSTREAM'), dnsString, { maxKeys: 3 }) })
  .map((c) => clean({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(c.name, c.ns), data: c.data }));

export const namespace = fc.constantFrom('prod', 'team-a').map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } }));

export const object: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 5, arbitrary: service },
  { weight: 4, arbitrary: pod },
  { weight: 4, arbitrary: workload },
  { weight: 2, arbitrary: endpoints },
  { weight: 2, arbitrary: slice },
  { weight: 1, arbitrary: configMap },
  { weight: 1, arbitrary: namespace },
);

/** A list of objects as one file's text: block YAML (multi-document), sometimes JSON or a `kind: List`. */
export const fileText = fc
  .tuple(fc.array(object, { minLength: 1, maxLength: 4 }), fc.constantFrom('yaml', 'yaml', 'yaml', 'json', 'list', 'flow'), fc.boolean())
  .map(([objs, style, crlf]) => {
    let text: string;
    if (style === 'json') text = JSON.stringify(objs.length === 1 ? objs[0] : { apiVersion: 'v1', kind: 'List', items: objs }, null, 2);
    else if (style === 'list') text = stringify({ apiVersion: 'v1', kind: 'List', items: objs });
    else if (style === 'flow') text = objs.map((o) => stringify(o, { collectionStyle: 'flow' })).join('---\n');
    else text = objs.map((o) => stringify(o)).join('---\n');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** A workspace: file name → text. Names are unique; some live under overlays/ or are kustomizations. */
export const workspaceFiles = fc.array(fileText, { minLength: 1, maxLength: 6 }).chain((texts) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('', 'app/', 'overlays/prod/', 'b/'), { minLength: texts.length, maxLength: texts.length }),
      fc.option(fc.array(fc.nat({ max: 5 }), { maxLength: 2 }), { nil: undefined, freq: 4 }),
    )
    .map(([dirs, patched]) => {
      const files: Record<string, string> = {};
      texts.forEach((t, i) => (files[`${dirs[i]}f${i}.${t.trimStart().startsWith('{') ? 'json' : 'yaml'}`] = t));
      // a kustomization listing some of the files (those in its folder) as patches
      if (patched) {
        const names = Object.keys(files);
        const listed = [...new Set(patched.map((k) => names[k % names.length]))].filter((n) => n.startsWith('app/')).map((n) => n.slice(4));
        files['app/kustomization.yaml'] = stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', patches: listed.map((p) => ({ path: p })) });
      }
      return files;
    }),
);

export const zoneDomain = fc.constantFrom(...ZONE_DOMAINS);

/** A DNS label nobody generates (every generated name is from the pools above). */
export const unknownLabel = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `zq${s}`);
