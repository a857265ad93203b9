// The VS Code client: starts the bundled language server, and adds what the server cannot do alone —
// commands, the Cluster DNS view, the status bar item and nslookup result documents.
import { bundleStartedAt, round, type ActivationTimings } from './timing';
import { commands, workspace, window, type Event, type ExtensionContext } from 'vscode';
import { ModelChangedNotificationMethod, type ModelChangedParams } from '../../server/src/protocol';
import { LanguageServer } from './ctx';
import { NslookupDocuments } from './nslookup/resultDocument';
import { ClusterTreeProvider } from './views/clusterTreeView';
import { StatusBar } from './status/statusBar';
import { registerCommands } from './commands/registry';
import { SECTION } from './settingsKeys';
import type { ServerPhase } from './status/statusText';
import { plural, type ClusterNode } from './views/treeModel';

/** What activate() returns: for the end-to-end tests (and other extensions, read-only). */
export interface K8sDnsLensApi {
  readonly timings: ActivationTimings;
  readonly phase: ServerPhase;
  readonly onDidChangePhase: Event<ServerPhase>;
  /** The last `modelChanged` from the server. */
  readonly model: ModelChangedParams | undefined;
  /** Resolves once the server answered `initialize`. */
  whenReady(): Promise<void>;
  /** How many `modelChanged` notifications arrived (across server restarts). */
  readonly modelCount: number;
  /** Resolves with the first `modelChanged` not indexing, among those after the `after`-th (default: any). */
  whenIndexed(after?: number): Promise<ModelChangedParams>;
  /** The Cluster DNS view's top-level nodes, loaded as the view loads them. */
  clusterTree(): Promise<ClusterNode[]>;
  /** Messages shown to the user about the server's crashes and restarts, in order. */
  readonly notices: readonly string[];
}

let server: LanguageServer | undefined;

export function activate(context: ExtensionContext): K8sDnsLensApi {
  const started = performance.now();
  const timings: ActivationTimings = { loadMs: round(started - bundleStartedAt), activateMs: 0 };
  const output = window.createOutputChannel('K8s DNS Lens');
  server = new LanguageServer(context, output);
  const srv = server;
  const nslookup = new NslookupDocuments(srv);
  const tree = new ClusterTreeProvider(srv);
  const status = new StatusBar();
  let model: ModelChangedParams | undefined;
  let modelCount = 0;
  let lastIndexed = 0;
  const waiters: { after: number; resolve: (m: ModelChangedParams) => void }[] = [];

  srv.onNotification<ModelChangedParams>(ModelChangedNotificationMethod, (m) => {
    model = m;
    modelCount++;
    status.setStats(m.stats);
    if (!m.stats.indexing) {
      lastIndexed = modelCount;
      if (timings.firstIndexMs === undefined) {
        timings.firstIndexMs = round(performance.now() - started);
        srv.log(`first index: ${plural(m.stats.files, 'file')}, ${plural(m.stats.services, 'service')}, ${plural(m.stats.problems, 'problem')}, ${timings.firstIndexMs} ms after activation`);
      }
      for (const w of waiters.splice(0)) {
        if (modelCount > w.after) w.resolve(m);
        else waiters.push(w);
      }
    }
    tree.refresh();
    void nslookup.refreshOpen();
  });
  srv.onDidChangePhase((p) => status.setPhase(p));

  context.subscriptions.push(
    srv,
    output,
    nslookup,
    tree,
    status,
    ...registerCommands({ server: srv, output, nslookup, tree }),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.files.include`)) srv.settingsChanged();
    }),
  );
  void commands.executeCommand('setContext', 'k8sDnsLens.active', true);

  const ready = srv.start().then(
    () => {
      timings.serverReadyMs = round(performance.now() - started);
      srv.log(`K8s DNS Lens ${context.extension.packageJSON.version}: bundle loaded in ${timings.loadMs} ms, activated in ${timings.activateMs} ms, server ready ${timings.serverReadyMs} ms after activation`);
    },
    (e: Error) => {
      void window.showErrorMessage(`K8s DNS Lens: the language server did not start: ${e.message}`, 'Show Output').then((c) => {
        if (c) output.show(true);
      });
    },
  );
  timings.activateMs = round(performance.now() - started);

  return {
    timings,
    get phase() {
      return srv.phase;
    },
    onDidChangePhase: srv.onDidChangePhase,
    get model() {
      return model;
    },
    whenReady: () => ready,
    get modelCount() {
      return modelCount;
    },
    whenIndexed: (after = 0) =>
      model && lastIndexed > after ? Promise.resolve(model) : new Promise((resolve) => waiters.push({ after, resolve })),
    clusterTree: () => tree.getChildren(),
    notices: srv.notices,
  };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
