import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { createDatabase, type RegscanDatabase } from "./database.js";

/** Where to find the database: `file:PATH` (embedded), or a Turso `libsql://` / `https://` URL. */
export interface DatabaseOptions {
  url: string;
  /** Turso auth token; not used for `file:` URLs. */
  authToken?: string | undefined;
}

/** The local path of a `file:` URL, or null for remote URLs and in-memory databases. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const withoutQuery = url.replace(/[?#].*$/, "");
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery.slice("file:".length);
  return path === "" || path === ":memory:" ? null : path;
}

/**
 * Opens a libSQL database on Node with `@libsql/client`. For a `file:` URL, the parent directory is
 * created first (so the default `file:.regscan/regscan.db` works on a fresh checkout). Does not
 * migrate: call `migrate(db)` next. `close()` releases the connection.
 */
export function openDatabase(options: DatabaseOptions): { db: RegscanDatabase; close: () => void } {
  const path = localDatabasePath(options.url);
  if (path !== null) mkdirSync(dirname(path), { recursive: true });
  const client = createClient(
    options.authToken ? { url: options.url, authToken: options.authToken } : { url: options.url },
  );
  return { db: createDatabase(client), close: () => client.close() };
}
