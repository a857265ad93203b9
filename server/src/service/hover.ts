// Hover: what cluster DNS makes of the element under the cursor, in a few lines of Markdown with links
// (`file:line`) to the objects involved. Every answer comes from the Resolver (or `nslookup()` for names
// written in strings), so a hover never disagrees with the nslookup command.
import type { Hover } from 'vscode-languageserver';
import { nslookup, reverseName } from '../core/dns';
import type { DnsAnswer, DnsRecord, QType } from '../core/dns';
import type { Resolver } from '../core/dns/resolver';
import { locate, type Located } from '../core/features/locate';
import {
  endpointFqdn,
  hostnameFqdn,
  podAddressNames,
  podOrigin,
  podsClaimedBy,
  podSpan,
  podsOfObject,
  reachingNames,
  serviceFqdn,
  servicesSelecting,
  srvNames,
} from '../core/features/names';
import { askedFrom, askedFromText, meaningOf, serviceNameOf, serviceOf } from '../core/features/targets';
import type { EndpointsObject, EndpointSliceObject, ServiceObject } from '../core/manifest/objects';
import type { EndpointState, PodState, ServiceState } from '../core/model/state';
import { canonicalIp } from '../core/model/ipam';
import { span, type Span } from '../core/types';
import { toOffset, toRange } from '../lsp/convert';
import type { Feature, Workspace } from './context';
import { code, escapeMd, list, mdLink, plural } from './present';

/** Most items a list in a hover shows. */
const MAX = 8;

export function hoverAt(ws: Workspace, uri: string, offset: number): Hover | null {
  const file = ws.file(uri);
  if (!file) return null;
  const el = locate(file, offset, ws.model.settings.defaultNamespace);
  if (!el || el.kind === 'object') return null;
  const md = hoverMarkdown(ws, el);
  if (!md) return null;
  return { contents: { kind: 'markdown', value: md }, range: toRange(file, el.at.start, el.at.end) };
}

/** The Markdown of a hover over an element (undefined: nothing to say). */
export function hoverMarkdown(ws: Workspace, el: Located): string | undefined {
  const h = new HoverText(ws);
  switch (el.kind) {
    case 'service-name':
      h.service(el.object, el.namespace);
      break;
    case 'external-name':
      h.externalName(el.object, el.namespace);
      break;
    case 'service-port-name':
      h.servicePortName(el);
      break;
    case 'target-port':
      h.targetPort(el);
      break;
    case 'selector':
      h.selector(el);
      break;
    case 'pod-label':
      h.podLabel(el);
      break;
    case 'pod-name':
      h.pod(el);
      break;
    case 'workload-name':
      h.workload(el);
      break;
    case 'hostname':
    case 'subdomain':
    case 'statefulset-service':
      h.podNames(el);
      break;
    case 'container-port':
      h.containerPort(el);
      break;
    case 'endpoints-name':
    case 'slice-service-label':
      h.endpointsObject(el.object, el.namespace);
      break;
    case 'endpoint-address':
    case 'endpoint-hostname':
      h.endpointAddress(el);
      break;
    case 'target-ref':
      h.targetRef(el);
      break;
    case 'string-ref':
      h.stringRef(el);
      break;
    case 'namespace':
      h.namespace(el.namespace);
      break;
    default:
      return undefined;
  }
  return h.text();
}

class HoverText {
  private lines: string[] = [];
  private simulated = false;
  private readonly resolver: Resolver;

  constructor(private readonly ws: Workspace) {
    this.resolver = ws.engine.resolver;
  }

  private get view() {
    return this.ws.model;
  }

  text(): string | undefined {
    if (!this.lines.length) return undefined;
    const out = [...this.lines];
    if (this.simulated) out.push('', '_simulated_: a value no manifest writes down (an address, readiness) — the simulation chose it.');
    return out.join('\n');
  }

  private add(...l: string[]): void {
    this.lines.push(...l);
  }

  private link(s: Span | undefined, label?: string): string {
    return mdLink(this.ws, s, label);
  }

  private sim(simulated: boolean | undefined): string {
    if (!simulated) return '';
    this.simulated = true;
    return ' _simulated_';
  }

  private query(name: string, type: QType): DnsAnswer {
    return this.resolver.query(name.endsWith('.') ? name : `${name}.`, type);
  }

