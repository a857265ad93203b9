// The cluster DNS server, simulated: CoreDNS's kubernetes plugin (kubeadm defaults) over the model.
// (Interface fixed; implementation to come.)
import type { ClusterView } from '../model/view';
import type { DnsAnswer, DnsRecord, QType } from './types';

export class Resolver {
  constructor(readonly view: ClusterView) {}

  /** Zones the cluster DNS is authoritative for, e.g. `cluster.local.`, `in-addr.arpa.`, `ip6.arpa.`. */
  zones(): string[] {
    throw new Error('not implemented');
  }

  /** One question, fully qualified (a missing trailing dot is added): what CoreDNS would answer. */
  query(_name: string, _type: QType): DnsAnswer {
    throw new Error('not implemented');
  }

  /** Every record the server serves (the zone, as a transfer would list it), sorted by name then type. */
  records(): DnsRecord[] {
    throw new Error('not implemented');
  }
}
