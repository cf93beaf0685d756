import type { RateLimiter } from "../rate-limit/rate-limiter.js";
import type { RateLimitBinding } from "./cloudflare-bindings.js";

/**
 * The per-token rate limit on Workers' rate-limiting binding (`RATE_LIMITER`): its `simple.limit`
 * per `simple.period` (60 s) is set in wrangler.jsonc (keep it equal to
 * REGSCAN_RATE_LIMIT_PER_MINUTE, which the `RateLimit-*` headers report). The binding says only
 * allowed or not, so responses carry no remaining count; when refused, `Retry-After` is the period.
 * Cloudflare counts per location and eventually consistently: a budget, not an exact quota.
 */
export function createBindingRateLimiter(
  binding: RateLimitBinding,
  options: { periodSeconds: number; limit: number },
): RateLimiter {
  return {
    async hit(key) {
      const { success } = await binding.limit({ key });
      return { allowed: success, limit: options.limit, windowSeconds: options.periodSeconds };
    },
  };
}
