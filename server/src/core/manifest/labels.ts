// Label selectors, as the API machinery evaluates them.
import type { Label, LabelSelector } from './objects';

export function labelMap(labels: readonly Label[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of labels) m.set(l.key, l.value);
  return m;
}

/** A map selector (Service, ReplicationController): every key=value must be present. Empty matches nothing here. */
export function matchesMap(selector: ReadonlyMap<string, string>, labels: ReadonlyMap<string, string>): boolean {
  if (selector.size === 0) return false;
  for (const [k, v] of selector) if (labels.get(k) !== v) return false;
  return true;
}

/**
 * metav1.LabelSelector. An empty selector matches everything (as LabelSelectorAsSelector does);
 * an unknown operator matches nothing.
 */
export function matchesSelector(sel: LabelSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const l of sel.matchLabels) if (labels.get(l.key) !== l.value) return false;
  for (const e of sel.matchExpressions) {
    const has = labels.has(e.key.value);
    const val = labels.get(e.key.value);
    const values = e.values.map((v) => v.value);
    switch (e.operator.value) {
      case 'In':
        if (!has || !values.includes(val!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(val!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
