/**
 * Values kept for a few seconds (`REGSCAN_AUTH_CACHE_SECONDS`) so the most frequent requests skip
 * the database: the principal of a bearer token, and the credential row a cached registry listing
 * is checked against. Staleness is bounded: an entry lives at most `ttlMs`, and `clear()` (called
 * after every write request this process serves: a token revoked, a permission changed, a secret
 * rotated, a credential deleted) drops every entry at once; a load that started before a `clear()`
 * is not kept. Other API processes on the same database see such a change within `ttlMs`. Only
 * found values are kept (failures and misses are not); at most `maxEntries`, the oldest go first.
 */
export interface ShortLivedCache<T> {
  /** The cached value of `key`, or the one `load` returns (then kept, unless null). */
  get(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createShortLivedCache<T>(options: {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}): ShortLivedCache<T> {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: T; expires: number }>();
  let generation = 0;
  return {
    async get(key, load) {
      if (options.ttlMs <= 0) return load();
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      if (hit) entries.delete(key);
      const started = generation;
      const value = await load();
      if (value !== null && started === generation) {
        if (entries.size >= max) entries.delete(entries.keys().next().value as string);
        entries.set(key, { value, expires: now() + options.ttlMs });
      }
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
