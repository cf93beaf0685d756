import type { RateLimitDecision, RateLimiter } from "./rate-limiter.js";

export interface MemoryRateLimiterOptions {
  /** Requests allowed per key and window (> 0). */
  limit: number;
  /** Window length; default one minute. */
  windowMs?: number;
  /** Most keys tracked at once; past it the key whose window started first is forgotten. */
  maxKeys?: number;
  /** Milliseconds on a monotonic clock; default `performance.now()`. */
  now?: () => number;
}

export const DEFAULT_MAX_KEYS = 100_000;

export interface MemoryRateLimiter extends RateLimiter {
  /** How many keys are tracked now. */
  size(): number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed-window limiter in process memory: each key's window starts with its first request and
 * lasts `windowMs`. Memory is bounded: ended windows are dropped as new requests arrive, and at
 * most `maxKeys` keys are tracked (the oldest window is forgotten first, which can only let that
 * key through sooner, never block anyone).
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): MemoryRateLimiter {
  const { limit, windowMs = 60_000, maxKeys = DEFAULT_MAX_KEYS, now = () => performance.now() } = options;
  if (!(limit > 0) || !(windowMs > 0) || !(maxKeys > 0)) {
    throw new RangeError("createMemoryRateLimiter needs limit, windowMs and maxKeys above 0");
  }
  // In order of window start (a key is re-inserted when its new window starts), so ended windows
  // are at the front.
  const windows = new Map<string, Window>();

  const dropEnded = (at: number) => {
    for (const [key, window] of windows) {
      if (at - window.start < windowMs) break;
      windows.delete(key);
    }
  };

  return {
    size: () => windows.size,
    async hit(key): Promise<RateLimitDecision> {
      const at = now();
      dropEnded(at);
      // An ended window of `key` was dropped above: every window before it started earlier.
      let window = windows.get(key);
      if (!window) {
        if (windows.size >= maxKeys) {
          const oldest = windows.keys().next();
          if (!oldest.done) windows.delete(oldest.value);
        }
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      if (window.count <= limit) window.count++;
      return {
        allowed: window.count <= limit,
        limit,
        windowSeconds: Math.ceil(windowMs / 1000),
        remaining: Math.max(0, limit - window.count),
        resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)),
      };
    },
  };
}
