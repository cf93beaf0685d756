import { DomainError, type Principal } from "@regscan/core";
import type { Context, MiddlewareHandler } from "hono";
import { addressKey } from "../rate-limit/address-key.js";
import type { RateLimitDecision, RateLimiter } from "../rate-limit/rate-limiter.js";
import type { AuthEnv } from "./auth.js";
import { problemFor, problemResponse } from "./problem.js";

/** What the rate limit needs from the runtime. */
export interface RateLimitDeps {
  /** Null: no rate limit (`REGSCAN_RATE_LIMIT_PER_MINUTE=0`). */
  limiter: RateLimiter | null;
  /** The caller's network address (Node: the socket's peer; Workers: `CF-Connecting-IP`). */
  clientAddress(c: Context): string | undefined;
}

/** The IETF draft RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, `RateLimit-*`). */
function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-policy": `${decision.limit};w=${decision.windowSeconds}`,
    ...(decision.remaining === undefined ? {} : { "ratelimit-remaining": String(decision.remaining) }),
    ...(decision.resetSeconds === undefined ? {} : { "ratelimit-reset": String(decision.resetSeconds) }),
  };
}

/**
 * Counts every request against its caller: the token (once `identify` found a valid one), else the
 * client address (IPv6 by /64). Past the limit the answer is 429 `rate_limited` with `Retry-After`
 * and the request does not run; every answer carries the `RateLimit-*` headers.
 */
export function rateLimit({ limiter, clientAddress }: RateLimitDeps): MiddlewareHandler<AuthEnv> {
  if (!limiter) return (_c, next) => next();
  return async (c, next) => {
    const principal = c.get("principal") as Principal | undefined;
    const key = principal ? `token:${principal.id}` : `address:${addressKey(clientAddress(c))}`;
    const decision = await limiter.hit(key);
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      const retryAfter = decision.resetSeconds ?? decision.windowSeconds;
      const who = principal ? "this token" : "this address (requests without a valid token)";
      const error = new DomainError(
        "rate_limited",
        `Too many requests: ${who} may send ${decision.limit} per ${decision.windowSeconds} s. Retry in ${retryAfter} s.`,
        { limit: decision.limit, windowSeconds: decision.windowSeconds, retryAfterSeconds: retryAfter },
      );
      c.set("errorCode", error.code);
      return problemResponse(problemFor(error, new URL(c.req.url).pathname), {
        ...headers,
        "retry-after": String(retryAfter),
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
