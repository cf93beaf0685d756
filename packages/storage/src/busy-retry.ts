import type { Client } from "@libsql/client";
import { databaseErrorCode } from "./database-errors.js";

/** True for a failure that says another connection holds the lock (nothing was written). */
export function isBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(databaseErrorCode(error) ?? "");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How to wait for a lock: up to `timeoutMs`, and which client to refresh after a busy failure. */
export interface BusyRetryOptions {
  timeoutMs: number;
  /**
   * A `file:` client whose connection a busy failure leaves unusable: the embedded driver does not
   * reset the failed statement, and every later COMMIT on that connection fails ("SQL statements in
   * progress"). It is reconnected after each busy failure; nothing else may use it meanwhile.
   */
  reconnect?: Client;
  /** False once retrying is no longer safe (e.g. a transaction's work has started). */
  canRetry?: () => boolean;
}

/**
 * Runs `task`, retrying it while it fails because another process holds the database lock, until
 * `timeoutMs` has passed; then the busy failure propagates. Waits with timers, never by blocking
 * the event loop (which the embedded driver's own busy timeout does), so other requests keep being
 * served while a write waits for the lock.
 */
export async function retryWhileBusy<T>(task: () => Promise<T>, options: BusyRetryOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (options.reconnect) await options.reconnect.reconnect();
      const left = deadline - Date.now();
      if (left <= 0 || options.canRetry?.() === false) throw error;
      await sleep(Math.min(left, 5 * 2 ** Math.min(attempt, 4)));
    }
  }
}
