import { type BrowseCache, createMemoryBrowseCache } from "@regscan/core";
import type { Logger } from "../http/logger.js";

/** Cache keys are URLs; this host is never fetched (the Cache API is local to the data center). */
const KEY_BASE = "https://browse-cache.regscan.invalid/";

/**
 * BrowseCache in the Workers Cache API (`caches.default`), shared by the isolates of a data center,
 * behind a per-isolate memory cache: the Cache API stores nothing on `*.workers.dev` hostnames, and
 * memory answers repeated listings without a cache round trip. Entries expire after `ttlSeconds`.
 * A failing Cache API is a miss (logged), never an error: the listing is fetched from Scaleway.
 */
export function createCacheApiBrowseCache(options: { cache: Cache; ttlSeconds: number; logger: Logger }): BrowseCache {
  const memory = createMemoryBrowseCache({ ttlMs: options.ttlSeconds * 1000 });
  const keyOf = (key: string) => new Request(KEY_BASE + encodeURIComponent(key));
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const hit = await memory.get<T>(key);
      if (hit !== undefined || options.ttlSeconds <= 0) return hit;
      try {
        const response = await options.cache.match(keyOf(key));
        if (!response) return undefined;
        const value = (await response.json()) as T;
        await memory.set(key, value);
        return value;
      } catch (error) {
        options.logger.warn("browse cache read failed (a miss)", { error: describeError(error) });
        return undefined;
      }
    },
    async set<T>(key: string, value: T): Promise<void> {
      if (options.ttlSeconds <= 0) return;
      await memory.set(key, value);
      const response = new Response(JSON.stringify(value), {
        headers: { "content-type": "application/json", "cache-control": `max-age=${options.ttlSeconds}` },
      });
      try {
        await options.cache.put(keyOf(key), response);
      } catch (error) {
        options.logger.warn("browse cache write failed (not cached)", { error: describeError(error) });
      }
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
