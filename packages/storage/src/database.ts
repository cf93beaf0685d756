import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema.js";

/** Where the database lives when `REGSCAN_DB_URL` is not set (relative to the working directory). */
export const DEFAULT_DB_URL = "file:.regscan/regscan.db";

/**
 * A drizzle database over any libSQL client: `@libsql/client` on Node (file:, libsql://, https://)
 * or `@libsql/client/web` on Workers. The repositories and `migrate` accept any of them.
 */
// biome-ignore lint/suspicious/noExplicitAny: the repositories use the tables directly, so a database built with or without the schema works.
export type LibsqlDatabase = LibSQLDatabase<any>;

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
