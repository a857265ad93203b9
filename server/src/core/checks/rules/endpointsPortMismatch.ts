import type { EndpointPort, ServicePort } from '../../manifest/objects';
import type { FixData } from '../../types';
import type { Check, CheckContext } from '../types';
import { apiRefusesService, fmtServicePort, phraseList } from '../support/describe';
import { isDuplicated } from '../support/duplicates';
import { spanOf } from '../support/podSources';
import { insertFirstEntries, replaceScalar, yamlString } from '../support/yamlEdits';

/** Hand-written endpoint ports whose name (and protocol) match no port of their Service. */
export const endpointsPortMismatch: Check = {
  code: 'endpoints-port-mismatch',
  title: 'Endpoint port matches no Service port by name',
  help: 'A Service port is paired with endpoint ports by name and protocol, not by number: Service port "http" uses the endpoint ports named "http", an unnamed Service port the unnamed ones. Hand-written Endpoints and EndpointSlices are used as written, so an endpoint port whose name matches no Service port is used by nothing: for a ClusterIP Service, kube-proxy has no backend for the Service port that should have used it (connections fail); for a headless Service, whose SRV records come from the endpoint ports, _<port>._<protocol>.<service>… is published under the endpoint port\'s name instead of the Service port\'s. The quick fix renames the endpoint port when exactly one Service port is left unmatched.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || svc.type === 'ExternalName' || apiRefusesService(o)) continue;
      // with several definitions, which ports pair up depends on which one wins
      if (isDuplicated(ctx, ns, o)) continue;
      const sports = o.spec.ports.filter((p) => p.port);
      if (sports.length === 0) continue;
      for (const src of svc.sources) {
        if (isDuplicated(ctx, ns, src)) continue;
        const groups = src.type === 'Endpoints' ? src.endpoints.subsets.map((s) => s.ports) : [src.slice.ports];
        for (const ports of groups) {
          for (const ep of ports) {
            if (sports.some((sp) => same(sp, ep))) continue;
            const free = sports.filter((sp) => sp.protocol === ep.protocol && !ports.some((q) => same(sp, q)));
            const label = ep.name?.value ? `"${ep.name.value}"` : `(unnamed) ${ep.port?.value ?? ''}`;
            const left = free.length === 1 ? `Service port ${fmtServicePort(free[0])}` : 'the Service\'s ports';
            const effect = svc.headless
              ? `SRV lookups of ${left} find nothing (a headless Service's SRV records come from its endpoint ports)`
              : `kube-proxy has no backend on it for ${left}, so connections fail`;
            const fix = free.length === 1 ? renameFix(ctx, src.file, ep, free[0]) : undefined;
            report({
              file: src.file,
              at: ep.name ?? ep.port ?? ep.loc,
              message: `${src.kind} "${src.meta.name?.value ?? ''}" port ${label}/${ep.protocol} matches no port of Service "${svc.name}" (${phraseList(sports.map(fmtServicePort))}) by name and protocol: ${effect}`,
              related: [{ span: spanOf(o.file, o.spec.portsLoc ?? o.meta.name!), message: `ports of Service "${svc.name}"` }],
              fix,
            });
          }
        }
      }
    }
  },
};

function same(sp: ServicePort, ep: EndpointPort): boolean {
  return (sp.name?.value ?? '') === (ep.name?.value ?? '') && sp.protocol === ep.protocol;
}

function renameFix(ctx: CheckContext, file: string, ep: EndpointPort, sp: ServicePort): FixData | undefined {
  const want = sp.name?.value;
  if (!want) return undefined;
  const text = ctx.text(file);
  if (ep.name) return { title: `Rename the port to "${want}"`, edits: [replaceScalar(file, text, ep.name, want)] };
  if (text === undefined) return undefined;
  const edit = insertFirstEntries(file, text, ep.loc.start, [`name: ${yamlString(want)}`]);
  return edit ? { title: `Name the port "${want}"`, edits: [edit] } : undefined;
}
