// What every editor feature gets: the workspace (model, diagnostics engine, files) and the connection
// to register its handlers on. Feature logic takes only the `Workspace`, so tests call it directly.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { DiagnosticsEngine } from '../core/checks/engine';
import type { FileResult } from '../core/manifest/objects';
import type { ClusterModel } from '../core/model/cluster';
import type { ServerSettings } from '../lsp/settings';

/** What the features read: `lsp/workspace.ts` WorkspaceIndex is one. */
export interface Workspace {
  readonly model: ClusterModel;
  readonly engine: DiagnosticsEngine;
  readonly settings: ServerSettings;
  readonly folders: readonly { uri: string; path: string }[];
  /** The first indexing run is under way: answers use what is indexed so far. */
  readonly indexing: boolean;
  file(uri: string): FileResult | undefined;
  /** The text of a document: the open buffer, else the file on disk. */
  text(uri: string): string | undefined;
}

export interface FeatureContext {
  index: Workspace;
  connection: Connection;
}

/** An element of the workspace the features' warm-up runs on: one per kind of element (`Located['kind']`). */
export interface WarmSample {
  uri: string;
  offset: number;
  kind: string;
}

export interface Feature {
  /** Adds what the feature offers to the server's capabilities. */
  capabilities?(caps: ServerCapabilities): void;
  /** Registers the feature's handlers. */
  register(ctx: FeatureContext): void;
  /** Answers its request once at `sample`, the answer dropped (service/warm.ts says why). */
  warm?(ws: Workspace, sample: WarmSample): void;
}
