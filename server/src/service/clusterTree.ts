// The cluster as a tree for the client's views: namespaces → Services → endpoints → pods.
import type { WorkspaceIndex } from '../lsp/workspace';
import type { ClusterTreeResult } from '../protocol';

export function clusterStats(index: WorkspaceIndex): ClusterTreeResult['stats'] {
  // counted without listing (this runs after every change)
  const { services, pods } = index.model.counts();
  return {
    services,
    pods,
    problems: index.engine.problemCount(index.settings.severity),
    files: index.model.fileCount,
    indexing: index.indexing,
  };
}
