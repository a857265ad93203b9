// Forwards file creations, changes and deletions under `k8sDnsLens.files.include` to the server
// (`workspace/didChangeWatchedFiles`), batched, with watchers re-created when the globs change.
import { workspace, type Disposable, type FileSystemWatcher, type Uri } from 'vscode';

export interface FileChange {
  uri: string;
  /** 1 created, 2 changed, 3 deleted (LSP FileChangeType). */
  type: 1 | 2 | 3;
}

const DEFAULT_GLOBS = ['**/*.yaml', '**/*.yml', '**/*.json'];

export class FileEventForwarder implements Disposable {
  private watchers: FileSystemWatcher[] = [];
  private globs = '';
  private queue: FileChange[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (changes: FileChange[]) => void) {}

  watch(globs: readonly string[]): void {
    const list = globs.filter((g) => typeof g === 'string' && g.trim()).length ? [...globs] : DEFAULT_GLOBS;
    const key = JSON.stringify(list);
    if (key === this.globs) return;
    this.globs = key;
    this.disposeWatchers();
    for (const glob of list) {
      const w = workspace.createFileSystemWatcher(glob);
      w.onDidCreate((u) => this.push(u, 1));
      w.onDidChange((u) => this.push(u, 2));
      w.onDidDelete((u) => this.push(u, 3));
      this.watchers.push(w);
    }
  }

  private push(uri: Uri, type: FileChange['type']): void {
    if (/[\\/](node_modules|\.git)[\\/]/.test(uri.fsPath)) return;
    this.queue.push({ uri: uri.toString(), type });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const changes = this.queue;
      this.queue = [];
      this.send(changes);
    }, 100);
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }

  dispose(): void {
    this.disposeWatchers();
    if (this.timer) clearTimeout(this.timer);
  }
}
