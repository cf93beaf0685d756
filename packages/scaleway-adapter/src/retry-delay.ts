/** Backoff settings shared by every retried call. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Returns a number in [0, 1); injected for deterministic tests. */
  random: () => number;
}

/**
 * Delay before retry number `attempt + 1`: exponential (`base * 2^attempt`, capped) with jitter
 * in [50 %, 100 %] of that; never shorter than the server's `Retry-After` when it gave one.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, options: BackoffOptions): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(exponential * (0.5 + options.random() / 2));
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, Math.min(jittered, options.maxDelayMs));
}