  /** Address questions for a name: A, and AAAA when the cluster is dual-stack (only when it has data). */
  private addresses(name: string): DnsAnswer[] {
    const a = this.query(name, 'A');
    if (this.view.serviceRanges.length < 2) return [a];
    const aaaa = this.query(name, 'AAAA');
    if (aaaa.rcode === 'NOERROR' && aaaa.answers.length) return a.answers.length ? [a, aaaa] : [aaaa];
    return [a];
  }

  /** One record: `A \`10.0.0.1\` — summary (link)`. */
  private record(r: DnsRecord, skip?: Span): string {
    const o = r.origin;
    if (!o) return `${r.type} ${code(r.data)}`;
    const target = o.spans.find((s) => !skip || s.file !== skip.file || s.start !== skip.start);
    return `${r.type} ${code(r.data)} — ${o.summary}${target ? ` (${this.link(target)})` : ''}${this.sim(o.simulated)}`;
  }

  /** An answer as list items (records, or the rcode and why). */
  private answer(a: DnsAnswer, skip?: Span, max = MAX): string[] {
    if (a.rcode === 'NOERROR' && a.answers.length) {
      const out = a.answers.slice(0, max).map((r) => `- ${this.record(r, skip)}`);
      if (a.answers.length > max) out.push(`- … and ${a.answers.length - max} more`);
      if (a.upstreamTargets?.length) out.push(`- ${a.upstreamTargets.map(code).join(', ')} is resolved upstream (not simulated)`);
      return out;
    }
    return [`- ${this.outcome(a)}`];
  }

  /** A failed or empty answer in one line. */
  private outcome(a: DnsAnswer, reasons = 2): string {
    if (a.upstream && a.rcode === 'UNKNOWN') return 'outside the cluster zone: the upstream resolver answers (not simulated)';
    const what = a.rcode === 'NOERROR' ? `no ${a.type} record` : `**${a.rcode}**`;
    const why = escapeMd(a.explanation.slice(0, reasons).join(' '));
    return why ? `${what} — ${why}` : what;
  }

  /** The short form of an answer: `\`10.0.0.1\`, \`10.0.0.2\`` or `**NXDOMAIN**`. */
  private short(a: DnsAnswer): string {
    if (a.rcode === 'NOERROR' && a.answers.length) {
      const sim = a.answers.some((r) => r.origin?.simulated);
      return `${list(a.answers.map((r) => code(r.data)), 4)}${this.sim(sim)}`;
    }
    if (a.upstream && a.rcode === 'UNKNOWN') return 'answered upstream (not simulated)';
    return a.rcode === 'NOERROR' ? `no ${a.type} record` : `**${a.rcode}**`;
  }

  // ---------------------------------------------------------------- Services

  private serviceKind(svc: ServiceState): string {
    if (svc.type === 'ExternalName') return `ExternalName → ${code(svc.externalName ?? '(none)')}`;
    if (svc.headless) return 'headless (`clusterIP: None`)';
    const ips = svc.clusterIPs.map((c) => code(c.ip)).join(', ') || 'no address';
    return `${svc.type} ${ips}${this.sim(svc.clusterIPs.some((c) => c.simulated))}`;
  }

  service(o: ServiceObject, ns: string): void {
    const name = o.meta.name?.value ?? '';
    const svc = this.view.service(ns, name);
    if (o.rejected || !svc) {
      this.add(`**Service** ${code(`${ns}/${name}`)} — refused by the API server: it takes no part in DNS.`);
      return;
    }
    if (svc.object !== o) {
      this.add(`**Service** ${code(`${ns}/${name}`)} — another Service of that name comes first (${this.link(svc.nameSpan)}): this one is ignored.`);
      return;
    }
    this.add(`**Service** ${code(`${ns}/${name}`)} · ${this.serviceKind(svc)}`, '');
    this.add('| name | reaches it from |', '|---|---|');
    for (const n of reachingNames(this.view, svc)) this.add(`| ${code(n.name)} | ${n.from} |`);
    this.add('');
    const fq = serviceFqdn(this.view, ns, name);
    if (svc.type === 'ExternalName') {
      this.add(`**${code(fq)}**`, ...this.answer(this.query(fq, 'CNAME'), svc.nameSpan));
      return;
    }
    for (const a of this.addresses(fq)) this.add(`**${code(fq)}** ${a.type}`, ...this.answer(a, svc.nameSpan));
    if (svc.headless) this.endpointNames(svc);
    else this.backends(svc);
    const srv = srvNames(this.view, svc);
    if (srv.length) {
      this.add('', '**SRV** (named ports)');
      for (const s of srv.slice(0, MAX)) {
        const a = this.query(s.name, 'SRV');
        this.add(`- ${code(s.name)} → ${a.rcode === 'NOERROR' && a.answers.length ? list(a.answers.map((r) => code(r.data)), 3) : this.short(a)}`);
      }
    }
    this.notPublished(svc);
  }

