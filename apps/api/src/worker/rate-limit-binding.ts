import type { RateLimiter } from "../http/rate-limit.js";
import type { RateLimitBinding } from "./cloudflare-bindings.js";

/**
 * The per-token rate limit on Workers' rate-limiting binding (`RATE_LIMITER`): its `simple.limit`
 * per `simple.period` (60 s) is set in wrangler.jsonc. The binding says only allowed or not, so
 * responses carry `RateLimit-Reset` (the period) but no remaining count. Cloudflare counts per
 * location and eventually consistently: a budget, not an exact quota.
 */
export function createBindingRateLimiter(binding: RateLimitBinding, options: { periodSeconds: number }): RateLimiter {
  return {
    async take(key) {
      const { success } = await binding.limit({ key });
      return { allowed: success, resetSeconds: options.periodSeconds };
    },
  };
}
