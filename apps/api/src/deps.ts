import type { BrowseCache, CoreDeps } from "@regscan/core";
import type { Logger } from "./http/logger.js";

/** Everything the HTTP app needs: the domain's dependencies plus HTTP-only settings. */
export interface AppDeps {
  core: CoreDeps;
  logger: Logger;
  /** Origins allowed by CORS (exact match); empty = CORS off. */
  corsOrigins: string[];
  /** Cache for registry listings (browse). */
  browseCache: BrowseCache;
}
