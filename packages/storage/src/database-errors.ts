import { DomainError, isDomainError } from "@regscan/core";

const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/** What a driver error carries: libSQL's `code` (`SQLITE_BUSY`), `extendedCode` and message. */
interface DriverError {
  name?: unknown;
  code?: unknown;
  extendedCode?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * The driver's own error in a cause chain: the first error that is neither a DomainError nor
 * drizzle's wrapper (whose message quotes the query parameters, which may include encrypted
 * secrets and token hashes).
 */
export function driverCause(e: unknown): DriverError | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as DriverError;
    const isWrapper =
      isDomainError(candidate) || "params" in candidate || String(candidate.message).startsWith("Failed query:");
    if (!isWrapper && typeof candidate.code === "string" && candidate.code.length > 0) return candidate;
    if (!isWrapper && candidate.cause === undefined) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/** The libSQL / SQLite error code of a database failure (`SQLITE_BUSY`), if it has one. */
export function databaseErrorCode(e: unknown): string | undefined {
  const code = driverCause(e)?.code;
  return typeof code === "string" && code.length > 0 ? code : undefined;
}

function isForeignKeyViolation(cause: DriverError): boolean {
  if (cause.code === "SQLITE_CONSTRAINT_FOREIGNKEY" || cause.extendedCode === "SQLITE_CONSTRAINT_FOREIGNKEY")
    return true;
  return (
    String(cause.code).startsWith("SQLITE_CONSTRAINT") && /FOREIGN KEY constraint failed/i.test(String(cause.message))
  );
}

function isUniqueViolation(cause: DriverError): boolean {
  if (UNIQUE_CODES.has(String(cause.code)) || UNIQUE_CODES.has(String(cause.extendedCode))) return true;
  // Remote servers may report only the primary code; the message still names the constraint.
  return String(cause.code).startsWith("SQLITE_CONSTRAINT") && /UNIQUE constraint failed/i.test(String(cause.message));
}

/** Failures that say the database cannot be used right now (rather than that the query is wrong). */
const UNAVAILABLE: Record<string, string> = {
  SQLITE_BUSY:
    "The database is locked by another connection or process and stayed locked longer than the busy timeout " +
    "(REGSCAN_DB_BUSY_TIMEOUT_SECONDS). Retry shortly; if it persists, find what holds the lock.",
  SQLITE_LOCKED: "The database is locked by another statement. Retry shortly.",
  SQLITE_READONLY:
    "The database is read-only: check that the data folder and the database files are writable by the API's user.",
  SQLITE_FULL: "The disk holding the database is full: free space, then retry.",
  SQLITE_IOERR: "The database file could not be read or written (I/O error): check the disk and the data folder.",
  SQLITE_CANTOPEN: "The database file cannot be opened: check that it and its folder exist and are accessible.",
};

/** Messages for the constraint violations an operation can expect. */
export interface ViolationMessages {
  /** UNIQUE or PRIMARY KEY violation → DomainError `conflict`. */
  conflict?: string;
  /** FOREIGN KEY violation (the parent row is missing) → DomainError `not_found`. */
  missingParent?: string;
}

/**
 * Translates a libSQL failure at the boundary: a UNIQUE or PRIMARY KEY violation becomes
 * DomainError `conflict`, a FOREIGN KEY violation `not_found`, a locked, read-only, full or
 * unreadable database `service_unavailable`, anything else `internal`. Domain errors pass through.
 * The driver's error is kept as `cause` (for the log: its code and SQLite's message), never
 * drizzle's wrapper, which quotes the query parameters.
 */
export function toDomainDatabaseError(e: unknown, messages: ViolationMessages = {}): DomainError {
  if (isDomainError(e)) return e;
  const cause = driverCause(e);
  if (cause && isUniqueViolation(cause))
    return new DomainError("conflict", messages.conflict ?? "The record already exists.", undefined, { cause });
  if (cause && isForeignKeyViolation(cause))
    return new DomainError("not_found", messages.missingParent ?? "A record it refers to does not exist.", undefined, {
      cause,
    });
  const code = String(cause?.code ?? "");
  const unavailable = UNAVAILABLE[code] ?? UNAVAILABLE[baseCode(code)];
  if (unavailable) return new DomainError("service_unavailable", unavailable, undefined, { cause });
  return new DomainError("internal", "The database query failed.", undefined, { cause });
}

/** `SQLITE_IOERR_WRITE` → `SQLITE_IOERR`. */
function baseCode(code: string): string {
  const [, name] = /^(SQLITE_[A-Z]+)/.exec(code) ?? [];
  return name ?? code;
}

/** Runs a database operation and translates its failures with {@link toDomainDatabaseError}. */
export async function translateDatabaseErrors<T>(
  op: () => PromiseLike<T>,
  messages: ViolationMessages = {},
): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toDomainDatabaseError(e, messages);
  }
}
