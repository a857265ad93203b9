// What every command factory gets.
import type { OutputChannel } from 'vscode';
import type { LanguageServer } from '../ctx';
import type { NslookupDocuments } from '../nslookup/resultDocument';
import type { ClusterTreeProvider } from '../views/clusterTreeView';

export interface CommandContext {
  server: LanguageServer;
  output: OutputChannel;
  nslookup: NslookupDocuments;
  tree: ClusterTreeProvider;
}

export interface CommandSpec {
  /** As contributed in package.json. */
  id: string;
  create(ctx: CommandContext): (...args: any[]) => unknown;
}
