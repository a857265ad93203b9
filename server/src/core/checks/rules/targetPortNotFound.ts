import { runsWithPod, type ContainerPort, type ServicePort } from '../../manifest/objects';
import type { FixData, RelatedInfo } from '../../types';
import type { PodState } from '../../model/state';
import type { Check } from '../types';
import { apiRefusesService, fmtServicePort, phraseList, plural } from '../support/describe';
import { isDuplicated } from '../support/duplicates';
import { sourcesOf, spanOf, type PodSource } from '../support/podSources';
import { replaceScalar } from '../support/yamlEdits';

/** A named `targetPort` that some selected pods declare on no container. */
export const targetPortNotFound: Check = {
  code: 'target-port-not-found',
  title: 'Named targetPort not declared by the selected pods',
  help: 'A named targetPort is looked up per pod among its containers\' ports (name and protocol). A pod without a container port of that name is left out of that Service port\'s endpoints: if no selected pod has it, the port has no endpoints at all — connections to it fail and a headless Service publishes no SRV record for it. The quick fix uses the only port the containers declare for that protocol, when there is exactly one.',
  severity: 'warning',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || !svc.selector || svc.type === 'ExternalName' || svc.selectedPods.length === 0 || apiRefusesService(o)) continue;
      // named targetPorts some selected pod lacks (the rest of the Services, most of them, stop here)
      if (!svc.targetPorts.some((r) => r.port === undefined && typeof r.servicePort.targetPort?.value === 'string')) continue;
      // with several definitions of the Service or of the pods, the outcome depends on which one wins
      if (isDuplicated(ctx, ns, o)) continue;
      if (sourcesOf(ns, svc.selectedPods).some((s) => isDuplicated(ctx, ns, s.declared ?? s.workload))) continue;
      for (const sp of o.spec.ports) {
        const tp = sp.targetPort;
        if (!tp || typeof tp.value !== 'string' || !sp.port) continue;
        const resolved = svc.targetPorts.filter((r) => r.servicePort === sp);
        const missing = resolved.filter((r) => r.port === undefined).map((r) => r.pod);
        if (missing.length === 0) continue;
        const lacking = sourcesOf(ns, missing);
        const all = missing.length === resolved.length;
        const who = phraseList(lacking.map((s) => (s.declared ? s.label : `${plural(s.pods.filter((p) => missing.includes(p)).length, 'pod')} of ${s.label}`)));
        const effect = all
          ? `Service port ${fmtServicePort(sp)} has no endpoints`
          : `${plural(missing.length, 'pod')} of ${resolved.length} ${missing.length === 1 ? 'is' : 'are'} left out of port ${fmtServicePort(sp)}'s endpoints`;
        const otherProto = wrongProtocol(missing, tp.value, sp.protocol);
        report({
          file: o.file,
          at: tp,
          message: `Service "${svc.name}" targetPort "${tp.value}" is not a ${sp.protocol} port of ${who}${otherProto}: ${effect}`,
          related: related(lacking, sp),
          fix: all ? numberFix(o.file, ctx.text(o.file), sp, lacking) : undefined,
        });
      }
    }
  },
};

function ports(s: PodSource, protocol?: string): ContainerPort[] {
  return s.spec.containers.filter(runsWithPod).flatMap((c) => c.ports.filter((p) => p.containerPort && (!protocol || p.protocol === protocol)));
}

function describePorts(s: PodSource): string {
  const list = ports(s).map((p) => `${p.name ? `"${p.name.value}" ` : ''}${p.containerPort!.value}/${p.protocol}`);
  return list.length ? list.join(', ') : 'none';
}

function related(lacking: PodSource[], sp: ServicePort): RelatedInfo[] {
  return lacking.slice(0, 5).map((s) => {
    const c = s.spec.containers.find(runsWithPod);
    return { span: spanOf(s.file, c?.loc ?? s.specLoc), message: `containers of ${s.what} declare ports: ${describePorts(s)} (none named as targetPort wants, protocol ${sp.protocol})` };
  });
}

function wrongProtocol(pods: PodState[], name: string, protocol: string): string {
  for (const p of pods) {
    for (const c of p.spec.containers) {
      const hit = c.ports.find((cp) => cp.name?.value === name && cp.protocol !== protocol);
      if (hit) return ` (a port named "${name}" exists, but it is ${hit.protocol})`;
    }
  }
  return '';
}

/** When every lacking pod declares exactly one port of the protocol, and it is the same port: use it. */
function numberFix(file: string, text: string | undefined, sp: ServicePort, lacking: PodSource[]): FixData | undefined {
  const cands = lacking.map((s) => ports(s, sp.protocol));
  if (cands.some((c) => c.length !== 1)) return undefined;
  const nums = new Set(cands.map((c) => c[0].containerPort!.value));
  const names = new Set(cands.map((c) => c[0].name?.value ?? ''));
  if (nums.size !== 1) return undefined;
  const name = names.size === 1 ? [...names][0] : '';
  const value: string | number = name || [...nums][0];
  return {
    title: `Use targetPort ${name ? `"${name}"` : value} (the only ${sp.protocol} port of the selected containers)`,
    edits: [replaceScalar(file, text, sp.targetPort!, value)],
  };
}
