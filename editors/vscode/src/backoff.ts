// When to restart a crashed server: 1 s, 2 s, 4 s … up to 60 s between attempts; the count
// starts again once a server has stayed up for `stableMs`; after `maxAttempts` crashes in a row
// it gives up (the user can still restart by hand).

export class Backoff {
  private attempts = 0;
  private startedAt = 0;

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
    private readonly stableMs = 180_000,
    readonly maxAttempts = 8,
  ) {}

  /** Call when the server (re)started. */
  started(now: number): void {
    this.startedAt = now;
  }

  /** Call when the server exited unexpectedly: the delay before the next start, or undefined to give up. */
  crashed(now: number): number | undefined {
    if (this.startedAt > 0 && now - this.startedAt >= this.stableMs) this.attempts = 0;
    this.startedAt = 0;
    this.attempts += 1;
    if (this.attempts > this.maxAttempts) return undefined;
    return Math.min(this.maxMs, this.baseMs * 2 ** (this.attempts - 1));
  }

  /** The number of crashes in a row so far. */
  get crashes(): number {
    return this.attempts;
  }

  reset(): void {
    this.attempts = 0;
    this.startedAt = 0;
  }
}
