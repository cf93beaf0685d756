import type { LayerFiles } from "./layer-files.js";

/**
 * Where walked layers are kept between scans, so an image sharing base layers with one scanned
 * before downloads only its new layers. Keyed by the layer's diffID (known from the config before
 * any download) and the file selector's fingerprint (new or changed catalogers miss the cache).
 * Implementations must treat a damaged entry as a miss, never as an error.
 */
export interface LayerCache {
  get(diffId: string, fingerprint: string): Promise<LayerFiles | undefined>;
  put(files: LayerFiles, fingerprint: string): Promise<void>;
}

/** A cache that keeps nothing (`--no-cache`, Workers without storage). */
export const noLayerCache: LayerCache = {
  get: async () => undefined,
  put: async () => undefined,
};

/** An in-memory cache, for tests and long-lived processes. */
export function createMemoryLayerCache(): LayerCache & { readonly size: number } {
  const entries = new Map<string, LayerFiles>();
  return {
    get size() {
      return entries.size;
    },
    get: async (diffId, fingerprint) => entries.get(`${fingerprint}\n${diffId}`),
    put: async (files, fingerprint) => void entries.set(`${fingerprint}\n${files.diffId}`, files),
  };
}
