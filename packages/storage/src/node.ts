import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { retryWhileBusy } from "./busy-retry.js";
import { createDatabase, type RegscanDatabase } from "./database.js";
import { toDomainDatabaseError } from "./database-errors.js";
import { checkDatabaseReady, type DatabaseReadiness } from "./database-readiness.js";
import { migrate } from "./migrate.js";
import {
  fileIdentity,
  findInsecureModes,
  type InsecureMode,
  prepareFiles,
  unavailable,
} from "./node/database-files.js";

export { findInsecureModes, type InsecureMode } from "./node/database-files.js";

/** Where to find the database: `file:PATH` (embedded), or a Turso `libsql://` / `https://` URL. */
export interface DatabaseOptions {
  url: string;
  /** Turso auth token; not used for `file:` URLs. */
  authToken?: string | undefined;
  /**
   * How long a statement on a `file:` database waits for another process's lock before failing
   * with SQLITE_BUSY (applied to every connection of the client's pool). Default 5000 ms.
   */
  busyTimeoutMs?: number;
}

/**
 * An opened database. `path` is the file of a `file:` database (null otherwise). `writeDb` is the
 * client writes go through (its own one-connection client for a `file:` database, see
 * createLibsqlStore; `db` itself otherwise): pass both to `createLibsqlStore(db, {writeDb})`.
 */
export interface OpenedDatabase {
  db: RegscanDatabase;
  writeDb: RegscanDatabase;
  /** How long writes wait for another process's lock: `createLibsqlStore(db, {writeDb, busyTimeoutMs})`. */
  busyTimeoutMs: number;
  path: string | null;
  /** File modes wider than 0700 (folder) / 0600 (files), found when it was opened: say so at start. */
  insecureModes: InsecureMode[];
  /** Readiness: the database file is still the one opened, and it answers a read within a short bound. */
  ready(options?: { timeoutMs?: number }): Promise<DatabaseReadiness>;
  /**
   * Checkpoints a file database's WAL into the database file (so the file alone is a complete
   * copy) and closes every connection. Never throws: a failed checkpoint is replayed on next open.
   */
  close(): Promise<void>;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** The local path of a `file:` URL, or null for remote URLs and in-memory databases. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const withoutQuery = url.replace(/[?#].*$/, "");
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery.slice("file:".length);
  return path === "" || path === ":memory:" ? null : path;
}

/**
 * Opens a libSQL database on Node with `@libsql/client` and checks it can be used, so a bad
 * data folder stops the start with a clear message (DomainError `service_unavailable`) instead of
 * failing every request. For a `file:` URL: the data folder is created 0700 and the database file
 * 0600 (SQLite gives its -wal and -shm files the database's mode), both must be writable, the
 * database switches to WAL (readers never wait for a writer) and every connection gets the busy
 * timeout. Existing files with wider modes are reported in `insecureModes`. Does not migrate:
 * call `migrate(writeDb)` next, then `checkWritable(writeDb)`. `close()` releases every connection.
 */
export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  const path = localDatabasePath(options.url);
  if (path !== null) prepareFiles(path);
  const insecureModes = path === null ? [] : findInsecureModes(path);
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const open = (timeout: number, concurrency?: number) => {
    try {
      return createClient({
        url: options.url,
        ...(options.authToken ? { authToken: options.authToken } : {}),
        timeout,
        ...(concurrency ? { concurrency } : {}),
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw unavailable(`Cannot open the database ${path ?? "(remote)"}: ${message}`, e);
    }
  };
  // Reads: SQLite's busy timeout on every pooled connection (in WAL they rarely wait at all).
  // Writes: one connection without it; the store waits for locks with timers (busy-retry.ts).
  const client = open(busyTimeoutMs);
  const writeClient = path === null ? client : open(0, 1);
  const clients = [...new Set([client, writeClient])];
  const db = createDatabase(client);
  const writeDb = writeClient === client ? db : createDatabase(writeClient);
  if (path !== null) {
    try {
      await retryWhileBusy(() => writeDb.run(sql`PRAGMA journal_mode=WAL`), {
        timeoutMs: busyTimeoutMs,
        reconnect: writeClient,
      });
    } catch (e) {
      for (const c of clients) c.close();
      throw toDomainDatabaseError(e);
    }
  }
  const identity = path === null ? null : fileIdentity(path);
  return {
    db,
    writeDb,
    busyTimeoutMs,
    path,
    insecureModes,
    async ready(readyOptions) {
      if (path !== null && fileIdentity(path) !== identity) {
        return {
          ok: false,
          reason: `The database file ${path} was deleted or replaced while the API runs: restart it.`,
        };
      }
      return checkDatabaseReady(db, readyOptions);
    },
    async close() {
      // Readers first, so the checkpoint has no connection of ours to wait for.
      if (client !== writeClient) client.close();
      if (path !== null && !writeClient.closed) {
        try {
          await writeClient.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch {
          // Busy (another process reads): the WAL stays and is replayed on the next open.
        }
      }
      writeClient.close();
    },
  };
}

/** The client to reconnect after a busy failure: only a `file:` one (see busy-retry.ts). */
function fileClient(db: RegscanDatabase): { reconnect?: RegscanDatabase["$client"] } {
  return db.$client.protocol === "file" ? { reconnect: db.$client } : {};
}

/**
 * Proves the database accepts writes: a write inside a transaction that is rolled back. Throws
 * DomainError `service_unavailable` (read-only file or folder, read-only token, locked) otherwise.
 */
export async function checkWritable(db: RegscanDatabase, options: { busyTimeoutMs?: number } = {}): Promise<void> {
  const check = async () => {
    const tx = await db.$client.transaction("write");
    try {
      await tx.execute("INSERT INTO regscan_migrations (id, applied_at) VALUES ('regscan-write-check', 0)");
    } finally {
      await tx.rollback();
    }
  };
  try {
    await retryWhileBusy(check, { timeoutMs: options.busyTimeoutMs ?? 0, ...fileClient(db) });
  } catch (e) {
    throw toDomainDatabaseError(e);
  }
}

/** Brings the schema up to date (`migrate`), waiting up to `busyTimeoutMs` for another process's lock. */
export async function migrateWhenFree(
  db: RegscanDatabase,
  options: { busyTimeoutMs?: number } = {},
): Promise<string[]> {
  try {
    return await retryWhileBusy(() => migrate(db), { timeoutMs: options.busyTimeoutMs ?? 0, ...fileClient(db) });
  } catch (e) {
    throw toDomainDatabaseError(e);
  }
}
