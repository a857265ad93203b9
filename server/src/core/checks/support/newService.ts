// The text of a Service a quick fix creates (a headless Service for a subdomain or a StatefulSet, a
// selector-less Service for hand-written Endpoints).
import { runsWithPod, type PodSpecInfo } from '../../manifest/objects';
import { yamlString } from './yamlEdits';

export interface NewPort {
  name?: string;
  port: number;
  protocol: string;
}

export interface NewService {
  name: string;
  namespace?: string;
  headless: boolean;
  selector?: ReadonlyMap<string, string>;
  ports: NewPort[];
}

/** The Service as YAML lines (no separator, no trailing line break). */
export function serviceDocument(s: NewService): string[] {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${yamlString(s.name)}`];
  if (s.namespace) lines.push(`  namespace: ${yamlString(s.namespace)}`);
  lines.push('spec:');
  if (s.headless) lines.push('  clusterIP: None');
  if (s.selector && s.selector.size) {
    lines.push('  selector:');
    for (const [k, v] of s.selector) lines.push(`    ${yamlString(k)}: ${yamlString(v)}`);
  }
  if (s.ports.length) {
    lines.push('  ports:');
    for (const p of s.ports) {
      const first = p.name !== undefined ? `name: ${yamlString(p.name)}` : `port: ${p.port}`;
      lines.push(`  - ${first}`);
      if (p.name !== undefined) lines.push(`    port: ${p.port}`);
      if (p.protocol !== 'TCP') lines.push(`    protocol: ${yamlString(p.protocol)}`);
    }
  }
  return lines;
}

/** The ports the containers of a pod spec declare, as Service ports: deduplicated, all named when more than one. */
export function portsFromContainers(spec: PodSpecInfo): NewPort[] {
  const out: NewPort[] = [];
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const c of spec.containers) {
    if (!runsWithPod(c)) continue;
    for (const cp of c.ports) {
      if (!cp.containerPort) continue;
      const key = `${cp.containerPort.value}/${cp.protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = cp.name?.value && !names.has(cp.name.value) ? cp.name.value : undefined;
      if (name) names.add(name);
      out.push({ name, port: cp.containerPort.value, protocol: cp.protocol });
    }
  }
  return nameAll(out, names);
}

/** Service ports must all be named when there are several: name the unnamed ones `<protocol>-<port>`. */
export function nameAll(ports: NewPort[], used = new Set(ports.map((p) => p.name).filter((n): n is string => !!n))): NewPort[] {
  if (ports.length <= 1) return ports;
  for (const p of ports) {
    if (p.name) continue;
    let n = `${p.protocol.toLowerCase()}-${p.port}`;
    for (let i = 2; used.has(n); i++) n = `${p.protocol.toLowerCase()}-${p.port}-${i}`;
    used.add(n);
    p.name = n;
  }
  return ports;
}
