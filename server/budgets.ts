/**
 * @module Budgets for refused attempts, so that one participant's (or one address's) bad traffic cannot cost
 * the server — and the honest delegates on it — more than a bounded amount of work. Each budget counts attempts
 * per key in a fixed window; once a key has spent its budget, it is refused (429, `Retry-After`) until the
 * window ends. Memory is bounded: at most `maxKeys` keys are tracked (the oldest windows are dropped first).
 *
 * What is budgeted (limits in server/collab/limits.ts):
 * - refused updates, per participant (never per address: a conference's delegations share one Wi-Fi address,
 *   and one hostile delegate must not lock the room out): each refusal costs a rebuild of the document;
 * - WebSocket tickets, per participant (an honest editor reconnects at most every ~2.5 s);
 * - failed logins and bad tokens, per address (unauthenticated, so there is no participant to count against).
 */

interface Window {
  startedAt: number
  spent: number
}

export class Budget {
  private readonly windows = new Map<string, Window>()

  constructor(
    /** Attempts allowed per window. */
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one attempt against `key`. */
  spend(key: string, now: number): void {
    const window = this.current(key, now)
    if (window) window.spent += 1
    else {
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!)
      this.windows.set(key, { startedAt: now, spent: 1 })
    }
  }

  /** Milliseconds until `key` may try again, or 0 when it has budget left. */
  retryAfterMs(key: string, now: number): number {
    const window = this.current(key, now)
    if (!window || window.spent < this.allowed) return 0
    return window.startedAt + this.windowMs - now
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key)
    if (window && now - window.startedAt >= this.windowMs) {
      this.windows.delete(key)
      return undefined
    }
    return window
  }
}

/** The budgets of one server process. */
export interface Budgets {
  /** Updates refused as forbidden or malformed, per participant. */
  refusedUpdates: Budget
  /** WebSocket tickets issued, per participant. */
  tickets: Budget
  /** Failed logins and unknown tokens, per network address. */
  failedLogins: Budget
}