  /** Per-pod names of a headless Service: one line per endpoint name. */
  private endpointNames(svc: ServiceState): void {
    const ready = svc.endpoints.filter((e) => e.ready);
    if (!ready.length) return;
    const byName = new Map<string, EndpointState>();
    for (const e of ready) {
      const n = endpointFqdn(this.view, this.resolver, svc, e);
      if (!byName.has(n)) byName.set(n, e);
    }
    this.add('', `**Per-pod names** (${plural(byName.size, 'endpoint')})`);
    let i = 0;
    for (const [n, e] of byName) {
      if (i++ === MAX) {
        this.add(`- … and ${byName.size - MAX} more`);
        break;
      }
      this.add(`- ${code(n)} → ${this.short(this.query(n, 'A'))} — ${this.endpointWho(svc, e)}`);
    }
  }

  /** Where the traffic of a ClusterIP goes: its ready endpoints. */
  private backends(svc: ServiceState): void {
    const ready = svc.endpoints.filter((e) => e.ready);
    if (!ready.length) return;
    this.add('', `**Endpoints** (${plural(ready.length, 'ready address', 'ready addresses')})`);
    for (const e of ready.slice(0, MAX)) {
      const ports = e.ports.length ? `:${e.ports.map((p) => p.port).join(',')}` : '';
      this.add(`- ${code(e.ip + ports)}${this.sim(e.simulated)} — ${this.endpointWho(svc, e)}`);
    }
    if (ready.length > MAX) this.add(`- … and ${ready.length - MAX} more`);
  }

  private endpointWho(svc: ServiceState, e: EndpointState): string {
    if (e.pod) return `${podOrigin(e.pod)}${e.pod.declared ? '' : ` (pod ${code(e.pod.name)})`} ${this.link(podSpan(e.pod))}`;
    if (e.source.kind !== 'controller') return `${e.source.kind} ${code(`${svc.namespace}/${e.source.object.meta.name?.value ?? '?'}`)} ${this.link(e.source.span)}`;
    return 'the endpoints controller';
  }

  /** Not-ready endpoints and ignored Endpoints/EndpointSlices. */
  private notPublished(svc: ServiceState): void {
    const notReady = svc.endpoints.filter((e) => !e.ready);
    const extra: string[] = [];
    if (notReady.length) extra.push(`- Not published (not ready): ${list(notReady.map((e) => `${code(e.ip)} (${this.endpointWho(svc, e)})`), 4)}`);
    for (const ig of svc.ignoredSources.slice(0, 4)) {
      extra.push(`- ${ig.object.kind} ${code(ig.object.meta.name?.value ?? '?')} ${this.link(span(ig.object.file, ig.object.meta.name ?? ig.object.loc))} is ignored: ${ig.reason}`);
    }
    if (extra.length) this.add('', ...extra);
  }

  externalName(o: ServiceObject, ns: string): void {
    const name = o.meta.name?.value ?? '';
    const svc = this.view.service(ns, name);
    if (!svc || svc.object !== o || svc.type !== 'ExternalName') {
      this.add(`${code('externalName')} is used only by Services of \`type: ExternalName\`.`);
      return;
    }
    const fq = serviceFqdn(this.view, ns, name);
    this.add(`**${code(fq)}** is a CNAME to ${code(svc.externalName ?? '')}`, ...this.answer(this.query(fq, 'CNAME'), svc.nameSpan));
    this.add('', 'The cluster DNS resolves the target upstream: its addresses are not simulated.');
  }

  servicePortName(el: Located & { kind: 'service-port-name' }): void {
    const svc = serviceOf(this.view, el);
    const p = el.port;
    if (!svc || svc.object !== el.object || !p.name) return;
    const srv = `_${p.name.value.toLowerCase()}._${p.protocol.toLowerCase()}.${serviceFqdn(this.view, svc.namespace, svc.name)}`;
    this.add(`**SRV** ${code(srv)}`, ...this.answer(this.query(srv, 'SRV'), svc.nameSpan));
  }

