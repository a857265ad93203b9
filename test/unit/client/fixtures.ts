// A small ClusterTreeResult, shaped like what the server answers for test/fixtures/seed.
import type { ClusterTreeResult, TreePod } from '../../../server/src/protocol';

const loc = (file: string, line: number) => ({ uri: `file:///ws/seed/${file}`, range: { start: { line, character: 0 }, end: { line, character: 10 } } });

export const pod4: TreePod = {
  name: 'pod4',
  namespace: 'default',
  dnsNames: ['pod-a.headless1.default.svc.cluster.local', '10-244-0-5.default.pod.cluster.local'],
  ips: ['10.244.0.5'],
  ready: true,
  simulated: true,
  location: loc('pod_headless.yml', 3),
};

export function seedTree(): ClusterTreeResult {
  return {
    clusterDomain: 'cluster.local',
    dnsServiceIP: '10.96.0.10',
    stats: { services: 4, pods: 3, problems: 1, files: 8, indexing: false },
    namespaces: [
      {
        name: 'default',
        declared: false,
        otherPods: [{ name: 'pod9', namespace: 'default', dnsNames: ['10-244-0-7.default.pod.cluster.local'], ips: ['10.244.0.7'], ready: true, simulated: true }],
        services: [
          {
            name: 'headless1',
            namespace: 'default',
            kind: 'Headless',
            fqdn: 'headless1.default.svc.cluster.local',
            clusterIPs: [],
            builtin: false,
            simulated: false,
            problems: [],
            location: loc('Headless.yml', 3),
            endpoints: [
              {
                ip: '10.244.0.5',
                dnsName: 'pod-a.headless1.default.svc.cluster.local',
                hostname: 'pod-a',
                ready: true,
                simulated: true,
                source: 'controller',
                ports: [{ port: 8080, protocol: 'TCP' }],
                pod: pod4,
              },
            ],
          },
          {
            name: 'endpoint2',
            namespace: 'default',
            kind: 'ClusterIP',
            fqdn: 'endpoint2.default.svc.cluster.local',
            clusterIPs: ['10.96.143.7'],
            builtin: false,
            simulated: true,
            problems: [],
            endpoints: [{ ip: '20.109.5.12', dnsName: '20-109-5-12.endpoint2.default.svc.cluster.local', ready: true, simulated: false, source: 'Endpoints', ports: [{ port: 8080, protocol: 'TCP' }] }],
          },
          {
            name: 'api',
            namespace: 'default',
            kind: 'ClusterIP',
            fqdn: 'api.default.svc.cluster.local',
            clusterIPs: ['10.96.0.20'],
            builtin: false,
            simulated: true,
            problems: [{ code: 'selector-matches-no-pod', severity: 'warning', message: 'Service "api" selects no pod' }],
            endpoints: [],
          },
          {
            name: 'externalname1',
            namespace: 'default',
            kind: 'ExternalName',
            fqdn: 'externalname1.default.svc.cluster.local',
            clusterIPs: [],
            externalName: 'github.github.io',
            builtin: false,
            simulated: false,
            problems: [],
            endpoints: [],
          },
        ],
      },
      {
        name: 'kube-system',
        declared: true,
        otherPods: [],
        services: [
          {
            name: 'kube-dns',
            namespace: 'kube-system',
            kind: 'ClusterIP',
            fqdn: 'kube-dns.kube-system.svc.cluster.local',
            clusterIPs: ['10.96.0.10'],
            builtin: true,
            simulated: true,
            problems: [],
            endpoints: [],
          },
        ],
      },
    ],
  };
}
