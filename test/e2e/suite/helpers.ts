// Helpers of the extension-host suite: the extension's API, the workspace copy, waiting on events.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import type { K8sDnsLensApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'k8s-dns-lens.k8s-dns-lens';

export async function api(): Promise<K8sDnsLensApi> {
  const ext = vscode.extensions.getExtension<K8sDnsLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** A file of the workspace copy (`seed/Headless.yml`, `broken-selector/service.yaml`). */
export function wsUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** Resolves with `pick(diagnostics)` once it is truthy, checking now and on every diagnostics change. */
export function waitForDiagnostics<T>(uri: vscode.Uri, pick: (d: vscode.Diagnostic[]) => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = pick(vscode.languages.getDiagnostics(uri));
      if (v) {
        sub.dispose();
        clearTimeout(timer);
        resolve(v);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.fsPath}; have: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.code, d.message]))}`));
    }, timeoutMs);
    check();
  });
}

/** The position of the first `word` in a document (optionally after `after`). */
export function positionOf(doc: vscode.TextDocument, word: string, after = ''): vscode.Position {
  const text = doc.getText();
  const from = after ? text.indexOf(after) : 0;
  const i = text.indexOf(word, Math.max(0, from));
  if (i < 0) throw new Error(`"${word}" not in ${doc.uri.fsPath}`);
  return doc.positionAt(i + Math.floor(word.length / 2));
}

/** Pids of the processes whose parent is `ppid` and whose command line contains `needle` (Linux /proc). */
export function childPids(ppid: number, needle: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== ppid) continue;
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export { pendingOn } from '../support/pending';
