// What only validation reads is not kept once it has run. A read result lives as long as its file is in
// the workspace (and is written to the persisted index); these fields were read to check an object
// against the API server's rules and to point that check's messages, and nothing else reads them:
//  - the metadata labels (and where they are written) of everything but Pods and Endpoints: the model
//    selects pods by the labels of pods and pod templates and reads one label of hand-written Endpoints
//    (endpointslice.kubernetes.io/skip-mirror); Services', workloads', ConfigMaps' and other objects'
//    own labels take no part in DNS;
//  - where a port's or a container's first key is (`head`), a port's protocol (`protocolLoc`), the
//    `spec` key of a Service or workload (`specKey`), an EndpointSlice endpoint's first key;
//  - where `kind` is written, for an object with a name: a problem of an object without one points at
//    its kind (the checks' too), one with a name at the name.
// At 10,000 files (the benchmark workspace) that is 147,800 labels and 205,300 locations: about a tenth
// of what the read results and the model hold.
// A check or feature that needs one of them reads it at validation time or keeps it out of this list.
import { EMPTY } from '../util/fit';
import type { ContainerPort, EndpointPort, K8sObject, PodSpecInfo, ServicePort } from './objects';

/** Drops from a validated object what only validation reads (see above). In place. */
export function dropValidationOnly(o: K8sObject): void {
  if (o.meta.name) o.kindLoc = undefined;
  if (o.type !== 'Pod' && o.type !== 'Endpoints') {
    o.meta.labels = EMPTY;
    o.meta.labelsLoc = undefined;
  }
  switch (o.type) {
    case 'Pod':
      containers(o.spec);
      break;
    case 'Workload':
      o.spec.specKey = undefined;
      if (o.spec.template) containers(o.spec.template.spec);
      break;
    case 'Service':
      o.spec.specKey = undefined;
      for (const p of o.spec.ports) port(p);
      break;
    case 'Endpoints':
      for (const sub of o.endpoints.subsets) for (const p of sub.ports) port(p);
      break;
    case 'EndpointSlice':
      for (const p of o.slice.ports) port(p);
      for (const ep of o.slice.endpoints) ep.head = undefined;
      break;
    default:
      break;
  }
}

function containers(spec: PodSpecInfo): void {
  for (const c of spec.containers) {
    c.head = undefined;
    for (const p of c.ports) port(p);
  }
}

function port(p: ServicePort | ContainerPort | EndpointPort): void {
  p.head = undefined;
  p.protocolLoc = undefined;
}
