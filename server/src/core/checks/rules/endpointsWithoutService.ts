import type { EndpointsObject, EndpointSliceObject } from '../../manifest/objects';
import type { FixData } from '../../types';
import type { NamespaceState } from '../../model/state';
import { isDns1035Label } from '../../util/dnsNames';
import type { Check, CheckContext } from '../types';
import { refusedService } from '../support/describe';
import { nameAll, serviceDocument, type NewPort } from '../support/newService';
import { appendDocumentEdit } from '../support/yamlEdits';
import { kindAt } from '../../manifest/objects';

/** Endpoints, or an EndpointSlice's `kubernetes.io/service-name`, naming no Service. */
export const endpointsWithoutService: Check = {
  code: 'endpoints-without-service',
  title: 'Endpoints or EndpointSlice without a Service',
  help: 'Hand-written addresses reach DNS and kube-proxy only through a Service: an Endpoints object through the Service of the same name in its namespace (mirrored into EndpointSlices), an EndpointSlice through the Service named by its kubernetes.io/service-name label. Without that Service nothing resolves to these addresses and nothing routes to them; an EndpointSlice without the label belongs to no Service at all. The quick fix appends a Service without a selector, with the ports of the endpoints.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const e of ns.endpoints) {
      const name = e.meta.name;
      if (!name || ns.services.has(name.value) || refusedService(ctx, ns, name.value)) continue;
      report({
        file: e.file,
        at: name,
        message: `Endpoints "${name.value}" has no Service "${name.value}" in namespace "${ns.name}": no DNS name resolves to its addresses and no Service routes to them`,
        fix: createServiceFix(ctx, ns, e, name.value),
      });
    }
    for (const s of ns.slices) {
      const label = s.slice.serviceName;
      if (!label) {
        report({
          file: s.file,
          at: s.meta.name ?? kindAt(s),
          message: `EndpointSlice "${s.meta.name?.value ?? ''}" has no kubernetes.io/service-name label: it belongs to no Service, so DNS and kube-proxy never read it`,
        });
        continue;
      }
      if (ns.services.has(label.value) || refusedService(ctx, ns, label.value)) continue;
      // a label that cannot name a Service at all is API validation's (slice-service-name-invalid)
      if (!isDns1035Label(label.value)) continue;
      report({
        file: s.file,
        at: label,
        message: `EndpointSlice "${s.meta.name?.value ?? ''}" is labelled for Service "${label.value}", but namespace "${ns.name}" has no Service "${label.value}": no DNS name resolves to its addresses`,
        fix: createServiceFix(ctx, ns, s, label.value),
      });
    }
  },
};

function createServiceFix(ctx: CheckContext, ns: NamespaceState, o: EndpointsObject | EndpointSliceObject, name: string): FixData | undefined {
  const res = ctx.model.file(o.file);
  if (!res) return undefined;
  const written = o.type === 'Endpoints' ? o.endpoints.subsets.flatMap((s) => s.ports) : o.slice.ports;
  const ports: NewPort[] = [];
  for (const p of written) {
    if (!p.port) continue;
    const n = p.name?.value || undefined;
    if (ports.some((q) => q.name === n && q.port === p.port!.value && q.protocol === p.protocol)) continue;
    ports.push({ name: n, port: p.port.value, protocol: p.protocol });
  }
  // A Service needs ports unless it is headless; endpoints without ports can only back a headless one.
  const headless = ports.length === 0;
  // Several ports must all be named, and the endpoint ports keep theirs: unnamed ones would no longer match.
  if (ports.length > 1 && ports.some((p) => !p.name)) return undefined;
  const lines = serviceDocument({ name, namespace: o.meta.namespace ? ns.name : undefined, headless, ports: nameAll(ports) });
  const edit = appendDocumentEdit(o.file, ctx.text(o.file), res.length, res.lineStarts, lines);
  return edit ? { title: `Create ${headless ? 'headless ' : ''}Service "${name}" without a selector`, edits: [edit] } : undefined;
}
