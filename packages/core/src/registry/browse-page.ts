import { DomainError } from "../errors/domain-error.js";
import type { Page } from "../ports/repositories.js";

/** Paging and filtering of a browse listing. */
export interface BrowseOptions {
  /** 1..100 (default 100). */
  limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** Case-insensitive substring of the name. */
  q?: string | undefined;
  /** True: bypass the cache and ask the registry again. */
  refresh?: boolean | undefined;
}

const collator = new Intl.Collator("en", { numeric: true });

/** Natural name order ("v2" before "v10"), ties broken by code points so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * One page of `items` (sorted by name, filtered by `q`) after the cursor. The cursor holds the
 * last name returned, so a listing that changes between pages neither repeats nor skips items.
 */
export function pageByName<T extends { name: string }>(items: readonly T[], options: BrowseOptions): Page<T> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new DomainError("validation_failed", "limit must be an integer from 1 to 100.", { field: "limit" });
  }
  const needle = options.q?.trim().toLowerCase() ?? "";
  const after = options.cursor === undefined || options.cursor === "" ? null : decodeCursor(options.cursor);
  const sorted = items
    .filter((item) => needle === "" || item.name.toLowerCase().includes(needle))
    .sort((a, b) => compareNames(a.name, b.name));
  const start = after === null ? 0 : sorted.findIndex((item) => compareNames(item.name, after) > 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rest.length > limit && last ? encodeCursor(last.name) : null };
}

function encodeCursor(name: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(JSON.stringify({ after: name }))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(cursor: string): string {
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as unknown;
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === "string") return after;
  } catch {
    // fall through to the validation error
  }
  throw new DomainError("validation_failed", "The cursor is invalid. Request the first page again without a cursor.", {
    field: "cursor",
  });
}
