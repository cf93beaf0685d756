import type { Clock } from "../ports/system.js";

/**
 * A short-lived cache of registry listings, keyed per credential (so a tree expanding in an editor
 * does not call Scaleway for every node). Entries expire by themselves; values are never secrets.
 */
export interface BrowseCache {
  /** The live value stored under `key`, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key` for the cache's TTL. */
  set<T>(key: string, value: T): Promise<void>;
}

export interface MemoryBrowseCacheOptions {
  /** Time to live of an entry in ms (default 30 000; 0 disables caching). */
  ttlMs?: number;
  /** Most entries kept; the oldest is dropped first (default 1000). */
  maxEntries?: number;
  /** Clock for expiry (default: system time). */
  clock?: Clock;
}

/**
 * BrowseCache in process memory (a Map). Works on Node and in a Workers isolate, where it is
 * per isolate and best-effort — which is all a 30-second listing cache needs.
 */
export function createMemoryBrowseCache(options: MemoryBrowseCacheOptions = {}): BrowseCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = Math.max(1, options.maxEntries ?? 1000);
  const now = (): number => (options.clock ? options.clock.now().getTime() : Date.now());
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value as T;
    },
    async set<T>(key: string, value: T): Promise<void> {
      if (ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
  };
}
