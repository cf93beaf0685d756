import { DomainError } from "@regscan/core";
import type { MiddlewareHandler } from "hono";
import type { AuthEnv } from "./auth.js";

/** One request counted against a key's budget. `limit`/`remaining` when the limiter knows them. */
export interface RateLimitDecision {
  allowed: boolean;
  limit?: number;
  remaining?: number;
  /** Seconds until the budget is renewed (Retry-After when refused). */
  resetSeconds: number;
}

/** The per-token request budget (Workers' rate-limiting binding on Workers). */
export interface RateLimiter {
  take(key: string): Promise<RateLimitDecision>;
}

/**
 * Counts each authenticated request against its token's budget: `RateLimit-*` headers with what
 * the limiter knows, and 429 `rate_limited` with `Retry-After` once the budget is spent.
 */
export function rateLimit(limiter: RateLimiter): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const decision = await limiter.take(`token:${c.get("principal").id}`);
    const headers: Record<string, string> = { "ratelimit-reset": String(decision.resetSeconds) };
    if (decision.limit !== undefined) headers["ratelimit-limit"] = String(decision.limit);
    if (decision.remaining !== undefined) headers["ratelimit-remaining"] = String(decision.remaining);
    if (!decision.allowed) {
      throw new DomainError(
        "rate_limited",
        `This token sent more requests than its limit; retry after ${decision.resetSeconds} seconds.`,
        { retryAfterSeconds: decision.resetSeconds },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
