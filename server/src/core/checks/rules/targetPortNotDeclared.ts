import { runsWithPod, type ContainerPort } from '../../manifest/objects';
import type { FixData } from '../../types';
import type { Check } from '../types';
import { apiRefusesService, fmtServicePort, phraseList } from '../support/describe';
import { isDuplicated } from '../support/duplicates';
import { sourcesOf, spanOf, type PodSource } from '../support/podSources';
import { replaceScalar } from '../support/yamlEdits';

/** A numeric targetPort that no selected container declares, although the containers declare ports. */
export const targetPortNotDeclared: Check = {
  code: 'target-port-not-declared',
  title: 'Numeric targetPort not among the ports the containers declare',
  help: 'Declaring container ports is optional: traffic to a numeric targetPort reaches the pod whether or not a container lists that number. But when the selected containers do list their ports and none of them is the targetPort (or, without targetPort, the Service port), the number is usually a mistake — the Service forwards to a port nothing listens on. Information only. The quick fix uses the only port the containers declare for that protocol, when there is exactly one.',
  severity: 'information',
  run(ctx, ns, report) {
    for (const svc of ns.services.values()) {
      const o = svc.object;
      if (!o || svc.builtin || !svc.selector || svc.type === 'ExternalName' || svc.selectedPods.length === 0 || apiRefusesService(o)) continue;
      // with several definitions of the Service or of the pods, the outcome depends on which one wins
      if (isDuplicated(ctx, ns, o)) continue;
      const selected = sourcesOf(ns, svc.selectedPods);
      if (selected.some((s) => s.spec.hostNetwork || isDuplicated(ctx, ns, s.declared ?? s.workload))) continue;
      for (const sp of o.spec.ports) {
        if (!sp.port) continue;
        const tp = sp.targetPort;
        if (tp && typeof tp.value !== 'number') continue;
        const num = tp ? (tp.value as number) : sp.port.value;
        // only when every selected pod declares ports of that protocol, and none is this number
        if (!declaredWithout(selected, sp.protocol, num)) continue;
        const declared = selected.map((s) => ({ s, ports: containerPorts(s, sp.protocol) }));
        // the number written elsewhere in a container (`--port 18080`, a probe, an env value): it listens there
        if (selected.some((s) => mentions(ctx.text(s.file), s, num))) continue;
        const list = [...new Set(declared.flatMap((d) => d.ports.map((p) => `${p.port}/${sp.protocol}`)))];
        report({
          file: o.file,
          at: tp ?? sp.port,
          message: `Service "${svc.name}" port ${fmtServicePort(sp)} forwards to ${tp ? 'targetPort' : 'port'} ${num}, but ${phraseList(selected.map((s) => s.label))} declare${selected.length === 1 ? 's' : ''} only ${list.join(', ')}: nothing may listen on ${num}`,
          related: selected.slice(0, 5).map((s) => ({ span: spanOf(s.file, s.spec.containers.find(runsWithPod)?.loc ?? s.specLoc), message: `containers of ${s.what}` })),
          fix: tp ? onlyPortFix(o.file, tp, declared.map((d) => d.ports)) : undefined,
        });
      }
    }
  },
};

/** Does the text of a selected container, outside its `ports` entries, contain the number as a token? */
function mentions(text: string | undefined, s: PodSource, num: number): boolean {
  if (text === undefined) return false;
  const re = new RegExp(`(?<![\\d.])${num}(?![\\d.])`);
  for (const c of s.spec.containers) {
    if (!runsWithPod(c)) continue;
    let t = text.slice(c.loc.start, c.loc.end);
    for (const p of c.ports) t = t.slice(0, p.loc.start - c.loc.start) + ' '.repeat(p.loc.end - p.loc.start) + t.slice(p.loc.end - c.loc.start);
    if (re.test(t)) return true;
  }
  return false;
}

/** Every source declares a port of `protocol` on a (non-init) container, and none of them is `num` (without building the lists: this runs for every Service port). */
function declaredWithout(selected: readonly PodSource[], protocol: string, num: number): boolean {
  for (const s of selected) {
    let any = false;
    for (const c of s.spec.containers) {
      if (!runsWithPod(c)) continue;
      for (const p of c.ports) {
        if (!declares(p, protocol)) continue;
        if (p.containerPort!.value === num) return false;
        any = true;
      }
    }
    if (!any) return false;
  }
  return true;
}

function containerPorts(s: PodSource, protocol: string): { port: number }[] {
  return s.spec.containers.filter(runsWithPod).flatMap((c) => c.ports.filter((p) => declares(p, protocol)).map((p) => ({ port: p.containerPort!.value })));
}

/** A port entry that declares a number for `protocol`. */
function declares(p: ContainerPort, protocol: string): boolean {
  return p.containerPort !== undefined && p.protocol === protocol;
}

function onlyPortFix(file: string, tp: { start: number; end: number }, lists: { port: number }[][]): FixData | undefined {
  const nums = new Set(lists.flatMap((l) => l.map((p) => p.port)));
  if (nums.size !== 1 || lists.some((l) => l.length !== 1)) return undefined;
  const n = [...nums][0];
  return { title: `Use targetPort ${n} (the only port the containers declare)`, edits: [replaceScalar(file, undefined, tp, n)] };
}
