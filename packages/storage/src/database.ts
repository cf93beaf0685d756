import type { Client, ResultSet } from "@libsql/client";
import type { BatchItem } from "drizzle-orm/batch";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.js";

/** Where the database lives when `REGSCAN_DB_URL` is not set (relative to the working directory). */
export const DEFAULT_DB_URL = "file:.regscan/regscan.db";

/**
 * A drizzle database over any libSQL client: `@libsql/client` on Node (file:, libsql://, https://)
 * or `@libsql/client/web` on Workers. The repositories and `migrate` accept any of them.
 */
// biome-ignore lint/suspicious/noExplicitAny: the repositories use the tables directly, so a database built with or without the schema works.
export type LibsqlDatabase = LibSQLDatabase<any>;

/**
 * What a repository runs its queries on: the database itself, or a transaction opened on it
 * (`db.transaction(tx => …)`). A transaction has no `batch`: use {@link runAll} for multi-statement
 * writes.
 */
// biome-ignore lint/suspicious/noExplicitAny: see LibsqlDatabase.
export type LibsqlExecutor = BaseSQLiteDatabase<"async", ResultSet, any>;

/**
 * Runs write statements atomically: one batch on the database, or one after the other inside a
 * transaction (which is already atomic). Returns the results in order.
 */
export async function runAll(db: LibsqlExecutor, statements: readonly BatchItem<"sqlite">[]): Promise<unknown[]> {
  const [first, ...rest] = statements;
  if (first === undefined) return [];
  if ("batch" in db && typeof db.batch === "function") return (db as LibsqlDatabase).batch([first, ...rest]);
  const results: unknown[] = [];
  for (const statement of statements) results.push(await statement);
  return results;
}

/** What `createDatabase` and `openDatabase` return: the schema-aware database and its client. */
export type RegscanDatabase = LibSQLDatabase<typeof schema> & { $client: Client };

/**
 * Wraps a libSQL client in a drizzle database with the regscan schema. Runs on every runtime (no
 * Node imports), e.g. on Workers: `createDatabase(createClient({ url, authToken }))` with
 * `createClient` from `@libsql/client/web`.
 */
export function createDatabase(client: Client): RegscanDatabase {
  return drizzle({ client, schema });
}
