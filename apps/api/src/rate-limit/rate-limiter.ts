/** The outcome of counting one request against its key's window. */
export interface RateLimitDecision {
  /** False when the request is over the limit (it is answered 429 and not run). */
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  /** Length of the window, in seconds. */
  windowSeconds: number;
  /** Requests left in the current window after this one; absent when the backend does not tell. */
  remaining?: number;
  /** Seconds until the current window ends; absent when the backend does not tell. */
  resetSeconds?: number;
}

/**
 * Counts requests per key (`token:<id>` for an authenticated request, `address:<client address>`
 * otherwise) and says whether each may run (`REGSCAN_RATE_LIMIT_PER_MINUTE`). In memory on Node
 * (`createMemoryRateLimiter`); the Worker can use Workers' rate-limiting binding.
 */
export interface RateLimiter {
  hit(key: string): Promise<RateLimitDecision>;
}
