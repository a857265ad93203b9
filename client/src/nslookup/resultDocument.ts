// nslookup results as read-only virtual documents (`k8s-dns-lens:/<query>.nslookup?<params>`, language
// `k8s-nslookup`), with links from `file:line` references back to the manifests. The query lives in the
// URI, so a result can be computed again: on `modelChanged` for open results, and after a window reload.
import {
  DocumentLink,
  EventEmitter,
  Range,
  Uri,
  languages,
  window,
  workspace,
  type CancellationToken,
  type Disposable,
  type DocumentLinkProvider,
  type TextDocument,
  type TextDocumentContentProvider,
} from 'vscode';
import { NslookupRequestMethod, type NslookupParams, type NslookupResult } from '../../../server/src/protocol';
import type { LanguageServer } from '../ctx';
import { findFileRefs, locationsFooter, resolveRef } from './links';
import { queryTitle } from './pickModel';

export const NSLOOKUP_SCHEME = 'k8s-dns-lens';
export const NSLOOKUP_LANGUAGE = 'k8s-nslookup';

export function resultUri(p: NslookupParams): Uri {
  const title = queryTitle(p).replace(/[/\\]/g, '∕');
  const query = new URLSearchParams();
  query.set('name', p.name);
  if (p.type) query.set('type', p.type);
  if (p.fromNamespace) query.set('fromNamespace', p.fromNamespace);
  if (p.fromPod) query.set('fromPod', p.fromPod);
  return Uri.from({ scheme: NSLOOKUP_SCHEME, path: `/${title}.nslookup`, query: query.toString() });
}

export function paramsOf(uri: Uri): NslookupParams | undefined {
  const q = new URLSearchParams(uri.query);
  const name = q.get('name');
  if (!name) return undefined;
  return { name, type: q.get('type') ?? undefined, fromNamespace: q.get('fromNamespace') ?? undefined, fromPod: q.get('fromPod') ?? undefined };
}

interface Shown {
  text: string;
  result?: NslookupResult;
}

export class NslookupDocuments implements TextDocumentContentProvider, DocumentLinkProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly shown = new Map<string, Shown>();
  private readonly disposables: Disposable[] = [];

  constructor(private readonly server: LanguageServer) {
    this.disposables.push(
      workspace.registerTextDocumentContentProvider(NSLOOKUP_SCHEME, this),
      languages.registerDocumentLinkProvider({ scheme: NSLOOKUP_SCHEME }, this),
      workspace.onDidCloseTextDocument((d) => this.shown.delete(d.uri.toString())),
    );
  }

  /** Runs the query; throws (with the server's message) when the server cannot answer. */
  async lookup(p: NslookupParams): Promise<Shown> {
    const result = await this.server.request<NslookupParams, NslookupResult>(NslookupRequestMethod, p);
    const folders = (workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const text = result.text.replace(/\s*$/, '\n') + locationsFooter(result.text, result.locations ?? [], folders);
    return { text, result };
  }

  /** Runs the query and shows the answer beside nothing else: in the active editor group, as a preview. */
  async show(p: NslookupParams): Promise<TextDocument> {
    const shown = await this.lookup(p);
    const uri = resultUri(p);
    this.shown.set(uri.toString(), shown);
    this.changed.fire(uri);
    let doc = await workspace.openTextDocument(uri);
    if (doc.languageId !== NSLOOKUP_LANGUAGE) doc = await languages.setTextDocumentLanguage(doc, NSLOOKUP_LANGUAGE);
    await window.showTextDocument(doc, { preview: true });
    return doc;
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const cached = this.shown.get(uri.toString());
    if (cached) return cached.text;
    const p = paramsOf(uri);
    if (!p) return '; not an nslookup query\n';
    try {
      const shown = await this.lookup(p);
      this.shown.set(uri.toString(), shown);
      return shown.text;
    } catch (e) {
      return `; nslookup ${queryTitle(p)}: ${(e as Error).message}\n`;
    }
  }

  /** The model changed: compute the open results again. */
  async refreshOpen(): Promise<void> {
    for (const doc of workspace.textDocuments) {
      if (doc.uri.scheme !== NSLOOKUP_SCHEME || doc.isClosed) continue;
      this.shown.delete(doc.uri.toString());
      this.changed.fire(doc.uri);
    }
  }

  provideDocumentLinks(doc: TextDocument, _token: CancellationToken): DocumentLink[] {
    const locations = this.shown.get(doc.uri.toString())?.result?.locations ?? [];
    const folders = (workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const links: DocumentLink[] = [];
    for (const ref of findFileRefs(doc.getText())) {
      const target = resolveRef(ref, locations, folders);
      if (!target) continue;
      const fragment = `L${ref.line}${ref.column ? `,${ref.column}` : ''}`;
      const link = new DocumentLink(new Range(doc.positionAt(ref.start), doc.positionAt(ref.end)), Uri.parse(target).with({ fragment }));
      link.tooltip = 'Open the manifest';
      links.push(link);
    }
    return links;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
