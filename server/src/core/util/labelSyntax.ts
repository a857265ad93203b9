// Label keys and values as k8s.io/apimachinery checks them (IsQualifiedName / IsValidLabelValue). The
// functions return why a key or value is refused, or undefined when it is valid.
import { isDns1123Subdomain } from './dnsNames';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Answers for label keys and values seen before: a workspace repeats a few dozen keys (and many values)
 * in every object. Bounded: cleared when full.
 */
const keyAnswers = new Map<string, string>();
const valueAnswers = new Map<string, string>();
const MAX_ANSWERS = 20000;
/** Stands for "valid" in the caches, so that one lookup answers (no message is empty). */
const VALID = '';

function remembered(cache: Map<string, string>, s: string, check: (s: string) => string | undefined): string | undefined {
  const known = cache.get(s);
  if (known !== undefined) return known === VALID ? undefined : known;
  const answer = check(s);
  if (cache.size >= MAX_ANSWERS) cache.clear();
  cache.set(s, answer ?? VALID);
  return answer;
}

/** A label key: an optional DNS-1123 subdomain prefix (≤ 253) and '/', then a name (≤ 63). */
export function labelKeyProblem(key: string): string | undefined {
  return remembered(keyAnswers, key, checkLabelKey);
}

function checkLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "a label key has at most one '/' (an optional DNS subdomain prefix, then the name)";
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return "the prefix before '/' must not be empty";
    if (!isDns1123Subdomain(prefix)) return `the prefix "${prefix}" must be a lowercase DNS subdomain (at most 253 characters of a-z, 0-9, '-' and '.')`;
  }
  if (name.length === 0) return 'the name part must not be empty';
  if (name.length > 63) return `the name part is ${name.length} characters long, more than 63`;
  if (!NAME.test(name)) return "the name part must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit";
  return undefined;
}

/** A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export function labelValueProblem(value: string): string | undefined {
  return remembered(valueAnswers, value, checkLabelValue);
}

function checkLabelValue(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return `it is ${value.length} characters long, more than 63`;
  if (!NAME.test(value)) return "it must be empty or consist of letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}
