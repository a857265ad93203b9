import { indent, type CaseTable } from '../harness';

function endpoints(subsets: string, name = 'db'): string {
  return `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${name}\nsubsets:\n${indent(subsets, 0)}\n`;
}

function slice(body: string, labels = 'kubernetes.io/service-name: db'): string {
  return `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-abc\n  labels:\n${indent(labels, 4)}\n${body}\n`;
}

const addrs101 = Array.from({ length: 101 }, (_, i) => `10.0.${Math.floor(i / 200)}.${(i % 200) + 1}`);

export const endpointsCases: CaseTable = {
  refusals: [
    { name: 'ip with three octets', yaml: endpoints('- addresses:\n  - ip: 10.0.0\n  ports:\n  - port: 5432'), code: 'endpoints-invalid-ip', span: '10.0.0' },
    { name: 'ip given as a name', yaml: endpoints('- addresses:\n  - ip: db.example.com'), code: 'endpoints-invalid-ip', span: 'db.example.com' },
    { name: 'address without ip', yaml: endpoints('- addresses:\n  - hostname: db-0'), code: 'endpoints-invalid-ip', span: 'hostname: db-0' },
    { name: 'loopback ip', yaml: endpoints('- addresses:\n  - ip: 127.0.0.1'), code: 'endpoints-special-ip', span: '127.0.0.1' },
    { name: 'link-local ip', yaml: endpoints('- addresses:\n  - ip: 169.254.169.254'), code: 'endpoints-special-ip', span: '169.254.169.254' },
    { name: 'unspecified ip', yaml: endpoints('- notReadyAddresses:\n  - ip: 0.0.0.0'), code: 'endpoints-special-ip', span: '0.0.0.0' },
    { name: 'IPv6 link-local ip', yaml: endpoints('- addresses:\n  - ip: "fe80::1"'), code: 'endpoints-special-ip', span: '"fe80::1"' },
    { name: 'link-local multicast ip', yaml: endpoints('- addresses:\n  - ip: 224.0.0.251'), code: 'endpoints-special-ip', span: '224.0.0.251' },
    { name: 'IPv6 link-local multicast ip', yaml: endpoints('- addresses:\n  - ip: "ff02::fb"'), code: 'endpoints-special-ip', span: '"ff02::fb"' },
    { name: 'IPv4-mapped loopback ip', yaml: endpoints('- addresses:\n  - ip: "::ffff:127.0.0.1"'), code: 'endpoints-special-ip', span: '"::ffff:127.0.0.1"' },
    { name: 'ip with a leading zero', yaml: endpoints('- addresses:\n  - ip: 10.0.0.07'), code: 'non-standard-ip', span: '10.0.0.07' },
    { name: 'subset without addresses', yaml: endpoints('- ports:\n  - port: 5432'), code: 'endpoints-missing-addresses', span: 'ports' },
    {
      name: 'two ports, one unnamed',
      yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - name: pg\n    port: 5432\n  - port: 9187'),
      code: 'unnamed-endpoint-port',
      span: 'port: 9187',
    },
    { name: 'port name in uppercase', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - name: PG\n    port: 5432'), code: 'invalid-port-name', span: 'PG' },
    { name: 'port 0', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - port: 0'), code: 'invalid-port-number', span: '0' },
    { name: 'port missing', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - name: pg'), code: 'invalid-port-number', span: 'name: pg' },
    { name: 'protocol in lowercase', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - port: 53\n    protocol: udp'), code: 'invalid-protocol', span: 'udp' },
    { name: 'hostname with a dot', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n    hostname: db.0'), code: 'invalid-hostname', span: 'db.0' },
    { name: 'slice without addressType', yaml: slice('endpoints:\n- addresses: [10.0.0.5]'), code: 'invalid-address-type', span: 'EndpointSlice' },
    { name: 'addressType in lowercase', yaml: slice('addressType: ipv4\nendpoints:\n- addresses: [10.0.0.5]'), code: 'invalid-address-type', span: 'ipv4' },
    { name: 'IPv6 address in an IPv4 slice', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: ["fd00::5"]'), code: 'invalid-slice-address', span: '"fd00::5"' },
    { name: 'IPv4 address in an IPv6 slice', yaml: slice('addressType: IPv6\nendpoints:\n- addresses: [10.0.0.5]'), code: 'invalid-slice-address', span: '10.0.0.5' },
    { name: 'single-label FQDN', yaml: slice('addressType: FQDN\nendpoints:\n- addresses: [db]'), code: 'invalid-slice-address', span: 'db' },
    { name: 'loopback in a slice', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [127.0.0.1]'), code: 'endpoints-special-ip', span: '127.0.0.1' },
    { name: 'endpoint without addresses', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: []\n  conditions:\n    ready: true'), code: 'slice-endpoint-without-address', span: 'addresses' },
    {
      name: 'endpoint with 101 addresses',
      yaml: slice(`addressType: IPv4\nendpoints:\n- addresses: [${addrs101.join(', ')}]`),
      code: 'slice-too-large',
      span: addrs101[100],
    },
    { name: 'slice hostname in uppercase', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]\n  hostname: DB-0'), code: 'invalid-hostname', span: 'DB-0' },
    {
      name: 'two unnamed slice ports',
      yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]\nports:\n- port: 5432\n- port: 9187'),
      code: 'duplicate-port-name',
      span: 'port: 9187',
    },
    {
      name: 'two slice ports with the same name',
      yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]\nports:\n- name: pg\n  port: 5432\n- name: pg\n  port: 5433'),
      code: 'duplicate-port-name',
      span: 'pg',
      nth: 0,
    },
    { name: 'slice port protocol HTTP', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]\nports:\n- port: 80\n  protocol: HTTP'), code: 'invalid-protocol', span: 'HTTP' },
    {
      name: 'service-name label that cannot name a Service',
      yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]', 'kubernetes.io/service-name: db.primary'),
      code: 'slice-service-name-invalid',
      span: 'db.primary',
    },
  ],
  accepted: [
    {
      name: 'Endpoints with hostnames, notReadyAddresses, global multicast and named ports',
      yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n    hostname: db-0\n  - ip: "fd00::5"\n  - ip: 224.0.1.1\n  notReadyAddresses:\n  - ip: 10.0.0.6\n  ports:\n  - name: pg\n    port: 5432\n  - name: pg-metrics-of-the-database-x\n    port: 9187\n    protocol: ""', 'db'),
    },
    { name: 'one unnamed Endpoints port and a subset without ports', yaml: endpoints('- addresses:\n  - ip: 10.0.0.5\n  ports:\n  - port: 5432\n- addresses:\n  - ip: 10.0.0.7') },
    { name: 'FQDN slice with a trailing dot', yaml: slice('addressType: FQDN\nendpoints:\n- addresses: [db.example.com.]\nports:\n- port: 5432') },
    {
      name: 'IPv6 slice, port numbers unchecked, one unnamed port',
      yaml: slice('addressType: IPv6\nendpoints:\n- addresses: ["fd00::5", "2001:db8::5"]\n  hostname: db-0\nports:\n- port: 70000\n- name: metrics\n  port: 9187\n  protocol: SCTP'),
    },
    { name: 'slice with 100 addresses', yaml: slice(`addressType: IPv4\nendpoints:\n- addresses: [${addrs101.slice(0, 100).join(', ')}]`) },
    { name: 'slice without the service-name label', yaml: slice('addressType: IPv4\nendpoints:\n- addresses: [10.0.0.5]', 'app: db') },
  ],
};
