// Every rule code API validation reports, with its severity and a one-line description. The per-code
// settings and the documentation are generated from this list; `reject()` and `warn()` only accept
// codes listed here.
//
// error: the API server refuses the object, which then takes no part in DNS.
// warning: the API server accepts the object, but it is surely a mistake for DNS.

export type ValidationArea = 'decode' | 'names' | 'service' | 'pod' | 'endpoints' | 'workload';

export interface ValidationCodeInfo {
  code: string;
  severity: 'error' | 'warning';
  area: ValidationArea;
  description: string;
}

const CODES = {
  // decoding (extract.ts)
  'invalid-field-type': ['error', 'decode', 'A field has the wrong type (a list where a mapping belongs, a string where an integer belongs…): the API server cannot decode the object.'],

  // names.ts
  'missing-name': ['error', 'names', 'The object has neither metadata.name nor metadata.generateName.'],
  'invalid-name': ['error', 'names', 'The object name is not a lowercase RFC 1123 subdomain (Pods, workloads, Endpoints, EndpointSlices, ConfigMaps).'],
  'invalid-service-name': ['error', 'names', 'The Service name is not an RFC 1035 label (lowercase, starts with a letter, at most 63 characters).'],
  'invalid-namespace-name': ['error', 'names', 'A namespace name (metadata.namespace, or a Namespace object) is not a lowercase RFC 1123 label.'],
  'invalid-generate-name': ['error', 'names', 'metadata.generateName cannot start a valid name of this kind.'],
  'cronjob-name-too-long': ['error', 'names', 'A CronJob name is longer than 52 characters (its Jobs get an 11-character suffix).'],
  'invalid-label-key': ['error', 'names', 'A label key (metadata, pod template, Service selector, label selector) is not a valid qualified name.'],
  'invalid-label-value': ['error', 'names', 'A label value (metadata, pod template, Service selector, label selector) is longer than 63 characters or has characters labels cannot hold.'],
  'invalid-selector-operator': ['error', 'names', 'A matchExpressions operator is not In, NotIn, Exists or DoesNotExist.'],
  'invalid-selector-values': ['error', 'names', 'A matchExpressions requirement has no values for In/NotIn, or values for Exists/DoesNotExist.'],
} as const satisfies Record<string, readonly ['error' | 'warning', ValidationArea, string]>;

export type ValidationCode = keyof typeof CODES;

/** Every code, in the order above. */
export const validationCodes: readonly ValidationCodeInfo[] = Object.entries(CODES).map(([code, [severity, area, description]]) => ({
  code,
  severity,
  area,
  description,
}));

export function codeInfo(code: ValidationCode): ValidationCodeInfo {
  const [severity, area, description] = CODES[code];
  return { code, severity, area, description };
}
