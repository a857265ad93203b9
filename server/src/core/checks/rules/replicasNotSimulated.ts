import type { Check } from '../types';
import { grouped } from '../support/describe';
import { MAX_SIMULATED_REPLICAS } from '../../model/pods';

/** A workload asking for more pods than the simulation makes. */
export const replicasNotSimulated: Check = {
  code: 'replicas-not-simulated',
  title: 'Workload has more replicas than are simulated',
  help: `K8s DNS Lens simulates at most ${grouped(MAX_SIMULATED_REPLICAS)} pods per workload, so that a manifest asking for millions (replicas is any 32-bit number to the API server) cannot exhaust the editor's memory. The pods past that number get no simulated address and no DNS names here (a StatefulSet's per-pod names stop at that ordinal; a headless Service answers with the simulated pods' addresses only); in a cluster they would have them.`,
  severity: 'information',
  run(_ctx, ns, report) {
    for (const w of ns.workloads) {
      const asked = w.spec.replicas;
      if (asked <= MAX_SIMULATED_REPLICAS || w.workload === 'DaemonSet') continue;
      const at = w.spec.replicasLoc ?? w.spec.replicasVal ?? w.meta.name;
      if (!at) continue;
      report({
        file: w.file,
        at,
        message: `${w.workload} "${w.meta.name?.value ?? ''}" asks for ${grouped(asked)} pods: only the first ${grouped(MAX_SIMULATED_REPLICAS)} are simulated (the others have no address or DNS name here)`,
      });
    }
  },
};
