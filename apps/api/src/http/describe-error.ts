import { isDomainError } from "@regscan/core";

/** One link of an error's cause chain, as logged. */
export interface LoggedCause {
  name: string;
  code?: string;
  message?: string;
}

const MAX_MESSAGE = 300;

/** A message safe to log: never a query's parameters (drizzle quotes them after `params:`). */
function safeMessage(e: { message?: unknown; params?: unknown }): string | undefined {
  if (typeof e.message !== "string" || "params" in e) return undefined;
  const cut = e.message.split(/\nparams:/)[0] ?? "";
  return cut.length > MAX_MESSAGE ? `${cut.slice(0, MAX_MESSAGE)}…` : cut;
}

/**
 * What to log about a failure: its domain `code` and its cause chain (name, driver code such as
 * `SQLITE_BUSY`, message), at most five deep. Domain messages and causes never hold secrets;
 * drizzle's wrapper is reduced to its name (its message quotes the query parameters).
 */
export function describeError(error: unknown): { code?: string; cause: LoggedCause[] } {
  const cause: LoggedCause[] = [];
  let current: unknown = isDomainError(error) ? (error as { cause?: unknown }).cause : error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const e = current as { name?: unknown; code?: unknown; message?: unknown; params?: unknown; cause?: unknown };
    const message = safeMessage(e);
    cause.push({
      name: typeof e.name === "string" ? e.name : "Error",
      ...(typeof e.code === "string" && e.code ? { code: e.code } : {}),
      ...(message ? { message } : {}),
    });
    current = e.cause;
  }
  return { ...(isDomainError(error) ? { code: error.code } : {}), cause };
}
