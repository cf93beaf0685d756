/**
 * The CLI's advisory database: a libSQL database migrated by `@regscan/storage` (the one migration
 * system of regscan, so `regscan db import --db <the API's REGSCAN_DB_URL>` writes the same tables
 * the API reads). The CLI is regscan's command-line app: its composition root may use storage.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createClient } from "@libsql/client";
import { createDatabase, migrate } from "@regscan/storage";
import type { AdvisoryStore } from "../advisories/advisory-store.js";
import { createLibsqlAdvisoryStore } from "../advisories/libsql-advisory-store.js";
import { defaultCacheDir } from "../walk/node/fs-layer-cache.js";

/**
 * The advisory database URL: `--db URL`, else `REGSCAN_DB_URL`, else
 * `file:<cache dir>/advisories.db` (`REGSCAN_CACHE_DIR`, else `~/.cache/regscan`).
 */
export function advisoryDbUrl(option: string | undefined, env: Record<string, string | undefined>): string {
  if (option) return option;
  if (env.REGSCAN_DB_URL) return env.REGSCAN_DB_URL;
  return pathToFileURL(join(defaultCacheDir(env), "advisories.db")).href;
}

/**
 * Opens the advisory store at `url`, creating and migrating the database when needed (`file:`
 * parents are created). `REGSCAN_DB_AUTH_TOKEN` authenticates to Turso (`libsql://`).
 */
export async function openAdvisoryStore(url: string, env: Record<string, string | undefined>): Promise<AdvisoryStore> {
  if (url.startsWith("file:")) {
    const path = url.startsWith("file://")
      ? fileURLToPath(url.split("?")[0]!)
      : url.slice("file:".length).split("?")[0]!;
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, ...(env.REGSCAN_DB_AUTH_TOKEN ? { authToken: env.REGSCAN_DB_AUTH_TOKEN } : {}) });
  try {
    await migrate(createDatabase(client));
    return await createLibsqlAdvisoryStore(client);
  } catch (e) {
    client.close();
    throw e;
  }
}
