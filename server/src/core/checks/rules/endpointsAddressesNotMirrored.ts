import type { Check } from '../types';
import { grouped } from '../support/describe';
import { MIRRORED_PER_SUBSET } from '../../model/endpoints';

/** A subset of hand-written Endpoints with more addresses than the mirroring controller copies. */
export const endpointsAddressesNotMirrored: Check = {
  code: 'endpoints-addresses-not-mirrored',
  title: 'Endpoints subset has more addresses than are mirrored',
  help: `CoreDNS reads EndpointSlices. Hand-written Endpoints reach them through the EndpointSliceMirroring controller, which copies at most ${grouped(MIRRORED_PER_SUBSET)} addresses per subset (kube-controller-manager --mirroring-max-endpoints-per-subset), ready ones first, and records an AddressesSkipped event for the rest. The skipped addresses get no A/AAAA answer, no per-endpoint name and no SRV record. Split the addresses over several subsets (different ports), or write EndpointSlices labelled kubernetes.io/service-name yourself.`,
  severity: 'warning',
  run(_ctx, ns, report) {
    // the model records what the mirroring left out (model/endpoints.ts)
    for (const svc of ns.services.values()) {
      for (const u of svc.unmirrored) {
        report({
          file: u.object.file,
          at: u.subset.head ?? u.subset.loc,
          message: `Endpoints "${u.object.meta.name?.value ?? ''}": ${grouped(u.skipped)} of this subset's ${grouped(u.total)} addresses are not mirrored to EndpointSlices (at most ${grouped(MIRRORED_PER_SUBSET)} per subset, ready ones first), so DNS does not answer with them`,
        });
      }
    }
  },
};
