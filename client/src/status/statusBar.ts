// The status bar item `K8s DNS: 12 services · 3 problems`: click shows the Cluster DNS view (or the
// output, when the server is stopped).
import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { ModelChangedParams } from '../../../server/src/protocol';
import { statusText, type ServerPhase } from './statusText';
import { CLUSTER_VIEW_ID } from '../views/clusterTreeView';

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private phase: ServerPhase = 'starting';
  private stats: ModelChangedParams['stats'] | undefined;

  constructor() {
    this.item = window.createStatusBarItem('k8sDnsLens.status', StatusBarAlignment.Left, 10);
    this.item.name = 'K8s DNS Lens';
    this.render();
    this.item.show();
  }

  setPhase(p: ServerPhase): void {
    this.phase = p;
    this.render();
  }

  setStats(stats: ModelChangedParams['stats']): void {
    this.stats = stats;
    this.render();
  }

  private render(): void {
    const v = statusText(this.phase, this.stats);
    this.item.text = v.text;
    this.item.tooltip = v.tooltip;
    this.item.backgroundColor = v.background ? new ThemeColor(v.background) : undefined;
    this.item.command = this.phase === 'stopped' ? 'k8sDnsLens.showOutput' : `${CLUSTER_VIEW_ID}.focus`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
