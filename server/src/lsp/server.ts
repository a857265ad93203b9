// The language server: LSP glue between a connection and the workspace index. Features live one per
// file in ../service and are wired through ../service/registry.ts.
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { WorkspaceIndex, uriToPath } from './workspace';
import { parseSettings } from './settings';
import { toDiagnostic } from './convert';
import { features } from '../service/registry';
import { warmUp } from '../service/warm';
import type { FeatureContext } from '../service/context';
import { ModelChangedNotificationMethod, type ModelChangedParams } from '../protocol';
import { clusterStats } from '../service/clusterTree';

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection, opts: { lastClientMessageAt?: () => number } = {}): void {
  let canConfigure = false;
  let canProgress = false;
  let canFolders = false;
  /**
   * What was last sent per file: version and diagnostics as JSON (the same again is not sent), and
   * whether there were any (the files "published": a full run sends theirs again).
   */
  const lastSent = new Map<string, { key: string; any: boolean }>();
  let modelChangedTimer: NodeJS.Timeout | undefined;

  /** Sends a file's diagnostics unless they are what was sent last; resolves once written. */
  const send = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): Promise<void> | undefined => {
    const key = `${version ?? ''}\u0000${JSON.stringify(diagnostics)}`;
    if (lastSent.get(uri)?.key === key) return undefined;
    lastSent.set(uri, { key, any: diagnostics.length > 0 });
    return connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const publish = (files: Set<string>, full = false, final?: ReadonlySet<string>) => {
    // after a whole indexing run, every file published before is published again: its problems may
    // have gone with another file (a folder removed, settings changed) or the file left the model
    // (except those the run already published in their final state)
    if (full) for (const [uri, sent] of lastSent) if (sent.any) files.add(uri);
    for (const uri of files) {
      if (final?.has(uri)) continue;
      const res = index.file(uri);
      const problems = res ? index.engine.problemsFor(uri, index.settings.severity) : [];
      if (!res && !lastSent.get(uri)?.any) continue;
      const diags = res ? problems.map((p) => toDiagnostic(index, res, p)) : [];
      // the version of the buffer they were computed from: a client drops those of an older edit
      void send(uri, index.versionOf(uri), diags);
    }
    // tell the client (views, status bar) once things settle
    if (modelChangedTimer) clearTimeout(modelChangedTimer);
    modelChangedTimer = setTimeout(() => {
      modelChangedTimer = undefined;
      const params: ModelChangedParams = { version: index.model.version, stats: clusterStats(index), indexRun: index.indexRun };
      void connection.sendNotification(ModelChangedNotificationMethod, params);
    }, 50);
  };

  const index: WorkspaceIndex = new WorkspaceIndex((files, full, final) => publish(files, full, final), {
    serverVersion: SERVER_VERSION,
    lastClientMessageAt: opts.lastClientMessageAt,
    idleWork: process.env.K8S_DNS_LENS_IDLE_WORK !== 'off',
    // the features run once when idle after indexing: their first requests are not the slow ones
    warmUp: () => warmUp(index, features, (m) => connection.console.log(m)),
    log: (m) => connection.console.log(m),
    publishedDiagnostics: () =>
      new Map([...lastSent].filter(([, sent]) => sent.any).map(([uri, { key }]) => [uri, JSON.parse(key.slice(key.indexOf('\u0000') + 1)) as Diagnostic[]])),
    // the last session's diagnostics, shown until this session's own are computed (same files, same settings)
    // (resolves once they are written: the writer sends one message per turn of the event loop, and an
    // answer to a request would otherwise wait behind a thousand of them)
    restoreDiagnostics: async (byUri) => {
      const sent: Promise<void>[] = [];
      for (const [uri, diags] of byUri) {
        const p = send(uri, undefined, diags as Diagnostic[]);
        if (p) sent.push(p);
      }
      // a write that fails (the client gone) must not fail the indexing run that waits on it
      await Promise.all(sent).catch(() => undefined);
    },
  });
  const ctx: FeatureContext = { index, connection: flushingFirst(connection, () => index.flushEdits()) };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canConfigure = !!params.capabilities.workspace?.configuration;
    canProgress = !!params.capabilities.window?.workDoneProgress;
    canFolders = !!params.capabilities.workspace?.workspaceFolders;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    index.folders = folders.map((f) => ({ uri: f.uri, path: uriToPath(f.uri) ?? '' })).filter((f) => f.path);
    if (params.initializationOptions && typeof params.initializationOptions === 'object') {
      const io = params.initializationOptions as { settings?: unknown; storagePath?: unknown };
      if (io.settings) index.settings = parseSettings(io.settings);
      // the client's storage folder for the persisted index (none: no cache)
      if (typeof io.storagePath === 'string' && io.storagePath) index.options.storagePath = io.storagePath;
    }
    // the reading workers start while the client finishes its start (see startReaders)
    index.startReaders();
    const capabilities: InitializeResult['capabilities'] = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const f of features) f.capabilities?.(capabilities);
    return { capabilities, serverInfo: { name: 'k8s-dns-lens', version: SERVER_VERSION } };
  });

  connection.onInitialized(async () => {
    if (canConfigure) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'k8sDnsLens' });
      await loadSettings();
    }
    // only a client that says it supports workspace folders sends their changes (vscode-languageserver
    // throws when asked to listen otherwise, and then nothing would be indexed)
    if (canFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        index.folders = index.folders.filter((f) => !removed.has(f.uri));
        for (const f of e.added) {
          const p = uriToPath(f.uri);
          if (p) index.folders.push({ uri: f.uri, path: p });
        }
        void reindex();
      });
    }
    await reindex();
  });

  const loadSettings = async () => {
    if (!canConfigure) return;
    try {
      const raw = (await connection.workspace.getConfiguration('k8sDnsLens')) as unknown;
      index.settings = parseSettings(raw);
      for (const w of index.settings.warnings) void connection.window.showWarningMessage(`K8s DNS Lens: ${w}`);
    } catch {
      // keep the previous settings
    }
  };

  const reindex = async () => {
    let reporter: WorkDoneProgressServerReporter | undefined;
    const started = Date.now();
    let begun = false;
    let ended = false;
    await index.reindex({
      begin: () => undefined,
      report: (done, total) => {
        // only show progress when indexing takes more than a moment
        if (!begun && !ended && canProgress && Date.now() - started > 300) {
          begun = true;
          void connection.window.createWorkDoneProgress().then((r) => {
            // the run may have ended while the client created the token: then there is nothing to show
            if (ended) return r.done();
            reporter = r;
            r.begin('K8s DNS Lens: indexing manifests', 0, `${done}/${total}`, false);
          });
        }
        reporter?.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total} files`);
      },
      end: () => {
        ended = true;
        reporter?.done();
        reporter = undefined;
      },
    });
  };

  connection.onDidChangeConfiguration(async (change) => {
    if (canConfigure) await loadSettings();
    else if (change.settings && typeof change.settings === 'object') {
      index.settings = parseSettings((change.settings as Record<string, unknown>).k8sDnsLens);
    }
    // index again; at its end the diagnostics of every file published before are published anew
    // (cleared for files the settings now exclude)
    await reindex();
  });

  connection.onDidOpenTextDocument((p) => index.openDocument(p.textDocument.uri, p.textDocument.text, p.textDocument.version));
  connection.onDidChangeTextDocument((p) => {
    const last = p.contentChanges[p.contentChanges.length - 1];
    if (last && !('range' in last)) index.changeDocument(p.textDocument.uri, last.text, p.textDocument.version);
  });
  connection.onDidCloseTextDocument((p) => {
    index.closeDocument(p.textDocument.uri);
  });
  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      if (c.type === 3) index.fileDeleted(c.uri);
      else index.fileCreatedOrChanged(c.uri);
    }
  });

  // a persisted index still to be written is written before the server goes
  connection.onShutdown(() => index.flushCache());

  for (const f of features) f.register(ctx);

  connection.listen();
}

/**
 * The connection as features see it: every handler they register (`onHover`, `onRequest`, …) first
 * applies the edits still waiting (WorkspaceIndex.changeDocument), so an answer never comes from a
 * text older than the editor's.
 */
function flushingFirst(connection: Connection, flush: () => void): Connection {
  return new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !/^on[A-Z]/.test(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => unknown).apply(
          target,
          args.map((a) =>
            typeof a === 'function'
              ? (...params: unknown[]) => {
                  flush();
                  return (a as (...p: unknown[]) => unknown)(...params);
                }
              : a,
          ),
        );
    },
  });
}
