/**
 * Layer cache in a directory: one file per (selector fingerprint, diffID), written atomically
 * (temp file + rename) so concurrent scans never read half an entry.
 */

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { LayerCache } from "../layer-cache.js";
import { decodeLayerFiles, encodeLayerFiles } from "../layer-files-codec.js";

/** `REGSCAN_CACHE_DIR`, else `$XDG_CACHE_HOME/regscan`, else `~/.cache/regscan`. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.REGSCAN_CACHE_DIR) return env.REGSCAN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "regscan");
  return join(homedir(), ".cache", "regscan");
}

export function createFsLayerCache(dir: string): LayerCache {
  const fileFor = (diffId: string, fingerprint: string) => {
    const selector = createHash("sha256").update(fingerprint).digest("hex").slice(0, 16);
    const layer = diffId.replace(/[^A-Za-z0-9]/g, "_");
    return { folder: join(dir, "layers", selector), file: join(dir, "layers", selector, `${layer}.rslf`) };
  };
  return {
    async get(diffId, fingerprint) {
      try {
        const files = decodeLayerFiles(await readFile(fileFor(diffId, fingerprint).file));
        return files?.diffId === diffId ? files : undefined;
      } catch {
        return undefined;
      }
    },
    async put(files, fingerprint) {
      const { folder, file } = fileFor(files.diffId, fingerprint);
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await mkdir(folder, { recursive: true });
        await writeFile(temp, encodeLayerFiles(files));
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only costs speed.
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}
