// Imported first by extension.ts: the moment the bundle started to load, for the activation timings.
export const bundleStartedAt = performance.now();

export interface ActivationTimings {
  /** From the first line of the bundle to activate(): loading vscode-languageclient and our code. */
  loadMs: number;
  /** activate() itself: registering commands, views and providers (the server starts in the background). */
  activateMs: number;
  /** From activate() until the language server answered `initialize`. */
  serverReadyMs?: number;
  /** From activate() until the first index of the workspace was done (first `modelChanged` not indexing). */
  firstIndexMs?: number;
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
