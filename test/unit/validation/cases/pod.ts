import { CONTAINERS, deployment, pod, type CaseTable } from '../harness';

const searches33 = Array.from({ length: 33 }, (_, i) => `d${i}.example.com`);
// 11 domains of 193 characters: 2133 characters with the spaces, the 11th crosses 2048
const longSearches = Array.from({ length: 11 }, (_, i) => {
  const label = `${String.fromCharCode(97 + i)}${'x'.repeat(60)}`;
  return `${label}.${label}.${label}.example`;
});

export const podCases: CaseTable = {
  refusals: [
    { name: 'Pod without containers', yaml: pod('hostname: web'), code: 'missing-containers', span: 'spec' },
    { name: 'Pod with only init containers', yaml: pod('initContainers:\n- name: init\n  image: busybox'), code: 'missing-containers', span: 'spec' },
    { name: 'Deployment template without containers', yaml: deployment('hostname: web'), code: 'missing-containers', span: 'spec' },
    { name: 'container without a name', yaml: pod('containers:\n- image: nginx'), code: 'invalid-container-name', span: 'image: nginx' },
    { name: 'container name in uppercase', yaml: pod('containers:\n- name: Web\n  image: nginx'), code: 'invalid-container-name', span: 'Web' },
    { name: 'container name with a trailing backslash', yaml: pod('containers:\n- name: web\\\n  image: nginx'), code: 'invalid-container-name', span: 'web\\' },
    {
      name: 'init container named like a container',
      yaml: pod('containers:\n- name: web\n  image: nginx\ninitContainers:\n- name: web\n  image: busybox'),
      code: 'duplicate-container-name',
      span: 'web',
    },
    {
      name: 'container port name with an underscore',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: http_web\n    containerPort: 80'),
      code: 'invalid-port-name',
      span: 'http_web',
    },
    {
      name: 'container port name of 16 characters',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: metrics-endpoint\n    containerPort: 9090'),
      code: 'invalid-port-name',
      span: 'metrics-endpoint',
    },
    {
      name: 'container port name of digits only',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: "8080"\n    containerPort: 8080'),
      code: 'invalid-port-name',
      span: '"8080"',
    },
    {
      name: 'two ports of one container with the same name',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: http\n    containerPort: 80\n  - name: http\n    containerPort: 8080'),
      code: 'duplicate-port-name',
      span: 'http',
    },
    {
      name: 'the same port name in two containers',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: http\n    containerPort: 80\n- name: proxy\n  image: envoy\n  ports:\n  - name: http\n    containerPort: 8080'),
      code: 'duplicate-container-port-name',
      span: 'http',
    },
    { name: 'containerPort missing', yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: http'), code: 'invalid-port-number', span: 'name: http' },
    { name: 'containerPort 0', yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - containerPort: 0'), code: 'invalid-port-number', span: '0' },
    { name: 'containerPort 65536', yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - containerPort: 65536'), code: 'invalid-port-number', span: '65536' },
    { name: 'container port protocol HTTP', yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - containerPort: 80\n    protocol: HTTP'), code: 'invalid-protocol', span: 'HTTP' },
    { name: 'hostname with a dot', yaml: pod(`hostname: web.1\n${CONTAINERS}`), code: 'invalid-hostname', span: 'web.1' },
    { name: 'hostname of 64 characters', yaml: pod(`hostname: ${'h'.repeat(64)}\n${CONTAINERS}`), code: 'invalid-hostname', span: 'h'.repeat(64) },
    { name: 'subdomain with an underscore', yaml: pod(`subdomain: my_svc\n${CONTAINERS}`), code: 'invalid-subdomain', span: 'my_svc' },
    { name: 'template subdomain with a dot', yaml: deployment(`subdomain: web.ns\n${CONTAINERS}`), code: 'invalid-subdomain', span: 'web.ns' },
    { name: 'dnsPolicy in lowercase', yaml: pod(`dnsPolicy: clusterfirst\n${CONTAINERS}`), code: 'invalid-dns-policy', span: 'clusterfirst' },
    { name: 'dnsPolicy None without dnsConfig', yaml: pod(`dnsPolicy: None\n${CONTAINERS}`), code: 'dns-policy-none-without-nameservers', span: 'None' },
    {
      name: 'dnsPolicy None with searches only',
      yaml: pod(`dnsPolicy: None\ndnsConfig:\n  searches: [example.com]\n${CONTAINERS}`),
      code: 'dns-policy-none-without-nameservers',
      span: 'None',
    },
    {
      name: 'four nameservers',
      yaml: pod(`dnsConfig:\n  nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 1.0.0.1]\n${CONTAINERS}`),
      code: 'invalid-dns-nameserver',
      span: '1.0.0.1',
    },
    { name: 'nameserver given by name', yaml: pod(`dnsConfig:\n  nameservers: [dns.google]\n${CONTAINERS}`), code: 'invalid-dns-nameserver', span: 'dns.google' },
    { name: 'nameserver with a leading zero', yaml: pod(`dnsConfig:\n  nameservers: [10.0.0.010]\n${CONTAINERS}`), code: 'non-standard-ip', span: '10.0.0.010' },
    { name: 'search domain in uppercase', yaml: pod(`dnsConfig:\n  searches: [Example.com]\n${CONTAINERS}`), code: 'invalid-dns-search', span: 'Example.com' },
    { name: 'search domain with two trailing dots', yaml: pod(`dnsConfig:\n  searches: [example.com..]\n${CONTAINERS}`), code: 'invalid-dns-search', span: 'example.com..' },
    { name: 'empty search domain', yaml: pod(`dnsConfig:\n  searches: [""]\n${CONTAINERS}`), code: 'invalid-dns-search', span: '""' },
    {
      name: '33 search domains',
      yaml: pod(`dnsConfig:\n  searches: [${searches33.join(', ')}]\n${CONTAINERS}`),
      code: 'invalid-dns-search',
      span: 'd32.example.com',
    },
    {
      name: 'search list over 2048 characters',
      yaml: pod(`dnsConfig:\n  searches: [${longSearches.join(', ')}]\n${CONTAINERS}`),
      code: 'invalid-dns-search',
      span: longSearches[10],
    },
    { name: 'dns option without a name', yaml: pod(`dnsConfig:\n  options:\n  - value: "2"\n${CONTAINERS}`), code: 'invalid-dns-option', span: 'value: "2"' },
    { name: 'dns option with an empty name', yaml: pod(`dnsConfig:\n  options:\n  - name: ""\n${CONTAINERS}`), code: 'invalid-dns-option', span: '""' },
    { name: 'restartPolicy in lowercase', yaml: pod(`restartPolicy: always\n${CONTAINERS}`), code: 'invalid-restart-policy', span: 'always' },
  ],
  accepted: [
    { name: 'empty dnsPolicy and restartPolicy (defaulted)', yaml: pod(`dnsPolicy: ""\nrestartPolicy: ""\n${CONTAINERS}`) },
    { name: 'hostname and subdomain labels starting with digits', yaml: pod(`hostname: 0-web\nsubdomain: 1svc\n${CONTAINERS}`) },
    {
      name: 'dnsPolicy None with a nameserver, searches with "_" and trailing dots, and options',
      yaml: pod(`dnsPolicy: None\ndnsConfig:\n  nameservers: [1.1.1.1, "2606:4700:4700::1111", 10.96.0.10]\n  searches: [_sip._tcp.example.com., ".", ns1.svc.cluster.local]\n  options:\n  - name: ndots\n    value: "2"\n  - name: edns0\n${CONTAINERS}`),
    },
    { name: 'dnsConfig with ClusterFirstWithHostNet', yaml: pod(`hostNetwork: true\ndnsPolicy: ClusterFirstWithHostNet\ndnsConfig:\n  searches: [corp.example]\n${CONTAINERS}`) },
    {
      name: 'IANA container port names, the same name with two protocols',
      yaml: pod('containers:\n- name: dns\n  image: coredns\n  ports:\n  - name: dns\n    containerPort: 53\n    protocol: UDP\n  - name: dns-tcp\n    containerPort: 53\n- name: sidecar\n  image: envoy\n  ports:\n  - name: dns\n    containerPort: 5353\n    protocol: TCP\n  - name: metrics-endpoin\n    containerPort: 9090'),
    },
    {
      name: 'the same port name on a container and a non-sidecar init container',
      yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - name: http\n    containerPort: 80\ninitContainers:\n- name: warmup\n  image: busybox\n  ports:\n  - name: http\n    containerPort: 8080'),
    },
    { name: 'unnamed container ports', yaml: pod('containers:\n- name: web\n  image: nginx\n  ports:\n  - containerPort: 80\n  - containerPort: 443\n    protocol: ""') },
  ],
};
