// When the language server dies: restart it and say so once (later restarts only go to the log),
// unless it died too often lately (then tell the user and wait for "Restart"). Plain data, no
// `vscode`, so the policy is unit-tested.

export interface CrashDecision {
  restart: boolean;
  /** Crashes inside the window, this one included. */
  recent: number;
  /** Tell the user: the first automatic restart since activation (or since the user restarted). */
  notify: boolean;
}

export class CrashPolicy {
  private crashes: number[] = [];
  private notified = false;

  /** At most `maxRestarts` automatic restarts within `windowMs`. */
  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
  ) {}

  onCrash(now: number): CrashDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    const restart = this.crashes.length <= this.maxRestarts;
    const notify = restart && !this.notified;
    if (notify) this.notified = true;
    return { restart, recent: this.crashes.length, notify };
  }

  /** After a restart asked for by the user. */
  reset(): void {
    this.crashes = [];
    this.notified = false;
  }
}