  targetPort(el: Located & { kind: 'target-port' }): void {
    const svc = serviceOf(this.view, el);
    const tp = el.port.targetPort;
    if (!svc || svc.object !== el.object || !tp) return;
    const head = `**targetPort** ${code(String(tp.value))} of port ${code(el.port.name?.value ?? String(el.port.port?.value ?? '?'))}`;
    if (!svc.selector) {
      const ports = [...new Set(svc.endpoints.flatMap((e) => e.ports.map((p) => p.port)))];
      this.add(`${head}: the Service has no selector, so the targetPort is not used — its endpoints come from Endpoints/EndpointSlices${ports.length ? ` (ports ${ports.map((x) => code(String(x))).join(', ')})` : ''}.`);
      return;
    }
    const resolved = svc.targetPorts.filter((r) => r.servicePort === el.port);
    if (!resolved.length) {
      this.add(`${head}: the selector matches no pod, so there is nothing to resolve it in.`);
      return;
    }
    this.add(`${head} in ${plural(new Set(resolved.map((r) => r.pod)).size, 'selected pod')}:`);
    const lines = new Map<string, string>();
    for (const r of resolved) {
      const who = r.pod.declared ? `Pod ${code(r.pod.name)}` : `${podOrigin(r.pod)}`;
      let what: string;
      if (r.port === undefined) what = `no container port named ${code(String(tp.value))} — its endpoint lacks this port`;
      else if (typeof tp.value === 'number') what = `port ${code(String(r.port))} (a number: used as is)`;
      else what = `container ${code(r.containerName ?? '?')} port ${code(String(r.port))} ${this.link(r.span)}`;
      const line = `- ${who}: ${what}`;
      if (!lines.has(line)) lines.set(line, line);
    }
    const all = [...lines.values()];
    this.add(...all.slice(0, MAX));
    if (all.length > MAX) this.add(`- … and ${all.length - MAX} more`);
  }

  containerPort(el: Located & { kind: 'container-port' }): void {
    const pods = podsOfObject(this.view, el.object, el.namespace);
    const cp = el.port;
    const users: string[] = [];
    for (const svc of this.view.services(el.namespace)) {
      for (const r of svc.targetPorts) {
        if (!pods.includes(r.pod)) continue;
        const bySpan = r.span && r.span.start === cp.loc.start && r.span.file === el.object.file;
        if (!bySpan && !(typeof r.servicePort.targetPort?.value !== 'string' && r.port === cp.containerPort?.value && cp.protocol === r.servicePort.protocol)) continue;
        const line = `- Service ${code(svc.name)} port ${code(String(r.servicePort.port?.value ?? '?'))} → ${code(String(cp.containerPort?.value ?? '?'))} ${this.link(svc.nameSpan)}`;
        if (!users.includes(line)) users.push(line);
      }
    }
    const label = `**Container port** ${code(`${cp.name ? `${cp.name.value} ` : ''}${cp.containerPort?.value ?? '?'}/${cp.protocol}`)}`;
    if (users.length) this.add(`${label} — targeted by:`, ...users.slice(0, MAX));
    else this.add(`${label} — no Service port targets it.`);
  }

  // ---------------------------------------------------------------- selectors and labels

  /** Pods grouped by where they are written: each Pod, or a workload with its pod names. */
  private podGroups(pods: PodState[]): string[] {
    const groups = new Map<unknown, PodState[]>();
    for (const p of pods) {
      const k = p.declared ?? p.workload ?? p;
      const l = groups.get(k);
      if (l) l.push(p);
      else groups.set(k, [p]);
    }
    const out: string[] = [];
    for (const g of groups.values()) {
      const p = g[0];
      if (p.declared || !p.workload) out.push(`- Pod ${code(p.name)} ${this.link(p.nameSpan)}`);
      else out.push(`- ${podOrigin(p)} ${this.link(podSpan(p))}: ${list(g.map((x) => code(x.name)), 4)}`);
    }
    if (out.length > MAX) return [...out.slice(0, MAX), `- … and ${out.length - MAX} more`];
    return out;
  }

