/**
 * Layer cache in a directory: one file per (selector fingerprint, diffID), written atomically
 * (temp file + rename) so concurrent scans never read half an entry. Bounded: entries over
 * `maxEntryBytes` are not written, and after each write the least recently used entries are
 * removed until the folder holds at most `maxBytes`.
 */

import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { LayerCache } from "../layer-cache.js";
import { decodeLayerFiles, encodeLayerFiles } from "../layer-files-codec.js";

export interface FsLayerCacheOptions {
  /** Total size of the cache folder's entries (default 2 GiB; `REGSCAN_CACHE_MAX_SIZE` in the CLI). */
  maxBytes?: number;
  /** Largest entry written (default 64 MiB): one layer's kept files, encoded. */
  maxEntryBytes?: number;
}

export const DEFAULT_CACHE_MAX_BYTES = 2 * 1024 ** 3;
export const DEFAULT_CACHE_MAX_ENTRY_BYTES = 64 * 1024 ** 2;

/** `REGSCAN_CACHE_DIR`, else `$XDG_CACHE_HOME/regscan`, else `~/.cache/regscan`. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.REGSCAN_CACHE_DIR) return env.REGSCAN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "regscan");
  return join(homedir(), ".cache", "regscan");
}

export function createFsLayerCache(dir: string, options: FsLayerCacheOptions = {}): LayerCache {
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  const maxEntryBytes = Math.min(options.maxEntryBytes ?? DEFAULT_CACHE_MAX_ENTRY_BYTES, maxBytes);
  const root = join(dir, "layers");
  const fileFor = (diffId: string, fingerprint: string) => {
    const selector = createHash("sha256").update(fingerprint).digest("hex").slice(0, 16);
    const layer = diffId.replace(/[^A-Za-z0-9]/g, "_");
    return { folder: join(root, selector), file: join(root, selector, `${layer}.rslf`) };
  };
  return {
    async get(diffId, fingerprint) {
      const { file } = fileFor(diffId, fingerprint);
      try {
        const info = await stat(file);
        if (!info.isFile() || info.size > maxEntryBytes) return undefined;
        const files = decodeLayerFiles(await readFile(file));
        if (files?.diffId !== diffId) return undefined;
        const now = new Date();
        // Least recently *used* entries are evicted first; a read-only cache still serves.
        await utimes(file, now, now).catch(() => undefined);
        return files;
      } catch {
        // A missing, unreadable or damaged entry is a miss.
        return undefined;
      }
    },
    async put(files, fingerprint) {
      let kept = 0;
      for (const data of files.files.values()) kept += data.length;
      if (kept > maxEntryBytes) return;
      const bytes = encodeLayerFiles(files);
      if (bytes.length > maxEntryBytes) return;
      const { folder, file } = fileFor(files.diffId, fingerprint);
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await mkdir(folder, { recursive: true });
        await writeFile(temp, bytes);
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only costs speed.
        await rm(temp, { force: true }).catch(() => undefined);
        return;
      }
      await evict(root, maxBytes);
    },
  };
}

/** Removes the least recently used entries until the folder's entries add up to `maxBytes`. */
async function evict(root: string, maxBytes: number): Promise<void> {
  const entries: { path: string; size: number; used: number }[] = [];
  for (const folder of await readdir(root).catch(() => [])) {
    for (const name of await readdir(join(root, folder)).catch(() => [])) {
      if (!name.endsWith(".rslf")) continue;
      const path = join(root, folder, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile()) entries.push({ path, size: info.size, used: info.mtimeMs });
    }
  }
  let total = entries.reduce((n, e) => n + e.size, 0);
  entries.sort((a, b) => a.used - b.used);
  for (const entry of entries) {
    if (total <= maxBytes) return;
    await rm(entry.path, { force: true });
    total -= entry.size;
  }
}
