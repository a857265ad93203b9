// The language client's lifecycle: starts the bundled server (dist/server.js over IPC), forwards the
// settings, restarts the server when it dies (and stops trying, with a message, after repeated crashes),
// and gives the rest of the client one place to send requests and receive notifications.
import * as path from 'node:path';
import { EventEmitter, window, workspace, type Disposable, type ExtensionContext, type OutputChannel } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RequestType,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crashPolicy';
import { SECTION, nestSettings } from './settingsKeys';
import type { ServerPhase } from './status/statusText';
import { FileEventForwarder } from './fileEvents';
import { SERVER_ENV, serverExecArgv } from './serverEnv';

export function readSettings(): Record<string, unknown> {
  const config = workspace.getConfiguration(SECTION);
  return nestSettings((key) => config.get(key));
}

/** Resolves once the client is not starting (at most 10 s). */
function settled(client: LanguageClient): Promise<void> {
  if (client.state !== State.Starting) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, 10_000);
    const sub = client.onDidChangeState((e) => {
      if (e.newState !== State.Starting) done();
    });
  });
}

export class LanguageServer implements Disposable {
  private client: LanguageClient | undefined;
  private readonly crashes = new CrashPolicy();
  private readonly phaseEmitter = new EventEmitter<ServerPhase>();
  readonly onDidChangePhase = this.phaseEmitter.event;
  private readonly handlers: [string, (params: unknown) => void][] = [];
  private readonly files: FileEventForwarder;
  private starting: Promise<void> | undefined;
  private _phase: ServerPhase = 'starting';

  constructor(
    private readonly context: ExtensionContext,
    readonly output: OutputChannel,
  ) {
    this.files = new FileEventForwarder((changes) => {
      if (this.client?.isRunning()) this.client.sendNotification('workspace/didChangeWatchedFiles', { changes }).catch(() => undefined);
    });
  }

  get phase(): ServerPhase {
    return this._phase;
  }

  private setPhase(p: ServerPhase): void {
    if (p === this._phase) return;
    this._phase = p;
    this.phaseEmitter.fire(p);
  }

  log(message: string): void {
    this.output.appendLine(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
  }

  /** What the user was told about the server's life (crash notifications), for the tests. */
  readonly notices: string[] = [];

  /** Records a message for the user (see notices) and returns it, to show. */
  private notice(message: string): string {
    this.notices.push(message);
    return message;
  }

  /** Starts the server (again, after a stop or a crash that was not restarted). */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    // eslint-disable-next-line prefer-const -- the error handler below refers to it
    let client: LanguageClient;
    const serverOptions: ServerOptions = {
      // the editor's environment and SERVER_ENV (vscode-languageclient adds the former), Node's flags
      run: { module, transport: TransportKind.ipc, options: { env: { ...SERVER_ENV }, execArgv: serverExecArgv() } },
      debug: { module, transport: TransportKind.ipc, options: { env: { ...SERVER_ENV }, execArgv: [...serverExecArgv(), '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'json' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      synchronize: { configurationSection: SECTION },
      // storagePath: where the server keeps its persisted index (warm starts); per workspace when there is one
      initializationOptions: () => ({ settings: readSettings(), storagePath: (this.context.storageUri ?? this.context.globalStorageUri).fsPath }),
      outputChannel: this.output,
      traceOutputChannel: this.output,
      errorHandler: {
        error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: () => {
          // a client being replaced by restart() stays down
          if (client !== this.client) return { action: CloseAction.DoNotRestart, handled: true };
          const d = this.crashes.onCrash(Date.now());
          if (d.restart) {
            this.log(`the language server stopped unexpectedly; restarting it (${d.recent} crash(es) in the last 3 minutes)`);
            if (d.notify) {
              const message = this.notice('K8s DNS Lens: the language server stopped unexpectedly and was restarted (details in the output).');
              void window.showWarningMessage(message, 'Show Output').then((choice) => {
                if (choice === 'Show Output') this.output.show(true);
              });
            }
            return { action: CloseAction.Restart, handled: true };
          }
          this.log(`the language server crashed ${d.recent} times in 3 minutes; not restarting it`);
          void window
            .showErrorMessage(this.notice(`K8s DNS Lens: the language server crashed ${d.recent} times in 3 minutes and was not restarted.`), 'Restart', 'Show Output')
            .then((choice) => {
              if (choice === 'Restart') void this.restart();
              else if (choice === 'Show Output') this.output.show(true);
            });
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    client = new LanguageClient('k8sDnsLens', 'K8s DNS Lens', serverOptions, clientOptions);
    this.client = client;
    for (const [method, handler] of this.handlers) client.onNotification(method, handler);
    client.onDidChangeState((e) => {
      if (client !== this.client) return;
      this.setPhase(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped');
    });
    this.setPhase('starting');
    try {
      await client.start();
    } catch (e) {
      this.setPhase('stopped');
      this.log(`the language server did not start: ${(e as Error).message}`);
      throw e;
    }
    this.files.watch(workspace.getConfiguration(SECTION).get<string[]>('files.include') ?? []);
  }

  /** Stops and starts a fresh server (the "Restart Language Server" command; clears the crash count). */
  async restart(): Promise<void> {
    this.crashes.reset();
    await this.starting?.catch(() => undefined);
    const old = this.client;
    this.client = undefined;
    if (old) {
      this.log('restarting the language server');
      // the client may be restarting a crashed server right now: a starting client cannot be stopped
      await settled(old);
      await old.stop(5000).catch(() => undefined);
      await old.dispose().catch(() => undefined);
    }
    await this.start();
  }

  /** Registers for a server notification (kept across restarts). */
  onNotification<P>(method: string, handler: (params: P) => void): void {
    const h = handler as (params: unknown) => void;
    this.handlers.push([method, h]);
    this.client?.onNotification(method, h);
  }

  async request<P, R>(method: string, params: P): Promise<R> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    if (!client || !client.isRunning()) throw new Error('the K8s DNS Lens language server is not running');
    return client.sendRequest(new RequestType<P, R, void>(method), params);
  }

  /** Settings changed: re-create the file watchers for `files.include` (the client library forwards the rest). */
  settingsChanged(): void {
    this.files.watch(workspace.getConfiguration(SECTION).get<string[]>('files.include') ?? []);
  }

  /** The running LanguageClient, for the extension's test API. */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop(5000).catch(() => undefined);
  }

  dispose(): void {
    this.files.dispose();
    this.phaseEmitter.dispose();
  }
}