  selector(el: Located & { kind: 'selector' }): void {
    const o = el.object;
    let pods: PodState[];
    let what: string;
    if (o.type === 'Service') {
      const svc = serviceOf(this.view, el);
      if (!svc || svc.object !== o) return;
      if (!svc.selector) {
        this.add('An empty selector selects nothing: the Service takes its endpoints from Endpoints/EndpointSlices.');
        return;
      }
      pods = svc.selectedPods;
      what = `Service ${code(svc.name)} selects`;
    } else {
      pods = podsClaimedBy(this.view, o, el.namespace);
      what = `${o.workload} ${code(o.meta.name?.value ?? '?')} selects`;
    }
    if (el.label) {
      const k = el.label.key;
      const v = el.label.value;
      const carrying = this.view.pods(el.namespace).filter((p) => p.labels.get(k) === v);
      this.add(`**${code(`${k}=${v}`)}**: ${plural(carrying.length, 'pod')} of namespace ${code(el.namespace)} carry this label.`);
      if (el.part === 'key') {
        const values = new Set<string>();
        for (const p of this.view.pods(el.namespace)) {
          const x = p.labels.get(k);
          if (x !== undefined) values.add(x);
        }
        if (values.size) this.add(`Values of ${code(k)} in use: ${list([...values].sort().map(code), 8)}`);
      }
      this.add('');
    }
    if (!pods.length) {
      this.add(`${what} **no pod** in namespace ${code(el.namespace)}.`);
      return;
    }
    this.add(`${what} ${plural(pods.length, 'pod')}:`, ...this.podGroups(pods));
  }

  podLabel(el: Located & { kind: 'pod-label' }): void {
    const k = el.label.key;
    const v = el.label.value;
    const pods = podsOfObject(this.view, el.object, el.namespace);
    const svcs = new Set<ServiceState>();
    for (const p of pods) for (const s of servicesSelecting(this.view, p)) if (s.selector?.get(k) === v) svcs.add(s);
    const wanting = this.view.services(el.namespace).filter((s) => s.selector?.get(k) === v && !svcs.has(s));
    this.add(`**Label** ${code(`${k}=${v}`)}`);
    if (svcs.size) this.add(`Selected through it by: ${list([...svcs].map((s) => `Service ${code(s.name)} ${this.link(s.nameSpan)}`), 6)}`);
    else this.add('No Service selects these pods through this label.');
    if (wanting.length) this.add(`Also in the selector of ${list(wanting.map((s) => `Service ${code(s.name)} ${this.link(s.nameSpan)}`), 4)} (other labels of its selector differ).`);
  }

  // ---------------------------------------------------------------- pods

  pod(el: Located & { kind: 'pod-name' }): void {
    const pods = podsOfObject(this.view, el.object, el.namespace);
    const p = pods[0];
    const name = el.object.meta.name?.value ?? '?';
    if (!p) {
      this.add(`**Pod** ${code(`${el.namespace}/${name}`)} — ${el.object.rejected ? 'refused by the API server: it takes no part in DNS' : 'not in the model (another Pod of that name comes first)'}.`);
      return;
    }
    this.add(`**Pod** ${code(`${p.namespace}/${p.name}`)} · ${this.podStatus(p)}`, '');
    this.podDetails(p);
  }

  private podStatus(p: PodState): string {
    const ips = p.ips.length ? p.ips.map((i) => code(i.ip)).join(', ') + this.sim(p.ips.some((i) => i.simulated)) : 'no address';
    const ready = p.terminating ? 'terminating' : p.ready ? `ready${p.readySimulated ? ' _(assumed)_' : ''}` : 'not ready';
    return `${p.phase} · ${ready} · ${ips}`;
  }

  private podDetails(p: PodState): void {
    for (const n of podAddressNames(this.view, p)) this.add(`- Pod A record ${code(n.name)} → ${this.short(this.query(n.name, n.ip.includes(':') ? 'AAAA' : 'A'))}`);
    if (p.hostNetwork) this.add('- `hostNetwork`: the pod uses the node\'s address.');
    const host = this.hostnameLine(p);
    if (host) this.add(`- ${host}`);
    const svcs = servicesSelecting(this.view, p);
    this.add(svcs.length ? `- Selected by ${list(svcs.map((s) => `Service ${code(s.name)} ${this.link(s.nameSpan)}`), 6)}` : '- No Service selects this pod.');
  }

