// A code lens over each Service: its FQDN and what it answers (`headless1.default.svc.cluster.local ·
// headless · 2 endpoints`, `· ClusterIP 10.96.0.12`, `· ExternalName → github.github.io`); clicking it
// runs the client's nslookup command for that name from the Service's namespace.
import type { CodeLens } from 'vscode-languageserver';
import { namespaceOf } from '../core/features/locate';
import { serviceFqdn } from '../core/features/names';
import type { ServiceObject } from '../core/manifest/objects';
import type { ClusterModel } from '../core/model/cluster';
import type { ServiceState } from '../core/model/state';
import { toRange } from '../lsp/convert';
import { NslookupCommandId, type NslookupCommandArgs } from '../protocol';
import type { Feature, Workspace } from './context';
import { plural } from './present';

export function codeLenses(ws: Workspace, uri: string): CodeLens[] {
  const file = ws.file(uri);
  if (!file) return [];
  const out: CodeLens[] = [];
  for (const o of file.objects) {
    if (o.type !== 'Service' || o.rejected || !o.meta.name) continue;
    const ns = namespaceOf(o, ws.model.settings.defaultNamespace);
    const title = lensTitle(ws.model, o, ns);
    if (!title) continue;
    const args: NslookupCommandArgs = { name: `${serviceFqdn(ws.model, ns, o.meta.name.value)}.`, fromNamespace: ns };
    out.push({ range: toRange(file, o.meta.name.start, o.meta.name.end), command: { title, command: NslookupCommandId, arguments: [args] } });
  }
  return out;
}

/** `fqdn · what it answers`, or undefined when the model has no such Service (not refreshed yet). */
export function lensTitle(model: ClusterModel, o: ServiceObject, ns: string): string | undefined {
  const name = o.meta.name?.value;
  if (!name) return undefined;
  const svc = model.service(ns, name);
  if (!svc) return undefined;
  const fq = serviceFqdn(model, ns, name);
  if (svc.object !== o) return `${fq} · duplicate: ignored`;
  return `${fq} · ${answerText(svc)}`;
}

export function answerText(svc: ServiceState): string {
  if (svc.type === 'ExternalName') return `ExternalName → ${svc.externalName ?? '(none)'}`;
  if (svc.headless) {
    const ready = new Set(svc.endpoints.filter((e) => e.ready).map((e) => e.ip)).size;
    const notReady = new Set(svc.endpoints.filter((e) => !e.ready).map((e) => e.ip)).size;
    return `headless · ${plural(ready, 'endpoint')}${notReady ? ` (${notReady} not ready)` : ''}`;
  }
  return `${svc.type} ${svc.clusterIPs.map((c) => c.ip).join(', ') || '(no address)'}`;
}

export const codeLens: Feature = {
  capabilities(caps) {
    caps.codeLensProvider = { resolveProvider: false };
  },
  register({ index, connection }) {
    connection.onCodeLens((p) => codeLenses(index, p.textDocument.uri));
  },
};
