/**
 * A RegscanApi stand-in for the tree-model tests: listings served from arrays page by page (or
 * failing with an ApiError), every call recorded. The real client is tested against the real API.
 */
import { ApiError } from "../api/api-error.js";
import type { Page } from "../api/api-types.js";
import type { BrowseOptions, RegscanApi } from "../api/regscan-api.js";

export interface Call {
  method: string;
  args: unknown[];
}

type Listing<T> = T[] | ApiError | ((o: BrowseOptions) => Page<T>);

export function pageOf<T extends { name: string }>(items: T[], o: BrowseOptions, size = o.limit ?? 100): Page<T> {
  const matching = o.q ? items.filter((i) => i.name.toLowerCase().includes(o.q!.toLowerCase())) : items;
  const start = o.cursor ? Number(o.cursor) : 0;
  const next = start + size;
  return { items: matching.slice(start, next), nextCursor: next < matching.length ? String(next) : null };
}

export function fakeApi(listings: Record<string, Listing<any>>, calls: Call[] = []): RegscanApi {
  const serve = (key: string, o: BrowseOptions) => {
    const listing = listings[key];
    if (listing === undefined) throw new ApiError("not_found", `nothing at ${key}`, 404);
    if (listing instanceof ApiError) throw listing;
    return typeof listing === "function" ? listing(o) : pageOf(listing, o);
  };
  const api = {
    async credentials(projectId: string) {
      calls.push({ method: "credentials", args: [projectId] });
      return serve("credentials", {}).items;
    },
    async namespaces(_p: string, c: string, o: BrowseOptions = {}) {
      calls.push({ method: "namespaces", args: [c, o] });
      return serve(`ns:${c}`, o);
    },
    async images(_p: string, c: string, ns: string, o: BrowseOptions = {}) {
      calls.push({ method: "images", args: [c, ns, o] });
      return serve(`img:${c}/${ns}`, o);
    },
    async tags(_p: string, c: string, ns: string, image: string, o: BrowseOptions = {}) {
      calls.push({ method: "tags", args: [c, ns, image, o] });
      return serve(`tags:${c}/${ns}/${image}`, o);
    },
  };
  return api as unknown as RegscanApi;
}
