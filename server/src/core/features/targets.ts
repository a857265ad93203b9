// What a located element refers to in the model: the Service it names or belongs to, the pods it stands
// for, where a DNS name in it is asked from. Shared by hover, definition, references and fqdnAt.
import type { LookupFrom } from '../dns/search';
import type { PodState, ServiceState } from '../model/state';
import type { ClusterView } from '../model/view';
import type { Located } from './locate';
import { nameMeant, namespaceResolvConf, podsOfObject, type NameMeaning } from './names';

/** The Service an element names or belongs to (in the element's namespace), if the model has it. */
export function serviceOf(view: ClusterView, el: Located): ServiceState | undefined {
  const name = serviceNameOf(el);
  return name ? view.service(el.namespace, name) : el.kind === 'string-ref' ? stringRefService(view, el) : undefined;
}

/** The Service name an element names or belongs to, whether or not it exists. */
export function serviceNameOf(el: Located): string | undefined {
  switch (el.kind) {
    case 'service-name':
    case 'external-name':
    case 'target-port':
    case 'service-port-name':
      return el.object.meta.name?.value;
    case 'selector':
      return el.object.type === 'Service' ? el.object.meta.name?.value : undefined;
    case 'subdomain':
      return el.spec.subdomain?.value || undefined;
    case 'statefulset-service':
      return el.object.spec.serviceName?.value || undefined;
    case 'endpoints-name':
    case 'slice-service-label':
    case 'endpoint-address':
    case 'endpoint-hostname':
    case 'target-ref':
      return el.object.type === 'Endpoints' ? el.object.meta.name?.value : el.object.slice.serviceName?.value;
    default:
      return undefined;
  }
}

function stringRefService(view: ClusterView, el: Located & { kind: 'string-ref' }): ServiceState | undefined {
  const m = meaningOf(view, el);
  return m?.kind === 'service' ? m.service : undefined;
}

/** The pods an element stands for (a Pod, a workload's pods, the pods of a hostname/subdomain). */
export function podsOf(view: ClusterView, el: Located): PodState[] {
  switch (el.kind) {
    case 'pod-name':
    case 'workload-name':
    case 'hostname':
    case 'subdomain':
    case 'statefulset-service':
    case 'pod-label':
    case 'container-port':
      return podsOfObject(view, el.object, el.namespace);
    case 'object':
      return podsOfObject(view, el.object, el.namespace);
    case 'string-ref':
      return el.object.type === 'ConfigMap' ? [] : podsOfObject(view, el.object, el.namespace);
    default:
      return [];
  }
}

/** Where a DNS name written in this element is asked from: the pod it belongs to, else its namespace. */
export function askedFrom(view: ClusterView, el: Located): LookupFrom {
  if (el.object.type === 'Pod' || el.object.type === 'Workload') {
    const pods = podsOfObject(view, el.object, el.namespace);
    if (pods.length) return { pod: pods[0] };
  }
  return { namespace: el.namespace };
}

/** Who asks, in words: `Pod default/pod4`, `pods of StatefulSet ns/web`, `a pod in namespace ns`. */
export function askedFromText(from: LookupFrom): string {
  if ('namespace' in from) return `a pod in namespace ${from.namespace}`;
  const p = from.pod;
  if (p.declared || !p.workload) return `Pod ${p.namespace}/${p.name}`;
  return `pod ${p.name} of ${p.workload.workload} ${p.namespace}/${p.workload.meta.name?.value ?? '?'}`;
}

/** The Service or pod a DNS name in a string means (search list of the element's namespace). */
export function meaningOf(view: ClusterView, el: Located & { kind: 'string-ref' }): NameMeaning | undefined {
  return nameMeant(view, el.ref.name, namespaceResolvConf(view, el.namespace));
}
