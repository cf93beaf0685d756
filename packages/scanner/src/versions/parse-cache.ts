/**
 * A tiny bounded memo for parsed versions: the matcher compares the same installed version
 * against many range events, so each comparator parses a string once instead of per comparison.
 */
export function cachedParser<T>(parse: (version: string) => T, capacity = 2048): (version: string) => T {
  const cache = new Map<string, T>();
  return (version) => {
    const hit = cache.get(version);
    if (hit !== undefined) return hit;
    const parsed = parse(version);
    if (cache.size >= capacity) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(version, parsed);
    return parsed;
  };
}
