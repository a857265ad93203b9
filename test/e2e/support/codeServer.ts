// Starts code-server (the VS Code workbench with a real Node extension host) in a process group of its
// own, with every file it writes under one run folder, and stops the whole group (extension host and
// language server included).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { recordProcessGroup, toolsDir } from './paths';

export interface CodeServerOptions {
  /** Profile, extensions, logs, XDG folders and TMPDIR go here (created). */
  dir: string;
  /** Folder opened by default. */
  workspace: string;
  /** Installed before start. */
  vsix?: string;
  /** User settings, over the test defaults. */
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Default: a free port. */
  port?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  pgid: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** The page that opens `folder` (default: the workspace). */
  folderUrl(folder?: string): string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic under test. */
export const testSettings = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'editor.hover.delay': 200,
  // no fade-ins: screenshots show widgets fully drawn
  'workbench.reduceMotion': 'on',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.editor.enablePreview': false,
  // the run folder lives inside the repository: no "open the parent git repository?" prompt
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

const entry = () => path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function codeServerEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg', 'cache'),
    TMPDIR: path.join(dir, 'tmp'),
    ...extra,
  };
  // never inherit a parent's VS Code environment (when run from a VS Code terminal)
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return env;
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(entry())) throw new Error(`code-server is not installed in ${toolsDir}: run \`bash scripts/e2e/install.sh\``);
  const userDataDir = path.join(o.dir, 'user-data');
  const extensionsDir = path.join(o.dir, 'extensions');
  for (const d of [userDataDir, extensionsDir, path.join(userDataDir, 'User'), path.join(o.dir, 'xdg', 'config'), path.join(o.dir, 'xdg', 'data'), path.join(o.dir, 'xdg', 'cache'), path.join(o.dir, 'tmp')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...testSettings, ...o.settings }, null, 2));
  const env = codeServerEnv(o.dir, o.env);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (o.vsix) {
    const r = spawnSync(process.execPath, [entry(), '--install-extension', o.vsix, '--force', ...common], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`installing ${o.vsix} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  const port = o.port ?? (await freePort());
  const config = path.join(o.dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(o.dir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [entry(), '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...common, o.workspace];
  // detached: setsid, so the server, its extension host and the language server share a new process group
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid!;
  recordProcessGroup(pgid, `code-server ${o.dir}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    url,
    port,
    pgid,
    userDataDir,
    extensionsDir,
    logFile,
    folderUrl: (folder = o.workspace) => `${url}/?folder=${encodeURIComponent(folder)}`,
    stop: () => stopGroup(pgid, exited),
  };
  try {
    await waitHealthy(url, exited, logFile);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

async function waitHealthy(url: string, exited: Promise<number | null>, logFile: string): Promise<void> {
  let dead: number | null | undefined;
  void exited.then((c) => (dead = c));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(`code-server exited (${dead}) before it was up; see ${logFile}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100)); // polling a socket: there is no event to wait on
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s; see ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the group, then SIGKILL to whatever of it is left after 5 s; resolves when the group is
 * gone (or 5 s after the SIGKILL): a killed process is still in its group until it is reaped, and the
 * runner counts a group still there after the suite as left running.
 */
export async function stopGroup(pgid: number, leaderExited?: Promise<unknown>): Promise<void> {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 5000;
  if (leaderExited) await Promise.race([leaderExited, new Promise((r) => setTimeout(r, 5000))]);
  await goneBy(pgid, deadline);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await goneBy(pgid, Date.now() + 5000);
  }
}

/** Waits until the group has no process left, at most until `deadline`. */
async function goneBy(pgid: number, deadline: number): Promise<void> {
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
