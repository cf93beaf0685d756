import { sql } from "drizzle-orm";
import type { LibsqlDatabase } from "./database.js";
import { databaseErrorCode } from "./database-errors.js";

/** Whether the database answered: `ok`, or why not (`code`: the database error code, if any). */
export type DatabaseReadiness = { ok: true } | { ok: false; reason: string; code?: string };

/** The default bound of a readiness query. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Reads the migrations table within `timeoutMs`: proves the database can be reached, opened and
 * read, and holds regscan's schema. Never throws. Runs on every runtime.
 */
export async function checkDatabaseReady(
  db: LibsqlDatabase,
  options: { timeoutMs?: number } = {},
): Promise<DatabaseReadiness> {
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<DatabaseReadiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `The database did not answer within ${timeoutMs} ms.` }),
      timeoutMs,
    );
  });
  const query = db
    .all(sql`SELECT count(*) AS n FROM regscan_migrations`)
    .then((): DatabaseReadiness => ({ ok: true }))
    .catch((e: unknown): DatabaseReadiness => {
      const code = databaseErrorCode(e);
      return { ok: false, reason: "The database query failed.", ...(code ? { code } : {}) };
    });
  try {
    return await Promise.race([query, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
