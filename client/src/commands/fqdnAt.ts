// `k8sDnsLens/fqdnAt` for the active editor: the DNS name under the cursor and the manifest's namespace.
import { window } from 'vscode';
import { FqdnAtRequestMethod, type FqdnAtParams, type FqdnAtResult } from '../../../server/src/protocol';
import type { LanguageServer } from '../ctx';

export async function fqdnAtCursor(server: LanguageServer): Promise<FqdnAtResult | undefined> {
  const editor = window.activeTextEditor;
  if (!editor || !['yaml', 'json'].includes(editor.document.languageId)) return undefined;
  const pos = editor.selection.active;
  return server.request<FqdnAtParams, FqdnAtResult>(FqdnAtRequestMethod, {
    uri: editor.document.uri.toString(),
    position: { line: pos.line, character: pos.character },
  });
}