  /** The pod's hostname name and what it answers, or why it has none. */
  private hostnameLine(p: PodState): string | undefined {
    if (!p.hostname && !p.subdomain) return undefined;
    if (!p.subdomain) return `Hostname ${code(p.hostname!)} alone makes no DNS name: \`subdomain\` must name a headless Service that selects the pod.`;
    if (!p.hostname) return `Subdomain ${code(p.subdomain)} without \`hostname\`: the pod gets no per-pod name under ${code(p.subdomain)}.`;
    const fq = hostnameFqdn(this.view, p)!;
    const a = this.query(fq, 'A');
    if (a.rcode === 'NOERROR' && a.answers.length) return `Hostname name ${code(fq)} → ${this.short(a)}`;
    return `Hostname name ${code(fq)}: ${this.outcome(a)}`;
  }

  workload(el: Located & { kind: 'workload-name' }): void {
    const w = el.object;
    const pods = podsOfObject(this.view, w, el.namespace);
    const head = `**${w.workload}** ${code(`${el.namespace}/${w.meta.name?.value ?? '?'}`)}`;
    if (!pods.length) {
      const claimed = podsClaimedBy(this.view, w, el.namespace);
      if (claimed.length) this.add(`${head} · no pods simulated: declared pods stand for it`, ...this.podGroups(claimed));
      else this.add(`${head} · no pods (${w.rejected ? 'refused by the API server' : 'no replicas, or no pod template'})`);
      return;
    }
    this.add(`${head} · ${plural(pods.length, 'pod')}${this.sim(true)}`, '');
    for (const p of pods.slice(0, MAX)) {
      const fq = hostnameFqdn(this.view, p);
      const addr = p.ips.length ? code(p.ips.map((i) => i.ip).join(', ')) : 'no address';
      this.add(`- ${code(p.name)} ${addr}${fq ? ` · ${code(fq)} → ${this.short(this.query(fq, 'A'))}` : ''}`);
    }
    if (pods.length > MAX) this.add(`- … and ${pods.length - MAX} more`);
    const svcs = servicesSelecting(this.view, pods[0]);
    this.add('', svcs.length ? `Selected by ${list(svcs.map((s) => `Service ${code(s.name)} ${this.link(s.nameSpan)}`), 6)}` : 'No Service selects its pods.');
  }

  /** `hostname`, `subdomain`, StatefulSet `serviceName`: the per-pod names and their answers, or why none. */
  podNames(el: Located & { kind: 'hostname' | 'subdomain' | 'statefulset-service' }): void {
    const pods = podsOfObject(this.view, el.object, el.namespace);
    const svcName = serviceNameOf(el) ?? (el.kind === 'hostname' ? el.spec.subdomain?.value : undefined);
    const svc = svcName ? this.view.service(el.namespace, svcName) : undefined;
    if (el.kind !== 'hostname' && svcName) {
      if (!svc) this.add(`**No Service ${code(svcName)}** in namespace ${code(el.namespace)}: no per-pod name exists under it (a headless Service of that name that selects the pods makes them).`);
      else {
        const selects = pods.filter((p) => svc.selectedPods.includes(p)).length;
        const kind = svc.type === 'ExternalName' ? 'ExternalName' : svc.headless ? 'headless' : `not headless (${svc.type})`;
        this.add(`Service ${code(svc.name)} ${this.link(svc.nameSpan)} · ${kind} · selects ${selects} of ${plural(pods.length, 'pod')}`);
        if (svc.type === 'ExternalName') this.add('An ExternalName Service has no endpoints: no per-pod name exists under it.');
        else if (!svc.headless) this.add('The Kubernetes DNS specification publishes per-pod names for headless Services; CoreDNS also answers them for this one, as simulated below.');
      }
      this.add('');
    }
    if (!pods.length) {
      this.add('No pods are simulated from this template (no replicas, or declared pods stand for it).');
      return;
    }
    const reasons: string[] = [];
    const lines: string[] = [];
    for (const p of pods.slice(0, MAX)) {
      const fq = hostnameFqdn(this.view, p);
      if (!fq) {
        const why = this.hostnameLine(p);
        if (why && !reasons.includes(why)) reasons.push(why);
        continue;
      }
      const a = this.query(fq, 'A');
      if (a.rcode === 'NOERROR' && a.answers.length) lines.push(`- ${code(fq)} → ${this.short(a)}${p.declared ? '' : ` (pod ${code(p.name)})`}`);
      else {
        lines.push(`- ${code(fq)} → ${this.short(a)}`);
        for (const e of a.explanation.slice(0, 2).map(escapeMd)) if (!reasons.includes(e)) reasons.push(e);
      }
    }
    if (pods.length > MAX) lines.push(`- … and ${pods.length - MAX} more`);
    if (lines.length) this.add('**Per-pod DNS names**', ...lines);
    if (reasons.length) this.add('', ...reasons.map((r) => `> ${r}`));
  }

