import type { BrowseCache, CoreDeps, Principal, ScanDeps, StoredCredential } from "@regscan/core";
import type { AdvisoryStore } from "@regscan/scanner";
import type { AdvisoryRefresher } from "./advisories/advisory-refresher.js";
import type { DocsAssets } from "./docs/docs-assets.js";
import type { Logger } from "./http/logger.js";
import type { RateLimitDeps } from "./http/rate-limit.js";
import type { ShortLivedCache } from "./http/short-lived-cache.js";

/** Whether the API can serve requests: its database answers (see `GET /v1/ready`). */
export type Readiness = { ok: true } | { ok: false; reason: string; code?: string };

/** Everything the HTTP app needs: the domain's dependencies plus HTTP-only settings. */
export interface AppDeps {
  core: CoreDeps;
  /** The scan use cases' dependencies (the same repositories as `core`, plus scanning). */
  scans: ScanDeps;
  /** The advisory database (the API's own tables). */
  advisories: AdvisoryStore;
  refresher: AdvisoryRefresher;
  logger: Logger;
  /** Origins allowed by CORS (exact match); empty = CORS off. */
  corsOrigins: string[];
  /**
   * Kept `REGSCAN_AUTH_CACHE_SECONDS`, cleared by every write request: the principal of each
   * bearer token, and the credential rows cached registry listings are checked against.
   */
  shortLived: { principals: ShortLivedCache<Principal>; browseCredentials: ShortLivedCache<StoredCredential | null> };
  /** Cache for registry listings (browse). */
  browseCache: BrowseCache;
  /** The readiness check behind `GET /v1/ready` (never throws). */
  ready(): Promise<Readiness>;
  /** The per-token request rate limit (`REGSCAN_RATE_LIMIT_PER_MINUTE`) and the client address it falls back to. */
  rateLimit: RateLimitDeps;
  /** Where /docs gets the reference viewer's script (served from the installed package on Node). */
  docs: DocsAssets;
}
