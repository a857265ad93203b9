// The cluster as a tree for the client's views: namespaces → Services → endpoints → pods.
import type { Workspace } from './context';
import type { ClusterTreeResult } from '../protocol';

export function clusterStats(index: Workspace): ClusterTreeResult['stats'] {
  let problems = 0;
  for (const f of index.engine.filesWithProblems()) problems += index.engine.problemsFor(f, index.settings.severity).length;
  return {
    services: index.model.services().filter((s) => !s.builtin).length,
    pods: index.model.pods().length,
    problems,
    files: index.model.fileCount,
    indexing: index.indexing,
  };
}
