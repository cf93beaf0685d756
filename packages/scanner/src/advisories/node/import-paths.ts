import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { DomainError } from "@regscan/core";
import type { AdvisoryStore } from "../advisory-store.js";
import { ImportBatcher, type ImportOptions, type ImportResult } from "../import-batcher.js";
import { DEFAULT_IMPORT_LIMITS } from "../import-limits.js";
import { importOsvZip } from "../import-osv-zip.js";

/**
 * Imports local OSV exports: `.zip` files (streamed from disk) and folders of OSV JSON files
 * (searched recursively). Throws `validation_failed` for a path that is neither.
 */
export async function importPaths(
  store: AdvisoryStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const batcher = new ImportBatcher(store, options);
      const max = options.limits?.maxRecordBytes ?? DEFAULT_IMPORT_LIMITS.maxRecordBytes;
      for await (const file of jsonFiles(path)) {
        const size = (await stat(file)).size;
        if (size > max) batcher.refuse(file, `is ${size} bytes, over the ${max}-byte limit per record`);
        else batcher.add(file, await readFile(file));
        if (batcher.full) await batcher.flush();
      }
      await batcher.flush();
      results.push(batcher.result);
    } else if (info?.isFile() && path.toLowerCase().endsWith(".zip")) {
      results.push(
        await importOsvZip(store, createReadStream(path, { highWaterMark: 1 << 20 }), { ...options, name: path }),
      );
    } else {
      throw new DomainError("validation_failed", `${path} is not a .zip file or a folder of OSV JSON files.`, { path });
    }
  }
  return results;
}

async function* jsonFiles(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(full);
    else if (entry.isFile() && entry.name.endsWith(".json")) yield full;
  }
}
