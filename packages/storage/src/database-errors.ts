import { DomainError, isDomainError } from "@regscan/core";

const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/** The innermost libSQL error in a cause chain (drizzle wraps it in an error that quotes the parameters). */
function libsqlCause(e: unknown): { code?: unknown; extendedCode?: unknown; message?: unknown } | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && candidate.code.startsWith("SQLITE")) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

function isUniqueViolation(e: unknown): boolean {
  const cause = libsqlCause(e);
  if (!cause) return false;
  if (UNIQUE_CODES.has(String(cause.code)) || UNIQUE_CODES.has(String(cause.extendedCode))) return true;
  // Remote servers may report only the primary code; the message still names the constraint.
  return String(cause.code).startsWith("SQLITE_CONSTRAINT") && /UNIQUE constraint failed/i.test(String(cause.message));
}

/**
 * Runs a database operation and translates libSQL failures at the boundary: a UNIQUE or PRIMARY
 * KEY violation becomes DomainError `conflict` with `conflictMessage`, anything else `internal`.
 * The original error is kept as `cause` only when it is libSQL's own (drizzle's wrapper quotes the
 * query parameters, which may include encrypted secrets and token hashes).
 */
export async function translateDatabaseErrors<T>(
  op: () => PromiseLike<T>,
  conflictMessage = "The record already exists.",
): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isDomainError(e)) throw e;
    if (isUniqueViolation(e)) throw new DomainError("conflict", conflictMessage);
    throw new DomainError("internal", "The database query failed.", undefined, { cause: libsqlCause(e) });
  }
}
