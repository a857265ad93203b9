// DNS name grammars Kubernetes validates against (k8s.io/apimachinery/pkg/util/validation).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label: lowercase alphanumerics and '-', starts and ends alphanumeric, at most 63. */
export function isDns1123Label(s: string): boolean {
  return s.length > 0 && s.length <= 63 && DNS1123_LABEL.test(s);
}

/** RFC 1035 label: like an RFC 1123 label but must start with a letter. */
export function isDns1035Label(s: string): boolean {
  return s.length > 0 && s.length <= 63 && DNS1035_LABEL.test(s);
}

/** RFC 1123 subdomain: dot-separated RFC 1123 labels, at most 253 characters. */
export function isDns1123Subdomain(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  for (const label of s.split('.')) if (!DNS1123_LABEL.test(label)) return false;
  return true;
}
