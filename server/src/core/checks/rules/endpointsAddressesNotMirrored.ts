import type { Check } from '../types';
import { MIRRORED_PER_SUBSET, mirroredAddresses } from '../../model/endpoints';

/** A subset of hand-written Endpoints with more addresses than the mirroring controller copies. */
export const endpointsAddressesNotMirrored: Check = {
  code: 'endpoints-addresses-not-mirrored',
  title: 'Endpoints subset has more addresses than are mirrored',
  help: `CoreDNS reads EndpointSlices. Hand-written Endpoints reach them through the EndpointSliceMirroring controller, which copies at most ${MIRRORED_PER_SUBSET.toLocaleString('en-US')} addresses per subset (kube-controller-manager --mirroring-max-endpoints-per-subset), ready ones first, and records an AddressesSkipped event for the rest. The skipped addresses get no A/AAAA answer, no per-endpoint name and no SRV record. Split the addresses over several subsets (different ports), or write EndpointSlices labelled kubernetes.io/service-name yourself.`,
  severity: 'warning',
  run(_ctx, ns, report) {
    for (const svc of ns.services.values()) {
      for (const src of svc.sources) {
        if (src.type !== 'Endpoints') continue;
        for (const sub of src.endpoints.subsets) {
          const { kept, skipped } = mirroredAddresses(sub);
          if (!skipped) continue;
          report({
            file: src.file,
            at: sub.head ?? sub.loc,
            message: `Endpoints "${src.meta.name?.value ?? ''}": ${skipped.toLocaleString('en-US')} of this subset's ${(kept.length + skipped).toLocaleString('en-US')} addresses are not mirrored to EndpointSlices (at most ${MIRRORED_PER_SUBSET.toLocaleString('en-US')} per subset, ready ones first), so DNS does not answer with them`,
          });
        }
      }
    }
  },
};
