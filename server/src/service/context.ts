// What every editor feature gets: the workspace index (model, diagnostics engine, documents) and the
// connection to register its handlers on.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../lsp/workspace';

export interface FeatureContext {
  index: WorkspaceIndex;
  connection: Connection;
}

export interface Feature {
  /** Adds what the feature offers to the server's capabilities. */
  capabilities?(caps: ServerCapabilities): void;
  /** Registers the feature's handlers. */
  register(ctx: FeatureContext): void;
}
