// Object names, namespaces, labels and label selectors, as the API server checks them:
//  - names: ValidateObjectMeta with the kind's name function (pkg/apis/core/validation: Service
//    NameIsDNS1035Label, Namespace NameIsDNSLabel, the other modelled kinds NameIsDNSSubdomain); a
//    generateName is checked as a prefix (one trailing '-' allowed); CronJob names at most 52 characters
//    (pkg/apis/batch/validation ValidateCronJobCreate);
//  - labels: ValidateLabels (k8s.io/apimachinery meta/v1/validation) on metadata.labels, pod template
//    labels and Service selectors; label selectors with ValidateLabelSelector (matchLabels like labels,
//    matchExpressions: a valid key, a known operator, values required by In/NotIn and forbidden by
//    Exists/DoesNotExist, every value a valid label value).
import type { K8sObject, Label, LabelSelector } from '../objects';
import { kindAt, labelKey, labelValue } from '../objects';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../../util/dnsNames';
import { labelKeyProblem, labelValueProblem } from '../../util/labelSyntax';
import { reject, show, workloadSpecPath } from './report';

/** What a generated name's prefix is checked as: the last two characters stand in for the suffix (maskTrailingDash). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

interface NameRule {
  test: (s: string) => boolean;
  what: string;
}

const SUBDOMAIN: NameRule = {
  test: isDns1123Subdomain,
  what: "a lowercase RFC 1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit",
};
const DNS1035: NameRule = {
  test: isDns1035Label,
  what: "an RFC 1035 label: lowercase letters, digits and '-', at most 63 characters, starting with a letter and ending with a letter or digit",
};
const DNS1123_LABEL: NameRule = {
  test: isDns1123Label,
  what: "a lowercase RFC 1123 label: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit",
};

function nameRule(obj: K8sObject): NameRule | undefined {
  switch (obj.type) {
    case 'Service':
      return DNS1035;
    case 'Namespace':
      return DNS1123_LABEL;
    case 'Pod':
    case 'Endpoints':
    case 'EndpointSlice':
    case 'ConfigMap':
    case 'Workload':
      return SUBDOMAIN;
    default:
      return undefined;
  }
}

export function validateNames(obj: K8sObject): void {
  const name = obj.meta.name;
  const gen = obj.meta.generateName;
  const ns = obj.meta.namespace;
  if (ns && !isDns1123Label(ns.value)) {
    reject(obj, 'invalid-namespace-name', `metadata.namespace ${show(ns.value)} is not a valid namespace name: it must be ${DNS1123_LABEL.what}`, ns);
  }
  const rule = nameRule(obj);
  if (!rule) return;
  const kind = obj.kind;
  if (gen && gen.value.length > 0 && !rule.test(maskTrailingDash(gen.value))) {
    reject(obj, 'invalid-generate-name', `metadata.generateName ${show(gen.value)} cannot start a valid ${kind} name, which must be ${rule.what} (a trailing '-' is allowed)`, gen);
  }
  if (!name || name.value === '') {
    if (!gen || gen.value === '') reject(obj, 'missing-name', `${kind} has no metadata.name (or metadata.generateName)`, name ?? kindAt(obj));
  } else if (!rule.test(name.value)) {
    const code = obj.type === 'Service' ? 'invalid-service-name' : obj.type === 'Namespace' ? 'invalid-namespace-name' : 'invalid-name';
    reject(obj, code, `${kind} name ${show(name.value)} is not valid: it must be ${rule.what}`, name);
  } else if (obj.type === 'Workload' && obj.workload === 'CronJob' && name.value.length > 52) {
    reject(
      obj,
      'cronjob-name-too-long',
      `CronJob name ${show(name.value)} is ${name.value.length} characters long: a CronJob name may have at most 52, because its Jobs are named "<name>-<11 characters>" within 63`,
      name,
    );
  }
  validateObjectLabels(obj);
}

function validateObjectLabels(obj: K8sObject): void {
  checkLabels(obj, obj.meta.labels, 'metadata.labels');
  if (obj.type === 'Service' && obj.spec.selector) checkLabels(obj, obj.spec.selector, 'spec.selector');
  if (obj.type === 'Workload') {
    const base = workloadSpecPath(obj);
    const tpl = obj.spec.template;
    if (tpl) checkLabels(obj, tpl.labels, `${base}.template.metadata.labels`);
    // a ReplicationController's map selector is only required to be non-empty (ValidateNonEmptySelector)
    const sel = obj.spec.selector;
    if (sel && obj.workload !== 'ReplicationController') checkSelector(obj, sel, `${base}.selector`);
  }
}

function checkLabels(obj: K8sObject, labels: readonly Label[], field: string): void {
  for (const l of labels) {
    const kp = labelKeyProblem(l.key);
    if (kp) reject(obj, 'invalid-label-key', `Label key ${show(l.key)} in ${field} is not valid: ${kp}`, labelKey(l));
    const vp = labelValueProblem(l.value);
    if (vp) reject(obj, 'invalid-label-value', `Label value ${show(l.value)} of ${show(l.key)} in ${field} is not valid: ${vp}`, labelValue(l));
  }
}

function checkSelector(obj: K8sObject, sel: LabelSelector, field: string): void {
  checkLabels(obj, sel.matchLabels, `${field}.matchLabels`);
  sel.matchExpressions.forEach((e, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    const kp = labelKeyProblem(e.key.value);
    if (kp) reject(obj, 'invalid-label-key', `Label key ${show(e.key.value)} in ${f}.key is not valid: ${kp}`, e.key);
    const op = e.operator.value;
    if (op === 'In' || op === 'NotIn') {
      if (e.values.length === 0) reject(obj, 'invalid-selector-values', `${f} uses operator ${op}, which needs at least one value in values`, e.operator);
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (e.values.length > 0) reject(obj, 'invalid-selector-values', `${f} uses operator ${op}, which must not have values`, e.values[0]);
    } else {
      reject(obj, 'invalid-selector-operator', `${f}.operator ${show(op)} is not a label selector operator: use In, NotIn, Exists or DoesNotExist`, e.operator);
    }
    for (const v of e.values) {
      const vp = labelValueProblem(v.value);
      if (vp) reject(obj, 'invalid-label-value', `Value ${show(v.value)} in ${f}.values is not a valid label value: ${vp}`, v);
    }
  });
}
