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

const DNS1123_LABEL_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 subdomain whose labels may also hold '_' (and start with one): pod `dnsConfig.searches`. */
export function isDns1123SubdomainWithUnderscore(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  for (const label of s.split('.')) if (!DNS1123_LABEL_UNDERSCORE.test(label)) return false;
  return true;
}

/** IsFullyQualifiedDomainName: an RFC 1123 subdomain of at least two labels, one trailing dot allowed. */
export function isFullyQualifiedDomainName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  return isDns1123Subdomain(name) && name.split('.').every((l) => isDns1123Label(l)) && name.split('.').length >= 2;
}

/**
 * IANA_SVC_NAME (RFC 6335), as IsValidPortName checks it: 1–15 characters of [a-z0-9-], at least one
 * letter, no leading, trailing or doubled '-'. Container port names and Service `targetPort` names.
 */
export function isIanaSvcName(s: string): boolean {
  return s.length > 0 && s.length <= 15 && /^[-a-z0-9]+$/.test(s) && /[a-z]/.test(s) && !s.includes('--') && !s.startsWith('-') && !s.endsWith('-');
}
