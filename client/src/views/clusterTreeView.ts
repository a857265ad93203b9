// The "Cluster DNS" view: the tree of treeModel.ts, loaded from `k8sDnsLens/clusterTree` and reloaded
// on `k8sDnsLens/modelChanged` (stable ids keep what the user expanded).
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
  type Disposable,
  type TreeDataProvider,
  type TreeView,
} from 'vscode';
import { ClusterTreeRequestMethod, RevealLocationCommandId, type ClusterTreeParams, type ClusterTreeResult } from '../../../server/src/protocol';
import type { LanguageServer } from '../ctx';
import { buildClusterTree, type ClusterNode } from './treeModel';

export const CLUSTER_VIEW_ID = 'k8sDnsLens.clusterDns';

const collapsible: Record<ClusterNode['collapsible'], TreeItemCollapsibleState> = {
  none: TreeItemCollapsibleState.None,
  collapsed: TreeItemCollapsibleState.Collapsed,
  expanded: TreeItemCollapsibleState.Expanded,
};

export class ClusterTreeProvider implements TreeDataProvider<ClusterNode>, Disposable {
  private readonly changed = new EventEmitter<ClusterNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: TreeView<ClusterNode>;
  /** The last tree shown (tests and "reveal" read it). */
  roots: ClusterNode[] = [];

  constructor(private readonly server: LanguageServer) {
    this.view = window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: ClusterNode): Promise<ClusterNode[]> {
    if (element) return element.children;
    try {
      const result = await this.server.request<ClusterTreeParams, ClusterTreeResult>(ClusterTreeRequestMethod, {});
      this.roots = buildClusterTree(result);
      this.view.message = this.roots.length ? undefined : 'No Kubernetes manifests found in the workspace.';
    } catch (e) {
      this.roots = [];
      this.view.message = `The cluster cannot be shown: ${(e as Error).message}`;
    }
    return this.roots;
  }

  getTreeItem(n: ClusterNode): TreeItem {
    const item = new TreeItem(n.label, collapsible[n.collapsible]);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = new MarkdownString(n.tooltip);
    item.iconPath = new ThemeIcon(n.icon.id, n.icon.color ? new ThemeColor(n.icon.color) : undefined);
    item.contextValue = n.contextValue;
    if (n.location) item.command = { command: RevealLocationCommandId, title: 'Reveal in Manifest', arguments: [n.location] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
