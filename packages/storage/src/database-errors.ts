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

function isForeignKeyViolation(e: unknown): boolean {
  const cause = libsqlCause(e);
  if (!cause) return false;
  if (cause.code === "SQLITE_CONSTRAINT_FOREIGNKEY" || cause.extendedCode === "SQLITE_CONSTRAINT_FOREIGNKEY")
    return true;
  return (
    String(cause.code).startsWith("SQLITE_CONSTRAINT") && /FOREIGN KEY constraint failed/i.test(String(cause.message))
  );
}

function isUniqueViolation(e: unknown): boolean {
  const cause = libsqlCause(e);
  if (!cause) return false;
  if (UNIQUE_CODES.has(String(cause.code)) || UNIQUE_CODES.has(String(cause.extendedCode))) return true;
  // Remote servers may report only the primary code; the message still names the constraint.
  return String(cause.code).startsWith("SQLITE_CONSTRAINT") && /UNIQUE constraint failed/i.test(String(cause.message));
}

/** Messages for the constraint violations an operation can expect. */
export interface ViolationMessages {
  /** UNIQUE or PRIMARY KEY violation → DomainError `conflict`. */
  conflict?: string;
  /** FOREIGN KEY violation (the parent row is missing) → DomainError `not_found`. */
  missingParent?: string;
}

/**
 * Runs a database operation and translates libSQL failures at the boundary: a UNIQUE or PRIMARY
 * KEY violation becomes DomainError `conflict`, a FOREIGN KEY violation `not_found`, anything
 * else `internal`.
 * The original error is kept as `cause` only when it is libSQL's own (drizzle's wrapper quotes the
 * query parameters, which may include encrypted secrets and token hashes).
 */
export async function translateDatabaseErrors<T>(
  op: () => PromiseLike<T>,
  messages: ViolationMessages = {},
): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isDomainError(e)) throw e;
    if (isUniqueViolation(e)) throw new DomainError("conflict", messages.conflict ?? "The record already exists.");
    if (isForeignKeyViolation(e))
      throw new DomainError("not_found", messages.missingParent ?? "A record it refers to does not exist.");
    throw new DomainError("internal", "The database query failed.", undefined, { cause: libsqlCause(e) });
  }
}