  // ---------------------------------------------------------------- Endpoints / EndpointSlices

  endpointsObject(o: EndpointsObject | EndpointSliceObject, ns: string): void {
    const kind = o.kind;
    const name = o.meta.name?.value ?? '?';
    const head = `**${kind}** ${code(`${ns}/${name}`)}`;
    if (o.rejected) {
      this.add(`${head} — refused by the API server: DNS never sees it.`);
      return;
    }
    const svcName = o.type === 'Endpoints' ? o.meta.name?.value : o.slice.serviceName?.value;
    if (!svcName) {
      this.add(`${head} — no \`kubernetes.io/service-name\` label: no Service reads this EndpointSlice, so DNS ignores it.`);
      return;
    }
    const svc = this.view.service(ns, svcName);
    if (!svc) {
      this.add(`${head} — **no Service ${code(svcName)}** in namespace ${code(ns)}: DNS publishes endpoints only through a Service, so these addresses have no name.`);
      return;
    }
    this.add(`${head} → Service ${code(svc.name)} ${this.link(svc.nameSpan)} (${svc.headless ? 'headless' : svc.type})`);
    const ignored = svc.ignoredSources.find((i) => i.object === o);
    if (ignored) {
      this.add('', `**Ignored**: ${ignored.reason}.`);
      return;
    }
    if (!svc.sources.includes(o)) return;
    const mine = svc.endpoints.filter((e) => e.source.kind !== 'controller' && e.source.object === o);
    const ready = mine.filter((e) => e.ready);
    this.add(`Counts: DNS reads ${plural(ready.length, 'ready address', 'ready addresses')}${mine.length > ready.length ? ` (${mine.length - ready.length} not ready)` : ''}.`);
    for (const e of ready.slice(0, MAX)) this.add(`- ${code(e.ip)} · ${code(endpointFqdn(this.view, this.resolver, svc, e))}${e.pod ? ` · Pod ${code(e.pod.name)} ${this.link(podSpan(e.pod))}` : ''}`);
  }

  endpointAddress(el: Located & { kind: 'endpoint-address' | 'endpoint-hostname' }): void {
    const svc = serviceOf(this.view, el);
    const ips = el.kind === 'endpoint-address' ? [el.ip] : el.ips;
    const eps = svc ? svc.endpoints.filter((e) => e.source.kind !== 'controller' && e.source.object === el.object && ips.some((v) => e.ip === normalize(v.value))) : [];
    const e = el.kind === 'endpoint-address' ? (eps.find((x) => x.ip === normalize(el.ip.value)) ?? eps[0]) : eps[0];
    if (!svc || !e) {
      this.add(`**Endpoint** ${code(ips.map((v) => v.value).join(', ') || '?')} — not published: ${!svc ? 'no Service reads this object' : svc.ignoredSources.find((i) => i.object === el.object)?.reason ?? 'not an address DNS reads'}.`);
      return;
    }
    const fq = endpointFqdn(this.view, this.resolver, svc, e);
    this.add(`**Endpoint** ${code(e.ip)} of Service ${code(svc.name)} ${this.link(svc.nameSpan)} · ${e.ready ? 'ready' : '**not ready** (not published)'}`, '');
    if (e.ready) {
      this.add(`- ${code(fq)} → ${this.short(this.query(fq, e.family === 6 ? 'AAAA' : 'A'))}`);
      const rev = reverseName(e.ip);
      if (rev) this.add(`- ${code(rev)} PTR → ${this.short(this.query(rev, 'PTR'))}`);
    }
    if (e.pod) this.add(`- Pod ${code(e.pod.name)} ${this.link(podSpan(e.pod))}`);
  }

  targetRef(el: Located & { kind: 'target-ref' }): void {
    const name = el.ref.name?.value ?? '';
    const ns = el.ref.namespace || el.namespace;
    const kind = el.ref.kind ?? 'Pod';
    if (kind !== 'Pod') {
      this.add(`**targetRef** ${kind} ${code(name)}: only Pod references name a pod.`);
      return;
    }
    const pod = this.view.pod(ns, name);
    if (!pod) {
      this.add(`**targetRef** — no Pod ${code(`${ns}/${name}`)} in the workspace.`);
      return;
    }
    this.add(`**targetRef** → Pod ${code(`${ns}/${name}`)} ${this.link(podSpan(pod))} · ${this.podStatus(pod)}`);
  }

