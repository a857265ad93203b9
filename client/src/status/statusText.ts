// What the status bar item says, as plain data (no `vscode`): `K8s DNS: 12 services · 3 problems`.
import type { ModelChangedParams } from '../../../server/src/protocol';
import { plural } from '../views/treeModel';

export type ServerPhase = 'starting' | 'running' | 'stopped';

export interface StatusView {
  text: string;
  tooltip: string;
  /** A theme color id for the background, when the item needs attention. */
  background?: 'statusBarItem.errorBackground' | 'statusBarItem.warningBackground';
}

export function statusText(phase: ServerPhase, stats: ModelChangedParams['stats'] | undefined): StatusView {
  if (phase === 'stopped') {
    return { text: '$(error) K8s DNS: server stopped', tooltip: 'The K8s DNS Lens language server is not running. Click to show the output; run "K8s DNS: Restart Language Server" to start it again.', background: 'statusBarItem.errorBackground' };
  }
  if (phase === 'starting' || !stats) return { text: '$(loading~spin) K8s DNS', tooltip: 'K8s DNS Lens: starting the language server…' };
  if (stats.indexing) return { text: '$(sync~spin) K8s DNS: indexing…', tooltip: `K8s DNS Lens: indexing manifests (${plural(stats.files, 'file')} so far)` };
  return {
    text: `K8s DNS: ${plural(stats.services, 'service')} · ${plural(stats.problems, 'problem')}`,
    tooltip: `K8s DNS Lens: ${plural(stats.services, 'Service')}, ${plural(stats.pods, 'pod')} in ${plural(stats.files, 'manifest file')}; ${plural(stats.problems, 'problem')}. Click to show the Cluster DNS view.`,
  };
}
