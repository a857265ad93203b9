// `k8sDnsLens/nslookup`: the CLI's nslookup from a namespace or a pod — its JSON (`--json`), the text
// nslookup prints with the explanation (file:line relative to the workspace folder), and the locations
// of the objects involved for links back to the manifests.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { nslookup, nslookupJson, nslookupText, parseQType, type LookupFrom, type NslookupRun } from '../core/dns';
import { locate } from '../core/features/locate';
import { endpointFqdn, hostnameFqdn, parseZoneName, podAddressNames, serviceFqdn } from '../core/features/names';
import type { Span } from '../core/types';
import { isDns1123Label } from '../core/util/dnsNames';
import { NslookupRequestMethod, type NslookupParams, type NslookupResult } from '../protocol';
import type { Feature, Workspace } from './context';
import { location, where } from './present';

export function nslookupRequest(ws: Workspace, params: NslookupParams): NslookupResult {
  const model = ws.model;
  const name = typeof params?.name === 'string' ? params.name.trim() : '';
  if (!name || name.length > 1024) throw new ResponseError(ErrorCodes.InvalidParams, `not a name: "${String(params?.name ?? '')}"`);
  const type = params.type === undefined || params.type === '' ? undefined : parseQType(params.type);
  if (params.type && !type) throw new ResponseError(ErrorCodes.InvalidParams, `unknown query type "${params.type}" (A, AAAA, SRV, CNAME, PTR, TXT, ANY…)`);
  let from: LookupFrom;
  if (params.fromPod) {
    const [ns, podName, extra] = params.fromPod.split('/');
    const pod = ns && podName && extra === undefined ? model.pod(ns, podName) : undefined;
    if (!pod) throw new ResponseError(ErrorCodes.InvalidParams, `no pod ${params.fromPod} in the workspace (fromPod is NAMESPACE/NAME)`);
    from = { pod };
  } else {
    const ns = params.fromNamespace || model.settings.defaultNamespace;
    if (!isDns1123Label(ns)) throw new ResponseError(ErrorCodes.InvalidParams, `"${ns}" is not a namespace name`);
    from = { namespace: ns };
  }
  const run = nslookup(model, name, { type, from, resolver: ws.engine.resolver });
  const fmt = (s: Span) => where(ws, s);
  const json: NslookupResult['json'] = { ...nslookupJson(run, fmt) };
  return { json, text: nslookupText(run, fmt), locations: runLocations(ws, run) };
}

/** The manifests behind a run: the records' objects, the asking pod's DNS settings, the Service a name means. */
function runLocations(ws: Workspace, run: NslookupRun): NslookupResult['locations'] {
  const out: NslookupResult['locations'] = [];
  const seen = new Set<string>();
  const push = (s: Span | undefined, label: string) => {
    if (!s || !s.file) return;
    const key = `${s.file}\u0000${s.start}`;
    if (seen.has(key)) return;
    const l = location(ws, s);
    if (!l) return;
    seen.add(key);
    out.push({ ...l, label });
  };
  const res = run.lookup;
  for (const a of [res.final?.answer, run.followUp?.answer]) {
    for (const r of [...(a?.answers ?? []), ...(a?.additional ?? [])]) for (const s of r.origin?.spans ?? []) push(s, r.origin!.summary);
  }
  for (const s of res.resolvConf.spans) push(s, 'DNS settings of the asking pod');
  const zone = ws.model.settings.clusterDomain;
  for (const step of res.steps) {
    const z = parseZoneName(step.name, zone);
    if (z?.kind !== 'service') continue;
    const svc = ws.model.service(z.namespace, z.service);
    if (svc && !svc.builtin) push(svc.nameSpan, `Service ${svc.namespace}/${svc.name}`);
  }
  return out;
}

export const nslookupFeature: Feature = {
  register({ index, connection }) {
    connection.onRequest(NslookupRequestMethod, (p: NslookupParams) => nslookupRequest(index, p));
  },
  warm(ws, sample) {
    // the names cluster DNS gives what the sample is, asked as the nslookup command asks them
    const file = ws.file(sample.uri);
    const el = file && locate(file, sample.offset, ws.model.settings.defaultNamespace);
    if (!el) return;
    const model = ws.model;
    const ask = (name: string, type?: string, fromNamespace?: string) => nslookupRequest(ws, { name, type, fromNamespace });
    switch (el.kind) {
      case 'service-name': {
        // a Service's name: fully qualified (A, AAAA and SRV) and short from its namespace
        const name = el.object.meta.name?.value;
        if (!name) return;
        const fqdn = serviceFqdn(model, el.namespace, name);
        ask(fqdn);
        ask(fqdn, 'SRV');
        ask(fqdn, 'AAAA');
        ask(name, undefined, el.namespace);
        // its first endpoint's own name (a headless Service's pods) and a reverse lookup of its address
        const svc = model.service(el.namespace, name);
        const ep = svc?.endpoints.find((e) => e.ready);
        if (svc && ep) ask(endpointFqdn(model, ws.engine.resolver, svc, ep));
        const ip = svc?.clusterIPs[0]?.ip ?? ep?.ip;
        if (ip) ask(ip);
        break;
      }
      case 'hostname':
      case 'subdomain':
      case 'pod-name': {
        // a pod's hostname.subdomain name, its A record name, and a name that does not exist
        const o = el.object;
        const pod = model.pods(el.namespace).find((p) => p.declared === o || p.workload === o);
        const hostname = pod && hostnameFqdn(model, pod);
        if (hostname) ask(hostname);
        const address = pod && podAddressNames(model, pod)[0];
        if (address) ask(address.name);
        if (el.kind === 'pod-name') ask(serviceFqdn(model, el.namespace, 'no-such-name'));
        break;
      }
      default:
        break;
    }
  },
};