  // ---------------------------------------------------------------- DNS names in strings

  stringRef(el: Located & { kind: 'string-ref' }): void {
    const ref = el.ref;
    const from = askedFrom(this.view, el);
    const run = nslookup(this.view, ref.name, { from, resolver: this.resolver });
    const res = run.lookup;
    const where = `${ref.where}${ref.container ? ` of container ${code(ref.container)}` : ''}`;
    this.add(`**${code(ref.name)}** asked by ${askedFromText(from)} (${where})`, '');
    const final = res.final;
    if (!final) {
      this.add(`- ${res.explanation.slice(-1)[0] ?? 'no nameserver: nothing is asked'}`);
      return;
    }
    if (final.answer.rcode === 'NOERROR' && final.answer.answers.length) {
      this.add(`Answered for ${code(final.name)}:`, ...this.answer(final.answer, undefined, 4));
      const aaaa = run.followUp?.answer;
      if (aaaa && aaaa.rcode === 'NOERROR' && aaaa.answers.length) this.add(...this.answer(aaaa, undefined, 4));
    } else {
      const tried = res.steps.map((s) => code(s.name));
      this.add(`- ${this.outcome(final.answer, 3)}`);
      if (tried.length > 1) this.add(`- tried ${list(tried, 5)}`);
    }
    if (!res.clusterServer) this.add(`- ${res.resolvConf.notes[0] ?? `the pod asks ${res.server ?? 'no nameserver'}, not the cluster DNS`}`);
    if (ref.port !== undefined) {
      const m = meaningOf(this.view, el);
      if (m?.kind === 'service') {
        const note = portNote(m.service, ref.port);
        if (note) this.add(`- ${note}`);
      }
    }
  }

  // ---------------------------------------------------------------- namespaces

  namespace(ns: string): void {
    const state = this.view.namespace(ns);
    const decl = this.view.objectsIn(ns).find((o) => o.type === 'Namespace' && !o.rejected);
    const how = decl ? `declared ${this.link(span(decl.file, decl.meta.name ?? decl.loc))}` : state?.declared ? 'declared' : this.view.namespaceExists(ns) ? 'not declared (implied by the objects in it)' : 'unknown';
    const svcs = this.view.services(ns).filter((s) => !s.builtin).length;
    this.add(`**Namespace** ${code(ns)} · ${how} · ${plural(svcs, 'Service')} · ${plural(state?.pods.size ?? 0, 'pod')}`);
    this.add(`Names of its Services: ${code(`<service>.${ns}.svc.${this.view.settings.clusterDomain}`)}; its pods search ${code(`${ns}.svc.${this.view.settings.clusterDomain}`)} first.`);
  }
}

function normalize(ip: string): string {
  return canonicalIp(ip.trim()) ?? ip.trim();
}

/** Whether a port written after a Service name is one the Service serves. */
function portNote(svc: ServiceState, port: number): string | undefined {
  if (svc.type === 'ExternalName') return undefined;
  if (svc.headless) {
    const ports = [...new Set(svc.endpoints.filter((e) => e.ready).flatMap((e) => e.ports.map((p) => p.port)))];
    if (!ports.length || ports.includes(port)) return undefined;
    return `port ${code(String(port))}: the pods behind headless Service ${code(svc.name)} are reached on their own ports (${ports.map((p) => code(String(p))).join(', ')}), not ${port}.`;
  }
  if (svc.ports.some((p) => p.port === port)) return undefined;
  return `port ${code(String(port))}: Service ${code(svc.name)} has no port ${port} (its ports: ${svc.ports.map((p) => code(String(p.port))).join(', ') || 'none'}).`;
}

export const hover: Feature = {
  capabilities(caps) {
    caps.hoverProvider = true;
  },
  register({ index, connection }) {
    connection.onHover((p) => {
      const f = index.file(p.textDocument.uri);
      if (!f) return null;
      return hoverAt(index, p.textDocument.uri, toOffset(f, p.position));
    });
  },
  warm(ws, sample) {
    hoverAt(ws, sample.uri, sample.offset);
  },
};
