import { decodeLayerFiles, encodeLayerFiles, type LayerCache } from "@regscan/scanner";
import type { Logger } from "../http/logger.js";
import type { R2BucketBinding } from "./cloudflare-bindings.js";

/**
 * Entries larger than this are neither written nor read: a cached layer is read whole into memory,
 * and a Worker isolate has 128 MB.
 */
export const MAX_R2_LAYER_ENTRY_BYTES = 16 * 1024 * 1024;

/**
 * LayerCache in an R2 bucket (`LAYER_CACHE`), keyed by the file selector's fingerprint and the
 * layer's diffID, so a rescan of an image sharing base layers downloads only its new layers. A
 * damaged entry is a miss; so is an R2 failure (logged): scans never fail because of the cache.
 */
export function createR2LayerCache(options: {
  bucket: R2BucketBinding;
  logger: Logger;
  maxEntryBytes?: number;
}): LayerCache {
  const max = options.maxEntryBytes ?? MAX_R2_LAYER_ENTRY_BYTES;
  const keyOf = (fingerprint: string, diffId: string) =>
    `layers/${encodeURIComponent(fingerprint)}/${encodeURIComponent(diffId)}`;
  return {
    async get(diffId, fingerprint) {
      const key = keyOf(fingerprint, diffId);
      try {
        const head = await options.bucket.head(key);
        if (!head || head.size > max) return undefined;
        const object = await options.bucket.get(key);
        if (!object || object.size > max) return undefined;
        const files = decodeLayerFiles(new Uint8Array(await object.arrayBuffer()));
        return files?.diffId === diffId ? files : undefined;
      } catch (error) {
        options.logger.warn("layer cache read failed (a miss)", { diffId, error: describeError(error) });
        return undefined;
      }
    },
    async put(files, fingerprint) {
      const bytes = encodeLayerFiles(files);
      if (bytes.length > max) return;
      try {
        await options.bucket.put(keyOf(fingerprint, files.diffId), bytes);
      } catch (error) {
        options.logger.warn("layer cache write failed (not cached)", {
          diffId: files.diffId,
          error: describeError(error),
        });
      }
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
