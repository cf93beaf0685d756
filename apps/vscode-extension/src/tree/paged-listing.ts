/**
 * One level of a tree loaded page by page: items so far, the next cursor, and the guards that keep
 * a misbehaving server from looping the client (a cursor seen twice, too many pages).
 */
import type { Page } from "../api/api-types.js";

/** Most pages one level loads (100 items each): past that, the user narrows with the filter. */
export const MAX_PAGES = 50;

export interface PagedListing<T> {
  items: T[];
  nextCursor: string | null;
  /** Why loading stopped early (a repeated cursor, the page limit), if it did. */
  stopped: string | null;
  pages: number;
  seenCursors: Set<string>;
}

export function emptyListing<T>(): PagedListing<T> {
  return { items: [], nextCursor: null, stopped: null, pages: 0, seenCursors: new Set() };
}

/** Adds one page; refuses to follow a cursor that was already followed. */
export function addPage<T>(listing: PagedListing<T>, page: Page<T>): PagedListing<T> {
  const items = [...listing.items, ...page.items];
  const pages = listing.pages + 1;
  let nextCursor = page.nextCursor;
  let stopped: string | null = null;
  if (nextCursor !== null && listing.seenCursors.has(nextCursor)) {
    stopped = "Stopped loading: the API returned a page it had already returned.";
    nextCursor = null;
  } else if (nextCursor !== null && pages >= MAX_PAGES) {
    stopped = `Showing the first ${items.length}: use Filter to narrow the list.`;
    nextCursor = null;
  }
  const seenCursors = new Set(listing.seenCursors);
  if (nextCursor !== null) seenCursors.add(nextCursor);
  return { items, nextCursor, stopped, pages, seenCursors };
}
