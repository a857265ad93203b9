// When the language server dies: restart it, unless it died too often lately (then tell the user and
// wait for "Restart"). Plain data, no `vscode`, so the policy is unit-tested.

export interface CrashDecision {
  restart: boolean;
  /** Crashes inside the window, this one included. */
  recent: number;
}

export class CrashPolicy {
  private crashes: number[] = [];

  /** At most `maxRestarts` automatic restarts within `windowMs`. */
  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
  ) {}

  onCrash(now: number): CrashDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return { restart: this.crashes.length <= this.maxRestarts, recent: this.crashes.length };
  }

  /** After a restart asked for by the user. */
  reset(): void {
    this.crashes = [];
  }
}
