// Values the features derive from the whole model (zone names, the reverse index of DNS names in
// strings…), computed lazily and kept until the model changes. A change is a new model (reindex), a new
// version (refresh) or, while the first indexing run adds files without refreshing, a new file count.
import type { ClusterModel } from '../core/model/cluster';

interface Slot {
  key: string;
  values: Map<string, unknown>;
}

const slots = new WeakMap<ClusterModel, Slot>();

/** `build()`'s value for this state of `model`, computed at most once per state. */
export function derived<T>(model: ClusterModel, name: string, build: () => T): T {
  const key = `${model.version}:${model.fileCount}`;
  let slot = slots.get(model);
  if (!slot || slot.key !== key) slots.set(model, (slot = { key, values: new Map() }));
  if (slot.values.has(name)) return slot.values.get(name) as T;
  const v = build();
  slot.values.set(name, v);
  return v;
}
